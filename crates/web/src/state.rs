//! What every request handler shares: the database, the time zone and the
//! clock, and how a request's account is found. No handler reads an account
//! from here: it asks for a [`crate::student::Student`], which the request
//! yields.

use chrono::{DateTime, Utc};
use rapport_core::clock::Clock;
use rapport_core::validated::TimeZone;
use rapport_store::{AccountId, Db};
use std::sync::Arc;

/// Who a request acts for, by mode.
#[derive(Clone)]
pub(crate) enum Mode {
    /// One person on their own machine, no sign-in: every request is the
    /// single local account's.
    Local(AccountId),
}

/// Shared, cheap-to-clone state.
#[derive(Clone)]
pub struct AppState {
    pub(crate) db: Db,
    pub(crate) mode: Mode,
    pub(crate) zone: TimeZone,
    pub(crate) clock: Arc<dyn Clock>,
}

impl AppState {
    /// State for local mode, acting for `account`.
    pub fn new(db: Db, account: AccountId, zone: TimeZone, clock: Arc<dyn Clock>) -> Self {
        Self {
            db,
            mode: Mode::Local(account),
            zone,
            clock,
        }
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}
