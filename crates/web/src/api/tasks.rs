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
use rapport_core::tasks::{Task, TaskForm};
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
    let limit = super::rows_asked(q.limit, 100, today::ALL_TASKS as u32)?;
    let open = today::open_tasks(
        &caller.db,
        &caller.account,
        caller.now(),
        caller.zone,
        i64::from(limit),
    )
    .await?;
    Ok(Json(TasksOut {
        items: open.into_iter().map(TaskOut::from).collect(),
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
    let by = rapport_core::tasks::snooze_days(i64::from(input.days))?;
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

/// A task of your own as sent: only `title` is required.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TaskIn {
    /// What to do.
    #[schema(schema_with = super::schema::line)]
    title: String,
    /// Why (empty: "You added this task yourself.").
    #[serde(default)]
    #[schema(schema_with = super::schema::line_or_empty)]
    reason: String,
    /// The local due time, `2026-12-08 09:00`, in `time_zone` (empty: none).
    #[serde(default)]
    #[schema(schema_with = super::schema::local_time)]
    due: String,
    /// IANA zone (empty: your profile's).
    #[serde(default)]
    #[schema(schema_with = super::schema::zone_or_empty)]
    time_zone: String,
    /// The person it concerns.
    #[serde(default)]
    person_id: Option<String>,
    /// The interview it belongs to.
    #[serde(default)]
    interview_id: Option<String>,
}

impl TaskIn {
    fn form(self, zone: rapport_core::validated::TimeZone) -> TaskForm {
        let some = |id: Option<String>| id.filter(|i| !i.trim().is_empty());
        TaskForm {
            title: self.title,
            reason: self.reason,
            due: self.due,
            time_zone: if self.time_zone.trim().is_empty() {
                zone.name().to_owned()
            } else {
                self.time_zone
            },
            person_id: some(self.person_id),
            interview_id: some(self.interview_id),
        }
    }
}

/// A task of your own, open or done.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct OwnTaskOut {
    #[serde(flatten)]
    task: TaskOut,
    done_at: Option<DateTime<Utc>>,
}

impl From<Task> for OwnTaskOut {
    fn from(t: Task) -> Self {
        OwnTaskOut {
            done_at: t.done_at,
            task: t.into(),
        }
    }
}

/// Adds a task of your own.
#[utoipa::path(
    post, path = "/tasks", tag = "tasks",
    request_body = TaskIn,
    responses(
        (status = 201, description = "The task added", body = OwnTaskOut),
        Writes, Missing, Invalid,
    )
)]
pub(crate) async fn create(
    caller: Caller,
    Body(input): Body<TaskIn>,
) -> Result<(StatusCode, Json<OwnTaskOut>), ApiError> {
    let checked = input.form(caller.zone).validate()?;
    let made = tasks::create(&caller.db, &caller.account, &checked, caller.now()).await?;
    Ok((StatusCode::CREATED, Json(made.into())))
}

/// One task of your own (the rules' tasks are on `GET /tasks`).
#[utoipa::path(
    get, path = "/tasks/{id}", tag = "tasks",
    params(("id" = String, Path, description = "The task's id")),
    responses(
        (status = 200, description = "The task", body = OwnTaskOut),
        Reads, Missing,
    )
)]
pub(crate) async fn show(caller: Caller, Id(id): Id) -> Result<Json<OwnTaskOut>, ApiError> {
    Ok(Json(
        tasks::show(&caller.db, &caller.account, &id).await?.into(),
    ))
}

/// Replaces a task of your own with the values sent.
#[utoipa::path(
    put, path = "/tasks/{id}", tag = "tasks",
    params(("id" = String, Path, description = "The task's id")),
    request_body = TaskIn,
    responses(
        (status = 200, description = "The task as saved", body = OwnTaskOut),
        Writes, Missing, Invalid,
    )
)]
pub(crate) async fn update(
    caller: Caller,
    Id(id): Id,
    Body(input): Body<TaskIn>,
) -> Result<Json<OwnTaskOut>, ApiError> {
    let checked = input.form(caller.zone).validate()?;
    let saved = tasks::update(&caller.db, &caller.account, &id, &checked, caller.now()).await?;
    Ok(Json(saved.into()))
}

/// Deletes a task of your own.
#[utoipa::path(
    delete, path = "/tasks/{id}", tag = "tasks",
    params(("id" = String, Path, description = "The task's id")),
    responses(
        (status = 204, description = "Deleted"),
        Writes, Missing,
    )
)]
pub(crate) async fn delete(caller: Caller, Id(id): Id) -> Result<StatusCode, ApiError> {
    tasks::delete(&caller.db, &caller.account, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
