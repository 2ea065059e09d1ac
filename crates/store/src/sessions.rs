//! Sign-in sessions, kept in the database so that every app server knows
//! them. The cookie carries a 128-bit random token; only its SHA-256 hash is
//! stored, so a copy of the database holds no usable session. A session ends
//! after a week unused or a month after sign-in, whichever comes first.

use crate::accounts::{AccountId, Kind};
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::ids::new_id;
use crate::{secrets, time};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

/// A session unused for this long has ended.
pub const IDLE: Duration = Duration::days(7);
/// A session ends this long after sign-in, however much it is used.
pub const ABSOLUTE: Duration = Duration::days(30);
/// How stale `last_seen_at` may get before a request refreshes it: one
/// write per session every few minutes, not one per request.
const SEEN_EVERY: Duration = Duration::minutes(5);

/// A new session: the token goes into the cookie and is not kept.
#[derive(Debug, Clone)]
pub struct Started {
    /// The session's public id (for "end this session").
    pub id: String,
    /// The cookie's value.
    pub token: String,
    /// The token every form of this session carries.
    pub csrf: String,
}

/// The account a live session acts for.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The session's public id.
    pub session: String,
    /// The account.
    pub account: AccountId,
    /// Its kind.
    pub kind: Kind,
    /// Its sign-in address.
    pub email: String,
    /// The session's form token.
    pub csrf: String,
    /// The zone the account chose for its pages, read in the same query.
    pub time_zone: Option<rapport_core::validated::TimeZone>,
}

/// One of an account's sessions, as its owner sees it.
#[derive(Debug, Clone, Serialize)]
pub struct Session {
    /// Its public id.
    pub id: String,
    /// The browser that signed in, as it named itself.
    pub user_agent: String,
    /// When it signed in.
    pub created_at: DateTime<Utc>,
    /// When it was last used (to within a few minutes).
    pub last_seen_at: DateTime<Utc>,
}

/// Starts a session for `account`. Its expired sessions are cleared in the
/// same transaction.
pub async fn start(
    db: &Db,
    account: &AccountId,
    user_agent: &str,
    now: DateTime<Utc>,
) -> Result<Started> {
    let started = Started {
        id: new_id(),
        token: secrets::new_token()?,
        csrf: secrets::new_token()?,
    };
    let user_agent: String = user_agent
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    in_tx!(db, tx => {
        sqlx::query(
            "DELETE FROM sessions WHERE account_id = $1 AND (last_seen_at < $2 OR created_at < $3)",
        )
        .bind(account.as_str())
        .bind(time::encode(now - IDLE))
        .bind(time::encode(now - ABSOLUTE))
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO sessions (id, account_id, token_hash, csrf_token, user_agent, created_at, last_seen_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6)",
        )
        .bind(&started.id)
        .bind(account.as_str())
        .bind(secrets::hash(&started.token))
        .bind(&started.csrf)
        .bind(&user_agent)
        .bind(time::encode(now))
        .execute(&mut *tx)
        .await?;
    });
    Ok(started)
}

/// The live session whose cookie holds `token`: one indexed read, and a
/// write only when the last use is more than a few minutes old.
pub async fn find(db: &Db, token: &str, now: DateTime<Utc>) -> Result<Option<SignedIn>> {
    if !secrets::well_formed(token, 32) {
        return Ok(None);
    }
    type Row = (
        String,
        String,
        String,
        Option<String>,
        String,
        String,
        Option<String>,
    );
    let row: Option<Row> = on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT s.id, s.account_id, a.kind, a.email, s.csrf_token, s.last_seen_at, p.time_zone \
             FROM sessions s JOIN accounts a ON a.id = s.account_id \
             LEFT JOIN profiles p ON p.account_id = s.account_id \
             WHERE s.token_hash = $1 AND s.last_seen_at >= $2 AND s.created_at >= $3",
        )
        .bind(secrets::hash(token))
        .bind(time::encode(now - IDLE))
        .bind(time::encode(now - ABSOLUTE))
        .fetch_optional(pool)
        .await?
    });
    let Some((session, account, kind, email, csrf, last_seen_at, zone)) = row else {
        return Ok(None);
    };
    if time::decode(&last_seen_at)? < now - SEEN_EVERY {
        on_pool!(db, pool => {
            sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2")
                .bind(time::encode(now))
                .bind(&session)
                .execute(pool)
                .await?
                .rows_affected()
        });
    }
    Ok(Some(SignedIn {
        session,
        account: AccountId::from_stored(account),
        kind: Kind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("account kind \"{kind}\"")))?,
        email: email.unwrap_or_default(),
        csrf,
        time_zone: zone.and_then(|z| rapport_core::validated::TimeZone::parse(&z).ok()),
    }))
}

/// `account`'s live sessions, most recently used first.
pub async fn list(db: &Db, account: &AccountId, now: DateTime<Utc>) -> Result<Vec<Session>> {
    let rows: Vec<(String, String, String, String)> = on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT id, user_agent, created_at, last_seen_at FROM sessions \
             WHERE account_id = $1 AND last_seen_at >= $2 AND created_at >= $3 \
             ORDER BY last_seen_at DESC, id LIMIT 100",
        )
        .bind(account.as_str())
        .bind(time::encode(now - IDLE))
        .bind(time::encode(now - ABSOLUTE))
        .fetch_all(pool)
        .await?
    });
    rows.into_iter()
        .map(|(id, user_agent, created_at, last_seen_at)| {
            Ok(Session {
                id,
                user_agent,
                created_at: time::decode(&created_at)?,
                last_seen_at: time::decode(&last_seen_at)?,
            })
        })
        .collect()
}

/// Ends one of `account`'s sessions; another account's session id is not
/// found.
pub async fn end(db: &Db, account: &AccountId, session: &str) -> Result<()> {
    let ended = on_pool!(db, pool => {
        sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND id = $2")
            .bind(account.as_str())
            .bind(session)
            .execute(pool)
            .await?
            .rows_affected()
    });
    if ended == 0 {
        return Err(StoreError::NotFound {
            kind: "session",
            id: session.to_owned(),
        });
    }
    Ok(())
}

/// Ends every session of `account`; returns how many there were.
pub async fn end_all(db: &Db, account: &AccountId) -> Result<u64> {
    Ok(on_pool!(db, pool => {
        sqlx::query("DELETE FROM sessions WHERE account_id = $1")
            .bind(account.as_str())
            .execute(pool)
            .await?
            .rows_affected()
    }))
}

/// Ends every session of `account` but `keep`.
pub async fn end_others(db: &Db, account: &AccountId, keep: &str) -> Result<u64> {
    Ok(on_pool!(db, pool => {
        sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND id <> $2")
            .bind(account.as_str())
            .bind(keep)
            .execute(pool)
            .await?
            .rows_affected()
    }))
}
