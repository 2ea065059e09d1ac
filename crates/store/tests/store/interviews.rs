use crate::common::{TestDb, now, on_both};
use rapport_core::fields::FieldForm;
use rapport_core::interviews::InterviewForm;
use rapport_core::organizations::OrganizationForm;
use rapport_core::people::PersonForm;
use rapport_core::pipeline::Status;
use rapport_store::{StoreError, fields, interviews, organizations, people};

pub async fn person(t: &TestDb, name: &str) -> String {
    let form = PersonForm {
        name: name.into(),
        ..PersonForm::default()
    };
    people::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap()
        .id
}

on_both!(
    pages_by_id_cover_each_interview_once,
    schedule_and_move,
    illegal_moves_change_nothing,
    edits_keep_the_pipeline_honest,
    filter_by_status
);

async fn schedule_and_move(t: &TestDb) {
    let person_id = person(t, "Ada Lovelace").await;
    let org = organizations::create(
        &t.db,
        &t.account,
        &OrganizationForm::named("Engines").validate().unwrap(),
        now(),
    )
    .await
    .unwrap();
    let field = fields::create(
        &t.db,
        &t.account,
        &FieldForm {
            title: "Engineering".into(),
            ..FieldForm::default()
        }
        .validate()
        .unwrap(),
        now(),
    )
    .await
    .unwrap();
    let form = InterviewForm {
        person_id: person_id.clone(),
        organization_id: Some(org.id.clone()),
        field_ids: vec![field.id.clone(), field.id.clone()],
        mode: "video".into(),
        place: "https://meet.example/ada".into(),
        ..InterviewForm::default()
    };
    let i = interviews::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    assert_eq!(i.status, Status::Idea);
    assert_eq!(i.length.minutes(), 30);
    assert_eq!(i.fields.len(), 1);
    assert_eq!(i.person.name, "Ada Lovelace");
    assert_eq!(i.organization.as_ref().unwrap().name, "Engines");

    let i = interviews::move_to(&t.db, &t.account, &i.id, Status::Requested, now())
        .await
        .unwrap();
    assert_eq!(i.status, Status::Requested);
    // Scheduling needs a date.
    let err = interviews::move_to(&t.db, &t.account, &i.id, Status::Scheduled, now())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("date and time"), "{err}");

    let mut edit = i.to_form();
    edit.starts_at = "2026-12-07 09:00".into();
    edit.time_zone = "America/Los_Angeles".into();
    edit.length = "25".into();
    let i = interviews::update(&t.db, &t.account, &i.id, &edit.validate().unwrap(), now())
        .await
        .unwrap();
    assert_eq!(
        i.starts_at.unwrap().to_rfc3339(),
        "2026-12-07T17:00:00+00:00"
    );
    assert_eq!(i.time_zone.name(), "America/Los_Angeles");
    assert_eq!(i.status, Status::Requested);
    for to in [
        Status::Scheduled,
        Status::Confirmed,
        Status::Done,
        Status::Thanked,
        Status::Closed,
    ] {
        let moved = interviews::move_to(&t.db, &t.account, &i.id, to, now())
            .await
            .unwrap();
        assert_eq!(moved.status, to);
    }
    assert_eq!(
        interviews::show(&t.db, &t.account, &i.id)
            .await
            .unwrap()
            .status,
        Status::Closed
    );
}

async fn illegal_moves_change_nothing(t: &TestDb) {
    let person_id = person(t, "Grace Hopper").await;
    let form = InterviewForm {
        person_id,
        ..InterviewForm::default()
    };
    let i = interviews::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    let later = now() + chrono::Duration::minutes(5);
    let err = interviews::move_to(&t.db, &t.account, &i.id, Status::Closed, later)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Move(_)));
    assert!(
        err.to_string()
            .contains("allowed next: requested, scheduled"),
        "{err}"
    );
    let after = interviews::show(&t.db, &t.account, &i.id).await.unwrap();
    assert_eq!(after, i, "a refused move must not touch the record");
}

async fn edits_keep_the_pipeline_honest(t: &TestDb) {
    let person_id = person(t, "Katherine Johnson").await;
    let form = InterviewForm {
        person_id: person_id.clone(),
        starts_at: "2026-12-01 10:00".into(),
        ..InterviewForm::default()
    };
    let i = interviews::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    interviews::move_to(&t.db, &t.account, &i.id, Status::Scheduled, now())
        .await
        .unwrap();
    let mut edit = i.to_form();
    edit.starts_at.clear();
    let err = interviews::update(&t.db, &t.account, &i.id, &edit.validate().unwrap(), now())
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Unfit(ref e) if e.for_field("starts_at").is_some()),
        "{err}"
    );

    let mut unknown = i.to_form();
    unknown.person_id = "0190aaaa-0000-7000-8000-000000000000".into();
    let err = interviews::update(
        &t.db,
        &t.account,
        &i.id,
        &unknown.validate().unwrap(),
        now(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(err, StoreError::NotFound { kind: "person", .. }),
        "{err}"
    );
    assert!(
        interviews::show(&t.db, &t.account, &i.id)
            .await
            .unwrap()
            .starts_at
            .is_some()
    );

    // Deleting the person deletes their interviews.
    people::delete(&t.db, &t.account, &person_id).await.unwrap();
    assert!(matches!(
        interviews::show(&t.db, &t.account, &i.id)
            .await
            .unwrap_err(),
        StoreError::NotFound { .. }
    ));
}

async fn filter_by_status(t: &TestDb) {
    let person_id = person(t, "Mary Jackson").await;
    let form = InterviewForm {
        person_id: person_id.clone(),
        ..InterviewForm::default()
    };
    let a = interviews::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    let b = interviews::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    interviews::move_to(&t.db, &t.account, &b.id, Status::Requested, now())
        .await
        .unwrap();
    let only = |statuses: Vec<Status>| interviews::Filter {
        statuses,
        ..interviews::Filter::default()
    };
    let ideas = interviews::list(&t.db, &t.account, &only(vec![Status::Idea]))
        .await
        .unwrap();
    assert_eq!(ideas.iter().map(|i| &i.id).collect::<Vec<_>>(), vec![&a.id]);
    let both = interviews::list(
        &t.db,
        &t.account,
        &only(vec![Status::Idea, Status::Requested]),
    )
    .await
    .unwrap();
    assert_eq!(both.len(), 2);
    let theirs = interviews::Filter {
        person_id: Some(person_id),
        ..interviews::Filter::default()
    };
    assert_eq!(
        interviews::list(&t.db, &t.account, &theirs)
            .await
            .unwrap()
            .len(),
        2
    );
}

on_both!(filter_by_organization_and_field);

async fn filter_by_organization_and_field(t: &TestDb) {
    let person_id = person(t, "Alan Turing").await;
    let org = organizations::create(
        &t.db,
        &t.account,
        &OrganizationForm::named("Bletchley").validate().unwrap(),
        now(),
    )
    .await
    .unwrap();
    let field = FieldForm {
        title: "Cryptanalysis".into(),
        ..FieldForm::default()
    };
    let field = fields::create(&t.db, &t.account, &field.validate().unwrap(), now())
        .await
        .unwrap();
    let with = InterviewForm {
        person_id: person_id.clone(),
        organization_id: Some(org.id.clone()),
        field_ids: vec![field.id.clone()],
        ..InterviewForm::default()
    };
    let a = interviews::create(&t.db, &t.account, &with.validate().unwrap(), now())
        .await
        .unwrap();
    let without = InterviewForm {
        person_id,
        ..InterviewForm::default()
    };
    interviews::create(&t.db, &t.account, &without.validate().unwrap(), now())
        .await
        .unwrap();
    let by_org = interviews::Filter {
        organization_id: Some(org.id),
        ..interviews::Filter::default()
    };
    let by_field = interviews::Filter {
        field_id: Some(field.id),
        statuses: vec![Status::Idea],
        ..interviews::Filter::default()
    };
    for filter in [by_org, by_field] {
        let found = interviews::list(&t.db, &t.account, &filter).await.unwrap();
        assert_eq!(found.iter().map(|i| &i.id).collect::<Vec<_>>(), vec![&a.id]);
    }
}

on_both!(a_confirmed_interview_whose_start_moves_needs_confirming_again);

/// However the start changes (the form and the CLI edit, or rescheduling),
/// a confirmed interview goes back to scheduled, and only when it moves.
async fn a_confirmed_interview_whose_start_moves_needs_confirming_again(t: &TestDb) {
    let person_id = person(t, "Grace Hopper").await;
    let form = InterviewForm {
        person_id,
        starts_at: "2026-12-02 10:00".into(),
        time_zone: "America/Los_Angeles".into(),
        ..InterviewForm::default()
    };
    let i = interviews::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    for to in [Status::Requested, Status::Scheduled, Status::Confirmed] {
        interviews::move_to(&t.db, &t.account, &i.id, to, now())
            .await
            .unwrap();
    }
    // Notes edited, the start unchanged: still confirmed.
    let mut edit = form.clone();
    edit.notes = "Bring the portfolio".into();
    let same = interviews::update(&t.db, &t.account, &i.id, &edit.validate().unwrap(), now())
        .await
        .unwrap();
    assert_eq!(same.status, Status::Confirmed);
    // The start moved on the form: scheduled again.
    edit.starts_at = "2026-12-03 10:00".into();
    let moved = interviews::update(&t.db, &t.account, &i.id, &edit.validate().unwrap(), now())
        .await
        .unwrap();
    assert_eq!(moved.status, Status::Scheduled);
    assert_eq!(moved.notes, "Bring the portfolio");
}

async fn pages_by_id_cover_each_interview_once(t: &TestDb) {
    let person_id = person(t, "Ada Lovelace").await;
    let mut made = Vec::new();
    for _ in 0..5 {
        let form = InterviewForm {
            person_id: person_id.clone(),
            ..InterviewForm::default()
        };
        let i = interviews::create(&t.db, &t.account, &form.validate().unwrap(), now())
            .await
            .unwrap();
        made.push(i.id);
    }
    interviews::move_to(&t.db, &t.account, &made[2], Status::Requested, now())
        .await
        .unwrap();
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = interviews::page(&t.db, &t.account, None, after.as_deref(), 2)
            .await
            .unwrap();
        if page.is_empty() {
            break;
        }
        after = page.last().map(|i| i.id.clone());
        seen.extend(page.into_iter().map(|i| i.id));
    }
    assert_eq!(seen, made, "in the order they were planned, each once");
    let requested = interviews::page(&t.db, &t.account, Some(Status::Requested), None, 10)
        .await
        .unwrap();
    assert_eq!(requested.len(), 1);
    let other = t.other_account().await;
    assert!(
        interviews::page(&t.db, &other, None, None, 10)
            .await
            .unwrap()
            .is_empty()
    );
}
