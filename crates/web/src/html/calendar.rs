//! The calendar: a download, and a private subscription address whose
//! secret can be rotated (the old address then answers 404).

use super::shared::see_other;
use crate::error::AppError;
use crate::state::AppState;
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rapport_store::calendar;

#[derive(Template, WebTemplate)]
#[template(path = "calendar/index.html")]
pub(crate) struct CalendarPage {
    active: &'static str,
    since: Option<String>,
    /// The new address, shown once right after it is made.
    address: Option<String>,
}

fn ics(body: String) -> Response {
    (
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        body,
    )
        .into_response()
}

pub(crate) async fn show(student: Student) -> Result<CalendarPage, AppError> {
    let since = calendar::subscribed_since(&student.db, &student.account).await?;
    Ok(CalendarPage {
        active: "calendar",
        since: since.map(|s| rapport_core::schedule::format_local(s, student.zone)),
        address: None,
    })
}

pub(crate) async fn download(student: Student) -> Result<Response, AppError> {
    let body = calendar::feed(&student.db, &student.account, student.now(), student.zone).await?;
    let mut response = ics(body);
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        header::HeaderValue::from_static("attachment; filename=\"rapport.ics\""),
    );
    Ok(response)
}

/// Makes (or replaces) the subscription address and shows it once.
pub(crate) async fn rotate(
    State(state): State<AppState>,
    student: Student,
    headers: HeaderMap,
    extensions: axum::http::Extensions,
) -> Result<CalendarPage, AppError> {
    let token = calendar::rotate(&student.db, &student.account, student.now()).await?;
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1:7878");
    // Behind a TLS proxy the calendar app must be given https.
    let scheme = if crate::client::secure(&state, &headers, &extensions) {
        "https"
    } else {
        "http"
    };
    Ok(CalendarPage {
        active: "calendar",
        since: Some(rapport_core::schedule::format_local(
            student.now(),
            student.zone,
        )),
        address: Some(format!("{scheme}://{host}/calendar/{token}.ics")),
    })
}

pub(crate) async fn revoke(student: Student) -> Result<Response, AppError> {
    calendar::revoke(&student.db, &student.account).await?;
    Ok(see_other("/calendar").into_response())
}

/// The subscription feed. A wrong, old or malformed secret gets 404, the
/// same answer as an address that never existed.
pub(crate) async fn feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    // No sign-in here: the secret in the address names the account.
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    match calendar::account_for(&state.db, token).await? {
        Some(account) => {
            // The student's own zone, as on their pages.
            let zone = rapport_store::profiles::zone(&state.db, &account)
                .await?
                .unwrap_or(state.zone);
            let body = calendar::feed(&state.db, &account, state.now(), zone).await?;
            Ok(ics(body))
        }
        None => Ok((StatusCode::NOT_FOUND, "No calendar at this address.").into_response()),
    }
}
