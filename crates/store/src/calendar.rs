//! The calendar feed: interviews and dated tasks, and the private
//! subscription address whose secret is stored only as a hash.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::Result;
use crate::secrets::hash;
use crate::{Page, interviews, rule_tasks, time};
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

/// The `.ics` feed: interviews with a date, and open dated tasks (yours and
/// the rules').
pub async fn feed(
    db: &Db,
    account: &AccountId,
    now: DateTime<Utc>,
    zone: TimeZone,
) -> Result<String> {
    let all = interviews::Filter {
        page: Page {
            limit: 500,
            offset: 0,
        },
        ..interviews::Filter::default()
    };
    let mut events: Vec<Event> = interviews::list(db, account, &all)
        .await?
        .iter()
        .filter_map(ical::interview_event)
        .collect();
    let stored = crate::tasks::list(
        db,
        account,
        crate::tasks::Show::Open,
        Page {
            limit: 500,
            offset: 0,
        },
    )
    .await?;
    for t in stored
        .iter()
        .chain(rule_tasks::open(db, account, now, zone).await?.iter())
    {
        if let Some(due) = t.due_at {
            events.push(ical::task_event(&t.id, &t.title, &t.reason, due));
        }
    }
    Ok(ical::calendar(
        "rapport: informational interviews",
        &events,
        now,
    ))
}
