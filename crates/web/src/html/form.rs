//! Reading submitted forms (repeated keys included) and showing their errors
//! beside the fields.

use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use rapport_core::FieldErrors;

/// A submitted `application/x-www-form-urlencoded` body, in order.
pub(crate) struct FormData(Vec<(String, String)>);

impl<S: Send + Sync> FromRequest<S> for FormData {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Form::<Vec<(String, String)>>::from_request(req, state).await {
            Ok(axum::Form(pairs)) => match pairs.iter().find(|(k, v)| has_nul(k) || has_nul(v)) {
                // No field of any form may hold NUL: PostgreSQL cannot store it,
                // so both backends refuse it here, before anything is written.
                Some((key, _)) => Err((
                    StatusCode::UNPROCESSABLE_ENTITY,
                    format!(
                        "The field \"{}\" holds a NUL character, which cannot be saved. Go back, remove it and send the form again.",
                        key.replace('\0', "")
                    ),
                )
                    .into_response()),
                None => Ok(FormData(pairs)),
            },
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => Err((
                StatusCode::PAYLOAD_TOO_LARGE,
                "The form is larger than rapport accepts. Shorten the text and send it again.",
            )
                .into_response()),
            Err(e) => Err((
                StatusCode::BAD_REQUEST,
                format!("The form could not be read: {e}. Go back and try again."),
            )
                .into_response()),
        }
    }
}

fn has_nul(s: &str) -> bool {
    s.contains('\0')
}

impl FormData {
    /// The first value of `key`, or empty.
    pub(crate) fn get(&self, key: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Every non-empty value of `key`, in order.
    pub(crate) fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// True when the form has a field named `key` (even an empty one).
    pub(crate) fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }

    /// The value of `key` when it is not blank.
    pub(crate) fn some(&self, key: &str) -> Option<String> {
        Some(self.get(key)).filter(|v| !v.trim().is_empty())
    }

    /// True for a ticked checkbox.
    pub(crate) fn checked(&self, key: &str) -> bool {
        self.0.iter().any(|(k, v)| k == key && !v.is_empty())
    }

    /// Values split into lines (for lists typed one per line).
    pub(crate) fn lines(&self, key: &str) -> Vec<String> {
        self.get(key)
            .lines()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect()
    }
}

/// Errors of a form, looked up by field name from templates.
#[derive(Debug, Default, Clone)]
pub(crate) struct Errors(FieldErrors);

impl Errors {
    /// The message for `field`, or empty.
    pub(crate) fn get(&self, field: &str) -> &str {
        self.0.for_field(field).unwrap_or_default()
    }

    /// True when `field` has an error.
    pub(crate) fn has(&self, field: &str) -> bool {
        self.0.for_field(field).is_some()
    }

    /// True when the form had any error.
    pub(crate) fn any(&self) -> bool {
        !self.0.is_empty()
    }
}

impl From<FieldErrors> for Errors {
    fn from(e: FieldErrors) -> Self {
        Errors(e)
    }
}
