//! The IDOR matrix of server mode: every route and method of the access
//! table, with student A's record ids, asked by student B, by counselor C
//! (who has A's share), by counselor D (who has none) and by a signed-out
//! client. Nothing of A's may be read or changed by any of them: each
//! answer is a 404 or the sign-in redirect, no answer carries A's marker
//! text, and A's data is the same afterwards. Then A revokes, and C's next
//! request is a 404.

use crate::common::*;
use rapport_store::accounts::Kind;
use rapport_store::{AccountId, Db, backup, demo};
use rapport_web::access::{Access, ROUTES};
use sha2::{Digest, Sha256};

const MARKER: &str = "Quillon Marchbanks";
const MARKER_NOTE: &str = "MARKER-NOTE-7Q";

async fn first_id(db: &Db, sql: &str, account: &AccountId) -> Option<String> {
    match db {
        Db::Sqlite(pool) => {
            sqlx::query_scalar(sql)
                .bind(account.as_str())
                .fetch_optional(pool)
                .await
        }
        Db::Postgres(pool) => {
            sqlx::query_scalar(sql)
                .bind(account.as_str())
                .fetch_optional(pool)
                .await
        }
    }
    .unwrap()
}

/// The table whose id fills a route's parameter, by where it stands.
fn source(path: &str, param: &str) -> &'static str {
    // The API names records as the pages do.
    let path = path.strip_prefix(rapport_web::api::BASE).unwrap_or(path);
    match (param, path) {
        ("item", _) => {
            "SELECT p.id FROM plan_items p JOIN interviews i ON i.id = p.interview_id WHERE p.account_id = $1 ORDER BY i.id, p.id LIMIT 1"
        }
        ("share", _) => "SELECT id FROM shares WHERE account_id = $1 ORDER BY id LIMIT 1",
        ("key", _) => "SELECT key FROM letter_templates WHERE account_id = $1 ORDER BY key LIMIT 1",
        ("file", _) => {
            "SELECT 'feed-' || token_hash || '.ics' FROM calendar_tokens WHERE account_id = $1"
        }
        (_, p) if p.starts_with("/people/") => {
            "SELECT id FROM people WHERE account_id = $1 ORDER BY id LIMIT 1"
        }
        (_, p) if p.starts_with("/organizations/") => {
            "SELECT id FROM organizations WHERE account_id = $1 ORDER BY id LIMIT 1"
        }
        (_, p) if p.starts_with("/fields/") => {
            "SELECT id FROM fields WHERE account_id = $1 ORDER BY id LIMIT 1"
        }
        (_, p) if p.starts_with("/interviews/") => {
            "SELECT i.id FROM interviews i WHERE i.account_id = $1 AND EXISTS (SELECT 1 FROM plan_items p WHERE p.interview_id = i.id) ORDER BY i.id LIMIT 1"
        }
        (_, p) if p.starts_with("/questions/") => {
            "SELECT id FROM questions WHERE account_id = $1 ORDER BY id LIMIT 1"
        }
        (_, p) if p.starts_with("/profile/resumes/") => {
            "SELECT id FROM resumes WHERE account_id = $1 ORDER BY id LIMIT 1"
        }
        (_, p) if p.starts_with("/conversations/") => {
            "SELECT id FROM casual_conversations WHERE account_id = $1 ORDER BY id LIMIT 1"
        }
        (_, p) if p.starts_with("/import/") || p.starts_with("/imports/") => {
            "SELECT id FROM imports WHERE account_id = $1 ORDER BY id LIMIT 1"
        }
        (_, p) if p.starts_with("/contacts/") => {
            "SELECT id FROM correspondence WHERE account_id = $1 ORDER BY id LIMIT 1"
        }
        (_, p) if p.starts_with("/tasks/") => {
            "SELECT id FROM tasks WHERE account_id = $1 AND rule = 'user' ORDER BY id LIMIT 1"
        }
        (_, p) if p.starts_with("/sharing/") || p.starts_with("/caseload/") => {
            "SELECT id FROM shares WHERE account_id = $1 ORDER BY id LIMIT 1"
        }
        (_, p) if p.starts_with("/tokens/") || p.starts_with("/account/tokens/") => {
            "SELECT id FROM api_tokens WHERE account_id = $1 ORDER BY id LIMIT 1"
        }
        (_, p) if p.starts_with("/account/sessions/") => {
            "SELECT id FROM sessions WHERE account_id = $1 ORDER BY id LIMIT 1"
        }
        _ => panic!("no source for {{{param}}} in {path}: add it to the matrix"),
    }
}

async fn fill_with(db: &Db, path: &str, account: &AccountId) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = start + rest[start..].find('}').unwrap();
        let param = &rest[start + 1..end];
        let id = first_id(db, source(path, param), account)
            .await
            .unwrap_or_else(|| panic!("A has no record for {{{param}}} of {path}"));
        out.push_str(&id);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// A's whole workbench as the backup sees it, with its shares and sessions.
async fn state_of(db: &Db, account: &AccountId) -> String {
    let doc = backup::export(db, account, now()).await.unwrap();
    let extra = "SELECT (SELECT count(*) FROM shares WHERE account_id = $1 AND revoked_at IS NULL) || '/' || \
                 (SELECT count(*) FROM sessions WHERE account_id = $1) || '/' || \
                 (SELECT count(*) FROM calendar_tokens WHERE account_id = $1) || '/' || \
                 (SELECT count(*) FROM api_tokens WHERE account_id = $1 AND revoked_at IS NULL)";
    let counts = first_id(db, extra, account).await.unwrap_or_default();
    let digest = Sha256::digest(format!("{doc}{counts}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A body that would change the record an API route names, were it the
/// caller's own.
fn api_write(path: &str) -> &'static str {
    let under = |resource: &str| path.starts_with(&format!("/api/v1/{resource}/"));
    if path.contains("/plan/") && path.ends_with("/move") {
        r#"{"direction": "up"}"#
    } else if path.ends_with("/answer") {
        r#"{"note": "Changed by someone else", "asked": true}"#
    } else if path.contains("/plan/") {
        r#"{"priority": "must", "minutes": 3}"#
    } else if path.ends_with("/plan") || path.starts_with("/api/v1/questions") {
        r#"{"text": "Changed by someone else"}"#
    } else if path.starts_with("/api/v1/letters/") {
        r#"{"name": "Changed", "purpose": "other", "channel": "email", "body": "Changed by someone else"}"#
    } else if path.ends_with("/times") {
        r#"{"times": ["2030-01-07 10:00"]}"#
    } else if path.ends_with("/choose") {
        r#"{"at": "2030-01-07T10:00:00Z"}"#
    } else if path.ends_with("/person") {
        r#"{"person_id": "someone"}"#
    } else if path.ends_with("/contacts") {
        r#"{"channel": "phone", "body": "Changed by someone else"}"#
    } else if path.ends_with("/letters") {
        r#"{"template": "thank-you", "subject": "Thanks", "body": "Changed", "send_anyway": true}"#
    } else if path.ends_with("/move") {
        r#"{"status": "requested"}"#
    } else if path.ends_with("/snooze") {
        r#"{"days": 3}"#
    } else if path.ends_with("/prep") {
        r#"{"resume": true}"#
    } else if path.ends_with("/reflection") {
        r#"{"learned_positive": "Changed by someone else"}"#
    } else if under("fields") || under("tasks") {
        r#"{"title": "Changed by someone else"}"#
    } else if under("interviews") {
        r#"{"person_id": "someone", "notes": "Changed by someone else"}"#
    } else {
        r#"{"name": "Changed by someone else"}"#
    }
}

/// A body that would change something on most forms.
const WRITE: &[(&str, &str)] = &[
    ("name", "Changed by someone else"),
    ("title", "Changed"),
    ("text", "Changed"),
    ("notes", "Changed"),
    ("status", "done"),
    ("to", "closed"),
    ("body", "Changed"),
    ("subject", "Changed"),
    ("minutes", "3"),
    ("label", "Changed"),
    ("location", "Changed"),
    ("counselor_email", "dan@example.org"),
    ("scope", "pipeline"),
    ("task", "rule:x"),
];

async fn matrix(app: &App) {
    let a = student(app, "ada@example.org").await;
    let b = student(app, "bo@example.org").await;
    let (a_id, b_id) = (
        account_of(app, "ada@example.org").await,
        account_of(app, "bo@example.org").await,
    );
    for id in [&a_id, &b_id] {
        demo::load(&app.db, id, zone(), now()).await.unwrap();
    }
    rapport_store::api_tokens::create(&app.db, &a_id, "A's script", false, now())
        .await
        .unwrap();
    // A's marker text, and a record of every kind the routes name.
    assert_eq!(
        post_as(
            app,
            &a,
            "/people",
            &[("name", MARKER), ("notes", MARKER_NOTE)]
        )
        .await
        .status,
        303
    );
    assert_eq!(
        post_as(
            app,
            &a,
            "/questions",
            &[
                ("text", "What does a MARKER-NOTE-7Q day hold?"),
                ("minutes", "2")
            ]
        )
        .await
        .status,
        303
    );
    assert_eq!(
        post_as(
            app,
            &a,
            "/profile/resumes",
            &[("label", "Résumé MARKER-NOTE-7Q"), ("location", "Drive")]
        )
        .await
        .status,
        303
    );
    let letter = [
        ("name", "Marker letter"),
        ("purpose", "introduction"),
        ("channel", "email"),
        ("subject", "Hello"),
        ("body", MARKER_NOTE),
    ];
    assert_eq!(post_as(app, &a, "/letters", &letter).await.status, 303);
    assert_eq!(post_as(app, &a, "/calendar/rotate", &[]).await.status, 200);
    let vcard = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Imported Marker\r\nEND:VCARD\r\n";
    let parsed = rapport_core::import::parse(vcard, rapport_core::import::Format::VCard);
    rapport_store::imports::apply(
        &app.db,
        &a_id,
        rapport_core::import::Format::VCard,
        "a.vcf",
        &parsed,
        Default::default(),
        now(),
    )
    .await
    .unwrap();
    let person = first_id(&app.db, source("/people/{id}", "id"), &a_id)
        .await
        .unwrap();
    let contact = [
        ("channel", "phone"),
        ("direction", "out"),
        ("purpose", "introduction"),
        ("outcome", "reached"),
        ("occurred_at", ""),
        ("body", MARKER_NOTE),
    ];
    let r = post_as(app, &a, &format!("/people/{person}/contacts"), &contact).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let task = [
        ("title", "Read the MARKER-NOTE-7Q report"),
        ("due", "2026-12-01T09:00"),
        ("back", "/"),
    ];
    assert_eq!(post_as(app, &a, "/tasks", &task).await.status, 303);
    let c = staff(app, Kind::Counselor, "carol@example.org").await;
    let d = staff(app, Kind::Counselor, "dan@example.org").await;
    assert_eq!(
        post_as(
            app,
            &a,
            "/sharing",
            &[
                ("counselor_email", "carol@example.org"),
                ("scope", "pipeline"),
                ("ends", "")
            ]
        )
        .await
        .status,
        303
    );

    let before = state_of(&app.db, &a_id).await;
    let mut checked = 0;
    for (method, path, access) in ROUTES {
        let target = fill_with(&app.db, path, &a_id).await;
        let has_ids = path.contains('{');
        for (who, session) in [
            ("B", Some(&b)),
            ("C", Some(&c)),
            ("D", Some(&d)),
            ("signed out", None),
        ] {
            // Signing out would end the session the rest of the matrix uses;
            // it touches only the caller's own session (tests in server.rs).
            if *path == "/sign-out" && session.is_some() {
                continue;
            }
            let api_route = *access == Access::Api;
            let r = match (session, *method) {
                // The API, with each method as a script sends it, signed in
                // by the session with its form token.
                (Some(s), m) if api_route => {
                    api(
                        app,
                        m,
                        &target,
                        api_write(path),
                        &[
                            ("Cookie", s.cookie.as_str()),
                            ("X-CSRF-Token", s.csrf.as_str()),
                        ],
                    )
                    .await
                }
                (None, m) if api_route => api(app, m, &target, api_write(path), &[]).await,
                (Some(s), "POST") => post_as(app, s, &target, WRITE).await,
                (Some(s), _) => get_as(app, s, &target).await,
                (None, m) => {
                    request(
                        app,
                        m,
                        &target,
                        &form_body(WRITE),
                        &[("Sec-Fetch-Site", "same-origin")],
                    )
                    .await
                }
            };
            let what = format!("{who}: {method} {path}");
            assert_ne!(r.status, 500, "{what}");
            assert!(
                !r.body.contains(MARKER) && !r.body.contains(MARKER_NOTE),
                "{what} showed A's data"
            );
            let public = matches!(access, Access::Anyone | Access::Visitor);
            let caseload = path.starts_with("/api/v1/caseload");
            let expected: &[u16] = match (who, access, has_ids) {
                // The caseload is the counselor's, with whom A shares;
                // another counselor's is empty and A's share not found in
                // it; a student is told caseloads are not for students.
                ("C", Access::Api, _) if caseload => &[200],
                ("D", Access::Api, false) if caseload => &[200],
                ("D", Access::Api, true) if caseload => &[404],
                ("B", Access::Api, _) if caseload => &[403],
                // Another student's records are not found; counselors and
                // administrators have no workbench to reach through it.
                ("B", Access::Api, true) => &[404],
                ("B", Access::Api, false) => continue,
                (_, Access::Api, _) => &[401],
                // The secret feed is the one public route with an id: the
                // stored hash of A's secret does not open it.
                (_, Access::Anyone, true) => &[404],
                (_, _, _) if public => continue,
                ("signed out", ..) => &[303],
                // A's token is not the counselor's to revoke.
                ("C", Access::Counselor, true) if path.starts_with("/account/tokens/") => &[404],
                ("C", Access::Counselor, true) => &[200],
                (_, Access::Account, false) => continue,
                (_, _, true) => &[404],
                ("B", Access::Student | Access::StudentOnServer, false) => continue,
                ("C" | "D", _, false) if *path == "/" => &[303],
                ("C" | "D", Access::Counselor, false) => continue,
                (_, _, false) => &[404],
            };
            assert!(
                expected.contains(&r.status),
                "{what}: {} (expected {expected:?}) to {:?}\n{}",
                r.status,
                r.location,
                r.body
            );
            if who == "signed out" && !public && !api_route {
                assert!(r.location.starts_with("/sign-in"), "{what}: {}", r.location);
            }
            checked += 1;
        }
    }
    assert!(checked > 250, "only {checked} requests checked");
    assert_eq!(state_of(&app.db, &a_id).await, before, "A's data changed");
    // A revokes: C's next request is refused.
    let share = first_id(&app.db, source("/caseload/{share}", "share"), &a_id)
        .await
        .unwrap();
    assert_eq!(
        get_as(app, &c, &format!("/caseload/{share}")).await.status,
        200
    );
    assert_eq!(
        post_as(app, &a, &format!("/sharing/{share}/revoke"), &[])
            .await
            .status,
        303
    );
    assert_eq!(
        get_as(app, &c, &format!("/caseload/{share}")).await.status,
        404
    );
}

#[tokio::test]
async fn no_route_reaches_another_accounts_records_on_sqlite() {
    matrix(&spawn_server(invitation_only()).await).await;
}

#[tokio::test]
async fn no_route_reaches_another_accounts_records_on_postgres() {
    if let Some(app) = spawn_server_postgres(invitation_only()).await {
        matrix(&app).await;
        app.finish().await;
    }
}
