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
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(Body(value)),
            Err(rejection) => Err(ApiError::BadBody(rejection.body_text())),
        }
    }
}
