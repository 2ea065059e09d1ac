//! The administrator's page: the server's accounts, and invitations for
//! students (the same as `rapport admin invite`).

use super::form::{Errors, FormData};
use super::shared::invalid;
use crate::error::AppError;
use crate::session::Me;
use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};
use rapport_core::validated::Email;
use rapport_store::accounts::{self, Account, Kind};
use rapport_store::{StoreError, account_links};

#[derive(Template, WebTemplate)]
#[template(path = "admin/index.html")]
pub(crate) struct AdminPage {
    home: &'static str,
    accounts: Vec<Account>,
    email: String,
    link: String,
    errors: Errors,
}

fn only_admin(me: &Me) -> Result<(), AppError> {
    if me.signed_in.kind == Kind::Admin {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

async fn page(me: &Me, email: String, link: String, errors: Errors) -> Result<AdminPage, AppError> {
    Ok(AdminPage {
        home: "/admin",
        accounts: accounts::list(&me.db).await?,
        email,
        link,
        errors,
    })
}

pub(crate) async fn show(me: Me) -> Result<AdminPage, AppError> {
    only_admin(&me)?;
    page(&me, String::new(), String::new(), Errors::default()).await
}

pub(crate) async fn invite(me: Me, data: FormData) -> Result<Response, AppError> {
    only_admin(&me)?;
    let typed = data.get("email");
    let made = match Email::parse("email", &typed) {
        Ok(email) => account_links::invite(&me.db, email.as_str(), me.now()).await,
        Err(e) => Err(e.into()),
    };
    match made {
        Ok(token) => {
            let link = format!("/sign-up?invite={token}");
            Ok(page(&me, String::new(), link, Errors::default())
                .await?
                .into_response())
        }
        Err(StoreError::Invalid(errors)) => Ok(invalid(
            page(&me, typed, String::new(), errors.into()).await?,
        )),
        Err(e) => Err(e.into()),
    }
}
