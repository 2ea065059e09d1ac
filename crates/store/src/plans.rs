//! An interview's question plan and the notes taken against each question.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::ids::{Kind, new_id};
use crate::time;
use chrono::{DateTime, Utc};
use rapport_core::questions::{Priority, builtin};
use serde::Serialize;

/// One planned question, with what was noted during the interview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanItem {
    /// Stable id.
    pub id: String,
    /// The question.
    pub text: String,
    /// The built-in question it came from.
    pub builtin_key: Option<String>,
    /// Order in the plan, from 0.
    pub position: i64,
    /// How much it matters.
    pub priority: Priority,
    /// Minutes planned.
    pub minutes: u32,
    /// Asked during the interview.
    pub asked: bool,
    /// The note taken (the answer).
    pub note: String,
}

#[derive(sqlx::FromRow)]
struct PlanRow {
    id: String,
    text: String,
    builtin_key: Option<String>,
    position: i64,
    priority: i64,
    minutes: i64,
    asked: bool,
    note: Option<String>,
}

/// Where a planned question comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The handout's bank, by key.
    Builtin(String),
    /// One of your own questions, by id.
    Own(String),
}

/// The plan of an interview, in order.
pub async fn list(db: &Db, account: &AccountId, interview_id: &str) -> Result<Vec<PlanItem>> {
    let rows: Vec<PlanRow> = on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT i.id, i.text, i.builtin_key, i.position, i.priority, i.minutes, i.asked, a.body AS note \
             FROM plan_items i LEFT JOIN answers a ON a.plan_item_id = i.id \
             WHERE i.account_id = $1 AND i.interview_id = $2 ORDER BY i.position, i.id",
        )
        .bind(account.as_str())
        .bind(interview_id)
        .fetch_all(pool)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|r| PlanItem {
            id: r.id,
            text: r.text,
            builtin_key: r.builtin_key,
            position: r.position,
            priority: Priority::from_rank(r.priority),
            minutes: u32::try_from(r.minutes).unwrap_or(0),
            asked: r.asked,
            note: r.note.unwrap_or_default(),
        })
        .collect())
}

/// Adds a question at the end of the plan; a question already planned is
/// not added twice. Returns the item's id.
pub async fn add(
    db: &Db,
    account: &AccountId,
    interview_id: &str,
    source: &Source,
    priority: Priority,
    minutes: Option<u32>,
) -> Result<String> {
    let id = new_id();
    let item = in_tx!(db, tx => {
        ensure_owned!(tx, account, Kind::Interview, interview_id);
        let (builtin_key, question_id, text, default_minutes) = match source {
            Source::Builtin(key) => {
                let q = builtin(key).ok_or_else(|| StoreError::NotFound { kind: "question", id: key.clone() })?;
                (Some(q.key.to_owned()), None, q.text.to_owned(), u32::from(q.minutes))
            }
            Source::Own(qid) => {
                let row: Option<(String, i64)> = sqlx::query_as(
                    "SELECT text, minutes FROM questions WHERE account_id = $1 AND id = $2",
                )
                .bind(account.as_str())
                .bind(qid)
                .fetch_optional(&mut *tx)
                .await?;
                let (text, m) = row.ok_or_else(|| StoreError::NotFound { kind: "question", id: qid.clone() })?;
                (None, Some(qid.clone()), text, u32::try_from(m).unwrap_or(2))
            }
        };
        let existing: Option<String> = sqlx::query_scalar(
            "SELECT id FROM plan_items WHERE account_id = $1 AND interview_id = $2 \
             AND (builtin_key = $3 OR question_id = $4) LIMIT 1",
        )
        .bind(account.as_str())
        .bind(interview_id)
        .bind(builtin_key.as_deref())
        .bind(question_id.as_deref())
        .fetch_optional(&mut *tx)
        .await?;
        match existing {
            Some(found) => found,
            None => {
                let next: Option<i64> = sqlx::query_scalar(
                    "SELECT max(position) FROM plan_items WHERE account_id = $1 AND interview_id = $2",
                )
                .bind(account.as_str())
                .bind(interview_id)
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO plan_items (id, account_id, interview_id, question_id, builtin_key, text, \
                     position, priority, minutes, asked) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                )
                .bind(&id)
                .bind(account.as_str())
                .bind(interview_id)
                .bind(question_id.as_deref())
                .bind(builtin_key.as_deref())
                .bind(&text)
                .bind(next.map_or(0, |n| n + 1))
                .bind(priority.rank())
                .bind(i64::from(minutes.unwrap_or(default_minutes)))
                .bind(false)
                .execute(&mut *tx)
                .await?;
                id.clone()
            }
        }
    });
    Ok(item)
}

/// Changes an item's priority and minutes.
pub async fn update(
    db: &Db,
    account: &AccountId,
    interview_id: &str,
    item_id: &str,
    priority: Priority,
    minutes: u32,
) -> Result<()> {
    let changed = in_tx!(db, tx => {
        sqlx::query("UPDATE plan_items SET priority = $3, minutes = $4 WHERE account_id = $1 AND id = $2 AND interview_id = $5")
            .bind(account.as_str())
            .bind(item_id)
            .bind(priority.rank())
            .bind(i64::from(minutes))
            .bind(interview_id)
            .execute(&mut *tx)
            .await?
            .rows_affected()
    });
    found(changed, item_id)
}

fn found(changed: u64, item_id: &str) -> Result<()> {
    if changed == 0 {
        return Err(StoreError::NotFound {
            kind: "planned question",
            id: item_id.to_owned(),
        });
    }
    Ok(())
}

/// Moves an item one place earlier (`up`) or later in its plan.
pub async fn reorder(
    db: &Db,
    account: &AccountId,
    interview_id: &str,
    item_id: &str,
    up: bool,
) -> Result<()> {
    in_tx!(db, tx => {
        let position: Option<i64> = sqlx::query_scalar(
            "SELECT position FROM plan_items WHERE account_id = $1 AND id = $2 AND interview_id = $3",
        )
        .bind(account.as_str())
        .bind(item_id)
        .bind(interview_id)
        .fetch_optional(&mut *tx)
        .await?;
        let position = position.ok_or_else(|| StoreError::NotFound {
            kind: "planned question",
            id: item_id.to_owned(),
        })?;
        let neighbour_sql = if up {
            "SELECT id, position FROM plan_items WHERE account_id = $1 AND interview_id = $2 \
             AND position < $3 ORDER BY position DESC LIMIT 1"
        } else {
            "SELECT id, position FROM plan_items WHERE account_id = $1 AND interview_id = $2 \
             AND position > $3 ORDER BY position LIMIT 1"
        };
        let neighbour: Option<(String, i64)> = sqlx::query_as(neighbour_sql)
            .bind(account.as_str())
            .bind(interview_id)
            .bind(position)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some((other, other_position)) = neighbour {
            for (id, pos) in [(item_id, other_position), (other.as_str(), position)] {
                sqlx::query("UPDATE plan_items SET position = $3 WHERE account_id = $1 AND id = $2")
                    .bind(account.as_str())
                    .bind(id)
                    .bind(pos)
                    .execute(&mut *tx)
                    .await?;
            }
        }
    });
    Ok(())
}

/// Removes an item of `interview_id`'s plan, and its note.
pub async fn remove(db: &Db, account: &AccountId, interview_id: &str, item_id: &str) -> Result<()> {
    let deleted = in_tx!(db, tx => {
        sqlx::query("DELETE FROM plan_items WHERE account_id = $1 AND id = $2 AND interview_id = $3")
            .bind(account.as_str())
            .bind(item_id)
            .bind(interview_id)
            .execute(&mut *tx)
            .await?
            .rows_affected()
    });
    found(deleted, item_id)
}

/// Writes the note and the asked mark of item `$item` of interview
/// `$interview` inside a caller's transaction; `NotFound` when the item is
/// not in that interview's plan.
macro_rules! save_answer {
    ($tx:ident, $account:expr, $interview:expr, $item:expr, $note:expr, $asked:expr, $at:expr) => {{
        let changed = sqlx::query(
            "UPDATE plan_items SET asked = $4 WHERE account_id = $1 AND id = $2 AND interview_id = $3",
        )
        .bind($account.as_str())
        .bind($item)
        .bind($interview)
        .bind($asked)
        .execute(&mut *$tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound {
                kind: "planned question",
                id: $item.to_owned(),
            });
        }
        sqlx::query(
            "INSERT INTO answers (id, account_id, interview_id, plan_item_id, body, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (plan_item_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
        )
        .bind(new_id())
        .bind($account.as_str())
        .bind($interview)
        .bind($item)
        .bind($note)
        .bind($at)
        .execute(&mut *$tx)
        .await?;
    }};
}

/// Saves the note taken against a question, and whether it was asked. Called
/// while typing, so it is one small transaction.
pub async fn save_note(
    db: &Db,
    account: &AccountId,
    interview_id: &str,
    item_id: &str,
    note: &str,
    asked: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    let note = rapport_core::validated::long_text("note", note)?;
    let at = time::encode(now);
    in_tx!(db, tx => {
        save_answer!(tx, account, interview_id, item_id, &note, asked, &at);
    });
    Ok(())
}

/// One question's note and asked mark, as typed in live mode.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The planned question.
    pub item_id: String,
    /// What was noted under it.
    pub note: String,
    /// Whether it was asked.
    pub asked: bool,
}

/// Saves everything typed in live mode at once (the form sent without
/// JavaScript): every answer and the interview's general notes, in one
/// transaction, so a refused value saves none of them.
pub async fn save_live(
    db: &Db,
    account: &AccountId,
    interview_id: &str,
    answers: &[Answer],
    notes: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut errors = rapport_core::FieldErrors::new();
    let notes = errors.check(rapport_core::validated::long_text("notes", notes));
    let checked: Vec<Option<String>> = answers
        .iter()
        .map(|a| errors.check(rapport_core::validated::long_text("note", &a.note)))
        .collect();
    errors.finish()?;
    let notes = notes.unwrap_or_default();
    let at = time::encode(now);
    in_tx!(db, tx => {
        let changed = sqlx::query(
            "UPDATE interviews SET notes = $3, updated_at = $4 WHERE account_id = $1 AND id = $2",
        )
        .bind(account.as_str())
        .bind(interview_id)
        .bind(&notes)
        .bind(&at)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound {
                kind: "interview",
                id: interview_id.to_owned(),
            });
        }
        for (answer, note) in answers.iter().zip(&checked) {
            let note = note.as_deref().unwrap_or_default();
            save_answer!(tx, account, interview_id, &answer.item_id, note, answer.asked, &at);
        }
    });
    Ok(())
}
