use crate::common::{TestDb, now, on_both};
use rapport_core::interviews::InterviewForm;
use rapport_core::pipeline::Status;
use rapport_core::tasks::{TaskForm, TaskRule};
use rapport_store::{interviews, tasks, today};

on_both!(agenda_is_soonest_first);

async fn interview_at(t: &TestDb, person_id: &str, start: &str, status: Status) -> String {
    let form = InterviewForm {
        person_id: person_id.into(),
        starts_at: start.into(),
        ..InterviewForm::default()
    };
    let i = interviews::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    let path: &[Status] = match status {
        Status::Scheduled => &[Status::Scheduled],
        Status::Confirmed => &[Status::Scheduled, Status::Confirmed],
        Status::Done => &[Status::Scheduled, Status::Done],
        _ => &[],
    };
    for s in path {
        interviews::move_to(&t.db, &t.account, &i.id, *s, now())
            .await
            .unwrap();
    }
    i.id
}

async fn agenda_is_soonest_first(t: &TestDb) {
    let p = crate::interviews::person(t, "Dana Ruiz").await;
    // now() is 2026-11-26 09:00 UTC.
    let later = interview_at(t, &p, "2026-12-02 10:00", Status::Confirmed).await;
    let sooner = interview_at(t, &p, "2026-11-27 10:00", Status::Scheduled).await;
    let ongoing = interview_at(t, &p, "2026-11-26 08:45", Status::Scheduled).await;
    let _over = interview_at(t, &p, "2026-11-26 08:00", Status::Scheduled).await;
    let _done = interview_at(t, &p, "2026-11-28 10:00", Status::Done).await;
    let _undated_idea = interviews::create(
        &t.db,
        &t.account,
        &InterviewForm {
            person_id: p.clone(),
            ..InterviewForm::default()
        }
        .validate()
        .unwrap(),
        now(),
    )
    .await
    .unwrap();

    let task = |title: &str, due: &str| TaskForm {
        title: title.into(),
        due: due.into(),
        ..TaskForm::default()
    };
    tasks::create(
        &t.db,
        &t.account,
        &task("Someday", "").validate().unwrap(),
        now(),
    )
    .await
    .unwrap();
    tasks::create(
        &t.db,
        &t.account,
        &task("Overdue", "2026-11-25 09:00").validate().unwrap(),
        now(),
    )
    .await
    .unwrap();
    tasks::create(
        &t.db,
        &t.account,
        &task("Soon", "2026-11-26 12:00").validate().unwrap(),
        now(),
    )
    .await
    .unwrap();
    let finished = tasks::create(
        &t.db,
        &t.account,
        &task("Finished", "2026-11-26 10:00").validate().unwrap(),
        now(),
    )
    .await
    .unwrap();
    tasks::set_done(&t.db, &t.account, &finished.id, true, now())
        .await
        .unwrap();

    let agenda = today::agenda(
        &t.db,
        &t.account,
        now(),
        rapport_core::validated::TimeZone::utc(),
    )
    .await
    .unwrap();
    let ids: Vec<&str> = agenda.interviews.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, vec![ongoing.as_str(), sooner.as_str(), later.as_str()]);
    // Your own tasks, in order among the rules' tasks.
    let own: Vec<&rapport_core::tasks::Task> = agenda
        .tasks
        .iter()
        .filter(|t| t.rule == TaskRule::User)
        .collect();
    let titles: Vec<&str> = own.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, vec!["Overdue", "Soon", "Someday"]);
    assert!(own[0].is_overdue(now()));
    assert!(!own[1].is_overdue(now()));
    // Everything dated comes soonest first, the undated last.
    let dues: Vec<_> = agenda.tasks.iter().map(|t| t.due_at).collect();
    let dated: Vec<_> = dues.iter().flatten().collect();
    assert!(dated.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(agenda.tasks.last().unwrap().title, "Someday");
    // The rules speak for the scheduled interviews and the one that happened.
    let rules: Vec<TaskRule> = agenda.tasks.iter().map(|t| t.rule).collect();
    assert!(
        rules.contains(&TaskRule::Confirm)
            && rules.contains(&TaskRule::Leave)
            && rules.contains(&TaskRule::ThankYou)
    );
}
