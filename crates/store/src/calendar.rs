//! The calendar feed: interviews and dated tasks, and the private
//! subscription address whose secret is stored only as a hash.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::Result;
use crate::secrets::hash;
use crate::{interviews, rule_tasks, time};
use chrono::{DateTime, Utc};
use rapport_core::ical::{self, Event};
use rapport_core::validated::TimeZone;

/// Makes a new secret for the subscription address, replacing (and so
/// revoking) the previous one. The secret is returned once and not stored.
pub async fn rotate(db: &Db, account: &AccountId, now: DateTime<Utc>) -> Result<String> {
    let token = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    let hashed = hash(&token);
    in_tx!(db, tx => {
        sqlx::query(
            "INSERT INTO calendar_tokens (account_id, token_hash, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (account_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at",
        )
        .bind(account.as_str())
        .bind(&hashed)
        .bind(time::encode(now))
        .execute(&mut *tx)
        .await?;
    });
    Ok(token)
}

/// Removes the subscription address.
pub async fn revoke(db: &Db, account: &AccountId) -> Result<()> {
    in_tx!(db, tx => {
        sqlx::query("DELETE FROM calendar_tokens WHERE account_id = $1")
            .bind(account.as_str())
            .execute(&mut *tx)
            .await?;
    });
    Ok(())
}

/// When the current subscription address was made, if there is one.
pub async fn subscribed_since(db: &Db, account: &AccountId) -> Result<Option<DateTime<Utc>>> {
    let at: Option<String> = on_pool!(db, pool => {
        sqlx::query_scalar("SELECT created_at FROM calendar_tokens WHERE account_id = $1")
            .bind(account.as_str())
            .fetch_optional(pool)
            .await?
    });
    time::decode_opt(at.as_deref())
}

/// The account a subscription secret opens. This is the one lookup not keyed
/// by an account: the secret is what identifies it.
pub async fn account_for(db: &Db, token: &str) -> Result<Option<AccountId>> {
    if !crate::secrets::well_formed(token, 64) {
        return Ok(None);
    }
    let id: Option<String> = on_pool!(db, pool => {
        sqlx::query_scalar("SELECT account_id FROM calendar_tokens WHERE token_hash = $1")
            .bind(hash(token))
            .fetch_optional(pool)
            .await?
    });
    Ok(id.map(AccountId::from_stored))
}

/// How far back the feed reaches: older interviews and tasks stay in the
/// calendar app that already has them.
pub const FEED_DAYS_BACK: i64 = 90;
/// The most interviews, and the most tasks of each kind, one feed carries.
pub const FEED_MOST: i64 = 500;

/// What the feed would show changes only when this does: a counter the
/// database moves on every write to what the feed reads (one indexed read).
pub async fn version(db: &Db, account: &AccountId) -> Result<i64> {
    let v: Option<i64> = on_pool!(db, pool => {
        sqlx::query_scalar("SELECT data_version FROM accounts WHERE id = $1")
            .bind(account.as_str())
            .fetch_optional(pool)
            .await?
    });
    Ok(v.unwrap_or(0))
}

/// The `.ics` feed as of `now`: interviews from [`FEED_DAYS_BACK`] days back
/// and everything ahead, and open dated tasks (yours and the rules') due in
/// the same span. Its content is a function of the records, the zone and
/// `now`; callers that cache it pass an instant rounded to the hour.
pub async fn feed(
    db: &Db,
    account: &AccountId,
    now: DateTime<Utc>,
    zone: TimeZone,
) -> Result<String> {
    let from = now - chrono::Duration::days(FEED_DAYS_BACK);
    let since = time::encode(from);
    let interview_sql = format!(
        "{} WHERE i.account_id = $1 AND i.starts_at >= $2 ORDER BY i.starts_at, i.id LIMIT $3",
        interviews::SELECT
    );
    let task_sql = format!(
        "{} WHERE t.account_id = $1 AND t.done_at IS NULL AND t.due_at >= $2 \
         ORDER BY t.due_at, t.id LIMIT $3",
        crate::tasks::SELECT
    );
    let (interview_rows, task_rows): (Vec<interviews::InterviewRow>, Vec<crate::tasks::TaskRow>) = on_pool!(db, pool => {
        let i = sqlx::query_as(&interview_sql)
            .bind(account.as_str()).bind(&since).bind(FEED_MOST).fetch_all(pool).await?;
        let t = sqlx::query_as(&task_sql)
            .bind(account.as_str()).bind(&since).bind(FEED_MOST).fetch_all(pool).await?;
        (i, t)
    });
    let mut events: Vec<Event> = interviews::load(db, account, interview_rows)
        .await?
        .iter()
        .filter_map(ical::interview_event)
        .collect();
    let stored: Vec<rapport_core::tasks::Task> = task_rows
        .into_iter()
        .map(crate::tasks::TaskRow::into_task)
        .collect::<Result<_>>()?;
    let rules = rule_tasks::open(db, account, now, zone, FEED_MOST).await?;
    for t in stored.iter().chain(rules.iter()) {
        if let Some(due) = t.due_at.filter(|d| *d >= from) {
            events.push(ical::task_event(&t.id, &t.title, &t.reason, due));
        }
    }
    Ok(ical::calendar(
        "rapport: informational interviews",
        &events,
        now,
    ))
}
