//! Times offered while asking for an interview: kept, chosen (which
//! schedules it in one transaction), refused once it is agreed, and carried
//! by the backup.

use crate::common::{TestDb, now, on_both};
use crate::interviews::person;
use chrono::Duration;
use rapport_core::interviews::InterviewForm;
use rapport_core::pipeline::Status;
use rapport_core::proposed_times::ProposedTimes;
use rapport_store::{StoreError, backup, interviews, proposed_times};

on_both!(
    offered_times_are_kept_and_one_chosen_schedules_it,
    times_are_offered_only_while_asking
);

async fn request(t: &TestDb) -> String {
    let form = InterviewForm {
        person_id: person(t, "Grace Hopper").await,
        ..InterviewForm::default()
    };
    let i = interviews::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    interviews::move_to(&t.db, &t.account, &i.id, Status::Requested, now())
        .await
        .unwrap();
    i.id
}

async fn offered_times_are_kept_and_one_chosen_schedules_it(t: &TestDb) {
    let id = request(t).await;
    let offered = ProposedTimes::new(vec![
        now() + Duration::days(3),
        now() + Duration::days(2),
        now() + Duration::days(4),
    ]);
    let kept = proposed_times::set(&t.db, &t.account, &id, &offered, now())
        .await
        .unwrap();
    assert_eq!(kept.proposed_times, offered);
    assert_eq!(kept.proposed_times.times()[0], now() + Duration::days(2));

    // Kept by the backup, into another account.
    let doc = backup::export(&t.db, &t.account, now()).await.unwrap();
    let other = t.other_account().await;
    backup::restore(&t.db, &other, &doc).await.unwrap();
    let copy = interviews::list(&t.db, &other, &interviews::Filter::default())
        .await
        .unwrap();
    assert_eq!(copy[0].proposed_times, offered);

    // A time that was not offered is refused and nothing moves.
    let err = proposed_times::choose(&t.db, &t.account, &id, now() + Duration::days(5), now())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Unfit(e) if e.for_field("proposed_times").is_some()),
        "{err:?}"
    );
    let still = interviews::show(&t.db, &t.account, &id).await.unwrap();
    assert_eq!((still.status, still.starts_at), (Status::Requested, None));

    let chosen = now() + Duration::days(3);
    let scheduled = proposed_times::choose(&t.db, &t.account, &id, chosen, now())
        .await
        .unwrap();
    assert_eq!(scheduled.status, Status::Scheduled);
    assert_eq!(scheduled.starts_at, Some(chosen));
}

async fn times_are_offered_only_while_asking(t: &TestDb) {
    let id = request(t).await;
    let offered = ProposedTimes::new(vec![now() + Duration::days(2)]);
    proposed_times::set(&t.db, &t.account, &id, &offered, now())
        .await
        .unwrap();
    // Chosen once; choosing again or offering more is refused by its field.
    proposed_times::choose(&t.db, &t.account, &id, now() + Duration::days(2), now())
        .await
        .unwrap();
    for err in [
        proposed_times::set(&t.db, &t.account, &id, &offered, now())
            .await
            .unwrap_err(),
        proposed_times::choose(&t.db, &t.account, &id, now() + Duration::days(2), now())
            .await
            .unwrap_err(),
    ] {
        assert!(
            matches!(&err, StoreError::Unfit(e) if e.for_field("proposed_times").is_some()),
            "{err:?}"
        );
    }
    // Another account's interview is not found.
    let other = t.other_account().await;
    let err = proposed_times::set(&t.db, &other, &id, &offered, now())
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
}
