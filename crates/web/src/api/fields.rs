//! `/api/v1/fields`: the occupations you explore, with your research on
//! each and how they fit you, checked as the form checks them
//! (`FieldForm::validate`).

use super::body::{Body, Id, Params};
use super::caller::Caller;
use super::checks::{research_notes, together};
use super::problem::ApiError;
use super::schema::{Exact, Invalid, Missing, Reads, Writes};
use super::{Page, PageQuery};
use axum::Json;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use rapport_core::fields::{Field, FieldForm, FieldInput, FieldSource, FieldStatus, Fit};
use rapport_store::fields;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// How a field fits you, against the four things the method asks you to know.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct FitNotes {
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    interests: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    abilities: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    values: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    skills: String,
}

/// A field (an occupation).
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FieldOut {
    id: String,
    title: String,
    /// O*NET-SOC code such as 15-1252.00.
    onet_code: Option<String>,
    /// exploring, promising or ruled-out.
    status: String,
    notes: String,
    fit: FitNotes,
    /// One note per source checked (onet, ooh, state-lmi, chamber,
    /// library, word-of-mouth).
    research: BTreeMap<String, String>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<Field> for FieldOut {
    fn from(f: Field) -> Self {
        FieldOut {
            id: f.id,
            title: f.title,
            onet_code: f.onet_code,
            status: f.status.as_str().to_owned(),
            notes: f.notes,
            fit: FitNotes {
                interests: f.fit.interests,
                abilities: f.fit.abilities,
                values: f.fit.values,
                skills: f.fit.skills,
            },
            research: f
                .research
                .into_iter()
                .map(|r| (r.source.as_str().to_owned(), r.note))
                .collect(),
            created_at: f.created_at,
            updated_at: f.updated_at,
        }
    }
}

/// A field as sent: only `title` is required.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct FieldIn {
    #[schema(schema_with = super::schema::line)]
    title: String,
    /// `15-1252.00` (or `15-1252`), or empty.
    #[serde(default)]
    #[schema(schema_with = super::schema::onet_code_or_blank)]
    onet_code: String,
    /// absent: exploring.
    #[serde(default)]
    #[schema(schema_with = super::schema::names_or_null::<FieldStatus>)]
    status: Option<Exact<FieldStatus>>,
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    notes: String,
    #[serde(default)]
    fit: FitNotes,
    /// One line per source checked.
    #[serde(default)]
    #[schema(schema_with = super::schema::research_lines::<FieldSource>)]
    research: BTreeMap<String, String>,
}

impl FieldIn {
    fn checked(self) -> Result<FieldInput, rapport_core::FieldErrors> {
        let mut errors = rapport_core::FieldErrors::new();
        let form = FieldForm {
            research: research_notes::<FieldSource>(self.research, &mut errors),
            title: self.title,
            onet_code: self.onet_code,
            status: self.status.map(Exact::name).unwrap_or_default(),
            notes: self.notes,
            fit: Fit {
                interests: self.fit.interests,
                abilities: self.fit.abilities,
                values: self.fit.values,
                skills: self.fit.skills,
            },
        };
        together(errors, form.validate())
    }
}

/// Lists fields in the order they were added, a page at a time.
#[utoipa::path(
    get, path = "/fields", tag = "fields",
    params(PageQuery),
    responses(
        (status = 200, description = "A page of fields", body = Page<FieldOut>),
        Reads, Invalid,
    )
)]
pub(crate) async fn list(
    caller: Caller,
    Params(q): Params<PageQuery>,
) -> Result<Json<Page<FieldOut>>, ApiError> {
    let ask = q.ask()?;
    let found = fields::page(
        &caller.db,
        &caller.account,
        ask.after.as_deref(),
        ask.read(),
    )
    .await?;
    Ok(Json(ask.page(found, |f| &f.id, FieldOut::from)))
}

/// One field with your research and its fit.
#[utoipa::path(
    get, path = "/fields/{id}", tag = "fields",
    params(("id" = String, Path, description = "The field's id")),
    responses(
        (status = 200, description = "The field", body = FieldOut),
        Reads, Missing,
    )
)]
pub(crate) async fn show(caller: Caller, Id(id): Id) -> Result<Json<FieldOut>, ApiError> {
    Ok(Json(
        fields::show(&caller.db, &caller.account, &id).await?.into(),
    ))
}

/// Adds a field.
#[utoipa::path(
    post, path = "/fields", tag = "fields",
    request_body = FieldIn,
    responses(
        (status = 201, description = "The field added", body = FieldOut),
        Writes, Invalid,
    )
)]
pub(crate) async fn create(
    caller: Caller,
    Body(input): Body<FieldIn>,
) -> Result<(StatusCode, Json<FieldOut>), ApiError> {
    let checked = input.checked()?;
    let made = fields::create(&caller.db, &caller.account, &checked, caller.now()).await?;
    Ok((StatusCode::CREATED, Json(made.into())))
}

/// Replaces a field's values (and its research) with those sent.
#[utoipa::path(
    put, path = "/fields/{id}", tag = "fields",
    params(("id" = String, Path, description = "The field's id")),
    request_body = FieldIn,
    responses(
        (status = 200, description = "The field as saved", body = FieldOut),
        Writes, Missing, Invalid,
    )
)]
pub(crate) async fn update(
    caller: Caller,
    Id(id): Id,
    Body(input): Body<FieldIn>,
) -> Result<Json<FieldOut>, ApiError> {
    let checked = input.checked()?;
    let saved = fields::update(&caller.db, &caller.account, &id, &checked, caller.now()).await?;
    Ok(Json(saved.into()))
}

/// Deletes a field; interviews and reflections about it stay, without it.
#[utoipa::path(
    delete, path = "/fields/{id}", tag = "fields",
    params(("id" = String, Path, description = "The field's id")),
    responses(
        (status = 204, description = "Deleted"),
        Writes, Missing,
    )
)]
pub(crate) async fn delete(caller: Caller, Id(id): Id) -> Result<StatusCode, ApiError> {
    fields::delete(&caller.db, &caller.account, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
