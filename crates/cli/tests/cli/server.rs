//! Server mode from the command line: `rapport admin`, and two `rapport
//! serve` processes on one PostgreSQL database sharing sessions, with their
//! trace-level logs searched for secrets and private text afterwards.

use super::{Sandbox, rapport, with_postgres};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

const PASSWORD: &str = "lantern orchard 1987 brook";

#[test]
fn admin_makes_accounts_prints_links_and_refuses_mistakes() {
    let s = Sandbox::sqlite();
    let made = s
        .run(&[
            "admin",
            "create-account",
            "--kind",
            "counselor",
            "Carol@Example.org",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(made["email"], "carol@example.org");
    assert_eq!(made["kind"], "counselor");
    let link = made["set_password_link"].as_str().unwrap();
    assert!(
        link.starts_with("http://127.0.0.1:7878/set-password?token="),
        "{link}"
    );
    let again = s.run(&[
        "admin",
        "create-account",
        "--kind",
        "admin",
        "carol@example.org",
    ]);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("already has an account"),
        "{}",
        again.stderr
    );
    let bad = s.run(&[
        "admin",
        "create-account",
        "--kind",
        "wizard",
        "x@example.org",
    ]);
    assert_eq!(bad.code, 2, "a kind clap does not know is a usage error");
    let bad = s.run(&["admin", "invite", "not-an-email"]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("email"), "{}", bad.stderr);
    let invited = s
        .run(&[
            "admin",
            "--url",
            "https://careers.example.edu/",
            "invite",
            "stu@example.edu",
            "--json",
        ])
        .ok()
        .json();
    assert!(
        invited["invite_link"]
            .as_str()
            .unwrap()
            .starts_with("https://careers.example.edu/sign-up?invite="),
        "{invited}"
    );
    let list = s.run(&["admin", "list", "--json"]).ok().json();
    let kinds: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["counselor"],
        "an invitation is not an account until used"
    );
    assert!(list.to_string().contains("\"has_password\":false"));
    let text = s.run(&["admin", "list"]).ok().stdout;
    assert!(
        text.contains("carol@example.org") && text.contains("not set"),
        "{text}"
    );
    let reset = s
        .run(&["admin", "reset-password", "CAROL@example.org"])
        .ok()
        .stdout;
    assert!(reset.contains("/set-password?token="), "{reset}");
    let missing = s.run(&["admin", "reset-password", "nobody@example.org"]);
    assert_eq!(missing.code, 1);
    assert!(missing.stderr.contains("no account"), "{}", missing.stderr);
    let ended = s
        .run(&["admin", "end-sessions", "carol@example.org", "--json"])
        .ok()
        .json();
    assert_eq!(ended["ended"], 0);
}

#[test]
fn serve_refuses_server_settings_without_server_mode() {
    let s = Sandbox::sqlite();
    let r = s.run(&[
        "serve",
        "--trusted-proxy",
        "127.0.0.1",
        "--bind",
        "127.0.0.1:0",
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("--accounts"), "{}", r.stderr);
}

pub(super) struct Reply {
    pub(super) status: u16,
    pub(super) head: String,
    pub(super) body: String,
}

impl Reply {
    fn header(&self, name: &str) -> String {
        self.head
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
            })
            .unwrap_or_default()
    }
}

fn http(port: u16, method: &str, path: &str, cookie: &str, body: &str) -> Reply {
    let cookie = if cookie.is_empty() {
        String::new()
    } else {
        format!("Cookie: {cookie}\r\n")
    };
    exchange(
        port,
        method,
        path,
        &cookie,
        "application/x-www-form-urlencoded",
        body,
    )
}

/// One request on a fresh connection; `headers` are whole lines, each
/// ending in CRLF. A body is sent for every method but GET.
pub(super) fn exchange(
    port: u16,
    method: &str,
    path: &str,
    headers: &str,
    content_type: &str,
    body: &str,
) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nSec-Fetch-Site: same-origin\r\n{headers}"
    );
    if method != "GET" {
        request.push_str(&format!(
            "Content-Type: {content_type}\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    Reply {
        status: head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0),
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub(super) fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub(super) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `rapport serve --accounts` on `port`, logging at trace level to a pipe.
fn serve(s: &Sandbox, port: u16) -> Child {
    serve_with(s, port, &["--accounts"])
}

/// `rapport serve` with `extra` options on `port`, logging at trace level
/// to a pipe, once it answers.
pub(super) fn serve_with(s: &Sandbox, port: u16, extra: &[&str]) -> Child {
    let bind = format!("127.0.0.1:{port}");
    let mut args = vec!["--db", s.db.as_str(), "serve", "--bind", bind.as_str()];
    args.extend_from_slice(extra);
    let child = rapport(s.dir.path())
        .args(&args)
        .env("RAPPORT_LOG", "trace")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "serve on {port} did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    child
}

pub(super) fn stop(mut child: Child) -> String {
    let _ = child.kill();
    let mut log = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = err.read_to_string(&mut log);
    }
    let _ = child.wait();
    log
}

fn token_in(page: &str) -> String {
    let at = page.find("name=\"csrf\" value=\"").expect("a form token") + 19;
    page[at..at + 32].to_owned()
}

#[test]
fn two_servers_on_one_postgresql_share_sessions_and_log_no_secrets() {
    with_postgres("two_servers", |s| {
        let invited = s
            .run(&["admin", "invite", "stu@example.edu", "--json"])
            .ok()
            .json();
        let link = invited["invite_link"].as_str().unwrap().to_owned();
        let invite = link.rsplit('=').next().unwrap().to_owned();
        let (one, two) = (free_port(), free_port());
        let first = serve(s, one);
        let second = serve(s, two);
        // Sign up (and so sign in) through the first.
        let r = http(
            one,
            "POST",
            "/sign-up",
            "",
            &form(&[
                ("invite", &invite),
                ("password", PASSWORD),
                ("confirm", PASSWORD),
            ]),
        );
        assert_eq!(r.status, 303, "{}", r.body);
        let cookie = r.header("set-cookie").split(';').next().unwrap().to_owned();
        let session_token = cookie.split_once('=').unwrap().1.to_owned();
        // Use it through the second: add a person with a private note.
        let page = http(two, "GET", "/people/new", &cookie, "");
        assert_eq!(page.status, 200);
        let csrf = token_in(&page.body);
        let note = "PRIVATE-NOTE-about-the-hiring-freeze";
        let r = http(
            two,
            "POST",
            "/people",
            &cookie,
            &form(&[("name", "Pat Example"), ("notes", note), ("csrf", &csrf)]),
        );
        assert_eq!(r.status, 303, "{}", r.body);
        assert_eq!(http(one, "GET", "/people", &cookie, "").status, 200);
        // A wrong password, to be sure it is not logged either.
        let wrong = "wrong-password-never-logged";
        let r = http(
            one,
            "POST",
            "/sign-in",
            "",
            &form(&[("email", "stu@example.edu"), ("password", wrong)]),
        );
        assert_eq!(r.status, 422);
        // Sign out through the second; the first refuses the cookie.
        let r = http(two, "POST", "/sign-out", &cookie, &form(&[("csrf", &csrf)]));
        assert_eq!(r.status, 303);
        let r = http(one, "GET", "/", &cookie, "");
        assert_eq!((r.status, r.header("location").as_str()), (303, "/sign-in"));
        let logs = format!("{}\n{}", stop(first), stop(second));
        assert!(
            logs.contains("/sign-up") || logs.contains("request"),
            "the logs were captured: {logs:.300}"
        );
        for secret in [PASSWORD, wrong, &session_token, &csrf, &invite, note] {
            assert!(!logs.contains(secret), "the logs hold {secret:?}");
        }
    });
}
