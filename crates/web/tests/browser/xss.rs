//! Stored XSS: hostile text saved in every text field, every page rendered
//! in Chromium under rapport's Content-Security-Policy. No payload may run,
//! no markup of one may reach the page, and the browser may report no
//! policy violation (reports go to a counter beside the app; a probe page
//! proves the counter hears them).

use super::{App, css};
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use fantoccini::Client;
use rapport_core::clock::{Clock, SystemClock};
use rapport_core::conversations::ConversationForm;
use rapport_core::fields::FieldForm;
use rapport_core::interviews::InterviewForm;
use rapport_core::organizations::OrganizationForm;
use rapport_core::people::PersonForm;
use rapport_core::questions::own_question;
use rapport_core::validated::TimeZone;
use rapport_store::{
    Db, Location, accounts, conversations, fields, interviews, organizations, people, questions,
};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Script tags, event handlers, `javascript:` links, SVG, attribute and
/// element breakouts, template syntax; each would set `window.__xss`.
pub const PAYLOADS: [&str; 32] = [
    "<script>window.__xss=1</script>",
    "<img src=x onerror=\"window.__xss=1\">",
    "\"><script>window.__xss=1</script>",
    "'><img src=x onerror=window.__xss=1>",
    "<svg onload=\"window.__xss=1\">",
    "<svg><script>window.__xss=1</script></svg>",
    "javascript:window.__xss=1",
    "<a href=\"javascript:window.__xss=1\">click</a>",
    "<iframe src=\"javascript:window.__xss=1\"></iframe>",
    "<body onload=window.__xss=1>",
    "<details open ontoggle=window.__xss=1>",
    "<input autofocus onfocus=window.__xss=1>",
    "\" autofocus onfocus=\"window.__xss=1",
    "' onmouseover='window.__xss=1",
    "</textarea><script>window.__xss=1</script>",
    "</title><script>window.__xss=1</script>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "<object data=\"javascript:window.__xss=1\">",
    "<embed src=\"javascript:window.__xss=1\">",
    "<base href=\"javascript:/\">",
    "<form action=\"javascript:window.__xss=1\"><button>go</button></form>",
    "<video><source onerror=\"window.__xss=1\">",
    "<style>@import 'javascript:window.__xss=1';</style>",
    "{{7*7}} ${7*7} <%= 7*7 %>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__xss=1\">",
    "<link rel=stylesheet href=\"javascript:window.__xss=1\">",
    "data:text/html,<script>window.__xss=1</script>",
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    "<noscript><p title=\"</noscript><img src=x onerror=window.__xss=1>\">",
    "]]><script>window.__xss=1</script>",
    "<svg><a xlink:href=\"javascript:window.__xss=1\"><text x=\"20\" y=\"20\">x</text></a></svg>",
];

/// What a page holds that no escaped text could have made: elements with
/// inline handlers, scripts other than rapport's own, `javascript:` URLs,
/// frames, plugins, `<base>`, and the marker a payload would set.
pub(crate) const INJECTED: &str = r#"
const bad = [];
for (const e of document.querySelectorAll('*')) {
  for (const a of e.attributes) {
    if (a.name.startsWith('on')) bad.push(e.tagName + ' ' + a.name);
    if (/^\s*javascript:/i.test(a.value) && /href|src|action|data/.test(a.name)) bad.push(e.tagName + ' ' + a.name + '=' + a.value);
  }
}
for (const s of document.querySelectorAll('script')) {
  if (s.getAttribute('src') !== '/static/app.js') bad.push('script ' + s.outerHTML.slice(0, 80));
}
for (const s of document.querySelectorAll('iframe, object, embed, base, meta[http-equiv], svg script, style')) bad.push(s.tagName);
if (window.__xss !== undefined) bad.push('a payload ran');
return bad;
"#;

async fn spawn(reports: Arc<AtomicUsize>) -> App {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&Location::Sqlite(dir.path().join("xss.db")))
        .await
        .unwrap();
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let zone = TimeZone::parse("America/Los_Angeles").unwrap();
    let account = accounts::local(&db, clock.now()).await.unwrap();
    let state = rapport_web::AppState::new(db.clone(), account.clone(), zone, clock);
    let counter = Arc::clone(&reports);
    let app = Router::new()
        .route(
            "/__csp",
            post(move || {
                counter.fetch_add(1, Ordering::SeqCst);
                async { "" }
            }),
        )
        .route("/__probe", get(probe))
        .merge(rapport_web::router(state))
        // rapport's own policy, with reports sent to the counter.
        .layer(axum::middleware::map_response(
            |mut r: axum::response::Response| async move {
                if let Some(csp) = r.headers().get(header::CONTENT_SECURITY_POLICY) {
                    let with_report = format!("{}; report-uri /__csp", csp.to_str().unwrap());
                    r.headers_mut().insert(
                        header::CONTENT_SECURITY_POLICY,
                        HeaderValue::from_str(&with_report).unwrap(),
                    );
                }
                r
            },
        ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    App {
        base,
        db,
        account,
        _dir: dir,
    }
}

/// A page with an inline script under a policy that forbids it.
async fn probe() -> impl IntoResponse {
    (
        [(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; report-uri /__csp",
        )],
        axum::response::Html(
            "<!doctype html><title>probe</title><h1>probe</h1><script>window.__xss=1</script>",
        ),
    )
}

async fn fill_every_field(app: &App) -> Vec<String> {
    let now = SystemClock.now();
    let (db, account) = (&app.db, &app.account);
    let mut pages = Vec::new();
    for (i, p) in PAYLOADS.iter().enumerate() {
        let q = PAYLOADS[(i + 1) % PAYLOADS.len()];
        let org = organizations::create(
            db,
            account,
            &OrganizationForm {
                name: format!("{p} {i}"),
                products: q.into(),
                entry_level_jobs: p.to_string(),
                hiring_procedure: q.into(),
                values: p.to_string(),
                outlook: q.into(),
                notes: p.to_string(),
                ..OrganizationForm::default()
            }
            .validate()
            .unwrap(),
            now,
        )
        .await
        .unwrap();
        let field = fields::create(
            db,
            account,
            &FieldForm {
                title: format!("{q} {i}"),
                status: "exploring".into(),
                notes: p.to_string(),
                ..FieldForm::default()
            }
            .validate()
            .unwrap(),
            now,
        )
        .await
        .unwrap();
        let person = people::create(
            db,
            account,
            &PersonForm {
                name: format!("{p} {i}"),
                title: q.into(),
                notes: p.to_string(),
                tags: vec![format!("tag{i}")],
                organization_id: Some(org.id.clone()),
                ..PersonForm::default()
            }
            .validate()
            .unwrap(),
            now,
        )
        .await
        .unwrap();
        let interview = interviews::create(
            db,
            account,
            &InterviewForm {
                person_id: person.id.clone(),
                organization_id: Some(org.id.clone()),
                field_ids: vec![field.id.clone()],
                place: p.to_string(),
                directions: q.into(),
                notes: p.to_string(),
                ..InterviewForm::default()
            }
            .validate()
            .unwrap(),
            now,
        )
        .await
        .unwrap();
        conversations::create(
            db,
            account,
            &ConversationForm {
                who: p.to_string(),
                place: q.into(),
                learned: p.to_string(),
                occurred_on: String::new(),
            }
            .validate(now.date_naive())
            .unwrap(),
            now,
        )
        .await
        .unwrap();
        questions::create(db, account, &own_question(p, "3").unwrap(), now)
            .await
            .unwrap();
        pages.push(format!("/people/{}", person.id));
        pages.push(format!("/people/{}/edit", person.id));
        pages.push(format!("/organizations/{}", org.id));
        pages.push(format!("/fields/{}", field.id));
        if i % 4 == 0 {
            pages.push(format!(
                "/people/{}/letter?template=introduction",
                person.id
            ));
            pages.push(format!("/organizations/{}/edit", org.id));
            pages.push(format!("/fields/{}/edit", field.id));
            for part in ["", "/edit", "/plan", "/brief", "/live", "/after"] {
                pages.push(format!("/interviews/{}{part}", interview.id));
            }
        }
    }
    for list in [
        "/",
        "/people",
        "/organizations",
        "/fields",
        "/interviews",
        "/interviews/all",
        "/conversations",
        "/questions",
        "/letters",
        "/calendar",
        "/import",
        "/profile",
        "/search?q=script",
        "/search?q=window",
        "/people/new",
        "/interviews/new",
        "/capture",
    ] {
        pages.push(list.to_owned());
    }
    pages
}

pub async fn stored_xss(c: &Client) {
    let reports = Arc::new(AtomicUsize::new(0));
    let app = spawn(Arc::clone(&reports)).await;
    // The counter hears a violation when there is one.
    c.goto(&format!("{}/__probe", app.base)).await.unwrap();
    css(c, "h1").await;
    for _ in 0..50 {
        if reports.load(Ordering::SeqCst) > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        reports.load(Ordering::SeqCst) > 0,
        "the probe's inline script was not reported: the check could not see a violation"
    );
    reports.store(0, Ordering::SeqCst);

    let pages = fill_every_field(&app).await;
    for page in &pages {
        c.goto(&format!("{}{page}", app.base)).await.unwrap();
        css(c, "h1").await;
        let injected = c.execute(INJECTED, vec![]).await.unwrap();
        assert_eq!(injected, serde_json::json!([]), "{page}");
    }
    // Reports are sent after the page; give the last ones time to arrive.
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(
        reports.load(Ordering::SeqCst),
        0,
        "Content-Security-Policy violations over {} pages",
        pages.len()
    );
    println!(
        "browser: {} payloads in every text field, {} pages: 0 executions, 0 violations",
        PAYLOADS.len(),
        pages.len()
    );
}
