//! Server mode's records: accounts, sessions, the sign-in counters,
//! one-time links and shares with counselors, on both backends.

use crate::common::{TestDb, now};
use chrono::{Duration, NaiveDate};
use rapport_core::validated::TimeZone;
use rapport_store::accounts::{self, Kind};
use rapport_store::shares::{self, Scope};
use rapport_store::sign_in_limits::{self, Verdict};
use rapport_store::{AccountId, Db, StoreError, account_links, demo, sessions};

async fn student(t: &TestDb, email: &str) -> AccountId {
    accounts::create(&t.db, Kind::Student, email, Some("$argon2id$stored"), now())
        .await
        .unwrap()
}

async fn sessions_live_in_the_database_as_hashes(t: &TestDb) {
    let ada = student(t, "Ada@Example.org").await;
    let started = sessions::start(&t.db, &ada, "Firefox\u{0}\nInjected", now())
        .await
        .unwrap();
    let found = sessions::find(&t.db, &started.token, now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((found.account, found.kind), (ada.clone(), Kind::Student));
    assert_eq!(
        found.email, "ada@example.org",
        "emails are kept in lower case"
    );
    assert_eq!(found.csrf, started.csrf);
    // Only the hash is stored: no column holds the token itself.
    let stored: Vec<String> = match &t.db {
        Db::Sqlite(pool) => sqlx::query_scalar("SELECT token_hash FROM sessions")
            .fetch_all(pool)
            .await
            .unwrap(),
        Db::Postgres(pool) => sqlx::query_scalar("SELECT token_hash FROM sessions")
            .fetch_all(pool)
            .await
            .unwrap(),
    };
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], started.token);
    assert!(!stored[0].contains(&started.token));
    // The user agent lost its control characters.
    let listed = sessions::list(&t.db, &ada, now()).await.unwrap();
    assert_eq!(listed[0].user_agent, "FirefoxInjected");
    // A malformed or unknown token finds nothing.
    for bad in [
        "",
        "x",
        &started.token.to_uppercase()[..31],
        &"0".repeat(32),
    ] {
        assert!(
            sessions::find(&t.db, bad, now()).await.unwrap().is_none(),
            "{bad}"
        );
    }
}

async fn sessions_end_when_idle_too_long_or_too_old(t: &TestDb) {
    let ada = student(t, "ada@example.org").await;
    let s = sessions::start(&t.db, &ada, "", now()).await.unwrap();
    let day = Duration::days(1);
    // Used every 6 days: idle never reaches 7, but 30 days after sign-in it ends.
    let mut at = now();
    while at + Duration::days(6) < now() + sessions::ABSOLUTE {
        at += Duration::days(6);
        assert!(
            sessions::find(&t.db, &s.token, at).await.unwrap().is_some(),
            "{at}"
        );
    }
    let past_absolute = now() + sessions::ABSOLUTE + day;
    assert!(
        sessions::find(&t.db, &s.token, past_absolute)
            .await
            .unwrap()
            .is_none()
    );
    // Unused for more than 7 days ends it.
    let idle = sessions::start(&t.db, &ada, "", now()).await.unwrap();
    let later = now() + sessions::IDLE + day;
    assert!(
        sessions::find(&t.db, &idle.token, later)
            .await
            .unwrap()
            .is_none()
    );
    let listed = sessions::list(&t.db, &ada, later).await.unwrap();
    assert!(listed.iter().all(|l| l.id != idle.id), "{listed:?}");
}

async fn ending_sessions_and_changing_passwords(t: &TestDb) {
    let ada = student(t, "ada@example.org").await;
    let bob = student(t, "bob@example.org").await;
    let a1 = sessions::start(&t.db, &ada, "one", now()).await.unwrap();
    let a2 = sessions::start(&t.db, &ada, "two", now()).await.unwrap();
    let a3 = sessions::start(&t.db, &ada, "three", now()).await.unwrap();
    let b1 = sessions::start(&t.db, &bob, "bob", now()).await.unwrap();
    // Bob cannot end Ada's session.
    assert!(matches!(
        sessions::end(&t.db, &bob, &a1.id).await,
        Err(StoreError::NotFound { .. })
    ));
    sessions::end(&t.db, &ada, &a1.id).await.unwrap();
    assert!(
        sessions::find(&t.db, &a1.token, now())
            .await
            .unwrap()
            .is_none()
    );
    // A password change keeps the session that made it and ends the others.
    accounts::set_password(&t.db, &ada, "$argon2id$new", Some(&a2.id))
        .await
        .unwrap();
    assert!(
        sessions::find(&t.db, &a2.token, now())
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        sessions::find(&t.db, &a3.token, now())
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        sessions::find(&t.db, &b1.token, now())
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(sessions::end_all(&t.db, &ada).await.unwrap(), 1);
    assert_eq!(
        accounts::password_hash(&t.db, &ada)
            .await
            .unwrap()
            .as_deref(),
        Some("$argon2id$new")
    );
}

async fn an_email_has_one_account(t: &TestDb) {
    student(t, "ada@example.org").await;
    let again = accounts::create(&t.db, Kind::Counselor, " ADA@example.org ", None, now()).await;
    match again {
        Err(StoreError::Invalid(errors)) => {
            assert!(
                errors
                    .for_field("email")
                    .unwrap()
                    .contains("already has an account")
            );
        }
        other => panic!("expected a field error, got {other:?}"),
    }
    let listed = accounts::list(&t.db).await.unwrap();
    assert_eq!(listed.len(), 1, "the local account is not listed");
    assert!(listed[0].has_password);
}

async fn sign_in_failures_are_counted_per_email_and_per_address(t: &TestDb) {
    let at = now();
    let limits = |email: &'static str, address: String| {
        let db = t.db.clone();
        async move {
            sign_in_limits::attempt(&db, email, &address, at)
                .await
                .unwrap()
        }
    };
    for n in 0..sign_in_limits::PER_ACCOUNT {
        let tried = limits("ada@example.org", format!("10.0.0.{n}")).await;
        assert_eq!(tried.verdict, Verdict::Allowed, "try {n}");
    }
    // Each try came from another address, yet the email is now limited.
    let verdict = limits("ada@example.org", "10.9.9.9".into()).await.verdict;
    assert_eq!(verdict, Verdict::Wait(at + sign_in_limits::WINDOW));
    // Another email from a fresh address may still try, and a right password
    // takes its try back.
    let bob = limits("bob@example.org", "10.8.8.8".into()).await;
    assert_eq!(bob.verdict, Verdict::Allowed);
    sign_in_limits::succeeded(&t.db, "bob@example.org", &bob)
        .await
        .unwrap();
    // The window passes.
    let later = at + sign_in_limits::WINDOW + Duration::seconds(1);
    let tried = sign_in_limits::attempt(&t.db, "ada@example.org", "10.9.9.9", later)
        .await
        .unwrap();
    assert_eq!(tried.verdict, Verdict::Allowed);
    // One address trying many emails is limited too; successes do not count.
    for n in 0..sign_in_limits::PER_ADDRESS {
        let email = format!("u{n}@example.org");
        let tried = sign_in_limits::attempt(&t.db, &email, "10.1.1.1", at)
            .await
            .unwrap();
        assert_eq!(tried.verdict, Verdict::Allowed, "{email}");
    }
    let over = sign_in_limits::attempt(&t.db, "new@example.org", "10.1.1.1", at)
        .await
        .unwrap();
    assert!(matches!(over.verdict, Verdict::Wait(_)));
    for n in 0..sign_in_limits::PER_ADDRESS * 2 {
        let email = format!("ok{n}@example.org");
        let tried = sign_in_limits::attempt(&t.db, &email, "10.2.2.2", at)
            .await
            .unwrap();
        assert_eq!(
            tried.verdict,
            Verdict::Allowed,
            "{email}: a classroom signing in"
        );
        sign_in_limits::succeeded(&t.db, &email, &tried)
            .await
            .unwrap();
    }
}

/// Tries sent all at once: the limit is counted before any password is
/// checked, so no more than the limit get through.
async fn tries_sent_at_once_get_no_more_than_the_limit(t: &TestDb) {
    let tries: Vec<_> = (0..24)
        .map(|n| {
            let db = t.db.clone();
            tokio::spawn(async move {
                sign_in_limits::attempt(&db, "ada@example.org", &format!("10.3.0.{n}"), now())
                    .await
                    .unwrap()
                    .verdict
            })
        })
        .collect();
    let mut allowed = 0;
    for t in tries {
        if t.await.unwrap() == Verdict::Allowed {
            allowed += 1;
        }
    }
    assert!(
        allowed <= sign_in_limits::PER_ACCOUNT,
        "{allowed} tries got through"
    );
}

async fn one_time_links_work_once(t: &TestDb) {
    let token = account_links::invite(&t.db, "Cleo@Example.org", now())
        .await
        .unwrap();
    assert_eq!(
        account_links::email_for(&t.db, &token, account_links::Purpose::Invite, now())
            .await
            .unwrap()
            .as_deref(),
        Some("cleo@example.org")
    );
    let cleo = account_links::accept_invite(&t.db, &token, "$argon2id$x", now())
        .await
        .unwrap();
    let again = account_links::accept_invite(&t.db, &token, "$argon2id$y", now()).await;
    assert!(matches!(again, Err(StoreError::NotFound { .. })));
    // An address with an account cannot be invited again.
    assert!(
        account_links::invite(&t.db, "cleo@example.org", now())
            .await
            .is_err()
    );
    // An invitation expires.
    let late = account_links::invite(&t.db, "dan@example.org", now())
        .await
        .unwrap();
    let after = now() + account_links::INVITE_FOR + Duration::minutes(1);
    assert!(
        account_links::accept_invite(&t.db, &late, "$h", after)
            .await
            .is_err()
    );
    // A password link sets the password, ends every session and revokes
    // every API token, as a password changed on the account page does.
    let s = sessions::start(&t.db, &cleo, "", now()).await.unwrap();
    let token = rapport_store::api_tokens::create(&t.db, &cleo, "script", false, now())
        .await
        .unwrap();
    let reset = account_links::reset(&t.db, &cleo, now()).await.unwrap();
    let newer = account_links::reset(&t.db, &cleo, now()).await.unwrap();
    assert!(
        account_links::use_reset(&t.db, &reset, "$h", now())
            .await
            .is_err(),
        "a newer link replaces the older one"
    );
    assert_eq!(
        account_links::use_reset(&t.db, &newer, "$argon2id$z", now())
            .await
            .unwrap(),
        cleo
    );
    assert!(
        sessions::find(&t.db, &s.token, now())
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        rapport_store::api_tokens::authenticate(&t.db, &token.secret, now())
            .await
            .unwrap(),
        None,
        "a token made before a reset does not outlive it"
    );
    assert_eq!(
        accounts::password_hash(&t.db, &cleo)
            .await
            .unwrap()
            .as_deref(),
        Some("$argon2id$z")
    );
}

/// Every key a counselor's view may carry; anything else is a leak.
const SHARED_KEYS: [&str; 32] = [
    "starts_at",
    "student",
    "share_id",
    "email",
    "scope",
    "ends_at",
    "overdue_thanks",
    "overdue_tasks",
    "thin_fields",
    "last_activity",
    "by_status",
    "status",
    "count",
    "fields",
    "title",
    "held",
    "planned",
    "pipeline",
    // The funnel and each field's evidence: counts, and nudges made of them.
    "progress",
    "funnel",
    "steps",
    "step",
    "conversion",
    "evidence",
    "goal",
    "organizations",
    "hiring",
    "employees",
    "nudge",
    "kind",
    "missing",
    "organization_count",
];

fn keys_of(value: &serde_json::Value, keys: &mut std::collections::BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                keys.insert(k.clone());
                keys_of(v, keys);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| keys_of(v, keys)),
        _ => {}
    }
}

fn day(offset: i64) -> NaiveDate {
    (now() + Duration::days(offset)).date_naive()
}

async fn shares_show_counts_and_end(t: &TestDb) {
    let ada = student(t, "ada@example.org").await;
    demo::load(&t.db, &ada, TimeZone::utc(), now())
        .await
        .unwrap();
    let carol = accounts::create(&t.db, Kind::Counselor, "carol@example.org", None, now())
        .await
        .unwrap();
    let dan = accounts::create(&t.db, Kind::Counselor, "dan@example.org", None, now())
        .await
        .unwrap();
    // Only a counselor's address, and only a date ahead within a year.
    for (email, ends, field) in [
        ("ada@example.org", day(30), "counselor_email"),
        ("nobody@example.org", day(30), "counselor_email"),
        ("carol@example.org", day(-1), "ends"),
        ("carol@example.org", day(400), "ends"),
    ] {
        match shares::create(&t.db, &ada, email, Scope::Progress, ends, now()).await {
            Err(StoreError::Invalid(e)) => assert!(e.for_field(field).is_some(), "{email}"),
            other => panic!("{email}: {other:?}"),
        }
    }
    let share = shares::create(
        &t.db,
        &ada,
        "carol@example.org",
        Scope::Progress,
        day(30),
        now(),
    )
    .await
    .unwrap();
    let caseload = shares::caseload(&t.db, &carol, now()).await.unwrap();
    assert_eq!(caseload.len(), 1);
    assert_eq!(caseload[0].email, "ada@example.org");
    assert!(
        shares::caseload(&t.db, &dan, now())
            .await
            .unwrap()
            .is_empty()
    );
    let seen = shares::shared(&t.db, &carol, &share, now()).await.unwrap();
    let held: i64 = seen.by_status.iter().map(|s| s.count).sum();
    assert!(held > 0);
    assert!(
        seen.pipeline.is_empty(),
        "a progress share lists no interviews"
    );
    // Another counselor cannot open it.
    assert!(matches!(
        shares::shared(&t.db, &dan, &share, now()).await,
        Err(StoreError::NotFound { .. })
    ));
    // Both views are in the student's access log.
    let log = shares::views(&t.db, &ada).await.unwrap();
    let viewed: Vec<&str> = log.iter().map(|v| v.viewed.as_str()).collect();
    assert_eq!(viewed, ["progress", "caseload"]);
    assert!(log.iter().all(|v| v.counselor_email == "carol@example.org"));
    // A pipeline share lists interviews, and nothing of who they are with.
    let pipeline = shares::create(
        &t.db,
        &ada,
        "carol@example.org",
        Scope::Pipeline,
        day(10),
        now(),
    )
    .await
    .unwrap();
    let seen = shares::shared(&t.db, &carol, &pipeline, now())
        .await
        .unwrap();
    assert_eq!(seen.pipeline.len() as i64, held);
    let mut keys = std::collections::BTreeSet::new();
    keys_of(&serde_json::to_value(&seen).unwrap(), &mut keys);
    let allowed: std::collections::BTreeSet<&str> = SHARED_KEYS.into_iter().collect();
    let extra: Vec<&String> = keys
        .iter()
        .filter(|k| !allowed.contains(k.as_str()))
        .collect();
    assert!(extra.is_empty(), "keys a counselor may not see: {extra:?}");
    for page in shares::caseload(&t.db, &carol, now()).await.unwrap() {
        let mut keys = std::collections::BTreeSet::new();
        keys_of(&serde_json::to_value(&page).unwrap(), &mut keys);
        assert!(
            keys.iter().all(|k| allowed.contains(k.as_str())),
            "{keys:?}"
        );
    }
    // Revoked: gone at once. Ended: gone after its day.
    shares::revoke(&t.db, &ada, &share, now()).await.unwrap();
    assert!(shares::shared(&t.db, &carol, &share, now()).await.is_err());
    assert!(
        shares::shared(&t.db, &carol, &pipeline, now() + Duration::days(11))
            .await
            .is_err()
    );
    assert!(
        shares::revoke(&t.db, &carol, &pipeline, now())
            .await
            .is_err(),
        "not Carol's share"
    );
    let listed = shares::list(&t.db, &ada).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed.iter().filter(|s| s.active(now())).count(), 1);
}

/// Rows per table that belong to `account`, for every table with an
/// `account_id`, plus the shares naming it as counselor.
async fn rows_of(db: &Db, account: &AccountId) -> Vec<(String, i64)> {
    let tables: Vec<String> = match db {
        Db::Sqlite(pool) => sqlx::query_scalar(
            "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c \
             WHERE m.type = 'table' AND c.name = 'account_id' ORDER BY m.name",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
        Db::Postgres(pool) => sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND column_name = 'account_id' ORDER BY 1",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
    };
    assert!(tables.len() > 20, "{tables:?}");
    let mut counts = Vec::new();
    for table in tables
        .iter()
        .map(String::as_str)
        .chain(["accounts", "shares as counselor"])
    {
        let sql = match table {
            "accounts" => "SELECT count(*) FROM accounts WHERE id = $1".to_owned(),
            "shares as counselor" => {
                "SELECT count(*) FROM shares WHERE counselor_id = $1".to_owned()
            }
            t => format!("SELECT count(*) FROM {t} WHERE account_id = $1"),
        };
        let n: i64 = match db {
            Db::Sqlite(pool) => {
                sqlx::query_scalar(&sql)
                    .bind(account.as_str())
                    .fetch_one(pool)
                    .await
            }
            Db::Postgres(pool) => {
                sqlx::query_scalar(&sql)
                    .bind(account.as_str())
                    .fetch_one(pool)
                    .await
            }
        }
        .unwrap();
        counts.push((table.to_owned(), n));
    }
    counts
}

async fn deleting_an_account_deletes_its_rows_only(t: &TestDb) {
    let ada = student(t, "ada@example.org").await;
    let bob = student(t, "bob@example.org").await;
    let carol = accounts::create(&t.db, Kind::Counselor, "carol@example.org", None, now())
        .await
        .unwrap();
    for who in [&ada, &bob] {
        demo::load(&t.db, who, TimeZone::utc(), now())
            .await
            .unwrap();
        sessions::start(&t.db, who, "", now()).await.unwrap();
        let id = shares::create(
            &t.db,
            who,
            "carol@example.org",
            Scope::Pipeline,
            day(5),
            now(),
        )
        .await
        .unwrap();
        shares::shared(&t.db, &carol, &id, now()).await.unwrap();
        rapport_store::calendar::rotate(&t.db, who, now())
            .await
            .unwrap();
    }
    let before_bob = rows_of(&t.db, &bob).await;
    let before_ada = rows_of(&t.db, &ada).await;
    let filled = before_ada.iter().filter(|(_, n)| *n > 0).count();
    assert!(filled >= 15, "the sample fills most tables: {before_ada:?}");
    accounts::delete(&t.db, &ada).await.unwrap();
    let after_ada = rows_of(&t.db, &ada).await;
    assert!(
        after_ada.iter().all(|(_, n)| *n == 0),
        "left behind: {after_ada:?}"
    );
    assert_eq!(
        rows_of(&t.db, &bob).await,
        before_bob,
        "Bob's rows are untouched"
    );
    assert!(
        rapport_store::search::search(&t.db, &ada, "the", 50)
            .await
            .unwrap()
            .is_empty()
    );
    // The counselor's deletion ends the shares with it, not the students' data.
    accounts::delete(&t.db, &carol).await.unwrap();
    let bob_now = rows_of(&t.db, &bob).await;
    for ((table, was), (_, is)) in before_bob.iter().zip(&bob_now) {
        match table.as_str() {
            "shares" => assert_eq!((*was, *is), (1, 0)),
            _ => assert_eq!(was, is, "{table}"),
        }
    }
    assert!(matches!(
        accounts::delete(&t.db, &ada).await,
        Err(StoreError::NotFound { .. })
    ));
    // The newest account's search entries go too, so the next account's
    // records (which reuse their places in the index) are written and found.
    accounts::delete(&t.db, &bob).await.unwrap();
    let dan = student(t, "dan@example.org").await;
    demo::load(&t.db, &dan, TimeZone::utc(), now())
        .await
        .unwrap();
    let found = rapport_store::search::search(&t.db, &dan, "robotics", 50)
        .await
        .unwrap();
    assert!(!found.is_empty(), "the new account's records are indexed");
}

crate::common::on_both!(
    sessions_live_in_the_database_as_hashes,
    sessions_end_when_idle_too_long_or_too_old,
    ending_sessions_and_changing_passwords,
    an_email_has_one_account,
    sign_in_failures_are_counted_per_email_and_per_address,
    tries_sent_at_once_get_no_more_than_the_limit,
    one_time_links_work_once,
    shares_show_counts_and_end,
    deleting_an_account_deletes_its_rows_only,
);
