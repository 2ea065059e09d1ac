use crate::common::{TestDb, now, on_both};
use chrono::Duration;
use rapport_core::correspondence::ContactForm;
use rapport_core::interviews::InterviewForm;
use rapport_core::letters::TemplateForm;
use rapport_core::pipeline::Status;
use rapport_core::tasks::TaskRule;
use rapport_core::validated::TimeZone;
use rapport_store::{
    Page, StoreError, calendar, correspondence, interviews, letters, tasks, today,
};

on_both!(
    a_letter_brings_a_call_task_until_done,
    snoozing_and_stored_tasks,
    templates_edit_and_reset,
    calendar_tokens_and_feed,
    contacts_are_isolated,
    a_sent_letter_files_itself_with_its_interview_and_moves_it
);

fn utc() -> TimeZone {
    TimeZone::utc()
}

async fn send_letter(t: &TestDb, person: &str) {
    let form = ContactForm {
        person_id: person.into(),
        channel: "letter".into(),
        purpose: "introduction".into(),
        subject: "Career research".into(),
        body: "Dear Dana, could we talk for 20 minutes?".into(),
        ..ContactForm::default()
    };
    correspondence::create(&t.db, &t.account, &form.validate(now()).unwrap(), now())
        .await
        .unwrap();
}

async fn a_letter_brings_a_call_task_until_done(t: &TestDb) {
    let dana = crate::interviews::person(t, "Dana Ruiz").await;
    send_letter(t, &dana).await;
    let kept = correspondence::list(&t.db, &t.account, Some(&dana), Page::default())
        .await
        .unwrap();
    assert_eq!(kept[0].body, "Dear Dana, could we talk for 20 minutes?");
    // now() is Thursday 26 November 2026: the call is due the Tuesday after.
    let agenda = today::agenda(&t.db, &t.account, now(), utc())
        .await
        .unwrap();
    let call = agenda
        .tasks
        .iter()
        .find(|t| t.rule == TaskRule::CallAfterLetter)
        .expect("a call task");
    assert_eq!(call.due_at.unwrap().date_naive().to_string(), "2026-12-01");
    assert_eq!(call.person.as_ref().unwrap().name, "Dana Ruiz");
    tasks::complete(&t.db, &t.account, &call.id, now())
        .await
        .unwrap();
    let agenda = today::agenda(&t.db, &t.account, now(), utc())
        .await
        .unwrap();
    assert!(
        agenda
            .tasks
            .iter()
            .all(|t| t.rule != TaskRule::CallAfterLetter)
    );
}

async fn snoozing_and_stored_tasks(t: &TestDb) {
    let dana = crate::interviews::person(t, "Dana Ruiz").await;
    let form = InterviewForm {
        person_id: dana.clone(),
        starts_at: "2026-12-07 09:00".into(),
        ..InterviewForm::default()
    };
    let i = interviews::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    interviews::move_to(&t.db, &t.account, &i.id, Status::Scheduled, now())
        .await
        .unwrap();
    let agenda = today::agenda(&t.db, &t.account, now(), utc())
        .await
        .unwrap();
    let confirm = agenda
        .tasks
        .iter()
        .find(|t| t.rule == TaskRule::Confirm)
        .unwrap()
        .clone();
    assert_eq!(
        confirm.due_at.unwrap().to_rfc3339(),
        "2026-12-04T10:00:00+00:00"
    );
    let later = confirm.due_at.unwrap() + Duration::days(1);
    tasks::snooze(&t.db, &t.account, &confirm.id, later, now())
        .await
        .unwrap();
    let agenda = today::agenda(&t.db, &t.account, now(), utc())
        .await
        .unwrap();
    assert_eq!(
        agenda
            .tasks
            .iter()
            .find(|t| t.id == confirm.id)
            .unwrap()
            .due_at,
        Some(later)
    );
    // "A day later" from a rule task due in the future counts from its due time.
    let again = tasks::snooze_by(
        &t.db,
        &t.account,
        &confirm.id,
        Duration::days(1),
        now(),
        utc(),
    )
    .await
    .unwrap();
    assert_eq!(again, later + Duration::days(1));
    // Confirming completes it.
    interviews::move_to(&t.db, &t.account, &i.id, Status::Confirmed, now())
        .await
        .unwrap();
    let agenda = today::agenda(&t.db, &t.account, now(), utc())
        .await
        .unwrap();
    assert!(agenda.tasks.iter().all(|t| t.rule != TaskRule::Confirm));
    assert!(agenda.tasks.iter().any(|t| t.rule == TaskRule::Leave));
    let err = tasks::complete(&t.db, &t.account, "not-a-task", now())
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }));
}

async fn templates_edit_and_reset(t: &TestDb) {
    let all = letters::list(&t.db, &t.account).await.unwrap();
    assert_eq!(all.len(), 5);
    let intro = letters::show(&t.db, &t.account, "introduction")
        .await
        .unwrap();
    assert!(!intro.edited);
    let edit = TemplateForm {
        name: intro.name.clone(),
        purpose: "introduction".into(),
        channel: "email".into(),
        subject: "Hello".into(),
        body: "Dear {{person.name}}, 20 minutes?".into(),
    };
    letters::save(
        &t.db,
        &t.account,
        Some("introduction"),
        &edit.validate().unwrap(),
        now(),
    )
    .await
    .unwrap();
    let edited = letters::show(&t.db, &t.account, "introduction")
        .await
        .unwrap();
    assert!(edited.edited && edited.body.starts_with("Dear {{person.name}}"));
    let mine = TemplateForm {
        name: "Note to an alum".into(),
        purpose: "introduction".into(),
        channel: "email".into(),
        subject: String::new(),
        body: "Hi!".into(),
    };
    let key = letters::save(&t.db, &t.account, None, &mine.validate().unwrap(), now())
        .await
        .unwrap();
    assert_eq!(letters::list(&t.db, &t.account).await.unwrap().len(), 6);
    letters::reset(&t.db, &t.account, "introduction")
        .await
        .unwrap();
    letters::reset(&t.db, &t.account, &key).await.unwrap();
    assert!(
        !letters::show(&t.db, &t.account, "introduction")
            .await
            .unwrap()
            .edited
    );
    assert_eq!(letters::list(&t.db, &t.account).await.unwrap().len(), 5);
    let other = t.other_account().await;
    assert!(
        letters::save(&t.db, &other, Some(&key), &mine.validate().unwrap(), now())
            .await
            .is_err()
    );
}

async fn calendar_tokens_and_feed(t: &TestDb) {
    assert_eq!(
        calendar::subscribed_since(&t.db, &t.account).await.unwrap(),
        None
    );
    let first = calendar::rotate(&t.db, &t.account, now()).await.unwrap();
    assert_eq!(first.len(), 64);
    assert_eq!(
        calendar::account_for(&t.db, &first).await.unwrap(),
        Some(t.account.clone())
    );
    let second = calendar::rotate(&t.db, &t.account, now()).await.unwrap();
    assert_ne!(first, second);
    assert_eq!(
        calendar::account_for(&t.db, &first).await.unwrap(),
        None,
        "a rotated secret opens nothing"
    );
    assert_eq!(
        calendar::account_for(&t.db, &second).await.unwrap(),
        Some(t.account.clone())
    );
    assert_eq!(calendar::account_for(&t.db, "short").await.unwrap(), None);
    // Only a hash is stored.
    let stored: Vec<String> = match &t.db {
        rapport_store::Db::Sqlite(p) => {
            sqlx::query_scalar("SELECT token_hash FROM calendar_tokens")
                .fetch_all(p)
                .await
                .unwrap()
        }
        rapport_store::Db::Postgres(p) => {
            sqlx::query_scalar("SELECT token_hash FROM calendar_tokens")
                .fetch_all(p)
                .await
                .unwrap()
        }
    };
    assert!(!stored.contains(&second));
    calendar::revoke(&t.db, &t.account).await.unwrap();
    assert_eq!(calendar::account_for(&t.db, &second).await.unwrap(), None);

    let dana = crate::interviews::person(t, "Dana Ruiz").await;
    let form = InterviewForm {
        person_id: dana,
        starts_at: "2026-12-07 09:00".into(),
        time_zone: "America/New_York".into(),
        ..InterviewForm::default()
    };
    let i = interviews::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    interviews::move_to(&t.db, &t.account, &i.id, Status::Scheduled, now())
        .await
        .unwrap();
    let ics = calendar::feed(&t.db, &t.account, now(), utc())
        .await
        .unwrap();
    assert!(ics.contains(&format!("UID:interview-{}@rapport", i.id)));
    assert!(ics.contains("DTSTART:20261207T140000Z"));
    assert!(ics.contains("TRIGGER:-P1D"));
    assert!(ics.contains("SUMMARY:Call Dana Ruiz to confirm your interview"));
}

async fn contacts_are_isolated(t: &TestDb) {
    let dana = crate::interviews::person(t, "Dana Ruiz").await;
    send_letter(t, &dana).await;
    let other = t.other_account().await;
    assert!(
        correspondence::list(&t.db, &other, None, Page::default())
            .await
            .unwrap()
            .is_empty()
    );
    let form = ContactForm {
        person_id: dana,
        channel: "phone".into(),
        ..ContactForm::default()
    };
    let err = correspondence::create(&t.db, &other, &form.validate(now()).unwrap(), now())
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }));
    assert!(
        today::agenda(&t.db, &other, now(), utc())
            .await
            .unwrap()
            .tasks
            .is_empty()
    );
}

on_both!(done_rule_tasks_stay_done_through_edits);

async fn done_rule_tasks_stay_done_through_edits(t: &TestDb) {
    let dana = crate::interviews::person(t, "Dana Ruiz").await;
    let form = InterviewForm {
        person_id: dana.clone(),
        ..InterviewForm::default()
    };
    let i = interviews::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    interviews::move_to(&t.db, &t.account, &i.id, Status::Requested, now())
        .await
        .unwrap();
    let agenda = today::agenda(&t.db, &t.account, now(), utc())
        .await
        .unwrap();
    let follow = agenda
        .tasks
        .iter()
        .find(|t| t.rule == TaskRule::FollowUp)
        .unwrap()
        .clone();
    tasks::complete(&t.db, &t.account, &follow.id, now())
        .await
        .unwrap();
    // Notes on the interview change nothing about when the request was made.
    let later = now() + Duration::hours(3);
    interviews::set_text(
        &t.db,
        &t.account,
        &i.id,
        interviews::Text::Notes,
        "Left a voicemail",
        later,
    )
    .await
    .unwrap();
    let agenda = today::agenda(&t.db, &t.account, later, utc())
        .await
        .unwrap();
    assert!(
        agenda.tasks.iter().all(|t| t.rule != TaskRule::FollowUp),
        "a done task came back"
    );

    // Keep in touch: marking it done restarts the cadence from then.
    let mut p = rapport_store::people::show(&t.db, &t.account, &dana)
        .await
        .unwrap()
        .to_form();
    p.stay_in_touch = true;
    p.cadence_days = "30".into();
    rapport_store::people::update(&t.db, &t.account, &dana, &p.validate().unwrap(), now())
        .await
        .unwrap();
    let agenda = today::agenda(&t.db, &t.account, now(), utc())
        .await
        .unwrap();
    let keep = agenda
        .tasks
        .iter()
        .find(|t| t.rule == TaskRule::StayInTouch)
        .unwrap()
        .clone();
    let done_at = now() + Duration::days(31);
    tasks::complete(&t.db, &t.account, &keep.id, done_at)
        .await
        .unwrap();
    let agenda = today::agenda(&t.db, &t.account, done_at, utc())
        .await
        .unwrap();
    let next = agenda
        .tasks
        .iter()
        .find(|t| t.rule == TaskRule::StayInTouch)
        .expect("the cadence goes on");
    assert_eq!(next.due_at, Some(done_at + Duration::days(30)));
}

async fn send(t: &TestDb, person: &str, purpose: &str) -> rapport_core::correspondence::Contact {
    let form = ContactForm {
        person_id: person.into(),
        channel: "email".into(),
        purpose: purpose.into(),
        outcome: "sent".into(),
        subject: "Hello".into(),
        body: "Thank you for your time.".into(),
        ..ContactForm::default()
    };
    correspondence::create(&t.db, &t.account, &form.validate(now()).unwrap(), now())
        .await
        .unwrap()
}

async fn a_sent_letter_files_itself_with_its_interview_and_moves_it(t: &TestDb) {
    let dana = crate::interviews::person(t, "Dana Ruiz").await;
    let eli = crate::interviews::person(t, "Eli Moss").await;
    let form = InterviewForm {
        person_id: dana.clone(),
        starts_at: "2026-11-20 10:00".into(),
        ..InterviewForm::default()
    };
    let i = interviews::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    assert_eq!(i.status, Status::Idea);
    // An introduction makes the idea a request and is filed with it.
    let intro = send(t, &dana, "introduction").await;
    let shown = interviews::show(&t.db, &t.account, &i.id).await.unwrap();
    assert_eq!(shown.status, Status::Requested);
    assert_eq!(intro.interview_id.as_deref(), Some(i.id.as_str()));
    // A letter to someone with no interview still counts as contact.
    send(t, &eli, "introduction").await;
    let counts = rapport_store::progress::counts(&t.db, &t.account)
        .await
        .unwrap();
    assert_eq!(counts.contacted, 2);
    // Held: the thank-you falls due; sending it thanks the interview.
    for to in [Status::Scheduled, Status::Done] {
        interviews::move_to(&t.db, &t.account, &i.id, to, now())
            .await
            .unwrap();
    }
    let due = today::agenda(&t.db, &t.account, now() + Duration::hours(30), utc())
        .await
        .unwrap();
    assert!(due.tasks.iter().any(|t| t.rule == TaskRule::ThankYou));
    let thanks = send(t, &dana, "thank-you").await;
    assert_eq!(thanks.interview_id.as_deref(), Some(i.id.as_str()));
    let shown = interviews::show(&t.db, &t.account, &i.id).await.unwrap();
    assert_eq!(shown.status, Status::Thanked);
    let after = today::agenda(&t.db, &t.account, now() + Duration::hours(30), utc())
        .await
        .unwrap();
    assert!(after.tasks.iter().all(|t| t.rule != TaskRule::ThankYou));
    let counts = rapport_store::progress::counts(&t.db, &t.account)
        .await
        .unwrap();
    assert_eq!(counts.thanked, 1);
    // A second thank-you is filed with the same interview and moves nothing.
    let again = send(t, &dana, "thank-you").await;
    assert_eq!(again.interview_id.as_deref(), Some(i.id.as_str()));
    // A letter to Eli's (absent) interview is filed with none.
    let note = send(t, &eli, "thank-you").await;
    assert_eq!(note.interview_id, None);
}
