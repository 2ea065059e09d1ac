use crate::common::{TestDb, now, on_both};
use chrono::Duration;
use rapport_core::tasks::{TaskForm, TaskRule};
use rapport_store::tasks::{self, Show};
use rapport_store::{Page, StoreError};

on_both!(task_lifecycle);

async fn task_lifecycle(t: &TestDb) {
    let person_id = crate::interviews::person(t, "Dana Ruiz").await;
    let form = TaskForm {
        title: "Research Analytical Engines".into(),
        due: "2026-11-27 09:00".into(),
        time_zone: "Europe/London".into(),
        person_id: Some(person_id.clone()),
        ..TaskForm::default()
    };
    let task = tasks::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    assert_eq!(task.rule, TaskRule::User);
    assert_eq!(task.person.as_ref().unwrap().name, "Dana Ruiz");
    let undated = TaskForm {
        title: "Update résumé".into(),
        ..TaskForm::default()
    };
    let undated = tasks::create(&t.db, &t.account, &undated.validate().unwrap(), now())
        .await
        .unwrap();

    let open = tasks::list(&t.db, &t.account, Show::Open, Page::default())
        .await
        .unwrap();
    assert_eq!(
        open.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        vec![task.id.as_str(), undated.id.as_str()]
    );

    let done_at = now() + Duration::hours(2);
    let done = tasks::set_done(&t.db, &t.account, &task.id, true, done_at)
        .await
        .unwrap();
    assert_eq!(done.done_at, Some(done_at));
    assert_eq!(
        tasks::list(&t.db, &t.account, Show::Open, Page::default())
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        tasks::list(&t.db, &t.account, Show::Done, Page::default())
            .await
            .unwrap()
            .len(),
        1
    );
    let reopened = tasks::set_done(&t.db, &t.account, &task.id, false, done_at)
        .await
        .unwrap();
    assert_eq!(reopened.done_at, None);

    let mut edit = task.to_form(rapport_core::validated::TimeZone::parse("Europe/London").unwrap());
    assert_eq!(edit.due, "2026-11-27 09:00");
    edit.title = "Research Engines (website, news)".into();
    let edited = tasks::update(
        &t.db,
        &t.account,
        &task.id,
        &edit.validate().unwrap(),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(edited.title, "Research Engines (website, news)");
    assert_eq!(edited.due_at, task.due_at);

    tasks::delete(&t.db, &t.account, &task.id).await.unwrap();
    let err = tasks::set_done(&t.db, &t.account, &task.id, true, now())
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { kind: "task", .. }));
}
