//! Signing in and out, signing up (by invitation, or openly when the server
//! allows it) and one-time password links: the pages of server mode that
//! anyone may open.

use super::form::{Errors, FormData};
use super::shared::invalid;
use crate::error::AppError;
use crate::origin::local_path;
use crate::session::{self, Me};
use crate::state::{AppState, Server, SignUp};
use crate::{access, client, passwords};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use rapport_core::validated::Email;
use rapport_core::{FieldErrors, passwords as policy};
use rapport_store::account_links::{self, Purpose};
use rapport_store::sign_in_limits::{self, Verdict};
use rapport_store::{Db, StoreError, accounts, sessions};

/// A request to a public page of server mode.
pub(crate) struct Visitor {
    db: Db,
    server: Server,
    address: String,
    secure: bool,
    user_agent: String,
    now: DateTime<Utc>,
    /// Already signed in, if so.
    signed_in: Option<sessions::SignedIn>,
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let server = state.server_mode().cloned().ok_or(AppError::NotFound)?;
        Ok(Visitor {
            db: state.db.clone(),
            address: client::address(state, &parts.headers, &parts.extensions),
            secure: client::secure(state, &parts.headers, &parts.extensions),
            user_agent: parts
                .headers
                .get(header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned(),
            now: state.now(),
            signed_in: session::signed_in(&parts.extensions).cloned(),
            server,
        })
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "account/sign_in.html")]
pub(crate) struct SignInPage {
    email: String,
    next: String,
    error: String,
    notice: &'static str,
    open_sign_up: bool,
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct SignInQuery {
    #[serde(default)]
    next: String,
    #[serde(default)]
    done: String,
}

fn notice(done: &str) -> &'static str {
    match done {
        "out" => "You are signed out.",
        "password" => "Your password is set. Sign in with it.",
        "deleted" => "Your account and everything in it are deleted.",
        _ => "",
    }
}

pub(crate) async fn sign_in_form(
    visitor: Visitor,
    Query(q): Query<SignInQuery>,
) -> Result<Response, AppError> {
    if let Some(me) = &visitor.signed_in {
        return Ok(Redirect::to(access::home(me.kind)).into_response());
    }
    Ok(SignInPage {
        email: String::new(),
        next: local_path(&q.next).unwrap_or_default().to_owned(),
        error: String::new(),
        notice: notice(&q.done),
        open_sign_up: visitor.server.sign_up == SignUp::Open,
    }
    .into_response())
}

/// The one answer for an unknown email and a wrong password alike.
const WRONG: &str = "That email and password do not match an account. Check both and try again.";

pub(crate) async fn sign_in(visitor: Visitor, data: FormData) -> Result<Response, AppError> {
    let email = accounts::normal_email(&data.get("email"));
    let next = local_path(&data.get("next")).unwrap_or_default().to_owned();
    let page = |error: String| SignInPage {
        email: email.clone(),
        next: next.clone(),
        error,
        notice: "",
        open_sign_up: visitor.server.sign_up == SignUp::Open,
    };
    let attempt =
        sign_in_limits::attempt(&visitor.db, &email, &visitor.address, visitor.now).await?;
    if let Verdict::Wait(until) = attempt.verdict {
        return Ok(too_many_tries(until, visitor.now, page(String::new())));
    }
    let found = accounts::credentials(&visitor.db, &email).await?;
    let stored = found.as_ref().and_then(|c| c.password_hash.clone());
    let matches = passwords::verify(data.get("password"), stored).await;
    let Some(found) = found.filter(|_| matches) else {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page(WRONG.to_owned())).into_response());
    };
    sign_in_limits::succeeded(&visitor.db, &email, &attempt).await?;
    // A new session, and so a new id, at every sign-in.
    if let Some(old) = &visitor.signed_in {
        let _ = sessions::end(&visitor.db, &old.account, &old.session).await;
    }
    let started = sessions::start(
        &visitor.db,
        &found.account,
        &visitor.user_agent,
        visitor.now,
    )
    .await?;
    let to = if next.is_empty() {
        access::home(found.kind).to_owned()
    } else {
        next
    };
    Ok(with_cookie(
        Redirect::to(&to),
        Some(&started.token),
        visitor.secure,
    ))
}

/// 429 with `Retry-After`, the page saying how long to wait.
pub(crate) fn too_many_tries(
    until: DateTime<Utc>,
    now: DateTime<Utc>,
    mut page: impl TooManyTries,
) -> Response {
    let minutes = (until - now).num_minutes().max(1);
    page.set_error(format!(
        "Too many tries. Wait {minutes} minute{} and try again, or ask your career center to reset your password.",
        if minutes == 1 { "" } else { "s" }
    ));
    let mut response = (StatusCode::TOO_MANY_REQUESTS, page).into_response();
    let seconds = (until - now).num_seconds().max(1);
    if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
    response
}

/// A page that can say "too many tries".
pub(crate) trait TooManyTries: IntoResponse {
    fn set_error(&mut self, message: String);
}

impl TooManyTries for SignInPage {
    fn set_error(&mut self, message: String) {
        self.error = message;
    }
}

fn with_cookie(redirect: Redirect, token: Option<&str>, secure: bool) -> Response {
    let mut response = redirect.into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, session::cookie(token, secure));
    response
}

pub(crate) async fn sign_out(me: Me) -> Result<Response, AppError> {
    match sessions::end(&me.db, &me.signed_in.account, &me.signed_in.session).await {
        Ok(()) | Err(StoreError::NotFound { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(with_cookie(
        Redirect::to("/sign-in?done=out"),
        None,
        me.secure,
    ))
}

/// Clears the cookie and goes to sign-in (after the account is gone).
pub(crate) fn signed_out_to(to: &str, secure: bool) -> Response {
    with_cookie(Redirect::to(to), None, secure)
}

#[derive(Template, WebTemplate)]
#[template(path = "account/sign_up.html")]
pub(crate) struct SignUpPage {
    /// The invitation's token, when signing up by one.
    invite: String,
    /// The address, fixed by an invitation or typed.
    email: String,
    /// The email can be typed (open sign-up without an invitation).
    email_typed: bool,
    /// No way in: invitation only and no (valid) invitation.
    closed: bool,
    errors: Errors,
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct LinkQuery {
    #[serde(default)]
    invite: String,
    #[serde(default)]
    token: String,
}

async fn sign_up_page(visitor: &Visitor, invite: &str) -> Result<SignUpPage, AppError> {
    let invited = if invite.is_empty() {
        None
    } else {
        account_links::email_for(&visitor.db, invite, Purpose::Invite, visitor.now).await?
    };
    let open = visitor.server.sign_up == SignUp::Open;
    Ok(SignUpPage {
        closed: invited.is_none() && !open,
        email_typed: invited.is_none(),
        email: invited.unwrap_or_default(),
        invite: invite.to_owned(),
        errors: Errors::default(),
    })
}

pub(crate) async fn sign_up_form(
    visitor: Visitor,
    Query(q): Query<LinkQuery>,
) -> Result<Response, AppError> {
    let page = sign_up_page(&visitor, &q.invite).await?;
    let status = if page.closed && !q.invite.is_empty() {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    Ok((status, page).into_response())
}

/// Checks a new password and its confirmation for `email`.
fn new_password(data: &FormData, email: &str) -> Result<String, FieldErrors> {
    let password = data.get("password");
    policy::check("password", &password, email)?;
    if data.get("confirm") != password {
        return Err(rapport_core::FieldError::new(
            "confirm",
            "does not match the password above; type it again",
        )
        .into());
    }
    Ok(password)
}

pub(crate) async fn sign_up(visitor: Visitor, data: FormData) -> Result<Response, AppError> {
    let invite = data.get("invite");
    let mut page = sign_up_page(&visitor, &invite).await?;
    if page.closed {
        return Ok((StatusCode::NOT_FOUND, page).into_response());
    }
    let email = if page.email_typed {
        match Email::parse("email", &data.get("email")) {
            Ok(e) => accounts::normal_email(e.as_str()),
            Err(e) => {
                page.email = data.get("email");
                page.errors = FieldErrors::from(e).into();
                return Ok(invalid(page));
            }
        }
    } else {
        page.email.clone()
    };
    page.email = email.clone();
    let password = match new_password(&data, &email) {
        Ok(p) => p,
        Err(errors) => {
            page.errors = errors.into();
            return Ok(invalid(page));
        }
    };
    let hash = passwords::hash(password).await?;
    let made = if page.email_typed {
        accounts::create(
            &visitor.db,
            accounts::Kind::Student,
            &email,
            Some(&hash),
            visitor.now,
        )
        .await
    } else {
        account_links::accept_invite(&visitor.db, &invite, &hash, visitor.now).await
    };
    let account = match made {
        Ok(account) => account,
        Err(StoreError::Invalid(errors)) => {
            page.errors = errors.into();
            return Ok((StatusCode::CONFLICT, page).into_response());
        }
        Err(e) => return Err(e.into()),
    };
    let started = sessions::start(&visitor.db, &account, &visitor.user_agent, visitor.now).await?;
    Ok(with_cookie(
        Redirect::to("/"),
        Some(&started.token),
        visitor.secure,
    ))
}

#[derive(Template, WebTemplate)]
#[template(path = "account/set_password.html")]
pub(crate) struct SetPasswordPage {
    token: String,
    email: String,
    errors: Errors,
}

async fn link_page(visitor: &Visitor, token: &str) -> Result<SetPasswordPage, AppError> {
    let email = account_links::email_for(&visitor.db, token, Purpose::Reset, visitor.now)
        .await?
        .ok_or(AppError::Store(StoreError::NotFound {
            kind: "password link",
            id: "this link has been used or has expired".into(),
        }))?;
    Ok(SetPasswordPage {
        token: token.to_owned(),
        email,
        errors: Errors::default(),
    })
}

pub(crate) async fn set_password_form(
    visitor: Visitor,
    Query(q): Query<LinkQuery>,
) -> Result<SetPasswordPage, AppError> {
    link_page(&visitor, &q.token).await
}

pub(crate) async fn set_password(visitor: Visitor, data: FormData) -> Result<Response, AppError> {
    let mut page = link_page(&visitor, &data.get("token")).await?;
    let password = match new_password(&data, &page.email) {
        Ok(p) => p,
        Err(errors) => {
            page.errors = errors.into();
            return Ok(invalid(page));
        }
    };
    let hash = passwords::hash(password).await?;
    account_links::use_reset(&visitor.db, &page.token, &hash, visitor.now).await?;
    Ok(signed_out_to("/sign-in?done=password", visitor.secure))
}
