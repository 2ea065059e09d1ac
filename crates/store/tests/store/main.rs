//! The store suite: every test runs on SQLite, and on PostgreSQL when
//! `RAPPORT_TEST_DATABASE_URL` is set (see `tests/postgres_suite.rs`).

#![allow(clippy::unwrap_used)]

mod common;

mod accounts;
mod api_tokens;

mod backup;
mod backup_ids;
mod backup_refusals;
mod concurrency;
mod crash;
mod fields;
mod imports;
mod insights;
mod interviews;
mod isolation;
mod location;
mod organizations;
mod outreach;
mod people;
mod preparation;
mod proposed_times;
mod scale;
mod schema;
mod search;
mod status_changes;
mod tasks;
mod today;
