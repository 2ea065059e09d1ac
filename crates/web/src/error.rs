//! One error type for pages: internals go to the log, the person gets a
//! page that says what happened in plain words.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use rapport_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("page not found")]
    NotFound,
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    active: &'static str,
    status: u16,
    title: &'static str,
    message: String,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, title, message) = match &self {
            AppError::NotFound => (
                StatusCode::NOT_FOUND,
                "Page not found",
                "There is nothing at this address. Go back to Today to see what is next."
                    .to_owned(),
            ),
            AppError::Store(e) if e.is_user_error() => {
                (StatusCode::BAD_REQUEST, "That did not work", e.to_string())
            }
            AppError::Store(e) => {
                tracing::error!(error = %e, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong",
                    "rapport could not read or save your data just now. Nothing was lost; try again in a moment.".to_owned(),
                )
            }
        };
        let page = ErrorPage {
            active: "",
            status: status.as_u16(),
            title,
            message,
        };
        match page.render() {
            Ok(body) => (status, Html(body)).into_response(),
            Err(e) => {
                tracing::error!(error = %e, "error page failed to render");
                (status, title).into_response()
            }
        }
    }
}
