//! The JSON API over HTTP: its description matches the committed one and
//! the route table; one account's token or session reaches none of another
//! account's records; a session must send its form token to write.

use crate::common::*;
use rapport_store::{api_tokens, people};
use serde_json::Value;

#[tokio::test]
async fn the_description_is_served_committed_and_covers_the_route_table() {
    let app = spawn_app().await;
    let served = get(&app, "/api/v1/openapi.json").await;
    assert_eq!(served.status, 200);
    assert!(served.content_type.starts_with("application/json"));
    let generated = rapport_web::api::document();
    assert_eq!(served.body, generated);
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/openapi.json"
    ))
    .unwrap_or_default();
    assert_eq!(
        committed.trim_end(),
        generated.trim_end(),
        "docs/openapi.json is out of date: run `cargo run -p rapport -- openapi > docs/openapi.json`"
    );
    let doc: Value = serde_json::from_str(&generated).unwrap();
    assert!(
        doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1")),
        "{}",
        doc["openapi"]
    );
    // Every operation of the description has its entry in the route table,
    // and every API entry of the table is described.
    let mut described = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            described.push((method.to_uppercase(), format!("/api/v1{path}")));
        }
    }
    for (method, path) in &described {
        assert_eq!(
            rapport_web::access::access(&method.parse().unwrap(), path),
            Some(rapport_web::access::Access::Api),
            "{method} {path}"
        );
    }
    for (method, path, who) in rapport_web::access::ROUTES {
        if *who == rapport_web::access::Access::Api {
            assert!(
                described.iter().any(|(m, p)| m == method && p == path),
                "{method} {path} is not described"
            );
        }
    }
}

#[tokio::test]
async fn a_token_or_session_reaches_only_its_own_accounts_records() {
    let app = spawn_server(invitation_only()).await;
    let ada = student(&app, "ada@example.org").await;
    let bob = student(&app, "bob@example.org").await;
    let ada_account = account_of(&app, "ada@example.org").await;
    let bob_account = account_of(&app, "bob@example.org").await;
    let bobs = people::create(
        &app.db,
        &bob_account,
        &rapport_core::people::PersonForm {
            name: "Bob's Contact".into(),
            ..Default::default()
        }
        .validate()
        .unwrap(),
        now(),
    )
    .await
    .unwrap();
    let token = api_tokens::create(&app.db, &ada_account, "script", false, now())
        .await
        .unwrap()
        .secret;
    let auth = format!("Bearer {token}");
    let with_token = [("Authorization", auth.as_str())];
    let path = format!("/api/v1/people/{}", bobs.id);
    assert_eq!(api(&app, "GET", &path, "", &with_token).await.status, 404);
    assert_eq!(
        api(&app, "PUT", &path, r#"{"name": "Taken"}"#, &with_token)
            .await
            .status,
        404
    );
    assert_eq!(
        api(&app, "DELETE", &path, "", &with_token).await.status,
        404
    );
    let listed = json(&api(&app, "GET", "/api/v1/people", "", &with_token).await);
    assert_eq!(listed["items"].as_array().map(Vec::len), Some(0));
    // Bob's own session sees it; without its form token it cannot write.
    let cookie = [("Cookie", bob.cookie.as_str())];
    assert_eq!(api(&app, "GET", &path, "", &cookie).await.status, 200);
    let unsigned = api(&app, "DELETE", &path, "", &cookie).await;
    assert_eq!(unsigned.status, 403);
    let signed = [
        ("Cookie", bob.cookie.as_str()),
        ("X-CSRF-Token", bob.csrf.as_str()),
    ];
    // A cookie does not open the API beside a token that fails: the form
    // token is waived only for a token, so a bad one is refused outright.
    for wrong in ["Bearer rpt_0123456789abcdef0123456789abcdef", "Basic eDp5"] {
        let h = [("Cookie", bob.cookie.as_str()), ("Authorization", wrong)];
        assert_eq!(
            api(&app, "DELETE", &path, "", &h).await.status,
            401,
            "{wrong}"
        );
    }
    assert_eq!(api(&app, "GET", &path, "", &cookie).await.status, 200);
    assert_eq!(api(&app, "DELETE", &path, "", &signed).await.status, 204);
    // Signed out, and with a malformed token: 401 with a problem.
    let out = api(&app, "GET", "/api/v1/people", "", &[]).await;
    assert_eq!(out.status, 401);
    assert!(out.content_type.starts_with("application/problem+json"));
    let bad = api(
        &app,
        "GET",
        "/api/v1/today",
        "",
        &[("Authorization", "Bearer nope")],
    )
    .await;
    assert_eq!(bad.status, 401);
    // A token of the local workbench does not open a server.
    let local = rapport_store::accounts::local(&app.db, now())
        .await
        .unwrap();
    let local_token = api_tokens::create(&app.db, &local, "old laptop script", false, now())
        .await
        .unwrap()
        .secret;
    let auth = format!("Bearer {local_token}");
    assert_eq!(
        api(
            &app,
            "GET",
            "/api/v1/people",
            "",
            &[("Authorization", auth.as_str())]
        )
        .await
        .status,
        401
    );
    // Query values and ids that cannot be read answer as problems too.
    let r = api(&app, "GET", "/api/v1/people?limit=abc", "", &with_token).await;
    assert_eq!(r.status, 422);
    assert!(r.content_type.starts_with("application/problem+json"));
    let r = api(&app, "GET", "/api/v1/people/%FF", "", &with_token).await;
    assert_eq!(r.status, 404);
    assert!(r.content_type.starts_with("application/problem+json"));
    let _ = ada;
}

#[tokio::test]
async fn people_page_by_cursor_and_interviews_move_as_on_the_page() {
    let app = spawn_app().await;
    // Even on one computer, a program needs a token.
    assert_eq!(
        api(&app, "GET", "/api/v1/people", "", &[]).await.status,
        401
    );
    let auth = bearer(&app, &app.account, false).await;
    let t = [("Authorization", auth.as_str())];
    for n in 0..7 {
        let r = api(
            &app,
            "POST",
            "/api/v1/people",
            &format!(r#"{{"name": "Person {n}", "source": "alumni-office"}}"#),
            &t,
        )
        .await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
    let mut seen = Vec::new();
    let mut path = "/api/v1/people?limit=3".to_owned();
    loop {
        let page = json(&api(&app, "GET", &path, "", &t).await);
        for p in page["items"].as_array().unwrap() {
            seen.push(p["name"].as_str().unwrap().to_owned());
        }
        match page["next"].as_str() {
            Some(next) => path = format!("/api/v1/people?limit=3&after={next}"),
            None => break,
        }
    }
    assert_eq!(
        seen,
        (0..7).map(|n| format!("Person {n}")).collect::<Vec<_>>()
    );
    assert_eq!(
        api(&app, "GET", "/api/v1/people?limit=0", "", &t)
            .await
            .status,
        422
    );
    assert_eq!(
        api(&app, "POST", "/api/v1/people", "{not json", &t)
            .await
            .status,
        422
    );
    let first = seen[0].clone();
    let person_id = people::list(&app.db, &app.account, &people::Filter::default())
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.name == first)
        .unwrap()
        .id;
    let made = api(
        &app,
        "POST",
        "/api/v1/interviews",
        &format!(r#"{{"person_id": "{person_id}", "starts_at": "2026-12-09 10:00", "time_zone": "America/Los_Angeles"}}"#),
        &t,
    )
    .await;
    assert_eq!(made.status, 201, "{}", made.body);
    let id = json(&made)["id"].as_str().unwrap().to_owned();
    let moved = api(
        &app,
        "POST",
        &format!("/api/v1/interviews/{id}/move"),
        r#"{"status": "closed"}"#,
        &t,
    )
    .await;
    assert_eq!(
        moved.status, 409,
        "the pipeline refuses idea → closed: {}",
        moved.body
    );
    let moved = api(
        &app,
        "POST",
        &format!("/api/v1/interviews/{id}/move"),
        r#"{"status": "requested"}"#,
        &t,
    )
    .await;
    assert_eq!(json(&moved)["status"], "requested");
    let today = json(&api(&app, "GET", "/api/v1/today", "", &t).await);
    assert!(today["tasks"].is_array());
    // Interviews by cursor, and by status.
    for n in 1..4 {
        let r = api(
            &app,
            "POST",
            "/api/v1/interviews",
            &format!(r#"{{"person_id": "{person_id}", "notes": "round {n}"}}"#),
            &t,
        )
        .await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
    let mut ids = Vec::new();
    let mut path = "/api/v1/interviews?limit=2".to_owned();
    loop {
        let page = json(&api(&app, "GET", &path, "", &t).await);
        for i in page["items"].as_array().unwrap() {
            ids.push(i["id"].as_str().unwrap().to_owned());
        }
        match page["next"].as_str() {
            Some(next) => path = format!("/api/v1/interviews?limit=2&after={next}"),
            None => break,
        }
    }
    assert_eq!(ids.len(), 4, "each interview once");
    assert_eq!(ids[0], id, "in the order they were planned");
    let requested = json(&api(&app, "GET", "/api/v1/interviews?status=requested", "", &t).await);
    assert_eq!(requested["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        api(&app, "GET", "/api/v1/interviews?status=maybe", "", &t)
            .await
            .status,
        422
    );
    // Replaced whole, with the form's checks; then deleted.
    let path = format!("/api/v1/people/{person_id}");
    let replaced = api(
        &app,
        "PUT",
        &path,
        r#"{"name": "Person Zero", "title": "Analyst"}"#,
        &t,
    )
    .await;
    assert_eq!(replaced.status, 200, "{}", replaced.body);
    let shown = json(&api(&app, "GET", &path, "", &t).await);
    assert_eq!(
        (shown["name"].as_str(), shown["title"].as_str()),
        (Some("Person Zero"), Some("Analyst"))
    );
    assert_eq!(
        api(&app, "PUT", &path, r#"{"name": ""}"#, &t).await.status,
        422
    );
    // Search finds the person by the start of a word.
    let hits = json(&api(&app, "GET", "/api/v1/search?q=pers", "", &t).await);
    assert!(
        hits.as_array()
            .is_some_and(|h| h.iter().any(|h| h["kind"] == "person")),
        "{hits}"
    );
}

#[tokio::test]
async fn refusals_on_the_api_are_problems_and_other_methods_are_named() {
    let app = spawn_app().await;
    let auth = bearer(&app, &app.account, false).await;
    let t = [("Authorization", auth.as_str())];
    let r = api(&app, "PATCH", "/api/v1/today", "", &t).await;
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), "GET");
    assert!(r.content_type.starts_with("application/problem+json"));
    let r = api(&app, "GET", "/api/v1/nothing-here", "", &t).await;
    assert_eq!(r.status, 404);
    assert!(r.content_type.starts_with("application/problem+json"));
    let r = api(&app, "GET", "/api/v1/people/a%0Bb", "", &t).await;
    assert_eq!(r.status, 404);
    assert!(r.content_type.starts_with("application/problem+json"));
}

#[tokio::test]
async fn tasks_are_listed_snoozed_later_and_done_as_on_today() {
    let app = spawn_app().await;
    rapport_store::demo::load(&app.db, &app.account, zone(), now())
        .await
        .unwrap();
    let auth = bearer(&app, &app.account, false).await;
    let t = [("Authorization", auth.as_str())];
    let listed = json(&api(&app, "GET", "/api/v1/tasks?limit=500", "", &t).await);
    let items = listed["items"].as_array().unwrap().clone();
    assert!(items.len() > 5, "{listed}");
    let rule = items.iter().find(|t| t["rule"] != "user").unwrap();
    let rule_id = rule["id"].as_str().unwrap().to_owned();
    let dated = items
        .iter()
        .find(|t| t["due_at"].is_string())
        .unwrap()
        .clone();
    let dated_id = dated["id"].as_str().unwrap().to_owned();
    let was = chrono::DateTime::parse_from_rfc3339(dated["due_at"].as_str().unwrap()).unwrap();
    let snoozed = api(
        &app,
        "POST",
        &format!("/api/v1/tasks/{dated_id}/snooze"),
        r#"{"days": 2}"#,
        &t,
    )
    .await;
    assert_eq!(snoozed.status, 200, "{}", snoozed.body);
    let due =
        chrono::DateTime::parse_from_rfc3339(json(&snoozed)["due_at"].as_str().unwrap()).unwrap();
    assert!(due > was, "a snooze moves it later, never earlier");
    assert_eq!(
        api(
            &app,
            "POST",
            &format!("/api/v1/tasks/{dated_id}/snooze"),
            r#"{"days": 0}"#,
            &t
        )
        .await
        .status,
        422
    );
    let done = api(
        &app,
        "POST",
        &format!("/api/v1/tasks/{rule_id}/done"),
        "",
        &t,
    )
    .await;
    assert_eq!(done.status, 204, "{}", done.body);
    let after = json(&api(&app, "GET", "/api/v1/tasks?limit=500", "", &t).await);
    assert!(
        after["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["id"] != rule_id.as_str()),
        "a done task leaves the list"
    );
}

#[tokio::test]
async fn organizations_are_added_with_their_research_paged_and_replaced() {
    let app = spawn_app().await;
    let auth = bearer(&app, &app.account, false).await;
    let t = [("Authorization", auth.as_str())];
    let bad = api(
        &app,
        "POST",
        "/api/v1/organizations",
        r#"{"name": "Engines", "website": "not a site", "research": {"gossip": "x"}}"#,
        &t,
    )
    .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    let fields: Vec<String> = json(&bad)["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert!(fields.contains(&"website".to_owned()), "{fields:?}");
    assert!(fields.contains(&"research".to_owned()), "{fields:?}");
    let mut ids = Vec::new();
    for name in ["Analytical Engines", "Babbage & Co", "Cascade Freight"] {
        let r = api(
            &app,
            "POST",
            "/api/v1/organizations",
            &format!(
                r#"{{"name": "{name}", "website": "engines.example", "research": {{"website": "Small team"}}}}"#
            ),
            &t,
        )
        .await;
        assert_eq!(r.status, 201, "{}", r.body);
        let made = json(&r);
        assert_eq!(made["research"]["website"], "Small team");
        ids.push(made["id"].as_str().unwrap().to_owned());
    }
    let first = json(&api(&app, "GET", "/api/v1/organizations?limit=2", "", &t).await);
    let next = first["next"].as_str().unwrap().to_owned();
    let second = json(
        &api(
            &app,
            "GET",
            &format!("/api/v1/organizations?limit=2&after={next}"),
            "",
            &t,
        )
        .await,
    );
    let listed: Vec<&str> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["items"].as_array().unwrap())
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, ids.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(second["next"].is_null());
    let replaced = api(
        &app,
        "PUT",
        &format!("/api/v1/organizations/{}", ids[0]),
        r#"{"name": "Analytical Engines Ltd", "products": "Engines"}"#,
        &t,
    )
    .await;
    assert_eq!(replaced.status, 200, "{}", replaced.body);
    let shown = json(
        &api(
            &app,
            "GET",
            &format!("/api/v1/organizations/{}", ids[0]),
            "",
            &t,
        )
        .await,
    );
    assert_eq!(shown["name"], "Analytical Engines Ltd");
    assert_eq!(
        shown["research"].as_object().map(|r| r.len()),
        Some(0),
        "replaced whole"
    );
}

#[tokio::test]
async fn a_tokens_requests_use_the_zone_its_profile_chose() {
    let app = spawn_app().await;
    let mut profile = rapport_store::profiles::show(&app.db, &app.account)
        .await
        .unwrap();
    profile.time_zone = Some(rapport_core::validated::TimeZone::parse("America/New_York").unwrap());
    rapport_store::profiles::save(&app.db, &app.account, &profile, now())
        .await
        .unwrap();
    let ada = person(&app, "Ada Lovelace").await;
    let auth = bearer(&app, &app.account, false).await;
    let made = api(
        &app,
        "POST",
        "/api/v1/interviews",
        &format!(
            r#"{{"person_id": "{}", "starts_at": "2026-12-09 10:00"}}"#,
            ada.id
        ),
        &[("Authorization", auth.as_str())],
    )
    .await;
    assert_eq!(made.status, 201, "{}", made.body);
    let i = json(&made);
    assert_eq!(i["time_zone"], "America/New_York");
    assert_eq!(i["starts_at"], "2026-12-09T15:00:00Z", "10:00 in New York");
}

#[tokio::test]
async fn the_tokens_page_makes_shows_once_and_revokes_a_token() {
    let app = spawn_app().await;
    let page = get(&app, "/tokens").await;
    assert_eq!(page.status, 200);
    check_page_rules(&page.html(), "/tokens");
    let unnamed = post(&app, "/tokens", &[("name", " ")]).await;
    assert_eq!(unnamed.status, 422);
    assert!(
        !select(&unnamed.html(), ".error").is_empty(),
        "the name is marked"
    );
    let made = post(
        &app,
        "/tokens",
        &[("name", "Phone shortcut"), ("read_only", "on")],
    )
    .await;
    assert_eq!(made.status, 200, "{}", made.body);
    let doc = made.html();
    let secret = select(&doc, "#made-secret")[0]
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    assert!(secret.starts_with("rpt_"), "{secret}");
    let auth = format!("Bearer {secret}");
    let t = [("Authorization", auth.as_str())];
    assert_eq!(api(&app, "GET", "/api/v1/today", "", &t).await.status, 200);
    assert_eq!(
        api(&app, "POST", "/api/v1/people", r#"{"name": "Ada"}"#, &t)
            .await
            .status,
        403,
        "made read-only on the page"
    );
    // Shown once: the list names it, without the secret.
    let listed = get(&app, "/tokens").await;
    assert!(listed.body.contains("Phone shortcut"));
    assert!(!listed.body.contains(&secret));
    let revoke = select(&listed.html(), "form[action$='/revoke']")[0]
        .value()
        .attr("action")
        .unwrap()
        .to_owned();
    assert_eq!(post(&app, &revoke, &[]).await.status, 303);
    assert_eq!(api(&app, "GET", "/api/v1/today", "", &t).await.status, 401);
    assert!(get(&app, "/tokens").await.body.contains("revoked"));
}
