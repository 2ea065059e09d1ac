//! Server mode: signing up, in and out, the session cookie, forged forms,
//! the sign-in rate limit, sessions ending, deleting an account, and
//! sharing with a counselor.

use crate::common::*;
use rapport_store::accounts::Kind;
use rapport_store::{people, sign_in_limits};
use std::time::Instant;

async fn people_of(app: &App, email: &str) -> usize {
    let account = account_of(app, email).await;
    people::list(&app.db, &account, &people::Filter::default())
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn local_mode_has_no_sign_in_pages() {
    let app = spawn_app().await;
    for path in [
        "/sign-in",
        "/sign-up",
        "/account",
        "/sharing",
        "/caseload",
        "/admin",
    ] {
        assert_eq!(get(&app, path).await.status, 404, "{path}");
    }
    assert_eq!(get(&app, "/").await.status, 200);
}

#[tokio::test]
async fn signed_out_visitors_are_sent_to_sign_in_and_come_back() {
    let app = spawn_server(invitation_only()).await;
    let r = get(&app, "/people?q=ada").await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location, "/sign-in?next=%2Fpeople%3Fq%3Dada");
    let page = get(&app, "/sign-in?next=%2Fpeople").await;
    assert_eq!(page.status, 200);
    check_page_rules(&page.html(), "sign-in");
    assert!(
        page.body.contains("by invitation"),
        "invitation-only says so"
    );
    student(&app, "ada@example.org").await;
    let r = post(
        &app,
        "/sign-in",
        &[
            ("email", "ADA@example.org"),
            ("password", PASSWORD),
            ("next", "/people"),
        ],
    )
    .await;
    assert_eq!((r.status, r.location.as_str()), (303, "/people"));
    // A next address off the site is dropped.
    let r = post(
        &app,
        "/sign-in",
        &[
            ("email", "ada@example.org"),
            ("password", PASSWORD),
            ("next", "//evil.example"),
        ],
    )
    .await;
    assert_eq!((r.status, r.location.as_str()), (303, "/"));
    // Health and assets need no sign-in.
    assert_eq!(get(&app, "/healthz").await.status, 200);
    assert_eq!(get(&app, "/static/style.css").await.status, 200);
}

#[tokio::test]
async fn the_cookie_is_httponly_and_lax_and_secure_only_behind_the_trusted_proxy() {
    let plain = spawn_server(invitation_only()).await;
    let token = rapport_store::account_links::invite(&plain.db, "ada@example.org", now())
        .await
        .unwrap();
    let forwarded = [
        ("Sec-Fetch-Site", "same-origin"),
        ("X-Forwarded-Proto", "https"),
        ("X-Forwarded-For", "203.0.113.9"),
    ];
    let body = form_body(&[
        ("invite", &token),
        ("password", PASSWORD),
        ("confirm", PASSWORD),
    ]);
    let r = request(&plain, "POST", "/sign-up", &body, &forwarded).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let set = r.header("set-cookie");
    assert!(set.starts_with("rapport="), "{set}");
    for part in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=2592000"] {
        assert!(set.contains(part), "{part} in {set}");
    }
    assert!(
        !set.contains("Secure"),
        "no proxy is trusted, so the header is not believed: {set}"
    );
    assert!(r.header("strict-transport-security").is_empty());

    let behind = spawn_server(rapport_web::Server {
        trusted_proxy: Some("127.0.0.1".parse().unwrap()),
        ..invitation_only()
    })
    .await;
    let token = rapport_store::account_links::invite(&behind.db, "ada@example.org", now())
        .await
        .unwrap();
    let body = form_body(&[
        ("invite", &token),
        ("password", PASSWORD),
        ("confirm", PASSWORD),
    ]);
    let r = request(&behind, "POST", "/sign-up", &body, &forwarded).await;
    let set = r.header("set-cookie");
    assert!(set.starts_with("__Host-rapport="), "{set}");
    assert!(set.contains("; Secure") && set.contains("HttpOnly") && set.contains("SameSite=Lax"));
    assert!(!set.contains("Domain="), "__Host- cookies name no domain");
    assert!(
        r.header("strict-transport-security")
            .starts_with("max-age=")
    );
    // The secure cookie is read back over TLS; over plain HTTP, or as a
    // plain cookie planted beside it, it does not count.
    let cookie = cookie_of(&r);
    let over_tls = [("Cookie", cookie.as_str()), ("X-Forwarded-Proto", "https")];
    assert_eq!(
        request(&behind, "GET", "/", "", &over_tls).await.status,
        200
    );
    let plain = cookie.replace("__Host-rapport=", "rapport=");
    let planted = [("Cookie", plain.as_str()), ("X-Forwarded-Proto", "https")];
    assert_eq!(request(&behind, "GET", "/", "", &planted).await.status, 303);
    let both = format!("{cookie}; {cookie}");
    let doubled = [("Cookie", both.as_str()), ("X-Forwarded-Proto", "https")];
    assert_eq!(request(&behind, "GET", "/", "", &doubled).await.status, 303);
}

#[tokio::test]
async fn forged_forms_are_refused_and_change_nothing() {
    let app = spawn_server(invitation_only()).await;
    let ada = student(&app, "ada@example.org").await;
    // Every POST form of a page carries the token.
    let page = get_as(&app, &ada, "/people/new").await;
    let doc = page.html();
    let forms = select(&doc, "form[method=post]");
    assert!(!forms.is_empty());
    for form in &forms {
        let hidden = form
            .select(&scraper::Selector::parse("input[name=csrf]").unwrap())
            .next()
            .and_then(|i| i.value().attr("value").map(str::to_owned));
        assert_eq!(
            hidden.as_deref(),
            Some(ada.csrf.as_str()),
            "{:?}",
            form.value()
        );
    }
    let person = [("name", "Forged Person")];
    // No token.
    let body = form_body(&person);
    let r = request(
        &app,
        "POST",
        "/people",
        &body,
        &[("Cookie", &ada.cookie), ("Sec-Fetch-Site", "same-origin")],
    )
    .await;
    assert_eq!(r.status, 403, "{}", r.body);
    // Another session's token.
    let other = student(&app, "bob@example.org").await;
    let body = form_body(&[("name", "Forged Person"), ("csrf", &other.csrf)]);
    let r = request(&app, "POST", "/people", &body, &[("Cookie", &ada.cookie)]).await;
    assert_eq!(r.status, 403);
    // The right token from a foreign site.
    let body = form_body(&[("name", "Forged Person"), ("csrf", &ada.csrf)]);
    for header in [
        ("Origin", "https://evil.example"),
        ("Sec-Fetch-Site", "cross-site"),
    ] {
        let r = request(
            &app,
            "POST",
            "/people",
            &body,
            &[("Cookie", &ada.cookie), header],
        )
        .await;
        assert_eq!(r.status, 403, "{header:?}");
    }
    assert_eq!(
        people_of(&app, "ada@example.org").await,
        0,
        "nothing was saved"
    );
    // With its token, from its page, it is saved; the header works for scripts.
    assert_eq!(post_as(&app, &ada, "/people", &person).await.status, 303);
    let r = request(
        &app,
        "POST",
        "/people",
        &form_body(&[("name", "Scripted Person")]),
        &[("Cookie", &ada.cookie), ("X-CSRF-Token", &ada.csrf)],
    )
    .await;
    assert_eq!(r.status, 303);
    assert_eq!(people_of(&app, "ada@example.org").await, 2);
}

async fn wrong(app: &App, email: &str, address: Option<&str>) -> Response {
    let body = form_body(&[("email", email), ("password", "not the password at all")]);
    let mut headers = vec![("Sec-Fetch-Site", "same-origin")];
    if let Some(a) = address {
        headers.push(("X-Forwarded-For", a));
    }
    request(app, "POST", "/sign-in", &body, &headers).await
}

#[tokio::test]
async fn repeated_failures_are_limited_whatever_address_they_claim() {
    let app = spawn_server(invitation_only()).await;
    student(&app, "ada@example.org").await;
    for n in 0..sign_in_limits::PER_ACCOUNT {
        let address = format!("198.51.100.{n}");
        assert_eq!(
            wrong(&app, "ada@example.org", Some(&address)).await.status,
            422
        );
    }
    // The right password is refused too while the limit holds.
    let body = form_body(&[("email", "ada@example.org"), ("password", PASSWORD)]);
    let r = request(
        &app,
        "POST",
        "/sign-in",
        &body,
        &[
            ("Sec-Fetch-Site", "same-origin"),
            ("X-Forwarded-For", "192.0.2.77"),
        ],
    )
    .await;
    assert_eq!(r.status, 429, "{}", r.body);
    assert!(r.header("retry-after").parse::<u64>().unwrap() > 0);
    assert!(r.body.contains("Too many tries"));
}

#[tokio::test]
async fn unknown_emails_and_wrong_passwords_get_the_same_answer_in_about_the_same_time() {
    let app = spawn_server(invitation_only()).await;
    student(&app, "ada@example.org").await;
    let mut unknown = Vec::new();
    let mut mistyped = Vec::new();
    let mut answers = std::collections::HashSet::new();
    for n in 0..20 {
        for (email, times) in [
            (format!("nobody{n}@example.org"), &mut unknown),
            ("ada@example.org".to_owned(), &mut mistyped),
        ] {
            let started = Instant::now();
            let r = wrong(&app, &email, None).await;
            times.push(started.elapsed());
            answers.insert((r.status, r.body.replace(&email, "EMAIL")));
            // Keep the limit out of the measurement.
            match &app.db {
                rapport_store::Db::Sqlite(pool) => {
                    sqlx::query("DELETE FROM sign_in_failures")
                        .execute(pool)
                        .await
                        .unwrap();
                }
                rapport_store::Db::Postgres(pool) => {
                    sqlx::query("DELETE FROM sign_in_failures")
                        .execute(pool)
                        .await
                        .unwrap();
                }
            }
        }
    }
    assert_eq!(
        answers.len(),
        1,
        "one status and one body for both: {answers:?}"
    );
    let median = |t: &mut Vec<std::time::Duration>| {
        t.sort();
        t[t.len() / 2].as_secs_f64()
    };
    let (u, m) = (median(&mut unknown), median(&mut mistyped));
    let ratio = u.max(m) / u.min(m);
    assert!(
        ratio < 2.0,
        "medians {u:.4}s (unknown) and {m:.4}s (wrong password)"
    );
}

#[tokio::test]
async fn signing_out_and_changing_the_password_end_sessions() {
    let app = spawn_server(invitation_only()).await;
    let first = student(&app, "ada@example.org").await;
    let second = sign_in(&app, "ada@example.org", PASSWORD).await;
    let third = sign_in(&app, "ada@example.org", PASSWORD).await;
    assert_ne!(first.cookie, second.cookie, "a new id at every sign-in");
    let account = get_as(&app, &first, "/account").await;
    assert_eq!(select(&account.html(), "tbody tr").len(), 3);
    check_page_rules(&account.html(), "account");
    // Signing out ends that session only.
    let r = post_as(&app, &third, "/sign-out", &[]).await;
    assert_eq!(r.status, 303);
    assert!(r.header("set-cookie").contains("Max-Age=0"));
    assert_eq!(
        get_as(&app, &third, "/").await.status,
        303,
        "the old cookie is refused"
    );
    assert_eq!(get_as(&app, &first, "/").await.status, 200);
    // A wrong current password changes nothing.
    let r = post_as(
        &app,
        &first,
        "/account/password",
        &[
            ("current", "nope nope nope"),
            ("password", "a brand new passphrase"),
            ("confirm", "a brand new passphrase"),
        ],
    )
    .await;
    assert_eq!(r.status, 422);
    // A common password is refused beside its field.
    let r = post_as(
        &app,
        &first,
        "/account/password",
        &[
            ("current", PASSWORD),
            ("password", "iloveyou1"),
            ("confirm", "iloveyou1"),
        ],
    )
    .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("most used passwords"));
    let r = post_as(
        &app,
        &first,
        "/account/password",
        &[
            ("current", PASSWORD),
            ("password", "a brand new passphrase"),
            ("confirm", "a brand new passphrase"),
        ],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(
        get_as(&app, &first, "/").await.status,
        200,
        "the changing session stays"
    );
    assert_eq!(
        get_as(&app, &second, "/").await.status,
        303,
        "the others end"
    );
    sign_in(&app, "ada@example.org", "a brand new passphrase").await;
    // Ending a session from the list.
    let fourth = sign_in(&app, "ada@example.org", "a brand new passphrase").await;
    let page = get_as(&app, &first, "/account").await;
    let doc = page.html();
    let ends: Vec<String> = select(&doc, "form[action$=\"/end\"]")
        .iter()
        .map(|f| f.value().attr("action").unwrap().to_owned())
        .collect();
    assert_eq!(ends.len(), 3);
    let r = post_as(&app, &first, "/account/sessions/end-others", &[]).await;
    assert_eq!(r.status, 303);
    assert_eq!(get_as(&app, &fourth, "/").await.status, 303);
}

#[tokio::test]
async fn deleting_the_account_removes_it_and_signs_out() {
    let app = spawn_server(invitation_only()).await;
    let ada = student(&app, "ada@example.org").await;
    let bob = student(&app, "bob@example.org").await;
    post_as(&app, &ada, "/people", &[("name", "Someone Ada Knows")]).await;
    post_as(&app, &bob, "/people", &[("name", "Someone Bob Knows")]).await;
    let r = post_as(
        &app,
        &ada,
        "/account/delete",
        &[
            ("confirm_email", "ada@example.org"),
            ("current", "wrong password"),
        ],
    )
    .await;
    assert_eq!(r.status, 422);
    let r = post_as(
        &app,
        &ada,
        "/account/delete",
        &[("confirm_email", "ada@example.org"), ("current", PASSWORD)],
    )
    .await;
    assert_eq!(
        (r.status, r.location.as_str()),
        (303, "/sign-in?done=deleted")
    );
    assert!(
        rapport_store::accounts::by_email(&app.db, "ada@example.org")
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(get_as(&app, &ada, "/").await.status, 303);
    assert_eq!(people_of(&app, "bob@example.org").await, 1);
    let r = post(
        &app,
        "/sign-in",
        &[("email", "ada@example.org"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(r.status, 422);
}

#[tokio::test]
async fn sign_up_is_by_invitation_unless_opened() {
    let closed = spawn_server(invitation_only()).await;
    let r = get(&closed, "/sign-up").await;
    assert!(r.body.contains("by invitation"));
    let r = post(
        &closed,
        "/sign-up",
        &[
            ("email", "eve@example.org"),
            ("password", PASSWORD),
            ("confirm", PASSWORD),
        ],
    )
    .await;
    assert_eq!(r.status, 404);
    assert_eq!(
        get(&closed, "/sign-up?invite=0123456789abcdef0123456789abcdef")
            .await
            .status,
        404
    );
    let open = spawn_server(rapport_web::Server {
        sign_up: rapport_web::SignUp::Open,
        trusted_proxy: None,
    })
    .await;
    let r = post(
        &open,
        "/sign-up",
        &[
            ("email", "eve@example.org"),
            ("password", "password1"),
            ("confirm", "password1"),
        ],
    )
    .await;
    assert_eq!(r.status, 422, "a common password");
    let r = post(
        &open,
        "/sign-up",
        &[
            ("email", "eve@example.org"),
            ("password", "eve-forever-99"),
            ("confirm", "eve-forever-99"),
        ],
    )
    .await;
    assert_eq!(r.status, 422, "the email name");
    let r = post(
        &open,
        "/sign-up",
        &[
            ("email", "eve@example.org"),
            ("password", PASSWORD),
            ("confirm", PASSWORD),
        ],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let r = post(
        &open,
        "/sign-up",
        &[
            ("email", "Eve@Example.org"),
            ("password", PASSWORD),
            ("confirm", PASSWORD),
        ],
    )
    .await;
    assert_eq!(r.status, 409, "an address has one account");
    assert!(r.body.contains("already has an account"));
}

#[tokio::test]
async fn oversized_bodies_get_413_when_signed_in() {
    let app = spawn_server(invitation_only()).await;
    let ada = student(&app, "ada@example.org").await;
    let big = "a".repeat(3 * 1024 * 1024);
    let r = post_as(&app, &ada, "/people", &[("name", "x"), ("notes", &big)]).await;
    assert_eq!(r.status, 413);
}

/// The marker name is in the student's data and must never reach a counselor.
const MARKER: &str = "Zebulon Quartermaine";

#[tokio::test]
async fn a_counselor_sees_only_what_is_shared_until_it_is_revoked_or_ends() {
    let app = spawn_server(invitation_only()).await;
    let ada = student(&app, "ada@example.org").await;
    let ada_id = account_of(&app, "ada@example.org").await;
    rapport_store::demo::load(&app.db, &ada_id, zone(), now())
        .await
        .unwrap();
    post_as(
        &app,
        &ada,
        "/people",
        &[("name", MARKER), ("notes", "MARKER-NOTE")],
    )
    .await;
    let carol = staff(&app, Kind::Counselor, "carol@example.org").await;
    let dan = staff(&app, Kind::Counselor, "dan@example.org").await;
    assert_eq!(get_as(&app, &carol, "/").await.location, "/caseload");
    assert!(
        get_as(&app, &carol, "/caseload")
            .await
            .body
            .contains("No student shares")
    );
    // Sharing with someone who is not a counselor is refused beside the field.
    let r = post_as(
        &app,
        &ada,
        "/sharing",
        &[
            ("counselor_email", "bob@example.org"),
            ("scope", "progress"),
            ("ends", ""),
        ],
    )
    .await;
    assert_eq!(r.status, 422);
    let r = post_as(
        &app,
        &ada,
        "/sharing",
        &[
            ("counselor_email", "carol@example.org"),
            ("scope", "pipeline"),
            ("ends", "2026-11-28"),
        ],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let caseload = get_as(&app, &carol, "/caseload").await;
    assert_eq!(caseload.status, 200);
    check_page_rules(&caseload.html(), "caseload");
    let doc = caseload.html();
    let link = select(&doc, "tbody a")
        .first()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    let student = get_as(&app, &carol, &link).await;
    assert_eq!(student.status, 200);
    assert!(student.body.contains("ada@example.org"));
    assert!(student.body.contains("Pipeline"));
    // The funnel and the evidence come from the student's Insights figures,
    // and none of what the reflections say comes with them.
    let shown = text(&select(&student.html(), "main")[0]);
    assert!(shown.contains("From first idea to referral"), "{shown}");
    assert!(shown.contains("2 of 3 interviews held"), "{shown}");
    for private in [
        "They mentor juniors well",
        "Robotics needs software people badly",
    ] {
        assert!(
            !shown.contains(private),
            "a reflection reached the counselor"
        );
    }
    for page in [&caseload, &student] {
        assert!(
            !page.body.contains(MARKER),
            "a contact's name reached the counselor"
        );
        assert!(!page.body.contains("MARKER-NOTE"));
    }
    // Another counselor cannot open it; the student sees who looked.
    assert_eq!(get_as(&app, &dan, &link).await.status, 404);
    let sharing = get_as(&app, &ada, "/sharing").await;
    assert!(sharing.body.contains("carol@example.org saw your pipeline"));
    check_page_rules(&sharing.html(), "sharing");
    // After its end date (a server whose clock is past it), it is gone.
    let later = another_server(&app, invitation_only(), now() + chrono::Duration::days(3)).await;
    assert_eq!(get_as(&later, &carol, &link).await.status, 404);
    // Revoked: gone at the next request.
    let doc = sharing.html();
    let revoke = select(&doc, "form[action$=\"/revoke\"]")
        .first()
        .unwrap()
        .value()
        .attr("action")
        .unwrap()
        .to_owned();
    assert_eq!(post_as(&app, &ada, &revoke, &[]).await.status, 303);
    assert_eq!(get_as(&app, &carol, &link).await.status, 404);
    assert!(
        !get_as(&app, &carol, "/caseload")
            .await
            .body
            .contains("ada@example.org")
    );
}

#[tokio::test]
async fn headers_are_on_every_answer_in_server_mode() {
    let app = spawn_server(invitation_only()).await;
    let ada = student(&app, "ada@example.org").await;
    for (method, path, _) in rapport_web::access::ROUTES {
        let target = path
            .replace("{id}", "x")
            .replace("{item}", "x")
            .replace("{key}", "x")
            .replace("{file}", "x")
            .replace("{share}", "x");
        for who in [None, Some(&ada)] {
            let r = match (who, *method) {
                (Some(s), "POST") => post_as(&app, s, &target, &[]).await,
                (Some(s), _) => get_as(&app, s, &target).await,
                (None, m) => {
                    request(&app, m, &target, "", &[("Sec-Fetch-Site", "same-origin")]).await
                }
            };
            assert_ne!(r.status, 500, "{method} {target}");
            for name in [
                "content-security-policy",
                "x-content-type-options",
                "referrer-policy",
            ] {
                assert!(!r.header(name).is_empty(), "{name} on {method} {target}");
            }
            if !target.starts_with("/static/") {
                assert_eq!(r.header("cache-control"), "no-store", "{method} {target}");
            }
        }
    }
}

#[tokio::test]
async fn two_app_servers_share_sessions_and_the_rate_limit_on_postgres() {
    let Some(first) = spawn_server_postgres(invitation_only()).await else {
        return;
    };
    let second = another_server(&first, invitation_only(), now()).await;
    let ada = student(&first, "ada@example.org").await;
    // A session made through one server works on the other.
    assert_eq!(get_as(&second, &ada, "/").await.status, 200);
    assert_eq!(
        post_as(&second, &ada, "/people", &[("name", "Made on the second")])
            .await
            .status,
        303
    );
    // Failures on either count toward one limit.
    for n in 0..sign_in_limits::PER_ACCOUNT {
        let app = if n % 2 == 0 { &first } else { &second };
        assert_eq!(wrong(app, "ada@example.org", None).await.status, 422);
    }
    assert_eq!(wrong(&first, "ada@example.org", None).await.status, 429);
    assert_eq!(wrong(&second, "ada@example.org", None).await.status, 429);
    // Signing out through the second ends the session on the first.
    assert_eq!(post_as(&second, &ada, "/sign-out", &[]).await.status, 303);
    assert_eq!(get_as(&first, &ada, "/").await.status, 303);
    first.finish().await;
}

#[tokio::test]
async fn a_signed_in_session_cannot_guess_the_password_either() {
    let app = spawn_server(invitation_only()).await;
    let ada = student(&app, "ada@example.org").await;
    let guess = [
        ("current", "guess guess guess"),
        ("password", "a brand new passphrase"),
        ("confirm", "a brand new passphrase"),
    ];
    for _ in 0..sign_in_limits::PER_ACCOUNT {
        assert_eq!(
            post_as(&app, &ada, "/account/password", &guess)
                .await
                .status,
            422
        );
    }
    let right = [
        ("current", PASSWORD),
        ("password", "a brand new passphrase"),
        ("confirm", "a brand new passphrase"),
    ];
    let r = post_as(&app, &ada, "/account/password", &right).await;
    assert_eq!(r.status, 429, "{}", r.body);
    let r = post_as(
        &app,
        &ada,
        "/account/delete",
        &[("confirm_email", "ada@example.org"), ("current", PASSWORD)],
    )
    .await;
    assert_eq!(r.status, 429);
    assert!(
        rapport_store::accounts::by_email(&app.db, "ada@example.org")
            .await
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn a_signed_in_student_sees_their_chosen_zone() {
    let app = spawn_server(invitation_only()).await;
    let ada = student(&app, "ada@example.org").await;
    let id = account_of(&app, "ada@example.org").await;
    assert_eq!(
        post_as(&app, &ada, "/profile", &[("time_zone", "America/New_York")])
            .await
            .status,
        303
    );
    let p = rapport_store::people::create(
        &app.db,
        &id,
        &rapport_core::people::PersonForm {
            name: "Pat".into(),
            ..Default::default()
        }
        .validate()
        .unwrap(),
        now(),
    )
    .await
    .unwrap();
    let form = rapport_core::interviews::InterviewForm {
        person_id: p.id,
        starts_at: "2026-12-04 10:00".into(),
        time_zone: "America/Los_Angeles".into(),
        ..Default::default()
    };
    let i = rapport_store::interviews::create(&app.db, &id, &form.validate().unwrap(), now())
        .await
        .unwrap();
    let page = get_as(&app, &ada, &format!("/interviews/{}", i.id)).await;
    assert!(page.body.contains("2026-12-04 13:00 EST"), "{}", page.body);
}
