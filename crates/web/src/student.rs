//! The signed-in student of a request, as an extractor: a handler that
//! touches an account's rows takes a [`Student`] and passes its `account`
//! to the store, so the account always comes from the request itself (in
//! local mode, the single local account).

use crate::error::AppError;
use crate::session::signed_in;
use crate::state::{AppState, Mode};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use chrono::{DateTime, Utc};
use rapport_core::clock::Clock;
use rapport_core::validated::TimeZone;
use rapport_store::accounts::Kind;
use rapport_store::{AccountId, Db};
use std::sync::Arc;

/// A request acting for one student's own workbench.
pub(crate) struct Student {
    pub(crate) db: Db,
    /// The account whose rows this request may read and change.
    pub(crate) account: AccountId,
    /// The zone every page shows times in: the student's choice, else the
    /// machine's.
    pub(crate) zone: TimeZone,
    /// The machine's (or server's) zone.
    pub(crate) machine_zone: TimeZone,
    clock: Arc<dyn Clock>,
}

impl Student {
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}

impl FromRequestParts<AppState> for Student {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let (account, chosen) = match &state.mode {
            Mode::Local(account) => (
                account.clone(),
                rapport_store::profiles::zone(&state.db, account).await?,
            ),
            // The session's one query brought the chosen zone along.
            Mode::Server(_) => match signed_in(&parts.extensions) {
                Some(me) if me.kind == Kind::Student => (me.account.clone(), me.time_zone),
                // The access table already sent other kinds away; this
                // refuses them again should an entry ever be wrong.
                Some(_) => return Err(AppError::NotFound),
                None => return Err(AppError::SignIn),
            },
        };
        Ok(Student {
            db: state.db.clone(),
            zone: chosen.unwrap_or(state.zone),
            machine_zone: state.zone,
            account,
            clock: Arc::clone(&state.clock),
        })
    }
}
