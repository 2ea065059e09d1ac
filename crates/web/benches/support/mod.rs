//! What the benchmarks share: a keep-alive HTTP/1.1 client, a fresh
//! database on either backend, servers on loopback, and medians.

#![allow(dead_code)]

use rapport_store::{Db, Location};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

pub const PG_ENV: &str = "RAPPORT_TEST_DATABASE_URL";

/// One answer: status, headers (lower-cased names) and body.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A kept-alive connection, as a browser or a calendar app keeps one.
pub struct Client {
    address: SocketAddr,
    stream: BufReader<TcpStream>,
    pub extra_headers: String,
}

impl Client {
    pub async fn connect(address: SocketAddr) -> Client {
        let stream = TcpStream::connect(address).await.expect("connect");
        stream.set_nodelay(true).expect("nodelay");
        Client {
            address,
            stream: BufReader::new(stream),
            extra_headers: String::new(),
        }
    }

    pub async fn get(&mut self, path: &str) -> Reply {
        self.get_with(path, "").await
    }

    pub async fn get_with(&mut self, path: &str, headers: &str) -> Reply {
        let raw = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\n{}{headers}\r\n",
            self.address, self.extra_headers
        );
        self.send(raw.as_bytes()).await
    }

    pub async fn post_form(&mut self, path: &str, body: &str) -> Reply {
        let raw = format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nSec-Fetch-Site: same-origin\r\n{}\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            self.address,
            self.extra_headers,
            body.len()
        );
        self.send(raw.as_bytes()).await
    }

    async fn send(&mut self, raw: &[u8]) -> Reply {
        self.stream.get_mut().write_all(raw).await.expect("write");
        let mut line = String::new();
        self.stream.read_line(&mut line).await.expect("status line");
        let status = line.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
        let mut headers = Vec::new();
        loop {
            line.clear();
            self.stream.read_line(&mut line).await.expect("header");
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((n, v)) = l.split_once(':') {
                headers.push((n.trim().to_ascii_lowercase(), v.trim().to_owned()));
            }
        }
        let find = |n: &str| headers.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
        let mut body = Vec::new();
        if let Some(length) = find("content-length") {
            body.resize(length.parse().unwrap_or(0), 0);
            self.stream.read_exact(&mut body).await.expect("body");
        } else if find("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
            loop {
                line.clear();
                self.stream.read_line(&mut line).await.expect("chunk size");
                let size = usize::from_str_radix(line.trim(), 16).unwrap_or(0);
                let mut chunk = vec![0; size + 2];
                self.stream.read_exact(&mut chunk).await.expect("chunk");
                if size == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..size]);
            }
        }
        Reply {
            status,
            headers,
            body,
        }
    }
}

/// A database that goes away with it: a SQLite file in a temporary folder,
/// or a schema of its own on PostgreSQL.
pub struct BenchDb {
    pub db: Db,
    pub location: Location,
    schema: Option<(String, String)>,
    _dir: Option<tempfile::TempDir>,
}

impl BenchDb {
    pub async fn sqlite() -> BenchDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let location = Location::Sqlite(dir.path().join("bench.db"));
        BenchDb {
            db: Db::open(&location).await.expect("open"),
            location,
            schema: None,
            _dir: Some(dir),
        }
    }

    /// `None` when PostgreSQL is not configured.
    pub async fn postgres() -> Option<BenchDb> {
        use sqlx::Connection;
        let url = std::env::var(PG_ENV)
            .ok()
            .filter(|u| !u.trim().is_empty())?;
        let schema = format!("bench_{}", rapport_store::ids::new_id().replace('-', ""));
        let mut conn = sqlx::PgConnection::connect(&url).await.expect("postgres");
        sqlx::query(&format!("CREATE SCHEMA {schema}"))
            .execute(&mut conn)
            .await
            .expect("schema");
        conn.close().await.expect("close");
        let sep = if url.contains('?') { '&' } else { '?' };
        let location = Location::Postgres(format!("{url}{sep}options=-csearch_path%3D{schema}"));
        Some(BenchDb {
            db: Db::open(&location).await.expect("open"),
            location,
            schema: Some((url, schema)),
            _dir: None,
        })
    }

    pub async fn finish(self) {
        use sqlx::Connection;
        self.db.close().await;
        if let Some((url, schema)) = self.schema {
            let mut conn = sqlx::PgConnection::connect(&url).await.expect("postgres");
            sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
                .execute(&mut conn)
                .await
                .expect("drop schema");
        }
    }
}

/// Serves `state` on a loopback port until the process ends.
pub async fn spawn(state: rapport_web::AppState) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(rapport_web::serve(listener, state, std::future::pending()));
    address
}

/// The ceiling: a handler that answers "Hello, world!", served the same way.
pub async fn spawn_hello() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    let router = axum::Router::new().route("/", axum::routing::get(|| async { "Hello, world!" }));
    tokio::spawn(rapport_web::serve_router(
        listener,
        router,
        std::future::pending(),
    ));
    address
}

pub fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Percentile `p` (0–100) of `v`.
pub fn percentile(mut v: Vec<f64>, p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let i = ((p / 100.0) * (v.len() - 1) as f64).round() as usize;
    v[i.min(v.len() - 1)]
}

/// One round on one connection: at least `min` requests, then more until
/// `budget` has passed or `max` were sent. Returns req/s and each latency (ms).
pub async fn round(
    client: &mut Client,
    path: &str,
    headers: &str,
    expect: u16,
    budget: Duration,
) -> (f64, Vec<f64>) {
    const MIN: usize = 5;
    const MAX: usize = 400;
    let started = Instant::now();
    let mut latencies = Vec::new();
    while latencies.len() < MIN || (latencies.len() < MAX && started.elapsed() < budget) {
        let t = Instant::now();
        let reply = client.get_with(path, headers).await;
        assert_eq!(
            reply.status,
            expect,
            "{path}: {}",
            String::from_utf8_lossy(&reply.body)
        );
        latencies.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    (
        latencies.len() as f64 / started.elapsed().as_secs_f64(),
        latencies,
    )
}
