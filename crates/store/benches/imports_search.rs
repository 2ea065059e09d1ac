//! `cargo bench -p rapport-store --bench imports_search`: end-to-end imports
//! (read the file, check every record, find duplicates, write one
//! transaction into a fresh SQLite file) of 12,000 vCards and 20,000
//! LinkedIn rows, and full-text search over an account with 100,000 notes.
//! Each scenario runs in a child process so its peak memory (VmHWM) is its
//! own. Goals: imports under 3 s and 100 MB each; search p95 under 20 ms.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use rapport_core::import::{Format, parse};
use rapport_store::imports::{self, OnDuplicate};
use rapport_store::{Db, Location, accounts, search};
use std::time::{Duration, Instant};

mod data;
use data::{Rng, linkedin, vcards};

fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse()
                    .unwrap_or(0)
            })
        })
        .unwrap_or(0)
}

async fn fresh(dir: &std::path::Path) -> (Db, rapport_store::AccountId) {
    let db = Db::open(&Location::Sqlite(dir.join("bench.db")))
        .await
        .unwrap();
    let account = accounts::local(&db, chrono::Utc::now()).await.unwrap();
    (db, account)
}

async fn import(text: String, format: Format, expected: usize) -> String {
    let dir = tempfile::tempdir().unwrap();
    let (db, account) = fresh(dir.path()).await;
    let start = Instant::now();
    let parsed = parse(&text, format);
    drop(text);
    let read = start.elapsed();
    let report = imports::apply(
        &db,
        &account,
        format,
        "bench",
        &parsed,
        OnDuplicate::Skip,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let took = start.elapsed();
    eprintln!(
        "{format:?}: read and checked in {:.2} s, written in {:.2} s",
        read.as_secs_f64(),
        (took - read).as_secs_f64()
    );
    assert_eq!(report.imported, expected);
    format!("{:.2}|{}", took.as_secs_f64(), peak_kib())
}

async fn search_bench() -> String {
    let dir = tempfile::tempdir().unwrap();
    let (db, account) = fresh(dir.path()).await;
    // 100,000 people, each with a note: 100,000 searchable notes.
    let mut r = Rng(3);
    let mut text =
        String::from("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n");
    for i in 0..100_000 {
        text.push_str(&format!(
            "Given,Person{i},,,,{} {},\r\n",
            r.word(),
            r.word()
        ));
    }
    let mut parsed = parse(&text, Format::LinkedIn);
    for rec in &mut parsed.records {
        rec.person.notes = (0..12).map(|_| r.word()).collect::<Vec<_>>().join(" ");
    }
    imports::apply(
        &db,
        &account,
        Format::LinkedIn,
        "bench",
        &parsed,
        OnDuplicate::Skip,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let mut times = Vec::new();
    for i in 0..210 {
        let query = format!("{} {}", r.word(), &r.word()[..4]);
        let start = Instant::now();
        let hits = search::search(&db, &account, &query, 20).await.unwrap();
        if i >= 10 {
            times.push(start.elapsed());
        }
        assert!(hits.len() <= 20);
    }
    times.sort();
    let p = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "{:.2}|{:.2}|{:.2}|{}",
        ms(p(0.5)),
        ms(p(0.95)),
        ms(*times.last().unwrap()),
        peak_kib()
    )
}

fn main() {
    if let Ok(scenario) = std::env::var("RAPPORT_BENCH_SCENARIO") {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap();
        let line = runtime.block_on(async {
            match scenario.as_str() {
                "vcard" => import(vcards(12_000), Format::VCard, 12_000).await,
                "linkedin" => import(linkedin(20_000), Format::LinkedIn, 20_000).await,
                _ => search_bench().await,
            }
        });
        println!("RESULT|{line}");
        return;
    }
    let run = |scenario: &str| -> Vec<String> {
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .env("RAPPORT_BENCH_SCENARIO", scenario)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let line = stdout
            .lines()
            .find(|l| l.starts_with("RESULT|"))
            .unwrap_or_else(|| panic!("{scenario}: {}", String::from_utf8_lossy(&out.stderr)));
        line.trim_start_matches("RESULT|")
            .split('|')
            .map(str::to_owned)
            .collect()
    };
    println!("| import | seconds | peak memory MiB |");
    println!("| --- | ---: | ---: |");
    let mut failed = false;
    for (name, scenario) in [
        ("12,000 vCards", "vcard"),
        ("20,000 LinkedIn rows", "linkedin"),
    ] {
        let r = run(scenario);
        let secs: f64 = r[0].parse().unwrap();
        let mib = r[1].parse::<f64>().unwrap() / 1024.0;
        println!("| {name} | {secs:.2} | {mib:.1} |");
        failed |= secs >= 3.0 || mib >= 100.0;
    }
    let s = run("search");
    println!();
    println!("| search over 100,000 notes | p50 ms | p95 ms | max ms | peak memory MiB |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    println!(
        "| 200 two-word queries, 20 results each | {} | {} | {} | {:.1} |",
        s[0],
        s[1],
        s[2],
        s[3].parse::<f64>().unwrap() / 1024.0
    );
    failed |= s[1].parse::<f64>().unwrap() >= 20.0;
    assert!(!failed, "a goal was missed");
}
