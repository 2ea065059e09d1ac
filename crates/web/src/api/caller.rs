//! Who an API request acts for: a personal token (`Authorization: Bearer
//! …`), else the browser's session (server mode, with the form token for
//! unsafe methods, checked by `crate::csrf`). A token that is unknown or
//! revoked is refused however else the request is signed in, and a
//! read-only token may not write.

use super::problem::ApiError;
use crate::session::signed_in;
use crate::state::{AppState, Mode};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, header};
use chrono::{DateTime, Utc};
use rapport_core::clock::Clock;
use rapport_core::validated::TimeZone;
use rapport_store::accounts::Kind;
use rapport_store::{AccountId, Db, api_tokens};
use std::sync::Arc;

/// An API request, allowed to act for one account.
pub(crate) struct Caller {
    pub(crate) db: Db,
    pub(crate) account: AccountId,
    /// The account's time zone (its profile's choice, else the machine's).
    pub(crate) zone: TimeZone,
    clock: Arc<dyn Clock>,
}

impl Caller {
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}

fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, secret) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| secret.trim())
}

/// The account a request acts for, its kind and chosen zone: by its token
/// (which must fit the mode, and may not write when read-only), else by its
/// browser session.
async fn who(
    parts: &Parts,
    state: &AppState,
) -> Result<(AccountId, Kind, Option<TimeZone>), ApiError> {
    let now = state.clock.now();
    let writes = !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    // The account and its chosen zone come in the one query that checks
    // the token, or with the session as for every page.
    if parts.headers.contains_key(header::AUTHORIZATION) {
        let secret = bearer(parts).ok_or(ApiError::Unauthorized)?;
        let token = api_tokens::authenticate(&state.db, secret, now)
            .await?
            .ok_or(ApiError::Unauthorized)?;
        // A token acts only where its account could sign in: a student's
        // or a counselor's on a server, the local workbench's on one
        // computer.
        let fits = match &state.mode {
            Mode::Local(_) => token.kind == Kind::Local,
            Mode::Server(_) => matches!(token.kind, Kind::Student | Kind::Counselor),
        };
        if !fits {
            return Err(ApiError::Unauthorized);
        }
        if token.read_only && writes {
            return Err(ApiError::ReadOnly);
        }
        Ok((token.account, token.kind, token.time_zone))
    } else {
        // Without a token, only a signed-in browser session: even on one
        // computer, a program must hold a token, so that what can reach
        // the workbench is what its owner allowed.
        match signed_in(&parts.extensions) {
            Some(me) => Ok((me.account.clone(), me.kind, me.time_zone)),
            None => Err(ApiError::Unauthorized),
        }
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let (account, kind, chosen) = who(parts, state).await?;
        if !matches!(kind, Kind::Local | Kind::Student) {
            return Err(ApiError::Unauthorized);
        }
        Ok(Caller {
            db: state.db.clone(),
            account,
            zone: chosen.unwrap_or(state.zone),
            clock: Arc::clone(&state.clock),
        })
    }
}

/// An API request of a counselor, reading the caseload.
pub(crate) struct CounselorCaller {
    pub(crate) db: Db,
    pub(crate) account: AccountId,
    clock: Arc<dyn Clock>,
}

impl CounselorCaller {
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}

impl FromRequestParts<AppState> for CounselorCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let (account, kind, _) = who(parts, state).await?;
        if kind != Kind::Counselor {
            return Err(ApiError::CounselorsOnly);
        }
        Ok(CounselorCaller {
            db: state.db.clone(),
            account,
            clock: Arc::clone(&state.clock),
        })
    }
}
