//! When the machine refuses a write (a full disk, a read-only database), the
//! person must not lose what they typed. Every posted form is kept in memory
//! while its request runs; if the answer says "not saved", the answer
//! becomes a page that shows each typed value again, says why, and offers
//! to send the same form once more.

use crate::error::NotSaved;
use askama::Template;
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

/// Forms larger than this (an import carried back) are passed on untouched.
const KEPT: usize = 2 * 1024 * 1024;

struct Typed {
    name: String,
    value: String,
    hidden: bool,
}

#[derive(Template)]
#[template(path = "unsaved.html")]
struct UnsavedPage {
    active: &'static str,
    cause: String,
    action: String,
    fields: Vec<Typed>,
}

fn is_form(request: &Request) -> bool {
    request.method() == Method::POST
        && request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

fn small(request: &Request) -> bool {
    request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        .is_some_and(|n| n <= KEPT)
}

/// Fields whose values must not be shown back: passwords, one-time link
/// tokens and the form token.
const SECRET_FIELDS: [&str; 6] = ["password", "current", "confirm", "csrf", "token", "invite"];

pub(crate) async fn keep_typed_text(request: Request, next: Next) -> Response {
    if !is_form(&request) || !small(&request) {
        return next.run(request).await;
    }
    let action = request
        .uri()
        .path_and_query()
        .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned());
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, KEPT).await else {
        return (
            axum::http::StatusCode::BAD_REQUEST,
            "The form could not be read. Go back and try again.",
        )
            .into_response();
    };
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes.clone())))
        .await;
    let Some(NotSaved(storage)) = response.extensions().get::<NotSaved>().cloned() else {
        return response;
    };
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
    let page = UnsavedPage {
        active: "",
        cause: storage.to_string(),
        action,
        fields: pairs
            .into_iter()
            // Secrets are never written into a page; a form sent again gets
            // a fresh form token from crate::csrf.
            .filter(|(name, _)| !SECRET_FIELDS.contains(&name.as_str()))
            .map(|(name, value)| Typed {
                hidden: name == "back" || name.starts_with('_'),
                name,
                value,
            })
            .collect(),
    };
    let status = response.status();
    match page.render() {
        Ok(body) => {
            let mut out = (status, Html(body)).into_response();
            out.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            out
        }
        Err(e) => {
            tracing::error!(error = %e, "the not-saved page failed to render");
            response
        }
    }
}
