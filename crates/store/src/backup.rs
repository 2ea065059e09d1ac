//! The full backup: every row of an account as one JSON document, and the
//! way back into an empty account (on either backend). Ids are kept on the
//! way in unless the database already has them; then they are made anew and
//! every reference follows.

mod restore;
mod rules;
mod tables;

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::{Result, StoreError};
use chrono::{DateTime, Utc};
use rapport_core::FieldError;
use serde_json::{Map, Value};
use tables::{Col, TABLES};

/// The name and version of the document format.
pub const FORMAT: &str = "rapport-backup";
/// Bumped when the document's shape changes.
pub const VERSION: i64 = 1;

/// What the backup leaves out on purpose: (table, column, why). The column
/// `*` stands for every column of a table whose insides belong to the
/// database engine. A test reads the live schema on both backends and fails
/// on any column that is neither carried nor listed here.
pub const LEFT_OUT: &[(&str, &str, &str)] = &[
    (
        "_sqlx_migrations",
        "*",
        "the schema's own bookkeeping; the target database keeps its own",
    ),
    (
        "accounts",
        "id",
        "a backup is restored into an account, which keeps its own id",
    ),
    (
        "accounts",
        "kind",
        "whether the account is local, a student's or a counselor's is the target database's decision",
    ),
    (
        "accounts",
        "email",
        "the sign-in address belongs to the target account",
    ),
    (
        "accounts",
        "password_hash",
        "a secret; the target account signs in with its own password",
    ),
    (
        "accounts",
        "display_name",
        "a setting of the target account, chosen there",
    ),
    (
        "accounts",
        "time_zone",
        "a setting of the target account, chosen there; each interview keeps its own zone",
    ),
    (
        "accounts",
        "created_at",
        "when the target account was made, not when the backup was",
    ),
    (
        "accounts",
        "data_version",
        "a counter the target database moves on every change, for the calendar feed's 304 answers",
    ),
    (
        "rule_task_states",
        "subject_id",
        "derived from rule_key by the database itself",
    ),
    (
        "progress_counts",
        "*",
        "a cache of Today's counts, counted again from the records after any change",
    ),
    (
        "api_tokens",
        "*",
        "personal API tokens are secrets of the server they were made on: make new ones after restoring",
    ),
    (
        "insights_kept",
        "*",
        "a cache of the insights and network figures, computed again from the records after any change",
    ),
    (
        "sessions",
        "*",
        "sign-in sessions belong to the server the account signs in to, not to the workbench",
    ),
    (
        "sign_in_failures",
        "*",
        "the server's rate-limit counters, not anyone's workbench",
    ),
    (
        "account_links",
        "*",
        "one-time invitation and password links of the server",
    ),
    (
        "shares",
        "*",
        "consent given to counselors on one server; a restored workbench shares again if its owner wants",
    ),
    (
        "share_views",
        "*",
        "the access log of counselors on one server",
    ),
    (
        "calendar_tokens",
        "account_id",
        "the subscription belongs to an account, not to its records",
    ),
    (
        "calendar_tokens",
        "token_hash",
        "a secret (the hash of the calendar link's token); a backup file travels by mail and USB stick, so a restored workbench makes a new link",
    ),
    ("calendar_tokens", "created_at", "goes with the token"),
    (
        "search_docs",
        "*",
        "the search index, rebuilt by triggers as each row goes in",
    ),
    (
        "search_fts",
        "*",
        "SQLite's full-text index over search_docs, kept by triggers",
    ),
    (
        "search_fts_config",
        "*",
        "FTS5's own storage behind search_fts (SQLite)",
    ),
    (
        "search_fts_content",
        "*",
        "FTS5's own storage behind search_fts (SQLite)",
    ),
    (
        "search_fts_data",
        "*",
        "FTS5's own storage behind search_fts (SQLite)",
    ),
    (
        "search_fts_docsize",
        "*",
        "FTS5's own storage behind search_fts (SQLite)",
    ),
    (
        "search_fts_idx",
        "*",
        "FTS5's own storage behind search_fts (SQLite)",
    ),
];

/// Every column the backup carries, as (table, column), in the document's
/// order: the one description export and restore both read. With
/// [`LEFT_OUT`] it must cover the whole schema.
pub fn described_columns() -> Vec<(&'static str, &'static str)> {
    TABLES
        .iter()
        .flat_map(|t| t.cols.iter().map(|(c, _)| (t.name, *c)))
        .collect()
}

fn decode_row<R>(row: &R, cols: &[(&str, Col)]) -> Result<Map<String, Value>>
where
    R: sqlx::Row,
    usize: sqlx::ColumnIndex<R>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> bool: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    let mut out = Map::new();
    for (i, (name, col)) in cols.iter().enumerate() {
        let value = match col {
            Col::Account => continue,
            Col::Text(_) | Col::Id | Col::Ref(_) | Col::Keyed => {
                Value::String(row.try_get::<String, _>(i)?)
            }
            Col::OptText(_) | Col::OptRef(_) | Col::Later(_) => row
                .try_get::<Option<String>, _>(i)?
                .map_or(Value::Null, Value::String),
            Col::Int(_) => Value::from(row.try_get::<i64, _>(i)?),
            Col::OptInt(_) => row
                .try_get::<Option<i64>, _>(i)?
                .map_or(Value::Null, Value::from),
            Col::Bool => Value::Bool(row.try_get::<bool, _>(i)?),
        };
        out.insert((*name).to_owned(), value);
    }
    Ok(out)
}

/// Every row of the account as one JSON document.
pub async fn export(db: &Db, account: &AccountId, now: DateTime<Utc>) -> Result<Value> {
    let mut tables = Map::new();
    for t in TABLES {
        let names: Vec<&str> = t.cols.iter().map(|(n, _)| *n).collect();
        let sql = format!(
            "SELECT {} FROM {} WHERE account_id = $1 ORDER BY {}",
            names.join(", "),
            t.name,
            t.order
        );
        let rows: Vec<Map<String, Value>> = on_pool!(db, pool => {
            let rows = sqlx::query(&sql).bind(account.as_str()).fetch_all(pool).await?;
            rows.iter().map(|r| decode_row(r, t.cols)).collect::<Result<_>>()?
        });
        tables.insert(
            t.name.to_owned(),
            Value::Array(rows.into_iter().map(Value::Object).collect()),
        );
    }
    let mut doc = Map::new();
    doc.insert("format".into(), FORMAT.into());
    doc.insert("version".into(), VERSION.into());
    doc.insert("exported_at".into(), crate::time::encode(now).into());
    doc.insert("tables".into(), Value::Object(tables));
    Ok(Value::Object(doc))
}

fn bad(message: impl Into<String>) -> StoreError {
    FieldError::new("backup", message).into()
}

/// Checks a backup document without writing anything; returns how many rows
/// it would restore. The whole document is read before anything is written.
pub fn check(doc: &Value) -> Result<usize> {
    Ok(restore::count(&restore::read(doc)?))
}

/// Restores a backup into an empty account, in one transaction: every value
/// is checked as the forms check it and every reference against the rows of
/// the document before anything is written; a refusal names the table, row
/// and column and writes nothing. Ids are kept unless the database already
/// has them. Returns the number of rows written.
pub async fn restore(db: &Db, account: &AccountId, doc: &Value) -> Result<usize> {
    let read = restore::read(doc)?;
    let written = restore::write(db, account, &read).await?;
    // Thousands of new rows change which index suits a page.
    db.analyze().await?;
    Ok(written)
}

/// Writes a consistent copy of a SQLite database to `path` while it is in
/// use (`VACUUM INTO`, never a file copy). The file must not exist yet.
pub async fn copy_sqlite(db: &Db, path: &std::path::Path) -> Result<()> {
    let Db::Sqlite(pool) = db else {
        return Err(bad(
            "rapport backup copies a SQLite database; back up PostgreSQL with pg_dump, or use rapport export json",
        ));
    };
    if path.exists() {
        return Err(bad(format!(
            "{} already exists; choose a new file name",
            path.display()
        )));
    }
    let target = path
        .to_str()
        .ok_or_else(|| bad("the backup path is not valid text"))?;
    sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(pool)
        .await?;
    Ok(())
}
