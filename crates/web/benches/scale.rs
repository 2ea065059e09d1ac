//! `cargo bench -p rapport-web --bench scale`: the pages at 100, 1,000 and
//! 10,000 people per account, on SQLite and (when `RAPPORT_TEST_DATABASE_URL`
//! is set) on PostgreSQL, measured side by side with a hello-world handler
//! served the same way in the same process (B1, the ceiling):
//! - B2 person page, B3 people list, B4 Today, B5 search, B6 interview page,
//!   B7 calendar feed (full, and `304` for an unchanged one), and the
//!   interview board: req/s on one kept-alive connection and as a ratio of
//!   hello, in rounds that alternate with hello's so drift hits both;
//! - B8 the SQL statements each page sends, at each size;
//! - the full feed against the raw query: the feed's latency as a ratio of
//!   fetching the same rows (interviews from 90 days back and ahead, open
//!   dated tasks) with plain SQL and no other work, in alternating rounds.
//!
//! `RAPPORT_BENCH_BACKEND=sqlite|postgres` and `RAPPORT_BENCH_PAGES=TEXT`
//! narrow a run to one backend and to the pages whose label holds TEXT.
//!
//! The account is the sample network repeated (`demo::load_copies`), as a
//! student's workbench after a large import. Prints Markdown for
//! docs/benchmarks.md.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use rapport_core::clock::{Clock, SystemClock};
use rapport_core::validated::TimeZone;
use rapport_store::statements::Counter;
use rapport_store::{accounts, demo, interviews, people};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::{BenchDb, Client, median, percentile, round};

/// People per account, and the copies of the 60-person sample that make them.
const SIZES: [(usize, usize); 3] = [(100, 2), (1_000, 17), (10_000, 167)];
const ROUNDS: usize = 5;
const HELLO_BUDGET: Duration = Duration::from_millis(150);
const PAGE_BUDGET: Duration = Duration::from_millis(300);

/// The full feed against its raw query, at one size.
struct FeedFloor {
    size: usize,
    interviews: usize,
    feed_ms: f64,
    raw_ms: f64,
}

struct Measured {
    page: &'static str,
    size: usize,
    per_second: f64,
    ratio: f64,
    p50: f64,
    p95: f64,
    statements: u64,
}

fn main() {
    let counter = Counter::install().expect("statement counter");
    counter.counting(false);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let hello = support::spawn_hello().await;
        let only = std::env::var("RAPPORT_BENCH_BACKEND").unwrap_or_default();
        for backend in ["sqlite", "postgres"] {
            if !only.is_empty() && only != backend {
                continue;
            }
            let mut all = Vec::new();
            let mut floors = Vec::new();
            for (size, copies) in SIZES {
                let Some(b) = (if backend == "sqlite" {
                    Some(BenchDb::sqlite().await)
                } else {
                    BenchDb::postgres().await
                }) else {
                    println!("PostgreSQL: skipped ({} is not set)\n", support::PG_ENV);
                    break;
                };
                let (measured, floor) = measure(&b, hello, &counter, size, copies).await;
                all.extend(measured);
                floors.push(floor);
                b.finish().await;
            }
            if !all.is_empty() {
                report(backend, &all);
                report_floors(&floors);
            }
        }
    });
}

async fn measure(
    b: &BenchDb,
    hello: std::net::SocketAddr,
    counter: &Counter,
    size: usize,
    copies: usize,
) -> (Vec<Measured>, FeedFloor) {
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let zone = TimeZone::parse("America/Los_Angeles").unwrap();
    let now = clock.now();
    let account = accounts::local(&b.db, now).await.unwrap();
    let account_id = account.clone();
    let started = Instant::now();
    let loaded = demo::load_copies(&b.db, &account, zone, now, copies)
        .await
        .unwrap();
    eprintln!(
        "{}: {} people, {} interviews loaded in {:.1} s",
        b.db.backend(),
        loaded.people,
        loaded.interviews,
        started.elapsed().as_secs_f64()
    );
    // As the database will be once autovacuum (PostgreSQL) has seen the load.
    b.db.analyze_now().await.unwrap();
    let person = people::list(&b.db, &account, &people::Filter::default())
        .await
        .unwrap()[0]
        .id
        .clone();
    let interview = interviews::list(&b.db, &account, &interviews::Filter::default())
        .await
        .unwrap()[0]
        .id
        .clone();
    // The API wants a token, as a script would send.
    let secret = rapport_store::api_tokens::create(&b.db, &account_id, "bench", true, now)
        .await
        .unwrap()
        .secret;
    let bearer = format!("Authorization: Bearer {secret}\r\n");
    let server = support::spawn(rapport_web::AppState::new(
        b.db.clone(),
        account,
        zone,
        clock,
    ))
    .await;
    let mut page_client = Client::connect(server).await;
    let mut hello_client = Client::connect(hello).await;
    let mut pages: Vec<(&'static str, String, String, u16)> = vec![
        (
            "B2 `/people/{id}`",
            format!("/people/{person}"),
            String::new(),
            200,
        ),
        ("B3 `/people`", "/people".into(), String::new(), 200),
        ("B4 `/` Today", "/".into(), String::new(), 200),
        (
            "B5 `/search?q=robotics`",
            "/search?q=robotics".into(),
            String::new(),
            200,
        ),
        (
            "B6 `/interviews/{id}`",
            format!("/interviews/{interview}"),
            String::new(),
            200,
        ),
        (
            "B7 `/calendar.ics`",
            "/calendar.ics".into(),
            String::new(),
            200,
        ),
        (
            "`/interviews` board",
            "/interviews".into(),
            String::new(),
            200,
        ),
        (
            "B2 JSON `/api/v1/people/{id}`",
            format!("/api/v1/people/{person}"),
            bearer.clone(),
            200,
        ),
        (
            "B3 JSON `/api/v1/people`",
            "/api/v1/people".into(),
            bearer.clone(),
            200,
        ),
        // The API's other lists: each a bounded page, whatever the account holds.
        (
            "JSON `/api/v1/contacts`",
            "/api/v1/contacts".into(),
            bearer.clone(),
            200,
        ),
        (
            "JSON `/api/v1/conversations`",
            "/api/v1/conversations".into(),
            bearer.clone(),
            200,
        ),
        (
            "JSON `/api/v1/organizations`",
            "/api/v1/organizations".into(),
            bearer.clone(),
            200,
        ),
        (
            "JSON `/api/v1/fields`",
            "/api/v1/fields".into(),
            bearer.clone(),
            200,
        ),
        (
            "JSON `/api/v1/interviews`",
            "/api/v1/interviews".into(),
            bearer.clone(),
            200,
        ),
        (
            "JSON `/api/v1/tasks`",
            "/api/v1/tasks".into(),
            bearer.clone(),
            200,
        ),
        (
            "JSON `/api/v1/interviews/{id}/plan`",
            format!("/api/v1/interviews/{interview}/plan"),
            bearer.clone(),
            200,
        ),
        (
            "JSON `/api/v1/questions`",
            "/api/v1/questions".into(),
            bearer.clone(),
            200,
        ),
        ("`/insights`", "/insights".into(), String::new(), 200),
        ("`/network`", "/network".into(), String::new(), 200),
    ];
    pages.push((
        "B7 `/calendar.ics` unchanged",
        "/calendar.ics".into(),
        String::new(),
        304,
    ));
    // `RAPPORT_BENCH_PAGES=network` measures only the pages whose label
    // holds that text (the data is loaded all the same).
    let only = std::env::var("RAPPORT_BENCH_PAGES").unwrap_or_default();
    let mut out = Vec::new();
    for (page, path, mut headers, expect) in pages {
        if !only.is_empty() && !page.contains(only.as_str()) {
            continue;
        }
        if expect == 304 {
            // The tag names the hour too: read it just before measuring.
            let feed = page_client.get("/calendar.ics").await;
            let Some(tag) = feed.header("etag") else {
                eprintln!("the feed has no ETag: no 304 to measure");
                continue;
            };
            headers = format!("If-None-Match: {tag}\r\n");
        }
        for _ in 0..3 {
            assert_eq!(
                page_client.get_with(&path, &headers).await.status,
                expect,
                "{path}"
            );
        }
        counter.counting(true);
        let before = counter.total();
        let timer = Instant::now();
        page_client.get_with(&path, &headers).await;
        let wall = timer.elapsed().as_secs_f64() * 1000.0;
        let statements = counter.total() - before;
        counter.counting(false);
        let seen = counter.take();
        if std::env::var("RAPPORT_BENCH_TRACE").is_ok() && size == SIZES[2].0 {
            let sql: f64 = seen.iter().map(|(_, s)| s * 1000.0).sum();
            eprintln!("  {page} at {size}: {wall:.2} ms in all, {sql:.2} ms in SQL");
            for (sql, seconds) in seen
                .iter()
                .take(if page.contains("calendar") { 8 } else { 3 })
            {
                let short: String = sql.chars().take(160).collect();
                eprintln!("  {page} at {size}: {:.2} ms {short}", seconds * 1000.0);
            }
        }
        let (mut rates, mut ratios, mut latencies) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..ROUNDS {
            let (h, _) = round(&mut hello_client, "/", "", 200, HELLO_BUDGET).await;
            let (p, l) = round(&mut page_client, &path, &headers, expect, PAGE_BUDGET).await;
            rates.push(p);
            ratios.push(p / h);
            latencies.extend(l);
        }
        out.push(Measured {
            page,
            size,
            per_second: median(rates),
            ratio: median(ratios),
            p50: percentile(latencies.clone(), 50.0),
            p95: percentile(latencies, 95.0),
            statements,
        });
    }
    let floor = feed_floor(&b.db, &account_id, &mut page_client, size, now).await;
    (out, floor)
}

/// The rows the feed is made of, fetched with plain SQL and nothing else.
async fn raw_feed(db: &rapport_store::Db, account: &str, since: &str) -> usize {
    const INTERVIEWS: &str = "SELECT * FROM interviews WHERE account_id = $1 AND starts_at >= $2 \
         ORDER BY starts_at, id LIMIT 2000";
    const TASKS: &str = "SELECT * FROM tasks WHERE account_id = $1 AND done_at IS NULL AND due_at >= $2 \
         ORDER BY due_at, id LIMIT 2000";
    match db {
        rapport_store::Db::Sqlite(pool) => {
            let i = sqlx::query(INTERVIEWS)
                .bind(account)
                .bind(since)
                .fetch_all(pool)
                .await
                .unwrap();
            let t = sqlx::query(TASKS)
                .bind(account)
                .bind(since)
                .fetch_all(pool)
                .await
                .unwrap();
            i.len() + t.len()
        }
        rapport_store::Db::Postgres(pool) => {
            let i = sqlx::query(INTERVIEWS)
                .bind(account)
                .bind(since)
                .fetch_all(pool)
                .await
                .unwrap();
            let t = sqlx::query(TASKS)
                .bind(account)
                .bind(since)
                .fetch_all(pool)
                .await
                .unwrap();
            i.len() + t.len()
        }
    }
}

/// The full feed's median latency against the raw query's, in alternating
/// rounds on the same machine at the same moment.
async fn feed_floor(
    db: &rapport_store::Db,
    account: &rapport_store::AccountId,
    page: &mut Client,
    size: usize,
    now: chrono::DateTime<chrono::Utc>,
) -> FeedFloor {
    let since = (now - chrono::Duration::days(rapport_store::calendar::FEED_DAYS_BACK))
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let interviews = match db {
        rapport_store::Db::Sqlite(pool) => sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM interviews WHERE account_id = $1 AND starts_at >= $2",
        )
        .bind(account.as_str())
        .bind(&since)
        .fetch_one(pool)
        .await
        .unwrap(),
        rapport_store::Db::Postgres(pool) => sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM interviews WHERE account_id = $1 AND starts_at >= $2",
        )
        .bind(account.as_str())
        .bind(&since)
        .fetch_one(pool)
        .await
        .unwrap(),
    };
    let (mut feed, mut raw) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let (_, l) = round(page, "/calendar.ics", "", 200, PAGE_BUDGET).await;
        feed.extend(l);
        let started = Instant::now();
        while started.elapsed() < PAGE_BUDGET {
            let t = Instant::now();
            assert!(raw_feed(db, account.as_str(), &since).await > 0);
            raw.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    FeedFloor {
        size,
        interviews: usize::try_from(interviews).unwrap_or(0),
        feed_ms: median(feed),
        raw_ms: median(raw),
    }
}

fn report_floors(floors: &[FeedFloor]) {
    println!(
        "| people | interviews in the feed | full feed p50 ms | raw query p50 ms | feed ÷ raw (goal ≤ 2 at about 500 interviews) |"
    );
    println!("| ---: | ---: | ---: | ---: | ---: |");
    for f in floors {
        println!(
            "| {} | {} | {:.2} | {:.2} | {:.2} |",
            f.size,
            f.interviews,
            f.feed_ms,
            f.raw_ms,
            f.feed_ms / f.raw_ms
        );
    }
    println!();
}

fn report(backend: &str, all: &[Measured]) {
    println!("### {backend}\n");
    println!("| page | people | req/s | × hello | p50 ms | p95 ms | statements |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for m in all {
        println!(
            "| {} | {} | {:.0} | {:.3} | {:.2} | {:.2} | {} |",
            m.page, m.size, m.per_second, m.ratio, m.p50, m.p95, m.statements
        );
    }
    println!();
    println!(
        "| page | p50 at 10,000 ÷ p50 at 100 (goal ≤ 1.5) | statements at 100 / 1,000 / 10,000 |"
    );
    println!("| --- | ---: | --- |");
    let mut pages: Vec<&str> = Vec::new();
    for m in all {
        if !pages.contains(&m.page) {
            pages.push(m.page);
        }
    }
    for page in pages {
        let of = |size| all.iter().find(|m| m.page == page && m.size == size);
        let (Some(small), Some(large)) = (of(SIZES[0].0), of(SIZES[2].0)) else {
            continue;
        };
        let counts: Vec<String> = SIZES
            .iter()
            .filter_map(|(s, _)| of(*s).map(|m| m.statements.to_string()))
            .collect();
        println!(
            "| {page} | {:.2} | {} |",
            large.p50 / small.p50,
            counts.join(" / ")
        );
    }
    println!();
}
