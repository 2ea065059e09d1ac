//! Questions of your own, kept beside the handout's built-in bank.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::Result;
use crate::ids::{Kind, new_id};
use crate::time;
use chrono::{DateTime, Utc};
use rapport_core::questions::OwnQuestion;
use serde::Serialize;

/// A question of your own as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Question {
    /// Stable id.
    pub id: String,
    /// The question.
    pub text: String,
    /// Minutes it usually takes.
    pub minutes: i64,
}

/// Adds a question of your own.
pub async fn create(
    db: &Db,
    account: &AccountId,
    q: &OwnQuestion,
    now: DateTime<Utc>,
) -> Result<Question> {
    let id = new_id();
    in_tx!(db, tx => {
        sqlx::query(
            "INSERT INTO questions (id, account_id, text, topic, minutes, created_at) VALUES ($1, $2, $3, 'own', $4, $5)",
        )
        .bind(&id)
        .bind(account.as_str())
        .bind(&q.text)
        .bind(i64::from(q.minutes))
        .bind(time::encode(now))
        .execute(&mut *tx)
        .await?;
    });
    Ok(Question {
        id,
        text: q.text.clone(),
        minutes: i64::from(q.minutes),
    })
}

/// Your questions, oldest first (at most 500).
pub async fn list(db: &Db, account: &AccountId) -> Result<Vec<Question>> {
    Ok(on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT id, text, minutes FROM questions WHERE account_id = $1 ORDER BY created_at, id LIMIT 500",
        )
        .bind(account.as_str())
        .fetch_all(pool)
        .await?
    }))
}

/// Deletes a question of your own; plans that used it keep their copy.
pub async fn delete(db: &Db, account: &AccountId, id: &str) -> Result<()> {
    crate::ids::delete(db, account, Kind::Question, id).await
}
