//! `/api/v1/people`: the people of the workbench, paged by cursor, with the
//! same checks as the form and the command line (`PersonForm::validate`).

use super::body::{Body, Id, Params};
use super::caller::Caller;
use super::problem::ApiError;
use super::schema::Exact;
use super::schema::{Invalid, Missing, Reads, Writes};
use super::{Ask, Reference};
use axum::Json;
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, Utc};
use rapport_core::people::{Person, PersonForm, Source};
use rapport_store::{Page, people};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A person.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PersonOut {
    id: String,
    name: String,
    organization: Option<Reference>,
    title: Option<String>,
    emails: Vec<String>,
    phones: Vec<String>,
    links: Vec<String>,
    notes: String,
    tags: Vec<String>,
    /// How you came to know them (friend, alumni-office, referral…).
    source: String,
    /// A manager or supervisor who can hire: the preferred interviewee.
    hiring_authority: bool,
    referred_by: Option<Reference>,
    may_name_referrer: bool,
    business_card: bool,
    stay_in_touch: bool,
    cadence_days: Option<u32>,
    connected_on: Option<NaiveDate>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<Person> for PersonOut {
    fn from(p: Person) -> Self {
        PersonOut {
            id: p.id,
            name: p.name,
            organization: p.organization.map(Reference::from),
            title: p.title,
            emails: p.emails,
            phones: p.phones,
            links: p.links,
            notes: p.notes,
            tags: p.tags,
            source: p.source.as_str().to_owned(),
            hiring_authority: p.hiring_authority,
            referred_by: p.referred_by.map(Reference::from),
            may_name_referrer: p.may_name_referrer,
            business_card: p.business_card,
            stay_in_touch: p.stay_in_touch,
            cadence_days: p.cadence_days,
            connected_on: p.connected_on,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

/// A person as sent: only `name` is required; what is left out is empty.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PersonIn {
    /// As they write it: one line, with at least one letter or sign.
    #[schema(schema_with = super::schema::line)]
    name: String,
    #[serde(default)]
    organization_id: Option<String>,
    #[serde(default)]
    #[schema(schema_with = super::schema::line_or_empty)]
    title: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::emails)]
    emails: Vec<String>,
    #[serde(default)]
    #[schema(schema_with = super::schema::phones)]
    phones: Vec<String>,
    #[serde(default)]
    #[schema(schema_with = super::schema::links)]
    links: Vec<String>,
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    notes: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::tags)]
    tags: Vec<String>,
    /// How you came to know them (absent: other).
    #[serde(default)]
    #[schema(schema_with = super::schema::names_or_null::<Source>)]
    source: Option<Exact<Source>>,
    #[serde(default)]
    hiring_authority: bool,
    /// Who referred them, and whether you may say so.
    #[serde(default)]
    referred_by: Option<ReferralIn>,
    #[serde(default)]
    business_card: bool,
    #[serde(default)]
    stay_in_touch: bool,
    /// Days between keep-in-touch notes (empty: none).
    #[serde(default, deserialize_with = "super::schema::whole::optional")]
    #[schema(minimum = 1, maximum = 730)]
    cadence_days: Option<u32>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    #[schema(schema_with = super::schema::date_or_null)]
    connected_on: Option<String>,
}

/// Who referred a person: a person's id, and whether they said you may
/// use their name when you write.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReferralIn {
    #[schema(schema_with = super::schema::id)]
    id: String,
    #[serde(default)]
    may_name: bool,
}

impl PersonIn {
    /// The form the web page and the command line fill, so one set of
    /// checks decides.
    pub(crate) fn form(self) -> PersonForm {
        PersonForm {
            name: self.name,
            organization_id: self.organization_id.filter(|o| !o.trim().is_empty()),
            title: self.title,
            emails: self.emails,
            phones: self.phones,
            links: self.links,
            notes: self.notes,
            tags: self.tags,
            source: self.source.map(Exact::name).unwrap_or_default(),
            hiring_authority: self.hiring_authority,
            may_name_referrer: self.referred_by.as_ref().is_some_and(|r| r.may_name),
            referred_by_id: self.referred_by.map(|r| r.id),
            business_card: self.business_card,
            stay_in_touch: self.stay_in_touch,
            cadence_days: self.cadence_days.map(|d| d.to_string()).unwrap_or_default(),
            connected_on: self.connected_on.unwrap_or_default(),
        }
    }
}

/// Which people to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListQuery {
    /// Only names containing this text (any case).
    #[param(pattern = r"^[^\u0000-\u001f\u007f]*$")]
    name: Option<String>,
    /// The `next` cursor of the page before.
    #[param(pattern = r"^[A-Za-z0-9.-]{1,64}$")]
    after: Option<String>,
    /// People per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

/// A person as a list shows them; the rest is on `GET /people/{id}`.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PersonSummary {
    id: String,
    name: String,
    organization: Option<Reference>,
    title: Option<String>,
    source: String,
    hiring_authority: bool,
    referred_by: Option<Reference>,
}

impl From<Person> for PersonSummary {
    fn from(p: Person) -> Self {
        PersonSummary {
            id: p.id,
            name: p.name,
            organization: p.organization.map(Reference::from),
            title: p.title,
            source: p.source.as_str().to_owned(),
            hiring_authority: p.hiring_authority,
            referred_by: p.referred_by.map(Reference::from),
        }
    }
}

/// Lists people by name, a page at a time.
#[utoipa::path(
    get, path = "/people", tag = "people",
    params(ListQuery),
    responses(
        (status = 200, description = "A page of people", body = super::Page<PersonSummary>),
        Reads, Invalid,
    )
)]
pub(crate) async fn list(
    caller: Caller,
    Params(q): Params<ListQuery>,
) -> Result<Json<super::Page<PersonSummary>>, ApiError> {
    let ask = Ask::of(q.limit, q.after)?;
    let filter = people::Filter {
        name: q.name.filter(|n| !n.trim().is_empty()),
        page: Page {
            limit: ask.read(),
            offset: 0,
        },
        after: ask.after.clone(),
        ..people::Filter::default()
    };
    let found = people::list(&caller.db, &caller.account, &filter).await?;
    Ok(Json(ask.page(found, |p| &p.id, PersonSummary::from)))
}

/// One person.
#[utoipa::path(
    get, path = "/people/{id}", tag = "people",
    params(("id" = String, Path, description = "The person's id")),
    responses(
        (status = 200, description = "The person", body = PersonOut),
        Reads, Missing,
    )
)]
pub(crate) async fn show(caller: Caller, Id(id): Id) -> Result<Json<PersonOut>, ApiError> {
    Ok(Json(
        people::show(&caller.db, &caller.account, &id).await?.into(),
    ))
}

/// Adds a person.
#[utoipa::path(
    post, path = "/people", tag = "people",
    request_body = PersonIn,
    responses(
        (status = 201, description = "The person added", body = PersonOut),
        Writes, Missing, Invalid,
    )
)]
pub(crate) async fn create(
    caller: Caller,
    Body(input): Body<PersonIn>,
) -> Result<(StatusCode, Json<PersonOut>), ApiError> {
    let checked = input.form().validate()?;
    let person = people::create(&caller.db, &caller.account, &checked, caller.now()).await?;
    Ok((StatusCode::CREATED, Json(person.into())))
}

/// Replaces a person's values with those sent.
#[utoipa::path(
    put, path = "/people/{id}", tag = "people",
    params(("id" = String, Path, description = "The person's id")),
    request_body = PersonIn,
    responses(
        (status = 200, description = "The person as saved", body = PersonOut),
        Writes, Missing, Invalid,
    )
)]
pub(crate) async fn update(
    caller: Caller,
    Id(id): Id,
    Body(input): Body<PersonIn>,
) -> Result<Json<PersonOut>, ApiError> {
    let checked = input.form().validate()?;
    let person = people::update(&caller.db, &caller.account, &id, &checked, caller.now()).await?;
    Ok(Json(person.into()))
}

/// Deletes a person with their contacts.
#[utoipa::path(
    delete, path = "/people/{id}", tag = "people",
    params(("id" = String, Path, description = "The person's id")),
    responses(
        (status = 204, description = "Deleted"),
        Writes, Missing,
    )
)]
pub(crate) async fn delete(caller: Caller, Id(id): Id) -> Result<StatusCode, ApiError> {
    people::delete(&caller.db, &caller.account, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
