//! The JSON API's other records: fields, your own tasks, an interview's
//! edits, checklist and reflection, and deletions, each checked as the
//! pages check them.

use crate::common::*;

async fn token(app: &App) -> String {
    bearer(app, &app.account, false).await
}

#[tokio::test]
async fn fields_keep_their_research_and_fit_and_page_by_cursor() {
    let app = spawn_app().await;
    let auth = token(&app).await;
    let t = [("Authorization", auth.as_str())];
    let bad = api(
        &app,
        "POST",
        "/api/v1/fields",
        r#"{"title": "", "onet_code": "15-12", "research": {"gossip": "x"}}"#,
        &t,
    )
    .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    let named = fields_named(&bad);
    for field in ["title", "onet_code", "research"] {
        assert!(named.iter().any(|f| f == field), "{field} in {named:?}");
    }
    let mut ids = Vec::new();
    for title in ["Data analyst", "Software developer", "Technical writer"] {
        let made = api(
            &app,
            "POST",
            "/api/v1/fields",
            &format!(
                r#"{{"title": "{title}", "onet_code": "15-1252", "status": "promising",
                    "fit": {{"interests": "puzzles"}}, "research": {{"onet": "Bright outlook"}}}}"#
            ),
            &t,
        )
        .await;
        assert_eq!(made.status, 201, "{}", made.body);
        let made = json(&made);
        assert_eq!(made["onet_code"], "15-1252.00", "the short code gets .00");
        assert_eq!(made["research"]["onet"], "Bright outlook");
        assert_eq!(made["fit"]["interests"], "puzzles");
        ids.push(made["id"].as_str().unwrap().to_owned());
    }
    let first = json(&api(&app, "GET", "/api/v1/fields?limit=2", "", &t).await);
    let next = first["next"].as_str().unwrap().to_owned();
    let second = json(
        &api(
            &app,
            "GET",
            &format!("/api/v1/fields?limit=2&after={next}"),
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
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, ids.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(second["next"].is_null());
    let path = format!("/api/v1/fields/{}", ids[0]);
    let replaced = api(
        &app,
        "PUT",
        &path,
        r#"{"title": "Data scientist", "status": "ruled-out"}"#,
        &t,
    )
    .await;
    assert_eq!(replaced.status, 200, "{}", replaced.body);
    let shown = json(&api(&app, "GET", &path, "", &t).await);
    assert_eq!(shown["status"], "ruled-out");
    assert_eq!(
        shown["research"].as_object().map(|r| r.len()),
        Some(0),
        "replaced whole"
    );
    assert_eq!(api(&app, "DELETE", &path, "", &t).await.status, 204);
    assert_eq!(api(&app, "GET", &path, "", &t).await.status, 404);
}

#[tokio::test]
async fn your_own_tasks_are_added_replaced_and_deleted_but_not_the_rules() {
    let app = spawn_app().await;
    rapport_store::demo::load(&app.db, &app.account, zone(), now())
        .await
        .unwrap();
    let auth = token(&app).await;
    let t = [("Authorization", auth.as_str())];
    let bad = api(
        &app,
        "POST",
        "/api/v1/tasks",
        r#"{"title": " ", "due": "soon"}"#,
        &t,
    )
    .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    let named = fields_named(&bad);
    assert!(
        named.contains(&"title".to_owned()) && named.contains(&"due".to_owned()),
        "{named:?}"
    );
    let made = api(
        &app,
        "POST",
        "/api/v1/tasks",
        r#"{"title": "Call the alumni office", "due": "2026-12-10 09:00", "time_zone": "UTC"}"#,
        &t,
    )
    .await;
    assert_eq!(made.status, 201, "{}", made.body);
    let made = json(&made);
    assert_eq!(made["rule"], "user");
    assert_eq!(made["due_at"], "2026-12-10T09:00:00Z");
    assert_eq!(made["reason"], "You added this task yourself.");
    let path = format!("/api/v1/tasks/{}", made["id"].as_str().unwrap());
    let replaced = api(
        &app,
        "PUT",
        &path,
        r#"{"title": "Call the alumni office again"}"#,
        &t,
    )
    .await;
    assert_eq!(replaced.status, 200, "{}", replaced.body);
    assert!(json(&replaced)["due_at"].is_null(), "replaced whole");
    let listed = json(&api(&app, "GET", "/api/v1/tasks?limit=500", "", &t).await);
    let rule = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["rule"] != "user")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let rule_path = format!("/api/v1/tasks/{rule}");
    assert_eq!(
        api(&app, "PUT", &rule_path, r#"{"title": "x"}"#, &t)
            .await
            .status,
        404
    );
    assert_eq!(api(&app, "DELETE", &rule_path, "", &t).await.status, 404);
    assert_eq!(api(&app, "DELETE", &path, "", &t).await.status, 204);
    assert_eq!(api(&app, "GET", &path, "", &t).await.status, 404);
}

#[tokio::test]
async fn an_interview_is_edited_prepared_reflected_on_and_deleted() {
    let app = spawn_app().await;
    let auth = token(&app).await;
    let t = [("Authorization", auth.as_str())];
    let person = json(
        &api(
            &app,
            "POST",
            "/api/v1/people",
            r#"{"name": "Grace Hopper"}"#,
            &t,
        )
        .await,
    );
    let person_id = person["id"].as_str().unwrap();
    let planned = json(
        &api(
            &app,
            "POST",
            "/api/v1/interviews",
            &format!(r#"{{"person_id": "{person_id}", "starts_at": "2026-12-09 10:00", "time_zone": "UTC"}}"#),
            &t,
        )
        .await,
    );
    let path = format!("/api/v1/interviews/{}", planned["id"].as_str().unwrap());
    let blank = json(&api(&app, "GET", &format!("{path}/reflection"), "", &t).await);
    assert_eq!(blank["learned_positive"], "");
    assert!(blank["field_fit"].is_null());
    for to in ["requested", "scheduled"] {
        let moved = api(
            &app,
            "POST",
            &format!("{path}/move"),
            &format!(r#"{{"status": "{to}"}}"#),
            &t,
        )
        .await;
        assert_eq!(moved.status, 200, "{}", moved.body);
    }
    let unfit = api(
        &app,
        "PUT",
        &path,
        &format!(r#"{{"person_id": "{person_id}"}}"#),
        &t,
    )
    .await;
    assert_eq!(
        unfit.status, 409,
        "a scheduled interview keeps its time: {}",
        unfit.body
    );
    assert_eq!(fields_named(&unfit), ["starts_at"]);
    let edited = api(
        &app,
        "PUT",
        &path,
        &format!(
            r#"{{"person_id": "{person_id}", "starts_at": "2026-12-09 11:00", "time_zone": "UTC",
                "mode": "video", "length_minutes": 25.0}}"#
        ),
        &t,
    )
    .await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    let edited = json(&edited);
    assert_eq!(edited["mode"], "video");
    assert_eq!(edited["length_minutes"], 25);
    assert_eq!(edited["starts_at"], "2026-12-09T11:00:00Z");
    let prepared = json(
        &api(
            &app,
            "PUT",
            &format!("{path}/prep"),
            r#"{"resume": true, "directions": true}"#,
            &t,
        )
        .await,
    );
    assert_eq!(prepared["prep"]["resume"], true);
    assert_eq!(prepared["prep"]["answers"], false);
    let bad = api(
        &app,
        "PUT",
        &format!("{path}/reflection"),
        r#"{"field_fit": 6}"#,
        &t,
    )
    .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert_eq!(fields_named(&bad), ["field_fit"]);
    let written = api(
        &app,
        "PUT",
        &format!("{path}/reflection"),
        r#"{"learned_positive": "Small teams", "plan_of_action": "1. Read the style guide\n2. Ask Ada for an introduction",
            "field_fit": 4, "likability": 5}"#,
        &t,
    )
    .await;
    assert_eq!(written.status, 200, "{}", written.body);
    let read = json(&api(&app, "GET", &format!("{path}/reflection"), "", &t).await);
    assert_eq!(read["field_fit"], 4);
    assert_eq!(read["likability"], 5);
    assert!(read["setting"].is_null());
    // Written again, it is replaced; the same plan of action plans nothing twice.
    let again = api(
        &app,
        "PUT",
        &format!("{path}/reflection"),
        r#"{"learned_negative": "Long hours", "plan_of_action": "1. Read the style guide\n2. Ask Ada for an introduction"}"#,
        &t,
    )
    .await;
    assert_eq!(again.status, 200, "{}", again.body);
    let reread = json(&api(&app, "GET", &format!("{path}/reflection"), "", &t).await);
    assert_eq!(reread["learned_positive"], "");
    assert_eq!(reread["learned_negative"], "Long hours");
    assert!(reread["field_fit"].is_null());
    let tasks = json(&api(&app, "GET", "/api/v1/tasks?limit=500", "", &t).await);
    let actions = tasks["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| {
            t["title"]
                .as_str()
                .is_some_and(|s| s.contains("style guide") || s.contains("introduction"))
        })
        .count();
    assert_eq!(
        actions, 2,
        "each line of the plan of action is a task: {tasks}"
    );
    assert_eq!(api(&app, "DELETE", &path, "", &t).await.status, 204);
    assert_eq!(api(&app, "GET", &path, "", &t).await.status, 404);
    assert_eq!(
        api(&app, "GET", &format!("{path}/reflection"), "", &t)
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn an_organization_is_deleted_and_its_people_stay() {
    let app = spawn_app().await;
    let auth = token(&app).await;
    let t = [("Authorization", auth.as_str())];
    let org = json(
        &api(
            &app,
            "POST",
            "/api/v1/organizations",
            r#"{"name": "Analytical Engines"}"#,
            &t,
        )
        .await,
    );
    let org_id = org["id"].as_str().unwrap();
    let person = json(
        &api(
            &app,
            "POST",
            "/api/v1/people",
            &format!(r#"{{"name": "Ada", "organization_id": "{org_id}"}}"#),
            &t,
        )
        .await,
    );
    let path = format!("/api/v1/organizations/{org_id}");
    assert_eq!(api(&app, "DELETE", &path, "", &t).await.status, 204);
    assert_eq!(api(&app, "DELETE", &path, "", &t).await.status, 404);
    let kept = json(
        &api(
            &app,
            "GET",
            &format!("/api/v1/people/{}", person["id"].as_str().unwrap()),
            "",
            &t,
        )
        .await,
    );
    assert!(kept["organization"].is_null(), "{kept}");
}

#[tokio::test]
async fn a_plan_takes_bank_own_and_typed_questions_and_notes_the_answers() {
    let app = spawn_app().await;
    let auth = token(&app).await;
    let t = [("Authorization", auth.as_str())];
    let person = json(
        &api(
            &app,
            "POST",
            "/api/v1/people",
            r#"{"name": "Grace Hopper"}"#,
            &t,
        )
        .await,
    );
    let planned = json(
        &api(
            &app,
            "POST",
            "/api/v1/interviews",
            &format!(r#"{{"person_id": "{}"}}"#, person["id"].as_str().unwrap()),
            &t,
        )
        .await,
    );
    let plan = format!(
        "/api/v1/interviews/{}/plan",
        planned["id"].as_str().unwrap()
    );
    let questions = json(&api(&app, "GET", "/api/v1/questions", "", &t).await);
    let bank = &questions["bank"][0];
    let key = bank["key"].as_str().unwrap();
    let own = json(
        &api(
            &app,
            "POST",
            "/api/v1/questions",
            r#"{"text": "Whom else should I ask?", "minutes": 3}"#,
            &t,
        )
        .await,
    );
    let bad = api(&app, "POST", &plan, r#"{"text": "  ", "minutes": 31}"#, &t).await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    for body in [
        format!(r#"{{"key": "{key}", "priority": "must"}}"#),
        format!(r#"{{"question_id": "{}"}}"#, own["id"].as_str().unwrap()),
        r#"{"text": "What surprised you in your first year?", "minutes": 4, "priority": "could"}"#
            .to_owned(),
    ] {
        let added = api(&app, "POST", &plan, &body, &t).await;
        assert_eq!(added.status, 200, "{body}: {}", added.body);
    }
    let shown = json(&api(&app, "GET", &plan, "", &t).await);
    let items = shown["items"].as_array().unwrap();
    assert_eq!(items.len(), 3, "{shown}");
    assert_eq!(items[0]["key"], key);
    assert_eq!(items[0]["priority"], "must");
    assert_eq!(items[1]["minutes"], 3);
    assert_eq!(items[2]["priority"], "could");
    let sum: u64 = items.iter().map(|i| i["minutes"].as_u64().unwrap()).sum();
    assert_eq!(shown["planned_minutes"], sum);
    assert_eq!(shown["length_minutes"], 30);
    let typed_kept = json(&api(&app, "GET", "/api/v1/questions", "", &t).await);
    assert_eq!(
        typed_kept["own"].as_array().map(Vec::len),
        Some(2),
        "a typed question is kept among yours"
    );
    let last = items[2]["id"].as_str().unwrap().to_owned();
    let moved = json(
        &api(
            &app,
            "POST",
            &format!("{plan}/{last}/move"),
            r#"{"direction": "up"}"#,
            &t,
        )
        .await,
    );
    assert_eq!(moved["items"][1]["id"], last.as_str());
    let set = json(
        &api(
            &app,
            "PUT",
            &format!("{plan}/{last}"),
            r#"{"priority": "should", "minutes": 5}"#,
            &t,
        )
        .await,
    );
    assert_eq!(set["items"][1]["minutes"], 5);
    let noted = json(
        &api(
            &app,
            "PUT",
            &format!("{plan}/{last}/answer"),
            r#"{"note": "How fast the team moved", "asked": true}"#,
            &t,
        )
        .await,
    );
    assert_eq!(noted["items"][1]["note"], "How fast the team moved");
    assert_eq!(noted["items"][1]["asked"], true);
    assert_eq!(
        api(&app, "DELETE", &format!("{plan}/{last}"), "", &t)
            .await
            .status,
        204
    );
    let after = json(&api(&app, "GET", &plan, "", &t).await);
    assert_eq!(after["items"].as_array().map(Vec::len), Some(2));
    let own_path = format!("/api/v1/questions/{}", own["id"].as_str().unwrap());
    assert_eq!(api(&app, "DELETE", &own_path, "", &t).await.status, 204);
    let kept = json(&api(&app, "GET", &plan, "", &t).await);
    assert_eq!(
        kept["items"][1]["text"], "Whom else should I ask?",
        "a plan keeps its copy of a question deleted"
    );
}

#[tokio::test]
async fn the_profile_is_replaced_and_its_signature_checked() {
    let app = spawn_app().await;
    let auth = token(&app).await;
    let t = [("Authorization", auth.as_str())];
    let bad = api(
        &app,
        "PUT",
        "/api/v1/profile",
        r#"{"signature_email": "not mail", "signature_phone": "12", "answers": ["a", "b", "c", "d", "e", "f"]}"#,
        &t,
    )
    .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert_eq!(fields_named(&bad), ["answers"]);
    let bad = api(
        &app,
        "PUT",
        "/api/v1/profile",
        r#"{"signature_email": "not mail", "signature_phone": "12"}"#,
        &t,
    )
    .await;
    assert_eq!(fields_named(&bad), ["signature_email", "signature_phone"]);
    assert_eq!(
        api(&app, "PUT", "/api/v1/profile", "[]", &t).await.status,
        422,
        "an array is not a profile"
    );
    let saved = api(
        &app,
        "PUT",
        "/api/v1/profile",
        r#"{"interests": "puzzles", "answers": ["I like puzzles"], "signature_name": "Ada Lovelace",
            "signature_email": "ada@example.org", "time_zone": "Europe/London"}"#,
        &t,
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let shown = json(&api(&app, "GET", "/api/v1/profile", "", &t).await);
    assert_eq!(shown["answers"][0]["answer"], "I like puzzles");
    assert_eq!(
        shown["answers"][0]["question"],
        "Why are you interested in this type of work?"
    );
    assert_eq!(shown["answers"].as_array().map(Vec::len), Some(5));
    assert_eq!(shown["time_zone"], "Europe/London");
}

#[tokio::test]
async fn a_letter_is_drafted_checked_held_back_then_kept_and_contacts_page() {
    let app = spawn_app().await;
    let auth = token(&app).await;
    let t = [("Authorization", auth.as_str())];
    api(
        &app,
        "PUT",
        "/api/v1/profile",
        r#"{"signature_name": "Ada Lovelace"}"#,
        &t,
    )
    .await;
    let person = json(
        &api(
            &app,
            "POST",
            "/api/v1/people",
            r#"{"name": "Grace Hopper"}"#,
            &t,
        )
        .await,
    );
    let person_id = person["id"].as_str().unwrap();
    // An interview still an idea, which the letter asking for it moves on;
    // and someone else's contact, which Grace's list must leave out.
    let idea = json(
        &api(
            &app,
            "POST",
            "/api/v1/interviews",
            &format!(r#"{{"person_id": "{person_id}"}}"#),
            &t,
        )
        .await,
    );
    let ada = json(&api(&app, "POST", "/api/v1/people", r#"{"name": "Ada"}"#, &t).await);
    let other = api(
        &app,
        "POST",
        &format!("/api/v1/people/{}/contacts", ada["id"].as_str().unwrap()),
        r#"{"channel": "email", "body": "Not Grace"}"#,
        &t,
    )
    .await;
    assert_eq!(other.status, 201, "{}", other.body);
    let templates = json(&api(&app, "GET", "/api/v1/letters", "", &t).await);
    assert!(
        templates["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["key"] == "introduction"),
        "{templates}"
    );
    let draft = json(
        &api(
            &app,
            "GET",
            &format!("/api/v1/people/{person_id}/letters/introduction"),
            "",
            &t,
        )
        .await,
    );
    assert!(
        draft["body"].as_str().unwrap().contains("Grace Hopper"),
        "merged: {draft}"
    );
    assert!(
        draft["body"].as_str().unwrap().contains("Ada Lovelace"),
        "signed: {draft}"
    );
    let pitch =
        "Dear Grace,\n\nI am looking for a job at your company. Do you have any openings?\n\nAda";
    let checked = json(
        &api(
            &app,
            "POST",
            "/api/v1/letters/check",
            &serde_json::json!({"purpose": "introduction", "body": pitch}).to_string(),
            &t,
        )
        .await,
    );
    let rules: Vec<&str> = checked["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"job-pitch") && rules.contains(&"no-time-request"),
        "{rules:?}"
    );
    let letter =
        serde_json::json!({"template": "introduction", "subject": "A question", "body": pitch});
    let held = api(
        &app,
        "POST",
        &format!("/api/v1/people/{person_id}/letters"),
        &letter.to_string(),
        &t,
    )
    .await;
    assert_eq!(held.status, 409, "{}", held.body);
    assert!(held.content_type.starts_with("application/problem+json"));
    assert!(
        json(&held)["findings"]
            .as_array()
            .is_some_and(|f| !f.is_empty())
    );
    let none = json(
        &api(
            &app,
            "GET",
            &format!("/api/v1/contacts?person_id={person_id}"),
            "",
            &t,
        )
        .await,
    );
    assert_eq!(
        none["items"].as_array().map(Vec::len),
        Some(0),
        "nothing kept while held back"
    );
    let mut anyway = letter.clone();
    anyway["send_anyway"] = true.into();
    let kept = api(
        &app,
        "POST",
        &format!("/api/v1/people/{person_id}/letters"),
        &anyway.to_string(),
        &t,
    )
    .await;
    assert_eq!(kept.status, 201, "{}", kept.body);
    assert_eq!(json(&kept)["purpose"], "introduction");
    assert_eq!(
        json(&kept)["interview_id"],
        idea["id"],
        "it belongs to the interview asked for"
    );
    let asked = json(
        &api(
            &app,
            "GET",
            &format!("/api/v1/interviews/{}", idea["id"].as_str().unwrap()),
            "",
            &t,
        )
        .await,
    );
    assert_eq!(
        asked["status"], "requested",
        "the letter moved it on, as on the page"
    );
    for body in ["Left a message", "Talked for five minutes"] {
        let logged = api(
            &app,
            "POST",
            &format!("/api/v1/people/{person_id}/contacts"),
            &serde_json::json!({"channel": "phone", "outcome": "left-message", "body": body})
                .to_string(),
            &t,
        )
        .await;
        assert_eq!(logged.status, 201, "{}", logged.body);
    }
    let bad = api(
        &app,
        "POST",
        &format!("/api/v1/people/{person_id}/contacts"),
        r#"{"channel": "pigeon"}"#,
        &t,
    )
    .await;
    assert_eq!(fields_named(&bad), ["channel"]);
    let first = json(
        &api(
            &app,
            "GET",
            &format!("/api/v1/contacts?person_id={person_id}&limit=2"),
            "",
            &t,
        )
        .await,
    );
    assert_eq!(
        first["items"][0]["body"], "Talked for five minutes",
        "the latest first"
    );
    let next = first["next"].as_str().unwrap();
    let second = json(
        &api(
            &app,
            "GET",
            &format!("/api/v1/contacts?person_id={person_id}&limit=2&after={next}"),
            "",
            &t,
        )
        .await,
    );
    assert_eq!(second["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(second["items"][0]["purpose"], "introduction");
    for page in [&first, &second] {
        for c in page["items"].as_array().unwrap() {
            assert_eq!(c["person"]["id"], person_id, "only Grace's contacts: {c}");
        }
    }
    assert!(second["next"].is_null());
    let one = api(
        &app,
        "GET",
        &format!(
            "/api/v1/contacts/{}",
            second["items"][0]["id"].as_str().unwrap()
        ),
        "",
        &t,
    )
    .await;
    assert_eq!(one.status, 200);
}

#[tokio::test]
async fn conversations_are_logged_paged_and_grow_into_people() {
    let app = spawn_app().await;
    let auth = token(&app).await;
    let t = [("Authorization", auth.as_str())];
    let bad = api(
        &app,
        "POST",
        "/api/v1/conversations",
        r#"{"who": "", "occurred_on": "2026-02-30"}"#,
        &t,
    )
    .await;
    assert_eq!(fields_named(&bad), ["who", "occurred_on"]);
    let mut ids = Vec::new();
    for who in [
        "A nurse on the bus",
        "A librarian at the party",
        "An engineer in line",
    ] {
        let made = api(
            &app,
            "POST",
            "/api/v1/conversations",
            &format!(r#"{{"who": "{who}", "learned": "Night shifts"}}"#),
            &t,
        )
        .await;
        assert_eq!(made.status, 201, "{}", made.body);
        ids.push(json(&made)["id"].as_str().unwrap().to_owned());
    }
    let first = json(&api(&app, "GET", "/api/v1/conversations?limit=2", "", &t).await);
    assert_eq!(first["items"][0]["id"], ids[2].as_str(), "the latest first");
    let next = first["next"].as_str().unwrap();
    let second = json(
        &api(
            &app,
            "GET",
            &format!("/api/v1/conversations?limit=2&after={next}"),
            "",
            &t,
        )
        .await,
    );
    assert_eq!(second["items"][0]["id"], ids[0].as_str());
    assert!(second["next"].is_null());
    let person = json(
        &api(
            &app,
            "POST",
            "/api/v1/people",
            r#"{"name": "Nora the nurse"}"#,
            &t,
        )
        .await,
    );
    let grew = json(
        &api(
            &app,
            "PUT",
            &format!("/api/v1/conversations/{}/person", ids[0]),
            &format!(r#"{{"person_id": "{}"}}"#, person["id"].as_str().unwrap()),
            &t,
        )
        .await,
    );
    assert_eq!(grew["person"]["name"], "Nora the nurse");
    let path = format!("/api/v1/conversations/{}", ids[1]);
    assert_eq!(api(&app, "DELETE", &path, "", &t).await.status, 204);
    assert_eq!(api(&app, "GET", &path, "", &t).await.status, 404);
}

#[tokio::test]
async fn an_import_is_previewed_applied_with_bad_rows_reported_exported_and_undone() {
    let app = spawn_app().await;
    let auth = token(&app).await;
    let t = [("Authorization", auth.as_str())];
    let mut csv = String::from(
        "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n\
         First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
    );
    for n in 0..3000 {
        csv.push_str(&format!(
            "Person,Number {n},https://www.linkedin.com/in/p{n},p{n}@example.org,Acme {},Analyst,06 Dec 2026\n",
            n % 40
        ));
    }
    csv.push_str(",,,,,,\n");
    let file = serde_json::json!({"format": "linkedin", "text": csv});
    let preview = json(
        &api(
            &app,
            "POST",
            "/api/v1/imports/preview",
            &file.to_string(),
            &t,
        )
        .await,
    );
    assert_eq!(
        preview["new"].as_array().map(Vec::len),
        Some(3000),
        "{}",
        preview["rejected"]
    );
    assert!(preview["nothing_to_import"].is_null());
    let people_before = json(&api(&app, "GET", "/api/v1/people", "", &t).await);
    assert_eq!(
        people_before["items"].as_array().map(Vec::len),
        Some(0),
        "a preview keeps nothing"
    );
    let mut import = file.clone();
    import["file_name"] = "Connections.csv".into();
    let applied = api(&app, "POST", "/api/v1/imports", &import.to_string(), &t).await;
    assert_eq!(applied.status, 201, "{}", applied.body);
    let report = json(&applied);
    assert_eq!(report["imported"], 3000);
    assert_eq!(
        report["rejected"].as_array().map(Vec::len),
        Some(1),
        "the empty row is reported: {report}"
    );
    let again = json(&api(&app, "POST", "/api/v1/imports", &import.to_string(), &t).await);
    assert_eq!(again["imported"], 0);
    assert_eq!(again["duplicates"], 3000);
    let nothing = api(
        &app,
        "POST",
        "/api/v1/imports",
        r#"{"format": "vcard", "text": "hello"}"#,
        &t,
    )
    .await;
    assert_eq!(nothing.status, 200, "{}", nothing.body);
    assert!(json(&nothing)["batch_id"].is_null());
    assert!(json(&nothing)["nothing_to_import"].is_string());
    let csv_out = api(&app, "GET", "/api/v1/exports/people.csv", "", &t).await;
    assert!(csv_out.content_type.starts_with("text/csv"));
    assert_eq!(
        csv_out.body.lines().count(),
        3001,
        "a header and a row each"
    );
    let vcf = api(&app, "GET", "/api/v1/exports/people.vcf", "", &t).await;
    assert_eq!(vcf.body.matches("BEGIN:VCARD").count(), 3000);
    let backup = json(&api(&app, "GET", "/api/v1/exports/backup", "", &t).await);
    assert!(backup.is_object());
    let batch = report["batch_id"].as_str().unwrap();
    let undone = json(
        &api(
            &app,
            "POST",
            &format!("/api/v1/imports/{batch}/undo"),
            "",
            &t,
        )
        .await,
    );
    assert_eq!(undone["removed"], 3000);
    let twice = api(
        &app,
        "POST",
        &format!("/api/v1/imports/{batch}/undo"),
        "",
        &t,
    )
    .await;
    assert_eq!(twice.status, 409, "{}", twice.body);
    let listed = json(&api(&app, "GET", "/api/v1/imports", "", &t).await);
    assert!(
        listed["items"][0]["undone_at"].is_string() || listed["items"][1]["undone_at"].is_string()
    );
}

#[tokio::test]
async fn a_counselor_reads_the_caseload_with_a_token_made_on_the_account_page() {
    let app = spawn_server(invitation_only()).await;
    let _ada = student(&app, "ada@example.org").await;
    let dan = staff(
        &app,
        rapport_store::accounts::Kind::Counselor,
        "dan@example.org",
    )
    .await;
    let ada_account = account_of(&app, "ada@example.org").await;
    rapport_store::demo::load(&app.db, &ada_account, zone(), now())
        .await
        .unwrap();
    let share = rapport_store::shares::create(
        &app.db,
        &ada_account,
        "dan@example.org",
        rapport_store::shares::Scope::Pipeline,
        (now() + chrono::Duration::days(30)).date_naive(),
        now(),
    )
    .await
    .unwrap();
    let page = get_as(&app, &dan, "/account/tokens").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let made = post_as(
        &app,
        &dan,
        "/account/tokens",
        &[("name", "Career center system")],
    )
    .await;
    assert_eq!(made.status, 200, "{}", made.body);
    let doc = made.html();
    let secret = select(&doc, "#made-secret")
        .first()
        .and_then(|e| e.value().attr("value"))
        .unwrap()
        .to_owned();
    let auth = format!("Bearer {secret}");
    let t = [("Authorization", auth.as_str())];
    let logged = rapport_store::shares::views(&app.db, &ada_account)
        .await
        .unwrap()
        .len();
    let caseload = json(&api(&app, "GET", "/api/v1/caseload", "", &t).await);
    assert_eq!(
        caseload["items"][0]["email"], "ada@example.org",
        "{caseload}"
    );
    assert_eq!(caseload["items"][0]["scope"], "pipeline");
    let shared = api(&app, "GET", &format!("/api/v1/caseload/{share}"), "", &t).await;
    assert_eq!(shared.status, 200, "{}", shared.body);
    let body = json(&shared);
    assert!(
        body["by_status"].as_array().is_some_and(|s| !s.is_empty()),
        "{body}"
    );
    assert!(body["pipeline"].as_array().is_some_and(|p| !p.is_empty()));
    let views = rapport_store::shares::views(&app.db, &ada_account)
        .await
        .unwrap();
    assert_eq!(views.len(), logged + 2, "each read is in Ada's access log");
    assert_eq!(views[0].counselor_email, "dan@example.org");
    for private in ["learned_positive", "\"notes\"", "\"name\""] {
        assert!(
            !shared.body.contains(private),
            "{private} must not reach a counselor"
        );
    }
    assert_eq!(
        api(&app, "GET", "/api/v1/people", "", &t).await.status,
        401,
        "a counselor's token is not a student's"
    );
    let ada_token =
        rapport_store::api_tokens::create(&app.db, &ada_account, "script", false, now())
            .await
            .unwrap()
            .secret;
    let ada_auth = format!("Bearer {ada_token}");
    let refused = api(
        &app,
        "GET",
        "/api/v1/caseload",
        "",
        &[("Authorization", ada_auth.as_str())],
    )
    .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    let other = api(&app, "GET", "/api/v1/caseload/no-such-share", "", &t).await;
    assert_eq!(other.status, 404);
}

#[tokio::test]
async fn times_are_offered_while_asking_and_the_one_chosen_schedules_it() {
    let app = spawn_app().await;
    let auth = token(&app).await;
    let t = [("Authorization", auth.as_str())];
    let person = json(
        &api(
            &app,
            "POST",
            "/api/v1/people",
            r#"{"name": "Grace Hopper"}"#,
            &t,
        )
        .await,
    );
    let planned = json(
        &api(
            &app,
            "POST",
            "/api/v1/interviews",
            &format!(
                r#"{{"person_id": "{}", "time_zone": "UTC"}}"#,
                person["id"].as_str().unwrap()
            ),
            &t,
        )
        .await,
    );
    let path = format!("/api/v1/interviews/{}", planned["id"].as_str().unwrap());
    let soon = now() + chrono::Duration::days(3);
    let later = now() + chrono::Duration::days(4);
    let local = |at: chrono::DateTime<chrono::Utc>| at.format("%Y-%m-%d %H:%M").to_string();
    let past = api(
        &app,
        "PUT",
        &format!("{path}/times"),
        &serde_json::json!({"times": [local(now() - chrono::Duration::days(1))]}).to_string(),
        &t,
    )
    .await;
    assert_eq!(
        past.status, 409,
        "a time already past is not offered: {}",
        past.body
    );
    let unread = api(
        &app,
        "PUT",
        &format!("{path}/times"),
        r#"{"times": ["next tuesday"]}"#,
        &t,
    )
    .await;
    assert_eq!(fields_named(&unread), ["proposed_times"]);
    let offered = api(
        &app,
        "PUT",
        &format!("{path}/times"),
        &serde_json::json!({"times": [local(later), "", local(soon)]}).to_string(),
        &t,
    )
    .await;
    assert_eq!(offered.status, 200, "{}", offered.body);
    let times = json(&offered)["proposed_times"].clone();
    assert_eq!(times.as_array().map(Vec::len), Some(2), "{times}");
    let chosen = times[1].as_str().unwrap().to_owned();
    let other = api(
        &app,
        "POST",
        &format!("{path}/times/choose"),
        r#"{"at": "2031-01-01T10:00:00Z"}"#,
        &t,
    )
    .await;
    assert_eq!(other.status, 409, "only a time offered: {}", other.body);
    let picked = api(
        &app,
        "POST",
        &format!("{path}/times/choose"),
        &format!(r#"{{"at": "{chosen}"}}"#),
        &t,
    )
    .await;
    assert_eq!(picked.status, 200, "{}", picked.body);
    let picked = json(&picked);
    assert_eq!(picked["status"], "scheduled");
    assert_eq!(picked["starts_at"], chosen.as_str());
    let again = api(
        &app,
        "PUT",
        &format!("{path}/times"),
        r#"{"times": []}"#,
        &t,
    )
    .await;
    assert_eq!(
        again.status, 409,
        "times are offered while asking: {}",
        again.body
    );
}

#[tokio::test]
async fn templates_are_added_edited_and_built_ins_restored() {
    let app = spawn_app().await;
    let auth = token(&app).await;
    let t = [("Authorization", auth.as_str())];
    let bad = api(
        &app,
        "POST",
        "/api/v1/letters",
        r#"{"name": "", "purpose": "other", "channel": "email", "body": " "}"#,
        &t,
    )
    .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    let made = api(
        &app,
        "POST",
        "/api/v1/letters",
        r#"{"name": "Alumni note", "purpose": "introduction", "channel": "email", "subject": "Fellow alum", "body": "Dear {{name}}, may I have 20 minutes?"}"#,
        &t,
    )
    .await;
    assert_eq!(made.status, 201, "{}", made.body);
    let key = json(&made)["key"].as_str().unwrap().to_owned();
    assert!(key.starts_with("own-"), "{key}");
    let edited = api(
        &app,
        "PUT",
        "/api/v1/letters/introduction",
        r#"{"name": "Introduction", "purpose": "introduction", "channel": "letter", "body": "Dear {{name}}, twenty minutes of your time?"}"#,
        &t,
    )
    .await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    assert_eq!(json(&edited)["edited"], true);
    assert_eq!(
        api(&app, "DELETE", "/api/v1/letters/introduction", "", &t)
            .await
            .status,
        204
    );
    let list = json(&api(&app, "GET", "/api/v1/letters", "", &t).await);
    let intro = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == "introduction")
        .unwrap()
        .clone();
    assert_eq!(intro["edited"], false, "restored as it came");
    assert_eq!(
        api(&app, "DELETE", &format!("/api/v1/letters/{key}"), "", &t)
            .await
            .status,
        204
    );
    let gone = api(
        &app,
        "PUT",
        &format!("/api/v1/letters/{key}"),
        r#"{"name": "x", "purpose": "other", "channel": "email", "body": "x"}"#,
        &t,
    )
    .await;
    assert_eq!(gone.status, 404);
}

#[tokio::test]
async fn a_read_only_token_changes_nothing_whatever_it_asks() {
    let app = spawn_app().await;
    let auth = token(&app).await;
    let t = [("Authorization", auth.as_str())];
    let person = json(
        &api(
            &app,
            "POST",
            "/api/v1/people",
            r#"{"name": "Grace Hopper"}"#,
            &t,
        )
        .await,
    );
    let path = format!("/api/v1/people/{}", person["id"].as_str().unwrap());
    let planned = json(
        &api(
            &app,
            "POST",
            "/api/v1/interviews",
            &format!(r#"{{"person_id": "{}"}}"#, person["id"].as_str().unwrap()),
            &t,
        )
        .await,
    );
    let moved = format!(
        "/api/v1/interviews/{}/move",
        planned["id"].as_str().unwrap()
    );
    let read_only = bearer(&app, &app.account, true).await;
    let ro = [("Authorization", read_only.as_str())];
    for (method, target, body) in [
        ("PUT", path.as_str(), r#"{"name": "Changed"}"#),
        ("DELETE", path.as_str(), ""),
        ("POST", moved.as_str(), r#"{"status": "requested"}"#),
        ("PUT", "/api/v1/profile", r#"{"interests": "Changed"}"#),
        ("POST", "/api/v1/fields", r#"{"title": "Changed"}"#),
        ("POST", "/api/v1/tasks", r#"{"title": "Changed"}"#),
    ] {
        let r = api(&app, method, target, body, &ro).await;
        assert_eq!(r.status, 403, "{method} {target}: {}", r.body);
    }
    assert_eq!(
        json(&api(&app, "GET", &path, "", &ro).await)["name"],
        "Grace Hopper"
    );
    let interview = json(&api(&app, "GET", &moved.replace("/move", ""), "", &ro).await);
    assert_eq!(interview["status"], "idea");
    assert_eq!(
        json(&api(&app, "GET", "/api/v1/profile", "", &ro).await)["interests"],
        ""
    );
    let fields = json(&api(&app, "GET", "/api/v1/fields", "", &ro).await);
    assert_eq!(fields["items"].as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn the_reads_filters_and_limits_the_description_promises() {
    let app = spawn_app().await;
    rapport_store::demo::load(&app.db, &app.account, zone(), now())
        .await
        .unwrap();
    let auth = token(&app).await;
    let t = [("Authorization", auth.as_str())];
    let insights = api(&app, "GET", "/api/v1/insights", "", &t).await;
    assert_eq!(insights.status, 200, "{}", insights.body);
    let everyone = json(&api(&app, "GET", "/api/v1/people?limit=200", "", &t).await);
    let name = everyone["items"][0]["name"].as_str().unwrap().to_owned();
    let found = json(
        &api(
            &app,
            "GET",
            &format!("/api/v1/people?name={}", name.replace(' ', "%20")),
            "",
            &t,
        )
        .await,
    );
    let items = found["items"].as_array().unwrap();
    assert!(!items.is_empty() && items.len() < everyone["items"].as_array().unwrap().len());
    assert!(
        items
            .iter()
            .all(|p| p["name"].as_str().unwrap().contains(name.as_str()))
    );
    // A control character in the query is refused before anything runs.
    let control = api(&app, "GET", "/api/v1/people?name=a%00b", "", &t).await;
    assert_eq!(control.status, 400);
    assert!(control.content_type.starts_with("application/problem+json"));
    // An import's file may be larger than any other body.
    let file = "x".repeat(3 << 20);
    let preview = api(
        &app,
        "POST",
        "/api/v1/imports/preview",
        &serde_json::json!({"format": "vcard", "text": file}).to_string(),
        &t,
    )
    .await;
    assert_eq!(preview.status, 200, "a 3 MiB file is read");
    let notes = api(
        &app,
        "POST",
        "/api/v1/people",
        &serde_json::json!({"name": "Big", "notes": file}).to_string(),
        &t,
    )
    .await;
    assert!(
        notes.status >= 400 && notes.status < 500,
        "{}",
        notes.status
    );
    assert!(notes.content_type.starts_with("application/problem+json"));
    // A PUT replaces: what is left out is emptied.
    let set = api(
        &app,
        "PUT",
        "/api/v1/profile",
        r#"{"interests": "puzzles", "time_zone": "Europe/London"}"#,
        &t,
    )
    .await;
    assert_eq!(set.status, 200, "{}", set.body);
    let cleared = json(&api(&app, "PUT", "/api/v1/profile", r#"{"time_zone": ""}"#, &t).await);
    assert!(cleared["time_zone"].is_null());
    assert_eq!(cleared["interests"], "");
}
