//! The journey's broken moments, mended: a thank-you kept as sent thanks its
//! interview; finishing asks when it really ended and the 24 hours count
//! from then; the notes taken under each question in live mode show after.

use crate::common::*;
use chrono::Duration;
use rapport_core::interviews::InterviewForm;
use rapport_core::pipeline::Status;
use rapport_core::tasks::TaskRule;
use rapport_store::{interviews, plans, progress, today};

/// An interview with Ada, agreed for 09:00 today (Los Angeles) and held.
async fn held_interview(app: &App) -> (String, String) {
    let ada = person(app, "Ada Lovelace").await;
    let i = interview_at(app, &ada.id, "2026-11-25 09:00").await;
    for to in [Status::Requested, Status::Scheduled] {
        interviews::move_to(&app.db, &app.account, &i.id, to, now())
            .await
            .unwrap();
    }
    (ada.id, i.id)
}

/// An interview with `person` agreed for `starts_at` in Los Angeles (an idea
/// until moved).
async fn interview_at(
    app: &App,
    person: &str,
    starts_at: &str,
) -> rapport_core::interviews::Interview {
    let form = InterviewForm {
        person_id: person.to_owned(),
        starts_at: starts_at.into(),
        time_zone: "America/Los_Angeles".into(),
        ..InterviewForm::default()
    };
    interviews::create(&app.db, &app.account, &form.validate().unwrap(), now())
        .await
        .unwrap()
}

async fn rule_tasks(
    app: &App,
    rule: TaskRule,
    at: chrono::DateTime<chrono::Utc>,
) -> Vec<rapport_core::tasks::Task> {
    today::agenda(&app.db, &app.account, at, zone())
        .await
        .unwrap()
        .tasks
        .into_iter()
        .filter(|t| t.rule == rule)
        .collect()
}

#[tokio::test]
async fn a_thank_you_kept_as_sent_thanks_its_interview() {
    let app = spawn_app().await;
    let (ada, interview) = held_interview(&app).await;
    let r = post(
        &app,
        &format!("/interviews/{interview}/move"),
        &[("status", "done"), ("ended_at", "")],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(rule_tasks(&app, TaskRule::ThankYou, now()).await.len(), 1);
    let page = get(&app, &format!("/people/{ada}/letter?template=thank-you")).await;
    assert_eq!(page.status, 200);
    let doc = page.html();
    let body = text(&select(&doc, "#f-body")[0]);
    let subject = select(&doc, "#f-subject")[0]
        .value()
        .attr("value")
        .unwrap_or("Thank you")
        .to_owned();
    let r = post(
        &app,
        &format!("/people/{ada}/letter"),
        &[
            ("template", "thank-you"),
            ("subject", &subject),
            ("body", &body),
            ("channel", "email"),
            ("action", "send"),
            ("send_anyway", "on"),
        ],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let shown = interviews::show(&app.db, &app.account, &interview)
        .await
        .unwrap();
    assert_eq!(shown.status, Status::Thanked, "the thank-you counts");
    assert!(
        rule_tasks(&app, TaskRule::ThankYou, now()).await.is_empty(),
        "Today stops asking"
    );
    assert_eq!(
        progress::counts(&app.db, &app.account)
            .await
            .unwrap()
            .thanked,
        1
    );
    let home = get(&app, "/").await;
    assert!(
        home.status == 200 && !home.body.contains("Send your thank-you"),
        "no thank-you task on Today"
    );
}

#[tokio::test]
async fn finishing_asks_when_it_ended_and_the_thanks_count_from_then() {
    let app = spawn_app().await;
    let (_, interview) = held_interview(&app).await;
    // A time still ahead is refused beside the field, and nothing moves.
    let r = post(
        &app,
        &format!("/interviews/{interview}/move"),
        &[("status", "done"), ("ended_at", "2026-11-27T09:00")],
    )
    .await;
    assert_eq!(r.status, 422);
    assert_eq!(
        interviews::show(&app.db, &app.account, &interview)
            .await
            .unwrap()
            .status,
        Status::Scheduled
    );
    // The interview page offers the planned end (09:30 yesterday) to confirm.
    let page = get(&app, &format!("/interviews/{interview}")).await;
    let doc = page.html();
    let offered = select(&doc, "#f-move-ended")[0]
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    assert_eq!(offered, "2026-11-25T09:30");
    // Held yesterday at 08:00 to 08:40 instead: the thanks fall due 24 h after.
    let r = post(
        &app,
        &format!("/interviews/{interview}/move"),
        &[("status", "done"), ("ended_at", "2026-11-25T08:40")],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let thanks = rule_tasks(&app, TaskRule::ThankYou, now()).await;
    let ended = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 25, 16, 40, 0).unwrap();
    assert_eq!(thanks[0].due_at, Some(ended + Duration::hours(24)));
}

#[tokio::test]
async fn the_reflection_page_asks_when_it_ended_too() {
    let app = spawn_app().await;
    let (_, interview) = held_interview(&app).await;
    let page = get(&app, &format!("/interviews/{interview}/after")).await;
    check_page_rules(&page.html(), "after");
    assert_eq!(
        select(&page.html(), "#f-ended_at")[0].value().attr("value"),
        Some("2026-11-25T09:30")
    );
    let r = post(
        &app,
        &format!("/interviews/{interview}/after"),
        &[
            ("ended_at", "2026-11-25T10:15"),
            ("notes", "Talked past the half hour"),
        ],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let thanks = rule_tasks(&app, TaskRule::ThankYou, now()).await;
    let ended = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 25, 18, 15, 0).unwrap();
    assert_eq!(thanks[0].due_at, Some(ended + Duration::hours(24)));
}

#[tokio::test]
async fn notes_taken_in_live_mode_show_and_edit_afterwards() {
    let app = spawn_app().await;
    let (_, interview) = held_interview(&app).await;
    let r = post(
        &app,
        &format!("/interviews/{interview}/plan/suggested"),
        &[],
    )
    .await;
    assert!(r.status < 400, "{}", r.body);
    let items = plans::list(&app.db, &app.account, &interview)
        .await
        .unwrap();
    assert!(items.len() >= 2);
    let (first, second) = (&items[0], &items[1]);
    let first_key = format!("note_{}", first.id);
    let r = post(
        &app,
        &format!("/interviews/{interview}/live"),
        &[(&first_key, "Started as a support engineer"), ("notes", "")],
    )
    .await;
    assert!(r.status < 400, "{}", r.body);
    let stored = plans::list(&app.db, &app.account, &interview)
        .await
        .unwrap();
    assert_eq!(
        stored[0].note,
        "Started as a support engineer",
        "the live form's field names: {:?}",
        r.body.len()
    );
    // The reflection page shows each question with its note, editable.
    let page = get(&app, &format!("/interviews/{interview}/after")).await;
    let doc = page.html();
    let area = select(&doc, &format!("#f-answer-{}", first.id));
    assert_eq!(text(&area[0]), "Started as a support engineer");
    let (a1, a2) = (
        format!("answer_{}", first.id),
        format!("answer_{}", second.id),
    );
    let r = post(
        &app,
        &format!("/interviews/{interview}/after"),
        &[
            ("ended_at", ""),
            (&a1, "Started in support, then QA"),
            (&a2, "Remembered afterwards: mentors matter"),
        ],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let stored = plans::list(&app.db, &app.account, &interview)
        .await
        .unwrap();
    assert_eq!(stored[0].note, "Started in support, then QA");
    assert_eq!(stored[1].note, "Remembered afterwards: mentors matter");
    assert!(stored[1].asked, "a question with an answer was asked");
    // And the interview page shows them.
    let page = get(&app, &format!("/interviews/{interview}")).await;
    assert!(page.body.contains("What they answered"));
    assert!(page.body.contains("Remembered afterwards: mentors matter"));
}

#[tokio::test]
async fn your_own_tasks_are_added_changed_and_deleted_in_the_web() {
    let app = spawn_app().await;
    let home = get(&app, "/").await;
    assert!(
        !home.body.contains("rapport task add"),
        "the web no longer sends you to the CLI"
    );
    check_page_rules(&home.html(), "today");
    // An empty title is refused beside its field, with what was typed.
    let r = post(
        &app,
        "/tasks",
        &[("title", " "), ("due", "2026-11-27T09:00"), ("back", "/")],
    )
    .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("2026-11-27T09:00"));
    // Added on Today, it shows there with its due time in your zone.
    let r = post(
        &app,
        "/tasks",
        &[
            ("title", "Read the annual report"),
            ("due", "2026-11-27T09:00"),
            ("back", "/"),
        ],
    )
    .await;
    assert_eq!((r.status, r.location.as_str()), (303, "/"));
    let open = rapport_store::tasks::list(
        &app.db,
        &app.account,
        rapport_store::tasks::Show::Open,
        rapport_store::Page::default(),
    )
    .await
    .unwrap();
    let task = open
        .iter()
        .find(|t| t.title == "Read the annual report")
        .unwrap()
        .clone();
    let nine_la = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 27, 17, 0, 0).unwrap();
    assert_eq!(task.due_at, Some(nine_la));
    let home = get(&app, "/").await;
    assert!(home.body.contains(&format!("/tasks/{}/edit", task.id)));
    // Changed and deleted.
    let edit = get(&app, &format!("/tasks/{}/edit", task.id)).await;
    assert_eq!(edit.status, 200);
    check_page_rules(&edit.html(), "task");
    assert_eq!(
        select(&edit.html(), "#f-due")[0].value().attr("value"),
        Some("2026-11-27T09:00")
    );
    let r = post(
        &app,
        &format!("/tasks/{}", task.id),
        &[
            ("title", "Read the annual report twice"),
            ("due", ""),
            ("back", "/"),
        ],
    )
    .await;
    assert_eq!(r.status, 303);
    let changed = rapport_store::tasks::show(&app.db, &app.account, &task.id)
        .await
        .unwrap();
    assert_eq!(
        (changed.title.as_str(), changed.due_at),
        ("Read the annual report twice", None)
    );
    assert_eq!(
        post(
            &app,
            &format!("/tasks/{}/delete", task.id),
            &[("back", "/")]
        )
        .await
        .status,
        303
    );
    assert!(
        rapport_store::tasks::show(&app.db, &app.account, &task.id)
            .await
            .is_err()
    );
    // From a person's page, about that person, and back there.
    let ada = person(&app, "Ada Lovelace").await;
    let page = get(&app, &format!("/people/{}", ada.id)).await;
    assert!(page.body.contains("Add a task"));
    let back = format!("/people/{}", ada.id);
    let r = post(
        &app,
        "/tasks",
        &[
            ("title", "Ask Ada about mentors"),
            ("person_id", &ada.id),
            ("back", &back),
        ],
    )
    .await;
    assert_eq!((r.status, r.location.as_str()), (303, back.as_str()));
    let all = get(&app, "/tasks").await;
    assert!(all.body.contains("Ask Ada about mentors"));
    // A rule's task follows its facts: it has no edit page.
    let (_, interview) = held_interview(&app).await;
    post(
        &app,
        &format!("/interviews/{interview}/move"),
        &[("status", "done"), ("ended_at", "")],
    )
    .await;
    let rule = rule_tasks(&app, TaskRule::ThankYou, now()).await;
    assert_eq!(
        get(&app, &format!("/tasks/{}/edit", rule[0].id))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn a_backup_is_restored_from_the_import_page_into_an_empty_workbench_only() {
    let from = spawn_app().await;
    rapport_store::demo::load(&from.db, &from.account, zone(), now())
        .await
        .unwrap();
    let backup = get(&from, "/export/backup.json").await.body;
    let to = spawn_app().await;
    let r = post_file(&to, "/import/restore", "backup.json", "not json at all", "").await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("not JSON"));
    let r = post_file(&to, "/import/restore", "backup.json", &backup, "").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("Restored"), "{}", r.body);
    let people = rapport_store::people::list(&to.db, &to.account, &Default::default())
        .await
        .unwrap();
    assert!(people.len() >= 50);
    // A second restore into the now full workbench changes nothing.
    let again = post_file(&to, "/import/restore", "backup.json", &backup, "").await;
    assert_eq!(again.status, 422, "{}", again.body);
    let after = rapport_store::people::list(&to.db, &to.account, &Default::default())
        .await
        .unwrap();
    assert_eq!(after.len(), people.len());
}

/// The primary action's label on an interview's page.
async fn primary(app: &App, interview: &str) -> String {
    let page = get(app, &format!("/interviews/{interview}")).await;
    let doc = page.html();
    select(&doc, ".next .big")
        .first()
        .map(text)
        .unwrap_or_default()
}

async fn advice(app: &App, interview: &str) -> String {
    let page = get(app, &format!("/interviews/{interview}")).await;
    let doc = page.html();
    select(&doc, ".next p")
        .first()
        .map(text)
        .unwrap_or_default()
}

#[tokio::test]
async fn the_next_step_follows_the_facts_not_the_status_alone() {
    let app = spawn_app().await;
    let ada = person(&app, "Ada Lovelace").await;
    let make = |starts_at: &'static str| {
        let form = InterviewForm {
            person_id: ada.id.clone(),
            starts_at: starts_at.into(),
            time_zone: "America/Los_Angeles".into(),
            ..InterviewForm::default()
        };
        let app = &app;
        async move {
            interviews::create(&app.db, &app.account, &form.validate().unwrap(), now())
                .await
                .unwrap()
                .id
        }
    };
    // A request with a date: mark it scheduled, not "add the date".
    let dated = make("2026-12-04 10:00").await;
    interviews::move_to(&app.db, &app.account, &dated, Status::Requested, now())
        .await
        .unwrap();
    assert_eq!(primary(&app, &dated).await, "It is scheduled");
    assert!(!advice(&app, &dated).await.contains("agree a date"));
    let r = post(
        &app,
        &format!("/interviews/{dated}/move"),
        &[("status", "scheduled")],
    )
    .await;
    assert_eq!(r.status, 303);
    assert_eq!(primary(&app, &dated).await, "I called to confirm");
    // Confirmed with questions chosen: the brief, not "choose your questions".
    interviews::move_to(&app.db, &app.account, &dated, Status::Confirmed, now())
        .await
        .unwrap();
    assert_eq!(primary(&app, &dated).await, "Choose your questions");
    post(&app, &format!("/interviews/{dated}/plan/suggested"), &[]).await;
    assert_eq!(primary(&app, &dated).await, "Open the brief");
    let home = get(&app, "/").await;
    assert!(
        home.body.contains("Your questions are chosen"),
        "Today's card follows too"
    );
    assert!(
        !home.body.contains("Choose your questions and plan"),
        "no stale advice on Today"
    );
    // A new interview with a date in the past asks whether it happened.
    let past = make("2026-11-20 10:00").await;
    assert!(
        advice(&app, &past).await.contains("did it already happen?"),
        "{}",
        advice(&app, &past).await
    );
    assert_eq!(primary(&app, &past).await, "Change the date");
}

#[tokio::test]
async fn one_time_zone_of_your_choosing_for_every_page() {
    let app = spawn_app().await;
    // The machine is in Los Angeles; the student lives in New York.
    let page = get(&app, "/profile").await;
    check_page_rules(&page.html(), "profile");
    assert!(
        page.body
            .contains("This computer&#39;s zone (America/Los_Angeles)")
            || page
                .body
                .contains("This computer's zone (America/Los_Angeles)")
    );
    let r = post(&app, "/profile", &[("time_zone", "Mars/Olympus")]).await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("is not a time zone"));
    let r = post(
        &app,
        "/profile",
        &[("time_zone", "America/New_York"), ("signature_name", "Sam")],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let doc = get(&app, "/profile").await.html();
    assert_eq!(
        select(&doc, "#f-time_zone option[selected]")[0]
            .value()
            .attr("value"),
        Some("America/New_York")
    );
    // An interview agreed for 10:00 in Los Angeles shows 13:00 here, with
    // its own time beside it.
    let ada = person(&app, "Ada Lovelace").await;
    let i = interview_at(&app, &ada.id, "2026-12-04 10:00").await;
    let shown = get(&app, &format!("/interviews/{}", i.id)).await;
    assert!(
        shown.body.contains("2026-12-04 13:00 EST"),
        "{}",
        shown.body
    );
    assert!(shown.body.contains("2026-12-04 10:00 PST their time"));
    // A new interview's form starts in the chosen zone.
    let new = get(&app, &format!("/interviews/new?person={}", ada.id)).await;
    assert!(
        new.body.contains("America/New_York"),
        "the form pre-fills the student's zone"
    );
    // Your own tasks are read in it too: 09:00 New York is 14:00 UTC.
    post(
        &app,
        "/tasks",
        &[
            ("title", "Call Ada"),
            ("due", "2026-11-30T09:00"),
            ("back", "/"),
        ],
    )
    .await;
    let open = rapport_store::tasks::list(
        &app.db,
        &app.account,
        rapport_store::tasks::Show::Open,
        rapport_store::Page::default(),
    )
    .await
    .unwrap();
    let call = open.iter().find(|t| t.title == "Call Ada").unwrap();
    assert_eq!(
        call.due_at,
        Some(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 30, 14, 0, 0).unwrap())
    );
    // Back to the machine's zone.
    post(
        &app,
        "/profile",
        &[("time_zone", ""), ("signature_name", "Sam")],
    )
    .await;
    let shown = get(&app, &format!("/interviews/{}", i.id)).await;
    let at = shown
        .body
        .find("EST their time")
        .or(shown.body.find("PST their time"))
        .map(|n| &shown.body[n.saturating_sub(300)..n + 10]);
    assert!(shown.body.contains("2026-12-04 10:00 PST"), "{at:?}");
    assert!(at.is_none(), "{at:?}");
}

#[tokio::test]
async fn they_agreed_after_all_reopens_a_declined_request() {
    let app = spawn_app().await;
    let ada = person(&app, "Ada Lovelace").await;
    let form = InterviewForm {
        person_id: ada.id.clone(),
        ..InterviewForm::default()
    };
    let i = interviews::create(&app.db, &app.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    for to in [Status::Requested, Status::Declined] {
        interviews::move_to(&app.db, &app.account, &i.id, to, now())
            .await
            .unwrap();
    }
    let r = post(
        &app,
        &format!("/people/{}/contacts", ada.id),
        &[
            ("channel", "phone"),
            ("direction", "in"),
            ("purpose", "other"),
            ("outcome", "agreed"),
            ("occurred_at", ""),
            ("body", "She called back: next week works"),
        ],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let shown = interviews::show(&app.db, &app.account, &i.id)
        .await
        .unwrap();
    assert_eq!(
        shown.status,
        Status::Requested,
        "reopened where the contact was logged"
    );
    assert_eq!(primary(&app, &i.id).await, "Add the date and time");
}

#[tokio::test]
async fn the_method_is_felt_in_live_mode_the_plan_and_afterwards() {
    let app = spawn_app().await;
    let (ada, interview) = held_interview(&app).await;
    // Live mode opens with the opening: introduce yourself, thank them, say
    // you are gathering information.
    let live = get(&app, &format!("/interviews/{interview}/live")).await;
    assert!(live.body.contains("Open the conversation"));
    assert!(live.body.contains("Introduce yourself."));
    assert!(live.body.contains("you are gathering information"));
    assert!(live.body.find("Open the conversation") < live.body.find("<h2>Questions</h2>"));
    // With a résumé on the brief, the plan suggests asking for a review.
    let suggested = |body: String| {
        let doc = scraper::Html::parse_document(&body);
        select(&doc, "[aria-labelledby=suggested-heading]")
            .first()
            .map(text)
            .unwrap_or_default()
    };
    let plan = get(&app, &format!("/interviews/{interview}/plan")).await;
    assert!(!suggested(plan.body).contains("reviewing my résumé"));
    post(
        &app,
        "/profile/resumes",
        &[("label", "Résumé, software"), ("location", "Drive")],
    )
    .await;
    let plan = get(&app, &format!("/interviews/{interview}/plan")).await;
    assert!(suggested(plan.body).contains("reviewing my résumé"));
    // "May I say you referred me?" asked in the moment, and the letter to the
    // referral says who suggested you.
    let r = post(
        &app,
        &format!("/interviews/{interview}/referrals"),
        &[("name", "Grace Hopper"), ("may_name_referrer", "on")],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let refs = interviews::referrals(&app.db, &app.account, &interview)
        .await
        .unwrap();
    let grace = rapport_store::people::show(&app.db, &app.account, &refs[0].id)
        .await
        .unwrap();
    assert!(grace.may_name_referrer);
    let letter = get(
        &app,
        &format!("/people/{}/letter?template=introduction", grace.id),
    )
    .await;
    assert!(
        letter
            .body
            .contains("Ada Lovelace suggested that I contact you."),
        "{}",
        letter.body
    );
    // "They said I may stay in touch" sets the cadence there.
    let after = get(&app, &format!("/interviews/{interview}/after")).await;
    assert_eq!(
        select(&after.html(), "#f-cadence_days")[0]
            .value()
            .attr("value"),
        Some("90")
    );
    let r = post(
        &app,
        &format!("/interviews/{interview}/after"),
        &[
            ("ended_at", ""),
            ("stay_in_touch", "on"),
            ("cadence_days", "60"),
        ],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let ada = rapport_store::people::show(&app.db, &app.account, &ada)
        .await
        .unwrap();
    assert!(ada.stay_in_touch);
    assert_eq!(ada.cadence_days, Some(60));
    let later = now() + Duration::days(61);
    assert!(
        !rule_tasks(&app, TaskRule::StayInTouch, later)
            .await
            .is_empty(),
        "the first keep-in-touch task"
    );
}

#[tokio::test]
async fn planning_with_someone_who_cannot_hire_suggests_a_manager_too() {
    let app = spawn_app().await;
    let org = rapport_store::organizations::create(
        &app.db,
        &app.account,
        &rapport_core::organizations::OrganizationForm::named("Willamette Rehab")
            .validate()
            .unwrap(),
        now(),
    )
    .await
    .unwrap();
    let pat = person(&app, "Pat Therapist").await;
    let form = InterviewForm {
        person_id: pat.id.clone(),
        organization_id: Some(org.id.clone()),
        ..InterviewForm::default()
    };
    let i = interviews::create(&app.db, &app.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    let page = get(&app, &format!("/interviews/{}", i.id)).await;
    assert!(page.body.contains("look for a manager or supervisor"));
    let add = format!("/people/new?organization={}", org.id);
    assert!(page.body.contains(&add));
    let new = get(&app, &add).await;
    let doc = new.html();
    assert_eq!(
        select(&doc, "#f-organization_id option[selected]")[0]
            .value()
            .attr("value"),
        Some(org.id.as_str())
    );
    assert!(!select(&doc, "#f-hiring_authority[checked]").is_empty());
    // An import reads "Rehab Manager" as someone who can hire.
    let csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nRae,Lind,,,Willamette Rehab,Rehab Manager,02 Mar 2024\nSol,Ng,,,Willamette Rehab,Physical Therapist,03 Mar 2024\n";
    let parsed = rapport_core::import::parse(csv, rapport_core::import::Format::LinkedIn);
    rapport_store::imports::apply(
        &app.db,
        &app.account,
        rapport_core::import::Format::LinkedIn,
        "c.csv",
        &parsed,
        Default::default(),
        now(),
    )
    .await
    .unwrap();
    let all = rapport_store::people::list(&app.db, &app.account, &Default::default())
        .await
        .unwrap();
    let rae = all.iter().find(|p| p.name == "Rae Lind").unwrap();
    let sol = all.iter().find(|p| p.name == "Sol Ng").unwrap();
    assert!(rae.hiring_authority && !sol.hiring_authority);
}

#[tokio::test]
async fn how_it_felt_is_kept_apart_from_what_was_learned() {
    let app = spawn_app().await;
    let (_, interview) = held_interview(&app).await;
    let page = get(&app, &format!("/interviews/{interview}/after")).await;
    assert!(page.body.contains("How did it feel?"));
    let r = post(
        &app,
        &format!("/interviews/{interview}/after"),
        &[
            ("ended_at", ""),
            ("learned_positive", "Teams ship weekly"),
            ("feelings", "Intimidated by the open office"),
        ],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let kept = rapport_store::reflections::show(&app.db, &app.account, &interview)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.feelings, "Intimidated by the open office");
    assert_eq!(kept.learned_positive, "Teams ship weekly");
    // It travels in the backup.
    let backup = get(&app, "/export/backup.json").await.body;
    assert!(backup.contains("Intimidated by the open office"));
}

#[tokio::test]
async fn an_imported_list_keeps_where_it_came_from_and_when_you_connected() {
    let app = spawn_app().await;
    let page = get(&app, "/import").await;
    check_page_rules(&page.html(), "import");
    assert!(page.body.contains("Alumni office"));
    let csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nRae,Lind,,,Acme,Engineer,02 Mar 2024\n";
    // The preview carries the chosen source to the confirmation.
    let r = post_file_with(
        &app,
        "/import/preview",
        "Connections.csv",
        csv,
        &[("format", "linkedin"), ("source", "alumni-office")],
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let doc = r.html();
    assert_eq!(
        select(&doc, "input[name=source]")[0].value().attr("value"),
        Some("alumni-office")
    );
    let content = select(&doc, "input[name=content]")[0]
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    let r = post(
        &app,
        "/import",
        &[
            ("format", "linkedin"),
            ("content", &content),
            ("file_name", "Connections.csv"),
            ("source", "alumni-office"),
        ],
    )
    .await;
    assert!(r.status < 400, "{}", r.body);
    let all = rapport_store::people::list(&app.db, &app.account, &Default::default())
        .await
        .unwrap();
    let rae = all.iter().find(|p| p.name == "Rae Lind").unwrap();
    assert_eq!(rae.source, rapport_core::people::Source::AlumniOffice);
    assert_eq!(
        rae.connected_on.map(|d| d.to_string()).as_deref(),
        Some("2024-03-02")
    );
}

#[tokio::test]
async fn the_templates_read_right_for_any_person_and_field() {
    let app = spawn_app().await;
    let p = rapport_core::profile::Profile {
        signature_name: "Sam Rivera".into(),
        ..Default::default()
    };
    rapport_store::profiles::save(&app.db, &app.account, &p, now())
        .await
        .unwrap();
    // Someone with no organization, and a field named by an occupation.
    let pat = person(&app, "Pat Example").await;
    let field = rapport_store::fields::create(
        &app.db,
        &app.account,
        &rapport_core::fields::FieldForm {
            title: "Physical therapist".into(),
            status: "exploring".into(),
            ..Default::default()
        }
        .validate()
        .unwrap(),
        now(),
    )
    .await
    .unwrap();
    let form = InterviewForm {
        person_id: pat.id.clone(),
        field_ids: vec![field.id.clone()],
        ..InterviewForm::default()
    };
    interviews::create(&app.db, &app.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    let page = get(
        &app,
        &format!("/people/{}/letter?template=introduction", pat.id),
    )
    .await;
    let doc = page.html();
    let body = text(&select(&doc, "#f-body")[0]);
    assert!(
        body.contains("My name is Sam Rivera"),
        "the letter says who you are: {body}"
    );
    assert!(
        body.contains("careers in this field (Physical therapist)"),
        "{body}"
    );
    assert!(
        !body.contains("{{organization.name}}") && body.contains("at your organization"),
        "{body}"
    );
    // A thank-you without address or phone points to the profile to fix it.
    let r = post(
        &app,
        &format!("/people/{}/letter", pat.id),
        &[
            ("template", "thank-you"),
            ("subject", "Thank you"),
            (
                "body",
                "Dear Pat,\n\nThank you for your time.\n\nWith thanks,\n\nSam Rivera",
            ),
            ("channel", "email"),
            ("action", "check"),
        ],
    )
    .await;
    let doc = r.html();
    let finding = select(&doc, ".finding a[href=\"/profile\"]");
    assert_eq!(finding.len(), 1, "{}", r.body);
    assert!(text(&finding[0]).contains("signature"));
}

#[tokio::test]
async fn a_field_shows_what_its_interviews_said_of_the_fit() {
    let app = spawn_app().await;
    let field = rapport_store::fields::create(
        &app.db,
        &app.account,
        &rapport_core::fields::FieldForm {
            title: "Physical therapy".into(),
            status: "exploring".into(),
            ..Default::default()
        }
        .validate()
        .unwrap(),
        now(),
    )
    .await
    .unwrap();
    let page = get(&app, &format!("/fields/{}", field.id)).await;
    assert!(!page.body.contains("What your interviews say"));
    let (_, interview) = held_interview(&app).await;
    let i = interviews::show(&app.db, &app.account, &interview)
        .await
        .unwrap();
    let mut form = i.to_form();
    form.field_ids = vec![field.id.clone()];
    interviews::update(
        &app.db,
        &app.account,
        &interview,
        &form.validate().unwrap(),
        now(),
    )
    .await
    .unwrap();
    let r = post(
        &app,
        &format!("/interviews/{interview}/after"),
        &[
            ("ended_at", ""),
            ("fit_with_self", "Hands-on work with people suits me"),
            ("field_fit", "4"),
            ("likability", "5"),
            ("setting", "2"),
        ],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let page = get(&app, &format!("/fields/{}", field.id)).await;
    check_page_rules(&page.html(), "field");
    assert!(page.body.contains("What your interviews say"));
    assert!(page.body.contains("Hands-on work with people suits me"));
    assert!(
        page.body.contains("field fit 4/5")
            && page.body.contains("person 5/5")
            && page.body.contains("setting 2/5")
    );
}

#[tokio::test]
async fn today_keeps_to_what_is_due_and_all_tasks_have_their_own_page() {
    let app = spawn_app().await;
    for (title, due) in [
        ("Overdue call", "2026-11-25T09:00"),
        ("Due today", "2026-11-26T15:00"),
        ("This week", "2026-11-29T09:00"),
        ("Next month", "2026-12-20T09:00"),
        ("Someday", ""),
    ] {
        post(
            &app,
            "/tasks",
            &[("title", title), ("due", due), ("back", "/")],
        )
        .await;
    }
    let home = get(&app, "/").await;
    let doc = home.html();
    let main = text(&select(&doc, "main")[0]);
    assert!(main.contains("Overdue call") && main.contains("Due today"));
    let folded = select(&doc, "details.group-details summary");
    assert_eq!(folded.len(), 1);
    assert_eq!(text(&folded[0]), "This week (1)");
    assert!(
        !main.contains("Next month") && !main.contains("Someday"),
        "later tasks wait on their own page"
    );
    assert!(main.contains("All 5 open tasks"));
    let all = get(&app, "/tasks").await;
    assert_eq!(all.status, 200);
    check_page_rules(&all.html(), "all tasks");
    for title in [
        "Overdue call",
        "Due today",
        "This week",
        "Next month",
        "Someday",
    ] {
        assert!(all.body.contains(title), "{title}");
    }
    // Done from the page of all tasks comes back to it.
    let doc = all.html();
    let back = select(&doc, "form[action=\"/tasks/done\"] input[name=back]")[0]
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    assert_eq!(back, "/tasks");
}

#[tokio::test]
async fn rescheduling_is_one_action_that_keeps_the_plan_notes_and_tasks() {
    let app = spawn_app().await;
    let ada = person(&app, "Ada Lovelace").await;
    let form = InterviewForm {
        person_id: ada.id.clone(),
        starts_at: "2026-12-02 10:00".into(),
        time_zone: "America/Los_Angeles".into(),
        notes: "Ask about the mentoring scheme".into(),
        ..InterviewForm::default()
    };
    let i = interviews::create(&app.db, &app.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    for to in [Status::Requested, Status::Scheduled, Status::Confirmed] {
        interviews::move_to(&app.db, &app.account, &i.id, to, now())
            .await
            .unwrap();
    }
    post(&app, &format!("/interviews/{}/plan/suggested", i.id), &[]).await;
    let back = format!("/interviews/{}", i.id);
    post(
        &app,
        "/tasks",
        &[
            ("title", "Print the brief"),
            ("interview_id", &i.id),
            ("back", &back),
        ],
    )
    .await;
    let planned = plans::list(&app.db, &app.account, &i.id)
        .await
        .unwrap()
        .len();
    let page = get(&app, &back).await;
    assert!(page.body.contains("Reschedule"));
    assert_eq!(
        select(&page.html(), "#f-reschedule")[0]
            .value()
            .attr("value"),
        Some("2026-12-02T10:00")
    );
    // A time already past is refused and nothing moves.
    let r = post(
        &app,
        &format!("/interviews/{}/reschedule", i.id),
        &[("starts_at", "2026-11-20T10:00")],
    )
    .await;
    assert_eq!(r.status, 422);
    let r = post(
        &app,
        &format!("/interviews/{}/reschedule", i.id),
        &[("starts_at", "2026-12-09T14:00")],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let moved = interviews::show(&app.db, &app.account, &i.id)
        .await
        .unwrap();
    let two_la = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 9, 22, 0, 0).unwrap();
    assert_eq!(moved.starts_at, Some(two_la));
    assert_eq!(moved.status, Status::Scheduled, "it needs confirming again");
    assert_eq!(moved.notes, "Ask about the mentoring scheme");
    assert_eq!(
        plans::list(&app.db, &app.account, &i.id)
            .await
            .unwrap()
            .len(),
        planned
    );
    let own = rapport_store::tasks::list(
        &app.db,
        &app.account,
        rapport_store::tasks::Show::Open,
        rapport_store::Page::default(),
    )
    .await
    .unwrap();
    assert!(
        own.iter()
            .any(|t| t.title == "Print the brief"
                && t.interview_id.as_deref() == Some(i.id.as_str()))
    );
    // The call to confirm follows the new day (the business day before, 10:00).
    let confirm = rule_tasks(&app, TaskRule::Confirm, now()).await;
    assert_eq!(confirm.len(), 1);
    let day_before =
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 8, 18, 0, 0).unwrap();
    assert_eq!(confirm[0].due_at, Some(day_before));
}

#[tokio::test]
async fn review_findings_stay_fixed() {
    let app = spawn_app().await;
    // A letter goes to the interview it is for: of two scheduled with one
    // person, a confirmation confirms the nearer.
    let ada = person(&app, "Ada Lovelace").await;
    let mut ids = Vec::new();
    for start in ["2026-12-20 10:00", "2026-11-27 10:00"] {
        let form = InterviewForm {
            person_id: ada.id.clone(),
            starts_at: start.into(),
            time_zone: "America/Los_Angeles".into(),
            ..InterviewForm::default()
        };
        let i = interviews::create(&app.db, &app.account, &form.validate().unwrap(), now())
            .await
            .unwrap();
        interviews::move_to(&app.db, &app.account, &i.id, Status::Scheduled, now())
            .await
            .unwrap();
        ids.push(i.id);
    }
    let r = post(
        &app,
        &format!("/people/{}/contacts", ada.id),
        &[
            ("channel", "phone"),
            ("direction", "out"),
            ("purpose", "confirmation"),
            ("outcome", "sent"),
            ("occurred_at", ""),
            ("body", ""),
        ],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(
        interviews::show(&app.db, &app.account, &ids[1])
            .await
            .unwrap()
            .status,
        Status::Confirmed
    );
    assert_eq!(
        interviews::show(&app.db, &app.account, &ids[0])
            .await
            .unwrap()
            .status,
        Status::Scheduled
    );
    // The interview page offers "Add a task" before any notes exist.
    let page = get(&app, &format!("/interviews/{}", ids[0])).await;
    assert!(page.body.contains("add-task-title"));
    // All tasks lists every open task, past Today's 50.
    for n in 0..60 {
        let title = format!("Task number {n}");
        post(
            &app,
            "/tasks",
            &[
                ("title", &title),
                ("due", "2027-02-01T09:00"),
                ("back", "/"),
            ],
        )
        .await;
    }
    let all = get(&app, "/tasks").await;
    let doc = all.html();
    let listed = select(&doc, ".task-title")
        .iter()
        .filter(|t| text(t).starts_with("Task number"))
        .count();
    assert_eq!(listed, 60, "every open task");
    assert!(get(&app, "/").await.body.contains("All open tasks"));
    // Loading the sample keeps the zone you chose.
    let fresh = spawn_app().await;
    post(&fresh, "/profile", &[("time_zone", "Europe/Berlin")]).await;
    assert_eq!(post(&fresh, "/demo", &[]).await.status, 303);
    let profile = rapport_store::profiles::show(&fresh.db, &fresh.account)
        .await
        .unwrap();
    assert_eq!(profile.time_zone.map(|z| z.name()), Some("Europe/Berlin"));
}

#[tokio::test]
async fn the_calendar_feed_keeps_the_chosen_zone() {
    let app = spawn_app().await;
    post(&app, "/profile", &[("time_zone", "Pacific/Auckland")]).await;
    let ada = person(&app, "Ada Lovelace").await;
    let r = post(
        &app,
        &format!("/people/{}/contacts", ada.id),
        &[
            ("channel", "letter"),
            ("direction", "out"),
            ("purpose", "introduction"),
            ("outcome", "sent"),
            ("occurred_at", ""),
            ("body", ""),
        ],
    )
    .await;
    assert_eq!(r.status, 303);
    // The call after the letter falls due at the call hour of the chosen
    // zone, not of the machine's.
    let due = |zone: &str| {
        let app = &app;
        let zone = rapport_core::validated::TimeZone::parse(zone).unwrap();
        async move {
            rapport_store::rule_tasks::open(&app.db, &app.account, now(), zone, 500)
                .await
                .unwrap()
                .into_iter()
                .find(|t| t.rule == TaskRule::CallAfterLetter)
                .unwrap()
                .due_at
                .unwrap()
                .format("%Y%m%dT%H%M%SZ")
                .to_string()
        }
    };
    let (chosen, machine) = (
        due("Pacific/Auckland").await,
        due("America/Los_Angeles").await,
    );
    assert_ne!(chosen, machine);
    let page = post(&app, "/calendar/rotate", &[]).await;
    let doc = page.html();
    let address = select(&doc, "#feed-address")[0]
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    let path = &address[address.find("/calendar/").unwrap()..];
    let feed = get(&app, path).await;
    assert_eq!(feed.status, 200);
    assert!(
        feed.body.contains(&format!("DTSTART:{chosen}")),
        "{}",
        feed.body
    );
    assert!(!feed.body.contains(&format!("DTSTART:{machine}")));
}

#[tokio::test]
async fn times_offered_in_the_request_are_kept_and_the_chosen_one_schedules_it() {
    let app = spawn_app().await;
    let ada = person(&app, "Ada Lovelace").await;
    let form = InterviewForm {
        person_id: ada.id.clone(),
        time_zone: "America/Los_Angeles".into(),
        ..InterviewForm::default()
    };
    let i = interviews::create(&app.db, &app.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    let page = format!("/interviews/{}", i.id);
    assert_eq!(
        select(&get(&app, &page).await.html(), "input[name=proposed_times]").len(),
        3,
        "an idea offers three boxes for times"
    );
    // A time already past is refused by its field and nothing is kept.
    let r = post(
        &app,
        &format!("/interviews/{}/proposed-times", i.id),
        &[
            ("proposed_times", "2026-12-01T10:00"),
            ("proposed_times", "2026-11-20T10:00"),
        ],
    )
    .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("already passed"), "{}", r.body);
    let r = post(
        &app,
        &format!("/interviews/{}/proposed-times", i.id),
        &[
            ("proposed_times", "2026-12-02T14:30"),
            ("proposed_times", "2026-12-01T10:00"),
            ("proposed_times", ""),
        ],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let kept = interviews::show(&app.db, &app.account, &i.id)
        .await
        .unwrap();
    assert_eq!(kept.proposed_times.times().len(), 2);

    // The introductory letter offers them, earliest first, in their zone.
    let letter = get(
        &app,
        &format!("/people/{}/letter?template=introduction", ada.id),
    )
    .await;
    let body = text(&select(&letter.html(), "#f-body")[0]);
    assert!(
        body.contains(
            "Would Tuesday 1 December at 10:00 or Wednesday 2 December at 14:30 (PST) suit you?"
        ),
        "{body}"
    );

    // They chose the second: it becomes the start, and it is scheduled.
    let doc = get(&app, &page).await.html();
    let choices = select(&doc, ".chosen-times button");
    assert_eq!(choices.len(), 2);
    assert!(
        text(&choices[1]).contains("Wed 2 Dec, 14:30"),
        "{}",
        text(&choices[1])
    );
    let at = select(&doc, ".chosen-times input[name=at]")[1]
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    let r = post(
        &app,
        &format!("/interviews/{}/proposed-times/choose", i.id),
        &[("at", &at)],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let scheduled = interviews::show(&app.db, &app.account, &i.id)
        .await
        .unwrap();
    assert_eq!(scheduled.status, Status::Scheduled);
    let two_thirty =
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 2, 22, 30, 0).unwrap();
    assert_eq!(scheduled.starts_at, Some(two_thirty));
    // Agreed now: the page no longer offers times.
    assert!(select(&get(&app, &page).await.html(), "input[name=proposed_times]").is_empty());
}
