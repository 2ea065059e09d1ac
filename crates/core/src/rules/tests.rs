//! Every rule with a fixed clock.

use super::*;

fn la() -> TimeZone {
    TimeZone::parse("America/Los_Angeles").unwrap()
}

fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    la().tz()
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn interview(status: Status, start: Option<DateTime<Utc>>) -> InterviewFacts {
    InterviewFacts {
        id: "i1".into(),
        person_id: "p1".into(),
        person_name: "Dana Ruiz".into(),
        organization_name: Some("Willamette Health".into()),
        status,
        mode: Mode::InPerson,
        starts_at: start,
        length_minutes: 30,
        time_zone: la(),
        status_changed_at: local(2026, 11, 2, 9, 0),
    }
}

fn letter(at: DateTime<Utc>) -> ContactFacts {
    ContactFacts {
        id: "c1".into(),
        person_id: "p1".into(),
        person_name: "Dana Ruiz".into(),
        channel: Channel::Letter,
        direction: Direction::Out,
        purpose: Purpose::Introduction,
        occurred_at: at,
    }
}

fn of(tasks: &[RuleTask], rule: TaskRule) -> Vec<&RuleTask> {
    tasks.iter().filter(|t| t.rule == rule).collect()
}

fn world(interviews: Vec<InterviewFacts>, contacts: Vec<ContactFacts>) -> World {
    World {
        interviews,
        contacts,
        keep_in_touch: Vec::new(),
    }
}

#[test]
fn business_days() {
    let thu = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    assert_eq!(
        add_business_days(thu, 3),
        NaiveDate::from_ymd_opt(2026, 12, 8).unwrap()
    );
    let mon = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    assert_eq!(
        previous_business_day(mon),
        NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()
    );
}

#[test]
fn a_monday_interview_is_confirmed_on_the_friday_before() {
    let start = local(2026, 12, 7, 9, 0); // Monday 09:00 in Los Angeles
    let tasks = derive(
        &world(vec![interview(Status::Scheduled, Some(start))], vec![]),
        local(2026, 12, 1, 9, 0),
        la(),
    );
    let confirm = of(&tasks, TaskRule::Confirm);
    assert_eq!(confirm.len(), 1);
    assert_eq!(
        confirm[0].due_at,
        local(2026, 12, 4, 10, 0),
        "Friday at 10:00 local"
    );
    assert!(confirm[0].reason.contains("ask for directions"));
}

#[test]
fn a_wednesday_interview_is_confirmed_on_the_tuesday() {
    let start = local(2026, 12, 9, 14, 30);
    let tasks = derive(
        &world(vec![interview(Status::Scheduled, Some(start))], vec![]),
        local(2026, 12, 1, 9, 0),
        la(),
    );
    assert_eq!(
        of(&tasks, TaskRule::Confirm)[0].due_at,
        local(2026, 12, 8, 10, 0)
    );
}

#[test]
fn confirming_completes_the_confirm_task_and_leaving_stays() {
    let start = local(2026, 12, 9, 14, 30);
    let tasks = derive(
        &world(vec![interview(Status::Confirmed, Some(start))], vec![]),
        local(2026, 12, 1, 9, 0),
        la(),
    );
    assert!(of(&tasks, TaskRule::Confirm).is_empty());
    let leave = of(&tasks, TaskRule::Leave);
    assert_eq!(
        leave[0].due_at,
        start - Duration::minutes(40),
        "arrive 10 minutes early, 30 to travel"
    );
    // Once it is over, leaving is no longer a task.
    let later = derive(
        &world(vec![interview(Status::Confirmed, Some(start))], vec![]),
        start + Duration::hours(1),
        la(),
    );
    assert!(of(&later, TaskRule::Leave).is_empty());
}

#[test]
fn a_phone_interview_asks_to_be_ready_not_to_leave() {
    let start = local(2026, 12, 9, 14, 30);
    let mut i = interview(Status::Confirmed, Some(start));
    i.mode = Mode::Phone;
    let tasks = derive(&world(vec![i], vec![]), local(2026, 12, 1, 9, 0), la());
    let ready = of(&tasks, TaskRule::Leave)[0];
    assert!(ready.title.starts_with("Get ready for your call"));
    assert_eq!(ready.due_at, start - Duration::minutes(10));
}

#[test]
fn moving_an_interview_moves_its_tasks() {
    let first = local(2026, 12, 7, 9, 0);
    let moved = local(2026, 12, 10, 9, 0);
    let now = local(2026, 12, 1, 9, 0);
    let before = derive(
        &world(vec![interview(Status::Scheduled, Some(first))], vec![]),
        now,
        la(),
    );
    let after = derive(
        &world(vec![interview(Status::Scheduled, Some(moved))], vec![]),
        now,
        la(),
    );
    assert_eq!(
        of(&after, TaskRule::Confirm)[0].due_at,
        local(2026, 12, 9, 10, 0)
    );
    assert_ne!(
        of(&before, TaskRule::Confirm)[0].key,
        of(&after, TaskRule::Confirm)[0].key
    );
    assert_eq!(
        of(&after, TaskRule::Leave)[0].due_at,
        moved - Duration::minutes(40)
    );
}

#[test]
fn declining_retires_the_tasks() {
    let start = local(2026, 12, 7, 9, 0);
    for status in [Status::Declined, Status::NoReply, Status::Closed] {
        let tasks = derive(
            &world(vec![interview(status, Some(start))], vec![]),
            local(2026, 12, 1, 9, 0),
            la(),
        );
        assert!(tasks.is_empty(), "{status}: {tasks:?}");
    }
}

#[test]
fn thanks_are_due_24_hours_after_the_end_and_overdue_after() {
    let start = local(2026, 12, 7, 9, 0);
    // Marked held with the agreed end (09:30).
    let mut held = interview(Status::Done, Some(start));
    held.status_changed_at = start + Duration::minutes(30);
    let w = world(vec![held.clone()], vec![]);
    let tasks = derive(&w, start + Duration::hours(2), la());
    let thanks = of(&tasks, TaskRule::ThankYou)[0];
    assert_eq!(
        thanks.due_at,
        start + Duration::minutes(30) + Duration::hours(24)
    );
    // Held a day early: the 24 hours count from the real end, not the plan.
    let mut early = held.clone();
    early.status_changed_at = start - Duration::days(1);
    let w_early = world(vec![early], vec![]);
    let tasks_early = derive(&w_early, start, la());
    assert_eq!(
        of(&tasks_early, TaskRule::ThankYou)[0].due_at,
        start - Duration::days(1) + Duration::hours(24)
    );
    let as_task = |t: &RuleTask, done: Option<DateTime<Utc>>| crate::tasks::Task {
        id: t.key.clone(),
        title: t.title.clone(),
        rule: t.rule,
        reason: t.reason.clone(),
        due_at: Some(t.due_at),
        done_at: done,
        person: None,
        interview_id: None,
        created_at: start,
        updated_at: start,
    };
    assert!(!as_task(thanks, None).is_overdue(start + Duration::hours(24)));
    assert!(
        as_task(thanks, None)
            .is_overdue(start + Duration::minutes(30) + Duration::hours(24) + Duration::minutes(1))
    );
    // Marking the thank-you sent moves the interview on, and the task goes.
    let thanked = derive(
        &world(vec![interview(Status::Thanked, Some(start))], vec![]),
        start + Duration::hours(3),
        la(),
    );
    assert!(of(&thanked, TaskRule::ThankYou).is_empty());
}

#[test]
fn a_letter_on_thursday_gets_its_call_on_the_tuesday_after() {
    let thursday = local(2026, 12, 3, 16, 0);
    let tasks = derive(&world(vec![], vec![letter(thursday)]), thursday, la());
    let call = of(&tasks, TaskRule::CallAfterLetter);
    assert_eq!(call.len(), 1);
    assert_eq!(call[0].due_at, local(2026, 12, 8, 10, 0));
    assert!(call[0].reason.contains("Never expect them to phone you"));
    // Calling them completes it.
    let mut call_made = letter(thursday + Duration::days(5));
    call_made.id = "c2".into();
    call_made.channel = Channel::Phone;
    call_made.purpose = Purpose::FollowUp;
    let tasks = derive(
        &world(vec![], vec![letter(thursday), call_made]),
        thursday + Duration::days(5),
        la(),
    );
    assert!(of(&tasks, TaskRule::CallAfterLetter).is_empty());
}

#[test]
fn three_b_seven_without_a_reply() {
    let monday = local(2026, 11, 30, 11, 0);
    let w = world(
        vec![interview(Status::Requested, None)],
        vec![letter(monday)],
    );
    let tasks = derive(&w, monday, la());
    let wider = of(&tasks, TaskRule::ReachWider);
    let follow = of(&tasks, TaskRule::FollowUp);
    assert_eq!(
        wider[0].due_at,
        local(2026, 12, 3, 10, 0),
        "3 business days: Thursday"
    );
    assert!(wider[0].title.contains("someone else at Willamette Health"));
    assert_eq!(
        follow[0].due_at,
        local(2026, 12, 9, 10, 0),
        "7 business days: the Wednesday after"
    );
    // A reply ends the routine.
    let reply = ContactFacts {
        id: "c9".into(),
        direction: Direction::In,
        channel: Channel::Email,
        purpose: Purpose::Other,
        occurred_at: monday + Duration::days(1),
        ..letter(monday)
    };
    let w = world(
        vec![interview(Status::Requested, None)],
        vec![letter(monday), reply],
    );
    let tasks = derive(&w, monday + Duration::days(2), la());
    assert!(
        of(&tasks, TaskRule::ReachWider).is_empty() && of(&tasks, TaskRule::FollowUp).is_empty()
    );
}

#[test]
fn logging_a_call_restarts_the_cadence() {
    let met = local(2026, 9, 1, 9, 0);
    let p = PersonFacts {
        id: "p1".into(),
        name: "Dana Ruiz".into(),
        cadence_days: 90,
        created_at: met,
        last_done: None,
        last_seen: None,
    };
    let mut w = world(vec![], vec![]);
    w.keep_in_touch.push(p);
    let first = derive(&w, met, la());
    assert_eq!(
        of(&first, TaskRule::StayInTouch)[0].due_at,
        met + Duration::days(90)
    );
    let call = ContactFacts {
        id: "c3".into(),
        channel: Channel::Phone,
        purpose: Purpose::KeepInTouch,
        occurred_at: local(2026, 10, 15, 12, 0),
        ..letter(met)
    };
    w.contacts.push(call);
    let after = derive(&w, local(2026, 10, 16, 9, 0), la());
    let task = of(&after, TaskRule::StayInTouch)[0];
    assert_eq!(task.due_at, local(2026, 10, 15, 12, 0) + Duration::days(90));
    assert_ne!(task.key, of(&first, TaskRule::StayInTouch)[0].key);
}

#[test]
fn tasks_come_soonest_first_with_a_reason_each() {
    let start = local(2026, 12, 7, 9, 0);
    let w = world(
        vec![interview(Status::Scheduled, Some(start))],
        vec![letter(local(2026, 12, 1, 9, 0))],
    );
    let tasks = derive(&w, local(2026, 12, 1, 9, 0), la());
    assert!(tasks.windows(2).all(|p| p[0].due_at <= p[1].due_at));
    assert!(
        tasks
            .iter()
            .all(|t| !t.reason.is_empty() && !t.title.is_empty())
    );
}

#[test]
fn marking_keep_in_touch_done_restarts_the_cadence_too() {
    let met = local(2026, 9, 1, 9, 0);
    let done = local(2026, 12, 1, 9, 0);
    let p = PersonFacts {
        id: "p1".into(),
        name: "Dana Ruiz".into(),
        cadence_days: 90,
        created_at: met,
        last_done: Some(done),
        last_seen: None,
    };
    let mut w = world(vec![], vec![]);
    w.keep_in_touch.push(p);
    let tasks = derive(&w, done, la());
    assert_eq!(
        of(&tasks, TaskRule::StayInTouch)[0].due_at,
        done + Duration::days(90)
    );
}

#[test]
fn a_started_interview_has_nothing_left_to_confirm() {
    let start = local(2026, 12, 7, 9, 0);
    let tasks = derive(
        &world(vec![interview(Status::Scheduled, Some(start))], vec![]),
        start + Duration::minutes(5),
        la(),
    );
    assert!(of(&tasks, TaskRule::Confirm).is_empty());
}

#[test]
fn editing_a_request_does_not_move_the_3b7_tasks() {
    // The routine counts from when the interview became "requested".
    let mut i = interview(Status::Requested, None);
    i.status_changed_at = local(2026, 11, 30, 11, 0);
    let tasks = derive(
        &world(vec![i.clone()], vec![]),
        local(2026, 12, 1, 9, 0),
        la(),
    );
    assert_eq!(
        of(&tasks, TaskRule::ReachWider)[0].due_at,
        local(2026, 12, 3, 10, 0)
    );
}
