//! The real server on 127.0.0.1:0, spoken to over HTTP; pages checked by
//! selectors.

#![allow(clippy::unwrap_used)]

use chrono::{TimeZone as _, Utc};
use rapport_core::clock::FixedClock;
use rapport_core::interviews::InterviewForm;
use rapport_core::people::PersonForm;
use rapport_core::pipeline::Status;
use rapport_core::tasks::TaskForm;
use rapport_core::validated::TimeZone;
use rapport_store::{AccountId, Db, Location, accounts, interviews, people, tasks};
use scraper::{Html, Selector};
use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

struct App {
    address: SocketAddr,
    db: Db,
    account: AccountId,
    _dir: tempfile::TempDir,
}

fn now() -> chrono::DateTime<Utc> {
    // Thursday 26 November 2026, 09:00 in Los Angeles.
    Utc.with_ymd_and_hms(2026, 11, 26, 17, 0, 0).unwrap()
}

async fn spawn_app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&Location::Sqlite(dir.path().join("web.db")))
        .await
        .unwrap();
    let account = accounts::local(&db, now()).await.unwrap();
    let zone = TimeZone::parse("America/Los_Angeles").unwrap();
    let state = rapport_web::AppState::new(
        db.clone(),
        account.clone(),
        zone,
        Arc::new(FixedClock(now())),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(rapport_web::serve(listener, state, std::future::pending()));
    App {
        address,
        db,
        account,
        _dir: dir,
    }
}

struct Response {
    status: u16,
    content_type: String,
    body: String,
}

async fn get(app: &App, path: &str) -> Response {
    let mut stream = tokio::net::TcpStream::connect(app.address).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let text = String::from_utf8(raw).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let content_type = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-type:")
                .map(|v| v.trim().to_owned())
        })
        .unwrap_or_default();
    Response {
        status,
        content_type,
        body: body.to_owned(),
    }
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text(e: &scraper::ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The rules every page keeps: one h1, unique ids, a label for every input,
/// no inline event handlers.
fn check_page_rules(doc: &Html) {
    assert_eq!(select(doc, "h1").len(), 1, "one h1 per page");
    let mut ids = HashSet::new();
    for e in select(doc, "[id]") {
        let id = e.value().attr("id").unwrap();
        assert!(ids.insert(id.to_owned()), "duplicate id {id}");
    }
    for input in select(doc, "input:not([type=hidden]), select, textarea") {
        let id = input.value().attr("id").expect("inputs have ids");
        assert!(
            !select(doc, &format!("label[for=\"{id}\"]")).is_empty(),
            "no label for {id}"
        );
    }
    for e in select(doc, "*") {
        for (name, _) in e.value().attrs() {
            assert!(!name.starts_with("on"), "inline handler {name}");
        }
    }
}

#[tokio::test]
async fn health_reports_the_database() {
    let app = spawn_app().await;
    let r = get(&app, "/healthz").await;
    assert_eq!(r.status, 200);
    assert!(r.content_type.starts_with("application/json"));
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["status"], "ok");
    assert_eq!(v["database"], "sqlite");
    app.db.close().await;
    assert_eq!(get(&app, "/healthz").await.status, 503);
}

#[tokio::test]
async fn an_empty_today_teaches_the_method() {
    let app = spawn_app().await;
    let r = get(&app, "/").await;
    assert_eq!(r.status, 200);
    assert!(r.content_type.starts_with("text/html"));
    let doc = Html::parse_document(&r.body);
    check_page_rules(&doc);
    assert_eq!(text(&select(&doc, "h1")[0]), "Today");
    assert!(text(&select(&doc, ".page-head p")[0]).contains("Thursday 26 November 2026"));
    let empties: Vec<String> = select(&doc, ".empty").iter().map(text).collect();
    assert_eq!(empties.len(), 2);
    assert!(empties[0].contains("20–30 minute"), "{}", empties[0]);
    assert!(empties[1].contains("within 24 hours"), "{}", empties[1]);
    assert_eq!(select(&doc, ".steps li").len(), 7);
}

#[tokio::test]
async fn today_lists_interviews_and_tasks_soonest_first() {
    let app = spawn_app().await;
    let (db, account) = (&app.db, &app.account);
    let person = PersonForm {
        name: "Dana Ruiz".into(),
        ..PersonForm::default()
    };
    let person = people::create(db, account, &person.validate().unwrap(), now())
        .await
        .unwrap();
    for start in ["2026-12-02 10:00", "2026-11-27 14:00"] {
        let form = InterviewForm {
            person_id: person.id.clone(),
            starts_at: start.into(),
            time_zone: "America/Los_Angeles".into(),
            ..InterviewForm::default()
        };
        let i = interviews::create(db, account, &form.validate().unwrap(), now())
            .await
            .unwrap();
        interviews::move_to(db, account, &i.id, Status::Scheduled, now())
            .await
            .unwrap();
    }
    let task = |title: &str, due: &str| TaskForm {
        title: title.into(),
        due: due.into(),
        time_zone: "America/Los_Angeles".into(),
        person_id: Some(person.id.clone()),
        ..TaskForm::default()
    };
    for (title, due) in [
        ("Send thanks to Dana", "2026-11-25 17:00"),
        ("Call to confirm", "2026-11-26 15:00"),
        ("Read the annual report <b>", ""),
    ] {
        tasks::create(db, account, &task(title, due).validate().unwrap(), now())
            .await
            .unwrap();
    }

    let r = get(&app, "/").await;
    assert_eq!(r.status, 200);
    let doc = Html::parse_document(&r.body);
    check_page_rules(&doc);
    let whens: Vec<String> = select(&doc, ".card .when").iter().map(text).collect();
    assert_eq!(whens, vec!["tomorrow 14:00", "Wednesday 10:00"]);
    let card = text(&select(&doc, ".card")[0]);
    assert!(
        card.contains("Dana Ruiz")
            && card.contains("Scheduled")
            && card.contains("Step 4 · Prepare"),
        "{card}"
    );
    let groups: Vec<String> = select(&doc, "h3.group").iter().map(text).collect();
    assert_eq!(groups, vec!["Overdue", "Today", "Whenever you can"]);
    assert_eq!(
        text(&select(&doc, ".task-overdue .task-title")[0]),
        "Send thanks to Dana · Dana Ruiz"
    );
    // Text is escaped, never markup.
    assert!(select(&doc, ".task b").is_empty());
    assert!(
        r.body.contains("Read the annual report &lt;b&gt;")
            || r.body.contains("Read the annual report &#60;b&#62;")
    );
}

#[tokio::test]
async fn unknown_pages_get_a_real_404_page_and_the_stylesheet_is_served() {
    let app = spawn_app().await;
    let r = get(&app, "/no/such/page").await;
    assert_eq!(r.status, 404);
    let doc = Html::parse_document(&r.body);
    check_page_rules(&doc);
    assert_eq!(text(&select(&doc, "h1")[0]), "Page not found");
    let css = get(&app, "/static/style.css").await;
    assert_eq!(css.status, 200);
    assert!(css.content_type.starts_with("text/css"));
    assert!(css.body.contains("prefers-color-scheme: dark"));
}
