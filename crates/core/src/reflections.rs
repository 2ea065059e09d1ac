//! The reflection written right after an interview: the handout's four
//! questions, and ratings that keep the field apart from the person.

use crate::error::{FieldError, FieldErrors};
use crate::validated::Rating;
use serde::Serialize;

/// A reflection as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Reflection {
    /// What did I learn that attracts me?
    pub learned_positive: String,
    /// What did I learn that puts me off?
    pub learned_negative: String,
    /// How does it fit my interests, abilities, goals and values?
    pub fit_with_self: String,
    /// What do I still need to know?
    pub still_to_learn: String,
    /// What plan of action can I make? One action per line.
    pub plan_of_action: String,
    /// How it felt: your reactions, kept apart from what you learned.
    pub feelings: String,
    /// How well the field fits me (1–5).
    pub field_fit: Option<Rating>,
    /// How likable the person was (1–5), kept apart from the field.
    pub likability: Option<Rating>,
    /// How attractive the setting was (1–5), kept apart from the field.
    pub setting: Option<Rating>,
}

/// A reflection as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReflectionForm {
    /// Positive impressions.
    pub learned_positive: String,
    /// Negative impressions.
    pub learned_negative: String,
    /// Fit with yourself.
    pub fit_with_self: String,
    /// Open questions.
    pub still_to_learn: String,
    /// Plan of action, one per line.
    pub plan_of_action: String,
    /// How it felt.
    pub feelings: String,
    /// Field fit rating, empty for none.
    pub field_fit: String,
    /// Likability rating, empty for none.
    pub likability: String,
    /// Setting rating, empty for none.
    pub setting: String,
}

fn rating(field: &'static str, raw: &str) -> Result<Option<Rating>, FieldError> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let n = s
        .parse::<i64>()
        .map_err(|_| FieldError::new(field, format!("\"{s}\" is not a rating; choose 1 to 5")))?;
    Rating::new(field, n).map(Some)
}

impl ReflectionForm {
    /// Checks the ratings and the text (as `long_text`).
    pub fn validate(&self) -> Result<Reflection, FieldErrors> {
        let mut errors = FieldErrors::new();
        let field_fit = errors.check(rating("field_fit", &self.field_fit));
        let likability = errors.check(rating("likability", &self.likability));
        let setting = errors.check(rating("setting", &self.setting));
        let mut text = |field: &'static str, s: &str| {
            errors
                .check(crate::validated::long_text(field, s))
                .unwrap_or_default()
        };
        let learned_positive = text("learned_positive", &self.learned_positive);
        let learned_negative = text("learned_negative", &self.learned_negative);
        let fit_with_self = text("fit_with_self", &self.fit_with_self);
        let still_to_learn = text("still_to_learn", &self.still_to_learn);
        let plan_of_action = text("plan_of_action", &self.plan_of_action);
        let feelings = text("feelings", &self.feelings);
        let (Some(field_fit), Some(likability), Some(setting)) = (field_fit, likability, setting)
        else {
            return Err(errors);
        };
        errors.finish()?;
        Ok(Reflection {
            learned_positive,
            learned_negative,
            fit_with_self,
            still_to_learn,
            plan_of_action,
            feelings,
            field_fit,
            likability,
            setting,
        })
    }
}

impl Reflection {
    /// The plan of action, one action per non-empty line, without list marks.
    pub fn actions(&self) -> Vec<String> {
        self.plan_of_action
            .lines()
            .map(|l| {
                let l = l.trim();
                let l = l.trim_start_matches(['-', '*', '•']).trim_start();
                let digits = l.chars().take_while(char::is_ascii_digit).count();
                let rest = &l[digits..];
                if digits > 0 && (rest.starts_with('.') || rest.starts_with(')')) {
                    rest[1..].trim().to_owned()
                } else {
                    l.to_owned()
                }
            })
            .filter(|l| !l.is_empty())
            .collect()
    }

    /// The form for editing.
    pub fn to_form(&self) -> ReflectionForm {
        let r = |v: Option<Rating>| v.map(|r| r.value().to_string()).unwrap_or_default();
        ReflectionForm {
            learned_positive: self.learned_positive.clone(),
            learned_negative: self.learned_negative.clone(),
            fit_with_self: self.fit_with_self.clone(),
            still_to_learn: self.still_to_learn.clone(),
            plan_of_action: self.plan_of_action.clone(),
            feelings: self.feelings.clone(),
            field_fit: r(self.field_fit),
            likability: r(self.likability),
            setting: r(self.setting),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_are_lines_without_marks() {
        let r = Reflection {
            plan_of_action:
                "- Read the annual report\n\n2. Call Grace at Navy Labs\n• Update résumé  \n  "
                    .into(),
            ..Reflection::default()
        };
        assert_eq!(
            r.actions(),
            vec![
                "Read the annual report",
                "Call Grace at Navy Labs",
                "Update résumé"
            ]
        );
    }

    #[test]
    fn ratings_are_1_to_5_each_named() {
        let f = ReflectionForm {
            field_fit: "6".into(),
            likability: "great".into(),
            setting: "3".into(),
            ..ReflectionForm::default()
        };
        let errors = f.validate().unwrap_err();
        assert!(errors.for_field("field_fit").is_some());
        assert!(errors.for_field("likability").is_some());
        assert!(errors.for_field("setting").is_none());
        let ok = ReflectionForm {
            field_fit: "2".into(),
            likability: "5".into(),
            ..ReflectionForm::default()
        };
        let r = ok.validate().unwrap();
        assert_eq!(r.field_fit.unwrap().value(), 2);
        assert_eq!(r.to_form().likability, "5");
    }
}
