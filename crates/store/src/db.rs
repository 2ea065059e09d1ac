//! The connection to either backend, and the two macros through which every
//! query runs: `on_pool!` for reads and `in_tx!` for writes. The body of each
//! macro is written once and compiled for both backends.

use crate::error::{Result, StoreError};
use crate::location::Location;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, PgPool, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// How long a SQLite writer waits for the write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open database, either backend. Cloning is cheap (a pool handle).
#[derive(Debug, Clone)]
pub enum Db {
    /// An embedded SQLite file.
    Sqlite(SqlitePool),
    /// A PostgreSQL server.
    Postgres(PgPool),
}

/// Runs `$body` with `$pool` bound to the backend's pool (reads).
macro_rules! on_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}

/// Runs `$body` in one transaction with `$tx` bound to its connection, and
/// commits when the body finishes; a `?` inside the body returns early and
/// the transaction rolls back. On SQLite the transaction takes the write lock
/// at its start (`BEGIN IMMEDIATE`): a deferred transaction that reads and then
/// writes fails at once with SQLITE_BUSY under concurrency, whatever the busy
/// timeout.
macro_rules! in_tx {
    ($db:expr, $tx:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite(pool) => {
                let mut transaction = pool.begin_with("BEGIN IMMEDIATE").await?;
                let $tx = &mut *transaction;
                let out = $body;
                transaction.commit().await?;
                out
            }
            $crate::db::Db::Postgres(pool) => {
                let mut transaction = pool.begin().await?;
                let $tx = &mut *transaction;
                let out = $body;
                transaction.commit().await?;
                out
            }
        }
    };
}

/// Fails with `NotFound` unless `id` is a `kind` record of `account`; used
/// inside write transactions before linking to another record.
macro_rules! ensure_owned {
    ($tx:expr, $account:expr, $kind:expr, $id:expr) => {{
        let kind: $crate::ids::Kind = $kind;
        let id: &str = $id;
        let sql = $crate::ids::owned_sql(kind);
        let n: i64 = sqlx::query_scalar(&sql)
            .bind($account.as_str())
            .bind(id)
            .fetch_one(&mut *$tx)
            .await?;
        if n == 0 {
            return Err($crate::error::StoreError::NotFound {
                kind: kind.noun(),
                id: id.to_owned(),
            });
        }
    }};
}

impl Db {
    /// Opens the database at `location` and brings its schema up to date.
    ///
    /// A SQLite file is created if missing, but only inside a folder that
    /// exists; a PostgreSQL server that cannot be reached is an error naming
    /// the host, and nothing is created.
    pub async fn open(location: &Location) -> Result<Db> {
        match location {
            Location::Sqlite(path) => {
                let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
                if let Some(folder) = folder
                    && !folder.is_dir()
                {
                    return Err(StoreError::Location(format!(
                        "the folder {} does not exist; create it or choose another --db path",
                        folder.display()
                    )));
                }
                if path.exists() {
                    refuse_foreign_sqlite(path).await?;
                }
                let options = SqliteConnectOptions::new()
                    .filename(path)
                    .create_if_missing(true)
                    .foreign_keys(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    // FULL: an acknowledged write survives power loss, not only a crash.
                    .synchronous(SqliteSynchronous::Full)
                    .busy_timeout(BUSY_TIMEOUT)
                    // Up to 64 MiB of pages per connection, filled only as read:
                    // searches over a large index stay in memory.
                    .pragma("cache_size", "-65536");
                let pool = SqlitePoolOptions::new()
                    .max_connections(8)
                    .acquire_timeout(BUSY_TIMEOUT)
                    .connect_with(options)
                    .await
                    .map_err(|e| {
                        StoreError::Location(format!("cannot open {}: {e}", path.display()))
                    })?;
                SQLITE_MIGRATIONS.run(&pool).await?;
                let db = Db::Sqlite(pool);
                db.analyze().await?;
                Ok(db)
            }
            Location::Postgres(url) => {
                let options = PgConnectOptions::from_str(url).map_err(|e| {
                    StoreError::Location(format!("cannot read {}: {e}", location.redacted()))
                })?;
                // One direct connection first: a pool would retry until its
                // timeout and then hide the reason.
                let probe = tokio::time::timeout(
                    Duration::from_secs(10),
                    sqlx::PgConnection::connect_with(&options),
                )
                .await
                .map_err(|_| unreachable_pg(location, "no answer within 10 seconds"))?
                .map_err(|e| unreachable_pg(location, &e.to_string()))?;
                let mut probe = probe;
                let foreign: Vec<String> = sqlx::query_scalar(FOREIGN_PG_TABLES)
                    .fetch_all(&mut probe)
                    .await?;
                probe.close().await?;
                if !foreign.is_empty() {
                    return Err(foreign_tables(&location.redacted(), &foreign));
                }
                let pool = PgPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(options)
                    .await?;
                POSTGRES_MIGRATIONS.run(&pool).await?;
                Ok(Db::Postgres(pool))
            }
        }
    }

    /// The backend's name, for messages.
    pub fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Refreshes the statistics the query planner chooses indexes by. SQLite
    /// keeps none until asked, and without them it may read a whole account
    /// in index order rather than one person's rows; the reading is bounded
    /// (`analysis_limit`), so it is cheap at any size. Run on opening and
    /// after an import or a restore; PostgreSQL's autovacuum does its own.
    pub async fn analyze(&self) -> Result<()> {
        if let Db::Sqlite(pool) = self {
            let mut conn = pool.acquire().await?;
            sqlx::query("PRAGMA analysis_limit = 1000")
                .execute(&mut *conn)
                .await?;
            sqlx::query("ANALYZE").execute(&mut *conn).await?;
        }
        Ok(())
    }

    /// Refreshes the planner's statistics on either backend (PostgreSQL's
    /// `ANALYZE` included), for benchmarks that measure a freshly loaded
    /// database as it will be once autovacuum has seen it.
    pub async fn analyze_now(&self) -> Result<()> {
        match self {
            Db::Sqlite(_) => self.analyze().await,
            Db::Postgres(pool) => {
                sqlx::query("ANALYZE").execute(pool).await?;
                Ok(())
            }
        }
    }

    /// Closes every connection, waiting for running queries.
    pub async fn close(&self) {
        on_pool!(self, pool => pool.close().await)
    }

    /// Cheap round trip, for health checks.
    pub async fn ping(&self) -> Result<()> {
        on_pool!(self, pool => {
            sqlx::query("SELECT 1").execute(pool).await?;
        });
        Ok(())
    }
}

/// Tables of the current schema when it has tables but none of rapport's
/// migration records: another program's database.
const FOREIGN_PG_TABLES: &str = "SELECT table_name::text FROM information_schema.tables \
     WHERE table_schema = current_schema() \
     AND NOT EXISTS (SELECT 1 FROM information_schema.tables \
       WHERE table_schema = current_schema() AND table_name = '_sqlx_migrations') \
     ORDER BY table_name LIMIT 5";

const FOREIGN_SQLITE_TABLES: &str = "SELECT name FROM sqlite_master WHERE type = 'table' \
     AND name NOT LIKE 'sqlite_%' \
     AND NOT EXISTS (SELECT 1 FROM sqlite_master WHERE name = '_sqlx_migrations') \
     ORDER BY name LIMIT 5";

fn foreign_tables(place: &str, tables: &[String]) -> StoreError {
    StoreError::Location(format!(
        "{place} holds another program's tables ({}) and no rapport data; rapport left it untouched: choose another --db",
        tables.join(", ")
    ))
}

/// Looks at an existing SQLite file read-only before rapport writes to it:
/// a file of another program is refused without a single change (not even
/// the switch to WAL, which would be written into it).
async fn refuse_foreign_sqlite(path: &std::path::Path) -> Result<()> {
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    let mut probe = sqlx::SqliteConnection::connect_with(&options)
        .await
        .map_err(|e| StoreError::Location(format!("cannot open {}: {e}", path.display())))?;
    let foreign: Vec<String> = sqlx::query_scalar(FOREIGN_SQLITE_TABLES)
        .fetch_all(&mut probe)
        .await
        .map_err(|e| {
            StoreError::Location(format!(
                "{} is not a rapport database ({e}); choose another --db",
                path.display()
            ))
        })?;
    probe.close().await?;
    if foreign.is_empty() {
        Ok(())
    } else {
        Err(foreign_tables(&path.display().to_string(), &foreign))
    }
}

fn unreachable_pg(location: &Location, why: &str) -> StoreError {
    let first_line = why.lines().next().unwrap_or(why);
    StoreError::Unreachable(format!(
        "cannot reach PostgreSQL at {}: {first_line}",
        location.redacted()
    ))
}

/// Version and description of each migration of one backend.
pub type Migrations = Vec<(i64, String)>;

/// The migrations of each backend (SQLite, PostgreSQL), for the test that
/// they mirror each other.
pub fn migration_versions() -> (Migrations, Migrations) {
    let list = |m: &sqlx::migrate::Migrator| {
        m.iter()
            .map(|m| (m.version, m.description.to_string()))
            .collect::<Vec<_>>()
    };
    (list(&SQLITE_MIGRATIONS), list(&POSTGRES_MIGRATIONS))
}
