//! API tokens: make one (the secret shown once), see when each was last
//! used, revoke one. A student's are at `/tokens`, beside the workbench; a
//! counselor's at `/account/tokens`, beside the account (a counselor's
//! token reads the caseload).

use super::form::FormData;
use super::shared::see_other;
use crate::access;
use crate::error::AppError;
use crate::session::Me;
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use rapport_core::validated::TimeZone;
use rapport_store::accounts::Kind;
use rapport_store::api_tokens::{self, ApiToken, Made};
use rapport_store::{AccountId, Db, StoreError};

/// A token as the list shows it.
pub(crate) struct Row {
    id: String,
    name: String,
    read_only: bool,
    made: String,
    used: String,
    revoked: bool,
}

/// What both pages show: the new token, the form, the list.
pub(crate) struct Panels {
    /// Where the form posts, and revocations go under.
    base: &'static str,
    tokens: Vec<Row>,
    made: Option<Made>,
    name: String,
    error: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "tokens/index.html")]
pub(crate) struct TokensPage {
    active: &'static str,
    panels: Panels,
}

#[derive(Template, WebTemplate)]
#[template(path = "tokens/account.html")]
pub(crate) struct AccountTokensPage {
    home: &'static str,
    panels: Panels,
}

/// Whose tokens, and where their page is.
struct Owner<'a> {
    db: &'a Db,
    account: &'a AccountId,
    zone: TimeZone,
    now: DateTime<Utc>,
    base: &'static str,
}

impl Owner<'_> {
    fn when(&self, stored: Option<&str>) -> String {
        stored
            .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
            .map_or_else(
                || "never".to_owned(),
                |at| rapport_core::schedule::format_local(at.with_timezone(&Utc), self.zone),
            )
    }

    async fn panels(
        &self,
        made: Option<Made>,
        name: String,
        error: String,
    ) -> Result<Panels, AppError> {
        let tokens = api_tokens::list(self.db, self.account)
            .await?
            .into_iter()
            .map(|t: ApiToken| Row {
                made: self.when(Some(&t.created_at)),
                used: self.when(t.last_used_at.as_deref()),
                revoked: t.revoked_at.is_some(),
                id: t.id,
                name: t.name,
                read_only: t.read_only,
            })
            .collect();
        Ok(Panels {
            base: self.base,
            tokens,
            made,
            name,
            error,
        })
    }

    /// Makes a token from the form: the panels with its secret, or with
    /// the name's error (and 422).
    async fn create(&self, data: &FormData) -> Result<(StatusCode, Panels), AppError> {
        let name = data.get("name");
        match api_tokens::create(
            self.db,
            self.account,
            &name,
            data.checked("read_only"),
            self.now,
        )
        .await
        {
            Ok(made) => Ok((
                StatusCode::OK,
                self.panels(Some(made), String::new(), String::new())
                    .await?,
            )),
            Err(StoreError::Invalid(errors)) => {
                let why = errors.for_field("name").unwrap_or_default().to_owned();
                Ok((
                    StatusCode::UNPROCESSABLE_ENTITY,
                    self.panels(None, name, why).await?,
                ))
            }
            Err(e) => Err(e.into()),
        }
    }

    async fn revoke(&self, id: &str) -> Result<Response, AppError> {
        api_tokens::revoke(self.db, self.account, id, self.now).await?;
        Ok(see_other(self.base).into_response())
    }
}

fn student_owner(student: &Student) -> Owner<'_> {
    Owner {
        db: &student.db,
        account: &student.account,
        zone: student.zone,
        now: student.now(),
        base: "/tokens",
    }
}

pub(crate) async fn list(student: Student) -> Result<TokensPage, AppError> {
    let panels = student_owner(&student)
        .panels(None, String::new(), String::new())
        .await?;
    Ok(TokensPage { active: "", panels })
}

pub(crate) async fn create(student: Student, data: FormData) -> Result<Response, AppError> {
    let (status, panels) = student_owner(&student).create(&data).await?;
    Ok((status, TokensPage { active: "", panels }).into_response())
}

pub(crate) async fn revoke(student: Student, Path(id): Path<String>) -> Result<Response, AppError> {
    student_owner(&student).revoke(&id).await
}

/// A counselor's tokens; no other kind of account has any use for one.
fn counselor_owner(me: &Me) -> Result<Owner<'_>, AppError> {
    if me.signed_in.kind != Kind::Counselor {
        return Err(AppError::NotFound);
    }
    Ok(Owner {
        db: &me.db,
        account: &me.signed_in.account,
        zone: me.zone,
        now: me.now(),
        base: "/account/tokens",
    })
}

pub(crate) async fn counselor_list(me: Me) -> Result<AccountTokensPage, AppError> {
    let panels = counselor_owner(&me)?
        .panels(None, String::new(), String::new())
        .await?;
    Ok(AccountTokensPage {
        home: access::home(me.signed_in.kind),
        panels,
    })
}

pub(crate) async fn counselor_create(me: Me, data: FormData) -> Result<Response, AppError> {
    let (status, panels) = counselor_owner(&me)?.create(&data).await?;
    let page = AccountTokensPage {
        home: access::home(me.signed_in.kind),
        panels,
    };
    Ok((status, page).into_response())
}

pub(crate) async fn counselor_revoke(me: Me, Path(id): Path<String>) -> Result<Response, AppError> {
    counselor_owner(&me)?.revoke(&id).await
}
