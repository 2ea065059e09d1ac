//! Counts for the progress strip on Today.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::Result;
use serde::Serialize;

/// How far the network has come.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Progress {
    /// People identified.
    pub people: i64,
    /// People you reached out to (an interview past the idea stage).
    pub contacted: i64,
    /// Interviews held.
    pub interviewed: i64,
    /// Interviews thanked.
    pub thanked: i64,
    /// People who came to you by referral.
    pub referrals: i64,
}

/// The account's counts.
pub async fn counts(db: &Db, account: &AccountId) -> Result<Progress> {
    Ok(on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT \
             (SELECT count(*) FROM people WHERE account_id = $1) AS people, \
             (SELECT count(DISTINCT person_id) FROM interviews WHERE account_id = $1 AND status <> 'idea') AS contacted, \
             (SELECT count(*) FROM interviews WHERE account_id = $1 AND status IN ('done', 'thanked', 'closed')) AS interviewed, \
             (SELECT count(*) FROM interviews WHERE account_id = $1 AND status IN ('thanked', 'closed')) AS thanked, \
             (SELECT count(*) FROM people WHERE account_id = $1 AND referred_by_id IS NOT NULL) AS referrals",
        )
        .bind(account.as_str())
        .fetch_one(pool)
        .await?
    }))
}
