//! The three downloads of a workbench (the backup, people as CSV and as
//! vCards), the same from the import page and the API.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use rapport_store::{AccountId, Db, StoreError, backup, people};

fn download(content_type: &'static str, file_name: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// Everything in the workbench as one JSON document, for `rapport restore`.
pub(crate) async fn backup(
    db: &Db,
    account: &AccountId,
    now: DateTime<Utc>,
) -> Result<Response, StoreError> {
    let doc = backup::export(db, account, now).await?;
    let body = serde_json::to_string_pretty(&doc).unwrap_or_default();
    Ok(download("application/json", "rapport-backup.json", body))
}

/// The people as CSV, one row each.
pub(crate) async fn people_csv(db: &Db, account: &AccountId) -> Result<Response, StoreError> {
    let all = people::all(db, account).await?;
    Ok(download(
        "text/csv; charset=utf-8",
        "rapport-people.csv",
        rapport_core::export::people_csv(&all),
    ))
}

/// The people as vCards, for an address book.
pub(crate) async fn people_vcard(db: &Db, account: &AccountId) -> Result<Response, StoreError> {
    let all = people::all(db, account).await?;
    Ok(download(
        "text/vcard; charset=utf-8",
        "rapport-people.vcf",
        rapport_core::export::people_vcard(&all),
    ))
}
