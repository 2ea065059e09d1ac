//! A counselor's access, as its own type. A [`Counselor`] holds the database
//! privately and offers only the aggregate reads of
//! [`rapport_store::shares`], so a counselor's handler cannot reach a
//! student's notes, letters or contacts: there is no method that returns
//! them, and the database itself is out of its reach.

use crate::error::AppError;
use crate::session::signed_in;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use chrono::{DateTime, Utc};
use rapport_core::clock::Clock;
use rapport_core::validated::TimeZone;
use rapport_store::accounts::Kind;
use rapport_store::shares;
use rapport_store::{AccountId, Db};
use std::sync::Arc;

/// A request of a signed-in counselor.
pub(crate) struct Counselor {
    db: Db,
    account: AccountId,
    clock: Arc<dyn Clock>,
    /// The zone dates are shown in.
    pub(crate) zone: TimeZone,
}

impl Counselor {
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Every student sharing with this counselor now.
    pub(crate) async fn caseload(&self) -> Result<Vec<shares::Student>, AppError> {
        Ok(shares::caseload(&self.db, &self.account, self.now()).await?)
    }

    /// What one share shows; a revoked, ended or someone else's share is
    /// not found.
    pub(crate) async fn shared(&self, share: &str) -> Result<shares::Shared, AppError> {
        Ok(shares::shared(&self.db, &self.account, share, self.now()).await?)
    }
}

impl FromRequestParts<AppState> for Counselor {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        match signed_in(&parts.extensions) {
            Some(me) if me.kind == Kind::Counselor && state.server_mode().is_some() => {
                Ok(Counselor {
                    db: state.db.clone(),
                    account: me.account.clone(),
                    clock: Arc::clone(&state.clock),
                    zone: state.zone,
                })
            }
            Some(_) => Err(AppError::NotFound),
            None => Err(AppError::SignIn),
        }
    }
}
