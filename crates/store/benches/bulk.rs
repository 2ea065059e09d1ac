//! `cargo bench -p rapport-store --bench bulk`: bulk writes on SQLite and,
//! when `RAPPORT_TEST_DATABASE_URL` is set, on PostgreSQL.
//! - B9: importing 12,000 vCards (read, check, find duplicates, write in one
//!   transaction) as a ratio of its floor measured side by side: parsing the
//!   file alone plus writing the same people and their contacts with plain
//!   multi-row inserts in one transaction;
//! - B10: restoring a backup of about 50,000 records into an empty account.
//!
//! Each figure is the median of 3 runs, each into a fresh database. Prints
//! Markdown for docs/benchmarks.md.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod data;

use chrono::Utc;
use rapport_core::import::{Format, parse};
use rapport_core::validated::TimeZone;
use rapport_store::imports::{self, OnDuplicate};
use rapport_store::{AccountId, Db, Location, accounts, backup, demo};
use sqlx::Connection;
use std::time::Instant;

const PG_ENV: &str = "RAPPORT_TEST_DATABASE_URL";
const CARDS: usize = 12_000;
const RUNS: usize = 3;
/// Copies of the sample (309 records each) in the restored backup.
const BACKUP_COPIES: usize = 162;

enum Place {
    /// Kept only so the folder outlives the database in it.
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres(String, String),
}

async fn fresh(backend: &str) -> (Db, AccountId, Place) {
    if backend == "sqlite" {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&Location::Sqlite(dir.path().join("bench.db")))
            .await
            .unwrap();
        let account = accounts::local(&db, Utc::now()).await.unwrap();
        return (db, account, Place::Sqlite(dir));
    }
    let url = std::env::var(PG_ENV).unwrap();
    let schema = format!("bulk_{}", rapport_store::ids::new_id().replace('-', ""));
    let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
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
    let account = accounts::local(&db, Utc::now()).await.unwrap();
    (db, account, Place::Postgres(url, schema))
}

async fn finish(db: Db, place: Place) {
    db.close().await;
    if let Place::Postgres(url, schema) = place {
        let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
        sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
            .execute(&mut conn)
            .await
            .unwrap();
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The floor of an import: the parsed people and their emails and phones
/// written with multi-row inserts, nothing checked, in one transaction.
async fn plain_insert(db: &Db, account: &AccountId, parsed: &rapport_core::import::Parsed) {
    const ROWS: usize = 500;
    let now = Utc::now().format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
    let people: Vec<(String, &rapport_core::import::Record)> = parsed
        .records
        .iter()
        .map(|r| (rapport_store::ids::new_id(), r))
        .collect();
    let person_sql = |n: usize| {
        let rows: Vec<String> = (0..n)
            .map(|i| {
                let b = i * 4;
                format!(
                    "(${}, $1, ${}, ${}, ${}, 'other', $2, $2)",
                    b + 3,
                    b + 4,
                    b + 5,
                    b + 6
                )
            })
            .collect();
        format!(
            "INSERT INTO people (id, account_id, name, title, notes, source, created_at, updated_at) VALUES {}",
            rows.join(", ")
        )
    };
    let contact_sql = |n: usize| {
        let rows: Vec<String> = (0..n)
            .map(|i| {
                let b = i * 4;
                format!("(${}, $1, ${}, ${}, ${}, 0)", b + 2, b + 3, b + 4, b + 5)
            })
            .collect();
        format!(
            "INSERT INTO person_contacts (id, account_id, person_id, kind, value, position) VALUES {}",
            rows.join(", ")
        )
    };
    let contacts: Vec<(String, &str, &str, String)> = people
        .iter()
        .flat_map(|(id, r)| {
            r.person
                .emails
                .iter()
                .map(|e| ("email", e.as_str()))
                .chain(r.person.phones.iter().map(|p| ("phone", p.as_str())))
                .map(move |(k, v)| (rapport_store::ids::new_id(), id.as_str(), k, v.to_owned()))
        })
        .collect();
    macro_rules! write {
        ($tx:expr) => {{
            for chunk in people.chunks(ROWS) {
                let sql = person_sql(chunk.len());
                let mut q = sqlx::query(&sql).bind(account.as_str()).bind(&now);
                for (id, r) in chunk {
                    q = q
                        .bind(id)
                        .bind(r.person.name.as_str())
                        .bind(r.person.title.as_deref())
                        .bind(&r.person.notes);
                }
                q.execute(&mut *$tx).await.unwrap();
            }
            for chunk in contacts.chunks(ROWS) {
                let sql = contact_sql(chunk.len());
                let mut q = sqlx::query(&sql).bind(account.as_str());
                for (id, person, kind, value) in chunk {
                    q = q.bind(id).bind(*person).bind(*kind).bind(value);
                }
                q.execute(&mut *$tx).await.unwrap();
            }
        }};
    }
    match db {
        Db::Sqlite(pool) => {
            let mut tx = pool.begin().await.unwrap();
            write!(tx);
            tx.commit().await.unwrap();
        }
        Db::Postgres(pool) => {
            let mut tx = pool.begin().await.unwrap();
            write!(tx);
            tx.commit().await.unwrap();
        }
    }
}

async fn b9(backend: &str) -> (f64, f64, f64) {
    let text = data::vcards(CARDS);
    let (mut imports_s, mut parse_s, mut insert_s) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let started = Instant::now();
        let parsed = parse(&text, Format::VCard);
        parse_s.push(started.elapsed().as_secs_f64());
        assert_eq!(parsed.records.len(), CARDS);

        let (db, account, place) = fresh(backend).await;
        let started = Instant::now();
        plain_insert(&db, &account, &parsed).await;
        insert_s.push(started.elapsed().as_secs_f64());
        finish(db, place).await;

        let (db, account, place) = fresh(backend).await;
        let started = Instant::now();
        let parsed = parse(&text, Format::VCard);
        let report = imports::apply(
            &db,
            &account,
            Format::VCard,
            "bench.vcf",
            &parsed,
            OnDuplicate::Skip,
            Utc::now(),
        )
        .await
        .unwrap();
        imports_s.push(started.elapsed().as_secs_f64());
        assert_eq!(report.imported, CARDS);
        finish(db, place).await;
    }
    (median(imports_s), median(parse_s), median(insert_s))
}

async fn b10(backend: &str) -> (usize, f64) {
    let (db, account, place) = fresh(backend).await;
    demo::load_copies(&db, &account, TimeZone::utc(), Utc::now(), BACKUP_COPIES)
        .await
        .unwrap();
    let doc = backup::export(&db, &account, Utc::now()).await.unwrap();
    finish(db, place).await;
    let records = backup::check(&doc).unwrap();
    let mut took = Vec::new();
    for _ in 0..RUNS {
        let (db, account, place) = fresh(backend).await;
        let started = Instant::now();
        let written = backup::restore(&db, &account, &doc).await.unwrap();
        took.push(started.elapsed().as_secs_f64());
        assert_eq!(written, records);
        finish(db, place).await;
    }
    (records, median(took))
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut backends = vec!["sqlite"];
        if std::env::var(PG_ENV).is_ok_and(|u| !u.trim().is_empty()) {
            backends.push("postgres");
        } else {
            println!("PostgreSQL: skipped ({PG_ENV} is not set)\n");
        }
        println!("| backend | B9 import of {CARDS} vCards s | parse only s | plain inserts s | import ÷ (parse + inserts) | B10 restore of records | s | records/s |");
        println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for backend in backends {
            let (import, parse_only, insert) = b9(backend).await;
            let (records, restore) = b10(backend).await;
            println!(
                "| {backend} | {import:.2} | {parse_only:.3} | {insert:.2} | {:.2} | {records} | {restore:.2} | {:.0} |",
                import / (parse_only + insert),
                records as f64 / restore
            );
        }
        println!("\nmedian of {RUNS} runs, each into a fresh database");
    });
}
