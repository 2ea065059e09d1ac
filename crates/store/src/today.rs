//! Today: the next interviews and the open tasks, soonest first.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::Result;
use crate::interviews::{self, InterviewRow};
use crate::tasks::TaskRow;
use crate::time;
use chrono::{DateTime, Duration, Utc};
use rapport_core::interviews::Interview;
use rapport_core::tasks::Task;
use rapport_core::validated::{Length, TimeZone};
use serde::Serialize;

/// How many interviews and tasks Today shows at most.
pub const SHOWN: i64 = 50;

/// What is ahead.
#[derive(Debug, Clone, Serialize)]
pub struct Agenda {
    /// Scheduled or confirmed interviews not yet over, soonest first.
    pub interviews: Vec<Interview>,
    /// Open tasks, soonest due first; undated ones last.
    pub tasks: Vec<Task>,
}

/// The most open tasks the page of all tasks lists.
pub const ALL_TASKS: i64 = 500;

/// The agenda as of `now`: stored tasks and the rules' tasks together;
/// `zone` is the user's, for the rules that need a local day.
pub async fn agenda(
    db: &Db,
    account: &AccountId,
    now: DateTime<Utc>,
    zone: TimeZone,
) -> Result<Agenda> {
    agenda_of(db, account, now, zone, SHOWN).await
}

/// The first `limit` open tasks (at most [`ALL_TASKS`]), yours and the
/// rules', in the agenda's order: each kind is read no further than that.
pub async fn open_tasks(
    db: &Db,
    account: &AccountId,
    now: DateTime<Utc>,
    zone: TimeZone,
    limit: i64,
) -> Result<Vec<Task>> {
    Ok(agenda_of(db, account, now, zone, limit.clamp(1, ALL_TASKS))
        .await?
        .tasks)
}

async fn agenda_of(
    db: &Db,
    account: &AccountId,
    now: DateTime<Utc>,
    zone: TimeZone,
    limit: i64,
) -> Result<Agenda> {
    // An interview that began up to its longest length ago may still be going on.
    let earliest = time::encode(now - Duration::minutes(i64::from(Length::MAX)));
    let interview_sql = format!(
        "{} WHERE i.account_id = $1 AND i.status IN ('scheduled', 'confirmed') \
         AND i.starts_at IS NOT NULL AND i.starts_at >= $2 ORDER BY i.starts_at, i.id LIMIT $3",
        interviews::SELECT
    );
    // Dated and undated apart, each read in index order and bounded, so the
    // open tasks of a large account are never sorted as a whole.
    let task_sql = format!(
        "SELECT * FROM ({0} WHERE t.account_id = $1 AND t.done_at IS NULL AND t.due_at IS NOT NULL \
         ORDER BY t.due_at, t.id LIMIT $2) dated UNION ALL \
         SELECT * FROM ({0} WHERE t.account_id = $1 AND t.done_at IS NULL AND t.due_at IS NULL \
         ORDER BY t.created_at, t.id LIMIT $2) undated",
        crate::tasks::SELECT
    );
    let (interview_rows, task_rows): (Vec<InterviewRow>, Vec<TaskRow>) = on_pool!(db, pool => {
        let i = sqlx::query_as(&interview_sql)
            .bind(account.as_str())
            .bind(&earliest)
            .bind(SHOWN)
            .fetch_all(pool)
            .await?;
        let t = sqlx::query_as(&task_sql)
            .bind(account.as_str())
            .bind(limit)
            .fetch_all(pool)
            .await?;
        (i, t)
    });
    let mut upcoming = interviews::load(db, account, interview_rows).await?;
    upcoming.retain(|i| i.ends_at().is_some_and(|end| end > now));
    let mut tasks: Vec<Task> = task_rows
        .into_iter()
        .map(TaskRow::into_task)
        .collect::<Result<_>>()?;
    tasks.extend(crate::rule_tasks::open(db, account, now, zone, limit).await?);
    // Soonest first, undated last; the same order on every backend.
    tasks.sort_by(|a, b| match (a.due_at, b.due_at) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.id.cmp(&b.id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a
            .created_at
            .cmp(&b.created_at)
            .then_with(|| a.id.cmp(&b.id)),
    });
    tasks.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok(Agenda {
        interviews: upcoming,
        tasks,
    })
}
