//! A writer killed with SIGKILL mid-way loses no acknowledged write and leaves
//! a sound database. The child is this same test binary, run with `--ignored`
//! on the `child` test below.

use rapport_core::people::PersonForm;
use rapport_store::{Db, Location, accounts, people};
use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

const CHILD_DB: &str = "RAPPORT_CRASH_CHILD_DB";
const ROWS: usize = 10_000;
const KILL_AFTER: usize = 1_500;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "the child process of kill_mid_write; run by it"]
async fn child() {
    let path = std::env::var(CHILD_DB).expect("run by kill_mid_write");
    let db = Db::open(&Location::Sqlite(path.into())).await.unwrap();
    let account = accounts::local(&db, crate::common::now()).await.unwrap();
    for i in 0..ROWS {
        let form = PersonForm {
            name: format!("Crash {i:05}"),
            ..PersonForm::default()
        };
        let p = people::create(
            &db,
            &account,
            &form.validate().unwrap(),
            crate::common::now(),
        )
        .await
        .unwrap();
        // Written and flushed only after the commit returned: each line is an
        // acknowledged write, and none waits in a buffer when the kill comes.
        let mut out = std::io::stdout().lock();
        writeln!(out, "COMMITTED {}", p.id).unwrap();
        out.flush().unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_mid_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "crash::child",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DB, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut committed: Vec<String> = Vec::new();
    while committed.len() < KILL_AFTER {
        match lines.next() {
            Some(line) => {
                if let Some(id) = line.unwrap().strip_prefix("COMMITTED ") {
                    committed.push(id.to_owned());
                }
            }
            None => panic!("the child stopped after {} rows", committed.len()),
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    // Lines already in the pipe were acknowledged before the kill.
    for line in lines {
        if let Some(id) = line.unwrap().strip_prefix("COMMITTED ") {
            committed.push(id.to_owned());
        }
    }
    assert!(
        committed.len() < ROWS,
        "the child finished before it was killed"
    );

    let db = Db::open(&Location::Sqlite(path)).await.unwrap();
    let Db::Sqlite(pool) = &db else {
        unreachable!()
    };
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(check, "ok");
    let stored: HashSet<String> = sqlx::query_scalar("SELECT id FROM people")
        .fetch_all(pool)
        .await
        .unwrap()
        .into_iter()
        .collect();
    let lost: Vec<&String> = committed
        .iter()
        .filter(|id| !stored.contains(*id))
        .collect();
    assert!(
        lost.is_empty(),
        "{} acknowledged rows lost, e.g. {:?}",
        lost.len(),
        lost.first()
    );
    // Rows may be stored whose acknowledgement never reached us (committed,
    // then killed before the line was written and read); never many.
    assert!(
        stored.len() <= committed.len() + 10,
        "{} stored, {} acknowledged",
        stored.len(),
        committed.len()
    );
    db.close().await;
}
