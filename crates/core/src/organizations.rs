//! Organizations and the homework done on them before an interview.

use crate::error::{FieldError, FieldErrors};
use crate::text_enum::text_enum;
use crate::validated::{WebUrl, required_line};
use chrono::{DateTime, Utc};
use serde::Serialize;

text_enum! {
    /// Where the handout says to research a company.
    ResearchSource, field = "research" {
        Website = "website", "Company website";
        AnnualReport = "annual-report", "Annual report";
        Literature = "literature", "Company literature";
        News = "news", "News";
        Library = "library", "Library";
        WordOfMouth = "word-of-mouth", "Word of mouth";
    }
}

/// What you found in one source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResearchNote {
    /// The source checked.
    pub source: ResearchSource,
    /// What it told you.
    pub note: String,
}

/// An organization as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Organization {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Website.
    pub website: Option<String>,
    /// Products and services.
    pub products: String,
    /// Entry-level jobs you have seen.
    pub entry_level_jobs: String,
    /// How they hire.
    pub hiring_procedure: String,
    /// What they value.
    pub values: String,
    /// Their outlook.
    pub outlook: String,
    /// Free notes.
    pub notes: String,
    /// Research notes, one per source checked.
    pub research: Vec<ResearchNote>,
    /// When the record was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// An organization as typed, before checking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrganizationForm {
    /// Name.
    pub name: String,
    /// Website.
    pub website: String,
    /// Products and services.
    pub products: String,
    /// Entry-level jobs seen.
    pub entry_level_jobs: String,
    /// Hiring procedure.
    pub hiring_procedure: String,
    /// Values.
    pub values: String,
    /// Outlook.
    pub outlook: String,
    /// Notes.
    pub notes: String,
    /// Research notes as (source name, note).
    pub research: Vec<(String, String)>,
}

/// An organization whose fields have been checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationInput {
    /// Name.
    pub name: String,
    /// Website.
    pub website: Option<WebUrl>,
    /// Products and services.
    pub products: String,
    /// Entry-level jobs seen.
    pub entry_level_jobs: String,
    /// Hiring procedure.
    pub hiring_procedure: String,
    /// Values.
    pub values: String,
    /// Outlook.
    pub outlook: String,
    /// Notes.
    pub notes: String,
    /// At most one note per source; empty notes dropped.
    pub research: Vec<ResearchNote>,
}

impl OrganizationForm {
    /// A form with just a name, as when an organization is named in passing.
    pub fn named(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            ..Self::default()
        }
    }

    /// Checks every field and reports every problem at once.
    pub fn validate(&self) -> Result<OrganizationInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.check(required_line("name", &self.name));
        let website = if self.website.trim().is_empty() {
            Some(None)
        } else {
            errors.check(WebUrl::parse("website", &self.website).map(Some))
        };
        let mut research: Vec<ResearchNote> = Vec::new();
        for (source, note) in &self.research {
            let Some(source) = errors.check(ResearchSource::parse(source)) else {
                continue;
            };
            let Some(note) = errors.check(crate::validated::long_text("research", note)) else {
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
            research.push(ResearchNote { source, note });
        }
        let mut text = |field: &'static str, s: &str| {
            errors
                .check(crate::validated::long_text(field, s))
                .unwrap_or_default()
        };
        let products = text("products", &self.products);
        let entry_level_jobs = text("entry_level_jobs", &self.entry_level_jobs);
        let hiring_procedure = text("hiring_procedure", &self.hiring_procedure);
        let values = text("values", &self.values);
        let outlook = text("outlook", &self.outlook);
        let notes = text("notes", &self.notes);
        let (Some(name), Some(website)) = (name, website) else {
            return Err(errors);
        };
        errors.finish()?;
        Ok(OrganizationInput {
            name,
            website,
            products,
            entry_level_jobs,
            hiring_procedure,
            values,
            outlook,
            notes,
            research,
        })
    }
}

impl Organization {
    /// The organization as an editable form.
    pub fn to_form(&self) -> OrganizationForm {
        OrganizationForm {
            name: self.name.clone(),
            website: self.website.clone().unwrap_or_default(),
            products: self.products.clone(),
            entry_level_jobs: self.entry_level_jobs.clone(),
            hiring_procedure: self.hiring_procedure.clone(),
            values: self.values.clone(),
            outlook: self.outlook.clone(),
            notes: self.notes.clone(),
            research: self
                .research
                .iter()
                .map(|r| (r.source.as_str().to_owned(), r.note.clone()))
                .collect(),
        }
    }

    /// True once at least one source has a note: the homework is started.
    pub fn is_researched(&self) -> bool {
        !self.research.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn research_notes_are_checked_per_source() {
        let mut f = OrganizationForm::named("Analytical Engines");
        f.research = vec![
            ("website".into(), "Makes difference engines".into()),
            ("news".into(), "  ".into()),
        ];
        let org = f.validate().unwrap();
        assert_eq!(org.research.len(), 1);
        f.research.push(("Website".into(), "again".into()));
        f.research.push(("tea leaves".into(), "x".into()));
        let errors = f.validate().unwrap_err();
        assert!(
            errors.iter().filter(|e| e.field == "research").count() == 2,
            "{errors}"
        );
    }

    #[test]
    fn name_and_website_are_checked() {
        let mut f = OrganizationForm::named(" ");
        f.website = "not a site".into();
        let errors = f.validate().unwrap_err();
        assert!(errors.for_field("name").is_some());
        assert!(errors.for_field("website").is_some());
    }
}
