//! What every request handler shares.

use chrono::{DateTime, Utc};
use rapport_core::clock::Clock;
use rapport_core::validated::TimeZone;
use rapport_store::{AccountId, Db};
use std::sync::Arc;

/// Shared, cheap-to-clone state: the database, the signed-in account (the
/// single local account in local mode), the user's time zone and the clock.
#[derive(Clone)]
pub struct AppState {
    pub(crate) db: Db,
    pub(crate) account: AccountId,
    pub(crate) zone: TimeZone,
    clock: Arc<dyn Clock>,
}

impl AppState {
    /// State for local mode.
    pub fn new(db: Db, account: AccountId, zone: TimeZone, clock: Arc<dyn Clock>) -> Self {
        Self {
            db,
            account,
            zone,
            clock,
        }
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}
