//! Record ids: UUIDv7 made by the program, and lookup by a unique prefix so
//! people can type the first characters of an id on the command line.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::{Result, StoreError};

/// A new, time-ordered id.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The kinds of record that can be looked up by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A person.
    Person,
    /// An organization.
    Organization,
    /// A field (occupation).
    Field,
    /// An interview.
    Interview,
    /// A task.
    Task,
    /// A casual conversation.
    Conversation,
    /// A question of your own.
    Question,
    /// An item of a question plan.
    PlanItem,
    /// A résumé version.
    Resume,
}

impl Kind {
    fn table(self) -> &'static str {
        match self {
            Kind::Person => "people",
            Kind::Organization => "organizations",
            Kind::Field => "fields",
            Kind::Interview => "interviews",
            Kind::Task => "tasks",
            Kind::Conversation => "casual_conversations",
            Kind::Question => "questions",
            Kind::PlanItem => "plan_items",
            Kind::Resume => "resumes",
        }
    }

    /// The record's name in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Field => "field",
            Kind::Interview => "interview",
            Kind::Task => "task",
            Kind::Conversation => "conversation",
            Kind::Question => "question",
            Kind::PlanItem => "planned question",
            Kind::Resume => "résumé",
        }
    }
}

/// The full id of the one `kind` record of `account` whose id starts with
/// `prefix` (at least 4 characters, or the whole id).
pub async fn resolve(db: &Db, account: &AccountId, kind: Kind, prefix: &str) -> Result<String> {
    let prefix = prefix.trim().to_ascii_lowercase();
    let not_found = || StoreError::NotFound {
        kind: kind.noun(),
        id: prefix.clone(),
    };
    if prefix.len() < 4 || !prefix.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(not_found());
    }
    let sql = format!(
        "SELECT id FROM {} WHERE account_id = $1 AND id LIKE $2 ORDER BY id LIMIT 2",
        kind.table()
    );
    let pattern = format!("{prefix}%");
    let found: Vec<String> = on_pool!(db, pool => {
        sqlx::query_scalar(&sql).bind(account.as_str()).bind(&pattern).fetch_all(pool).await?
    });
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(not_found()),
        _ => Err(StoreError::Ambiguous {
            kind: kind.noun(),
            id: prefix,
        }),
    }
}

pub(crate) fn owned_sql(kind: Kind) -> String {
    format!(
        "SELECT count(*) FROM {} WHERE account_id = $1 AND id = $2",
        kind.table()
    )
}

/// `$1`-style placeholders `$from, $from+1, …` for an `IN (…)` list of `n` values.
pub(crate) fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Deletes one `kind` record of `account`; what refers to it follows the
/// schema's `ON DELETE` rules.
pub(crate) async fn delete(db: &Db, account: &AccountId, kind: Kind, id: &str) -> Result<()> {
    let sql = format!(
        "DELETE FROM {} WHERE account_id = $1 AND id = $2",
        kind.table()
    );
    let deleted = in_tx!(db, tx => {
        sqlx::query(&sql)
            .bind(account.as_str())
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected()
    });
    if deleted == 0 {
        return Err(StoreError::NotFound {
            kind: kind.noun(),
            id: id.to_owned(),
        });
    }
    Ok(())
}
