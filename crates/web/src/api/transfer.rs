//! Imports and exports: people from a LinkedIn, Google Contacts or vCard
//! file (previewed, applied with every bad row reported and the rest kept,
//! undone as a batch) and everything out again, as on the import page.

use super::body::{Body, Id};
use super::caller::Caller;
use super::problem::ApiError;
use super::schema::{Conflict, Exact, Invalid, Missing, Reads, Writes};
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use rapport_core::import::{Format, Parsed, Rejected, parse};
use rapport_core::people::Source;
use rapport_store::imports::{self, Batch, OnDuplicate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The file formats rapport reads.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum FormatName {
    /// LinkedIn's `Connections.csv`.
    Linkedin,
    /// Google Contacts' CSV export.
    Google,
    /// A `.vcf` file.
    Vcard,
}

impl From<FormatName> for Format {
    fn from(f: FormatName) -> Self {
        match f {
            FormatName::Linkedin => Format::LinkedIn,
            FormatName::Google => Format::Google,
            FormatName::Vcard => Format::VCard,
        }
    }
}

/// A file to read.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileIn {
    format: FormatName,
    /// The file's text.
    #[schema(max_length = 8388608)]
    text: String,
    /// How you know the people in it (absent: as the file says, else other).
    #[serde(default)]
    #[schema(schema_with = super::schema::names_or_null::<Source>)]
    source: Option<Exact<Source>>,
}

fn parsed(text: &str, format: FormatName, source: Option<Exact<Source>>) -> Parsed {
    let parsed = parse(text, format.into());
    match source {
        Some(source) => parsed.with_source(source.0),
        None => parsed,
    }
}

/// A record that could not be read, and why.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct RejectedOut {
    /// The line it starts on (1-based).
    line: usize,
    reason: String,
}

fn rejected(list: Vec<Rejected>) -> Vec<RejectedOut> {
    list.into_iter()
        .map(|r| RejectedOut {
            line: r.line,
            reason: r.reason,
        })
        .collect()
}

/// A record that would be added.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct NewOut {
    line: usize,
    name: String,
    organization: Option<String>,
    email: Option<String>,
}

/// A record that matches someone.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct DuplicateOut {
    line: usize,
    name: String,
    /// The person it matches, when already stored.
    person_id: Option<String>,
    matches: String,
    /// email, name-and-organization or earlier-in-file.
    #[schema(value_type = String)]
    by: imports::MatchBy,
}

/// What an import of the file would do.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PreviewOut {
    new: Vec<NewOut>,
    duplicates: Vec<DuplicateOut>,
    rejected: Vec<RejectedOut>,
    /// Why nothing would be imported, when nothing would.
    nothing_to_import: Option<String>,
}

/// Reads a file and says what importing it would do; nothing is kept.
#[utoipa::path(
    post, path = "/imports/preview", tag = "imports",
    request_body = FileIn,
    responses(
        (status = 200, description = "What an import would do", body = PreviewOut),
        Writes, Invalid,
    )
)]
pub(crate) async fn preview(
    caller: Caller,
    Body(input): Body<FileIn>,
) -> Result<Json<PreviewOut>, ApiError> {
    let parsed = parsed(&input.text, input.format, input.source);
    let preview = imports::preview(&caller.db, &caller.account, &parsed).await?;
    Ok(Json(PreviewOut {
        nothing_to_import: parsed.nothing_to_import(),
        new: preview
            .new
            .into_iter()
            .map(|n| NewOut {
                line: n.line,
                name: n.name,
                organization: n.organization,
                email: n.email,
            })
            .collect(),
        duplicates: preview
            .duplicates
            .into_iter()
            .map(|d| DuplicateOut {
                line: d.line,
                name: d.name,
                person_id: d.person_id,
                matches: d.matches,
                by: d.by,
            })
            .collect(),
        rejected: rejected(preview.rejected),
    }))
}

/// What to do with records matching people already stored.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum DuplicatesIn {
    /// Leave the stored person as is.
    #[default]
    Skip,
    /// Add the emails, phones and links the stored person lacks.
    Merge,
}

/// A file to import.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ImportIn {
    format: FormatName,
    /// The file's text.
    #[schema(max_length = 8388608)]
    text: String,
    /// How you know the people in it (absent: as the file says, else other).
    #[serde(default)]
    #[schema(schema_with = super::schema::names_or_null::<Source>)]
    source: Option<Exact<Source>>,
    /// The file's name, kept with the batch (as the import page keeps an
    /// upload's: control characters dropped, 200 characters at most).
    #[serde(default)]
    file_name: String,
    /// absent: skip.
    #[serde(default)]
    duplicates: DuplicatesIn,
}

/// What an import did.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReportOut {
    /// The batch, to undo it (null when nothing was imported).
    batch_id: Option<String>,
    imported: usize,
    merged: usize,
    duplicates: usize,
    /// The records left out, each with its line and reason.
    rejected: Vec<RejectedOut>,
    /// Why nothing was imported, when nothing was.
    nothing_to_import: Option<String>,
}

/// Imports the people of a file in one transaction: bad rows are reported
/// and the rest kept.
#[utoipa::path(
    post, path = "/imports", tag = "imports",
    request_body = ImportIn,
    responses(
        (status = 201, description = "Imported, as one batch", body = ReportOut),
        (status = 200, description = "Nothing in the file could be imported; nothing was kept", body = ReportOut),
        Writes, Invalid,
    )
)]
pub(crate) async fn apply(
    caller: Caller,
    Body(input): Body<ImportIn>,
) -> Result<Response, ApiError> {
    let file_name = if input.file_name.trim().is_empty() {
        "api"
    } else {
        input.file_name.as_str()
    };
    let parsed = parsed(&input.text, input.format, input.source);
    if let Some(reason) = parsed.nothing_to_import() {
        let report = ReportOut {
            batch_id: None,
            imported: 0,
            merged: 0,
            duplicates: 0,
            rejected: rejected(parsed.rejected),
            nothing_to_import: Some(reason),
        };
        return Ok((StatusCode::OK, Json(report)).into_response());
    }
    let on_duplicate = match input.duplicates {
        DuplicatesIn::Skip => OnDuplicate::Skip,
        DuplicatesIn::Merge => OnDuplicate::Merge,
    };
    let report = imports::apply(
        &caller.db,
        &caller.account,
        input.format.into(),
        file_name,
        &parsed,
        on_duplicate,
        caller.now(),
    )
    .await?;
    let out = ReportOut {
        batch_id: Some(report.batch_id),
        imported: report.imported,
        merged: report.merged,
        duplicates: report.duplicates,
        rejected: rejected(report.rejected),
        nothing_to_import: None,
    };
    Ok((StatusCode::CREATED, Json(out)).into_response())
}

/// One past import.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct BatchOut {
    id: String,
    format: String,
    file_name: String,
    imported: i64,
    merged: i64,
    duplicates: i64,
    rejected: i64,
    created_at: String,
    /// When it was undone.
    undone_at: Option<String>,
}

impl From<Batch> for BatchOut {
    fn from(b: Batch) -> Self {
        BatchOut {
            id: b.id,
            format: b.format,
            file_name: b.file_name,
            imported: b.imported,
            merged: b.merged,
            duplicates: b.duplicates,
            rejected: b.rejected,
            created_at: b.created_at,
            undone_at: b.undone_at,
        }
    }
}

/// Past imports.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct BatchesOut {
    /// The latest first (up to 100).
    items: Vec<BatchOut>,
}

/// Your past imports, the latest first.
#[utoipa::path(
    get, path = "/imports", tag = "imports",
    responses(
        (status = 200, description = "Past imports", body = BatchesOut),
        Reads,
    )
)]
pub(crate) async fn list(caller: Caller) -> Result<Json<BatchesOut>, ApiError> {
    let batches = imports::list(&caller.db, &caller.account).await?;
    Ok(Json(BatchesOut {
        items: batches.into_iter().map(BatchOut::from).collect(),
    }))
}

/// What undoing removed.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct UndoneOut {
    /// People removed (those the import added; merged details stay).
    removed: u64,
}

/// Undoes an import: the people it added are removed.
#[utoipa::path(
    post, path = "/imports/{id}/undo", tag = "imports",
    params(("id" = String, Path, description = "The import's batch id")),
    responses(
        (status = 200, description = "Undone", body = UndoneOut),
        Writes, Missing, Conflict,
    )
)]
pub(crate) async fn undo(caller: Caller, Id(id): Id) -> Result<Json<UndoneOut>, ApiError> {
    let removed = imports::undo(&caller.db, &caller.account, &id, caller.now()).await?;
    Ok(Json(UndoneOut { removed }))
}

/// Everything in your workbench as one JSON document, for `rapport restore`.
#[utoipa::path(
    get, path = "/exports/backup", tag = "exports",
    responses(
        (status = 200, description = "The backup", body = Object, content_type = "application/json"),
        Reads,
    )
)]
pub(crate) async fn backup(caller: Caller) -> Result<Response, ApiError> {
    Ok(crate::exports::backup(&caller.db, &caller.account, caller.now()).await?)
}

/// Your people as CSV, one row each.
#[utoipa::path(
    get, path = "/exports/people.csv", tag = "exports",
    responses(
        (status = 200, description = "The people", body = String, content_type = "text/csv"),
        Reads,
    )
)]
pub(crate) async fn people_csv(caller: Caller) -> Result<Response, ApiError> {
    Ok(crate::exports::people_csv(&caller.db, &caller.account).await?)
}

/// Your people as vCards, for an address book.
#[utoipa::path(
    get, path = "/exports/people.vcf", tag = "exports",
    responses(
        (status = 200, description = "The people", body = String, content_type = "text/vcard"),
        Reads,
    )
)]
pub(crate) async fn people_vcard(caller: Caller) -> Result<Response, ApiError> {
    Ok(crate::exports::people_vcard(&caller.db, &caller.account).await?)
}
