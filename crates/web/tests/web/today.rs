//! Today, health, the 404 page and the stylesheet.

use crate::common::{check_page_rules, get, now, select, spawn_app, text};
use rapport_core::interviews::InterviewForm;
use rapport_core::people::PersonForm;
use rapport_core::pipeline::Status;
use rapport_core::tasks::TaskForm;
use rapport_store::{interviews, people, tasks};
use scraper::Html;

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
    check_page_rules(&doc, "/");
    assert_eq!(text(&select(&doc, "h1")[0]), "Today");
    assert!(text(&select(&doc, ".page-head p")[0]).contains("Thursday 26 November 2026"));
    let empties: Vec<String> = select(&doc, ".empty").iter().map(text).collect();
    assert_eq!(empties.len(), 2);
    assert!(empties[0].contains("20–30 minute"), "{}", empties[0]);
    assert!(empties[1].contains("within 24 hours"), "{}", empties[1]);
    assert_eq!(select(&doc, ".steps li").len(), 7);
    // The first run offers the sample network beside the first real step.
    assert_eq!(
        select(&doc, ".welcome form[action=\"/demo\"] button").len(),
        1
    );
    assert_eq!(select(&doc, ".welcome a[href=\"/people/new\"]").len(), 1);
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
    check_page_rules(&doc, "/");
    let whens: Vec<String> = select(&doc, ".card .when").iter().map(text).collect();
    assert_eq!(whens, vec!["tomorrow 14:00", "Wednesday 10:00"]);
    let card = text(&select(&doc, ".card")[0]);
    assert!(
        card.contains("Dana Ruiz")
            && card.contains("Scheduled")
            && card.contains("Step 4 · Prepare"),
        "{card}"
    );
    // Due now in full, the coming week folded with its count, the undated
    // task on the page of all tasks.
    let groups: Vec<String> = select(&doc, "h3.group").iter().map(text).collect();
    assert_eq!(groups, vec!["Overdue", "Today"]);
    let folded: Vec<String> = select(&doc, "summary.group").iter().map(text).collect();
    assert_eq!(folded.len(), 1);
    assert!(folded[0].starts_with("This week ("), "{folded:?}");
    // The rules add the day-before call for each scheduled interview.
    let week: Vec<String> = select(&doc, ".task-week .task-title")
        .iter()
        .map(text)
        .collect();
    assert!(
        week.iter()
            .any(|t| t.starts_with("Call Dana Ruiz to confirm your interview")),
        "{week:?}"
    );
    assert_eq!(
        text(&select(&doc, ".task-overdue .task-title")[0]),
        "Send thanks to Dana · Dana Ruiz"
    );
    // Text is escaped, never markup (on the page of all tasks, where the
    // undated task is).
    let r = get(&app, "/tasks").await;
    let doc = Html::parse_document(&r.body);
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
    check_page_rules(&doc, "/");
    assert_eq!(text(&select(&doc, "h1")[0]), "Page not found");
    let css = get(&app, "/static/style.css").await;
    assert_eq!(css.status, 200);
    assert!(css.content_type.starts_with("text/css"));
    assert!(css.body.contains("prefers-color-scheme: dark"));
}
