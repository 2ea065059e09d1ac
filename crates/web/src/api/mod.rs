//! The JSON API, `/api/v1` (M18): the same records, rules and checks as the
//! pages and the command line, for scripts, a phone shortcut or another
//! career-center system. Described by an OpenAPI 3.1 document generated from
//! these handlers (`/api/v1/openapi.json`, `rapport openapi`,
//! `docs/openapi.json`); errors are `application/problem+json`.

mod body;
mod caller;
mod caseload;
mod checks;
mod contacts;
mod conversations;
mod fields;
mod interviews;
mod organizations;
mod people;
mod plans;
pub(crate) mod problem;
mod profile;
mod proposed_times;
mod reflections;
mod schema;
mod tasks;
mod today;
mod transfer;

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
    rows_asked(limit, 50, 200)
}

/// Rows asked for: `default` when not given, else 1 to `most`.
pub(crate) fn rows_asked(limit: Option<u32>, default: u32, most: u32) -> Result<u32, ApiError> {
    match limit {
        None => Ok(default),
        Some(n) if (1..=most).contains(&n) => Ok(n),
        Some(_) => Err(rapport_core::FieldError::new(
            "limit",
            format!("ask for 1 to {most} rows a page"),
        )
        .into()),
    }
}

/// What a list asks for: how many rows, and the row to start after.
pub(crate) struct Ask {
    /// Rows to show.
    pub(crate) limit: u32,
    /// The id of the last row of the page before.
    pub(crate) after: Option<String>,
}

impl Ask {
    /// Reads `limit` and `after` as sent, refusing either by its name.
    pub(crate) fn of(limit: Option<u32>, after: Option<String>) -> Result<Ask, ApiError> {
        Ok(Ask {
            limit: page_size(limit)?,
            after: after.map(Cursor::id).transpose()?,
        })
    }

    /// Rows to read: one more than shown, to know whether more follow.
    pub(crate) fn read(&self) -> u32 {
        self.limit + 1
    }

    /// The rows to show and, when more follow, the cursor of the last shown.
    pub(crate) fn page<R, T: ToSchema>(
        &self,
        mut rows: Vec<R>,
        id: impl Fn(&R) -> &str,
        out: impl FnMut(R) -> T,
    ) -> Page<T> {
        let shown = self.limit as usize;
        let next = if rows.len() > shown {
            shown
                .checked_sub(1)
                .and_then(|last| rows.get(last))
                .map(|r| Cursor::of(id(r)))
        } else {
            None
        };
        rows.truncate(shown);
        Page {
            items: rows.into_iter().map(out).collect(),
            next,
        }
    }
}

/// A page of a list, and the cursor of the next.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Page<T: ToSchema> {
    items: Vec<T>,
    /// Pass as `after` for the next page; absent on the last page.
    next: Option<String>,
}

/// Which page of a list: the query every list in creation order takes.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct PageQuery {
    /// The `next` cursor of the page before.
    #[param(pattern = r"^[A-Za-z0-9.-]{1,64}$")]
    after: Option<String>,
    /// Rows per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

impl PageQuery {
    pub(crate) fn ask(self) -> Result<Ask, ApiError> {
        Ask::of(self.limit, self.after)
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
            Err(rapport_core::FieldError::new(
                "after",
                "pass the `next` value of the page before, as it was",
            )
            .into())
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
    security(("token" = []), ("session" = [])),
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

/// A file's text, JSON-escaped, may be larger than other bodies: the
/// import page's limit, with room for the escaping.
fn with_upload_limit(
    routes: utoipa_axum::router::UtoipaMethodRouter<AppState>,
) -> utoipa_axum::router::UtoipaMethodRouter<AppState> {
    let (schemas, paths, router) = routes;
    let limit = 2 * crate::html::MAX_UPLOAD;
    (
        schemas,
        paths,
        router.layer(axum::extract::DefaultBodyLimit::max(limit)),
    )
}

fn split() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(Document::openapi())
        .routes(routes!(people::list, people::create))
        .routes(routes!(people::show, people::update, people::delete))
        .routes(routes!(interviews::list, interviews::create))
        .routes(routes!(organizations::list, organizations::create))
        .routes(routes!(
            organizations::show,
            organizations::update,
            organizations::delete
        ))
        .routes(routes!(fields::list, fields::create))
        .routes(routes!(fields::show, fields::update, fields::delete))
        .routes(routes!(
            interviews::show,
            interviews::update,
            interviews::delete
        ))
        .routes(routes!(interviews::prep))
        .routes(routes!(proposed_times::offer))
        .routes(routes!(proposed_times::choose))
        .routes(routes!(reflections::show, reflections::save))
        .routes(routes!(plans::list, plans::create))
        .routes(routes!(plans::delete))
        .routes(routes!(plans::plan, plans::add))
        .routes(routes!(plans::update, plans::remove))
        .routes(routes!(plans::answer))
        .routes(routes!(plans::reorder))
        .routes(routes!(profile::show, profile::save))
        .routes(routes!(contacts::list))
        .routes(routes!(contacts::show))
        .routes(routes!(contacts::record))
        .routes(routes!(contacts::templates, contacts::create_template))
        .routes(routes!(contacts::update_template, contacts::reset_template))
        .routes(routes!(contacts::check))
        .routes(routes!(contacts::draft))
        .routes(routes!(contacts::send))
        .routes(routes!(conversations::list, conversations::create))
        .routes(routes!(conversations::show, conversations::delete))
        .routes(routes!(conversations::grew_into))
        .routes(with_upload_limit(routes!(transfer::preview)))
        .routes(with_upload_limit(routes!(transfer::apply, transfer::list)))
        .routes(routes!(transfer::undo))
        .routes(routes!(transfer::backup))
        .routes(routes!(transfer::people_csv))
        .routes(routes!(transfer::people_vcard))
        .routes(routes!(caseload::list))
        .routes(routes!(caseload::show))
        .routes(routes!(interviews::move_to))
        .routes(routes!(today::show))
        .routes(routes!(today::insights_report))
        .routes(routes!(today::search))
        .routes(routes!(tasks::list, tasks::create))
        .routes(routes!(tasks::show, tasks::update, tasks::delete))
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
