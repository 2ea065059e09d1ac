//! The self profile: what you bring to each conversation.

use crate::error::FieldErrors;
use crate::validated::{Email, Phone};
use serde::Serialize;

/// The five "questions that might be asked of you", in the handout's words.
pub const QUESTIONS_FOR_YOU: [&str; 5] = [
    "Why are you interested in this type of work?",
    "Why do you feel you would be good at it?",
    "What interests you about this employer?",
    "How would you sum up your work history?",
    "What do you want from this contact and how will you use the information?",
];

/// Your self-assessment, prepared answers and signature. Every value is
/// optional; an empty profile is valid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Profile {
    /// What you enjoy.
    pub interests: String,
    /// What you do well.
    pub abilities: String,
    /// What matters to you in work.
    pub values: String,
    /// Skills you have.
    pub skills: String,
    /// What you are aiming for.
    pub goals: String,
    /// Short answers to [`QUESTIONS_FOR_YOU`], in order.
    pub answers: [String; 5],
    /// Name under letters.
    pub signature_name: String,
    /// Postal address under letters (the handout asks for it under a thank-you).
    pub signature_address: String,
    /// Phone under letters.
    pub signature_phone: String,
    /// Email under letters.
    pub signature_email: String,
    /// The zone every page shows times in; `None` is the machine's.
    pub time_zone: Option<crate::validated::TimeZone>,
}

impl Profile {
    /// Trims every value and checks the signature's email and phone.
    pub fn validate(&self) -> Result<Profile, FieldErrors> {
        let mut errors = FieldErrors::new();
        let t = |s: &str| s.trim().to_owned();
        let email = t(&self.signature_email);
        if !email.is_empty() {
            errors.check(Email::parse("signature_email", &self.signature_email));
        }
        let phone = t(&self.signature_phone);
        if !phone.is_empty() {
            errors.check(Phone::parse("signature_phone", &phone));
        }
        let mut text = |field: &'static str, s: &str| {
            errors
                .check(crate::validated::long_text(field, s))
                .unwrap_or_default()
        };
        const ANSWER_FIELDS: [&str; 5] =
            ["answer_0", "answer_1", "answer_2", "answer_3", "answer_4"];
        let interests = text("interests", &self.interests);
        let abilities = text("abilities", &self.abilities);
        let values = text("values", &self.values);
        let skills = text("skills", &self.skills);
        let goals = text("goals", &self.goals);
        let signature_address = text("signature_address", &self.signature_address);
        let mut answers: [String; 5] = Default::default();
        for ((out, field), raw) in answers.iter_mut().zip(ANSWER_FIELDS).zip(&self.answers) {
            *out = text(field, raw);
        }
        let signature_name = errors.check(crate::validated::optional_line(
            "signature_name",
            &self.signature_name,
        ));
        errors.finish()?;
        Ok(Profile {
            interests,
            abilities,
            values,
            skills,
            goals,
            answers,
            signature_name: signature_name.flatten().unwrap_or_default(),
            signature_address,
            signature_phone: phone,
            signature_email: email,
            time_zone: self.time_zone,
        })
    }

    /// How many of the five answers are written.
    pub fn answers_ready(&self) -> usize {
        self.answers.iter().filter(|a| !a.trim().is_empty()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_contacts_are_checked() {
        let p = Profile {
            signature_email: "not mail".into(),
            signature_phone: "12".into(),
            ..Profile::default()
        };
        let errors = p.validate().unwrap_err();
        assert!(errors.for_field("signature_email").is_some());
        assert!(errors.for_field("signature_phone").is_some());
        assert!(Profile::default().validate().is_ok());
    }

    #[test]
    fn counts_prepared_answers() {
        let mut p = Profile::default();
        p.answers[0] = "I like puzzles".into();
        p.answers[3] = "  ".into();
        assert_eq!(p.answers_ready(), 1);
    }
}
