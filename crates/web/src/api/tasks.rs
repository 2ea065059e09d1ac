//! `/api/v1/tasks`: the open tasks (yours and the method's rules'), marked
//! done or snoozed as on Today: a snooze never brings a task earlier.

use super::body::{Body, Id, Params};
use super::caller::Caller;
use super::problem::ApiError;
use super::schema::{Invalid, Missing, Reads, Writes};
use super::today::TaskOut;
use axum::Json;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use rapport_store::{tasks, today};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// How many open tasks to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListQuery {
    /// At most this many, 1 to 500 (default 100), soonest due first.
    #[param(minimum = 1, maximum = 500)]
    limit: Option<u32>,
}

/// The open tasks.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TasksOut {
    /// Soonest due first, undated ones last.
    items: Vec<TaskOut>,
}

/// Lists open tasks, soonest due first (the rules' tasks are derived from
/// your records as they stand now, so there is no cursor: ask for up to 500).
#[utoipa::path(
    get, path = "/tasks", tag = "tasks",
    params(ListQuery),
    responses(
        (status = 200, description = "The open tasks", body = TasksOut),
        Reads, Invalid,
    )
)]
pub(crate) async fn list(
    caller: Caller,
    Params(q): Params<ListQuery>,
) -> Result<Json<TasksOut>, ApiError> {
    let limit = super::rows_asked(q.limit, 100, 500)? as usize;
    let open = today::open_tasks(&caller.db, &caller.account, caller.now(), caller.zone).await?;
    Ok(Json(TasksOut {
        items: open.into_iter().take(limit).map(TaskOut::from).collect(),
    }))
}

/// Marks a task done (yours by id, a rule's by its key such as `thank-you:…`).
#[utoipa::path(
    post, path = "/tasks/{id}/done", tag = "tasks",
    params(("id" = String, Path, description = "The task's id or a rule task's key")),
    responses(
        (status = 204, description = "Done"),
        Writes, Missing, Invalid,
    )
)]
pub(crate) async fn done(caller: Caller, Id(id): Id) -> Result<StatusCode, ApiError> {
    tasks::complete(&caller.db, &caller.account, &id, caller.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// How long to put a task off.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SnoozeIn {
    /// Days, 1 to 30, counted from when it is due while that is ahead.
    #[schema(minimum = 1, maximum = 30)]
    #[serde(deserialize_with = "super::schema::whole::required")]
    days: u8,
}

/// When a snoozed task is due now.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SnoozedOut {
    due_at: DateTime<Utc>,
}

/// Puts a task off: never earlier than it was due.
#[utoipa::path(
    post, path = "/tasks/{id}/snooze", tag = "tasks",
    params(("id" = String, Path, description = "The task's id or a rule task's key")),
    request_body = SnoozeIn,
    responses(
        (status = 200, description = "Its new due time", body = SnoozedOut),
        Writes, Missing, Invalid,
    )
)]
pub(crate) async fn snooze(
    caller: Caller,
    Id(id): Id,
    Body(input): Body<SnoozeIn>,
) -> Result<Json<SnoozedOut>, ApiError> {
    let by = rapport_core::tasks::snooze_days(i64::from(input.days))
        .map_err(rapport_store::StoreError::from)?;
    let due_at = tasks::snooze_by(
        &caller.db,
        &caller.account,
        &id,
        by,
        caller.now(),
        caller.zone,
    )
    .await?;
    Ok(Json(SnoozedOut { due_at }))
}
