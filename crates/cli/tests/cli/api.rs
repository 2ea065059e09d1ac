//! The JSON API end to end, against `rapport serve` on loopback: the same
//! invalid person refused with the same fields by the web form, the API and
//! `rapport person add`; tokens made with `rapport token`, a read-only one
//! refused a write, a revoked one refused at once.

use super::Sandbox;
use super::server::{exchange, form, free_port, serve_with, stop};
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Child;

/// `rapport serve` in local mode on `port`.
fn serve_local(s: &Sandbox, port: u16) -> Child {
    serve_with(s, port, &[])
}

fn bearer(secret: &str) -> String {
    format!("Authorization: Bearer {secret}\r\n")
}

/// The fields a form page marks wrong (`id="f-NAME-error"`).
fn form_fields(page: &str) -> BTreeSet<String> {
    page.split("id=\"f-")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(id, _)| id))
        .filter_map(|id| id.strip_suffix("-error"))
        .map(str::to_owned)
        .collect()
}

fn people_count(s: &Sandbox) -> usize {
    s.run(&["person", "list", "--json"])
        .ok()
        .json()
        .as_array()
        .map_or(0, Vec::len)
}

#[test]
fn one_invalid_person_is_refused_alike_by_the_form_the_api_and_the_command_line() {
    let s = Sandbox::sqlite();
    let made = s
        .run(&["token", "create", "a script", "--json"])
        .ok()
        .json();
    let secret = made["secret"].as_str().unwrap().to_owned();
    let port = free_port();
    let server = serve_local(&s, port);

    let api = exchange(
        port,
        "POST",
        "/api/v1/people",
        &bearer(&secret),
        "application/json",
        r#"{"name": "", "emails": ["not an email"]}"#,
    );
    let page = exchange(
        port,
        "POST",
        "/people",
        "",
        "application/x-www-form-urlencoded",
        &form(&[("name", ""), ("emails", "not an email")]),
    );
    let log = stop(server);
    assert_eq!(api.status, 422, "{}\n{log}", api.body);
    assert!(
        api.head
            .to_ascii_lowercase()
            .contains("application/problem+json")
    );
    let problem: Value = serde_json::from_str(&api.body).unwrap();
    let from_api: BTreeSet<String> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(page.status, 422);
    let from_form = form_fields(&page.body);
    let cli = s.run(&["person", "add", "", "--email", "not an email"]);
    assert_eq!(cli.code, 1);
    let line = cli
        .stderr
        .trim()
        .strip_prefix("error: ")
        .unwrap_or_default();
    let from_cli: BTreeSet<String> = line
        .split("; ")
        .filter_map(|part| part.split_once(':').map(|(f, _)| f.to_owned()))
        .collect();
    assert_eq!(from_api.len(), 2, "the name and the email: {}", api.body);
    assert!(from_api.contains("name"));
    assert_eq!(from_form, from_api, "the form names the same fields");
    assert_eq!(from_cli, from_api, "{}", cli.stderr);
    assert_eq!(people_count(&s), 0, "nothing was stored");
}

#[test]
fn a_read_only_token_cannot_write_and_a_revoked_one_is_refused_at_once() {
    let s = Sandbox::sqlite();
    let writer = s.run(&["token", "create", "writer", "--json"]).ok().json();
    let reader = s
        .run(&["token", "create", "reader", "--read-only", "--json"])
        .ok()
        .json();
    let (writer_secret, reader_secret) = (
        writer["secret"].as_str().unwrap().to_owned(),
        reader["secret"].as_str().unwrap().to_owned(),
    );
    let port = free_port();
    let server = serve_local(&s, port);
    let ada = r#"{"name": "Ada Lovelace", "emails": ["ada@example.org"]}"#;
    let read = exchange(
        port,
        "GET",
        "/api/v1/people",
        &bearer(&reader_secret),
        "",
        "",
    );
    let refused = exchange(
        port,
        "POST",
        "/api/v1/people",
        &bearer(&reader_secret),
        "application/json",
        ada,
    );
    let created = exchange(
        port,
        "POST",
        "/api/v1/people",
        &bearer(&writer_secret),
        "application/json",
        ada,
    );
    let revoked = s.run(&["token", "revoke", writer["token"]["id"].as_str().unwrap()]);
    let after = exchange(
        port,
        "GET",
        "/api/v1/people",
        &bearer(&writer_secret),
        "",
        "",
    );
    let unknown = exchange(
        port,
        "GET",
        "/api/v1/people",
        &bearer("rpt_0123456789abcdef0123456789abcdef"),
        "",
        "",
    );
    let log = stop(server);
    assert_eq!(read.status, 200, "{}\n{log}", read.body);
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(revoked.code, 0, "{}", revoked.stderr);
    assert_eq!(after.status, 401, "revoked: refused at the next request");
    assert_eq!(unknown.status, 401);
    assert_eq!(people_count(&s), 1, "only the writer's person");
    let listed = s.run(&["token", "list", "--json"]).ok().json();
    let used: Vec<bool> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["last_used_at"].is_string())
        .collect();
    assert_eq!(used, vec![true, true], "both were used");
}
