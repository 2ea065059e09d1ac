//! Accounts: the owner of every row. Local mode has a single account, made on
//! first use; server mode (a later capability) adds signed-in accounts.

use crate::db::Db;
use crate::error::Result;
use crate::ids::new_id;
use crate::time;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// The id of the account that owns the rows a call reads or writes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct AccountId(String);

impl AccountId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn from_stored(id: String) -> Self {
        Self(id)
    }
}

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The single account of local mode.
    Local,
    /// A student on a career center's server.
    Student,
    /// A counselor who sees shared progress.
    Counselor,
    /// An administrator.
    Admin,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Local => "local",
            Kind::Student => "student",
            Kind::Counselor => "counselor",
            Kind::Admin => "admin",
        }
    }
}

/// The local account, created on first use. Safe to call from many
/// processes at once: a unique index allows only one local account.
pub async fn local(db: &Db, now: DateTime<Utc>) -> Result<AccountId> {
    const FIND: &str = "SELECT id FROM accounts WHERE kind = 'local'";
    if let Some(id) =
        on_pool!(db, pool => sqlx::query_scalar::<_, String>(FIND).fetch_optional(pool).await?)
    {
        return Ok(AccountId(id));
    }
    let id = in_tx!(db, tx => {
        sqlx::query(
            "INSERT INTO accounts (id, kind, display_name, created_at) VALUES ($1, 'local', '', $2) \
             ON CONFLICT DO NOTHING",
        )
        .bind(new_id())
        .bind(time::encode(now))
        .execute(&mut *tx)
        .await?;
        sqlx::query_scalar::<_, String>(FIND).fetch_one(&mut *tx).await?
    });
    Ok(AccountId(id))
}

/// Creates a signed-in account (server mode) and returns its id.
pub async fn create(db: &Db, kind: Kind, email: &str, now: DateTime<Utc>) -> Result<AccountId> {
    let id = new_id();
    in_tx!(db, tx => {
        sqlx::query("INSERT INTO accounts (id, kind, email, created_at) VALUES ($1, $2, $3, $4)")
            .bind(&id)
            .bind(kind.as_str())
            .bind(email)
            .bind(time::encode(now))
            .execute(&mut *tx)
            .await?;
    });
    Ok(AccountId(id))
}
