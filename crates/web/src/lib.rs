//! The rapport web server: server-rendered pages over the store.
#![forbid(unsafe_code)]

pub mod access;
mod error;
mod format;
mod headers;
mod html;
mod origin;
mod serve;
mod state;
mod student;
mod unsaved;

pub use state::AppState;

use axum::Router;
use axum::extract::MatchedPath;
use axum::http::Request;
use std::future::Future;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// Every route of the application.
pub fn router(state: AppState) -> Router {
    html::routes()
        .layer(axum::middleware::from_fn(access::check))
        .layer(axum::middleware::from_fn(unsaved::keep_typed_text))
        .layer(axum::middleware::from_fn(origin::check))
        .layer(axum::middleware::from_fn(headers::add))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<_>| {
                    let route = request
                        .extensions()
                        .get::<MatchedPath>()
                        .map(MatchedPath::as_str)
                        .unwrap_or("unmatched");
                    tracing::info_span!("request", method = %request.method(), route)
                })
                // One line per request with its status and latency.
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// Serves until `shutdown` completes, then finishes requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve::run(listener, router(state), shutdown).await
}
