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

/// The feed, or `304 Not Modified` when the calendar app already has it.
/// Its content is a function of the records (their version), the zone and
/// the hour, so the tag names those three and the feed is made as of the
/// hour's start: an app polling every few minutes costs one indexed read.
async fn ics(
    db: &rapport_store::Db,
    account: &rapport_store::AccountId,
    now: chrono::DateTime<chrono::Utc>,
    zone: rapport_core::validated::TimeZone,
    request: &HeaderMap,
    subscribed: bool,
) -> Result<Response, AppError> {
    use chrono::DurationRound;
    let hour = now
        .duration_trunc(chrono::Duration::hours(1))
        .unwrap_or(now);
    let version = calendar::version(db, account).await?;
    let tag = format!("\"{version}-{}-{}\"", zone.name(), hour.timestamp());
    // Zone names and numbers are always valid in a header; were one not,
    // the feed would simply be sent every time.
    let tag_header = header::HeaderValue::from_str(&tag).ok();
    let known = tag_header.is_some()
        && request
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(',')
                    .map(|t| t.trim().trim_start_matches("W/"))
                    .any(|t| t == "*" || t == tag)
            });
    let mut cache = HeaderMap::new();
    if let Some(value) = tag_header {
        cache.insert(header::ETAG, value);
    }
    // A calendar app keeps the feed and asks again with the tag; a browser
    // downloading it while signed in keeps no copy, like every page.
    cache.insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static(if subscribed {
            "private, no-cache"
        } else {
            "no-store"
        }),
    );
    if known {
        return Ok((StatusCode::NOT_MODIFIED, cache).into_response());
    }
    let body = calendar::feed(db, account, hour, zone).await?;
    Ok((
        cache,
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        body,
    )
        .into_response())
}

pub(crate) async fn show(student: Student) -> Result<CalendarPage, AppError> {
    let since = calendar::subscribed_since(&student.db, &student.account).await?;
    Ok(CalendarPage {
        active: "calendar",
        since: since.map(|s| rapport_core::schedule::format_local(s, student.zone)),
        address: None,
    })
}

pub(crate) async fn download(student: Student, headers: HeaderMap) -> Result<Response, AppError> {
    let mut response = ics(
        &student.db,
        &student.account,
        student.now(),
        student.zone,
        &headers,
        false,
    )
    .await?;
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
    headers: HeaderMap,
) -> Result<Response, AppError> {
    // No sign-in here: the secret in the address names the account.
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    match calendar::account_for(&state.db, token).await? {
        Some(account) => {
            // The student's own zone, as on their pages.
            let zone = rapport_store::profiles::zone(&state.db, &account)
                .await?
                .unwrap_or(state.zone);
            ics(&state.db, &account, state.now(), zone, &headers, true).await
        }
        None => Ok((StatusCode::NOT_FOUND, "No calendar at this address.").into_response()),
    }
}
