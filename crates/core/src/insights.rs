//! What the record says back to you: the numbers behind the Insights and
//! Network pages. The handout asks you to record, analyze and evaluate what
//! you gather; these functions do the analyzing part over plain values the
//! store has already read, so every figure can be checked by hand in a test.
//!
//! - [`evidence`]: have you talked to enough people, at enough places, before
//!   judging a field?
//! - [`ratings`]: does your judgment of a field echo how much you liked the
//!   person or the place?
//! - [`funnel`]: how far people get from "identified" to "referred", and how
//!   busy each week was.
//! - [`network`]: who introduced whom, how deep the chains go, and the warmest
//!   way into an organization or field.
//! - [`replies`]: how quickly each channel and each source gets an answer.
//! - [`report`]: all of the above for one account, from what the store read.

pub mod evidence;
pub mod funnel;
pub mod network;
pub mod ratings;
pub mod replies;
pub mod report;
