//! Casual conversations: talk on a bus, at a party, in line, logged in seconds.

use crate::error::FieldErrors;
use crate::people::{Ref, optional_date};
use crate::validated::{optional_line, required_line};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// A casual conversation as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conversation {
    /// Stable id.
    pub id: String,
    /// Whom you talked with.
    pub who: String,
    /// Where.
    pub place: String,
    /// What you learned.
    pub learned: String,
    /// When.
    pub occurred_on: NaiveDate,
    /// The person it grew into, if any.
    pub person: Option<Ref>,
    /// When it was logged.
    pub created_at: DateTime<Utc>,
}

/// A conversation as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConversationForm {
    /// Who.
    pub who: String,
    /// Where.
    pub place: String,
    /// What you learned.
    pub learned: String,
    /// Date (YYYY-MM-DD); empty means today.
    pub occurred_on: String,
}

/// A checked conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversationInput {
    /// Who.
    pub who: String,
    /// Where.
    pub place: String,
    /// What you learned.
    pub learned: String,
    /// When.
    pub occurred_on: NaiveDate,
}

impl ConversationForm {
    /// Checks the form; `today` fills in a missing date.
    pub fn validate(&self, today: NaiveDate) -> Result<ConversationInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let who = errors.check(required_line("who", &self.who));
        let place = errors.check(optional_line("place", &self.place));
        let on = errors.check(optional_date("occurred_on", &self.occurred_on));
        let learned = errors.check(crate::validated::long_text("learned", &self.learned));
        let (Some(who), Some(place), Some(on)) = (who, place, on) else {
            return Err(errors);
        };
        errors.finish()?;
        Ok(ConversationInput {
            who,
            place: place.unwrap_or_default(),
            learned: learned.unwrap_or_default(),
            occurred_on: on.unwrap_or(today),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_is_required_and_the_date_defaults_to_today() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let f = ConversationForm {
            who: "Nurse on the 14 bus".into(),
            ..ConversationForm::default()
        };
        assert_eq!(f.validate(today).unwrap().occurred_on, today);
        let bad = ConversationForm {
            occurred_on: "yesterday".into(),
            ..ConversationForm::default()
        };
        let errors = bad.validate(today).unwrap_err();
        assert!(errors.for_field("who").is_some() && errors.for_field("occurred_on").is_some());
    }
}
