//! HTML pages, one module per resource.

mod assets;
mod health;
mod home;

use crate::error::AppError;
use crate::state::AppState;
use axum::Router;
use axum::routing::get;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::show))
        .route("/healthz", get(health::show))
        .route("/static/style.css", get(assets::stylesheet))
        .fallback(|| async { AppError::NotFound })
}
