//! The rapport web server: server-rendered pages over the store.
#![forbid(unsafe_code)]

pub mod access;
pub mod api;
mod client;
mod compose;
mod counselor;
pub mod csrf;
mod error;
mod exports;
mod format;
mod headers;
mod html;
mod origin;
mod passwords;
mod serve;
pub mod session;
mod state;
mod student;
mod unsaved;

pub use state::{AppState, Server, SignUp};

use axum::Router;
use axum::extract::MatchedPath;
use axum::http::Request;
use std::future::Future;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// Every route of the application.
pub fn router(state: AppState) -> Router {
    use axum::middleware::{from_fn, from_fn_with_state};
    if state.server_mode().is_some() {
        passwords::warm_up();
    }
    // Outermost last: headers on every answer, then the origin checks, the
    // session, the form token, and the access table nearest the handlers.
    html::routes()
        .merge(api::routes())
        .layer(from_fn_with_state(state.clone(), access::check))
        .layer(from_fn(unsaved::keep_typed_text))
        .layer(from_fn_with_state(state.clone(), csrf::check))
        .layer(from_fn_with_state(state.clone(), session::load))
        .layer(from_fn_with_state(state.clone(), origin::check))
        .layer(from_fn_with_state(state.clone(), headers::add))
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

/// Serves any router the way [`serve`] serves rapport's: the same
/// connection limits and timeouts. The benchmarks measure a hello-world
/// handler through it, as the ceiling the pages are compared with.
pub async fn serve_router(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve::run(listener, router, shutdown).await
}
