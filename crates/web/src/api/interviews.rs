//! `/api/v1/interviews`: plan an interview, read it, and move it along the
//! pipeline with the same allowed moves and checks as the page and the CLI.

use super::Reference;
use super::body::{Body, Id, Params};
use super::caller::Caller;
use super::problem::ApiError;
use super::schema::Exact;
use super::schema::{Conflict, Invalid, Missing, Reads, Writes};
use super::{Ask, Page};
use axum::Json;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use rapport_core::interviews::{Interview, InterviewForm, Mode};
use rapport_core::pipeline::Status;
use rapport_core::preparation::PrepFlags;
use rapport_store::interviews;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// An interview.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct InterviewOut {
    id: String,
    person: Reference,
    organization: Option<Reference>,
    fields: Vec<Reference>,
    /// in-person, phone or video.
    mode: String,
    place: String,
    directions: String,
    starts_at: Option<DateTime<Utc>>,
    /// The IANA zone it was agreed in.
    time_zone: String,
    length_minutes: u16,
    /// idea, requested, scheduled, confirmed, done, thanked, closed,
    /// declined or no-reply.
    status: String,
    notes: String,
    qualifications_sought: String,
    /// The checklist before you go.
    prep: PrepOut,
    /// Times offered while asking, earliest first.
    proposed_times: Vec<DateTime<Utc>>,
    /// When it last moved (for a held one: when it ended).
    status_changed_at: DateTime<Utc>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<Interview> for InterviewOut {
    fn from(i: Interview) -> Self {
        InterviewOut {
            person: i.person.into(),
            organization: i.organization.map(Reference::from),
            fields: i.fields.into_iter().map(Reference::from).collect(),
            mode: i.mode.as_str().to_owned(),
            starts_at: i.starts_at,
            time_zone: i.time_zone.name().to_owned(),
            length_minutes: i.length.minutes(),
            status: i.status.as_str().to_owned(),
            prep: PrepOut::from(i.prep),
            proposed_times: i.proposed_times.times().to_vec(),
            status_changed_at: i.status_changed_at,
            created_at: i.created_at,
            updated_at: i.updated_at,
            id: i.id,
            place: i.place,
            directions: i.directions,
            notes: i.notes,
            qualifications_sought: i.qualifications_sought,
        }
    }
}

/// An interview as sent: it starts as an idea; only `person_id` is required.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct InterviewIn {
    /// Whom you will talk to (a person's id).
    #[schema(schema_with = super::schema::id)]
    person_id: String,
    #[serde(default)]
    organization_id: Option<String>,
    #[serde(default)]
    field_ids: Vec<String>,
    /// in-person, phone or video (absent: in person).
    #[serde(default)]
    #[schema(schema_with = super::schema::names_or_null::<Mode>)]
    mode: Option<Exact<Mode>>,
    #[schema(schema_with = super::schema::line_or_empty)]
    #[serde(default)]
    place: String,
    #[schema(schema_with = super::schema::long_text)]
    #[serde(default)]
    directions: String,
    /// The local start, `2026-12-08 10:00`, in `time_zone` (empty: not agreed yet).
    #[serde(default)]
    #[schema(schema_with = super::schema::local_time)]
    starts_at: String,
    /// IANA zone (empty: your profile's).
    #[serde(default)]
    #[schema(schema_with = super::schema::zone_or_empty)]
    time_zone: String,
    /// Minutes, 5 to 120 (absent: 30, as the method asks).
    #[schema(minimum = 5, maximum = 120)]
    #[serde(default, deserialize_with = "super::schema::whole::optional")]
    length_minutes: Option<u16>,
    #[schema(schema_with = super::schema::long_text)]
    #[serde(default)]
    notes: String,
}

impl InterviewIn {
    /// The form the page fills, so one set of checks decides.
    fn form(self, zone: rapport_core::validated::TimeZone) -> InterviewForm {
        InterviewForm {
            person_id: self.person_id,
            organization_id: self.organization_id.filter(|o| !o.trim().is_empty()),
            field_ids: self.field_ids,
            mode: self.mode.map(Exact::name).unwrap_or_default(),
            place: self.place,
            directions: self.directions,
            starts_at: self.starts_at,
            time_zone: if self.time_zone.trim().is_empty() {
                zone.name().to_owned()
            } else {
                self.time_zone
            },
            length: self
                .length_minutes
                .map(|m| m.to_string())
                .unwrap_or_default(),
            notes: self.notes,
        }
    }
}

/// Plans an interview (an idea until it moves).
#[utoipa::path(
    post, path = "/interviews", tag = "interviews",
    request_body = InterviewIn,
    responses(
        (status = 201, description = "The interview planned", body = InterviewOut),
        Writes, Missing, Invalid,
    )
)]
pub(crate) async fn create(
    caller: Caller,
    Body(input): Body<InterviewIn>,
) -> Result<(StatusCode, Json<InterviewOut>), ApiError> {
    let checked = input.form(caller.zone).validate()?;
    let interview = interviews::create(&caller.db, &caller.account, &checked, caller.now()).await?;
    Ok((StatusCode::CREATED, Json(interview.into())))
}

/// One interview.
#[utoipa::path(
    get, path = "/interviews/{id}", tag = "interviews",
    params(("id" = String, Path, description = "The interview's id")),
    responses(
        (status = 200, description = "The interview", body = InterviewOut),
        Reads, Missing,
    )
)]
pub(crate) async fn show(caller: Caller, Id(id): Id) -> Result<Json<InterviewOut>, ApiError> {
    Ok(Json(
        interviews::show(&caller.db, &caller.account, &id)
            .await?
            .into(),
    ))
}

/// A move along the pipeline.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct MoveIn {
    /// The status to move to; the pipeline allows only its next steps.
    #[schema(schema_with = super::schema::names::<Status>)]
    status: Status,
    /// For `done`: when the conversation ended (local `2026-12-08 10:40` in
    /// your zone; absent: now). The thank-you is due 24 hours after it.
    /// Other moves check it and leave it aside.
    #[serde(default)]
    #[schema(schema_with = super::schema::local_time)]
    ended_at: String,
}

/// Moves an interview along the pipeline (a thank-you sent: `thanked`).
#[utoipa::path(
    post, path = "/interviews/{id}/move", tag = "interviews",
    params(("id" = String, Path, description = "The interview's id")),
    request_body = MoveIn,
    responses(
        (status = 200, description = "The interview, moved", body = InterviewOut),
        Writes, Missing, Conflict, Invalid,
    )
)]
pub(crate) async fn move_to(
    caller: Caller,
    Id(id): Id,
    Body(input): Body<MoveIn>,
) -> Result<Json<InterviewOut>, ApiError> {
    let to = input.status;
    // A time sent is read whatever the move, so a typing slip is named even
    // where the time is not needed; one still to come is the store's to
    // refuse (it does not fit the interview now).
    let ended =
        rapport_core::interviews::read_ended_at(&input.ended_at, caller.zone, caller.now())?;
    let interview = if to == Status::Done {
        interviews::finish(&caller.db, &caller.account, &id, ended, caller.now()).await?
    } else {
        interviews::move_to(&caller.db, &caller.account, &id, to, caller.now()).await?
    };
    Ok(Json(interview.into()))
}

/// Which interviews to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListQuery {
    /// Only interviews with this status.
    #[param(schema_with = super::schema::names::<Status>)]
    status: Option<Status>,
    /// The `next` cursor of the page before.
    #[param(pattern = r"^[A-Za-z0-9.-]{1,64}$")]
    after: Option<String>,
    /// Interviews per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

/// Lists interviews in the order they were planned, a page at a time.
#[utoipa::path(
    get, path = "/interviews", tag = "interviews",
    params(ListQuery),
    responses(
        (status = 200, description = "A page of interviews", body = Page<InterviewOut>),
        Reads, Invalid,
    )
)]
pub(crate) async fn list(
    caller: Caller,
    Params(q): Params<ListQuery>,
) -> Result<Json<Page<InterviewOut>>, ApiError> {
    let ask = Ask::of(q.limit, q.after)?;
    let found = interviews::page(
        &caller.db,
        &caller.account,
        q.status,
        ask.after.as_deref(),
        ask.read(),
    )
    .await?;
    Ok(Json(ask.page(found, |i| &i.id, InterviewOut::from)))
}

/// The checklist before an interview, as the handout gives it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PrepOut {
    /// Answers to the questions they may ask you rehearsed.
    #[serde(default)]
    answers: bool,
    /// A copy of your résumé ready to bring.
    #[serde(default)]
    resume: bool,
    /// Clothes chosen, as for a job interview.
    #[serde(default)]
    clothes: bool,
    /// You know the way and how long it takes.
    #[serde(default)]
    directions: bool,
}

impl From<PrepFlags> for PrepOut {
    fn from(p: PrepFlags) -> Self {
        PrepOut {
            answers: p.answers,
            resume: p.resume,
            clothes: p.clothes,
            directions: p.directions,
        }
    }
}

/// Replaces an interview's plan with the values sent (its status moves only
/// by `POST /interviews/{id}/move`; a new start unconfirms it).
#[utoipa::path(
    put, path = "/interviews/{id}", tag = "interviews",
    params(("id" = String, Path, description = "The interview's id")),
    request_body = InterviewIn,
    responses(
        (status = 200, description = "The interview as saved", body = InterviewOut),
        Writes, Missing, Conflict, Invalid,
    )
)]
pub(crate) async fn update(
    caller: Caller,
    Id(id): Id,
    Body(input): Body<InterviewIn>,
) -> Result<Json<InterviewOut>, ApiError> {
    let checked = input.form(caller.zone).validate()?;
    let saved =
        interviews::update(&caller.db, &caller.account, &id, &checked, caller.now()).await?;
    Ok(Json(saved.into()))
}

/// Deletes an interview with its plan, reflection and tasks.
#[utoipa::path(
    delete, path = "/interviews/{id}", tag = "interviews",
    params(("id" = String, Path, description = "The interview's id")),
    responses(
        (status = 204, description = "Deleted"),
        Writes, Missing,
    )
)]
pub(crate) async fn delete(caller: Caller, Id(id): Id) -> Result<StatusCode, ApiError> {
    interviews::delete(&caller.db, &caller.account, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ticks the checklist before you go: the values sent replace it.
#[utoipa::path(
    put, path = "/interviews/{id}/prep", tag = "interviews",
    params(("id" = String, Path, description = "The interview's id")),
    request_body = PrepOut,
    responses(
        (status = 200, description = "The interview with its checklist", body = InterviewOut),
        Writes, Missing, Invalid,
    )
)]
pub(crate) async fn prep(
    caller: Caller,
    Id(id): Id,
    Body(input): Body<PrepOut>,
) -> Result<Json<InterviewOut>, ApiError> {
    let flags = PrepFlags {
        answers: input.answers,
        resume: input.resume,
        clothes: input.clothes,
        directions: input.directions,
    };
    let saved = interviews::set_prep(&caller.db, &caller.account, &id, flags, caller.now()).await?;
    Ok(Json(saved.into()))
}
