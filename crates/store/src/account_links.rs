//! One-time links: an invitation to sign up, and a link to set a password
//! (after an admin made the account or reset it). The token is in the link
//! only; the database keeps its hash, and using the link deletes it in the
//! same transaction as what it does.

use crate::accounts::{self, AccountId, Kind};
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::ids::new_id;
use crate::{secrets, time};
use chrono::{DateTime, Duration, Utc};

/// How long an invitation stays open.
pub const INVITE_FOR: Duration = Duration::days(14);
/// How long a password link stays open.
pub const RESET_FOR: Duration = Duration::days(2);

fn gone() -> StoreError {
    StoreError::NotFound {
        kind: "link",
        id: "this link has been used or has expired".to_owned(),
    }
}

/// Invites `email` to sign up as a student; returns the link's token. An
/// earlier invitation of the same address is replaced.
pub async fn invite(db: &Db, email: &str, now: DateTime<Utc>) -> Result<String> {
    let email = accounts::normal_email(email);
    if accounts::by_email(db, &email).await?.is_some() {
        return Err(accounts::email_taken(&email));
    }
    let token = secrets::new_token()?;
    in_tx!(db, tx => {
        sqlx::query("DELETE FROM account_links WHERE purpose = 'invite' AND email = $1")
            .bind(&email)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO account_links (token_hash, purpose, email, created_at, expires_at) \
             VALUES ($1, 'invite', $2, $3, $4)",
        )
        .bind(secrets::hash(&token))
        .bind(&email)
        .bind(time::encode(now))
        .bind(time::encode(now + INVITE_FOR))
        .execute(&mut *tx)
        .await?;
    });
    Ok(token)
}

/// A link to set `account`'s password; returns its token. Earlier password
/// links of the account stop working.
pub async fn reset(db: &Db, account: &AccountId, now: DateTime<Utc>) -> Result<String> {
    let found = accounts::find(db, account)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            kind: "account",
            id: account.as_str().to_owned(),
        })?;
    let token = secrets::new_token()?;
    in_tx!(db, tx => {
        sqlx::query("DELETE FROM account_links WHERE purpose = 'reset' AND account_id = $1")
            .bind(account.as_str())
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO account_links (token_hash, purpose, email, account_id, created_at, expires_at) \
             VALUES ($1, 'reset', $2, $3, $4, $5)",
        )
        .bind(secrets::hash(&token))
        .bind(&found.email)
        .bind(account.as_str())
        .bind(time::encode(now))
        .bind(time::encode(now + RESET_FOR))
        .execute(&mut *tx)
        .await?;
    });
    Ok(token)
}

/// What a link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Sign up as a student.
    Invite,
    /// Set an existing account's password.
    Reset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Invite => "invite",
            Purpose::Reset => "reset",
        }
    }
}

/// The address an open link of `purpose` is for, without using it.
pub async fn email_for(
    db: &Db,
    token: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<Option<String>> {
    if !secrets::well_formed(token, 32) {
        return Ok(None);
    }
    Ok(on_pool!(db, pool => {
        sqlx::query_scalar(
            "SELECT email FROM account_links WHERE token_hash = $1 AND purpose = $2 AND expires_at > $3",
        )
        .bind(secrets::hash(token))
        .bind(purpose.as_str())
        .bind(time::encode(now))
        .fetch_optional(pool)
        .await?
    }))
}

/// Uses an invitation: makes the student account with `password_hash` and
/// deletes the link, in one transaction.
pub async fn accept_invite(
    db: &Db,
    token: &str,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<AccountId> {
    if !secrets::well_formed(token, 32) {
        return Err(gone());
    }
    let id = new_id();
    in_tx!(db, tx => {
        let email: Option<String> = sqlx::query_scalar(
            "DELETE FROM account_links WHERE token_hash = $1 AND purpose = 'invite' AND expires_at > $2 \
             RETURNING email",
        )
        .bind(secrets::hash(token))
        .bind(time::encode(now))
        .fetch_optional(&mut *tx)
        .await?;
        let email = email.ok_or_else(gone)?;
        accounts::insert!(tx, &id, Kind::Student, &email, Some(password_hash), now)?;
    });
    Ok(AccountId::from_stored(id))
}

/// Uses a password link: sets the password, ends every session of the
/// account and deletes the link, in one transaction.
pub async fn use_reset(
    db: &Db,
    token: &str,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<AccountId> {
    if !secrets::well_formed(token, 32) {
        return Err(gone());
    }
    let account = in_tx!(db, tx => {
        let account: Option<Option<String>> = sqlx::query_scalar(
            "DELETE FROM account_links WHERE token_hash = $1 AND purpose = 'reset' AND expires_at > $2 \
             RETURNING account_id",
        )
        .bind(secrets::hash(token))
        .bind(time::encode(now))
        .fetch_optional(&mut *tx)
        .await?;
        let account = account.flatten().ok_or_else(gone)?;
        replace_password!(tx, &account, password_hash, None::<&str>);
        account
    });
    Ok(AccountId::from_stored(account))
}
