//! `/api/v1/today` and `/api/v1/insights`: what is due, and what the
//! interviews are teaching you, as the pages and the CLI give them.

use super::caller::Caller;
use super::interviews::InterviewOut;
use super::problem::ApiError;
use super::schema::{Invalid, Reads};
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
        Reads,
    )
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
        Reads,
    )
)]
pub(crate) async fn insights_report(
    caller: Caller,
) -> Result<Json<rapport_core::insights::report::Report>, ApiError> {
    Ok(Json(
        insights::report(&caller.db, &caller.account, caller.now()).await?,
    ))
}

/// Which words to look for.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct SearchQuery {
    /// Words to look for; the start of a word is enough.
    #[param(pattern = r"^[^\u0000-\u001f\u007f]*$")]
    q: String,
}

/// One record found.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct HitOut {
    /// person, organization, field, interview, conversation or contact.
    kind: String,
    id: String,
    label: String,
    /// The matching text; matched words between ⟦ and ⟧.
    snippet: String,
}

/// Searches people, organizations, fields, notes, answers and reflections,
/// best match first (at most 20).
#[utoipa::path(
    get, path = "/search", tag = "search",
    params(SearchQuery),
    responses(
        (status = 200, description = "The best matches", body = Vec<HitOut>),
        Reads, Invalid,
    )
)]
pub(crate) async fn search(
    caller: Caller,
    super::body::Params(q): super::body::Params<SearchQuery>,
) -> Result<Json<Vec<HitOut>>, ApiError> {
    let hits = rapport_store::search::search(&caller.db, &caller.account, &q.q, 20).await?;
    Ok(Json(
        hits.into_iter()
            .map(|h| HitOut {
                kind: h.kind,
                id: h.id,
                label: h.label,
                snippet: h.snippet,
            })
            .collect(),
    ))
}
