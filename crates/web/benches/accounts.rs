//! `RAPPORT_TEST_DATABASE_URL=… cargo bench -p rapport-web --bench accounts`:
//! B11, server scale. One student's pages in a PostgreSQL database holding
//! 10,000 accounts of the 60-person sample (600,000 people), as a ratio of
//! the same pages in a database that holds that one account only. The two
//! servers run side by side and their rounds alternate, so drift on a shared
//! machine hits both. `RAPPORT_BENCH_ACCOUNTS` changes the number of accounts.
//!
//! The other accounts are copied from the first in SQL (each copy's ids
//! renumbered), in batches of 500 accounts per transaction; the search index
//! and the other triggers run for every copied row as for any write.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use rapport_core::clock::{Clock, SystemClock};
use rapport_core::validated::TimeZone;
use rapport_store::{AccountId, Db, accounts, backup, demo, interviews, people};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::{BenchDb, Client, median, round};

const ROUNDS: usize = 7;
const BUDGET: Duration = Duration::from_millis(300);
const BATCH: i64 = 500;

/// A student with the sample network, as the first account of `db`.
async fn student(db: &Db, now: chrono::DateTime<chrono::Utc>) -> AccountId {
    let account = accounts::create(db, accounts::Kind::Student, "first@example.org", None, now)
        .await
        .unwrap();
    demo::load(db, &account, TimeZone::utc(), now)
        .await
        .unwrap();
    account
}

/// SQL that renumbers a UUID held in `column` for copy `g`: its first 8 hex
/// digits become the copy's number.
fn renumbered(column: &str) -> String {
    format!(
        "CASE WHEN {column} IS NULL THEN NULL ELSE lpad(to_hex(g), 8, '0') || substr({column}, 9) END"
    )
}

/// Copies `template`'s records into `count` new accounts.
async fn copy_accounts(db: &Db, template: &AccountId, count: i64) {
    let Db::Postgres(pool) = db else {
        unreachable!("B11 runs on PostgreSQL")
    };
    let mut tables: BTreeMap<usize, (&str, Vec<&str>)> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    for (table, column) in backup::described_columns() {
        if !order.contains(&table) {
            order.push(table);
        }
        let at = order.iter().position(|t| *t == table).unwrap();
        tables
            .entry(at)
            .or_insert((table, Vec::new()))
            .1
            .push(column);
    }
    let mut first = 1;
    while first <= count {
        let last = (first + BATCH - 1).min(count);
        let mut tx = pool.begin().await.unwrap();
        sqlx::query(
            "INSERT INTO accounts (id, kind, email, created_at) \
             SELECT lpad(to_hex(g), 8, '0') || substr(a.id, 9), 'student', 'student' || g || '@example.org', a.created_at \
             FROM accounts a, generate_series($2::bigint, $3::bigint) g WHERE a.id = $1",
        )
        .bind(template.as_str())
        .bind(first)
        .bind(last)
        .execute(&mut *tx)
        .await
        .unwrap();
        for (table, columns) in tables.values() {
            let values: Vec<String> = columns
                .iter()
                .map(|c| match *c {
                    "account_id" => renumbered("s.account_id"),
                    "rule_key" => "regexp_replace(s.rule_key, '[0-9a-f]{8}(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})', lpad(to_hex(g), 8, '0') || '\\1', 'g')".to_owned(),
                    c if c == "id" || c.ends_with("_id") => renumbered(&format!("s.{c}")),
                    c => format!("s.{c}"),
                })
                .collect();
            let sql = format!(
                "INSERT INTO {table} ({}) SELECT {} FROM {table} s, generate_series($2::bigint, $3::bigint) g WHERE s.account_id = $1",
                columns.join(", "),
                values.join(", ")
            );
            sqlx::query(&sql)
                .bind(template.as_str())
                .bind(first)
                .bind(last)
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        eprintln!("  {last} of {count} accounts copied");
        first = last + 1;
    }
}

async fn pages_of(db: &Db, account: &AccountId) -> Vec<(&'static str, String)> {
    let person = people::list(db, account, &people::Filter::default())
        .await
        .unwrap()[0]
        .id
        .clone();
    let interview = interviews::list(db, account, &interviews::Filter::default())
        .await
        .unwrap()[0]
        .id
        .clone();
    vec![
        ("`/people/{id}`", format!("/people/{person}")),
        ("`/people`", "/people".into()),
        ("`/` Today", "/".into()),
        ("`/search?q=robotics`", "/search?q=robotics".into()),
        ("`/interviews/{id}`", format!("/interviews/{interview}")),
        ("`/interviews` board", "/interviews".into()),
    ]
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let count: i64 = std::env::var("RAPPORT_BENCH_ACCOUNTS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(10_000);
        let (Some(alone), Some(crowd)) = (BenchDb::postgres().await, BenchDb::postgres().await) else {
            println!("B11: skipped ({} is not set)", support::PG_ENV);
            return;
        };
        let clock: Arc<dyn Clock> = Arc::new(SystemClock);
        let now = clock.now();
        let single = student(&alone.db, now).await;
        let among = student(&crowd.db, now).await;
        let started = Instant::now();
        copy_accounts(&crowd.db, &among, count - 1).await;
        let people_total: i64 = match &crowd.db {
            Db::Postgres(pool) => sqlx::query_scalar("SELECT count(*) FROM people").fetch_one(pool).await.unwrap(),
            Db::Sqlite(_) => 0,
        };
        eprintln!(
            "{count} accounts, {people_total} people, copied in {:.0} s",
            started.elapsed().as_secs_f64()
        );
        alone.db.analyze_now().await.unwrap();
        crowd.db.analyze_now().await.unwrap();
        let zone = TimeZone::utc();
        let serve = |db: Db, account: AccountId| {
            support::spawn(rapport_web::AppState::new(db, account, zone, clock.clone()))
        };
        let alone_server = serve(alone.db.clone(), single.clone()).await;
        let crowd_server = serve(crowd.db.clone(), among.clone()).await;
        let (alone_pages, crowd_pages) = (pages_of(&alone.db, &single).await, pages_of(&crowd.db, &among).await);
        let mut a = Client::connect(alone_server).await;
        let mut c = Client::connect(crowd_server).await;
        println!("| page | one account req/s | among {count} accounts req/s | latency ratio (goal ≤ 1.2) |");
        println!("| --- | ---: | ---: | ---: |");
        let mut worst: f64 = 0.0;
        for ((name, alone_path), (_, crowd_path)) in alone_pages.iter().zip(&crowd_pages) {
            round(&mut a, alone_path, "", 200, BUDGET).await;
            round(&mut c, crowd_path, "", 200, BUDGET).await;
            let (mut ra, mut rc, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
            for _ in 0..ROUNDS {
                let (x, _) = round(&mut a, alone_path, "", 200, BUDGET).await;
                let (y, _) = round(&mut c, crowd_path, "", 200, BUDGET).await;
                ra.push(x);
                rc.push(y);
                ratios.push(x / y);
            }
            let ratio = median(ratios);
            worst = worst.max(ratio);
            println!("| {name} | {:.0} | {:.0} | {ratio:.2} |", median(ra), median(rc));
        }
        println!();
        println!(
            "{count} accounts and {people_total} people on one PostgreSQL; median of {ROUNDS} alternating rounds; highest ratio {worst:.2} ({})",
            if worst <= 1.2 { "goal met" } else { "goal missed" }
        );
        alone.finish().await;
        crowd.finish().await;
    });
}
