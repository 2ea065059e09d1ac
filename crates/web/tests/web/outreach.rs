//! Letters with the linter beside them, the kept copy, Today's one-click
//! actions, and the calendar feed behind its secret.

use crate::common::{App, get, now, post, request, select, spawn_app, text};
use rapport_core::interviews::InterviewForm;
use rapport_core::people::PersonForm;
use rapport_core::pipeline::Status;
use rapport_core::profile::Profile;
use rapport_core::tasks::TaskRule;
use rapport_store::{Page, correspondence, interviews, people, profiles, today};

async fn ada(app: &App) -> String {
    let form = PersonForm {
        name: "Ada Lovelace".into(),
        emails: vec!["ada@engines.example".into()],
        ..PersonForm::default()
    };
    people::create(&app.db, &app.account, &form.validate().unwrap(), now())
        .await
        .unwrap()
        .id
}

async fn signature(app: &App) {
    let p = Profile {
        signature_name: "Sam Rivera".into(),
        signature_address: "1200 Center St NE, Salem, OR 97301".into(),
        signature_phone: "503-555-0199".into(),
        signature_email: "sam@mail.example".into(),
        ..Profile::default()
    };
    profiles::save(&app.db, &app.account, &p, now())
        .await
        .unwrap();
}

#[tokio::test]
async fn a_letter_is_linted_kept_and_brings_its_call() {
    let app = spawn_app().await;
    signature(&app).await;
    let id = ada(&app).await;
    let page = get(&app, &format!("/people/{id}/letter?template=introduction"))
        .await
        .html();
    let body = text(&select(&page, "#f-body")[0]);
    assert!(body.starts_with("Dear Ada Lovelace"), "{body}");
    // No field yet: the merge field stays and the linter names it.
    let findings: Vec<String> = select(&page, ".finding").iter().map(text).collect();
    assert!(
        findings.iter().any(|f| f.contains("{{field.title}}")),
        "{findings:?}"
    );

    let pitch = "Dear Ada,\n\nI am looking for a job at your company.\n\nSincerely,\nSam";
    let r = post(
        &app,
        &format!("/people/{id}/letter"),
        &[
            ("template", "introduction"),
            ("subject", "Hello"),
            ("body", pitch),
            ("action", "send"),
            ("channel", "email"),
        ],
    )
    .await;
    assert_eq!(r.status, 422, "not kept while findings stand");
    let page = r.html();
    let findings: Vec<String> = select(&page, ".finding").iter().map(text).collect();
    assert!(
        findings
            .iter()
            .any(|f| f.contains("“looking for a job”") && f.contains("never for a job")),
        "{findings:?}"
    );
    assert!(
        findings.iter().any(|f| f.contains("20–30 minutes")),
        "{findings:?}"
    );
    assert_eq!(select(&page, "#f-send_anyway").len(), 1);
    assert!(
        correspondence::list(&app.db, &app.account, None, Page::default())
            .await
            .unwrap()
            .is_empty()
    );

    let fixed =
        "Dear Ada,\n\nCould you spare 20 minutes to tell me about your work?\n\nSincerely,\nSam";
    let r = post(
        &app,
        &format!("/people/{id}/letter"),
        &[
            ("template", "introduction"),
            ("subject", "Hello"),
            ("body", fixed),
            ("action", "send"),
            ("channel", "email"),
        ],
    )
    .await;
    assert_eq!(r.status, 303);
    let kept = correspondence::list(&app.db, &app.account, None, Page::default())
        .await
        .unwrap();
    assert_eq!(kept[0].body, fixed);
    let sent = get(&app, &r.location).await.html();
    crate::common::check_page_rules(&sent, "/contacts/{id}");
    let mailto = select(&sent, "a[href^=\"mailto:\"]")[0]
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    assert!(
        mailto.starts_with("mailto:ada@engines.example?subject=Hello&body=Dear%20Ada"),
        "{mailto}"
    );
    let eml = get(&app, &format!("{}/eml", r.location)).await;
    assert!(eml.content_type.starts_with("message/rfc822"));
    assert!(
        eml.body
            .contains("To: Ada Lovelace <ada@engines.example>\r\n")
            && eml.body.contains("Could you spare 20 minutes")
    );

    let agenda = today::agenda(&app.db, &app.account, now(), crate::common::zone())
        .await
        .unwrap();
    let call = agenda
        .tasks
        .iter()
        .find(|t| t.rule == TaskRule::CallAfterLetter)
        .unwrap();
    let home = get(&app, "/").await.html();
    let titles: Vec<String> = select(&home, ".task-title").iter().map(text).collect();
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("Call Ada Lovelace about your letter")),
        "{titles:?}"
    );
    assert!(!select(&home, "a[href$=\"template=call-after-letter\"]").is_empty());
    let r = post(&app, "/tasks/done", &[("task", &call.id)]).await;
    assert_eq!(r.status, 303);
    let home = get(&app, "/").await.html();
    assert!(
        select(&home, ".task-title")
            .iter()
            .map(text)
            .all(|t| !t.starts_with("Call Ada"))
    );
}

#[tokio::test]
async fn the_feed_answers_only_to_its_current_secret() {
    let app = spawn_app().await;
    let id = ada(&app).await;
    let form = InterviewForm {
        person_id: id,
        starts_at: "2026-12-07 09:00".into(),
        time_zone: "America/Los_Angeles".into(),
        ..InterviewForm::default()
    };
    let i = interviews::create(&app.db, &app.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    interviews::move_to(&app.db, &app.account, &i.id, Status::Scheduled, now())
        .await
        .unwrap();

    let download = get(&app, "/calendar.ics").await;
    assert!(download.content_type.starts_with("text/calendar"));
    assert!(download.body.contains("DTSTART:20261207T170000Z"));

    let page = post(&app, "/calendar/rotate", &[]).await.html();
    let first = select(&page, "#feed-address")[0]
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    let path = first
        .split_once("/calendar/")
        .map(|(_, t)| format!("/calendar/{t}"))
        .unwrap();
    let feed = get(&app, &path).await;
    assert_eq!(feed.status, 200);
    assert!(
        feed.body
            .contains(&format!("UID:interview-{}@rapport", i.id))
    );
    // A calendar app polling an unchanged feed is told so, without the feed;
    // after any change it gets the new one.
    let tag = feed
        .head
        .lines()
        .find_map(|l| l.strip_prefix("etag: "))
        .expect("the feed carries an ETag")
        .to_owned();
    assert!(feed.head.contains("cache-control: private, no-cache"));
    let again = request(&app, "GET", &path, "", &[("If-None-Match", &tag)]).await;
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    let other = request(&app, "GET", &path, "", &[("If-None-Match", "\"0-UTC-0\"")]).await;
    assert_eq!(other.status, 200, "another tag gets the feed");
    interviews::move_to(&app.db, &app.account, &i.id, Status::Confirmed, now())
        .await
        .unwrap();
    let changed = request(&app, "GET", &path, "", &[("If-None-Match", &tag)]).await;
    assert_eq!(changed.status, 200, "a change makes a new feed");
    assert!(!changed.head.contains(&tag));

    let page = post(&app, "/calendar/rotate", &[]).await.html();
    let second = select(&page, "#feed-address")[0]
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    assert_ne!(first, second);
    assert_eq!(
        get(&app, &path).await.status,
        404,
        "a rotated address is gone"
    );
    let wrong = format!("/calendar/{}.ics", "0".repeat(64));
    assert_eq!(get(&app, &wrong).await.status, 404);
    assert_eq!(get(&app, "/calendar/not-a-token.ics").await.status, 404);
    let new_path = second
        .split_once("/calendar/")
        .map(|(_, t)| format!("/calendar/{t}"))
        .unwrap();
    assert_eq!(get(&app, &new_path).await.status, 200);
    post(&app, "/calendar/revoke", &[]).await;
    assert_eq!(get(&app, &new_path).await.status, 404);
}

#[tokio::test]
async fn all_tasks_lists_the_same_tasks_as_the_agenda() {
    let app = spawn_app().await;
    rapport_store::demo::load(&app.db, &app.account, crate::common::zone(), now())
        .await
        .unwrap();
    let agenda = today::agenda(&app.db, &app.account, now(), crate::common::zone())
        .await
        .unwrap();
    let home = get(&app, "/tasks").await.html();
    let shown: Vec<String> = select(&home, ".task input[name=task]")
        .iter()
        .map(|e| e.value().attr("value").unwrap().to_owned())
        .collect();
    let mut expected: Vec<String> = agenda.tasks.iter().map(|t| t.id.clone()).collect();
    // Each task has a Done and a Snooze form.
    let mut once: Vec<String> = shown.clone();
    once.dedup();
    let mut once_sorted = once.clone();
    once_sorted.sort();
    expected.sort();
    assert_eq!(once_sorted, expected);
}
