//! Forms: errors beside the field, what was typed kept, nothing stored from
//! an invalid form; the writes of the interview journey.

use crate::common::{App, get, now, post, select, spawn_app, text};
use rapport_core::interviews::InterviewForm;
use rapport_core::pipeline::Status;
use rapport_core::tasks::TaskRule;
use rapport_store::plans::{self, Source};
use rapport_store::tasks::Show;
use rapport_store::{Page, interviews, organizations, people, tasks};
use scraper::Html;

async fn count_people(app: &App) -> usize {
    people::list(&app.db, &app.account, &people::Filter::default())
        .await
        .unwrap()
        .len()
}

/// The error shown beside the input `id`, which must be marked invalid.
fn error_beside(doc: &Html, id: &str) -> String {
    let input = select(doc, &format!("#{id}"));
    assert_eq!(input.len(), 1, "no #{id}");
    assert_eq!(
        input[0].value().attr("aria-invalid"),
        Some("true"),
        "#{id} not marked invalid"
    );
    let described = input[0].value().attr("aria-describedby").unwrap();
    let error = select(doc, &format!(".field.invalid #{described}"));
    assert_eq!(error.len(), 1, "no error beside #{id}");
    text(&error[0])
}

#[tokio::test]
async fn an_empty_name_is_refused_beside_the_field() {
    let app = spawn_app().await;
    let r = post(
        &app,
        "/people",
        &[
            ("name", "  "),
            ("title", "Engineering Manager"),
            ("new_organization", "Never Created"),
        ],
    )
    .await;
    assert_eq!(r.status, 422);
    let doc = r.html();
    assert!(error_beside(&doc, "f-name").contains("required"));
    assert_eq!(
        select(&doc, "#f-title")[0].value().attr("value"),
        Some("Engineering Manager")
    );
    assert_eq!(
        select(&doc, "#f-new_organization")[0].value().attr("value"),
        Some("Never Created")
    );
    assert_eq!(count_people(&app).await, 0);
    assert!(
        organizations::list(&app.db, &app.account, None, Page::default())
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_malformed_email_is_refused_beside_the_field() {
    let app = spawn_app().await;
    let r = post(
        &app,
        "/people",
        &[
            ("name", "Ada Lovelace"),
            ("emails", "ada@engines.example\nnot-an-email"),
        ],
    )
    .await;
    assert_eq!(r.status, 422);
    let doc = r.html();
    assert!(error_beside(&doc, "f-emails").contains("not-an-email"));
    assert!(
        text(&select(&doc, "#f-emails")[0]).contains("not-an-email"),
        "what was typed is kept"
    );
    assert_eq!(count_people(&app).await, 0);
}

#[tokio::test]
async fn a_500_minute_interview_is_refused_beside_the_field() {
    let app = spawn_app().await;
    let grace = crate::common::person(&app, "Grace Hopper").await;
    let r = post(
        &app,
        "/interviews",
        &[
            ("person_id", &grace.id),
            ("length", "500"),
            ("time_zone", "America/Los_Angeles"),
            ("place", "Navy Yard"),
        ],
    )
    .await;
    assert_eq!(r.status, 422);
    let doc = r.html();
    assert!(error_beside(&doc, "f-length").contains("between 5 and 120"));
    assert_eq!(
        select(&doc, "#f-place")[0].value().attr("value"),
        Some("Navy Yard")
    );
    assert!(
        interviews::list(&app.db, &app.account, &interviews::Filter::default())
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_person_with_a_new_organization_is_saved() {
    let app = spawn_app().await;
    let r = post(
        &app,
        "/people",
        &[
            ("name", "Ada Lovelace"),
            ("new_organization", "Analytical Engines"),
            ("source", "co-worker"),
            ("hiring_authority", "on"),
        ],
    )
    .await;
    assert_eq!(r.status, 303);
    let list = people::list(&app.db, &app.account, &people::Filter::default())
        .await
        .unwrap();
    assert_eq!(r.location, format!("/people/{}", list[0].id));
    assert!(list[0].hiring_authority);
    assert_eq!(
        list[0].organization.as_ref().unwrap().name,
        "Analytical Engines"
    );
    let page = get(&app, &r.location).await.html();
    assert_eq!(text(&select(&page, "h1")[0]), "Ada Lovelace");
}

#[tokio::test]
async fn live_notes_reflection_and_referrals() {
    let app = spawn_app().await;
    let dana = crate::common::person(&app, "Dana Ruiz").await;
    let form = InterviewForm {
        person_id: dana.id.clone(),
        starts_at: "2026-11-26 09:00".into(),
        time_zone: "America/Los_Angeles".into(),
        ..InterviewForm::default()
    };
    let i = interviews::create(&app.db, &app.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    interviews::move_to(&app.db, &app.account, &i.id, Status::Scheduled, now())
        .await
        .unwrap();
    let item = plans::add(
        &app.db,
        &app.account,
        &i.id,
        &Source::Builtin("day.typical".into()),
        rapport_core::questions::Priority::Must,
        None,
    )
    .await
    .unwrap();

    // Autosave, as the live page's script sends it.
    let r = post(
        &app,
        &format!("/interviews/{}/plan/{item}/note", i.id),
        &[("note", "Stand-up, then pairing"), ("asked", "on")],
    )
    .await;
    assert_eq!(r.status, 204);
    let r = post(
        &app,
        &format!("/interviews/{}/notes", i.id),
        &[("notes", "Mentioned a bootcamp")],
    )
    .await;
    assert_eq!(r.status, 204);
    let live = get(&app, &format!("/interviews/{}/live", i.id))
        .await
        .html();
    assert_eq!(
        text(&select(&live, &format!("#note-{item}"))[0]),
        "Stand-up, then pairing"
    );
    assert!(
        select(&live, &format!("#asked-{item}"))[0]
            .value()
            .attr("checked")
            .is_some()
    );
    assert_eq!(text(&select(&live, "#notes")[0]), "Mentioned a bootcamp");

    // Quick capture of a referral.
    let r = post(
        &app,
        &format!("/interviews/{}/referrals", i.id),
        &[("name", "Grace Hopper"), ("phone", "503-555-0142")],
    )
    .await;
    assert_eq!(r.status, 303);
    let refs = interviews::referrals(&app.db, &app.account, &i.id)
        .await
        .unwrap();
    let grace = people::show(&app.db, &app.account, &refs[0].id)
        .await
        .unwrap();
    assert_eq!(grace.referred_by.unwrap().id, dana.id);
    assert_eq!(grace.phones, vec!["503-555-0142"]);

    // A bad rating keeps everything typed and stores nothing.
    let bad = post(
        &app,
        &format!("/interviews/{}/after", i.id),
        &[("learned_positive", "They pair a lot"), ("field_fit", "9")],
    )
    .await;
    assert_eq!(bad.status, 422);
    assert!(text(&select(&bad.html(), "#f-learned_positive")[0]).contains("They pair a lot"));
    assert!(
        tasks::list(&app.db, &app.account, Show::All, Page::default())
            .await
            .unwrap()
            .is_empty()
    );

    let r = post(
        &app,
        &format!("/interviews/{}/after", i.id),
        &[
            ("learned_positive", "They pair a lot"),
            (
                "plan_of_action",
                "Read the annual report\nCall Grace Hopper",
            ),
            ("field_fit", "4"),
            ("likability", "5"),
            ("thanked", "on"),
        ],
    )
    .await;
    assert_eq!(r.status, 303);
    assert_eq!(
        interviews::show(&app.db, &app.account, &i.id)
            .await
            .unwrap()
            .status,
        Status::Thanked
    );
    let open = tasks::list(&app.db, &app.account, Show::Open, Page::default())
        .await
        .unwrap();
    let titles: Vec<&str> = open
        .iter()
        .filter(|t| t.rule == TaskRule::PlanOfAction)
        .map(|t| t.title.as_str())
        .collect();
    assert_eq!(titles, vec!["Read the annual report", "Call Grace Hopper"]);
}

#[tokio::test]
async fn a_plan_that_runs_over_warns() {
    let app = spawn_app().await;
    let dana = crate::common::person(&app, "Dana Ruiz").await;
    let form = InterviewForm {
        person_id: dana.id,
        length: "20".into(),
        ..InterviewForm::default()
    };
    let i = interviews::create(&app.db, &app.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    for key in [
        "do.what",
        "day.typical",
        "path.before",
        "tips.career",
        "tiara.trends",
        "tiara.insights",
    ] {
        let r = post(
            &app,
            &format!("/interviews/{}/plan/add", i.id),
            &[("key", key)],
        )
        .await;
        assert_eq!(r.status, 303);
    }
    let doc = get(&app, &format!("/interviews/{}/plan", i.id))
        .await
        .html();
    let status = text(&select(&doc, "#plan [role=status]")[0]);
    assert!(
        status.contains("18 of 15 minutes") && status.contains("3 minute(s) over"),
        "{status}"
    );
    let page = get(&app, &format!("/interviews/{}", i.id)).await.html();
    assert!(text(&select(&page, "#prepare")[0]).contains("over the agreed length"));
}

#[tokio::test]
async fn resume_versions_show_on_the_profile_and_the_brief() {
    let app = spawn_app().await;
    let bad = post(&app, "/profile/resumes", &[("label", ""), ("location", "")]).await;
    assert_eq!(bad.status, 422);
    assert!(text(&select(&bad.html(), "#resumes [role=alert]")[0]).contains("label:"));
    let r = post(
        &app,
        "/profile/resumes",
        &[
            ("label", "Data analyst, one page"),
            ("location", "~/resume-data.pdf"),
        ],
    )
    .await;
    assert_eq!(r.status, 303);
    let profile = get(&app, "/profile").await.html();
    assert!(text(&select(&profile, "#resumes")[0]).contains("Data analyst, one page"));
    let dana = crate::common::person(&app, "Dana Ruiz").await;
    let form = InterviewForm {
        person_id: dana.id,
        ..InterviewForm::default()
    };
    let i = interviews::create(&app.db, &app.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    let brief = get(&app, &format!("/interviews/{}/brief", i.id))
        .await
        .html();
    assert!(text(&select(&brief, ".brief-head")[0]).contains("Bring: Data analyst, one page."));
}

#[tokio::test]
async fn a_referral_without_a_name_is_explained_on_either_page() {
    let app = spawn_app().await;
    let dana = crate::common::person(&app, "Dana Ruiz").await;
    let form = InterviewForm {
        person_id: dana.id,
        ..InterviewForm::default()
    };
    let i = interviews::create(&app.db, &app.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    for back in ["after", "live"] {
        let r = post(
            &app,
            &format!("/interviews/{}/referrals", i.id),
            &[("name", " "), ("phone", "503-555-0142"), ("back", back)],
        )
        .await;
        assert_eq!(r.status, 422, "{back}");
        let alert = text(&select(&r.html(), "#referrals [role=alert]")[0]);
        assert!(alert.starts_with("name:"), "{back}: {alert}");
    }
    assert_eq!(
        people::list(&app.db, &app.account, &people::Filter::default())
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn the_sample_loads_once_from_the_first_run_page() {
    let app = spawn_app().await;
    let r = post(&app, "/demo", &[]).await;
    assert_eq!((r.status, r.location.as_str()), (303, "/"));
    let filter = people::Filter {
        page: rapport_store::Page {
            limit: 500,
            offset: 0,
        },
        ..people::Filter::default()
    };
    assert_eq!(
        people::list(&app.db, &app.account, &filter)
            .await
            .unwrap()
            .len(),
        60
    );
    let again = post(&app, "/demo", &[]).await;
    assert_eq!(again.status, 422);
    assert!(text(&select(&again.html(), "main p")[1]).contains("only into an empty workbench"));
    assert_eq!(
        people::list(&app.db, &app.account, &filter)
            .await
            .unwrap()
            .len(),
        60
    );
}

#[tokio::test]
async fn snoozing_from_today_moves_a_task_a_day() {
    let app = spawn_app().await;
    let form = rapport_core::tasks::TaskForm {
        title: "Research Acme".into(),
        due: "2026-11-26 10:00".into(),
        ..Default::default()
    };
    let task =
        rapport_store::tasks::create(&app.db, &app.account, &form.validate().unwrap(), now())
            .await
            .unwrap();
    let r = post(
        &app,
        "/tasks/snooze",
        &[("task", &task.id), ("back", "//evil.example")],
    )
    .await;
    assert_eq!(
        (r.status, r.location.as_str()),
        (303, "/"),
        "only a local path to go back to"
    );
    let after = rapport_store::tasks::show(&app.db, &app.account, &task.id)
        .await
        .unwrap();
    assert_eq!(after.due_at, Some(now() + chrono::Duration::days(1)));
    let r = post(&app, "/tasks/done", &[("task", &task.id)]).await;
    assert_eq!(r.status, 303);
    assert!(
        rapport_store::tasks::show(&app.db, &app.account, &task.id)
            .await
            .unwrap()
            .done_at
            .is_some()
    );
}

#[tokio::test]
async fn snoozing_a_task_due_later_never_brings_it_earlier() {
    let app = spawn_app().await;
    let form = rapport_core::tasks::TaskForm {
        title: "Send the follow-up".into(),
        due: "2026-12-02 10:00".into(),
        ..Default::default()
    };
    let task =
        rapport_store::tasks::create(&app.db, &app.account, &form.validate().unwrap(), now())
            .await
            .unwrap();
    let before = task.due_at.unwrap();
    let r = post(&app, "/tasks/snooze", &[("task", &task.id)]).await;
    assert_eq!(r.status, 303);
    let after = rapport_store::tasks::show(&app.db, &app.account, &task.id)
        .await
        .unwrap();
    assert_eq!(after.due_at, Some(before + chrono::Duration::days(1)));
}

#[tokio::test]
async fn a_conversation_grows_into_a_person() {
    let app = spawn_app().await;
    let r = post(
        &app,
        "/conversations",
        &[
            ("who", "Nurse on the 14 bus"),
            ("place", "Bus"),
            ("learned", "Night shifts pay more"),
        ],
    )
    .await;
    assert_eq!(r.status, 303);
    let c =
        rapport_store::conversations::list(&app.db, &app.account, rapport_store::Page::default())
            .await
            .unwrap()
            .remove(0);
    let bad = post(&app, "/conversations", &[("who", " ")]).await;
    assert_eq!(bad.status, 422);
    let r = post(
        &app,
        &format!("/conversations/{}/person", c.id),
        &[("name", "Jo Park")],
    )
    .await;
    assert_eq!(r.status, 303);
    let jo = people::list(&app.db, &app.account, &people::Filter::default())
        .await
        .unwrap()
        .remove(0);
    assert_eq!(
        (jo.name.as_str(), jo.source),
        ("Jo Park", rapport_core::people::Source::ChanceMeeting)
    );
    assert!(jo.notes.contains("Night shifts pay more"));
    let linked = rapport_store::conversations::show(&app.db, &app.account, &c.id)
        .await
        .unwrap();
    assert_eq!(linked.person.unwrap().id, jo.id);
}

#[tokio::test]
async fn the_plan_is_reordered_reprioritised_and_trimmed_from_its_page() {
    let app = spawn_app().await;
    let dana = crate::common::person(&app, "Dana Ruiz").await;
    let form = InterviewForm {
        person_id: dana.id,
        ..InterviewForm::default()
    };
    let i = interviews::create(&app.db, &app.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    for key in ["do.what", "day.typical", "tips.career"] {
        post(
            &app,
            &format!("/interviews/{}/plan/add", i.id),
            &[("key", key)],
        )
        .await;
    }
    let own = post(
        &app,
        &format!("/interviews/{}/plan/add", i.id),
        &[("text", "How did you learn SQL?"), ("minutes", "4")],
    )
    .await;
    assert_eq!(own.status, 303);
    let texts = |plan: &[plans::PlanItem]| plan.iter().map(|p| p.text.clone()).collect::<Vec<_>>();
    let plan = plans::list(&app.db, &app.account, &i.id).await.unwrap();
    assert_eq!(plan.len(), 4);
    post(
        &app,
        &format!("/interviews/{}/plan/{}/up", i.id, plan[2].id),
        &[],
    )
    .await;
    post(
        &app,
        &format!("/interviews/{}/plan/{}/down", i.id, plan[0].id),
        &[],
    )
    .await;
    post(
        &app,
        &format!("/interviews/{}/plan/{}/remove", i.id, plan[3].id),
        &[],
    )
    .await;
    let r = post(
        &app,
        &format!("/interviews/{}/plan/{}", i.id, plan[1].id),
        &[("priority", "must"), ("minutes", "7")],
    )
    .await;
    assert_eq!(r.status, 303);
    let bad = post(
        &app,
        &format!("/interviews/{}/plan/{}", i.id, plan[1].id),
        &[("priority", "someday"), ("minutes", "99")],
    )
    .await;
    assert_eq!(bad.status, 422);
    let now_plan = plans::list(&app.db, &app.account, &i.id).await.unwrap();
    assert_eq!(
        texts(&now_plan),
        vec![
            plan[2].text.clone(),
            plan[0].text.clone(),
            plan[1].text.clone()
        ]
    );
    assert_eq!(
        (now_plan[2].priority.as_str(), now_plan[2].minutes),
        ("must", 7)
    );
}
