//! Server mode in the browser: a student signs up by invitation, adds a
//! person and shares progress with a counselor; the counselor sees the
//! caseload; the student revokes; the counselor's next look is not found.

use super::{click_button, css, fill, path, submit};
use fantoccini::{Client, Locator};
use rapport_core::clock::{Clock, SystemClock};
use rapport_core::validated::TimeZone;
use rapport_store::accounts::{self, Kind};
use rapport_store::{Db, Location, account_links};
use std::sync::Arc;

const PASSWORD: &str = "meadow cobalt 2031 kite";

async fn main_text(c: &Client) -> String {
    c.find(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn sign_in(c: &Client, base: &str, email: &str) {
    c.goto(&format!("{base}/sign-in")).await.unwrap();
    fill(c, "#f-email", email).await;
    fill(c, "#f-password", PASSWORD).await;
    submit(c, "form[action=\"/sign-in\"]").await;
}

async fn sign_out(c: &Client) {
    click_button(c, "form[action=\"/sign-out\"] button", "Sign out").await;
    assert_eq!(path(c).await, "/sign-in");
}

pub(crate) async fn journey(c: &Client) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&Location::Sqlite(dir.path().join("server.db")))
        .await
        .unwrap();
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let settings = rapport_web::Server {
        sign_up: rapport_web::SignUp::Invitation,
        trusted_proxy: None,
    };
    let state = rapport_web::AppState::server(db.clone(), settings, TimeZone::utc(), clock.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(rapport_web::serve(listener, state, std::future::pending()));
    let now = clock.now();
    let invite = account_links::invite(&db, "sam@example.edu", now)
        .await
        .unwrap();
    let carol = accounts::create(&db, Kind::Counselor, "carol@example.edu", None, now)
        .await
        .unwrap();
    let set_password = account_links::reset(&db, &carol, now).await.unwrap();

    // The student signs up by invitation and lands on Today.
    c.goto(&format!("{base}/")).await.unwrap();
    assert_eq!(
        path(c).await,
        "/sign-in",
        "signed out, the workbench asks to sign in"
    );
    c.goto(&format!("{base}/sign-up?invite={invite}"))
        .await
        .unwrap();
    assert!(main_text(c).await.contains("sam@example.edu"));
    fill(c, "#f-password", PASSWORD).await;
    fill(c, "#f-confirm", PASSWORD).await;
    submit(c, "form[action=\"/sign-up\"]").await;
    assert_eq!(path(c).await, "/");

    // Adds a person.
    c.goto(&format!("{base}/people/new")).await.unwrap();
    fill(c, "#f-name", "Rosalind Example").await;
    submit(c, "form.form").await;
    assert!(path(c).await.starts_with("/people/"), "{}", path(c).await);

    // Shares progress with the counselor, from the sidebar's Sharing link.
    css(c, "a[href=\"/sharing\"]").await.click().await.unwrap();
    fill(c, "#f-counselor", "carol@example.edu").await;
    submit(c, "form[action=\"/sharing\"]").await;
    assert!(main_text(c).await.contains("carol@example.edu"));
    sign_out(c).await;

    // Field titles are the student's own text a counselor sees: hostile ones
    // must stay text on the counselor's pages (and in the injected forms).
    let sam = accounts::by_email(&db, "sam@example.edu")
        .await
        .unwrap()
        .unwrap()
        .id;
    for (i, payload) in super::xss::PAYLOADS.iter().enumerate() {
        let form = rapport_core::fields::FieldForm {
            title: format!("{payload} {i}"),
            status: "exploring".into(),
            ..rapport_core::fields::FieldForm::default()
        };
        rapport_store::fields::create(&db, &sam, &form.validate().unwrap(), now)
            .await
            .unwrap();
    }

    // The counselor sets a password, signs in and sees the caseload.
    c.goto(&format!("{base}/set-password?token={set_password}"))
        .await
        .unwrap();
    fill(c, "#f-password", PASSWORD).await;
    fill(c, "#f-confirm", PASSWORD).await;
    submit(c, "form[action=\"/set-password\"]").await;
    sign_in(c, &base, "carol@example.edu").await;
    assert_eq!(path(c).await, "/caseload");
    let student = css(c, "tbody a").await;
    assert_eq!(student.text().await.unwrap(), "sam@example.edu");
    let link = student.attr("href").await.unwrap().unwrap();
    c.goto(&format!("{base}{link}")).await.unwrap();
    let seen = main_text(c).await;
    assert!(seen.contains("Interviews by status"), "{seen}");
    assert!(
        seen.contains("<script>window.__xss=1</script>"),
        "hostile titles shown as text"
    );
    let injected = c.execute(super::xss::INJECTED, vec![]).await.unwrap();
    assert_eq!(
        injected,
        serde_json::json!([]),
        "a payload ran or left markup"
    );
    assert!(
        !seen.contains("Rosalind"),
        "a contact's name reached the counselor"
    );
    sign_out(c).await;

    // The student revokes, and sees who looked.
    sign_in(c, &base, "sam@example.edu").await;
    c.goto(&format!("{base}/sharing")).await.unwrap();
    assert!(
        main_text(c)
            .await
            .contains("carol@example.edu saw your progress")
    );
    click_button(c, "form[action$=\"/revoke\"] button", "Revoke now").await;
    sign_out(c).await;

    // The counselor's next look finds nothing.
    sign_in(c, &base, "carol@example.edu").await;
    c.goto(&format!("{base}{link}")).await.unwrap();
    let gone = main_text(c).await;
    assert!(
        gone.contains("no such shared workbench") || gone.contains("Not found"),
        "{gone}"
    );
    c.goto(&format!("{base}/caseload")).await.unwrap();
    assert!(main_text(c).await.contains("No student shares"));
    sign_out(c).await;
}
