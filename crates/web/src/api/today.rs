//! `/api/v1/today` and `/api/v1/insights`: what is due, and what the
//! interviews are teaching you, as the pages and the CLI give them.

use super::caller::Caller;
use super::interviews::InterviewOut;
use super::problem::{ApiError, Problem};
use axum::Json;
use chrono::{DateTime, Utc};
use rapport_core::tasks::Task;
use rapport_store::{insights, today};
use serde::Serialize;
use utoipa::ToSchema;

/// A task: yours, or one a rule of the method made.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TaskOut {
    /// A stored task's id, or a rule task's key (`thank-you:…`).
    id: String,
    title: String,
    /// `user` for yours, else the rule: confirm, leave, thank-you,
    /// call-after-letter, follow-up, reach-wider, stay-in-touch, plan-of-action.
    rule: String,
    /// Why, in the method's words.
    reason: String,
    due_at: Option<DateTime<Utc>>,
    person: Option<super::Reference>,
    interview_id: Option<String>,
}

impl From<Task> for TaskOut {
    fn from(t: Task) -> Self {
        TaskOut {
            rule: t.rule.as_str().to_owned(),
            person: t.person.map(super::Reference::from),
            id: t.id,
            title: t.title,
            reason: t.reason,
            due_at: t.due_at,
            interview_id: t.interview_id,
        }
    }
}

/// What is next.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TodayOut {
    /// Scheduled or confirmed interviews not yet over, soonest first.
    interviews: Vec<InterviewOut>,
    /// Open tasks, soonest due first, undated ones last (at most 50).
    tasks: Vec<TaskOut>,
}

/// Upcoming interviews and open tasks.
#[utoipa::path(
    get, path = "/today", tag = "today",
    responses(
        (status = 200, description = "What is next", body = TodayOut),
        (status = 401, description = "No valid token or session", body = Problem, content_type = "application/problem+json"),
    ),
    security(("token" = []), ("session" = []))
)]
pub(crate) async fn show(caller: Caller) -> Result<Json<TodayOut>, ApiError> {
    let agenda = today::agenda(&caller.db, &caller.account, caller.now(), caller.zone).await?;
    Ok(Json(TodayOut {
        interviews: agenda
            .interviews
            .into_iter()
            .map(InterviewOut::from)
            .collect(),
        tasks: agenda.tasks.into_iter().map(TaskOut::from).collect(),
    }))
}

/// The Insights report as JSON: per field, the evidence and its nudge, the
/// fit-versus-liking check and what was learned; the funnel from the status
/// history; activity per week; reply times.
#[utoipa::path(
    get, path = "/insights", tag = "insights",
    responses(
        (status = 200, description = "The report (the same figures as the page and `rapport insights --json`)", body = Object),
        (status = 401, description = "No valid token or session", body = Problem, content_type = "application/problem+json"),
    ),
    security(("token" = []), ("session" = []))
)]
pub(crate) async fn insights_report(caller: Caller) -> Result<Json<serde_json::Value>, ApiError> {
    let report = insights::report(&caller.db, &caller.account, caller.now()).await?;
    let value = serde_json::to_value(report).map_err(|e| {
        rapport_store::StoreError::Corrupt(format!("the report could not be written: {e}"))
    })?;
    Ok(Json(value))
}
