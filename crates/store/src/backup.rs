//! The full backup: every row of an account as one JSON document, and the
//! way back into an empty account (on either backend). Ids are made anew on
//! the way in, and every reference follows them.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::ids::new_id;
use chrono::{DateTime, Utc};
use rapport_core::FieldError;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// What a column holds, for reading and writing it on either backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Text,
    OptText,
    Int,
    OptInt,
    Bool,
    /// The row's own id.
    Id,
    /// The owning account: not exported, set on the way in.
    Account,
    /// A reference to a row of the named table.
    Ref(&'static str),
    /// A nullable reference.
    OptRef(&'static str),
    /// A reference written after every table is in (self and forward references).
    Later(&'static str),
    /// Text holding ids (a rule task's key): ids inside are remapped.
    Keyed,
}

use Col::*;

struct Table {
    name: &'static str,
    order: &'static str,
    cols: &'static [(&'static str, Col)],
}

/// Every table of an account, parents before children.
const TABLES: &[Table] = &[
    Table {
        name: "profiles",
        order: "account_id",
        cols: &[
            ("account_id", Account),
            ("interests", Text),
            ("abilities", Text),
            ("self_values", Text),
            ("skills", Text),
            ("goals", Text),
            ("answer_why_this_work", Text),
            ("answer_why_good_at_it", Text),
            ("answer_this_employer", Text),
            ("answer_work_history", Text),
            ("answer_want_from_contact", Text),
            ("signature_name", Text),
            ("signature_address", Text),
            ("signature_phone", Text),
            ("signature_email", Text),
            ("updated_at", Text),
        ],
    },
    Table {
        name: "fields",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("title", Text),
            ("onet_code", OptText),
            ("status", Text),
            ("notes", Text),
            ("fit_interests", Text),
            ("fit_abilities", Text),
            ("fit_values", Text),
            ("fit_skills", Text),
            ("created_at", Text),
            ("updated_at", Text),
        ],
    },
    Table {
        name: "field_research",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("field_id", Ref("fields")),
            ("source", Text),
            ("note", Text),
            ("position", Int),
        ],
    },
    Table {
        name: "organizations",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("name", Text),
            ("website", OptText),
            ("products", Text),
            ("entry_level_jobs", Text),
            ("hiring_procedure", Text),
            ("org_values", Text),
            ("outlook", Text),
            ("notes", Text),
            ("created_at", Text),
            ("updated_at", Text),
        ],
    },
    Table {
        name: "organization_research",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("organization_id", Ref("organizations")),
            ("source", Text),
            ("note", Text),
            ("position", Int),
        ],
    },
    Table {
        name: "people",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("name", Text),
            ("organization_id", OptRef("organizations")),
            ("title", OptText),
            ("notes", Text),
            ("source", Text),
            ("hiring_authority", Bool),
            ("referred_by_id", Later("people")),
            ("may_name_referrer", Bool),
            ("business_card", Bool),
            ("stay_in_touch", Bool),
            ("cadence_days", OptInt),
            ("connected_on", OptText),
            ("referred_in_interview_id", Later("interviews")),
            ("created_at", Text),
            ("updated_at", Text),
        ],
    },
    Table {
        name: "person_contacts",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("person_id", Ref("people")),
            ("kind", Text),
            ("value", Text),
            ("position", Int),
        ],
    },
    Table {
        name: "person_tags",
        order: "person_id, tag",
        cols: &[
            ("account_id", Account),
            ("person_id", Ref("people")),
            ("tag", Text),
            ("position", Int),
        ],
    },
    Table {
        name: "resumes",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("label", Text),
            ("location", Text),
            ("created_at", Text),
        ],
    },
    Table {
        name: "interviews",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("person_id", Ref("people")),
            ("organization_id", OptRef("organizations")),
            ("mode", Text),
            ("place", Text),
            ("directions", Text),
            ("starts_at", OptText),
            ("time_zone", Text),
            ("length_minutes", Int),
            ("status", Text),
            ("notes", Text),
            ("prep_answers", Bool),
            ("prep_resume", Bool),
            ("prep_clothes", Bool),
            ("prep_directions", Bool),
            ("qualifications_sought", Text),
            ("created_at", Text),
            ("updated_at", Text),
        ],
    },
    Table {
        name: "interview_fields",
        order: "interview_id, field_id",
        cols: &[
            ("account_id", Account),
            ("interview_id", Ref("interviews")),
            ("field_id", Ref("fields")),
        ],
    },
    Table {
        name: "questions",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("text", Text),
            ("topic", Text),
            ("minutes", Int),
            ("created_at", Text),
        ],
    },
    Table {
        name: "plan_items",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("interview_id", Ref("interviews")),
            ("question_id", OptRef("questions")),
            ("builtin_key", OptText),
            ("text", Text),
            ("position", Int),
            ("priority", Int),
            ("minutes", Int),
            ("asked", Bool),
        ],
    },
    Table {
        name: "answers",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("interview_id", Ref("interviews")),
            ("plan_item_id", Ref("plan_items")),
            ("body", Text),
            ("updated_at", Text),
        ],
    },
    Table {
        name: "interview_notes",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("interview_id", Ref("interviews")),
            ("kind", Text),
            ("body", Text),
            ("created_at", Text),
            ("updated_at", Text),
        ],
    },
    Table {
        name: "reflections",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("interview_id", Ref("interviews")),
            ("learned_positive", Text),
            ("learned_negative", Text),
            ("fit_with_self", Text),
            ("still_to_learn", Text),
            ("plan_of_action", Text),
            ("field_fit_rating", OptInt),
            ("likability_rating", OptInt),
            ("setting_rating", OptInt),
            ("created_at", Text),
            ("updated_at", Text),
        ],
    },
    Table {
        name: "correspondence",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("person_id", Ref("people")),
            ("interview_id", OptRef("interviews")),
            ("channel", Text),
            ("direction", Text),
            ("kind", Text),
            ("outcome", Text),
            ("occurred_at", Text),
            ("subject", Text),
            ("body", Text),
            ("created_at", Text),
        ],
    },
    Table {
        name: "tasks",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("title", Text),
            ("rule", Text),
            ("rule_key", OptText),
            ("reason", Text),
            ("due_at", OptText),
            ("done_at", OptText),
            ("snoozed_until", OptText),
            ("person_id", OptRef("people")),
            ("interview_id", OptRef("interviews")),
            ("created_at", Text),
            ("updated_at", Text),
        ],
    },
    Table {
        name: "casual_conversations",
        order: "id",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("occurred_on", Text),
            ("who", Text),
            ("place", Text),
            ("learned", Text),
            ("person_id", OptRef("people")),
            ("created_at", Text),
        ],
    },
    Table {
        name: "letter_templates",
        order: "key",
        cols: &[
            ("id", Id),
            ("account_id", Account),
            ("key", Text),
            ("name", Text),
            ("purpose", Text),
            ("channel", Text),
            ("subject", Text),
            ("body", Text),
            ("created_at", Text),
            ("updated_at", Text),
        ],
    },
    Table {
        name: "rule_task_states",
        order: "rule_key",
        cols: &[
            ("account_id", Account),
            ("rule_key", Keyed),
            ("done_at", OptText),
            ("snoozed_until", OptText),
            ("updated_at", Text),
        ],
    },
];

/// The name and version of the document format.
pub const FORMAT: &str = "rapport-backup";
/// Bumped when the document's shape changes.
pub const VERSION: i64 = 1;

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
            Account => continue,
            Text | Id | Ref(_) | Keyed => Value::String(row.try_get::<String, _>(i)?),
            OptText | OptRef(_) | Later(_) => row
                .try_get::<Option<String>, _>(i)?
                .map_or(Value::Null, Value::String),
            Int => Value::from(row.try_get::<i64, _>(i)?),
            OptInt => row
                .try_get::<Option<i64>, _>(i)?
                .map_or(Value::Null, Value::from),
            Bool => Value::Bool(row.try_get::<bool, _>(i)?),
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

/// Checks a value the way the forms would have, so a crafted backup cannot
/// store what the interface would refuse (a `javascript:` link, an unknown
/// status that would break Today).
fn check_value(
    table: &str,
    col: &str,
    value: &str,
    row: &Map<String, Value>,
) -> std::result::Result<(), String> {
    use rapport_core::correspondence::{Channel, Direction, Outcome, Purpose};
    use rapport_core::fields::{FieldSource, FieldStatus};
    use rapport_core::interviews::Mode;
    use rapport_core::organizations::ResearchSource;
    use rapport_core::people::Source;
    use rapport_core::tasks::TaskRule;
    use rapport_core::validated::{Email, Phone, TimeZone, WebUrl};
    fn unit<T>(r: std::result::Result<T, FieldError>) -> std::result::Result<(), String> {
        r.map(|_| ()).map_err(|e| e.message)
    }
    if col.ends_with("_at") {
        return chrono::DateTime::parse_from_rfc3339(value)
            .map(|_| ())
            .map_err(|e| format!("\"{value}\" is not an instant: {e}"));
    }
    match (table, col) {
        ("people", "source") => unit(Source::parse(value)),
        ("interviews", "status") => rapport_core::pipeline::Status::parse(value)
            .map(|_| ())
            .ok_or_else(|| format!("\"{value}\" is not a status")),
        ("interviews", "mode") => unit(Mode::parse(value)),
        ("interviews", "time_zone") => unit(TimeZone::parse(value)),
        ("fields", "status") => unit(FieldStatus::parse(value)),
        ("field_research", "source") => unit(FieldSource::parse(value)),
        ("organization_research", "source") => unit(ResearchSource::parse(value)),
        ("organizations", "website") => unit(WebUrl::parse("website", value)),
        ("correspondence", "channel") | ("letter_templates", "channel") => {
            unit(Channel::parse(value))
        }
        ("correspondence", "direction") => unit(Direction::parse(value)),
        ("correspondence", "kind") | ("letter_templates", "purpose") => unit(Purpose::parse(value)),
        ("correspondence", "outcome") => unit(Outcome::parse(value)),
        ("tasks", "rule") => unit(TaskRule::parse(value)),
        ("person_contacts", "value") => match row.get("kind").and_then(Value::as_str) {
            Some("email") => unit(Email::parse("email", value)),
            Some("phone") => unit(Phone::parse("phone", value)),
            Some("link") => unit(WebUrl::parse("link", value)),
            other => Err(format!("{other:?} is not a kind of contact")),
        },
        _ => Ok(()),
    }
}

/// A value to bind, owned so the macro body can borrow it.
enum Bind {
    Text(Option<String>),
    Int(Option<i64>),
    Bool(bool),
}

/// What each table brings, checked and with its ids remapped.
struct Prepared {
    sql: String,
    rows: Vec<Vec<Bind>>,
    later: Vec<(String, Vec<Bind>)>,
}

fn prepare(doc: &Value, account: &AccountId) -> Result<Vec<Prepared>> {
    if doc.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(bad(
            "this is not a rapport backup (its \"format\" is not rapport-backup)",
        ));
    }
    if doc.get("version").and_then(Value::as_i64) != Some(VERSION) {
        return Err(bad(format!("only version {VERSION} backups can be read")));
    }
    let tables = doc
        .get("tables")
        .and_then(Value::as_object)
        .ok_or_else(|| bad("the backup has no tables"))?;
    // New ids first, for every table, so references can point forward.
    let mut ids: HashMap<String, String> = HashMap::new();
    for t in TABLES {
        if let Some(rows) = tables.get(t.name).and_then(Value::as_array) {
            for row in rows {
                if let Some(old) = row.get("id").and_then(Value::as_str) {
                    ids.insert(old.to_owned(), new_id());
                }
            }
        }
    }
    let mut out = Vec::new();
    for t in TABLES {
        let rows = match tables.get(t.name) {
            None | Some(Value::Null) => continue,
            Some(Value::Array(rows)) => rows,
            Some(_) => return Err(bad(format!("{} is not a list", t.name))),
        };
        let names: Vec<&str> = t.cols.iter().map(|(n, _)| *n).collect();
        let placeholders: Vec<String> = (1..=names.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            t.name,
            names.join(", "),
            placeholders.join(", ")
        );
        let mut prepared = Prepared {
            sql,
            rows: Vec::new(),
            later: Vec::new(),
        };
        for (n, row) in rows.iter().enumerate() {
            let row = row
                .as_object()
                .ok_or_else(|| bad(format!("{} row {} is not an object", t.name, n + 1)))?;
            let where_ = |col: &str| format!("{} row {}, {col}", t.name, n + 1);
            let text = |col: &str| -> Result<Option<String>> {
                match row.get(col) {
                    None | Some(Value::Null) => Ok(None),
                    Some(Value::String(s)) => {
                        check_value(t.name, col, s, row)
                            .map_err(|why| bad(format!("{}: {why}", where_(col))))?;
                        Ok(Some(s.clone()))
                    }
                    Some(_) => Err(bad(format!("{} should be text", where_(col)))),
                }
            };
            let remap = |col: &str, target: &str, old: Option<String>| -> Result<Option<String>> {
                old.map(|o| {
                    ids.get(&o).cloned().ok_or_else(|| {
                        bad(format!("{} refers to a missing {target} {o}", where_(col)))
                    })
                })
                .transpose()
            };
            let mut binds = Vec::new();
            let mut later_binds = Vec::new();
            for (col, kind) in t.cols {
                let required =
                    |v: Option<String>| v.ok_or_else(|| bad(format!("{} is missing", where_(col))));
                binds.push(match kind {
                    Account => Bind::Text(Some(account.as_str().to_owned())),
                    Text => Bind::Text(Some(required(text(col)?)?)),
                    OptText => Bind::Text(text(col)?),
                    Id => Bind::Text(remap(col, t.name, Some(required(text(col)?)?))?),
                    Ref(target) => Bind::Text(Some(required(remap(col, target, text(col)?)?)?)),
                    OptRef(target) => Bind::Text(remap(col, target, text(col)?)?),
                    Later(target) => {
                        if let Some(new) = remap(col, target, text(col)?)? {
                            later_binds.push((*col, new));
                        }
                        Bind::Text(None)
                    }
                    Keyed => {
                        let mut key = required(text(col)?)?;
                        for part in key.clone().split(':') {
                            if let Some(new) = ids.get(part) {
                                key = key.replace(part, new);
                            }
                        }
                        Bind::Text(Some(key))
                    }
                    Int | OptInt => match row.get(*col) {
                        None | Some(Value::Null) if *kind == OptInt => Bind::Int(None),
                        Some(v) => Bind::Int(Some(v.as_i64().ok_or_else(|| {
                            bad(format!("{} should be a whole number", where_(col)))
                        })?)),
                        None => return Err(bad(format!("{} is missing", where_(col)))),
                    },
                    Bool => {
                        Bind::Bool(row.get(*col).and_then(Value::as_bool).ok_or_else(|| {
                            bad(format!("{} should be true or false", where_(col)))
                        })?)
                    }
                });
            }
            for (col, new) in later_binds {
                let own = match &binds[0] {
                    Bind::Text(Some(id)) => id.clone(),
                    _ => return Err(bad(format!("{} has no id", where_(col)))),
                };
                prepared.later.push((
                    format!("UPDATE {} SET {col} = $2 WHERE id = $1", t.name),
                    vec![Bind::Text(Some(own)), Bind::Text(Some(new))],
                ));
            }
            prepared.rows.push(binds);
        }
        out.push(prepared);
    }
    Ok(out)
}

/// Checks a backup document without writing anything; returns how many rows
/// it would restore. The whole document is read before anything is written.
pub fn check(doc: &Value) -> Result<usize> {
    let probe = AccountId::from_stored(String::new());
    Ok(prepare(doc, &probe)?.iter().map(|t| t.rows.len()).sum())
}

/// Counts the account's records in every table a backup fills (profiles
/// aside: an empty profile row is replaced). Read inside the restoring
/// transaction, so two restores at once cannot both find the account empty.
fn count_records_sql() -> String {
    let parts: Vec<String> = TABLES
        .iter()
        .filter(|t| t.name != "profiles")
        .map(|t| format!("(SELECT count(*) FROM {} WHERE account_id = $1)", t.name))
        .collect();
    format!("SELECT {}", parts.join(" + "))
}

/// Restores a backup into an empty account, in one transaction. Returns
/// the number of rows written.
pub async fn restore(db: &Db, account: &AccountId, doc: &Value) -> Result<usize> {
    let prepared = prepare(doc, account)?;
    let count = count_records_sql();
    let written = in_tx!(db, tx => {
        let existing: i64 = sqlx::query_scalar(&count).bind(account.as_str()).fetch_one(&mut *tx).await?;
        if existing > 0 {
            return Err(bad("a backup is restored only into an empty workbench; this one already has records"));
        }
        let mut written = 0;
        // The empty profile row a new account may have is replaced by the backup's.
        sqlx::query("DELETE FROM profiles WHERE account_id = $1").bind(account.as_str()).execute(&mut *tx).await?;
        let mut later = Vec::new();
        for table in &prepared {
            for row in &table.rows {
                let mut q = sqlx::query(&table.sql);
                for b in row {
                    q = match b {
                        Bind::Text(v) => q.bind(v.as_deref()),
                        Bind::Int(v) => q.bind(*v),
                        Bind::Bool(v) => q.bind(*v),
                    };
                }
                q.execute(&mut *tx).await?;
                written += 1;
            }
            later.extend(table.later.iter());
        }
        for (sql, binds) in later {
            let mut q = sqlx::query(sql);
            for b in binds {
                if let Bind::Text(v) = b {
                    q = q.bind(v.as_deref());
                }
            }
            q.execute(&mut *tx).await?;
        }
        written
    });
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
