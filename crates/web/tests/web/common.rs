//! The real server on 127.0.0.1:0 over a fresh SQLite file, a plain HTTP/1.1
//! client, and selector helpers.

use chrono::{TimeZone as _, Utc};
use rapport_core::clock::FixedClock;
use rapport_core::validated::TimeZone;
use rapport_store::{AccountId, Db, Location, accounts};
use scraper::{ElementRef, Html, Selector};
use sqlx::Connection;
use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

pub struct App {
    pub address: SocketAddr,
    pub db: Db,
    pub account: AccountId,
    _dir: Option<tempfile::TempDir>,
    schema: Option<(String, String)>,
}

/// Thursday 26 November 2026, 09:00 in Los Angeles.
pub fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 17, 0, 0).unwrap()
}

pub fn zone() -> TimeZone {
    TimeZone::parse("America/Los_Angeles").unwrap()
}

pub async fn spawn_app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&Location::Sqlite(dir.path().join("web.db")))
        .await
        .unwrap();
    serve(db, Some(dir), None).await
}

pub const PG_ENV: &str = "RAPPORT_TEST_DATABASE_URL";

/// The same server on a fresh PostgreSQL schema, or `None` when PostgreSQL is
/// not configured (under CI that is a failure).
pub async fn spawn_app_postgres() -> Option<App> {
    let url = match std::env::var(PG_ENV) {
        Ok(url) if !url.trim().is_empty() => url,
        _ => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{PG_ENV} is not set under CI: the PostgreSQL web tests must run"
            );
            return None;
        }
    };
    let schema = format!("w_{}", rapport_store::ids::new_id().replace('-', ""));
    let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
    sqlx::Executor::execute(&mut conn, format!("CREATE SCHEMA {schema}").as_str())
        .await
        .unwrap();
    conn.close().await.unwrap();
    let sep = if url.contains('?') { '&' } else { '?' };
    let location = Location::Postgres(format!("{url}{sep}options=-csearch_path%3D{schema}"));
    let db = Db::open(&location).await.unwrap();
    Some(serve(db, None, Some((url, schema))).await)
}

/// Serves `db` (already migrated) with the local account.
pub async fn serve(
    db: Db,
    dir: Option<tempfile::TempDir>,
    schema: Option<(String, String)>,
) -> App {
    let account = accounts::local(&db, now()).await.unwrap();
    let state = rapport_web::AppState::new(
        db.clone(),
        account.clone(),
        zone(),
        Arc::new(FixedClock(now())),
    );
    let address = listen(state).await;
    App {
        address,
        db,
        account,
        _dir: dir,
        schema,
    }
}

/// Serves `state` on a free loopback port until the test ends.
async fn listen(state: rapport_web::AppState) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(rapport_web::serve(listener, state, std::future::pending()));
    address
}

impl App {
    /// Drops the PostgreSQL schema of this app, if it has one.
    pub async fn finish(self) {
        self.db.close().await;
        if let Some((url, schema)) = &self.schema {
            let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
            sqlx::Executor::execute(&mut conn, format!("DROP SCHEMA {schema} CASCADE").as_str())
                .await
                .unwrap();
        }
    }
}

pub struct Response {
    pub head: String,
    pub status: u16,
    pub content_type: String,
    pub location: String,
    pub body: String,
}

impl Response {
    /// The value of the response header `name`, or empty.
    pub fn header(&self, name: &str) -> String {
        header(&self.head, name)
    }

    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }
}

fn header(head: &str, name: &str) -> String {
    head.lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
        })
        .unwrap_or_default()
}

pub async fn request(
    app: &App,
    method: &str,
    path: &str,
    body: &str,
    extra: &[(&str, &str)],
) -> Response {
    let kind = (method == "POST").then_some("application/x-www-form-urlencoded");
    send(app, method, path, kind, body, extra).await
}

/// A JSON request to the API, as a script sends it.
pub async fn api(
    app: &App,
    method: &str,
    path: &str,
    body: &str,
    extra: &[(&str, &str)],
) -> Response {
    let kind = (method != "GET").then_some("application/json");
    send(app, method, path, kind, body, extra).await
}

async fn send(
    app: &App,
    method: &str,
    path: &str,
    kind: Option<&str>,
    body: &str,
    extra: &[(&str, &str)],
) -> Response {
    let mut stream = tokio::net::TcpStream::connect(app.address).await.unwrap();
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
        app.address
    );
    if let Some(kind) = kind {
        request.push_str(&format!(
            "Content-Type: {kind}\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    for (k, v) in extra {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let text = String::from_utf8(raw).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    Response {
        head: head.to_owned(),
        status: head.split_whitespace().nth(1).unwrap().parse().unwrap(),
        content_type: header(head, "content-type"),
        location: header(head, "location"),
        body: body.to_owned(),
    }
}

pub async fn get(app: &App, path: &str) -> Response {
    request(app, "GET", path, "", &[]).await
}

/// Posts `pairs` as a form, the way a browser on rapport's own page does.
pub async fn post(app: &App, path: &str, pairs: &[(&str, &str)]) -> Response {
    let body: String = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    request(
        app,
        "POST",
        path,
        &body,
        &[("Sec-Fetch-Site", "same-origin")],
    )
    .await
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

pub fn text(e: &ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The rules every page keeps: one h1, unique ids, a label for every input,
/// no inline event handlers.
pub fn check_page_rules(doc: &Html, page: &str) {
    assert_eq!(select(doc, "h1").len(), 1, "{page}: one h1 per page");
    let mut ids = HashSet::new();
    for e in select(doc, "[id]") {
        let id = e.value().attr("id").unwrap();
        assert!(ids.insert(id.to_owned()), "{page}: duplicate id {id}");
    }
    for input in select(doc, "input:not([type=hidden]), select, textarea") {
        let id = input
            .value()
            .attr("id")
            .unwrap_or_else(|| panic!("{page}: an input without id: {:?}", input.value()));
        assert!(
            !select(doc, &format!("label[for=\"{id}\"]")).is_empty(),
            "{page}: no label for {id}"
        );
    }
    for e in select(doc, "*") {
        for (name, _) in e.value().attrs() {
            assert!(!name.starts_with("on"), "{page}: inline handler {name}");
        }
    }
}

/// Posts a file as `multipart/form-data`, the way the import form does.
pub async fn post_file(
    app: &App,
    path: &str,
    file_name: &str,
    content: &str,
    format: &str,
) -> Response {
    post_file_with(app, path, file_name, content, &[("format", format)]).await
}

/// Posts a file with other form fields as `multipart/form-data`.
pub async fn post_file_with(
    app: &App,
    path: &str,
    file_name: &str,
    content: &str,
    fields: &[(&str, &str)],
) -> Response {
    let boundary = "rapport-test-boundary";
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n{content}\r\n\
         --{boundary}--\r\n"
    ));
    let content_type = format!("multipart/form-data; boundary={boundary}");
    let mut stream = tokio::net::TcpStream::connect(app.address).await.unwrap();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nSec-Fetch-Site: same-origin\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
        app.address,
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let text = String::from_utf8(raw).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    Response {
        head: head.to_owned(),
        status: head.split_whitespace().nth(1).unwrap().parse().unwrap(),
        content_type: header(head, "content-type"),
        location: header(head, "location"),
        body: body.to_owned(),
    }
}

/// A person with just a name, stored directly.
pub async fn person(app: &App, name: &str) -> rapport_core::people::Person {
    let form = rapport_core::people::PersonForm {
        name: name.into(),
        ..Default::default()
    };
    rapport_store::people::create(&app.db, &app.account, &form.validate().unwrap(), now())
        .await
        .unwrap()
}

/// A career center's server over `db` (already migrated), its clock at
/// `at`. `App::account` is unused in server mode.
pub async fn serve_server(
    db: Db,
    dir: Option<tempfile::TempDir>,
    schema: Option<(String, String)>,
    settings: rapport_web::Server,
    at: chrono::DateTime<Utc>,
) -> App {
    let account = accounts::local(&db, now()).await.unwrap();
    let state =
        rapport_web::AppState::server(db.clone(), settings, zone(), Arc::new(FixedClock(at)));
    let address = listen(state).await;
    App {
        address,
        db,
        account,
        _dir: dir,
        schema,
    }
}

/// Server mode with invitations only and no proxy.
pub fn invitation_only() -> rapport_web::Server {
    rapport_web::Server {
        sign_up: rapport_web::SignUp::Invitation,
        trusted_proxy: None,
    }
}

/// A server on a fresh SQLite file.
pub async fn spawn_server(settings: rapport_web::Server) -> App {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&Location::Sqlite(dir.path().join("server.db")))
        .await
        .unwrap();
    serve_server(db, Some(dir), None, settings, now()).await
}

/// A server on a fresh PostgreSQL schema, or `None` without PostgreSQL.
pub async fn spawn_server_postgres(settings: rapport_web::Server) -> Option<App> {
    let app = spawn_app_postgres().await?;
    let (db, schema) = (app.db.clone(), app.schema.clone());
    Some(serve_server(db, None, schema, settings, now()).await)
}

/// A second app server on the same database as `app` (as behind a load
/// balancer), its clock at `at`.
pub async fn another_server(
    app: &App,
    settings: rapport_web::Server,
    at: chrono::DateTime<Utc>,
) -> App {
    serve_server(app.db.clone(), None, None, settings, at).await
}

/// The password every test account uses.
pub const PASSWORD: &str = "violet tractor harbor 42";

/// A signed-in browser: its cookie and its session's form token.
#[derive(Clone, Debug)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

/// The `name=value` of a response's `Set-Cookie`.
pub fn cookie_of(r: &Response) -> String {
    let set = r.header("set-cookie");
    set.split(';').next().unwrap_or_default().to_owned()
}

/// Reads the form token from a signed-in page.
pub async fn session_from(app: &App, cookie: String) -> Session {
    let page = request(app, "GET", "/account", "", &[("Cookie", &cookie)]).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let doc = page.html();
    let csrf = select(&doc, "input[name=csrf]")
        .first()
        .and_then(|e| e.value().attr("value"))
        .expect("a form token on the account page")
        .to_owned();
    Session { cookie, csrf }
}

pub async fn sign_in(app: &App, email: &str, password: &str) -> Session {
    let r = post(app, "/sign-in", &[("email", email), ("password", password)]).await;
    assert_eq!(r.status, 303, "sign-in of {email}: {}", r.body);
    session_from(app, cookie_of(&r)).await
}

/// A student signed up through an invitation, signed in.
pub async fn student(app: &App, email: &str) -> Session {
    let token = rapport_store::account_links::invite(&app.db, email, now())
        .await
        .unwrap();
    let r = post(
        app,
        "/sign-up",
        &[
            ("invite", &token),
            ("password", PASSWORD),
            ("confirm", PASSWORD),
        ],
    )
    .await;
    assert_eq!(r.status, 303, "sign-up of {email}: {}", r.body);
    session_from(app, cookie_of(&r)).await
}

/// An account made the way `rapport admin create-account` makes it, its
/// password set through the one-time link, signed in.
pub async fn staff(app: &App, kind: accounts::Kind, email: &str) -> Session {
    let id = accounts::create(&app.db, kind, email, None, now())
        .await
        .unwrap();
    let token = rapport_store::account_links::reset(&app.db, &id, now())
        .await
        .unwrap();
    let r = post(
        app,
        "/set-password",
        &[
            ("token", &token),
            ("password", PASSWORD),
            ("confirm", PASSWORD),
        ],
    )
    .await;
    assert_eq!(r.status, 303, "password of {email}: {}", r.body);
    sign_in(app, email, PASSWORD).await
}

/// The account id of `email`.
pub async fn account_of(app: &App, email: &str) -> AccountId {
    accounts::by_email(&app.db, email)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// GET as a signed-in browser.
pub async fn get_as(app: &App, s: &Session, path: &str) -> Response {
    request(app, "GET", path, "", &[("Cookie", &s.cookie)]).await
}

/// POST a form as a signed-in browser on rapport's own page (token included).
pub async fn post_as(app: &App, s: &Session, path: &str, pairs: &[(&str, &str)]) -> Response {
    let mut pairs = pairs.to_vec();
    pairs.push(("csrf", &s.csrf));
    request(
        app,
        "POST",
        path,
        &form_body(&pairs),
        &[("Cookie", &s.cookie), ("Sec-Fetch-Site", "same-origin")],
    )
    .await
}

/// `pairs` as an urlencoded body.
pub fn form_body(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A response's JSON body, or a panic that shows it.
pub fn json(r: &Response) -> serde_json::Value {
    serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{e}: {}", r.body))
}

/// The fields a problem's `errors` name, in order.
pub fn fields_named(r: &Response) -> Vec<String> {
    json(r)["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["field"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// `Bearer …` with a new personal token of `account`, as a script sends it.
pub async fn bearer(app: &App, account: &AccountId, read_only: bool) -> String {
    let made = rapport_store::api_tokens::create(&app.db, account, "script", read_only, now())
        .await
        .unwrap();
    format!("Bearer {}", made.secret)
}
