//! Counts for the progress strip on Today.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::Result;
use serde::Serialize;
use std::collections::HashMap;

/// How far the network has come.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Progress {
    /// People identified.
    pub people: i64,
    /// People you reached out to (an interview past the idea stage, or a
    /// letter, call or message you sent them).
    pub contacted: i64,
    /// Interviews held.
    pub interviewed: i64,
    /// Interviews thanked.
    pub thanked: i64,
    /// People who came to you by referral.
    pub referrals: i64,
}

/// The account's counts. They are kept with the data version they were
/// counted at, so a page read between two changes costs one indexed read;
/// after a change they are counted again (aggregates over the account's
/// indexes) and kept.
pub async fn counts(db: &Db, account: &AccountId) -> Result<Progress> {
    type Kept = (i64, Option<i64>, i64, i64, i64, i64, i64);
    let kept: Option<Kept> = on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT a.data_version, k.data_version, coalesce(k.people, 0), coalesce(k.contacted, 0), \
             coalesce(k.interviewed, 0), coalesce(k.thanked, 0), coalesce(k.referrals, 0) \
             FROM accounts a LEFT JOIN progress_counts k ON k.account_id = a.id WHERE a.id = $1",
        )
        .bind(account.as_str())
        .fetch_optional(pool)
        .await?
    });
    let Some((version, at, people, contacted, interviewed, thanked, referrals)) = kept else {
        return count(db, account).await;
    };
    if at == Some(version) {
        return Ok(Progress {
            people,
            contacted,
            interviewed,
            thanked,
            referrals,
        });
    }
    let fresh = count(db, account).await?;
    // Kept with the version read before counting: a change made meanwhile
    // moves the version on, and the next read counts again.
    on_pool!(db, pool => {
        sqlx::query(
            "INSERT INTO progress_counts (account_id, data_version, people, contacted, interviewed, thanked, referrals) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (account_id) DO UPDATE SET \
             data_version = excluded.data_version, people = excluded.people, contacted = excluded.contacted, \
             interviewed = excluded.interviewed, thanked = excluded.thanked, referrals = excluded.referrals",
        )
        .bind(account.as_str())
        .bind(version)
        .bind(fresh.people)
        .bind(fresh.contacted)
        .bind(fresh.interviewed)
        .bind(fresh.thanked)
        .bind(fresh.referrals)
        .execute(pool)
        .await?;
    });
    Ok(fresh)
}

async fn count(db: &Db, account: &AccountId) -> Result<Progress> {
    Ok(on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT \
             (SELECT count(*) FROM people WHERE account_id = $1) AS people, \
             (SELECT count(*) FROM (SELECT person_id FROM interviews WHERE account_id = $1 AND status <> 'idea' \
              UNION SELECT person_id FROM correspondence WHERE account_id = $1 AND direction = 'out') AS reached) AS contacted, \
             (SELECT count(*) FROM interviews WHERE account_id = $1 AND status IN ('done', 'thanked', 'closed')) AS interviewed, \
             (SELECT count(*) FROM interviews WHERE account_id = $1 AND status IN ('thanked', 'closed')) AS thanked, \
             (SELECT count(*) FROM people WHERE account_id = $1 AND referred_by_id IS NOT NULL) AS referrals",
        )
        .bind(account.as_str())
        .fetch_one(pool)
        .await?
    }))
}

/// Interviews held per field still being explored, toward the handout's
/// "don't settle for one or two".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct FieldProgress {
    /// The field's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Interviews held about it.
    pub interviewed: i64,
}

/// Progress per field, by title (at most 10 fields, ruled-out ones left out).
pub async fn per_field(db: &Db, account: &AccountId) -> Result<Vec<FieldProgress>> {
    Ok(on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT f.id, f.title, \
             (SELECT count(*) FROM interview_fields x JOIN interviews i ON i.id = x.interview_id \
              WHERE x.field_id = f.id AND i.status IN ('done', 'thanked', 'closed')) AS interviewed \
             FROM fields f WHERE f.account_id = $1 AND f.status <> 'ruled-out' \
             ORDER BY lower(f.title), f.id LIMIT 10",
        )
        .bind(account.as_str())
        .fetch_all(pool)
        .await?
    }))
}

/// For every field with interviews: (held, still ahead), in one query.
pub async fn interviews_per_field(
    db: &Db,
    account: &AccountId,
) -> Result<HashMap<String, (i64, i64)>> {
    let rows: Vec<(String, i64, i64)> = on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT x.field_id, \
             count(CASE WHEN i.status IN ('done', 'thanked', 'closed') THEN 1 END), \
             count(CASE WHEN i.status IN ('idea', 'requested', 'scheduled', 'confirmed') THEN 1 END) \
             FROM interview_fields x JOIN interviews i ON i.id = x.interview_id \
             WHERE x.account_id = $1 GROUP BY x.field_id",
        )
        .bind(account.as_str())
        .fetch_all(pool)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, held, ahead)| (id, (held, ahead)))
        .collect())
}
