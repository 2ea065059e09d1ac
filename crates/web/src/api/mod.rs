//! The JSON API, `/api/v1` (M18): the same records, rules and checks as the
//! pages and the command line, for scripts, a phone shortcut or another
//! career-center system. Described by an OpenAPI 3.1 document generated from
//! these handlers (`/api/v1/openapi.json`, `rapport openapi`,
//! `docs/openapi.json`); errors are `application/problem+json`.

mod body;
mod caller;
mod interviews;
mod organizations;
mod people;
pub(crate) mod problem;
mod tasks;
mod today;

use crate::state::AppState;
use axum::Router;
use problem::ApiError;
use serde::Serialize;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Where the API lives.
pub const BASE: &str = "/api/v1";

/// Another record, by id and name.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Reference {
    id: String,
    name: String,
}

impl From<rapport_core::people::Ref> for Reference {
    fn from(r: rapport_core::people::Ref) -> Self {
        Reference {
            id: r.id,
            name: r.name,
        }
    }
}

/// Rows per page: 1 to 200, 50 when not given.
pub(crate) fn page_size(limit: Option<u32>) -> Result<u32, ApiError> {
    match limit {
        None => Ok(50),
        Some(n @ 1..=200) => Ok(n),
        Some(_) => Err(
            rapport_core::FieldErrors::from(rapport_core::FieldError::new(
                "limit",
                "ask for 1 to 200 rows a page",
            ))
            .into(),
        ),
    }
}

/// A page's cursor: the id of its last row, opaque to callers.
pub(crate) struct Cursor;

impl Cursor {
    pub(crate) fn of(id: &str) -> String {
        id.to_owned()
    }

    /// The row id in a cursor sent back, checked for its shape.
    pub(crate) fn id(cursor: String) -> Result<String, ApiError> {
        let fine = !cursor.is_empty()
            && cursor.len() <= 64
            && cursor
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
        if fine {
            Ok(cursor)
        } else {
            Err(
                rapport_core::FieldErrors::from(rapport_core::FieldError::new(
                    "after",
                    "pass the `next` value of the page before, as it was",
                ))
                .into(),
            )
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "rapport",
        description = "The informational-interview workbench: people, interviews, what is due, and what your interviews teach you. Every write passes the same checks as the web pages and the command line.",
    ),
    servers((url = "/api/v1")),
    modifiers(&Schemes),
    components(schemas(problem::Problem, problem::FieldProblem))
)]
struct Document;

/// The two ways in: a personal token, or the browser's session cookie.
struct Schemes;

impl Modify for Schemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A personal token made on the Tokens page or with `rapport token create`",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("__Host-rapport"))),
        );
    }
}

fn split() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(Document::openapi())
        .routes(routes!(people::list, people::create))
        .routes(routes!(people::show, people::update, people::delete))
        .routes(routes!(interviews::list, interviews::create))
        .routes(routes!(organizations::list, organizations::create))
        .routes(routes!(organizations::show, organizations::update))
        .routes(routes!(interviews::show))
        .routes(routes!(interviews::move_to))
        .routes(routes!(today::show))
        .routes(routes!(today::insights_report))
        .routes(routes!(today::search))
        .routes(routes!(tasks::list))
        .routes(routes!(tasks::done))
        .routes(routes!(tasks::snooze))
        .split_for_parts()
}

/// The OpenAPI document, as served and committed.
pub fn document() -> String {
    split()
        .1
        .to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The API's routes, under [`BASE`], with the document beside them.
pub(crate) fn routes() -> Router<AppState> {
    let (router, _) = split();
    let document = document();
    Router::new().nest(
        BASE,
        router.route(
            "/openapi.json",
            axum::routing::get(move || {
                let document = document.clone();
                async move {
                    (
                        [(axum::http::header::CONTENT_TYPE, "application/json")],
                        document,
                    )
                }
            }),
        ),
    )
}
