//! `/api/v1/interviews/{id}/times`: the two or three times you offer while
//! asking for a conversation (the handout asks for flexibility), and the one
//! the person chose, which schedules the interview, as on the interview's
//! page.

use super::body::{Body, Id};
use super::caller::Caller;
use super::interviews::InterviewOut;
use super::problem::ApiError;
use super::schema::{Conflict, Invalid, Missing, Writes};
use axum::Json;
use chrono::{DateTime, Utc};
use rapport_core::FieldError;
use rapport_core::proposed_times::{MAX, ProposedTimes};
use rapport_store::{interviews, proposed_times};
use serde::Deserialize;
use utoipa::ToSchema;

/// The times to offer.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TimesIn {
    /// Up to three local times, `2026-12-08 10:00`, in the interview's zone;
    /// blank ones are skipped, none removes them.
    #[schema(schema_with = super::schema::offered_times)]
    times: Vec<String>,
}

/// Offers times for an interview still being asked for (an idea or a
/// request); they replace those offered before and fill `{{times}}` in the
/// introductory letter.
#[utoipa::path(
    put, path = "/interviews/{id}/times", tag = "interviews",
    params(("id" = String, Path, description = "The interview's id")),
    request_body = TimesIn,
    responses(
        (status = 200, description = "The interview with the times offered", body = InterviewOut),
        Writes, Missing, Conflict, Invalid,
    )
)]
pub(crate) async fn offer(
    caller: Caller,
    Id(id): Id,
    Body(input): Body<TimesIn>,
) -> Result<Json<InterviewOut>, ApiError> {
    // The description's `maxItems` counts every entry, blank ones too: the
    // page's three boxes can never send more.
    if input.times.len() > MAX {
        return Err(FieldError::new(
            "proposed_times",
            format!("offer at most {MAX} times; the person chooses one"),
        )
        .into());
    }
    let interview = interviews::show(&caller.db, &caller.account, &id).await?;
    // A time that cannot be read is a 422; one already past is the store's
    // to refuse, as it no longer fits the interview (409).
    let times = ProposedTimes::read(&input.times, interview.time_zone)?;
    let saved = proposed_times::set(&caller.db, &caller.account, &id, &times, caller.now()).await?;
    Ok(Json(saved.into()))
}

/// The time the person chose.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ChosenIn {
    /// One of the interview's `proposed_times`, as listed.
    at: DateTime<Utc>,
}

/// The person chose one of the times offered: it becomes the start and the
/// interview is scheduled, in one transaction.
#[utoipa::path(
    post, path = "/interviews/{id}/times/choose", tag = "interviews",
    params(("id" = String, Path, description = "The interview's id")),
    request_body = ChosenIn,
    responses(
        (status = 200, description = "The interview, scheduled", body = InterviewOut),
        Writes, Missing, Conflict, Invalid,
    )
)]
pub(crate) async fn choose(
    caller: Caller,
    Id(id): Id,
    Body(input): Body<ChosenIn>,
) -> Result<Json<InterviewOut>, ApiError> {
    let saved =
        proposed_times::choose(&caller.db, &caller.account, &id, input.at, caller.now()).await?;
    Ok(Json(saved.into()))
}
