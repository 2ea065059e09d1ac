//! Reading by window: the bounded reads give what a full read would, on a
//! workbench of the sample repeated.

use crate::common::{TestDb, now};
use chrono::Duration;
use rapport_core::validated::TimeZone;
use rapport_store::{Page, calendar, demo, interviews, people, progress, rule_tasks};

async fn filled(t: &TestDb, copies: usize) {
    demo::load_copies(&t.db, &t.account, TimeZone::utc(), now(), copies)
        .await
        .unwrap();
}

fn keys(
    tasks: &[rapport_core::tasks::Task],
) -> Vec<(String, Option<chrono::DateTime<chrono::Utc>>)> {
    tasks.iter().map(|t| (t.id.clone(), t.due_at)).collect()
}

async fn the_first_rule_tasks_are_those_of_the_full_list(t: &TestDb) {
    filled(t, 4).await;
    let zone = TimeZone::utc();
    let open = |limit| rule_tasks::open(&t.db, &t.account, now(), zone, limit);
    // 4 copies of the sample have far fewer than 500 tasks of any rule, so
    // this read holds every one of them.
    let full = open(500).await.unwrap();
    assert!(
        full.len() > 40,
        "the sample makes many rule tasks: {}",
        full.len()
    );
    for limit in [1, 5, 20, 40] {
        let first = open(limit).await.unwrap();
        assert_eq!(keys(&first), keys(&full[..limit as usize]), "limit {limit}");
    }
    // A snoozed task moves behind the others and a done one goes, however
    // early they fell due: the window still holds the next ones.
    let snoozed = full[0].id.clone();
    let done = full[1].id.clone();
    rule_tasks::set_state(
        &t.db,
        &t.account,
        &snoozed,
        false,
        Some(now() + Duration::days(400)),
        now(),
    )
    .await
    .unwrap();
    rule_tasks::set_state(&t.db, &t.account, &done, true, None, now())
        .await
        .unwrap();
    let after = open(500).await.unwrap();
    assert_eq!(after.len(), full.len() - 1);
    assert!(after.iter().all(|t| t.id != done));
    assert_eq!(after.last().map(|t| t.id.as_str()), Some(snoozed.as_str()));
    for limit in [1, 3, 10] {
        let first = open(limit).await.unwrap();
        assert_eq!(
            keys(&first),
            keys(&after[..limit as usize]),
            "limit {limit} after snoozing"
        );
        assert_eq!(first[0].id, full[2].id);
    }
}

async fn people_pages_by_cursor_cover_everyone_once(t: &TestDb) {
    filled(t, 2).await;
    let page = |after: Option<String>, before: Option<String>| people::Filter {
        page: Page {
            limit: 7,
            offset: 0,
        },
        after,
        before,
        ..people::Filter::default()
    };
    let everyone = people::list(
        &t.db,
        &t.account,
        &people::Filter {
            page: Page {
                limit: 500,
                offset: 0,
            },
            ..people::Filter::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(everyone.len(), 120);
    let mut walked = Vec::new();
    let mut after = None;
    let mut pages = Vec::new();
    loop {
        let rows = people::list(&t.db, &t.account, &page(after.clone(), None))
            .await
            .unwrap();
        if rows.is_empty() {
            break;
        }
        after = rows.last().map(|p| p.id.clone());
        pages.push(rows.iter().map(|p| p.id.clone()).collect::<Vec<_>>());
        walked.extend(rows.into_iter().map(|p| p.id));
    }
    let ids: Vec<String> = everyone.iter().map(|p| p.id.clone()).collect();
    assert_eq!(walked, ids, "forward, in name order, each once");
    // Backwards from the third page's first row gives the second page.
    let back = people::list(&t.db, &t.account, &page(None, Some(pages[2][0].clone())))
        .await
        .unwrap();
    let back: Vec<String> = back.into_iter().map(|p| p.id).collect();
    assert_eq!(back, pages[1]);
}

async fn the_board_counts_every_interview_and_shows_a_few(t: &TestDb) {
    filled(t, 3).await;
    let columns = interviews::board(&t.db, &t.account, 4).await.unwrap();
    let total: i64 = columns.iter().map(|c| c.count).sum();
    assert_eq!(total, 75);
    for c in &columns {
        assert_eq!(c.cards.len() as i64, c.count.min(4), "{:?}", c.status);
        assert!(c.cards.iter().all(|i| i.status == c.status));
    }
    assert!(
        columns.iter().any(|c| c.count > 4),
        "some column has more than it shows"
    );
}

async fn counts_and_the_feed_version_follow_every_change(t: &TestDb) {
    filled(t, 1).await;
    let before = progress::counts(&t.db, &t.account).await.unwrap();
    assert_eq!(
        progress::counts(&t.db, &t.account).await.unwrap(),
        before,
        "kept"
    );
    let version = calendar::version(&t.db, &t.account).await.unwrap();
    let input = rapport_core::people::PersonForm {
        name: "Zelda Quist".into(),
        ..Default::default()
    }
    .validate()
    .unwrap();
    people::create(&t.db, &t.account, &input, now())
        .await
        .unwrap();
    let after = progress::counts(&t.db, &t.account).await.unwrap();
    assert_eq!(after.people, before.people + 1);
    assert!(calendar::version(&t.db, &t.account).await.unwrap() > version);
}

crate::common::on_both!(
    the_first_rule_tasks_are_those_of_the_full_list,
    people_pages_by_cursor_cover_everyone_once,
    the_board_counts_every_interview_and_shows_a_few,
    counts_and_the_feed_version_follow_every_change,
);
