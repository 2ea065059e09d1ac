//! People: whom you might talk to, how you know them, and who referred them.

use crate::error::{FieldError, FieldErrors};
use crate::text_enum::text_enum;
use crate::validated::{Email, PersonName, Phone, WebUrl, optional_line};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

text_enum! {
    /// How you came to know of a person; the handout's list of places to start.
    Source, field = "source" {
        Friend = "friend", "Friend";
        FellowStudent = "fellow-student", "Fellow student";
        CoWorker = "co-worker", "Co-worker";
        FormerCoWorker = "former-co-worker", "Former co-worker";
        Supervisor = "supervisor", "Supervisor";
        Neighbor = "neighbor", "Neighbor";
        ProfessionalOrganization = "professional-organization", "Professional organization";
        Directory = "directory", "Directory";
        AlumniOffice = "alumni-office", "Alumni office";
        CareerCenter = "career-center", "Career-center list";
        Referral = "referral", "Referral";
        ChanceMeeting = "chance-meeting", "Chance meeting";
        Other = "other", "Other";
    }
}

/// A short reference to another record, for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ref {
    /// The record's id.
    pub id: String,
    /// Its name or title.
    pub name: String,
}

/// A person as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    /// Stable id.
    pub id: String,
    /// Name as they write it.
    pub name: String,
    /// Where they work.
    pub organization: Option<Ref>,
    /// Job title.
    pub title: Option<String>,
    /// Email addresses, preferred first.
    pub emails: Vec<String>,
    /// Phone numbers, preferred first.
    pub phones: Vec<String>,
    /// Web links (profile, personal site).
    pub links: Vec<String>,
    /// Free notes.
    pub notes: String,
    /// The user's own labels.
    pub tags: Vec<String>,
    /// How you know of them.
    pub source: Source,
    /// They can hire: the handout's preferred interviewees.
    pub hiring_authority: bool,
    /// Who gave you their name.
    pub referred_by: Option<Ref>,
    /// The referrer allowed you to say they referred you.
    pub may_name_referrer: bool,
    /// You have their business card.
    pub business_card: bool,
    /// They said you may stay in touch.
    pub stay_in_touch: bool,
    /// Days between keep-in-touch notes, when you stay in touch.
    pub cadence_days: Option<u32>,
    /// When you connected (kept from imports such as LinkedIn).
    pub connected_on: Option<NaiveDate>,
    /// When the record was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// A person as typed into a form or on the command line, before checking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonForm {
    /// Name.
    pub name: String,
    /// Id of the organization they work at, if chosen.
    pub organization_id: Option<String>,
    /// Job title.
    pub title: String,
    /// Email addresses.
    pub emails: Vec<String>,
    /// Phone numbers.
    pub phones: Vec<String>,
    /// Links.
    pub links: Vec<String>,
    /// Notes.
    pub notes: String,
    /// Tags.
    pub tags: Vec<String>,
    /// Source category, empty for "other".
    pub source: String,
    /// Can hire.
    pub hiring_authority: bool,
    /// Id of the person who referred them.
    pub referred_by_id: Option<String>,
    /// May name the referrer.
    pub may_name_referrer: bool,
    /// Business card received.
    pub business_card: bool,
    /// Stay-in-touch permission.
    pub stay_in_touch: bool,
    /// Keep-in-touch cadence in days, empty for none.
    pub cadence_days: String,
    /// Connected on (YYYY-MM-DD), empty for unknown.
    pub connected_on: String,
}

/// A person whose every field has been checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonInput {
    /// Name.
    pub name: PersonName,
    /// Organization id.
    pub organization_id: Option<String>,
    /// Job title.
    pub title: Option<String>,
    /// Email addresses.
    pub emails: Vec<Email>,
    /// Phone numbers.
    pub phones: Vec<Phone>,
    /// Links.
    pub links: Vec<WebUrl>,
    /// Notes.
    pub notes: String,
    /// Tags, trimmed, without duplicates.
    pub tags: Vec<String>,
    /// Source category.
    pub source: Source,
    /// Can hire.
    pub hiring_authority: bool,
    /// Referrer id.
    pub referred_by_id: Option<String>,
    /// May name the referrer.
    pub may_name_referrer: bool,
    /// Business card received.
    pub business_card: bool,
    /// Stay-in-touch permission.
    pub stay_in_touch: bool,
    /// Keep-in-touch cadence in days.
    pub cadence_days: Option<u32>,
    /// Connected on.
    pub connected_on: Option<NaiveDate>,
}

/// True when a job title names someone who usually has the authority to
/// hire (a manager, director, supervisor, head, owner…): the handout's
/// preferred interviewees. Imports tick the flag from it; the student can
/// untick it.
pub fn title_suggests_hiring(title: &str) -> bool {
    const WORDS: [&str; 12] = [
        "manager",
        "director",
        "supervisor",
        "head",
        "chief",
        "president",
        "vp",
        "owner",
        "founder",
        "partner",
        "superintendent",
        "principal",
    ];
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| WORDS.contains(w))
        || lower.contains("vice president")
        || lower.starts_with("cto")
        || lower.starts_with("ceo")
}

/// Reads a keep-in-touch cadence for `cadence_days`: empty for none, else
/// 1 to 730 days. The person form and the backup's restore both use it.
pub fn cadence(raw: &str) -> Result<Option<u32>, FieldError> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<u32>() {
        Ok(d) if (1..=730).contains(&d) => Ok(Some(d)),
        _ => Err(FieldError::new(
            "cadence_days",
            format!("\"{s}\" is not a number of days from 1 to 730 (for example 90)"),
        )),
    }
}

/// Reads an optional `YYYY-MM-DD` date for `field`.
pub fn optional_date(field: &'static str, raw: &str) -> Result<Option<NaiveDate>, FieldError> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        FieldError::new(
            field,
            format!("\"{s}\" is not a date; write it as 2026-03-15"),
        )
    })?;
    // The same years as a typed time: a date such as +10000-01-01 would be
    // kept and then not read back.
    let years = crate::schedule::YEARS;
    if !years.contains(&chrono::Datelike::year(&date)) {
        return Err(FieldError::new(
            field,
            format!(
                "{s} is not a year rapport keeps; use a year from {} to {}",
                years.start(),
                years.end()
            ),
        ));
    }
    Ok(Some(date))
}

fn tags(raw: &[String]) -> Result<Vec<String>, FieldError> {
    let mut out: Vec<String> = Vec::new();
    for t in raw {
        if let Some(tag) = optional_line("tags", t)?
            && !out.iter().any(|o| o.eq_ignore_ascii_case(&tag))
        {
            out.push(tag);
        }
    }
    Ok(out)
}

impl PersonForm {
    /// Checks every field and reports every problem at once.
    pub fn validate(&self) -> Result<PersonInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.check(PersonName::parse(&self.name));
        let title = errors.check(optional_line("title", &self.title));
        let emails: Vec<Email> = self
            .emails
            .iter()
            .filter(|e| !e.trim().is_empty())
            .filter_map(|e| errors.check(Email::parse("emails", e)))
            .collect();
        let phones: Vec<Phone> = self
            .phones
            .iter()
            .filter(|p| !p.trim().is_empty())
            .filter_map(|p| errors.check(Phone::parse("phones", p)))
            .collect();
        let links: Vec<WebUrl> = self
            .links
            .iter()
            .filter(|l| !l.trim().is_empty())
            .filter_map(|l| errors.check(WebUrl::parse("links", l)))
            .collect();
        let source = if self.source.trim().is_empty() {
            Some(Source::Other)
        } else {
            errors.check(Source::parse(&self.source))
        };
        let tags = errors.check(tags(&self.tags));
        let notes = errors.check(crate::validated::long_text("notes", &self.notes));
        let cadence_days = errors.check(cadence(&self.cadence_days));
        let connected_on = errors.check(optional_date("connected_on", &self.connected_on));
        if self.referred_by_id.is_none() && self.may_name_referrer {
            errors.push(FieldError::new(
                "may_name_referrer",
                "needs a referrer; choose who referred this person first",
            ));
        }
        let (
            Some(name),
            Some(title),
            Some(source),
            Some(tags),
            Some(cadence_days),
            Some(connected_on),
        ) = (name, title, source, tags, cadence_days, connected_on)
        else {
            return Err(errors);
        };
        errors.finish()?;
        Ok(PersonInput {
            name,
            organization_id: self.organization_id.clone(),
            title,
            emails,
            phones,
            links,
            notes: notes.unwrap_or_default(),
            tags,
            source,
            hiring_authority: self.hiring_authority,
            referred_by_id: self.referred_by_id.clone(),
            may_name_referrer: self.may_name_referrer,
            business_card: self.business_card,
            stay_in_touch: self.stay_in_touch,
            cadence_days,
            connected_on,
        })
    }
}

impl Person {
    /// The person as an editable form, so edits pass the same checks as new records.
    pub fn to_form(&self) -> PersonForm {
        PersonForm {
            name: self.name.clone(),
            organization_id: self.organization.as_ref().map(|o| o.id.clone()),
            title: self.title.clone().unwrap_or_default(),
            emails: self.emails.clone(),
            phones: self.phones.clone(),
            links: self.links.clone(),
            notes: self.notes.clone(),
            tags: self.tags.clone(),
            source: self.source.as_str().to_owned(),
            hiring_authority: self.hiring_authority,
            referred_by_id: self.referred_by.as_ref().map(|r| r.id.clone()),
            may_name_referrer: self.may_name_referrer,
            business_card: self.business_card,
            stay_in_touch: self.stay_in_touch,
            cadence_days: self.cadence_days.map(|d| d.to_string()).unwrap_or_default(),
            connected_on: self.connected_on.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn dates_outside_the_years_kept_are_refused_on_their_field() {
        for raw in ["+10000-01-01", "1899-12-31"] {
            assert_eq!(
                optional_date("connected_on", raw).unwrap_err().field,
                "connected_on"
            );
        }
        assert!(
            optional_date("connected_on", "2024-02-29")
                .unwrap()
                .is_some()
        );
    }

    use super::*;

    fn form(name: &str) -> PersonForm {
        PersonForm {
            name: name.into(),
            ..PersonForm::default()
        }
    }

    #[test]
    fn a_minimal_person_is_valid() {
        let p = form("Ada Lovelace").validate().unwrap();
        assert_eq!(p.name.as_str(), "Ada Lovelace");
        assert_eq!(p.source, Source::Other);
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let mut f = form("");
        f.emails = vec!["not-an-email".into()];
        f.source = "astrology".into();
        f.cadence_days = "often".into();
        let errors = f.validate().unwrap_err();
        for field in ["name", "emails", "source", "cadence_days"] {
            assert!(
                errors.for_field(field).is_some(),
                "no error for {field}: {errors}"
            );
        }
    }

    #[test]
    fn sources_read_forgivingly() {
        assert_eq!(Source::parse("co-worker").unwrap(), Source::CoWorker);
        assert_eq!(Source::parse("Co_Worker").unwrap(), Source::CoWorker);
        assert!(
            Source::parse("astrology")
                .unwrap_err()
                .message
                .contains("co-worker")
        );
    }

    #[test]
    fn tags_are_deduplicated_and_blank_emails_ignored() {
        let mut f = form("Grace Hopper");
        f.tags = vec![
            "navy".into(),
            " Navy ".into(),
            "".into(),
            "compilers".into(),
        ];
        f.emails = vec!["  ".into()];
        let p = f.validate().unwrap();
        assert_eq!(p.tags, vec!["navy", "compilers"]);
        assert!(p.emails.is_empty());
    }

    #[test]
    fn naming_a_referrer_needs_one() {
        let mut f = form("Grace Hopper");
        f.may_name_referrer = true;
        assert!(
            f.validate()
                .unwrap_err()
                .for_field("may_name_referrer")
                .is_some()
        );
    }

    #[test]
    fn titles_that_can_hire() {
        for yes in [
            "Rehab Manager",
            "Director of Nursing",
            "Head of Engineering",
            "Shift Supervisor",
            "VP, Sales",
            "Owner",
            "CEO",
        ] {
            assert!(title_suggests_hiring(yes), "{yes}");
        }
        for no in [
            "Software Engineer",
            "Physical Therapist",
            "Headhunter",
            "Management trainee",
            "",
        ] {
            assert!(!title_suggests_hiring(no), "{no}");
        }
    }
}
