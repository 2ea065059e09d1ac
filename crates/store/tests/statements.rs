//! The SQL statements each page's reads send, on a workbench of about 100
//! people and on one of more than 10,000 records: the same number at both
//! sizes, on SQLite and (when `RAPPORT_TEST_DATABASE_URL` is set) on
//! PostgreSQL. A test binary of its own, since it counts every statement the
//! process sends and so must run alone.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, TimeZone as _, Utc};
use rapport_core::validated::TimeZone;
use rapport_store::statements::Counter;
use rapport_store::{
    Db, Location, Page, accounts, backup, calendar, correspondence, demo, interviews, people,
    plans, progress, search, today,
};
use sqlx::Connection;
use std::collections::BTreeMap;

const PG_ENV: &str = "RAPPORT_TEST_DATABASE_URL";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()
}

/// Statements per page, by page.
async fn count_pages(
    db: &Db,
    counter: &Counter,
    copies: usize,
) -> (usize, BTreeMap<&'static str, u64>) {
    let zone = TimeZone::utc();
    let account = accounts::local(db, now()).await.unwrap();
    demo::load_copies(db, &account, zone, now(), copies)
        .await
        .unwrap();
    let records = backup::check(&backup::export(db, &account, now()).await.unwrap()).unwrap();
    let first = |v: Vec<String>| v.into_iter().next().unwrap();
    let person = first(
        people::list(db, &account, &people::Filter::default())
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect(),
    );
    let interview = first(
        interviews::list(db, &account, &interviews::Filter::default())
            .await
            .unwrap()
            .into_iter()
            .map(|i| i.id)
            .collect(),
    );
    // Once, so the counts kept per data version are in place as on any
    // second visit.
    progress::counts(db, &account).await.unwrap();
    let mut out = BTreeMap::new();
    macro_rules! page {
        ($name:expr, $body:expr) => {{
            let before = counter.total();
            counter.take();
            $body;
            out.insert($name, counter.total() - before);
            if std::env::var("RAPPORT_STATEMENTS_SHOW").is_ok() {
                for (sql, _) in counter.take() {
                    eprintln!(
                        "{copies} {}: {}",
                        $name,
                        sql.chars().take(90).collect::<String>()
                    );
                }
            }
        }};
    }
    page!("today", {
        today::agenda(db, &account, now(), zone).await.unwrap();
        progress::counts(db, &account).await.unwrap();
    });
    page!("people list", {
        people::list(db, &account, &people::Filter::default())
            .await
            .unwrap();
    });
    page!("person", {
        people::show(db, &account, &person).await.unwrap();
        let of_person = interviews::Filter {
            person_id: Some(person.clone()),
            ..interviews::Filter::default()
        };
        interviews::list(db, &account, &of_person).await.unwrap();
        people::referrals(db, &account, &person).await.unwrap();
        correspondence::list(db, &account, Some(&person), Page::default())
            .await
            .unwrap();
    });
    page!("interview", {
        interviews::show(db, &account, &interview).await.unwrap();
        plans::list(db, &account, &interview).await.unwrap();
        interviews::referrals(db, &account, &interview)
            .await
            .unwrap();
    });
    page!("board", {
        interviews::board(db, &account, 30).await.unwrap();
    });
    page!("search", {
        search::search(db, &account, "robotics", 50).await.unwrap();
    });
    page!("calendar feed", {
        calendar::feed(db, &account, now(), zone).await.unwrap();
    });
    page!("calendar unchanged", {
        calendar::version(db, &account).await.unwrap();
    });
    (records, out)
}

async fn sqlite() -> (Db, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&Location::Sqlite(dir.path().join("rapport.db")))
        .await
        .unwrap();
    (db, dir)
}

async fn postgres(url: &str) -> (Db, String) {
    let schema = format!("s_{}", rapport_store::ids::new_id().replace('-', ""));
    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let sep = if url.contains('?') { '&' } else { '?' };
    let db = Db::open(&Location::Postgres(format!(
        "{url}{sep}options=-csearch_path%3D{schema}"
    )))
    .await
    .unwrap();
    (db, schema)
}

async fn drop_schema(url: &str, schema: &str) {
    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
    sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
        .execute(&mut conn)
        .await
        .unwrap();
}

fn compare(
    backend: &str,
    small: (usize, BTreeMap<&str, u64>),
    large: (usize, BTreeMap<&str, u64>),
) {
    assert!(
        small.0 < 5_000,
        "{backend}: the small workbench has {} records",
        small.0
    );
    assert!(
        large.0 >= 10_000,
        "{backend}: the large workbench has {} records",
        large.0
    );
    for (page, n) in &small.1 {
        assert!(
            *n > 0,
            "{backend}: {page} sent no statement: the counter is not counting"
        );
        assert_eq!(
            Some(n),
            large.1.get(page),
            "{backend}: {page} sends {n} statements at {} records but {:?} at {}",
            small.0,
            large.1.get(page),
            large.0
        );
    }
    println!(
        "{backend}: statements per page at {} and {} records: {:?}",
        small.0, large.0, small.1
    );
}

fn main() {
    let counter = Counter::install().unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let (small_db, _a) = sqlite().await;
        let (large_db, _b) = sqlite().await;
        let small = count_pages(&small_db, &counter, 2).await;
        let large = count_pages(&large_db, &counter, 34).await;
        compare("sqlite", small, large);
        match std::env::var(PG_ENV) {
            Ok(url) if !url.trim().is_empty() => {
                let (small_db, s1) = postgres(&url).await;
                let (large_db, s2) = postgres(&url).await;
                let small = count_pages(&small_db, &counter, 2).await;
                let large = count_pages(&large_db, &counter, 34).await;
                small_db.close().await;
                large_db.close().await;
                drop_schema(&url, &s1).await;
                drop_schema(&url, &s2).await;
                compare("postgres", small, large);
            }
            _ => {
                eprintln!("statements per page: PostgreSQL SKIPPED ({PG_ENV} is not set)");
                assert!(
                    std::env::var("CI").as_deref() != Ok("true"),
                    "{PG_ENV} is not set under CI: the PostgreSQL count must run"
                );
            }
        }
    });
}
