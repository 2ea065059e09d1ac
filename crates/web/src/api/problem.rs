//! Errors of the API as `application/problem+json` (RFC 9457): the same
//! statuses as the pages (one mapping, in `crate::error`), with the fields
//! that failed listed so a script can show them beside its inputs.

use crate::error::AppError;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use rapport_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// One input that failed a rule.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FieldProblem {
    /// The field's name, as in the request.
    pub(crate) field: String,
    /// What is wrong, in plain words.
    pub(crate) message: String,
}

/// An error answer.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Problem {
    /// A URI naming the kind of problem (`about:blank` when the status says it all).
    #[serde(rename = "type")]
    pub(crate) kind: String,
    /// A short summary.
    pub(crate) title: String,
    /// The HTTP status.
    pub(crate) status: u16,
    /// What happened, in plain words.
    pub(crate) detail: String,
    /// The inputs that failed, for a 422.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) errors: Vec<FieldProblem>,
}

/// An error of an API handler.
#[derive(Debug)]
pub(crate) enum ApiError {
    /// Any error the pages know, with their status.
    App(AppError),
    /// No token, a revoked or unknown one, and no session.
    Unauthorized,
    /// A read-only token asked to write.
    ReadOnly,
    /// A student's token or session asked for a counselor's view.
    CounselorsOnly,
    /// The body was not the JSON this operation takes.
    BadBody(String),
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError::App(e)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError::App(AppError::Store(e))
    }
}

impl From<rapport_core::FieldError> for ApiError {
    fn from(e: rapport_core::FieldError) -> Self {
        ApiError::App(AppError::Store(StoreError::from(e)))
    }
}

impl From<rapport_core::FieldErrors> for ApiError {
    fn from(e: rapport_core::FieldErrors) -> Self {
        ApiError::App(AppError::Store(StoreError::Invalid(e)))
    }
}

impl ApiError {
    fn problem(&self) -> Problem {
        let simple = Problem::new;
        match self {
            ApiError::Unauthorized => simple(
                StatusCode::UNAUTHORIZED,
                "Unauthorized",
                "send a live personal token as `Authorization: Bearer …`".into(),
            ),
            ApiError::ReadOnly => simple(
                StatusCode::FORBIDDEN,
                "Forbidden",
                "this token is read-only; make one that may write".into(),
            ),
            ApiError::CounselorsOnly => simple(
                StatusCode::FORBIDDEN,
                "Forbidden",
                "only a counselor's token or session reads a caseload".into(),
            ),
            ApiError::BadBody(why) => Problem {
                errors: field_of(why)
                    .map(|field| FieldProblem {
                        field,
                        message: why.clone(),
                    })
                    .into_iter()
                    .collect(),
                ..simple(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "Unprocessable body",
                    why.clone(),
                )
            },
            ApiError::App(e) => {
                let (status, title, detail) = e.status_and_words();
                let errors = match e {
                    AppError::Store(StoreError::Invalid(fields) | StoreError::Unfit(fields)) => {
                        fields
                            .iter()
                            .map(|f| FieldProblem {
                                field: f.field.to_owned(),
                                message: f.message.clone(),
                            })
                            .collect()
                    }
                    _ => Vec::new(),
                };
                Problem {
                    kind: "about:blank".into(),
                    title: title.into(),
                    status: status.as_u16(),
                    detail,
                    errors,
                }
            }
        }
    }
}

/// The top-level field a body's error names (`research[0].source: …`
/// names `research`), when it names one.
fn field_of(why: &str) -> Option<String> {
    let (_, rest) = why.split_once("target type: ")?;
    let (path, _) = rest.split_once(": ")?;
    let field: String = path
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!field.is_empty() && field.len() == path.split(['.', '[']).next()?.len()).then_some(field)
}

impl Problem {
    /// A problem with no field errors: `about:blank` and the status's words.
    pub(crate) fn new(status: StatusCode, title: &str, detail: String) -> Problem {
        Problem {
            kind: "about:blank".into(),
            title: title.into(),
            status: status.as_u16(),
            detail,
            errors: Vec::new(),
        }
    }
}

/// `body` (a problem, or a problem with more beside it) as
/// `application/problem+json` with `status`.
pub(crate) fn respond(status: StatusCode, body: &impl Serialize) -> Response {
    let text = serde_json::to_string(body).unwrap_or_else(|_| "{}".to_owned());
    (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        text,
    )
        .into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let problem = self.problem();
        let status =
            StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = respond(status, &problem);
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer realm=\"rapport\""),
            );
        }
        response
    }
}

/// A problem answer from outside the handlers (the checks every request
/// passes), for a request to the API.
pub(crate) fn refusal(status: StatusCode, detail: &str) -> Response {
    let title = status.canonical_reason().unwrap_or("Refused");
    respond(status, &Problem::new(status, title, detail.to_owned()))
}

/// True for a request to the API, whose refusals are problems, not pages.
pub(crate) fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}
