//! Persistence for rapport: one API over SQLite and PostgreSQL. SQL is written
//! once and runs on both; every function takes the owning account, and there
//! is no query that reads rows without it.
#![forbid(unsafe_code)]

#[macro_use]
mod db;
#[macro_use]
mod research;
#[macro_use]
mod write;
#[macro_use]
pub mod accounts;
pub mod api_tokens;
pub mod backup;
pub mod calendar;
pub mod conversations;
pub mod demo;
mod error;
pub mod fields;
pub mod ids;
pub mod imports;
pub mod insights;
#[macro_use]
pub mod interviews;
// After `interviews`: a sent letter moves its interview with its macro.
pub mod account_links;
pub mod correspondence;
pub mod letters;
mod location;
pub mod network;
pub mod organizations;
pub mod people;
#[macro_use]
pub mod plans;
pub mod profiles;
pub mod progress;
pub mod proposed_times;
pub mod questions;
pub mod reflections;
pub mod resumes;
pub mod rule_tasks;
pub mod search;
mod secrets;
pub mod sessions;
pub mod shares;
pub mod sign_in_limits;
pub mod statements;
pub mod status_changes;
pub mod tasks;
mod time;
pub mod today;

pub use accounts::AccountId;
pub use db::{Db, migration_versions};
pub use error::{Result, Storage, StoreError};
pub use location::Location;

/// How many rows a list returns when the caller does not say.
pub const DEFAULT_LIMIT: u32 = 100;
/// The most rows any list returns in one page.
pub const MAX_LIMIT: u32 = 500;

/// One page of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Rows to return, at most [`MAX_LIMIT`].
    pub limit: u32,
    /// Rows to skip.
    pub offset: u32,
}

impl Default for Page {
    fn default() -> Self {
        Self {
            limit: DEFAULT_LIMIT,
            offset: 0,
        }
    }
}

impl Page {
    pub(crate) fn limit(self) -> i64 {
        i64::from(self.limit.clamp(1, MAX_LIMIT))
    }

    pub(crate) fn offset(self) -> i64 {
        i64::from(self.offset)
    }
}
