//! No call made for one account reads, changes or links to another's rows.

use crate::common::{TestDb, now, on_both};
use rapport_core::interviews::InterviewForm;
use rapport_core::organizations::OrganizationForm;
use rapport_core::people::PersonForm;
use rapport_core::pipeline::Status;
use rapport_core::tasks::TaskForm;
use rapport_store::ids::{self, Kind};
use rapport_store::tasks::Show;
use rapport_store::{Page, StoreError, interviews, organizations, people, tasks, today};

on_both!(accounts_are_isolated);

fn not_found<T: std::fmt::Debug>(r: Result<T, StoreError>) {
    match r {
        Err(StoreError::NotFound { .. }) => {}
        other => panic!("expected NotFound, got {other:?}"),
    }
}

async fn accounts_are_isolated(t: &TestDb) {
    let mine = &t.account;
    let theirs = t.other_account().await;
    let org = organizations::create(
        &t.db,
        mine,
        &OrganizationForm::named("Mine Inc").validate().unwrap(),
        now(),
    )
    .await
    .unwrap();
    let person = PersonForm {
        name: "Private Person".into(),
        organization_id: Some(org.id.clone()),
        ..PersonForm::default()
    };
    let p = people::create(&t.db, mine, &person.validate().unwrap(), now())
        .await
        .unwrap();
    let form = InterviewForm {
        person_id: p.id.clone(),
        starts_at: "2026-11-30 10:00".into(),
        ..InterviewForm::default()
    };
    let i = interviews::create(&t.db, mine, &form.validate().unwrap(), now())
        .await
        .unwrap();
    interviews::move_to(&t.db, mine, &i.id, Status::Scheduled, now())
        .await
        .unwrap();
    let task = TaskForm {
        title: "Mine".into(),
        ..TaskForm::default()
    };
    let task = tasks::create(&t.db, mine, &task.validate().unwrap(), now())
        .await
        .unwrap();

    // Reads.
    assert!(
        people::list(&t.db, &theirs, &people::Filter::default())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        organizations::list(&t.db, &theirs, None, Page::default())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        interviews::list(&t.db, &theirs, &interviews::Filter::default())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        tasks::list(&t.db, &theirs, Show::All, Page::default())
            .await
            .unwrap()
            .is_empty()
    );
    let agenda = today::agenda(
        &t.db,
        &theirs,
        now(),
        rapport_core::validated::TimeZone::utc(),
    )
    .await
    .unwrap();
    assert!(agenda.interviews.is_empty() && agenda.tasks.is_empty());
    not_found(people::show(&t.db, &theirs, &p.id).await);
    not_found(organizations::show(&t.db, &theirs, &org.id).await);
    not_found(interviews::show(&t.db, &theirs, &i.id).await);
    not_found(tasks::show(&t.db, &theirs, &task.id).await);
    not_found(ids::resolve(&t.db, &theirs, Kind::Person, &p.id[..12]).await);
    assert_eq!(
        organizations::find_by_name(&t.db, &theirs, "Mine Inc")
            .await
            .unwrap(),
        None
    );

    // Writes and links.
    let hijack = PersonForm {
        name: "Hijacked".into(),
        ..PersonForm::default()
    }
    .validate()
    .unwrap();
    not_found(people::update(&t.db, &theirs, &p.id, &hijack, now()).await);
    not_found(people::delete(&t.db, &theirs, &p.id).await);
    not_found(organizations::delete(&t.db, &theirs, &org.id).await);
    not_found(interviews::move_to(&t.db, &theirs, &i.id, Status::Confirmed, now()).await);
    not_found(interviews::delete(&t.db, &theirs, &i.id).await);
    not_found(tasks::set_done(&t.db, &theirs, &task.id, true, now()).await);
    not_found(tasks::delete(&t.db, &theirs, &task.id).await);
    let linked = PersonForm {
        name: "Link".into(),
        organization_id: Some(org.id.clone()),
        ..PersonForm::default()
    };
    not_found(people::create(&t.db, &theirs, &linked.validate().unwrap(), now()).await);
    let referred = PersonForm {
        name: "Link".into(),
        referred_by_id: Some(p.id.clone()),
        ..PersonForm::default()
    };
    not_found(people::create(&t.db, &theirs, &referred.validate().unwrap(), now()).await);
    let their_interview = InterviewForm {
        person_id: p.id.clone(),
        ..InterviewForm::default()
    };
    not_found(
        interviews::create(&t.db, &theirs, &their_interview.validate().unwrap(), now()).await,
    );
    let their_task = TaskForm {
        title: "x".into(),
        person_id: Some(p.id.clone()),
        ..TaskForm::default()
    };
    not_found(tasks::create(&t.db, &theirs, &their_task.validate().unwrap(), now()).await);

    // Nothing of mine changed, and the failed attempts left nothing behind.
    assert_eq!(people::show(&t.db, mine, &p.id).await.unwrap(), p);
    assert_eq!(
        interviews::show(&t.db, mine, &i.id).await.unwrap().status,
        Status::Scheduled
    );
    assert_eq!(tasks::show(&t.db, mine, &task.id).await.unwrap(), task);
    assert!(
        people::list(&t.db, &theirs, &people::Filter::default())
            .await
            .unwrap()
            .is_empty()
    );
}
