//! The web server, spoken to over HTTP; pages checked by selectors.

#![allow(clippy::unwrap_used)]

mod common;

mod api;
mod api_records;
mod forms;
mod idor;
mod imports;
mod insights;
mod journey;
mod outreach;
mod pages;
mod security;
mod server;
mod today;
