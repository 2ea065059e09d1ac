//! The built `rapport` binary against a temporary database.

#![allow(clippy::unwrap_used)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "cli/api.rs"]
mod api;
#[path = "cli/imports.rs"]
mod imports;
#[path = "cli/server.rs"]
mod server;

const PG_ENV: &str = "RAPPORT_TEST_DATABASE_URL";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", self.stdout, self.stderr))
    }

    fn ok(self) -> Run {
        assert_eq!(
            self.code, 0,
            "stdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }
}

/// A command with a clean environment: no database or zone from the caller.
fn rapport(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rapport"));
    cmd.env_remove("RAPPORT_DATABASE_URL")
        .env_remove("RAPPORT_TIME_ZONE")
        .env("TZ", "UTC")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"));
    cmd
}

fn run_in(home: &Path, db: &str, args: &[&str]) -> Run {
    let out: Output = rapport(home)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

struct Sandbox {
    dir: tempfile::TempDir,
    db: String,
}

impl Sandbox {
    fn sqlite() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("test.db").display().to_string();
        Sandbox { dir, db }
    }

    fn run(&self, args: &[&str]) -> Run {
        run_in(self.dir.path(), &self.db, args)
    }
}

const ADA: [&str; 11] = [
    "person",
    "add",
    "Ada Lovelace",
    "--org",
    "Analytical Engines",
    "--title",
    "Engineering Manager",
    "--source",
    "co-worker",
    "--hiring-authority",
    "--json",
];

fn check_ada(s: &Sandbox) {
    s.run(&ADA).ok();
    let list = s.run(&["person", "list", "--json"]).ok().json();
    let people = list.as_array().unwrap();
    assert_eq!(people.len(), 1);
    let ada = &people[0];
    assert_eq!(ada["name"], "Ada Lovelace");
    assert_eq!(ada["source"], "co-worker");
    assert_eq!(ada["hiring_authority"], true);
    assert_eq!(ada["title"], "Engineering Manager");
    assert_eq!(ada["organization"]["name"], "Analytical Engines");
}

#[test]
fn the_readme_example_works_on_sqlite() {
    check_ada(&Sandbox::sqlite());
}

#[test]
fn the_readme_example_works_on_postgres() {
    with_postgres("readme", check_ada);
}

/// Runs `check` on a sandbox over a fresh PostgreSQL schema, when
/// PostgreSQL is configured (under CI it must be).
fn with_postgres(tag: &str, check: impl FnOnce(&Sandbox)) {
    let Ok(url) = std::env::var(PG_ENV) else {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "{PG_ENV} must be set under CI"
        );
        eprintln!("PostgreSQL CLI test SKIPPED: {PG_ENV} is not set");
        return;
    };
    let schema = format!("cli_{tag}_{}", std::process::id());
    let admin = |sql: String| {
        let url = url.clone();
        tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(async move {
                use sqlx::Connection;
                let mut c = sqlx::PgConnection::connect(&url).await.unwrap();
                sqlx::query(&sql).execute(&mut c).await.unwrap();
            })
    };
    admin(format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
    admin(format!("CREATE SCHEMA {schema}"));
    let sep = if url.contains('?') { '&' } else { '?' };
    let s = Sandbox {
        dir: tempfile::tempdir().unwrap(),
        db: format!("{url}{sep}options=-csearch_path%3D{schema}"),
    };
    check(&s);
    admin(format!("DROP SCHEMA {schema} CASCADE"));
}

#[test]
fn an_empty_name_fails_naming_the_field_and_stores_nothing() {
    let s = Sandbox::sqlite();
    s.run(&["person", "list"]).ok();
    let r = s.run(&["person", "add", "", "--org", "Should Not Exist"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.starts_with("error: name:"), "{}", r.stderr);
    assert_eq!(
        s.run(&["person", "list", "--json"]).ok().json(),
        Value::Array(vec![])
    );
    assert_eq!(
        s.run(&["org", "list", "--json"]).ok().json(),
        Value::Array(vec![])
    );
}

#[test]
fn an_illegal_move_names_the_allowed_ones_and_changes_nothing() {
    let s = Sandbox::sqlite();
    s.run(&ADA).ok();
    let i = s
        .run(&["interview", "add", "--person", "Ada Lovelace", "--json"])
        .ok()
        .json();
    let id = i["id"].as_str().unwrap();
    let r = s.run(&["interview", "move", id, "closed"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr.trim().lines().count(), 1);
    assert!(
        r.stderr.contains("allowed next: requested, scheduled"),
        "{}",
        r.stderr
    );
    let after = s.run(&["interview", "show", id, "--json"]).ok().json();
    assert_eq!(after, i);
}

#[test]
fn usage_errors_exit_2() {
    let s = Sandbox::sqlite();
    for args in [
        &["person", "frobnicate"][..],
        &["person", "add"],
        &["interview", "move", "x"],
        &[],
    ] {
        let r = s.run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
    }
}

#[test]
fn bad_locations_are_one_line_errors_and_create_nothing() {
    let s = Sandbox::sqlite();
    let home = s.dir.path();
    let r = run_in(home, "mysql://root@localhost/test", &["person", "list"]);
    assert_eq!(
        (r.code, r.stderr.trim().lines().count()),
        (1, 1),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("unknown database scheme \"mysql\""));
    let r = run_in(
        home,
        "postgres://postgres@127.0.0.1:1/none",
        &["person", "list"],
    );
    assert_eq!(
        (r.code, r.stderr.trim().lines().count()),
        (1, 1),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("cannot reach PostgreSQL at postgres://postgres@127.0.0.1:1/none")
    );
    let missing = home.join("no/such/folder/r.db");
    let r = run_in(home, &missing.display().to_string(), &["person", "list"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("does not exist"), "{}", r.stderr);
    // An empty --db is a mistake, not the default file.
    let r = run_in(home, "", &["person", "list"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("empty"), "{}", r.stderr);
    // Options in a sqlite URL would be dropped silently.
    let ro = format!("sqlite://{}?mode=ro", home.join("ro.db").display());
    let r = run_in(home, &ro, &["person", "add", "Ada"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("mode=ro"), "{}", r.stderr);
    // A second `serve` on a busy port fails before it opens any database.
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().to_string();
    let served = home.join("served.db");
    let r = run_in(
        home,
        &served.display().to_string(),
        &["serve", "--bind", &port],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("cannot listen"), "{}", r.stderr);
    let created: Vec<PathBuf> = std::fs::read_dir(home)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(created.is_empty(), "created {created:?}");
}

#[test]
fn the_default_database_lives_in_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = rapport(dir.path())
        .args(["person", "add", "Grace Hopper"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("created a new database"));
    assert!(dir.path().join("data/rapport/rapport.db").is_file());
    let out = rapport(dir.path())
        .args(["person", "list", "--json"])
        .output()
        .unwrap();
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list[0]["name"], "Grace Hopper");
    // The environment variable chooses another database.
    let other = dir.path().join("other.db");
    let out = rapport(dir.path())
        .env("RAPPORT_DATABASE_URL", &other)
        .args(["person", "list", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&out.stdout).unwrap(),
        Value::Array(vec![])
    );
    assert!(other.is_file());
}

#[test]
fn a_whole_session_from_the_command_line() {
    let s = Sandbox::sqlite();
    let org = s
        .run(&[
            "org",
            "add",
            "Analytical Engines",
            "--website",
            "engines.example",
            "--research",
            "website=Small team, growing",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(org["research"][0]["source"], "website");
    let field = s
        .run(&[
            "field",
            "add",
            "Software developer",
            "--onet",
            "15-1252",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(field["onet_code"], "15-1252.00");
    s.run(&ADA).ok();
    let charles = s
        .run(&[
            "person",
            "add",
            "Charles Babbage",
            "--referred-by",
            "Ada",
            "--may-name-referrer",
            "--email",
            "cb@engines.example",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(charles["source"], "referral");
    assert_eq!(charles["referred_by"]["name"], "Ada Lovelace");
    let edited = s
        .run(&["person", "edit", "Charles", "--title", "Inventor", "--json"])
        .ok()
        .json();
    assert_eq!(edited["title"], "Inventor");
    assert_eq!(edited["emails"][0], "cb@engines.example");
    let bad = s.run(&["person", "edit", "Charles", "--email", "not-an-email"]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("emails:"), "{}", bad.stderr);

    let i = s
        .run(&[
            "interview",
            "add",
            "--person",
            "Ada Lovelace",
            "--field",
            "Software developer",
            "--at",
            "2030-01-15 10:00",
            "--zone",
            "America/New_York",
            "--length",
            "30",
            "--mode",
            "video",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(i["starts_at"], "2030-01-15T15:00:00Z");
    assert_eq!(i["fields"][0]["name"], "Software developer");
    assert_eq!(i["organization"]["name"], "Analytical Engines");
    let id = i["id"].as_str().unwrap();
    let too_long = s.run(&["interview", "edit", id, "--length", "500"]);
    assert_eq!(too_long.code, 1);
    assert!(too_long.stderr.contains("length:"), "{}", too_long.stderr);
    s.run(&["interview", "move", &id[..13], "scheduled"]).ok();
    let listed = s
        .run(&["interview", "list", "--status", "scheduled", "--json"])
        .ok()
        .json();
    assert_eq!(listed.as_array().unwrap().len(), 1);

    let task = s
        .run(&[
            "task",
            "add",
            "Call to confirm",
            "--due",
            "2030-01-14 09:00",
            "--person",
            "Ada",
            "--json",
        ])
        .ok()
        .json();
    s.run(&["task", "add", "Update résumé"]).ok();
    let today = s.run(&["today", "--json"]).ok().json();
    assert_eq!(today["interviews"][0]["id"], id);
    let own = |today: &Value| -> Vec<String> {
        today["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["rule"] == "user")
            .map(|t| t["title"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(own(&today), vec!["Call to confirm", "Update résumé"]);
    // The rules add the day-before call and getting ready for the video call.
    let rules: Vec<&str> = today["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"confirm") && rules.contains(&"leave"),
        "{rules:?}"
    );
    s.run(&["task", "done", task["id"].as_str().unwrap()]).ok();
    let today = s.run(&["today", "--json"]).ok().json();
    assert_eq!(own(&today), vec!["Update résumé"]);
    let human = s.run(&["today"]).ok();
    assert!(
        human.stdout.contains("Ada Lovelace") && human.stdout.contains("Update résumé"),
        "{}",
        human.stdout
    );

    s.run(&["org", "rm", "Analytical Engines"]).ok();
    let ada = s
        .run(&["person", "show", "Ada Lovelace", "--json"])
        .ok()
        .json();
    assert_eq!(ada["organization"], Value::Null);
    s.run(&["person", "rm", "Ada Lovelace"]).ok();
    assert_eq!(
        s.run(&["interview", "list", "--json"]).ok().json(),
        Value::Array(vec![])
    );
    let missing = s.run(&["person", "show", "Ada Lovelace"]);
    assert_eq!(missing.code, 1);
}

#[test]
fn a_letter_brings_a_call_task_that_today_lists_and_done_retires() {
    let s = Sandbox::sqlite();
    s.run(&ADA).ok();
    s.run(&[
        "contact",
        "add",
        "Ada",
        "--channel",
        "letter",
        "--purpose",
        "introduction",
        "--body",
        "Dear Ada",
    ])
    .ok();
    let today = s.run(&["today", "--json"]).ok().json();
    let tasks = today["tasks"].as_array().unwrap();
    let call = tasks
        .iter()
        .find(|t| t["rule"] == "call-after-letter")
        .expect("a call task");
    assert_eq!(call["person"]["name"], "Ada Lovelace");
    assert!(
        call["reason"]
            .as_str()
            .unwrap()
            .contains("Never expect them to phone you")
    );
    let id = call["id"].as_str().unwrap();
    s.run(&["task", "done", id]).ok();
    let today = s.run(&["today", "--json"]).ok().json();
    assert!(
        today["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["rule"] != "call-after-letter")
    );
    let contacts = s.run(&["contact", "list", "--json"]).ok().json();
    assert_eq!(contacts[0]["body"], "Dear Ada");
    let bad = s.run(&["contact", "add", "Ada", "--channel", "pigeon"]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("channel:"), "{}", bad.stderr);
}

#[test]
fn the_calendar_exports_as_ics() {
    let s = Sandbox::sqlite();
    s.run(&ADA).ok();
    let i = s
        .run(&[
            "interview",
            "add",
            "--person",
            "Ada",
            "--at",
            "2030-01-15 10:00",
            "--zone",
            "Europe/London",
            "--json",
        ])
        .ok()
        .json();
    s.run(&["interview", "move", i["id"].as_str().unwrap(), "scheduled"])
        .ok();
    let out = s.dir.path().join("rapport.ics");
    s.run(&["export", "ics", "--output", out.to_str().unwrap()])
        .ok();
    let ics = std::fs::read_to_string(out).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.contains("DTSTART:20300115T100000Z"));
    assert!(ics.contains("Informational interview: Ada Lovelace (Analytical Engines)"));
}

#[test]
fn search_finds_names_and_notes() {
    let s = Sandbox::sqlite();
    s.run(&ADA).ok();
    s.run(&[
        "person",
        "add",
        "Grace Hopper",
        "--notes",
        "Knows Lovelace from the engine society",
    ])
    .ok();
    let hits = s.run(&["search", "lovelace", "--json"]).ok().json();
    let labels: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, vec!["Ada Lovelace", "Grace Hopper"]);
    let odd = s.run(&["search", "\"-:*"]);
    assert_eq!(odd.code, 0, "{}", odd.stderr);
}

#[test]
fn imports_report_bad_rows_add_nothing_twice_and_undo() {
    let s = Sandbox::sqlite();
    let fixture = |name: &str| {
        format!(
            "{}/../core/fixtures/import/{name}",
            env!("CARGO_MANIFEST_DIR")
        )
    };
    let dry = s
        .run(&[
            "import",
            &fixture("linkedin-broken.csv"),
            "--dry-run",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(dry["new"].as_array().unwrap().len(), 4);
    assert_eq!(
        s.run(&["person", "list", "--json"]).ok().json(),
        Value::Array(vec![]),
        "a dry run writes nothing"
    );
    let report = s
        .run(&["import", &fixture("linkedin-broken.csv"), "--json"])
        .ok()
        .json();
    assert_eq!(report["imported"], 4);
    let lines: Vec<u64> = report["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![3, 5, 6, 7, 8, 10]);
    let again = s
        .run(&["import", &fixture("linkedin-broken.csv"), "--json"])
        .ok()
        .json();
    assert_eq!(
        (again["imported"].as_u64(), again["duplicates"].as_u64()),
        (Some(0), Some(4))
    );
    let vcards = s.run(&["import", &fixture("contacts.vcf")]).ok();
    assert!(
        vcards.stdout.contains("(vCard): 3 added"),
        "{}",
        vcards.stdout
    );
    s.run(&["import", "--undo", report["batch_id"].as_str().unwrap()])
        .ok();
    let people = s.run(&["person", "list", "--json"]).ok().json();
    assert_eq!(people.as_array().unwrap().len(), 3, "only the vCards stay");
    let unknown = s.run(&["import", &fixture("../../Cargo.toml")]);
    assert_eq!(unknown.code, 1);
    assert!(unknown.stderr.contains("format:"), "{}", unknown.stderr);
}

#[test]
fn export_restore_and_backup() {
    let s = Sandbox::sqlite();
    s.run(&["demo"]).ok();
    let dir = s.dir.path();
    let json = dir.join("all.json");
    s.run(&["export", "json", "--output", json.to_str().unwrap()])
        .ok();
    let other = Sandbox::sqlite();
    let restored = other
        .run(&["restore", json.to_str().unwrap(), "--json"])
        .ok()
        .json();
    assert!(restored["restored_rows"].as_u64().unwrap() > 300);
    assert_eq!(
        other
            .run(&["person", "list", "--json", "--limit", "500"])
            .ok()
            .json()
            .as_array()
            .unwrap()
            .len(),
        60
    );
    let again = other.run(&["restore", json.to_str().unwrap()]);
    assert_eq!(again.code, 1, "a restore goes only into an empty workbench");
    let csv = s.run(&["export", "csv"]).ok().stdout;
    assert_eq!(csv.lines().count(), 61);
    assert!(csv.starts_with("Name,Organization,Title"));
    let vcf = s.run(&["export", "vcard"]).ok().stdout;
    assert_eq!(vcf.matches("BEGIN:VCARD").count(), 60);
    let copy = dir.join("copy.db");
    s.run(&["backup", copy.to_str().unwrap()]).ok();
    let from_copy = run_in(
        dir,
        copy.to_str().unwrap(),
        &["person", "list", "--json", "--limit", "500"],
    )
    .ok()
    .json();
    assert_eq!(from_copy.as_array().unwrap().len(), 60);
    assert_eq!(
        s.run(&["backup", copy.to_str().unwrap()]).code,
        1,
        "never over an existing file"
    );
}

#[test]
fn tasks_snooze_by_days_or_until_a_time() {
    let s = Sandbox::sqlite();
    let t = s
        .run(&[
            "task",
            "add",
            "Research Acme",
            "--due",
            "2030-01-10 09:00",
            "--json",
        ])
        .ok()
        .json();
    let id = t["id"].as_str().unwrap();
    s.run(&["task", "snooze", id, "--until", "2030-01-12 08:30"])
        .ok();
    assert_eq!(
        s.run(&["task", "show", id, "--json"]).ok().json()["due_at"],
        "2030-01-12T08:30:00Z"
    );
    let bad = s.run(&["task", "snooze", id, "--until", "someday"]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("until:"), "{}", bad.stderr);
    // As through the API: 1 to 30 days forward, never back.
    for days in ["--days=0", "--days=-3", "--days=31"] {
        let back = s.run(&["task", "snooze", id, days]);
        assert_eq!(back.code, 1, "{days}: {}", back.stderr);
        assert!(back.stderr.contains("days:"), "{}", back.stderr);
    }
    assert_eq!(
        s.run(&[
            "task",
            "snooze",
            id,
            "--until",
            "2030-01-12 08:30",
            "--days",
            "2"
        ])
        .code,
        2
    );
}

#[test]
fn times_offered_are_kept_and_the_chosen_one_schedules_the_interview() {
    let s = Sandbox::sqlite();
    s.run(&ADA).ok();
    let i = s
        .run(&["interview", "add", "--person", "Ada Lovelace", "--json"])
        .ok()
        .json();
    let id = i["id"].as_str().unwrap();
    let past = s.run(&["interview", "propose", id, "--at", "2001-01-01 10:00"]);
    assert_eq!(past.code, 1);
    assert!(
        past.stderr.starts_with("error: proposed_times:"),
        "{}",
        past.stderr
    );
    let offered = s
        .run(&[
            "interview",
            "propose",
            id,
            "--at",
            "2099-03-11 14:30",
            "--at",
            "2099-03-10 10:00",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(
        offered["proposed_times"].as_array().map(Vec::len),
        Some(2),
        "{offered}"
    );
    let not_offered = s.run(&["interview", "choose", id, "2099-03-12 10:00"]);
    assert_eq!(not_offered.code, 1, "{}", not_offered.stderr);
    let chosen = s
        .run(&["interview", "choose", id, "2099-03-11 14:30", "--json"])
        .ok()
        .json();
    assert_eq!(chosen["status"], "scheduled", "{chosen}");
    assert_eq!(chosen["proposed_times"], offered["proposed_times"]);
}

#[test]
fn insights_give_the_same_figures_as_the_page() {
    let s = Sandbox::sqlite();
    s.run(&["demo"]).ok();
    let all = s.run(&["insights", "--json"]).ok().json();
    assert_eq!(all["fields"].as_array().map(Vec::len), Some(3), "{all}");
    assert_eq!(all["funnel"]["steps"][0]["count"], 60);
    assert_eq!(all["weeks"].as_array().map(Vec::len), Some(26));
    let one = s
        .run(&["insights", "--field", "Software developer", "--json"])
        .ok()
        .json();
    assert_eq!(one["title"], "Software developer");
    assert!(
        one["echo"]["rho"].as_f64().is_some_and(|r| r > 0.8),
        "{one}"
    );
    let words = s.run(&["insights"]).ok();
    assert!(words.stdout.contains("Funnel"), "{}", words.stdout);
    let unknown = s.run(&["insights", "--field", "Astronaut"]);
    assert_eq!(unknown.code, 1);
}
