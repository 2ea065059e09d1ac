//! The status history: every move of an interview along the pipeline, kept
//! in the move's own transaction (see `interviews::record_move!`), so that
//! insights are drawn from what happened, not only from where each
//! interview stands now.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::Result;
use crate::interviews::corrupt;
use crate::time;
use chrono::{DateTime, Utc};
use rapport_core::pipeline::Status;
use serde::Serialize;

/// One move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusChange {
    /// Where it came from; `None` when the interview was planned.
    pub from: Option<Status>,
    /// Where it went.
    pub to: Status,
    /// When it moved (for a conversation held: when it ended).
    pub changed_at: DateTime<Utc>,
}

/// An interview's moves in the order they were written down (ids are
/// time-ordered; a held one is dated when it ended, which may be earlier
/// than the move before it was written). An interview moves a handful of
/// times; the bound keeps a page's cost fixed whatever happens to one.
pub async fn list(db: &Db, account: &AccountId, interview_id: &str) -> Result<Vec<StatusChange>> {
    let rows: Vec<(Option<String>, String, String)> = on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT from_status, to_status, changed_at FROM status_changes \
             WHERE account_id = $1 AND interview_id = $2 ORDER BY id LIMIT 200",
        )
        .bind(account.as_str())
        .bind(interview_id)
        .fetch_all(pool)
        .await?
    });
    let status = |s: &str| Status::parse(s).ok_or_else(|| corrupt(&format!("status \"{s}\"")));
    rows.into_iter()
        .map(|(from, to, at)| {
            Ok(StatusChange {
                from: from.as_deref().map(status).transpose()?,
                to: status(&to)?,
                changed_at: time::decode(&at)?,
            })
        })
        .collect()
}
