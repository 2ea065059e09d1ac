//! A JSON body whose every failure (not JSON, wrong shape, too large)
//! answers as a problem naming what is wrong, never as plain text.

use super::problem::ApiError;
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

/// The request's body, read as `T`.
pub(crate) struct Body<T>(pub(crate) T);

impl<S, T> FromRequest<S> for Body<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let json = request
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                let essence = v.split(';').next().unwrap_or_default().trim();
                essence.to_ascii_lowercase()
            })
            .is_some_and(|m| {
                m == "application/json" || (m.starts_with("application/") && m.ends_with("+json"))
            });
        if !json {
            return Err(ApiError::BadBody(
                "send the body as JSON, with `Content-Type: application/json`".into(),
            ));
        }
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|rejection| ApiError::BadBody(rejection.body_text()))?;
        // Every body of this API is an object: serde would also read a
        // struct from an array (`[]` as all defaults), which no one means.
        if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            return Err(ApiError::BadBody(
                "send a JSON object, `{…}`, as this operation describes".into(),
            ));
        }
        match axum::Json::<T>::from_bytes(&bytes) {
            Ok(axum::Json(value)) => Ok(Body(value)),
            Err(rejection) => Err(ApiError::BadBody(rejection.body_text())),
        }
    }
}

/// The query string, read as `T`; a value that is not what the operation
/// takes answers as a problem naming it.
pub(crate) struct Params<T>(pub(crate) T);

impl<S, T> axum::extract::FromRequestParts<S> for Params<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, ApiError> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Params(value)),
            Err(rejection) => Err(ApiError::BadBody(rejection.body_text())),
        }
    }
}

/// The record id in the path; one that cannot be read (not UTF-8) answers
/// as a problem, like any other id that names nothing.
pub(crate) struct Id(pub(crate) String);

impl<S> axum::extract::FromRequestParts<S> for Id
where
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, ApiError> {
        match axum::extract::Path::<String>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(id)) => Ok(Id(id)),
            Err(_) => Err(ApiError::App(crate::error::AppError::NotFound)),
        }
    }
}

/// Two record ids in the path (a record and one of its parts).
pub(crate) struct Ids(pub(crate) String, pub(crate) String);

impl<S> axum::extract::FromRequestParts<S> for Ids
where
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, ApiError> {
        match axum::extract::Path::<(String, String)>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path((a, b))) => Ok(Ids(a, b)),
            Err(_) => Err(ApiError::App(crate::error::AppError::NotFound)),
        }
    }
}
