//! One error type for pages, mapped to a status once: a missing record is
//! 404, input that fails a rule 422, a move the pipeline refuses or a
//! change that collides 409, a full or read-only disk 507/503 with its cause
//! said. Internals go to the log; the person gets a page in plain words.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use rapport_store::{Storage, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("page not found")]
    NotFound,
    /// Not signed in (server mode): the page sends the browser to sign in.
    #[error("not signed in")]
    SignIn,
    /// Signed in, but this request may not do what it asks (a form without
    /// its token).
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// The machine could not do the work just now (a hash, say).
    #[error("unavailable")]
    Unavailable,
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    active: &'static str,
    status: u16,
    title: &'static str,
    message: String,
}

/// Marks a response whose form was not saved because of the machine, so
/// [`crate::unsaved`] can show the typed text again.
#[derive(Debug, Clone)]
pub(crate) struct NotSaved(pub(crate) Storage);

impl AppError {
    pub(crate) fn status_and_words(&self) -> (StatusCode, &'static str, String) {
        let not_found = |message: String| (StatusCode::NOT_FOUND, "Not found", message);
        match self {
            AppError::NotFound => (
                StatusCode::NOT_FOUND,
                "Page not found",
                "There is nothing at this address. Go back to Today to see what is next.".into(),
            ),
            AppError::SignIn => (
                StatusCode::UNAUTHORIZED,
                "Sign in",
                "Sign in to see this page.".into(),
            ),
            AppError::Forbidden(why) => (StatusCode::FORBIDDEN, "Not allowed", (*why).to_owned()),
            AppError::Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                "Try again",
                "rapport could not finish that just now. Nothing was changed; try again in a moment."
                    .into(),
            ),
            AppError::Store(e) => match e {
                StoreError::NotFound { kind, .. } => not_found(format!(
                    "There is no such {kind} in your workbench; it may have been deleted."
                )),
                StoreError::Invalid(_) | StoreError::Ambiguous { .. } => (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "That did not work",
                    e.to_string(),
                ),
                StoreError::Move(_) | StoreError::Conflict(_) | StoreError::Unfit(_) => {
                    (StatusCode::CONFLICT, "That did not work", e.to_string())
                }
                StoreError::Storage(storage) => (
                    match storage {
                        Storage::Full => StatusCode::INSUFFICIENT_STORAGE,
                        Storage::ReadOnly => StatusCode::SERVICE_UNAVAILABLE,
                    },
                    "Not saved",
                    format!("Nothing was saved: {storage}."),
                ),
                _ => {
                    tracing::error!(error = %e, "request failed");
                    (
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "Something went wrong",
                        "rapport could not read or save your data just now. Nothing was lost; try again in a moment.".to_owned(),
                    )
                }
            },
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::SignIn = self {
            return axum::response::Redirect::to("/sign-in").into_response();
        }
        let (status, title, message) = self.status_and_words();
        let page = ErrorPage {
            active: "",
            status: status.as_u16(),
            title,
            message,
        };
        let mut response = match page.render() {
            Ok(body) => (status, Html(body)).into_response(),
            Err(e) => {
                tracing::error!(error = %e, "error page failed to render");
                (status, title).into_response()
            }
        };
        if let AppError::Store(StoreError::Storage(storage)) = self {
            response.extensions_mut().insert(NotSaved(storage));
        }
        response
    }
}
