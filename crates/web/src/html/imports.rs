//! Import and export: upload a file, see what it would do, confirm; undo
//! a past import; download everything.

use super::form::FormData;
use super::shared::{invalid, see_other};
use crate::error::AppError;
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, Path, Query};
use axum::response::{IntoResponse, Response};
use rapport_core::import::{Format, detect, parse, text_from_bytes};
use rapport_store::imports::{self, Batch, OnDuplicate, Preview};

/// The largest file accepted, in bytes: LinkedIn's 20,000 rows are ~2 MB and
/// 10,000 vCards without photos ~4 MB; larger posts are refused (413) before
/// they are read, so one upload cannot take the machine's memory.
pub(crate) const MAX_UPLOAD: usize = 8 * 1024 * 1024;
/// The confirm form carries the file back URL-encoded, at most three bytes
/// for one (`%E2`), plus the form's few other fields.
pub(crate) const MAX_CONFIRM: usize = 3 * MAX_UPLOAD + 64 * 1024;

#[derive(Template, WebTemplate)]
#[template(path = "imports/index.html")]
pub(crate) struct ImportPage {
    active: &'static str,
    batches: Vec<Batch>,
    done: Option<Batch>,
    error: String,
    /// Records brought back by a restore just done.
    restored: usize,
    /// The sources a file may be filed under.
    sources: Vec<(&'static str, &'static str)>,
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct Done {
    #[serde(default)]
    batch: Option<String>,
}

async fn index(
    student: &Student,
    done: Option<&str>,
    error: String,
) -> Result<ImportPage, AppError> {
    let batches = imports::list(&student.db, &student.account).await?;
    Ok(ImportPage {
        active: "import",
        done: done.and_then(|id| batches.iter().find(|b| b.id == id).cloned()),
        batches,
        error,
        restored: 0,
        sources: sources(),
    })
}

/// Restores a JSON backup into an empty workbench, all of it or nothing,
/// as `rapport restore` does; the page says why when it cannot.
pub(crate) async fn restore(student: Student, mut form: Multipart) -> Result<Response, AppError> {
    let mut bytes = Vec::new();
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => match field.bytes().await {
                Ok(b) => bytes = b.to_vec(),
                Err(e) => {
                    let message = format!("The file could not be read: {e}");
                    return Ok(unreadable(index(&student, None, message).await?));
                }
            },
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) => {
                let message = format!("The upload could not be read: {e}");
                return Ok(unreadable(index(&student, None, message).await?));
            }
        }
    }
    if bytes.is_empty() {
        let message = "Choose the backup file to restore first.".to_owned();
        return Ok(unreadable(index(&student, None, message).await?));
    }
    let doc: serde_json::Value = match serde_json::from_slice(&bytes) {
        Ok(doc) => doc,
        Err(e) => {
            let message = format!("This is not a rapport backup: it is not JSON ({e}).");
            return Ok(unreadable(index(&student, None, message).await?));
        }
    };
    match rapport_store::backup::restore(&student.db, &student.account, &doc).await {
        Ok(rows) => {
            let mut page = index(&student, None, String::new()).await?;
            page.restored = rows;
            Ok(page.into_response())
        }
        Err(e) if e.is_user_error() => {
            let message = format!("Nothing was restored: {e}");
            Ok(unreadable(index(&student, None, message).await?))
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn show(student: Student, Query(q): Query<Done>) -> Result<ImportPage, AppError> {
    index(&student, q.batch.as_deref(), String::new()).await
}

#[derive(Template, WebTemplate)]
#[template(path = "imports/preview.html")]
pub(crate) struct PreviewPage {
    active: &'static str,
    file_name: String,
    format: Format,
    content: String,
    preview: Preview,
    shown_new: usize,
    /// Where these people came from (empty: as the file says, else Other).
    source: String,
}

/// The import's people under the source chosen for the file, if one was.
fn with_source(
    parsed: rapport_core::import::Parsed,
    source: &str,
) -> Result<rapport_core::import::Parsed, rapport_core::FieldError> {
    if source.trim().is_empty() {
        return Ok(parsed);
    }
    Ok(parsed.with_source(rapport_core::people::Source::parse(source)?))
}

/// The sources a file of people may come from, for the import form.
pub(crate) fn sources() -> Vec<(&'static str, &'static str)> {
    rapport_core::people::Source::ALL
        .iter()
        .filter(|s| !matches!(s, rapport_core::people::Source::Referral))
        .map(|s| (s.as_str(), s.label()))
        .collect()
}

fn unreadable(page: ImportPage) -> Response {
    invalid(page)
}

/// Reads the upload, works out what it would do, and shows it. Nothing is
/// written yet.
pub(crate) async fn preview(student: Student, mut form: Multipart) -> Result<Response, AppError> {
    let (mut bytes, mut file_name, mut chosen) = (Vec::new(), String::new(), String::new());
    let mut source = String::new();
    loop {
        match form.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_owned();
                if name == "file" {
                    file_name = field.file_name().unwrap_or("upload").to_owned();
                    match field.bytes().await {
                        Ok(b) => bytes = b.to_vec(),
                        Err(e) => {
                            return Ok(unreadable(
                                index(&student, None, format!("The file could not be read: {e}"))
                                    .await?,
                            ));
                        }
                    }
                } else if name == "format" {
                    chosen = field.text().await.unwrap_or_default();
                } else if name == "source" {
                    source = field.text().await.unwrap_or_default();
                }
            }
            Ok(None) => break,
            Err(e) => {
                return Ok(unreadable(
                    index(&student, None, format!("The upload could not be read: {e}")).await?,
                ));
            }
        }
    }
    if bytes.is_empty() {
        return Ok(unreadable(
            index(&student, None, "Choose a file to import first.".into()).await?,
        ));
    }
    let content = text_from_bytes(&bytes);
    let format = if chosen.is_empty() || chosen == "auto" {
        match detect(&content) {
            Some(f) => f,
            None => {
                let message = format!(
                    "rapport cannot tell what {file_name} is. Choose its format: LinkedIn, Google Contacts or vCard."
                );
                return Ok(unreadable(index(&student, None, message).await?));
            }
        }
    } else {
        match Format::parse(&chosen) {
            Ok(f) => f,
            Err(e) => return Ok(unreadable(index(&student, None, e.message).await?)),
        }
    };
    let parsed = match with_source(parse(&content, format), &source) {
        Ok(p) => p,
        Err(e) => return Ok(unreadable(index(&student, None, e.message).await?)),
    };
    // As on the command line: a file that gives nobody to import is an error
    // naming the reason, not an empty preview.
    if let Some(reason) = parsed.nothing_to_import() {
        let message = format!("{file_name}: {reason}.");
        return Ok(unreadable(index(&student, None, message).await?));
    }
    let preview = imports::preview(&student.db, &student.account, &parsed).await?;
    Ok(PreviewPage {
        active: "import",
        file_name,
        format,
        shown_new: preview.new.len().min(200),
        content,
        preview,
        source,
    }
    .into_response())
}

pub(crate) async fn apply(student: Student, data: FormData) -> Result<Response, AppError> {
    let format = Format::parse(&data.get("format")).map_err(rapport_store::StoreError::from)?;
    let parsed = with_source(parse(&data.get("content"), format), &data.get("source"))
        .map_err(rapport_store::StoreError::from)?;
    let on_duplicate = if data.get("duplicates") == "merge" {
        OnDuplicate::Merge
    } else {
        OnDuplicate::Skip
    };
    let report = imports::apply(
        &student.db,
        &student.account,
        format,
        &data.get("file_name"),
        &parsed,
        on_duplicate,
        student.now(),
    )
    .await?;
    Ok(see_other(&format!("/import?batch={}", report.batch_id)).into_response())
}

pub(crate) async fn undo(student: Student, Path(id): Path<String>) -> Result<Response, AppError> {
    imports::undo(&student.db, &student.account, &id, student.now()).await?;
    Ok(see_other("/import").into_response())
}

pub(crate) async fn export_json(student: Student) -> Result<Response, AppError> {
    Ok(crate::exports::backup(&student.db, &student.account, student.now()).await?)
}

pub(crate) async fn export_csv(student: Student) -> Result<Response, AppError> {
    Ok(crate::exports::people_csv(&student.db, &student.account).await?)
}

pub(crate) async fn export_vcard(student: Student) -> Result<Response, AppError> {
    Ok(crate::exports::people_vcard(&student.db, &student.account).await?)
}
