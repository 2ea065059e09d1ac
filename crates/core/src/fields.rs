//! Fields: the occupations you investigate, the sources you checked and how
//! each fits your own interests, abilities, values and skills.

use crate::error::{FieldError, FieldErrors};
use crate::text_enum::text_enum;
use crate::validated::{optional_line, required_line};
use chrono::{DateTime, Utc};
use serde::Serialize;

text_enum! {
    /// How a field looks to you so far.
    FieldStatus, field = "status" {
        Exploring = "exploring", "Exploring";
        Promising = "promising", "Promising";
        RuledOut = "ruled-out", "Ruled out";
    }
}

text_enum! {
    /// Where the handout says to research an occupation.
    FieldSource, field = "research" {
        Onet = "onet", "O*NET OnLine";
        Ooh = "ooh", "Occupational Outlook Handbook";
        StateLmi = "state-lmi", "State labor-market information";
        Chamber = "chamber", "Chamber of commerce";
        Library = "library", "Library";
        WordOfMouth = "word-of-mouth", "Word of mouth";
    }
}

/// What one source told you about the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldNote {
    /// The source checked.
    pub source: FieldSource,
    /// What it told you.
    pub note: String,
}

/// How the field fits you, one note per part of the self-assessment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Fit {
    /// Against your interests.
    pub interests: String,
    /// Against your abilities.
    pub abilities: String,
    /// Against your values.
    pub values: String,
    /// Against your skills.
    pub skills: String,
}

/// A field as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    /// Stable id.
    pub id: String,
    /// Occupation title.
    pub title: String,
    /// O*NET-SOC code such as 15-1252.00.
    pub onet_code: Option<String>,
    /// How it looks so far.
    pub status: FieldStatus,
    /// Free notes.
    pub notes: String,
    /// Fit against the self profile.
    pub fit: Fit,
    /// Research notes per source.
    pub research: Vec<FieldNote>,
    /// When the record was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// A field as typed, before checking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldForm {
    /// Title.
    pub title: String,
    /// O*NET-SOC code.
    pub onet_code: String,
    /// Status name; empty means exploring.
    pub status: String,
    /// Notes.
    pub notes: String,
    /// Fit notes.
    pub fit: Fit,
    /// Research as (source name, note).
    pub research: Vec<(String, String)>,
}

/// A field whose values have been checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldInput {
    /// Title.
    pub title: String,
    /// O*NET-SOC code.
    pub onet_code: Option<String>,
    /// Status.
    pub status: FieldStatus,
    /// Notes.
    pub notes: String,
    /// Fit notes, trimmed.
    pub fit: Fit,
    /// Research notes, one per source.
    pub research: Vec<FieldNote>,
}

/// Checks an O*NET-SOC code: `15-1252.00`, or `15-1252` which gets `.00`.
pub fn onet_code(raw: &str) -> Result<Option<String>, FieldError> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let full = if s.len() == 7 {
        format!("{s}.00")
    } else {
        s.to_owned()
    };
    let b = full.as_bytes();
    let shape_ok = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            2 => *c == b'-',
            7 => *c == b'.',
            _ => c.is_ascii_digit(),
        });
    if shape_ok {
        Ok(Some(full))
    } else {
        Err(FieldError::new(
            "onet_code",
            format!("\"{s}\" is not an O*NET-SOC code; it looks like 15-1252.00"),
        ))
    }
}

impl FieldForm {
    /// Checks every value and reports every problem at once.
    pub fn validate(&self) -> Result<FieldInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = errors.check(required_line("title", &self.title));
        let code = errors.check(onet_code(&self.onet_code));
        let status = if self.status.trim().is_empty() {
            Some(FieldStatus::Exploring)
        } else {
            errors.check(FieldStatus::parse(&self.status))
        };
        let mut research: Vec<FieldNote> = Vec::new();
        for (source, note) in &self.research {
            let Some(source) = errors.check(FieldSource::parse(source)) else {
                continue;
            };
            let Some(note) = errors.check(optional_line("research", note).map(|_| note.trim()))
            else {
                continue;
            };
            if note.is_empty() {
                continue;
            }
            if research.iter().any(|r| r.source == source) {
                errors.push(FieldError::new(
                    "research",
                    format!(
                        "{} is given twice; keep one note per source",
                        source.label()
                    ),
                ));
                continue;
            }
            research.push(FieldNote {
                source,
                note: note.to_owned(),
            });
        }
        let mut text = |field: &'static str, s: &str| {
            errors
                .check(crate::validated::long_text(field, s))
                .unwrap_or_default()
        };
        let fit = Fit {
            interests: text("fit_interests", &self.fit.interests),
            abilities: text("fit_abilities", &self.fit.abilities),
            values: text("fit_values", &self.fit.values),
            skills: text("fit_skills", &self.fit.skills),
        };
        let notes = text("notes", &self.notes);
        let (Some(title), Some(onet_code), Some(status)) = (title, code, status) else {
            return Err(errors);
        };
        errors.finish()?;
        Ok(FieldInput {
            title,
            onet_code,
            status,
            notes,
            fit,
            research,
        })
    }
}

impl Field {
    /// The field as an editable form.
    pub fn to_form(&self) -> FieldForm {
        FieldForm {
            title: self.title.clone(),
            onet_code: self.onet_code.clone().unwrap_or_default(),
            status: self.status.as_str().to_owned(),
            notes: self.notes.clone(),
            fit: self.fit.clone(),
            research: self
                .research
                .iter()
                .map(|r| (r.source.as_str().to_owned(), r.note.clone()))
                .collect(),
        }
    }

    /// The O*NET OnLine summary page for the code, when there is one.
    pub fn onet_url(&self) -> Option<String> {
        self.onet_code
            .as_ref()
            .map(|c| format!("https://www.onetonline.org/link/summary/{c}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn onet_codes() {
        assert_eq!(onet_code("15-1252").unwrap().as_deref(), Some("15-1252.00"));
        assert_eq!(
            onet_code(" 15-1252.01 ").unwrap().as_deref(),
            Some("15-1252.01")
        );
        assert_eq!(onet_code("").unwrap(), None);
        assert_eq!(onet_code("151252").unwrap_err().field, "onet_code");
    }

    #[test]
    fn a_field_needs_a_title_and_a_known_status() {
        let f = FieldForm {
            status: "maybe".into(),
            ..FieldForm::default()
        };
        let errors = f.validate().unwrap_err();
        assert!(errors.for_field("title").is_some());
        assert!(errors.for_field("status").is_some());
        let ok = FieldForm {
            title: "Software developer".into(),
            status: "Ruled out".into(),
            ..FieldForm::default()
        }
        .validate()
        .unwrap();
        assert_eq!(ok.status, FieldStatus::RuledOut);
    }
}
