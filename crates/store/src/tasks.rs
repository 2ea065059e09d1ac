//! Tasks: what to do next, each with its reason.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::ids::{Kind, new_id};
use crate::{Page, time};
use chrono::{DateTime, Utc};
use rapport_core::people::Ref;
use rapport_core::tasks::{Task, TaskInput, TaskRule};

pub(crate) const SELECT: &str = "SELECT t.id, t.title, t.rule, t.reason, t.due_at, t.done_at, \
     t.person_id, p.name AS person_name, t.interview_id, t.created_at, t.updated_at \
     FROM tasks t LEFT JOIN people p ON p.id = t.person_id";

#[derive(sqlx::FromRow)]
pub(crate) struct TaskRow {
    id: String,
    title: String,
    rule: String,
    reason: String,
    due_at: Option<String>,
    done_at: Option<String>,
    person_id: Option<String>,
    person_name: Option<String>,
    interview_id: Option<String>,
    created_at: String,
    updated_at: String,
}

impl TaskRow {
    pub(crate) fn into_task(self) -> Result<Task> {
        Ok(Task {
            rule: TaskRule::parse(&self.rule).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            due_at: time::decode_opt(self.due_at.as_deref())?,
            done_at: time::decode_opt(self.done_at.as_deref())?,
            created_at: time::decode(&self.created_at)?,
            updated_at: time::decode(&self.updated_at)?,
            person: self.person_id.map(|id| Ref {
                id,
                name: self.person_name.unwrap_or_default(),
            }),
            id: self.id,
            title: self.title,
            reason: self.reason,
            interview_id: self.interview_id,
        })
    }
}

/// Which tasks to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Show {
    /// Not done yet.
    #[default]
    Open,
    /// Done.
    Done,
    /// Both.
    All,
}

/// Lists tasks: open ones soonest due first (undated last), done ones most
/// recently done first.
pub async fn list(db: &Db, account: &AccountId, show: Show, page: Page) -> Result<Vec<Task>> {
    let (clause, order) = match show {
        Show::Open => (
            "AND t.done_at IS NULL",
            "t.due_at NULLS LAST, t.created_at, t.id",
        ),
        Show::Done => ("AND t.done_at IS NOT NULL", "t.done_at DESC, t.id"),
        Show::All => (
            "",
            "t.done_at NULLS FIRST, t.due_at NULLS LAST, t.created_at, t.id",
        ),
    };
    let sql =
        format!("{SELECT} WHERE t.account_id = $1 {clause} ORDER BY {order} LIMIT $2 OFFSET $3");
    let rows: Vec<TaskRow> = on_pool!(db, pool => {
        sqlx::query_as(&sql)
            .bind(account.as_str())
            .bind(page.limit())
            .bind(page.offset())
            .fetch_all(pool)
            .await?
    });
    rows.into_iter().map(TaskRow::into_task).collect()
}

/// One task.
pub async fn show(db: &Db, account: &AccountId, id: &str) -> Result<Task> {
    let sql = format!("{SELECT} WHERE t.account_id = $1 AND t.id = $2");
    let row: Option<TaskRow> = on_pool!(db, pool => {
        sqlx::query_as(&sql).bind(account.as_str()).bind(id).fetch_optional(pool).await?
    });
    row.ok_or_else(|| StoreError::NotFound {
        kind: "task",
        id: id.to_owned(),
    })?
    .into_task()
}

macro_rules! check_owners {
    ($tx:ident, $account:expr, $input:expr) => {{
        if let Some(person) = &$input.person_id {
            ensure_owned!($tx, $account, Kind::Person, person);
        }
        if let Some(interview) = &$input.interview_id {
            ensure_owned!($tx, $account, Kind::Interview, interview);
        }
    }};
}

/// Adds a task.
pub async fn create(
    db: &Db,
    account: &AccountId,
    input: &TaskInput,
    now: DateTime<Utc>,
) -> Result<Task> {
    let id = new_id();
    in_tx!(db, tx => {
        check_owners!(tx, account, input);
        sqlx::query(
            "INSERT INTO tasks (id, account_id, title, rule, reason, due_at, person_id, interview_id, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
        )
        .bind(&id)
        .bind(account.as_str())
        .bind(&input.title)
        .bind(input.rule.as_str())
        .bind(&input.reason)
        .bind(time::encode_opt(input.due_at))
        .bind(input.person_id.as_deref())
        .bind(input.interview_id.as_deref())
        .bind(time::encode(now))
        .execute(&mut *tx)
        .await?;
    });
    show(db, account, &id).await
}

/// Replaces a task's title, reason, due time and links.
pub async fn update(
    db: &Db,
    account: &AccountId,
    id: &str,
    input: &TaskInput,
    now: DateTime<Utc>,
) -> Result<Task> {
    in_tx!(db, tx => {
        ensure_owned!(tx, account, Kind::Task, id);
        check_owners!(tx, account, input);
        sqlx::query(
            "UPDATE tasks SET title = $3, reason = $4, due_at = $5, person_id = $6, interview_id = $7, \
             updated_at = $8 WHERE account_id = $1 AND id = $2",
        )
        .bind(account.as_str())
        .bind(id)
        .bind(&input.title)
        .bind(&input.reason)
        .bind(time::encode_opt(input.due_at))
        .bind(input.person_id.as_deref())
        .bind(input.interview_id.as_deref())
        .bind(time::encode(now))
        .execute(&mut *tx)
        .await?;
    });
    show(db, account, id).await
}

/// Marks a task done (`done = true`) or open again.
pub async fn set_done(
    db: &Db,
    account: &AccountId,
    id: &str,
    done: bool,
    now: DateTime<Utc>,
) -> Result<Task> {
    let at = time::encode(now);
    let changed = in_tx!(db, tx => {
        sqlx::query("UPDATE tasks SET done_at = $3, updated_at = $4 WHERE account_id = $1 AND id = $2")
            .bind(account.as_str())
            .bind(id)
            .bind(done.then_some(at.as_str()))
            .bind(&at)
            .execute(&mut *tx)
            .await?
            .rows_affected()
    });
    if changed == 0 {
        return Err(StoreError::NotFound {
            kind: "task",
            id: id.to_owned(),
        });
    }
    show(db, account, id).await
}

/// Deletes a task.
pub async fn delete(db: &Db, account: &AccountId, id: &str) -> Result<()> {
    crate::ids::delete(db, account, Kind::Task, id).await
}

/// Marks a task done: a stored task by id, or a rule task by its key.
pub async fn complete(db: &Db, account: &AccountId, id: &str, now: DateTime<Utc>) -> Result<()> {
    if crate::rule_tasks::is_rule_key(id) {
        crate::rule_tasks::set_state(db, account, id, true, None, now).await
    } else {
        set_done(db, account, id, true, now).await.map(|_| ())
    }
}

/// Snoozes task `id` (stored or a rule's) by `by`, counted from its due
/// time while that is still ahead, so a snooze never brings it earlier;
/// returns the new due time.
pub async fn snooze_by(
    db: &Db,
    account: &AccountId,
    id: &str,
    by: chrono::Duration,
    now: DateTime<Utc>,
    zone: rapport_core::validated::TimeZone,
) -> Result<DateTime<Utc>> {
    let not_found = || StoreError::NotFound {
        kind: "task",
        id: id.to_owned(),
    };
    let due = if crate::rule_tasks::is_rule_key(id) {
        crate::rule_tasks::open(db, account, now, zone, crate::today::ALL_TASKS)
            .await?
            .into_iter()
            .find(|t| t.id == id)
            .ok_or_else(not_found)?
            .due_at
    } else {
        let due: Option<Option<String>> = on_pool!(db, pool => {
            sqlx::query_scalar(
                "SELECT due_at FROM tasks WHERE account_id = $1 AND id = $2 AND done_at IS NULL",
            )
            .bind(account.as_str())
            .bind(id)
            .fetch_optional(pool)
            .await?
        });
        time::decode_opt(due.ok_or_else(not_found)?.as_deref())?
    };
    let until = rapport_core::tasks::snoozed_until(due, now, by);
    snooze(db, account, id, until, now).await?;
    Ok(until)
}

/// Puts a task off until `until`: a stored task's due time moves; a rule
/// task is hidden behind its snooze until then.
pub async fn snooze(
    db: &Db,
    account: &AccountId,
    id: &str,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<()> {
    if crate::rule_tasks::is_rule_key(id) {
        return crate::rule_tasks::set_state(db, account, id, false, Some(until), now).await;
    }
    let changed = in_tx!(db, tx => {
        sqlx::query("UPDATE tasks SET due_at = $3, updated_at = $4 WHERE account_id = $1 AND id = $2 AND done_at IS NULL")
            .bind(account.as_str())
            .bind(id)
            .bind(time::encode(until))
            .bind(time::encode(now))
            .execute(&mut *tx)
            .await?
            .rows_affected()
    });
    if changed == 0 {
        return Err(StoreError::NotFound {
            kind: "task",
            id: id.to_owned(),
        });
    }
    Ok(())
}
