//! API tokens: make one (the secret shown once), see when each was last
//! used, revoke one.

use super::form::FormData;
use super::shared::see_other;
use crate::error::AppError;
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use rapport_store::StoreError;
use rapport_store::api_tokens::{self, ApiToken, Made};

/// A token as the list shows it.
pub(crate) struct Row {
    id: String,
    name: String,
    read_only: bool,
    made: String,
    used: String,
    revoked: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "tokens/index.html")]
pub(crate) struct TokensPage {
    active: &'static str,
    tokens: Vec<Row>,
    made: Option<Made>,
    name: String,
    error: String,
}

fn when(student: &Student, stored: Option<&str>) -> String {
    stored
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
        .map_or_else(
            || "never".to_owned(),
            |at| rapport_core::schedule::format_local(at.with_timezone(&chrono::Utc), student.zone),
        )
}

async fn page(
    student: &Student,
    made: Option<Made>,
    name: String,
    error: String,
) -> Result<TokensPage, AppError> {
    let tokens = api_tokens::list(&student.db, &student.account)
        .await?
        .into_iter()
        .map(|t: ApiToken| Row {
            made: when(student, Some(&t.created_at)),
            used: when(student, t.last_used_at.as_deref()),
            revoked: t.revoked_at.is_some(),
            id: t.id,
            name: t.name,
            read_only: t.read_only,
        })
        .collect();
    Ok(TokensPage {
        active: "",
        tokens,
        made,
        name,
        error,
    })
}

pub(crate) async fn list(student: Student) -> Result<TokensPage, AppError> {
    page(&student, None, String::new(), String::new()).await
}

pub(crate) async fn create(student: Student, data: FormData) -> Result<Response, AppError> {
    let name = data.get("name");
    match api_tokens::create(
        &student.db,
        &student.account,
        &name,
        data.checked("read_only"),
        student.now(),
    )
    .await
    {
        Ok(made) => Ok(page(&student, Some(made), String::new(), String::new())
            .await?
            .into_response()),
        Err(StoreError::Invalid(errors)) => {
            let why = errors.for_field("name").unwrap_or_default().to_owned();
            let shown = page(&student, None, name, why).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn revoke(student: Student, Path(id): Path<String>) -> Result<Response, AppError> {
    api_tokens::revoke(&student.db, &student.account, &id, student.now()).await?;
    Ok(see_other("/tokens").into_response())
}
