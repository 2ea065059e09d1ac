//! A fresh database per test: a SQLite file in a temporary folder, or a new
//! schema in the PostgreSQL database named by `RAPPORT_TEST_DATABASE_URL`.

use chrono::{DateTime, TimeZone, Utc};
use rapport_store::{AccountId, Db, Location, accounts};
use sqlx::Connection;

pub const PG_ENV: &str = "RAPPORT_TEST_DATABASE_URL";

pub struct TestDb {
    pub db: Db,
    pub account: AccountId,
    schema: Option<(String, String)>,
    _dir: Option<tempfile::TempDir>,
}

/// A fixed "now" so results do not depend on when the tests run.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()
}

pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let location = Location::Sqlite(dir.path().join("rapport.db"));
    let db = Db::open(&location).await.unwrap();
    let account = accounts::local(&db, now()).await.unwrap();
    TestDb {
        db,
        account,

        schema: None,
        _dir: Some(dir),
    }
}

/// `None` when PostgreSQL is not configured; under CI that is a failure.
pub async fn postgres() -> Option<TestDb> {
    let url = match std::env::var(PG_ENV) {
        Ok(url) if !url.trim().is_empty() => url,
        _ => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{PG_ENV} is not set under CI: the PostgreSQL suite must run"
            );
            return None;
        }
    };
    let schema = format!("t_{}", uuid_simple());
    let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let sep = if url.contains('?') { '&' } else { '?' };
    let location = Location::Postgres(format!("{url}{sep}options=-csearch_path%3D{schema}"));
    let db = Db::open(&location).await.unwrap();
    let account = accounts::local(&db, now()).await.unwrap();
    Some(TestDb {
        db,
        account,

        schema: Some((url, schema)),
        _dir: None,
    })
}

fn uuid_simple() -> String {
    rapport_store::ids::new_id().replace('-', "")
}

impl TestDb {
    pub async fn finish(self) {
        self.db.close().await;
        if let Some((url, schema)) = self.schema {
            let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
            sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
                .execute(&mut conn)
                .await
                .unwrap();
        }
    }

    /// A second, empty database on the same backend, as when a workbench
    /// moves from a laptop to a server.
    pub async fn another_database(&self) -> TestDb {
        match &self.db {
            rapport_store::Db::Sqlite(_) => sqlite().await,
            rapport_store::Db::Postgres(_) => postgres().await.unwrap(),
        }
    }

    /// A second account on the same database, for isolation checks.
    pub async fn other_account(&self) -> AccountId {
        accounts::create(
            &self.db,
            accounts::Kind::Student,
            "other@example.org",
            None,
            now(),
        )
        .await
        .unwrap()
    }
}

/// Runs each named `async fn NAME(t: &TestDb)` on SQLite, and on PostgreSQL
/// when it is configured.
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let t = crate::common::sqlite().await;
                super::$name(&t).await;
                t.finish().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some(t) = crate::common::postgres().await else {
                    return;
                };
                super::$name(&t).await;
                t.finish().await;
            }
        }
    )*};
}
pub(crate) use on_both;
