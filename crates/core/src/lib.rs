//! The domain of rapport: validated values, the interview pipeline and the
//! records the method keeps. Pure: no I/O, no async, no SQL, and no reading of
//! the wall clock inside a rule (a [`clock::Clock`] is passed in instead).
#![forbid(unsafe_code)]

pub mod clock;
pub mod conversations;
pub mod correspondence;
pub mod demo;
pub mod error;
pub mod export;
pub mod fields;
pub mod ical;
pub mod import;
pub mod insights;
pub mod interviews;
pub mod letters;
pub mod linter;
pub mod organizations;
pub mod passwords;
pub mod people;
pub mod pipeline;
pub mod preparation;
pub mod profile;
pub mod proposed_times;
pub mod questions;
pub mod reflections;
pub mod rules;
pub mod schedule;
pub mod tasks;
pub mod text_enum;
pub mod validated;

pub use error::{FieldError, FieldErrors};
pub use text_enum::Named;
