//! Résumé versions to bring to interviews (a file or a link each).

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::Result;
use crate::ids::{Kind, new_id};
use crate::time;
use chrono::{DateTime, Utc};
use rapport_core::FieldErrors;
use rapport_core::validated::required_line;
use serde::Serialize;

/// One version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Resume {
    /// Id.
    pub id: String,
    /// What it is ("Data analyst, one page").
    pub label: String,
    /// Where it is: a file path or a link.
    pub location: String,
}

/// Checks and adds a version.
pub async fn create(
    db: &Db,
    account: &AccountId,
    label: &str,
    location: &str,
    now: DateTime<Utc>,
) -> Result<Resume> {
    let mut errors = FieldErrors::new();
    let label = errors.check(required_line("label", label));
    let location = errors.check(required_line("location", location));
    let (Some(label), Some(location)) = (label, location) else {
        return Err(errors.into());
    };
    let id = new_id();
    in_tx!(db, tx => {
        sqlx::query("INSERT INTO resumes (id, account_id, label, location, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(&id)
            .bind(account.as_str())
            .bind(&label)
            .bind(&location)
            .bind(time::encode(now))
            .execute(&mut *tx)
            .await?;
    });
    Ok(Resume {
        id,
        label,
        location,
    })
}

/// The versions, oldest first.
pub async fn list(db: &Db, account: &AccountId) -> Result<Vec<Resume>> {
    Ok(on_pool!(db, pool => {
        sqlx::query_as("SELECT id, label, location FROM resumes WHERE account_id = $1 ORDER BY created_at, id LIMIT 50")
            .bind(account.as_str())
            .fetch_all(pool)
            .await?
    }))
}

/// Deletes a version.
pub async fn delete(db: &Db, account: &AccountId, id: &str) -> Result<()> {
    crate::ids::delete(db, account, Kind::Resume, id).await
}
