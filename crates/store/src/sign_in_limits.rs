//! The sign-in rate limit's counters. Failed sign-ins are rows in the
//! database, counted per account (the typed email) and per client address
//! over a window, so N app servers on one database allow the same number of
//! tries as one.

use crate::db::Db;
use crate::error::Result;
use crate::time;
use chrono::{DateTime, Duration, Utc};

/// How far back failures count.
pub const WINDOW: Duration = Duration::minutes(15);
/// Failed tries allowed per email in the window.
pub const PER_ACCOUNT: i64 = 5;
/// Failed tries allowed per client address in the window (a classroom
/// behind one address may share it).
pub const PER_ADDRESS: i64 = 30;

/// Whether another try may be made now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Under both limits.
    Allowed,
    /// Over a limit; the oldest counted failure leaves the window then.
    Wait(DateTime<Utc>),
}

/// Checks the counters for `email` and `address` (one query).
pub async fn check(db: &Db, email: &str, address: &str, now: DateTime<Utc>) -> Result<Verdict> {
    let since = time::encode(now - WINDOW);
    let (by_account, by_address, oldest): (i64, i64, Option<String>) = on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT \
             (SELECT count(*) FROM sign_in_failures WHERE scope = 'account' AND key = $1 AND at >= $3), \
             (SELECT count(*) FROM sign_in_failures WHERE scope = 'address' AND key = $2 AND at >= $3), \
             (SELECT min(at) FROM sign_in_failures WHERE ((scope = 'account' AND key = $1) OR (scope = 'address' AND key = $2)) AND at >= $3)",
        )
        .bind(email)
        .bind(address)
        .bind(&since)
        .fetch_one(pool)
        .await?
    });
    if by_account < PER_ACCOUNT && by_address < PER_ADDRESS {
        return Ok(Verdict::Allowed);
    }
    let oldest = time::decode_opt(oldest.as_deref())?.unwrap_or(now);
    Ok(Verdict::Wait(oldest + WINDOW))
}

/// Records a failed try for `email` and `address`, and forgets failures
/// older than the window for both.
pub async fn failed(db: &Db, email: &str, address: &str, now: DateTime<Utc>) -> Result<()> {
    in_tx!(db, tx => {
        for (scope, key) in [("account", email), ("address", address)] {
            sqlx::query("DELETE FROM sign_in_failures WHERE scope = $1 AND key = $2 AND at < $3")
                .bind(scope)
                .bind(key)
                .bind(time::encode(now - WINDOW))
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO sign_in_failures (scope, key, at) VALUES ($1, $2, $3)")
                .bind(scope)
                .bind(key)
                .bind(time::encode(now))
                .execute(&mut *tx)
                .await?;
        }
    });
    Ok(())
}

/// Clears the failures of `email` after it signed in.
pub async fn succeeded(db: &Db, email: &str) -> Result<()> {
    on_pool!(db, pool => {
        sqlx::query("DELETE FROM sign_in_failures WHERE scope = 'account' AND key = $1")
            .bind(email)
            .execute(pool)
            .await?
                .rows_affected()
    });
    Ok(())
}
