//! `RAPPORT_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test cargo bench -p rapport-web --bench load`:
//! server mode under load, as a career center would run it.
//!
//! Two app servers share one PostgreSQL database, each with its own pool, as
//! two processes behind a proxy would. 200 students, each with the sample
//! network in their workbench and signed in, use rapport at the same time,
//! half on each server, every one on its own kept-alive connection and
//! without pause between requests: four reads in five (`/`, `/people`, one
//! of their own `/people/{id}`, `/interviews`) and one write in five (a new
//! person through the form). The run lasts `RAPPORT_LOAD_SECONDS` (60 by
//! default) or 2,000,000 requests, whichever ends first.
//!
//! Measured: requests per second; p50/p95/p99/max latency of reads, of
//! writes and of both; errors (an I/O failure, a read that is not `200`, a
//! write that is not `303` to the new person); and afterwards, whether every
//! write the server acknowledged is in the database, in its student's
//! account. The goals are no errors, no lost writes and p99 under 100 ms;
//! a lost write is a correctness failure, so it also makes the process exit
//! with status 1. The load comes from the same machine as the servers and
//! the database, so the numbers are a floor, not a ceiling.
//!
//! Without `RAPPORT_TEST_DATABASE_URL` the load test is skipped. Prints
//! Markdown for docs/benchmarks.md.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use chrono::{DateTime, Utc};
use rapport_core::clock::{Clock, SystemClock};
use rapport_core::validated::TimeZone;
use rapport_store::accounts::{AccountId, Kind};
use rapport_store::{Db, StoreError, accounts, backup, demo, people, sessions};
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use support::{BenchDb, Client, Reply, percentile};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const STUDENTS: usize = 200;
const SERVERS: usize = 2;
const DEFAULT_SECONDS: u64 = 60;
/// A ceiling on the whole run, so it ends by itself whatever the duration.
const MAX_REQUESTS: u64 = 2_000_000;
/// An answer slower than this counts as an I/O failure, so one stuck
/// request cannot keep the run from ending.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
const P99_GOAL_MS: f64 = 100.0;
/// Accounts filled at once while setting up (each restore is a transaction).
const SETUP_AT_ONCE: usize = 8;
/// Tasks checking the acknowledged writes at once.
const CHECKERS: usize = 8;
/// Error descriptions kept per student, and printed in all.
const SAMPLES: usize = 10;

/// One step of a student's round.
#[derive(Clone, Copy)]
enum Step {
    Page(&'static str),
    /// One of the student's own people, a different one each time.
    Person,
    /// A new person through the form.
    Add,
}

/// Eight reads and two writes, the writes apart as a person's would be.
const MIX: [Step; 10] = [
    Step::Page("/"),
    Step::Page("/people"),
    Step::Person,
    Step::Add,
    Step::Page("/interviews"),
    Step::Page("/"),
    Step::Page("/people"),
    Step::Person,
    Step::Page("/interviews"),
    Step::Add,
];

/// A write the server acknowledged: it must be found afterwards.
#[derive(Clone)]
struct Ack {
    account: AccountId,
    id: String,
    name: String,
}

/// What one student (or, merged, all of them) saw.
#[derive(Default)]
struct Tally {
    /// Latency of every read, answered or not (ms).
    reads: Vec<f64>,
    /// Latency of every write, answered or not (ms).
    writes: Vec<f64>,
    io_failures: usize,
    bad_reads: usize,
    bad_writes: usize,
    acknowledged: Vec<Ack>,
    samples: Vec<String>,
}

impl Tally {
    fn note(&mut self, what: String) {
        if self.samples.len() < SAMPLES {
            self.samples.push(what);
        }
    }

    fn errors(&self) -> usize {
        self.io_failures + self.bad_reads + self.bad_writes
    }

    fn absorb(&mut self, other: Tally) {
        self.reads.extend(other.reads);
        self.writes.extend(other.writes);
        self.io_failures += other.io_failures;
        self.bad_reads += other.bad_reads;
        self.bad_writes += other.bad_writes;
        self.acknowledged.extend(other.acknowledged);
        for s in other.samples {
            self.note(s);
        }
    }
}

/// A kept-alive connection that outlives a failure: [`support::Client`]
/// panics on one, which would end a student's task and hide the rest of the
/// run. Here a failed exchange drops the socket and the next request dials
/// again, so one failure costs one counted error and one reconnection.
struct Connection {
    address: SocketAddr,
    stream: Option<BufReader<TcpStream>>,
    /// `Cookie: …\r\n`, sent with every request.
    cookie: String,
}

impl Connection {
    async fn open(address: SocketAddr, cookie: String) -> Connection {
        Connection {
            address,
            stream: Some(dial(address).await.expect("connect")),
            cookie,
        }
    }

    async fn get(&mut self, path: &str) -> io::Result<Reply> {
        let raw = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\n{}\r\n",
            self.address, self.cookie
        );
        self.send(raw).await
    }

    async fn post_form(&mut self, path: &str, body: &str) -> io::Result<Reply> {
        let raw = format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nSec-Fetch-Site: same-origin\r\n{}\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            self.address,
            self.cookie,
            body.len()
        );
        self.send(raw).await
    }

    async fn send(&mut self, raw: String) -> io::Result<Reply> {
        // Taken out and put back only after a whole answer: a failure or a
        // timeout leaves no half-read socket behind.
        let kept = self.stream.take();
        let address = self.address;
        let attempt = async move {
            let mut stream = match kept {
                Some(stream) => stream,
                None => dial(address).await?,
            };
            let reply = exchange(&mut stream, raw.as_bytes()).await?;
            Ok::<_, io::Error>((stream, reply))
        };
        let (stream, reply) = tokio::time::timeout(REQUEST_TIMEOUT, attempt)
            .await
            .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "no answer in time"))??;
        let closing = reply
            .header("connection")
            .is_some_and(|v| v.eq_ignore_ascii_case("close"));
        if !closing {
            self.stream = Some(stream);
        }
        Ok(reply)
    }
}

async fn dial(address: SocketAddr) -> io::Result<BufReader<TcpStream>> {
    let stream = TcpStream::connect(address).await?;
    stream.set_nodelay(true)?;
    Ok(BufReader::new(stream))
}

fn closed() -> io::Error {
    io::Error::new(
        io::ErrorKind::UnexpectedEof,
        "the server closed the connection",
    )
}

/// One request and its whole answer, as [`support::Client`] reads it, but
/// with every failure returned instead of panicking.
async fn exchange(stream: &mut BufReader<TcpStream>, raw: &[u8]) -> io::Result<Reply> {
    stream.get_mut().write_all(raw).await?;
    let mut line = String::new();
    if stream.read_line(&mut line).await? == 0 {
        return Err(closed());
    }
    let status = line.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut headers = Vec::new();
    loop {
        line.clear();
        if stream.read_line(&mut line).await? == 0 {
            return Err(closed());
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((n, v)) = l.split_once(':') {
            headers.push((n.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    let find = |n: &str| headers.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
    let invalid = |what: &str| io::Error::new(io::ErrorKind::InvalidData, what.to_owned());
    let mut body = Vec::new();
    if let Some(length) = find("content-length") {
        let length: usize = length.parse().map_err(|_| invalid("bad content-length"))?;
        body.resize(length, 0);
        stream.read_exact(&mut body).await?;
    } else if find("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        loop {
            line.clear();
            if stream.read_line(&mut line).await? == 0 {
                return Err(closed());
            }
            let size =
                usize::from_str_radix(line.trim(), 16).map_err(|_| invalid("bad chunk size"))?;
            let mut chunk = vec![0; size + 2];
            stream.read_exact(&mut chunk).await?;
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    }
    Ok(Reply {
        status,
        headers,
        body,
    })
}

/// A signed-in student, ready to run.
struct Student {
    number: usize,
    account: AccountId,
    /// Ids of people in the student's own workbench.
    people: Vec<String>,
    /// The session's form token.
    csrf: String,
    connection: Connection,
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let lost = runtime.block_on(load());
    if lost > 0 {
        // Acknowledged and then missing: a correctness failure, not a slow run.
        std::process::exit(1);
    }
}

/// Runs the whole test; returns the number of lost writes.
async fn load() -> usize {
    let Some(b) = BenchDb::postgres().await else {
        println!("Load test: skipped ({} is not set)", support::PG_ENV);
        return 0;
    };
    let seconds = std::env::var("RAPPORT_LOAD_SECONDS")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .filter(|&s| s > 0)
        .unwrap_or(DEFAULT_SECONDS);
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let zone = TimeZone::parse("America/Los_Angeles").unwrap();
    let now = clock.now();

    // Two servers as two processes: the same database, a pool each.
    let second = Db::open(&b.location).await.expect("second pool");
    let settings = || rapport_web::Server {
        sign_up: rapport_web::SignUp::Invitation,
        trusted_proxy: None,
    };
    let servers = [
        support::spawn(rapport_web::AppState::server(
            b.db.clone(),
            settings(),
            zone,
            clock.clone(),
        ))
        .await,
        support::spawn(rapport_web::AppState::server(
            second.clone(),
            settings(),
            zone,
            clock.clone(),
        ))
        .await,
    ];

    let setup = Instant::now();
    let students = sign_in(&b.db, &servers, zone, now).await;
    eprintln!(
        "{STUDENTS} students set up and signed in in {:.1} s; running for {seconds} s",
        setup.elapsed().as_secs_f64()
    );

    let sent = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let running: Vec<_> = students
        .into_iter()
        .map(|s| tokio::spawn(run(s, Arc::clone(&sent), deadline)))
        .collect();
    let mut all = Tally::default();
    for r in running {
        all.absorb(r.await.expect("a student's task"));
    }
    let elapsed = started.elapsed().as_secs_f64();

    let lost = lost_writes(&b.db, &all.acknowledged).await;
    report(&all, seconds, elapsed, lost.len());
    for s in &all.samples {
        eprintln!("error: {s}");
    }
    for l in lost.iter().take(SAMPLES) {
        eprintln!("lost: {l}");
    }
    second.close().await;
    b.finish().await;
    lost.len()
}

fn email(number: usize) -> String {
    format!("student{number:03}@load.example.org")
}

/// Creates the students, gives each the sample network and signs each in
/// on its server (even numbers on the first, odd on the second).
async fn sign_in(
    db: &Db,
    servers: &[SocketAddr],
    zone: TimeZone,
    now: DateTime<Utc>,
) -> Vec<Student> {
    // The sample is built once; every other workbench is a restore of it,
    // which gives its rows new ids since the first account holds the old.
    let first = accounts::create(db, Kind::Student, &email(0), None, now)
        .await
        .unwrap();
    demo::load(db, &first, zone, now).await.unwrap();
    let sample = Arc::new(backup::export(db, &first, now).await.unwrap());
    let gate = Arc::new(tokio::sync::Semaphore::new(SETUP_AT_ONCE));
    let filling: Vec<_> = (1..STUDENTS)
        .map(|number| {
            let (db, sample, gate) = (db.clone(), Arc::clone(&sample), Arc::clone(&gate));
            tokio::spawn(async move {
                let _turn = gate.acquire_owned().await.unwrap();
                let account = accounts::create(&db, Kind::Student, &email(number), None, now)
                    .await
                    .unwrap();
                backup::restore(&db, &account, &sample).await.unwrap();
                account
            })
        })
        .collect();
    let mut all = vec![first];
    for f in filling {
        all.push(f.await.unwrap());
    }
    // As the database will be once autovacuum has seen the load.
    db.analyze_now().await.unwrap();

    let mut students = Vec::with_capacity(STUDENTS);
    for (number, account) in all.into_iter().enumerate() {
        let own: Vec<String> = people::list(db, &account, &people::Filter::default())
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect();
        assert!(!own.is_empty(), "student {number} has no people");
        // A session as signing in makes one, without Argon2 for each of 200.
        let session = sessions::start(db, &account, "load test", now)
            .await
            .unwrap();
        let cookie = format!(
            "Cookie: {}={}\r\n",
            rapport_web::session::PLAIN_NAME,
            session.token
        );
        let server = servers[number % servers.len()];
        // Read the form's token from the form, as a browser would; it also
        // proves the cookie signs the student in on this server.
        let mut browser = Client::connect(server).await;
        browser.extra_headers = cookie.clone();
        let form = browser.get("/people/new").await;
        assert_eq!(form.status, 200, "student {number}: /people/new");
        let page = String::from_utf8_lossy(&form.body);
        let csrf = hidden_token(&page)
            .expect("the form carries its token")
            .to_owned();
        assert_eq!(csrf, session.csrf, "student {number}: the form's token");
        students.push(Student {
            number,
            account,
            people: own,
            csrf,
            connection: Connection::open(server, cookie).await,
        });
    }
    students
}

/// The value of the hidden token input that csrf.rs puts into POST forms.
fn hidden_token(page: &str) -> Option<&str> {
    let mark = format!(r#"name="{}" value=""#, rapport_web::csrf::FIELD);
    let start = page.find(&mark)? + mark.len();
    let length = page[start..].find('"')?;
    Some(&page[start..start + length])
}

/// `application/x-www-form-urlencoded` text of one value.
fn form_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                out.push(char::from(b));
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// One student until the deadline or the shared request ceiling.
async fn run(mut student: Student, sent: Arc<AtomicU64>, deadline: Instant) -> Tally {
    let mut tally = Tally::default();
    // Each starts at another point of the round, so the 200 do not ask for
    // the same page at the same moment.
    let mut step = student.number;
    let (mut visited, mut added) = (0usize, 0usize);
    while Instant::now() < deadline && sent.fetch_add(1, Ordering::Relaxed) < MAX_REQUESTS {
        match MIX[step % MIX.len()] {
            Step::Page(path) => read(&mut student.connection, path, &mut tally).await,
            Step::Person => {
                let path = format!("/people/{}", student.people[visited % student.people.len()]);
                visited += 1;
                read(&mut student.connection, &path, &mut tally).await;
            }
            Step::Add => {
                added += 1;
                // Unique across the run: the check afterwards compares names.
                let name = format!("Load {:03} {added}", student.number);
                add(&mut student, name, &mut tally).await;
            }
        }
        step += 1;
    }
    tally
}

async fn read(connection: &mut Connection, path: &str, tally: &mut Tally) {
    let timer = Instant::now();
    let outcome = connection.get(path).await;
    tally.reads.push(ms(timer));
    match outcome {
        Ok(reply) if reply.status == 200 => {}
        Ok(reply) => {
            tally.bad_reads += 1;
            tally.note(format!("GET {path}: {}", reply.status));
        }
        Err(e) => {
            tally.io_failures += 1;
            tally.note(format!("GET {path}: {e}"));
        }
    }
}

/// The id in `location: /people/{id}`, the answer to a saved person.
fn created(reply: &Reply) -> Option<String> {
    reply
        .header("location")?
        .strip_prefix("/people/")
        .filter(|id| !id.is_empty() && !id.contains(['/', '?']))
        .map(str::to_owned)
}

async fn add(student: &mut Student, name: String, tally: &mut Tally) {
    // Every field of the form as a browser sends it (unticked boxes are
    // absent), the token first where csrf.rs puts it.
    let body = format!(
        "{}={}&name={}&organization_id=&new_organization=&title=Analyst&source=other\
         &referred_by_id=&emails=&phones=&links=&tags=&cadence_days=&connected_on=&notes=",
        rapport_web::csrf::FIELD,
        form_value(&student.csrf),
        form_value(&name)
    );
    let timer = Instant::now();
    let outcome = student.connection.post_form("/people", &body).await;
    tally.writes.push(ms(timer));
    match outcome {
        Ok(reply) => match (reply.status, created(&reply)) {
            (303, Some(id)) => tally.acknowledged.push(Ack {
                account: student.account.clone(),
                id,
                name,
            }),
            (status, _) => {
                tally.bad_writes += 1;
                tally.note(format!(
                    "POST /people: {status}, location {:?}",
                    reply.header("location")
                ));
            }
        },
        Err(e) => {
            tally.io_failures += 1;
            tally.note(format!("POST /people: {e}"));
        }
    }
}

/// Every acknowledged write that is not in its student's account under the
/// name it was sent with, described. `people::show` reads within the
/// account, so a person found there belongs to it.
async fn lost_writes(db: &Db, acknowledged: &[Ack]) -> Vec<String> {
    let per = acknowledged.len().div_ceil(CHECKERS).max(1);
    let checking: Vec<_> = acknowledged
        .chunks(per)
        .map(|chunk| {
            let (db, chunk) = (db.clone(), chunk.to_vec());
            tokio::spawn(async move {
                let mut lost = Vec::new();
                for ack in chunk {
                    match people::show(&db, &ack.account, &ack.id).await {
                        Ok(person) if person.name == ack.name => {}
                        Ok(person) => lost.push(format!(
                            "{} in {}: holds \"{}\", not \"{}\"",
                            ack.id,
                            ack.account.as_str(),
                            person.name,
                            ack.name
                        )),
                        Err(StoreError::NotFound { .. }) => lost.push(format!(
                            "{} (\"{}\") in {}: not found",
                            ack.id,
                            ack.name,
                            ack.account.as_str()
                        )),
                        // Not knowing is not losing: stop rather than guess.
                        Err(e) => panic!("could not check person {}: {e}", ack.id),
                    }
                }
                lost
            })
        })
        .collect();
    let mut lost = Vec::new();
    for c in checking {
        lost.extend(c.await.expect("a checking task"));
    }
    lost
}

fn latency_row(label: &str, v: &[f64]) {
    let max = v.iter().copied().fold(f64::NAN, f64::max);
    println!(
        "| {label} | {} | {:.1} | {:.1} | {:.1} | {max:.1} |",
        v.len(),
        percentile(v.to_vec(), 50.0),
        percentile(v.to_vec(), 95.0),
        percentile(v.to_vec(), 99.0),
    );
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "**missed**" }
}

fn report(all: &Tally, seconds: u64, elapsed: f64, lost: usize) {
    let requests = all.reads.len() + all.writes.len();
    let together: Vec<f64> = all.reads.iter().chain(&all.writes).copied().collect();
    println!("## Load: {STUDENTS} students on {SERVERS} app servers, one PostgreSQL");
    println!();
    println!("| students | servers | seconds | requests | req/s |");
    println!("| ---: | ---: | ---: | ---: | ---: |");
    println!(
        "| {STUDENTS} | {SERVERS} | {elapsed:.1} | {requests} | {:.0} |",
        requests as f64 / elapsed
    );
    println!();
    println!("| requests | count | p50 ms | p95 ms | p99 ms | max ms |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    latency_row("reads", &all.reads);
    latency_row("writes (`POST /people`)", &all.writes);
    latency_row("all", &together);
    println!();

    let errors = all.errors();
    let acknowledged = all.acknowledged.len();
    let read_p99 = percentile(all.reads.clone(), 99.0);
    let write_p99 = percentile(all.writes.clone(), 99.0);
    // NaN (nothing measured) compares false: no measurement is no goal met.
    let fast = read_p99 < P99_GOAL_MS && write_p99 < P99_GOAL_MS;
    println!("| goal | measured | |");
    println!("| --- | --- | --- |");
    println!(
        "| no errors | {errors} (I/O {}, read not 200 {}, write not 303 {}) | {} |",
        all.io_failures,
        all.bad_reads,
        all.bad_writes,
        verdict(errors == 0)
    );
    println!(
        "| no lost writes | {lost} lost of {acknowledged} acknowledged | {} |",
        verdict(lost == 0)
    );
    println!(
        "| p99 under {P99_GOAL_MS:.0} ms | reads {read_p99:.1} ms, writes {write_p99:.1} ms | {} |",
        verdict(fast)
    );
    println!();
    let missed: Vec<&str> = [
        (errors == 0, "no errors"),
        (lost == 0, "no lost writes"),
        (fast, "p99 under 100 ms"),
    ]
    .into_iter()
    .filter(|(met, _)| !met)
    .map(|(_, goal)| goal)
    .collect();
    if missed.is_empty() {
        println!("All goals met.");
    } else {
        println!("Goals missed: {}.", missed.join(", "));
    }
    println!();
    println!(
        "Each student on its own kept-alive connection, without pause: 4 reads in 5 \
         (`/`, `/people`, `/people/{{id}}`, `/interviews`), 1 write in 5 (a new person). \
         Run for {seconds} s or {MAX_REQUESTS} requests, whichever came first; \
         load, servers and database on the same machine."
    );
}
