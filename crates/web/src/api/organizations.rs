//! `/api/v1/organizations`: the organizations and your homework on each,
//! with the same checks as the form (`OrganizationForm::validate`).

use super::body::{Body, Id, Params};
use super::caller::Caller;
use super::checks::{research_notes, together};
use super::problem::ApiError;
use super::schema::{Invalid, Missing, Reads, Writes};
use super::{Page, PageQuery};
use axum::Json;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use rapport_core::organizations::{
    Organization, OrganizationForm, OrganizationInput, ResearchSource,
};
use rapport_store::organizations;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// An organization.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct OrganizationOut {
    id: String,
    name: String,
    website: Option<String>,
    /// Its products or services.
    products: String,
    entry_level_jobs: String,
    hiring_procedure: String,
    values: String,
    outlook: String,
    notes: String,
    /// Your homework, one note per source checked (website,
    /// annual-report, literature, news, library, word-of-mouth).
    research: BTreeMap<String, String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<Organization> for OrganizationOut {
    fn from(o: Organization) -> Self {
        OrganizationOut {
            research: o
                .research
                .into_iter()
                .map(|r| (r.source.as_str().to_owned(), r.note))
                .collect(),
            id: o.id,
            name: o.name,
            website: o.website,
            products: o.products,
            entry_level_jobs: o.entry_level_jobs,
            hiring_procedure: o.hiring_procedure,
            values: o.values,
            outlook: o.outlook,
            notes: o.notes,
            created_at: o.created_at,
            updated_at: o.updated_at,
        }
    }
}

/// An organization as sent: only `name` is required.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct OrganizationIn {
    #[schema(schema_with = super::schema::line)]
    name: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::web_address_or_blank)]
    website: String,
    /// Its products or services.
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    products: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    entry_level_jobs: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    hiring_procedure: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    values: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    outlook: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    notes: String,
    /// Your homework: a note per source checked.
    #[serde(default)]
    #[schema(schema_with = super::schema::research::<ResearchSource>)]
    research: BTreeMap<String, String>,
}

impl OrganizationIn {
    fn checked(self) -> Result<OrganizationInput, rapport_core::FieldErrors> {
        let mut errors = rapport_core::FieldErrors::new();
        let form = OrganizationForm {
            research: research_notes::<ResearchSource>(self.research, &mut errors),
            name: self.name,
            website: self.website,
            products: self.products,
            entry_level_jobs: self.entry_level_jobs,
            hiring_procedure: self.hiring_procedure,
            values: self.values,
            outlook: self.outlook,
            notes: self.notes,
        };
        together(errors, form.validate())
    }
}

/// Lists organizations in the order they were added, a page at a time.
#[utoipa::path(
    get, path = "/organizations", tag = "organizations",
    params(PageQuery),
    responses(
        (status = 200, description = "A page of organizations", body = Page<OrganizationOut>),
        Reads, Invalid,
    )
)]
pub(crate) async fn list(
    caller: Caller,
    Params(q): Params<PageQuery>,
) -> Result<Json<Page<OrganizationOut>>, ApiError> {
    let ask = q.ask()?;
    let found = organizations::page(
        &caller.db,
        &caller.account,
        ask.after.as_deref(),
        ask.read(),
    )
    .await?;
    Ok(Json(ask.page(found, |o| &o.id, OrganizationOut::from)))
}

/// One organization with your research on it.
#[utoipa::path(
    get, path = "/organizations/{id}", tag = "organizations",
    params(("id" = String, Path, description = "The organization's id")),
    responses(
        (status = 200, description = "The organization", body = OrganizationOut),
        Reads, Missing,
    )
)]
pub(crate) async fn show(caller: Caller, Id(id): Id) -> Result<Json<OrganizationOut>, ApiError> {
    Ok(Json(
        organizations::show(&caller.db, &caller.account, &id)
            .await?
            .into(),
    ))
}

/// Adds an organization.
#[utoipa::path(
    post, path = "/organizations", tag = "organizations",
    request_body = OrganizationIn,
    responses(
        (status = 201, description = "The organization added", body = OrganizationOut),
        Writes, Invalid,
    )
)]
pub(crate) async fn create(
    caller: Caller,
    Body(input): Body<OrganizationIn>,
) -> Result<(StatusCode, Json<OrganizationOut>), ApiError> {
    let checked = input.checked()?;
    let made = organizations::create(&caller.db, &caller.account, &checked, caller.now()).await?;
    Ok((StatusCode::CREATED, Json(made.into())))
}

/// Replaces an organization's values (and its research) with those sent.
#[utoipa::path(
    put, path = "/organizations/{id}", tag = "organizations",
    params(("id" = String, Path, description = "The organization's id")),
    request_body = OrganizationIn,
    responses(
        (status = 200, description = "The organization as saved", body = OrganizationOut),
        Writes, Missing, Invalid,
    )
)]
pub(crate) async fn update(
    caller: Caller,
    Id(id): Id,
    Body(input): Body<OrganizationIn>,
) -> Result<Json<OrganizationOut>, ApiError> {
    let checked = input.checked()?;
    let saved =
        organizations::update(&caller.db, &caller.account, &id, &checked, caller.now()).await?;
    Ok(Json(saved.into()))
}

/// Deletes an organization; its people and interviews stay, without it.
#[utoipa::path(
    delete, path = "/organizations/{id}", tag = "organizations",
    params(("id" = String, Path, description = "The organization's id")),
    responses(
        (status = 204, description = "Deleted"),
        Writes, Missing,
    )
)]
pub(crate) async fn delete(caller: Caller, Id(id): Id) -> Result<StatusCode, ApiError> {
    organizations::delete(&caller.db, &caller.account, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
