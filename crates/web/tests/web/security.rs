//! Hostile requests: names that only look like loopback, framing, forged
//! redirects, control characters, oversized bodies, nested records reached
//! through the wrong parent, half-open connections, and a sweep of every
//! route with malformed ids and bodies on SQLite and PostgreSQL.

use crate::common::{
    App, Response, get, now, post, request, select, spawn_app, spawn_app_postgres, zone,
};
use rapport_core::interviews::InterviewForm;
use rapport_core::questions::Priority;
use rapport_store::plans::{self, Source};
use rapport_store::{Page, backup, demo, interviews, people, tasks};
use sha2::{Digest, Sha256};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Sends `raw` as it is and reads the whole answer.
async fn raw(app: &App, raw: &[u8]) -> String {
    let mut stream = tokio::net::TcpStream::connect(app.address).await.unwrap();
    // The server may answer and close before reading all of a large body.
    let _ = stream.write_all(raw).await;
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out).await;
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn names_that_only_look_like_loopback_are_refused() {
    // A page whose name is re-pointed at 127.0.0.1 (DNS rebinding) sends its own Host.
    let app = spawn_app().await;
    let r = request(&app, "GET", "/export/backup.json", "", &[]).await;
    assert_eq!(r.status, 200);
    for host in [
        "evil.example:7878",
        "127.a.evil.example:7878",
        "127.0.0.evil",
        "127.0.0.1.evil.example",
        "localhost.evil.example",
        "0x7f.0.0.1",
        "127.1",
    ] {
        let answer = raw(
            &app,
            format!(
                "GET /export/backup.json HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
            )
            .as_bytes(),
        )
        .await;
        assert!(answer.starts_with("HTTP/1.1 421"), "{host}: {answer}");
        assert!(!answer.contains("rapport-backup"), "{host}");
    }
    let answer = raw(
        &app,
        b"GET /healthz HTTP/1.1\r\nHost: localhost:7878\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

fn assert_security_headers(r: &Response, what: &str) {
    assert_eq!(
        r.header("content-security-policy"),
        "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
        "{what}"
    );
    assert_eq!(r.header("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(r.header("referrer-policy"), "same-origin", "{what}");
    assert_eq!(r.header("x-frame-options"), "DENY", "{what}");
}

#[tokio::test]
async fn a_tab_in_the_back_path_cannot_lead_off_site() {
    let app = spawn_app().await;
    for back in ["/%09/evil.example/landed", "/\\evil.example", "/%0D%0Ax"] {
        let r = request(
            &app,
            "POST",
            "/tasks/done",
            &format!("task=missing&back={back}"),
            &[("Sec-Fetch-Site", "same-origin")],
        )
        .await;
        assert_ne!(r.status, 500, "{back}");
        assert!(!r.location.contains("evil"), "{back}: {}", r.location);
    }
}

#[tokio::test]
async fn a_task_is_done_and_the_answer_is_a_redirect_home_whatever_the_back_path() {
    let app = spawn_app().await;
    let person = crate::common::person(&app, "Dana Ruiz").await;
    let task = tasks::create(
        &app.db,
        &app.account,
        &rapport_core::tasks::TaskForm {
            title: "Call Dana".into(),
            due: "2026-11-27 09:00".into(),
            person_id: Some(person.id.clone()),
            ..Default::default()
        }
        .validate()
        .unwrap(),
        now(),
    )
    .await
    .unwrap();
    let r = post(
        &app,
        "/tasks/done",
        &[("task", &task.id), ("back", "/\r\nx")],
    )
    .await;
    assert_eq!((r.status, r.location.as_str()), (303, "/"));
    let open = tasks::list(&app.db, &app.account, tasks::Show::Open, Page::default())
        .await
        .unwrap();
    assert!(open.iter().all(|t| t.id != task.id));
}

#[tokio::test]
async fn mailto_cannot_gain_a_hidden_bcc() {
    let app = spawn_app().await;
    let r = post(
        &app,
        "/people",
        &[
            ("name", "Victim"),
            ("emails", "victim@x.org?bcc=spy%40evil.example&x=y.z"),
        ],
    )
    .await;
    assert_eq!(r.status, 422);
    let doc = r.html();
    let errors: Vec<String> = select(&doc, ".field-error, .error, [role=alert]")
        .iter()
        .map(crate::common::text)
        .collect();
    assert!(
        errors.iter().any(|e| e.contains("not an email address")),
        "{errors:?}"
    );
    assert!(
        people::list(&app.db, &app.account, &people::Filter::default())
            .await
            .unwrap()
            .is_empty()
    );
}

async fn interview(app: &App) -> String {
    let person = crate::common::person(app, "Ada Lovelace").await;
    let form = InterviewForm {
        person_id: person.id,
        ..InterviewForm::default()
    };
    interviews::create(&app.db, &app.account, &form.validate().unwrap(), now())
        .await
        .unwrap()
        .id
}

#[tokio::test]
async fn a_planned_question_is_reached_only_through_its_own_interview() {
    let app = spawn_app().await;
    let (a, b) = (interview(&app).await, interview(&app).await);
    let item = plans::add(
        &app.db,
        &app.account,
        &a,
        &Source::Builtin("day.typical".into()),
        Priority::Must,
        None,
    )
    .await
    .unwrap();
    let note = post(
        &app,
        &format!("/interviews/{b}/plan/{item}/note"),
        &[("note", "written through B")],
    )
    .await;
    assert_eq!(note.status, 404);
    let remove = post(&app, &format!("/interviews/{b}/plan/{item}/remove"), &[]).await;
    assert_eq!(remove.status, 404);
    let newline = post(&app, &format!("/interviews/%0A/plan/{item}/remove"), &[]).await;
    assert_eq!(newline.status, 404);
    let plan = plans::list(&app.db, &app.account, &a).await.unwrap();
    assert_eq!((plan.len(), plan[0].note.as_str()), (1, ""));

    let missing = "01900000-0000-7000-8000-000000000000";
    let add = post(
        &app,
        &format!("/interviews/{missing}/plan/add"),
        &[("text", "What surprised you most?"), ("minutes", "3")],
    )
    .await;
    assert_eq!(add.status, 404);
    assert!(
        rapport_store::questions::list(&app.db, &app.account)
            .await
            .unwrap()
            .is_empty(),
        "the question was kept for a missing interview"
    );
}

#[tokio::test]
async fn missing_records_are_404_and_nul_is_refused_before_the_database() {
    let app = spawn_app().await;
    for path in [
        "/people/01900000-0000-7000-8000-000000000000",
        "/people/a%00b",
        "/organizations/a%0D%0Ab",
        "/interviews/zzzz",
    ] {
        assert_eq!(get(&app, path).await.status, 404, "{path}");
    }
    let r = post(&app, "/tasks/done", &[("task", "a\0b")]).await;
    assert_eq!(r.status, 422);
    let r = post(&app, "/people", &[("name", "Ada"), ("notes", "x\0y")]).await;
    assert_eq!(r.status, 422);
    assert!(
        people::list(&app.db, &app.account, &people::Filter::default())
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn oversized_bodies_get_413() {
    let app = spawn_app().await;
    let body = format!("name={}", "a".repeat(10 * 1024 * 1024));
    let answer = raw(
        &app,
        format!(
            "POST /people HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nSec-Fetch-Site: same-origin\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            app.address,
            body.len()
        )
        .as_bytes(),
    )
    .await;
    assert!(
        answer.starts_with("HTTP/1.1 413"),
        "{}",
        &answer[..answer.len().min(200)]
    );
}

/// Waits, at most 30 s, for the server to close `stream`; the server's
/// limit is 10 s, and 30 s is ample on a busy machine.
async fn closed_by_the_server(mut stream: tokio::net::TcpStream, what: &str) {
    let mut buf = [0u8; 512];
    loop {
        match tokio::time::timeout(Duration::from_secs(30), stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return,
            // A 408 or the tail of an earlier answer: keep reading to the close.
            Ok(Ok(_)) => {}
            Err(_) => panic!("{what}: still open after 30 s"),
        }
    }
}

#[tokio::test]
async fn half_open_and_idle_connections_are_closed() {
    let app = spawn_app().await;
    let mut half_open = tokio::net::TcpStream::connect(app.address).await.unwrap();
    half_open
        .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .await
        .unwrap();
    let mut idle = tokio::net::TcpStream::connect(app.address).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .await
        .unwrap();
    let mut first = [0u8; 64];
    let n = idle.read(&mut first).await.unwrap();
    assert!(
        first[..n].starts_with(b"HTTP/1.1 200"),
        "the kept-alive connection was answered"
    );
    tokio::join!(
        closed_by_the_server(half_open, "a connection that never finished its headers"),
        closed_by_the_server(idle, "an idle kept-alive connection"),
    );
}

/// The account's whole data, as the backup sees it, hashed.
async fn data_hash(app: &App) -> String {
    let doc = backup::export(&app.db, &app.account, now()).await.unwrap();
    let states = tasks::list(&app.db, &app.account, tasks::Show::All, Page::default())
        .await
        .unwrap()
        .iter()
        .map(|t| format!("{}:{:?}:{:?}", t.id, t.done_at, t.due_at))
        .collect::<Vec<_>>()
        .join(",");
    let digest = Sha256::digest(format!("{doc}{states}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Every route of `crates/web/src/html/mod.rs`, with its methods, read from
/// the source so that a new route is swept without anyone listing it; and
/// every operation of the API, read from its generated description.
fn routes() -> Vec<(String, Vec<&'static str>)> {
    let mut all = page_routes();
    let doc: serde_json::Value = serde_json::from_str(&rapport_web::api::document()).unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let methods = item
            .as_object()
            .unwrap()
            .keys()
            .filter_map(|m| {
                ["GET", "POST", "PUT", "DELETE"]
                    .into_iter()
                    .find(|k| k.eq_ignore_ascii_case(m))
            })
            .collect();
        all.push((format!("{}{path}", rapport_web::api::BASE), methods));
    }
    all.push((
        format!("{}/openapi.json", rapport_web::api::BASE),
        vec!["GET"],
    ));
    all
}

fn page_routes() -> Vec<(String, Vec<&'static str>)> {
    let source = include_str!("../../src/html/mod.rs");
    source
        .split(".route(")
        .skip(1)
        .filter_map(|chunk| {
            let path = chunk.split('"').nth(1)?.to_owned();
            let mut methods = Vec::new();
            if chunk.contains("get(") {
                methods.push("GET");
            }
            if chunk.contains("post(") {
                methods.push("POST");
            }
            Some((path, methods))
        })
        .collect()
}

/// Malformed ids: NUL, CR/LF, a dot-dot, 10 kB, a well-formed id of nothing.
const BAD_IDS: [&str; 6] = [
    "a%00b",
    "a%0D%0Ab",
    "..",
    "%2E%2E%2F%2E%2E%2Fetc",
    "01900000-0000-7000-8000-000000000000",
    "",
];

fn fill(path: &str, id: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find('}')
            .map_or(rest.len(), |e| start + e + 1);
        out.push_str(id);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

const HOSTILE_BODIES: [&str; 4] = [
    "",
    "name=a%00b&title=x&notes=x%00y&task=a%00b&back=%2F%0D%0Ax&note=a%00b&text=a%00b&body=a%00b",
    "name=%0D%0A&emails=a%40b.org%3Fbcc%3Dc%40d.org&back=%2F%09%2Fevil.example&status=nonsense&minutes=-99999999999&length=99999999999999999999&cadence_days=-999999999",
    "person_id=..&organization_id=a%00&field_id=%0A&referred_by_id=zzz&key=..%2F..&question=a%00b&priority=%FF",
];

async fn sweep(app: &App) {
    demo::load(&app.db, &app.account, zone(), now())
        .await
        .unwrap();
    let ten_kb = "a".repeat(10 * 1024);
    let mut ids: Vec<&str> = BAD_IDS.to_vec();
    ids.push(&ten_kb);
    let routes = routes();
    assert!(routes.len() > 60, "read {} routes", routes.len());
    let mut hash = data_hash(app).await;
    let mut refused = 0;
    for (path, methods) in &routes {
        let filled: Vec<String> = if path.contains('{') {
            ids.iter().map(|id| fill(path, id)).collect()
        } else {
            vec![path.clone()]
        };
        for target in &filled {
            for method in methods {
                let bodies: &[&str] = if *method == "POST" {
                    &HOSTILE_BODIES
                } else {
                    &[""]
                };
                for body in bodies {
                    let r = request(
                        app,
                        method,
                        target,
                        body,
                        &[("Sec-Fetch-Site", "same-origin")],
                    )
                    .await;
                    assert_ne!(r.status, 500, "{method} {target} [{body}]: {}", r.body);
                    assert_security_headers(&r, &format!("{method} {target}"));
                    let now_hash = data_hash(app).await;
                    if r.status >= 400 {
                        refused += 1;
                        assert_eq!(
                            now_hash, hash,
                            "{method} {target} [{body}] was refused with {} but changed the data",
                            r.status
                        );
                    }
                    hash = now_hash;
                }
            }
        }
    }
    assert!(refused > 300, "only {refused} requests were refused");
}

#[test]
fn every_route_has_one_entry_in_the_access_table() {
    let mut listed: Vec<(String, String)> = rapport_web::access::ROUTES
        .iter()
        .map(|(m, p, _)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    let mut routed: Vec<(String, String)> = routes()
        .into_iter()
        .flat_map(|(path, methods)| {
            methods
                .into_iter()
                .map(move |m| (m.to_owned(), path.clone()))
        })
        .collect();
    listed.sort();
    routed.sort();
    assert_eq!(routed, listed, "the router and the access table differ");
}

#[tokio::test]
async fn every_route_survives_malformed_ids_and_bodies_on_sqlite() {
    sweep(&spawn_app().await).await;
}

#[tokio::test]
async fn every_route_survives_malformed_ids_and_bodies_on_postgres() {
    if let Some(app) = spawn_app_postgres().await {
        sweep(&app).await;
        app.finish().await;
    }
}

#[tokio::test]
async fn a_full_disk_shows_the_form_again_with_what_was_typed() {
    use rapport_store::{Db, Location, accounts};
    use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("full.db");
    let db = Db::open(&Location::Sqlite(path.clone())).await.unwrap();
    accounts::local(&db, now()).await.unwrap();
    let Db::Sqlite(pool) = &db else {
        unreachable!()
    };
    let pages: i64 = sqlx::query_scalar("PRAGMA page_count")
        .fetch_one(pool)
        .await
        .unwrap();
    db.close().await;
    // The database may not grow by a single page: as if the disk were full.
    let options = SqliteConnectOptions::new()
        .filename(&path)
        .foreign_keys(true)
        .pragma("max_page_count", pages.to_string());
    let pool = SqlitePoolOptions::new()
        .max_connections(2)
        .connect_with(options)
        .await
        .unwrap();
    let app = crate::common::serve(Db::Sqlite(pool), Some(dir), None).await;
    let notes = format!(
        "Met at the alumni night; ask about her path. {}",
        "x".repeat(200_000)
    );
    let r = post(
        &app,
        "/people",
        &[
            ("name", "Dana Ruiz"),
            ("notes", &notes),
            ("back", "/people"),
        ],
    )
    .await;
    assert_eq!(r.status, 507, "{}", &r.body[..r.body.len().min(500)]);
    let doc = r.html();
    assert!(crate::common::text(&select(&doc, "main")[0]).contains("disk"));
    let typed: Vec<String> = select(&doc, "form[action=\"/people\"] textarea")
        .iter()
        .map(|t| t.text().collect())
        .collect();
    assert!(typed.contains(&"Dana Ruiz".to_owned()), "{typed:?}");
    assert!(
        typed
            .iter()
            .any(|t| t.starts_with("Met at the alumni night"))
    );
    crate::common::check_page_rules(&doc, "not saved");
}
