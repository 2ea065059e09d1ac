//! The sign-in rate limit's counters. Tries are rows in the database,
//! counted per account (the typed email) and per client address over a
//! window, so N app servers on one database allow the same number of tries
//! as one. The same limit guards every other place a password is checked
//! (changing it, deleting the account).

use crate::db::Db;
use crate::error::Result;
use crate::ids::new_id;
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
    /// Over a limit; the oldest counted try leaves the window then.
    Wait(DateTime<Utc>),
}

/// One sign-in try, counted before its password is checked.
#[derive(Debug, Clone)]
pub struct Attempt {
    id: String,
    /// Whether it may go on.
    pub verdict: Verdict,
}

/// Counts a try for `email` from `address` as a failure *before* its
/// password is checked, then decides. The try is written (and committed)
/// first and the count read after, so of any number of tries sent at once
/// only the first within the limits can go on: the k-th written sees at
/// least k. A try that then succeeds is taken back by [`succeeded`].
pub async fn attempt(db: &Db, email: &str, address: &str, now: DateTime<Utc>) -> Result<Attempt> {
    let id = new_id();
    let since = time::encode(now - WINDOW);
    in_tx!(db, tx => {
        for (scope, key, row) in [("account", email, format!("{id}-e")), ("address", address, format!("{id}-a"))] {
            sqlx::query("DELETE FROM sign_in_failures WHERE scope = $1 AND key = $2 AND at < $3")
                .bind(scope)
                .bind(key)
                .bind(&since)
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO sign_in_failures (id, scope, key, at) VALUES ($1, $2, $3, $4)")
                .bind(row)
                .bind(scope)
                .bind(key)
                .bind(time::encode(now))
                .execute(&mut *tx)
                .await?;
        }
    });
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
    let verdict = if by_account <= PER_ACCOUNT && by_address <= PER_ADDRESS {
        Verdict::Allowed
    } else {
        let oldest = time::decode_opt(oldest.as_deref())?.unwrap_or(now);
        Verdict::Wait(oldest + WINDOW)
    };
    Ok(Attempt { id, verdict })
}

/// Takes back a try whose password was right: the email's failures are
/// forgotten, and the address keeps only its real failures.
pub async fn succeeded(db: &Db, email: &str, attempt: &Attempt) -> Result<()> {
    in_tx!(db, tx => {
        sqlx::query("DELETE FROM sign_in_failures WHERE scope = 'account' AND key = $1")
            .bind(email)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sign_in_failures WHERE id = $1")
            .bind(format!("{}-a", attempt.id))
            .execute(&mut *tx)
            .await?;
    });
    Ok(())
}
