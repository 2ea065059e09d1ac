//! `cargo bench -p rapport-web --bench server`: what server mode costs.
//! - sign-ins per second (Argon2id at 19 MiB and 2 passes included), one
//!   client after another and two at once;
//! - signed-in pages as a ratio of the same pages in local mode, over the
//!   same data in one database, measured side by side (rounds alternate
//!   between the two servers so drift on a shared machine hits both).
//!
//! Prints Markdown for docs/benchmarks.md.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rapport_core::clock::{Clock, SystemClock};
use rapport_core::validated::TimeZone;
use rapport_store::{Db, Location, account_links, accounts, demo, people};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const PASSWORD: &str = "benchmark harbor lantern 7";
const ROUNDS: usize = 9;
const PER_ROUND: usize = 150;

async fn send(address: SocketAddr, raw: String) -> (u16, String) {
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    stream.write_all(raw.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    stream.read_to_end(&mut out).await.unwrap();
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text[9..12].parse().unwrap();
    (status, text)
}

fn get(address: SocketAddr, path: &str, cookie: &str) -> String {
    let cookie = if cookie.is_empty() {
        String::new()
    } else {
        format!("Cookie: {cookie}\r\n")
    };
    format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n{cookie}\r\n")
}

fn sign_in(address: SocketAddr) -> String {
    let body = format!(
        "email=learner%40example.org&password={}",
        PASSWORD.replace(' ', "+")
    );
    format!(
        "POST /sign-in HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\nSec-Fetch-Site: same-origin\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Requests per second over one round of `PER_ROUND` requests of `path`.
async fn round(address: SocketAddr, path: &str, cookie: &str) -> f64 {
    let started = Instant::now();
    for _ in 0..PER_ROUND {
        let (status, _) = send(address, get(address, path, cookie)).await;
        assert_eq!(status, 200, "{path}");
    }
    PER_ROUND as f64 / started.elapsed().as_secs_f64()
}

async fn spawn(state: rapport_web::AppState) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(rapport_web::serve(listener, state, std::future::pending()));
    address
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&Location::Sqlite(dir.path().join("bench.db"))).await.unwrap();
        let clock: Arc<dyn Clock> = Arc::new(SystemClock);
        let zone = TimeZone::parse("America/Los_Angeles").unwrap();
        let now = clock.now();
        // The same sample network in the local account and in a student's.
        let local = accounts::local(&db, now).await.unwrap();
        demo::load(&db, &local, zone, now).await.unwrap();
        let local_mode = spawn(rapport_web::AppState::new(db.clone(), local.clone(), zone, clock.clone())).await;
        let settings = rapport_web::Server {
            sign_up: rapport_web::SignUp::Invitation,
            trusted_proxy: None,
        };
        let server = spawn(rapport_web::AppState::server(db.clone(), settings, zone, clock.clone())).await;
        let invite = account_links::invite(&db, "learner@example.org", now).await.unwrap();
        let body = format!("invite={invite}&password={0}&confirm={0}", PASSWORD.replace(' ', "+"));
        let raw = format!(
            "POST /sign-up HTTP/1.1\r\nHost: {server}\r\nConnection: close\r\nSec-Fetch-Site: same-origin\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let (status, reply) = send(server, raw).await;
        assert_eq!(status, 303, "{reply}");
        let student = accounts::by_email(&db, "learner@example.org").await.unwrap().unwrap().id;
        demo::load(&db, &student, zone, now).await.unwrap();

        // Sign-ins per second.
        let tries = 40;
        let started = Instant::now();
        let mut cookie = String::new();
        for _ in 0..tries {
            let (status, reply) = send(server, sign_in(server)).await;
            assert_eq!(status, 303, "{reply}");
            cookie = reply
                .lines()
                .find_map(|l| l.strip_prefix("set-cookie: "))
                .and_then(|c| c.split(';').next())
                .unwrap()
                .to_owned();
        }
        let one_at_a_time = tries as f64 / started.elapsed().as_secs_f64();
        let started = Instant::now();
        let both: Vec<_> = (0..2)
            .map(|_| {
                tokio::spawn(async move {
                    for _ in 0..tries / 2 {
                        let (status, _) = send(server, sign_in(server)).await;
                        assert_eq!(status, 303);
                    }
                })
            })
            .collect();
        for t in both {
            t.await.unwrap();
        }
        let two_at_once = tries as f64 / started.elapsed().as_secs_f64();
        println!("| sign-ins | per second |");
        println!("| --- | ---: |");
        println!("| one client after another | {one_at_a_time:.1} |");
        println!("| two clients at once | {two_at_once:.1} |");
        println!();

        // The same pages, signed in and in local mode, side by side.
        let person = |account| {
            let db = db.clone();
            async move {
                people::list(&db, &account, &people::Filter::default()).await.unwrap()[0].id.clone()
            }
        };
        let (local_person, student_person) = (person(local).await, person(student).await);
        let pages = [
            ("/", "/".to_owned(), "/".to_owned()),
            ("/people", "/people".into(), "/people".into()),
            ("/people/{id}", format!("/people/{local_person}"), format!("/people/{student_person}")),
            ("/interviews", "/interviews".into(), "/interviews".into()),
        ];
        println!("| page | local req/s | signed-in req/s | ratio (goal ≥ 0.8) |");
        println!("| --- | ---: | ---: | ---: |");
        let mut worst: f64 = f64::MAX;
        for (shown, local_path, server_path) in &pages {
            // Warm both.
            round(local_mode, local_path, "").await;
            round(server, server_path, &cookie).await;
            let (mut l, mut s, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
            for _ in 0..ROUNDS {
                let a = round(local_mode, local_path, "").await;
                let b = round(server, server_path, &cookie).await;
                l.push(a);
                s.push(b);
                ratios.push(b / a);
            }
            let ratio = median(ratios);
            worst = worst.min(ratio);
            println!("| `{shown}` | {:.0} | {:.0} | {ratio:.2} |", median(l), median(s));
        }
        println!();
        println!(
            "median of {ROUNDS} alternating rounds of {PER_ROUND} requests each; lowest ratio {worst:.2}"
        );
    });
}
