//! The signed-in account's own page: its sessions (with "end this
//! session"), a password change, and deleting the account with everything
//! in it.

use super::form::{Errors, FormData};
use super::shared::invalid;
use super::sign_in::{TooManyTries, signed_out_to, too_many_tries};
use crate::error::AppError;
use crate::passwords;
use crate::session::Me;
use crate::{access, format};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use rapport_core::{FieldError, FieldErrors, passwords as policy};
use rapport_store::sign_in_limits::{self, Verdict};
use rapport_store::{accounts, sessions};

struct SessionLine {
    id: String,
    browser: String,
    signed_in: String,
    last_used: String,
    this_one: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "account/show.html")]
pub(crate) struct AccountPage {
    home: &'static str,
    email: String,
    kind: &'static str,
    sessions: Vec<SessionLine>,
    notice: &'static str,
    /// A refusal said at the top of the page (too many tries).
    notice_text: String,
    password_errors: Errors,
    delete_errors: Errors,
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct Done {
    #[serde(default)]
    done: String,
}

async fn page(me: &Me, notice: &'static str) -> Result<AccountPage, AppError> {
    let now = me.now();
    let sessions = sessions::list(&me.db, &me.signed_in.account, now)
        .await?
        .into_iter()
        .map(|s| SessionLine {
            this_one: s.id == me.signed_in.session,
            browser: if s.user_agent.is_empty() {
                "Unknown browser".to_owned()
            } else {
                s.user_agent
            },
            signed_in: format::relative(s.created_at, now, me.zone),
            last_used: format::relative(s.last_seen_at, now, me.zone),
            id: s.id,
        })
        .collect();
    Ok(AccountPage {
        home: access::home(me.signed_in.kind),
        email: me.signed_in.email.clone(),
        kind: me.signed_in.kind.as_str(),
        sessions,
        notice,
        notice_text: String::new(),
        password_errors: Errors::default(),
        delete_errors: Errors::default(),
    })
}

pub(crate) async fn show(me: Me, Query(q): Query<Done>) -> Result<AccountPage, AppError> {
    let notice = match q.done.as_str() {
        "password" => "Your password is changed. Your other sessions are signed out.",
        "ended" => "That session is signed out.",
        "others" => "Every other session is signed out.",
        _ => "",
    };
    page(&me, notice).await
}

/// Whether `password` is the account's current one. The sign-in limit
/// counts these checks too, so a stolen session cannot guess the password.
enum Confirmed {
    Yes,
    No,
    TooMany(chrono::DateTime<chrono::Utc>),
}

async fn confirms(me: &Me, password: String) -> Result<Confirmed, AppError> {
    let email = &me.signed_in.email;
    let attempt = sign_in_limits::attempt(&me.db, email, &me.address, me.now()).await?;
    if let Verdict::Wait(until) = attempt.verdict {
        return Ok(Confirmed::TooMany(until));
    }
    let stored = accounts::password_hash(&me.db, &me.signed_in.account).await?;
    if passwords::verify(password, stored).await {
        sign_in_limits::succeeded(&me.db, email, &attempt).await?;
        Ok(Confirmed::Yes)
    } else {
        Ok(Confirmed::No)
    }
}

impl TooManyTries for AccountPage {
    fn set_error(&mut self, message: String) {
        self.notice_text = message;
    }
}

pub(crate) async fn change_password(me: Me, data: FormData) -> Result<Response, AppError> {
    let mut errors = FieldErrors::new();
    match confirms(&me, data.get("current")).await? {
        Confirmed::Yes => {}
        Confirmed::No => errors.push(FieldError::new(
            "current",
            "is not your current password; type it again",
        )),
        Confirmed::TooMany(until) => {
            return Ok(too_many_tries(until, me.now(), page(&me, "").await?));
        }
    }
    let new = data.get("password");
    if errors.is_empty() {
        errors.check(policy::check("password", &new, &me.signed_in.email));
    }
    if errors.is_empty() && data.get("confirm") != new {
        errors.push(FieldError::new(
            "confirm",
            "does not match the new password; type it again",
        ));
    }
    if !errors.is_empty() {
        let mut page = page(&me, "").await?;
        page.password_errors = errors.into();
        return Ok(invalid(page));
    }
    let hash = passwords::hash(new).await?;
    accounts::set_password(
        &me.db,
        &me.signed_in.account,
        &hash,
        Some(&me.signed_in.session),
    )
    .await?;
    Ok(Redirect::to("/account?done=password").into_response())
}

pub(crate) async fn end_session(me: Me, Path(id): Path<String>) -> Result<Response, AppError> {
    sessions::end(&me.db, &me.signed_in.account, &id).await?;
    if id == me.signed_in.session {
        return Ok(signed_out_to("/sign-in?done=out", me.secure));
    }
    Ok(Redirect::to("/account?done=ended").into_response())
}

pub(crate) async fn end_other_sessions(me: Me) -> Result<Response, AppError> {
    sessions::end_others(&me.db, &me.signed_in.account, &me.signed_in.session).await?;
    Ok(Redirect::to("/account?done=others").into_response())
}

pub(crate) async fn delete(me: Me, data: FormData) -> Result<Response, AppError> {
    let mut errors = FieldErrors::new();
    if data.get("confirm_email").trim().to_lowercase() != me.signed_in.email {
        errors.push(FieldError::new(
            "confirm_email",
            "type your email address exactly to confirm",
        ));
    }
    match confirms(&me, data.get("current")).await? {
        Confirmed::Yes => {}
        Confirmed::No => errors.push(FieldError::new(
            "current",
            "is not your password; type it again",
        )),
        Confirmed::TooMany(until) => {
            return Ok(too_many_tries(until, me.now(), page(&me, "").await?));
        }
    }
    if !errors.is_empty() {
        let mut page = page(&me, "").await?;
        page.delete_errors = errors.into();
        return Ok(invalid(page));
    }
    accounts::delete(&me.db, &me.signed_in.account).await?;
    Ok(signed_out_to("/sign-in?done=deleted", me.secure))
}
