//! `/api/v1/conversations`: casual talks (on a bus, at a party, in line)
//! logged in seconds, and the person one grew into, checked as the page
//! checks them (`ConversationForm::validate`).

use super::body::{Body, Id, Params};
use super::caller::Caller;
use super::problem::ApiError;
use super::schema::{Invalid, Missing, Reads, Writes};
use super::{Page, PageQuery, Reference};
use axum::Json;
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, Utc};
use rapport_core::conversations::{Conversation, ConversationForm};
use rapport_store::conversations;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A casual conversation.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ConversationOut {
    id: String,
    /// Whom you talked with, as you would describe them.
    who: String,
    place: String,
    /// What you learned.
    learned: String,
    occurred_on: NaiveDate,
    /// The person record it grew into.
    person: Option<Reference>,
    created_at: DateTime<Utc>,
}

impl From<Conversation> for ConversationOut {
    fn from(c: Conversation) -> Self {
        ConversationOut {
            id: c.id,
            who: c.who,
            place: c.place,
            learned: c.learned,
            occurred_on: c.occurred_on,
            person: c.person.map(Reference::from),
            created_at: c.created_at,
        }
    }
}

/// A conversation as sent: only `who` is required.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ConversationIn {
    #[schema(schema_with = super::schema::line)]
    who: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::line_or_empty)]
    place: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    learned: String,
    /// `YYYY-MM-DD` (absent or empty: today, in your zone).
    #[serde(default)]
    #[schema(schema_with = super::schema::date_or_null)]
    occurred_on: Option<String>,
}

/// Lists conversations, the most recently logged first, a page at a time.
#[utoipa::path(
    get, path = "/conversations", tag = "conversations",
    params(PageQuery),
    responses(
        (status = 200, description = "A page of conversations", body = Page<ConversationOut>),
        Reads, Invalid,
    )
)]
pub(crate) async fn list(
    caller: Caller,
    Params(q): Params<PageQuery>,
) -> Result<Json<Page<ConversationOut>>, ApiError> {
    let ask = q.ask()?;
    let found = conversations::page(
        &caller.db,
        &caller.account,
        ask.after.as_deref(),
        ask.read(),
    )
    .await?;
    Ok(Json(ask.page(found, |c| &c.id, ConversationOut::from)))
}

/// One conversation.
#[utoipa::path(
    get, path = "/conversations/{id}", tag = "conversations",
    params(("id" = String, Path, description = "The conversation's id")),
    responses(
        (status = 200, description = "The conversation", body = ConversationOut),
        Reads, Missing,
    )
)]
pub(crate) async fn show(caller: Caller, Id(id): Id) -> Result<Json<ConversationOut>, ApiError> {
    Ok(Json(
        conversations::show(&caller.db, &caller.account, &id)
            .await?
            .into(),
    ))
}

/// Logs a conversation.
#[utoipa::path(
    post, path = "/conversations", tag = "conversations",
    request_body = ConversationIn,
    responses(
        (status = 201, description = "The conversation logged", body = ConversationOut),
        Writes, Invalid,
    )
)]
pub(crate) async fn create(
    caller: Caller,
    Body(input): Body<ConversationIn>,
) -> Result<(StatusCode, Json<ConversationOut>), ApiError> {
    let today = caller.now().with_timezone(&caller.zone.tz()).date_naive();
    let checked = ConversationForm {
        who: input.who,
        place: input.place,
        learned: input.learned,
        occurred_on: input.occurred_on.unwrap_or_default(),
    }
    .validate(today)?;
    let made = conversations::create(&caller.db, &caller.account, &checked, caller.now()).await?;
    Ok((StatusCode::CREATED, Json(made.into())))
}

/// The person a conversation grew into.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct GrewIntoIn {
    person_id: String,
}

/// Records the person a conversation grew into.
#[utoipa::path(
    put, path = "/conversations/{id}/person", tag = "conversations",
    params(("id" = String, Path, description = "The conversation's id")),
    request_body = GrewIntoIn,
    responses(
        (status = 200, description = "The conversation", body = ConversationOut),
        Writes, Missing, Invalid,
    )
)]
pub(crate) async fn grew_into(
    caller: Caller,
    Id(id): Id,
    Body(input): Body<GrewIntoIn>,
) -> Result<Json<ConversationOut>, ApiError> {
    let linked =
        conversations::link_person(&caller.db, &caller.account, &id, &input.person_id).await?;
    Ok(Json(linked.into()))
}

/// Deletes a conversation.
#[utoipa::path(
    delete, path = "/conversations/{id}", tag = "conversations",
    params(("id" = String, Path, description = "The conversation's id")),
    responses(
        (status = 204, description = "Deleted"),
        Writes, Missing,
    )
)]
pub(crate) async fn delete(caller: Caller, Id(id): Id) -> Result<StatusCode, ApiError> {
    conversations::delete(&caller.db, &caller.account, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
