//! `cargo bench -p rapport-web --bench pages`: every page of the interface,
//! served from the sample network on SQLite, timed end to end over HTTP on
//! loopback (connect, request, full response). Prints a Markdown table for
//! docs/benchmarks.md. The goal of the journey issue is under 50 ms per page.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rapport_core::clock::{Clock, SystemClock};
use rapport_core::pipeline::Status;
use rapport_core::validated::TimeZone;
use rapport_store::{
    Db, Location, Page, accounts, demo, fields, interviews, organizations, people,
};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const ROUNDS: usize = 200;
const GOAL: Duration = Duration::from_millis(50);

async fn get(address: std::net::SocketAddr, path: &str) -> (u16, usize) {
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let status = std::str::from_utf8(&raw[9..12]).unwrap().parse().unwrap();
    (status, raw.len())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&Location::Sqlite(dir.path().join("bench.db")))
            .await
            .unwrap();
        let clock: Arc<dyn Clock> = Arc::new(SystemClock);
        let zone = TimeZone::parse("America/Los_Angeles").unwrap();
        let account = accounts::local(&db, clock.now()).await.unwrap();
        demo::load(&db, &account, zone, clock.now()).await.unwrap();
        let state = rapport_web::AppState::new(db.clone(), account.clone(), zone, clock);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(rapport_web::serve(listener, state, std::future::pending()));

        let all = interviews::Filter {
            page: Page {
                limit: 500,
                offset: 0,
            },
            ..interviews::Filter::default()
        };
        let list = interviews::list(&db, &account, &all).await.unwrap();
        let confirmed = list
            .iter()
            .find(|i| i.status == Status::Confirmed)
            .unwrap()
            .id
            .clone();
        let done = list
            .iter()
            .find(|i| i.status == Status::Done)
            .unwrap()
            .id
            .clone();
        let person = people::list(&db, &account, &people::Filter::default())
            .await
            .unwrap()[0]
            .id
            .clone();
        let org = organizations::list(&db, &account, None, Page::default())
            .await
            .unwrap()[0]
            .id
            .clone();
        let field = fields::list(&db, &account, None, Page::default())
            .await
            .unwrap()[0]
            .id
            .clone();
        let pages = vec![
            "/".to_owned(),
            "/interviews".into(),
            "/interviews/all".into(),
            "/interviews/new".into(),
            format!("/interviews/{confirmed}"),
            format!("/interviews/{confirmed}/edit"),
            format!("/interviews/{confirmed}/plan"),
            format!("/interviews/{confirmed}/brief"),
            format!("/interviews/{confirmed}/live"),
            format!("/interviews/{done}/after"),
            "/people".into(),
            "/people/new".into(),
            format!("/people/{person}"),
            format!("/people/{person}/edit"),
            "/organizations".into(),
            format!("/organizations/{org}"),
            format!("/organizations/{org}/edit"),
            "/fields".into(),
            format!("/fields/{field}"),
            "/questions".into(),
            "/profile".into(),
            "/conversations".into(),
            "/capture".into(),
            "/letters".into(),
            format!("/people/{person}/letter?template=introduction"),
            "/calendar".into(),
            "/calendar.ics".into(),
            "/search?q=robotics".into(),
            "/import".into(),
        ];
        println!("| page | p50 ms | p95 ms | max ms | bytes |");
        println!("| --- | ---: | ---: | ---: | ---: |");
        let mut worst = Duration::ZERO;
        for path in &pages {
            let mut times = Vec::with_capacity(ROUNDS);
            let mut bytes = 0;
            for round in 0..ROUNDS + 10 {
                let start = Instant::now();
                let (status, size) = get(address, path).await;
                let took = start.elapsed();
                assert_eq!(status, 200, "{path}");
                bytes = size;
                if round >= 10 {
                    times.push(took);
                }
            }
            times.sort();
            let p95 = percentile(&times, 0.95);
            worst = worst.max(p95);
            let shown = path
                .split('/')
                .map(|s| if s.len() == 36 { "{id}" } else { s })
                .collect::<Vec<_>>()
                .join("/");
            println!(
                "| `{shown}` | {} | {} | {} | {bytes} |",
                ms(percentile(&times, 0.5)),
                ms(p95),
                ms(*times.last().unwrap())
            );
        }
        println!();
        println!(
            "slowest p95: {} ms (goal: under {} ms) over {ROUNDS} requests per page",
            ms(worst),
            GOAL.as_millis()
        );
        assert!(worst < GOAL, "a page is slower than the goal");
    });
}
