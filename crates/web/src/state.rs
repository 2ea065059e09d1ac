//! What every request handler shares: the database, the time zone and the
//! clock, and how a request's account is found. No handler reads an account
//! from here: it asks for a [`crate::student::Student`] (or a
//! [`crate::counselor::Counselor`]), which the request yields.

use chrono::{DateTime, Utc};
use rapport_core::clock::Clock;
use rapport_core::validated::TimeZone;
use rapport_store::{AccountId, Db};
use std::net::IpAddr;
use std::sync::Arc;

/// Who a request acts for, by mode.
#[derive(Clone)]
pub(crate) enum Mode {
    /// One person on their own machine, no sign-in: every request is the
    /// single local account's.
    Local(AccountId),
    /// A career center's server: every request acts for the account its
    /// session cookie signs in, or for nobody.
    Server(Server),
}

/// Who may make an account on a server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignUp {
    /// Only someone with an invitation link (the default).
    Invitation,
    /// Anyone who can reach the server.
    Open,
}

/// The settings of server mode.
#[derive(Debug, Clone)]
pub struct Server {
    /// Who may sign up.
    pub sign_up: SignUp,
    /// The reverse proxy in front of the server, whose `X-Forwarded-For` and
    /// `X-Forwarded-Proto` are believed; from any other peer they are not.
    pub trusted_proxy: Option<IpAddr>,
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

    /// State for server mode: accounts sign in.
    pub fn server(db: Db, server: Server, zone: TimeZone, clock: Arc<dyn Clock>) -> Self {
        Self {
            db,
            mode: Mode::Server(server),
            zone,
            clock,
        }
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The server's settings, or `None` in local mode.
    pub(crate) fn server_mode(&self) -> Option<&Server> {
        match &self.mode {
            Mode::Server(server) => Some(server),
            Mode::Local(_) => None,
        }
    }
}
