//! The status history: every way an interview moves writes one entry in
//! the move's transaction (a refused move writes none), and backups carry
//! it; a backup from before the history gets one entry per interview.

use crate::common::{TestDb, now, on_both};
use crate::interviews::person;
use chrono::Duration;
use rapport_core::correspondence::ContactForm;
use rapport_core::interviews::InterviewForm;
use rapport_core::pipeline::Status::{self, *};
use rapport_store::status_changes::{self, StatusChange};
use rapport_store::{backup, correspondence, interviews};

on_both!(
    every_move_is_recorded_once_and_a_refused_one_not_at_all,
    backups_carry_the_history_and_older_ones_start_it
);

fn moves(history: &[StatusChange]) -> Vec<(Option<Status>, Status)> {
    history.iter().map(|c| (c.from, c.to)).collect()
}

async fn every_move_is_recorded_once_and_a_refused_one_not_at_all(t: &TestDb) {
    let person_id = person(t, "Ada Lovelace").await;
    let mut form = InterviewForm {
        person_id: person_id.clone(),
        starts_at: "2026-11-20 10:00".into(),
        time_zone: "America/Los_Angeles".into(),
        ..InterviewForm::default()
    };
    let i = interviews::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    for to in [Requested, Scheduled, Confirmed] {
        interviews::move_to(&t.db, &t.account, &i.id, to, now())
            .await
            .unwrap();
    }
    // The start moved on the form: confirmed goes back to scheduled.
    form.starts_at = "2026-11-21 10:00".into();
    interviews::update(&t.db, &t.account, &i.id, &form.validate().unwrap(), now())
        .await
        .unwrap();
    interviews::move_to(&t.db, &t.account, &i.id, Confirmed, now())
        .await
        .unwrap();
    let ended = now() - Duration::hours(3);
    interviews::finish(&t.db, &t.account, &i.id, ended, now())
        .await
        .unwrap();
    // A refused move changes nothing and records nothing.
    assert!(
        interviews::move_to(&t.db, &t.account, &i.id, Idea, now())
            .await
            .is_err()
    );
    // The thank-you kept as sent thanks it.
    let letter = ContactForm {
        person_id,
        channel: "letter".into(),
        purpose: "thank-you".into(),
        ..ContactForm::default()
    };
    correspondence::create(&t.db, &t.account, &letter.validate(now()).unwrap(), now())
        .await
        .unwrap();

    let history = status_changes::list(&t.db, &t.account, &i.id)
        .await
        .unwrap();
    assert_eq!(
        moves(&history),
        vec![
            (None, Idea),
            (Some(Idea), Requested),
            (Some(Requested), Scheduled),
            (Some(Scheduled), Confirmed),
            (Some(Confirmed), Scheduled),
            (Some(Scheduled), Confirmed),
            (Some(Confirmed), Done),
            (Some(Done), Thanked),
        ]
    );
    // Held when it ended, not when it was written down.
    assert_eq!(history[6].changed_at, ended);
    // Another account sees none of it.
    let other = t.other_account().await;
    assert!(
        status_changes::list(&t.db, &other, &i.id)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn backups_carry_the_history_and_older_ones_start_it(t: &TestDb) {
    let form = InterviewForm {
        person_id: person(t, "Grace Hopper").await,
        ..InterviewForm::default()
    };
    let i = interviews::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    interviews::move_to(
        &t.db,
        &t.account,
        &i.id,
        Requested,
        now() + Duration::days(1),
    )
    .await
    .unwrap();
    let original = status_changes::list(&t.db, &t.account, &i.id)
        .await
        .unwrap();
    assert_eq!(original.len(), 2);

    let doc = backup::export(&t.db, &t.account, now()).await.unwrap();
    let copy = t.other_account().await;
    backup::restore(&t.db, &copy, &doc).await.unwrap();
    let restored = &interviews::list(&t.db, &copy, &interviews::Filter::default())
        .await
        .unwrap()[0];
    assert_eq!(
        status_changes::list(&t.db, &copy, &restored.id)
            .await
            .unwrap(),
        original
    );

    // A backup written before the history was kept.
    let mut older = doc.clone();
    older["tables"]
        .as_object_mut()
        .unwrap()
        .remove("status_changes");
    let from_older = rapport_store::accounts::create(
        &t.db,
        rapport_store::accounts::Kind::Student,
        "older@example.org",
        None,
        now(),
    )
    .await
    .unwrap();
    backup::restore(&t.db, &from_older, &older).await.unwrap();
    let restored = &interviews::list(&t.db, &from_older, &interviews::Filter::default())
        .await
        .unwrap()[0];
    let started = status_changes::list(&t.db, &from_older, &restored.id)
        .await
        .unwrap();
    assert_eq!(moves(&started), vec![(None, Requested)]);
    assert_eq!(started[0].changed_at, now() + Duration::days(1));
}
