//! The times offered while asking for an interview, and the one the person
//! chose, which schedules it.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::interviews::{corrupt, show};
use crate::time;
use chrono::{DateTime, Utc};
use rapport_core::interviews::Interview;
use rapport_core::pipeline::Status;
use rapport_core::proposed_times::ProposedTimes;

/// The status an interview must have for times to be offered or chosen:
/// the times belong to the asking, before a date is agreed.
fn check_asking(status: Status) -> Result<()> {
    if matches!(status, Status::Idea | Status::Requested) {
        return Ok(());
    }
    Err(StoreError::Unfit(
        rapport_core::FieldError::new(
            "proposed_times",
            format!("times are offered while asking; this interview is already {status}"),
        )
        .into(),
    ))
}

/// Reads an interview's status and offered times inside a transaction.
macro_rules! asking_state {
    ($tx:ident, $account:expr, $id:expr) => {{
        let found: Option<(String, String)> = sqlx::query_as(
            "SELECT status, coalesce(proposed_times, '') FROM interviews WHERE account_id = $1 AND id = $2",
        )
        .bind($account.as_str())
        .bind($id)
        .fetch_optional(&mut *$tx)
        .await?;
        let (status, times) = found.ok_or_else(|| StoreError::NotFound {
            kind: "interview",
            id: $id.to_owned(),
        })?;
        let status =
            Status::parse(&status).ok_or_else(|| corrupt(&format!("status \"{status}\"")))?;
        let times = ProposedTimes::decode(&times)
            .ok_or_else(|| corrupt(&format!("proposed times \"{times}\"")))?;
        (status, times)
    }};
}

/// Keeps the times offered for an interview that is still being asked for
/// (an idea or a request); an empty set removes them.
pub async fn set(
    db: &Db,
    account: &AccountId,
    id: &str,
    times: &ProposedTimes,
    now: DateTime<Utc>,
) -> Result<Interview> {
    // Whoever offers them, times already past do not fit the interview now.
    times
        .check_ahead(now)
        .map_err(|e| StoreError::Unfit(e.into()))?;
    in_tx!(db, tx => {
        let (status, _) = asking_state!(tx, account, id);
        check_asking(status)?;
        sqlx::query("UPDATE interviews SET proposed_times = $3, updated_at = $4 WHERE account_id = $1 AND id = $2")
            .bind(account.as_str())
            .bind(id)
            .bind(times.encode())
            .bind(time::encode(now))
            .execute(&mut *tx)
            .await?;
    });
    show(db, account, id).await
}

/// The person chose one of the times offered: it becomes the start and the
/// interview is scheduled, in one transaction.
pub async fn choose(
    db: &Db,
    account: &AccountId,
    id: &str,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Interview> {
    let stamp = time::encode(now);
    in_tx!(db, tx => {
        let (status, times) = asking_state!(tx, account, id);
        check_asking(status)?;
        if !times.contains(at) {
            return Err(StoreError::Unfit(
                rapport_core::FieldError::new(
                    "proposed_times",
                    "is not one of the times offered; set the date on the interview's form instead",
                )
                .into(),
            ));
        }
        if at <= now {
            return Err(StoreError::Unfit(
                rapport_core::FieldError::new(
                    "proposed_times",
                    "has already passed; offer new times or set the date on the form",
                )
                .into(),
            ));
        }
        sqlx::query("UPDATE interviews SET starts_at = $3, updated_at = $4 WHERE account_id = $1 AND id = $2")
            .bind(account.as_str())
            .bind(id)
            .bind(time::encode(at))
            .bind(&stamp)
            .execute(&mut *tx)
            .await?;
        move_interview!(tx, account, id, Status::Scheduled, &stamp);
    });
    show(db, account, id).await
}
