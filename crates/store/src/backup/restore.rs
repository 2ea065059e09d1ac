//! The way back in: the whole document is read and checked first (values as
//! the forms check them, references against the rows of the document), then
//! one transaction finds which ids are already taken in the database, keeps
//! every other id, and writes every row.

use super::bad;
use super::rules::{self, Row};
use super::tables::{Col, TABLES, Table};
use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::Result;
use crate::ids::new_id;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// A value as read from the document and checked; ids are still the
/// document's own.
enum Val {
    Text(Option<String>),
    Int(Option<i64>),
    Bool(bool),
}

/// One table's rows as read, each value in the order of its columns.
pub(super) struct Read {
    table: &'static Table,
    rows: Vec<Vec<Val>>,
}

/// Reads and checks the whole document; writes nothing.
pub(super) fn read(doc: &Value) -> Result<Vec<Read>> {
    if doc.get("format").and_then(Value::as_str) != Some(super::FORMAT) {
        return Err(bad(
            "this is not a rapport backup (its \"format\" is not rapport-backup)",
        ));
    }
    if doc.get("version").and_then(Value::as_i64) != Some(super::VERSION) {
        return Err(bad(format!(
            "only version {} backups can be read",
            super::VERSION
        )));
    }
    let tables = doc
        .get("tables")
        .and_then(Value::as_object)
        .ok_or_else(|| bad("the backup has no tables"))?;
    let mut present: Vec<(&'static Table, &Vec<Value>)> = Vec::new();
    for t in TABLES {
        match tables.get(t.name) {
            None | Some(Value::Null) => {}
            Some(Value::Array(rows)) => present.push((t, rows)),
            Some(_) => return Err(bad(format!("{} is not a list", t.name))),
        }
    }
    // Every table's ids first, so a reference may point forward, and so a
    // reference to a row the backup does not hold is refused here, naming
    // its place, rather than by the database's foreign keys.
    let mut ids: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    for (t, rows) in &present {
        if !t.cols.iter().any(|(_, c)| matches!(c, Col::Id)) {
            continue;
        }
        let seen = ids.entry(t.name).or_default();
        for (n, row) in rows.iter().enumerate() {
            let Some(id) = row.get("id").and_then(Value::as_str) else {
                continue; // reported with the row below
            };
            if let Some(first) = seen.insert(id, n) {
                return Err(bad(format!(
                    "{} row {}, id repeats the id of row {}",
                    t.name,
                    n + 1,
                    first + 1
                )));
            }
        }
    }
    let mut out = Vec::new();
    for (t, rows) in present {
        let mut read = Read {
            table: t,
            rows: Vec::new(),
        };
        for (n, row) in rows.iter().enumerate() {
            let row = row
                .as_object()
                .ok_or_else(|| bad(format!("{} row {} is not an object", t.name, n + 1)))?;
            read.rows.push(read_row(t, n, row, &ids)?);
        }
        out.push(read);
    }
    Ok(out)
}

fn read_row(
    t: &Table,
    n: usize,
    row: &Row,
    ids: &HashMap<&str, HashMap<&str, usize>>,
) -> Result<Vec<Val>> {
    let place = |col: &str| format!("{} row {}, {col}", t.name, n + 1);
    let text = |col: &str| -> Result<Option<String>> {
        match row.get(col) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(bad(format!("{} should be text", place(col)))),
        }
    };
    let checked = |col: &str, check: rules::TextCheck| -> Result<Option<String>> {
        let value = text(col)?;
        if let Some(v) = &value {
            check(v, row).map_err(|why| bad(format!("{}: {why}", place(col))))?;
        }
        Ok(value)
    };
    let refer = |col: &str, target: &str| -> Result<Option<String>> {
        let value = text(col)?;
        if let Some(id) = &value
            && !ids
                .get(target)
                .is_some_and(|known| known.contains_key(id.as_str()))
        {
            return Err(bad(format!(
                "{} refers to a missing {target} {id}, which is not in the backup",
                place(col)
            )));
        }
        Ok(value)
    };
    let number = |col: &str, check: rules::IntCheck| -> Result<Option<i64>> {
        match row.get(col) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => {
                let n = v
                    .as_i64()
                    .ok_or_else(|| bad(format!("{} should be a whole number", place(col))))?;
                check(n).map_err(|why| bad(format!("{}: {why}", place(col))))?;
                Ok(Some(n))
            }
        }
    };
    let mut values = Vec::with_capacity(t.cols.len());
    for (col, kind) in t.cols {
        let required = |v: Option<String>| {
            v.map(|s| Val::Text(Some(s)))
                .ok_or_else(|| bad(format!("{} is missing", place(col))))
        };
        values.push(match *kind {
            Col::Account => Val::Text(None),
            Col::Text(check) => required(checked(col, check)?)?,
            Col::OptText(check) => Val::Text(checked(col, check)?),
            Col::Id => required(checked(col, rules::line)?)?,
            Col::Keyed => required(checked(col, rules::rule_key)?)?,
            Col::Ref(target) => required(refer(col, target)?)?,
            Col::OptRef(target) | Col::Later(target) => Val::Text(refer(col, target)?),
            Col::Int(check) => Val::Int(Some(
                number(col, check)?.ok_or_else(|| bad(format!("{} is missing", place(col))))?,
            )),
            Col::OptInt(check) => Val::Int(number(col, check)?),
            Col::Bool => Val::Bool(
                row.get(*col)
                    .and_then(Value::as_bool)
                    .ok_or_else(|| bad(format!("{} should be true or false", place(col))))?,
            ),
        });
    }
    Ok(values)
}

/// How many rows a checked document holds.
pub(super) fn count(read: &[Read]) -> usize {
    read.iter().map(|t| t.rows.len()).sum()
}

/// Counts the account's records in every table a backup fills, but
/// profiles (an empty profile row is replaced) and imports (an undone
/// import leaves only its history, which should not block a restore). Read
/// inside the restoring transaction, so two restores at once cannot both
/// find the account empty.
fn count_records_sql() -> String {
    let parts: Vec<String> = TABLES
        .iter()
        .filter(|t| t.name != "profiles" && t.name != "imports")
        .map(|t| format!("(SELECT count(*) FROM {} WHERE account_id = $1)", t.name))
        .collect();
    format!("SELECT {}", parts.join(" + "))
}

/// The most ids asked about in one query, well under either backend's
/// limit on bound parameters.
const CHUNK: usize = 500;

/// A value to bind, ids issued.
enum Bind {
    Text(Option<String>),
    Int(Option<i64>),
    Bool(bool),
}

/// A database refusal while writing row `n` of `table`: a constraint the
/// checks above do not cover (a repeated tag, two answers to one question)
/// is reported at its place; anything else (a full disk) stays what it is.
fn at_row(table: &str, n: usize, e: sqlx::Error) -> crate::error::StoreError {
    if let sqlx::Error::Database(d) = &e
        && !matches!(d.kind(), sqlx::error::ErrorKind::Other)
    {
        return bad(format!(
            "{table} row {}: the database refused it ({})",
            n + 1,
            d.message()
        ));
    }
    e.into()
}

/// Restores a checked document into `account`, in one transaction.
pub(super) async fn write(db: &Db, account: &AccountId, read: &[Read]) -> Result<usize> {
    let count = count_records_sql();
    let written = in_tx!(db, tx => {
        let existing: i64 = sqlx::query_scalar(&count).bind(account.as_str()).fetch_one(&mut *tx).await?;
        if existing > 0 {
            return Err(bad("a backup is restored only into an empty workbench; this one already has records"));
        }
        // Ids stay as they were, so links, calendar UIDs and import batches
        // survive a move to another database; an id already taken (in any
        // account: ids are primary keys) gets a new one, and every reference
        // to it follows.
        let mut renamed: HashMap<&str, HashMap<String, String>> = HashMap::new();
        let mut any_renamed: HashMap<String, String> = HashMap::new();
        for t in read {
            let Some(i) = t.table.cols.iter().position(|(_, c)| matches!(c, Col::Id)) else {
                continue;
            };
            let own: Vec<&str> = t.rows.iter().filter_map(|r| match &r[i] {
                Val::Text(Some(id)) => Some(id.as_str()),
                _ => None,
            }).collect();
            let mut taken: HashSet<String> = HashSet::new();
            for chunk in own.chunks(CHUNK) {
                let sql = format!("SELECT id FROM {} WHERE id IN ({})", t.table.name, crate::ids::placeholders(1, chunk.len()));
                let mut q = sqlx::query_scalar::<_, String>(&sql);
                for id in chunk {
                    q = q.bind(*id);
                }
                taken.extend(q.fetch_all(&mut *tx).await?);
            }
            let map = renamed.entry(t.table.name).or_default();
            // In document order, so new ids (time-ordered) keep the rows' order.
            for id in own.iter().filter(|id| taken.contains(**id)) {
                let new = new_id();
                map.insert((*id).to_owned(), new.clone());
                any_renamed.insert((*id).to_owned(), new);
            }
        }
        let issue = |table: &str, id: &str| -> String {
            renamed.get(table).and_then(|m| m.get(id)).cloned().unwrap_or_else(|| id.to_owned())
        };
        // The empty profile row a new account may have is replaced by the backup's.
        sqlx::query("DELETE FROM profiles WHERE account_id = $1").bind(account.as_str()).execute(&mut *tx).await?;
        let mut written = 0;
        let mut later: Vec<(String, String, String)> = Vec::new();
        for t in read {
            let names: Vec<&str> = t.table.cols.iter().map(|(n, _)| *n).collect();
            let sql = format!(
                "INSERT INTO {} ({}) VALUES ({})",
                t.table.name,
                names.join(", "),
                crate::ids::placeholders(1, names.len())
            );
            for (n, row) in t.rows.iter().enumerate() {
                let mut own_id = None;
                let mut binds = Vec::with_capacity(row.len());
                for ((col, kind), val) in t.table.cols.iter().zip(row) {
                    binds.push(match (kind, val) {
                        (Col::Account, _) => Bind::Text(Some(account.as_str().to_owned())),
                        (Col::Id, Val::Text(Some(id))) => {
                            let new = issue(t.table.name, id);
                            own_id = Some(new.clone());
                            Bind::Text(Some(new))
                        }
                        (Col::Ref(target) | Col::OptRef(target), Val::Text(v)) => {
                            Bind::Text(v.as_deref().map(|id| issue(target, id)))
                        }
                        (Col::Later(target), Val::Text(v)) => {
                            if let (Some(id), Some(own)) = (v, &own_id) {
                                later.push((
                                    format!("UPDATE {} SET {col} = $3 WHERE account_id = $1 AND id = $2", t.table.name),
                                    own.clone(),
                                    issue(target, id),
                                ));
                            }
                            Bind::Text(None)
                        }
                        (Col::Keyed, Val::Text(Some(key))) => {
                            let mut key = key.clone();
                            for part in key.clone().split(':') {
                                if let Some(new) = any_renamed.get(part) {
                                    key = key.replace(part, new);
                                }
                            }
                            Bind::Text(Some(key))
                        }
                        (_, Val::Text(v)) => Bind::Text(v.clone()),
                        (_, Val::Int(v)) => Bind::Int(*v),
                        (_, Val::Bool(v)) => Bind::Bool(*v),
                    });
                }
                let mut q = sqlx::query(&sql);
                for b in binds {
                    q = match b {
                        Bind::Text(v) => q.bind(v),
                        Bind::Int(v) => q.bind(v),
                        Bind::Bool(v) => q.bind(v),
                    };
                }
                q.execute(&mut *tx).await.map_err(|e| at_row(t.table.name, n, e))?;
                written += 1;
            }
        }
        for (sql, own, target) in later {
            sqlx::query(&sql)
                .bind(account.as_str())
                .bind(own)
                .bind(target)
                .execute(&mut *tx)
                .await?;
        }
        // A backup made before the status history was kept: as the
        // migration did, each interview's history starts where it stands.
        if !read.iter().any(|t| t.table.name == "status_changes") {
            sqlx::query(
                "INSERT INTO status_changes (id, account_id, interview_id, from_status, to_status, changed_at) \
                 SELECT id || '.0', account_id, id, NULL, status, coalesce(status_changed_at, updated_at) \
                 FROM interviews WHERE account_id = $1",
            )
            .bind(account.as_str())
            .execute(&mut *tx)
            .await?;
        }
        written
    });
    Ok(written)
}
