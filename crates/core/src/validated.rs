//! Values checked once at the edge, so the rest of the program can trust them.
//! Every parser trims its input and names the field in its error.

use crate::error::FieldError;
use serde::{Deserialize, Serialize};

const MAX_TEXT: usize = 200;

fn has_control(s: &str) -> bool {
    s.chars().any(char::is_control)
}

/// Free text of several lines (notes, a letter, a reflection): trimmed, with
/// Windows line endings made plain, and refused when it holds a control
/// character other than tab and newline. NUL in particular: PostgreSQL cannot
/// store it and SQLite would, so both backends must never be asked to.
pub fn long_text(field: &'static str, raw: &str) -> Result<String, FieldError> {
    let s = raw.trim().replace("\r\n", "\n").replace('\r', "\n");
    if s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(FieldError::new(
            field,
            "holds a control character (such as NUL) that cannot be saved; retype or paste it as plain text",
        ));
    }
    if s.chars().count() > MAX_LONG_TEXT {
        return Err(FieldError::new(
            field,
            format!("is too long; keep it under {MAX_LONG_TEXT} characters"),
        ));
    }
    Ok(s)
}

/// The longest free text accepted: a long letter or a page of notes is far
/// below it; a pasted file is not.
pub const MAX_LONG_TEXT: usize = 500_000;

/// Trimmed, non-empty, single-line text of at most 200 characters
/// (an organization's name, a field's title, a task's title).
pub fn required_line(field: &'static str, raw: &str) -> Result<String, FieldError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(FieldError::new(field, "is required; it cannot be empty"));
    }
    optional_line(field, s).map(|v| v.unwrap_or_default())
}

/// Like [`required_line`], but empty input means "none".
pub fn optional_line(field: &'static str, raw: &str) -> Result<Option<String>, FieldError> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if has_control(s) {
        return Err(FieldError::new(field, "must fit on one line"));
    }
    if s.chars().count() > MAX_TEXT {
        return Err(FieldError::new(
            field,
            format!("is too long; keep it under {MAX_TEXT} characters"),
        ));
    }
    Ok(Some(s.to_owned()))
}

/// A person's name as they would write it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PersonName(String);

impl PersonName {
    /// Checks a name typed by the user (field `name`).
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(FieldError::new(
                "name",
                "is required; type the person's name as they write it",
            ));
        }
        optional_line("name", s).map(|v| Self(v.unwrap_or_default()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An email address: one `@`, something before it, a domain with a dot after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// Checks an address for the field `field` (usually `email`).
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let s = raw.trim();
        let bad = || {
            FieldError::new(
                field,
                format!("\"{s}\" is not an email address; it should look like name@example.org"),
            )
        };
        // Characters that would end or extend a `mailto:` URL or a header
        // (`?bcc=…`, `%40`, `&`), or split a list of addresses, are refused
        // outright: real addresses do not use them.
        let unsafe_char =
            |c: char| c.is_whitespace() || c.is_control() || "?&%#<>\"\\,;:()[]/".contains(c);
        // Counted as sent, spaces around it included: an address is never
        // near the limit, and a description can then state it exactly.
        if raw.chars().count() > 254 || s.chars().any(unsafe_char) {
            return Err(bad());
        }
        let (local, domain) = s.split_once('@').ok_or_else(bad)?;
        let labels_ok = domain
            .split('.')
            .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-') && !l.contains('@'));
        if local.is_empty() || !domain.contains('.') || !labels_ok {
            return Err(bad());
        }
        Ok(Self(format!("{local}@{}", domain.to_lowercase())))
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A phone number as the user writes it, with 7 to 15 digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Phone(String);

impl Phone {
    /// Checks a number for the field `field` (usually `phone`).
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let s = raw.trim();
        let allowed = |c: char| c.is_ascii_digit() || " -().".contains(c);
        let body = s.strip_prefix('+').unwrap_or(s);
        let digits = body.chars().filter(char::is_ascii_digit).count();
        if !body.chars().all(allowed) || !(7..=15).contains(&digits) {
            return Err(FieldError::new(
                field,
                format!(
                    "\"{s}\" is not a phone number; use 7 to 15 digits, with spaces, dashes or a leading +"
                ),
            ));
        }
        Ok(Self(s.to_owned()))
    }

    /// The number as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A web address (http or https). A bare domain gets `https://` in front.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WebUrl(String);

impl WebUrl {
    /// Checks an address for the field `field` (`link`, `website`…).
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let s = raw.trim();
        // Only http and https are schemes; anything else is read as a
        // host without one (and then refused when it is not a host).
        let full = if s.starts_with("https://") || s.starts_with("http://") {
            s.to_owned()
        } else {
            format!("https://{s}")
        };
        let rest = full
            .strip_prefix("https://")
            .or_else(|| full.strip_prefix("http://"));
        let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
        let ok = match host {
            Some(authority) => {
                // Before the host, a user and password in plain ASCII (no
                // brackets: those belong to IP addresses); after it, a port
                // in digits.
                let (user, h) = authority.rsplit_once('@').unwrap_or(("", authority));
                let (name, port) = h.split_once(':').unwrap_or((h, ""));
                user.chars()
                    .all(|c| c.is_ascii_graphic() && !matches!(c, '[' | ']'))
                    && port.chars().all(|c| c.is_ascii_digit())
                    && (name.contains('.') || name == "localhost")
                    && !name.starts_with('.')
                    && !name.ends_with('.')
                    && name
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
            }
            None => false,
        };
        if !ok || full.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(FieldError::new(
                field,
                format!("\"{s}\" is not a web address; it should look like https://example.org"),
            ));
        }
        Ok(Self(full))
    }

    /// The address as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An IANA time zone such as `America/Los_Angeles`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeZone(chrono_tz::Tz);

impl TimeZone {
    /// Checks a zone name for the field `time_zone`.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let s = raw.trim();
        s.parse::<chrono_tz::Tz>().map(Self).map_err(|_| {
            FieldError::new(
                "time_zone",
                format!(
                    "\"{s}\" is not a time zone; use a name such as America/Los_Angeles or Europe/Berlin"
                ),
            )
        })
    }

    /// Every zone name `parse` takes, as the IANA database spells it.
    pub fn names() -> impl Iterator<Item = &'static str> {
        chrono_tz::TZ_VARIANTS.iter().map(|z| z.name())
    }

    /// Coordinated Universal Time.
    pub fn utc() -> Self {
        Self(chrono_tz::UTC)
    }

    /// The zone for date arithmetic.
    pub fn tz(self) -> chrono_tz::Tz {
        self.0
    }

    /// The IANA name.
    pub fn name(self) -> &'static str {
        self.0.name()
    }
}

impl Serialize for TimeZone {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// How long an interview is agreed to last: 5 to 120 minutes. The method asks
/// for 20–30; the default is 30.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Length(u16);

impl Length {
    /// The shortest length accepted, in minutes.
    pub const MIN: u16 = 5;
    /// The longest length accepted, in minutes.
    pub const MAX: u16 = 120;
    /// The length the method suggests asking for.
    pub const DEFAULT: Length = Length(30);

    /// Checks a number of minutes for the field `length`.
    pub fn new(minutes: i64) -> Result<Self, FieldError> {
        if (i64::from(Self::MIN)..=i64::from(Self::MAX)).contains(&minutes) {
            Ok(Self(minutes as u16))
        } else {
            Err(FieldError::new(
                "length",
                format!(
                    "must be between {} and {} minutes (you asked for {minutes}); the method suggests 20–30",
                    Self::MIN,
                    Self::MAX
                ),
            ))
        }
    }

    /// Parses typed text such as `30` or `30m` for the field `length`.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let s = raw.trim();
        let digits = s
            .strip_suffix("min")
            .or_else(|| s.strip_suffix('m'))
            .unwrap_or(s)
            .trim();
        let minutes = digits.parse::<i64>().map_err(|_| {
            FieldError::new(
                "length",
                format!("\"{s}\" is not a number of minutes; type a number such as 30"),
            )
        })?;
        Self::new(minutes)
    }

    /// The length in minutes.
    pub fn minutes(self) -> u16 {
        self.0
    }
}

/// A rating from 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Rating(u8);

impl Rating {
    /// Checks a rating for the field `field` (each rating has its own field).
    pub fn new(field: &'static str, value: i64) -> Result<Self, FieldError> {
        if (1..=5).contains(&value) {
            Ok(Self(value as u8))
        } else {
            Err(FieldError::new(
                field,
                format!("must be from 1 to 5 (you gave {value})"),
            ))
        }
    }

    /// The rating's value.
    pub fn value(self) -> u8 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn empty_name_names_the_field() {
        let err = PersonName::parse("   ").unwrap_err();
        assert_eq!(err.field, "name");
        assert!(err.to_string().starts_with("name: "));
    }

    #[test]
    fn names_are_trimmed() {
        assert_eq!(
            PersonName::parse("  Ada Lovelace ").unwrap().as_str(),
            "Ada Lovelace"
        );
        assert!(PersonName::parse("Ada\nLovelace").is_err());
    }

    #[test]
    fn long_text_keeps_lines_and_refuses_controls() {
        assert_eq!(long_text("notes", " a\r\nb\tc \r").unwrap(), "a\nb\tc");
        for bad in ["a\0b", "x\u{1b}[31m", "\u{7f}"] {
            assert_eq!(
                long_text("notes", bad).unwrap_err().field,
                "notes",
                "{bad:?}"
            );
        }
        assert!(long_text("notes", &"x".repeat(MAX_LONG_TEXT + 1)).is_err());
    }

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse("email", " ada@Example.ORG ").unwrap().as_str(),
            "ada@example.org"
        );
        for bad in [
            "ada",
            "ada@",
            "@example.org",
            "ada@example",
            "a da@x.org",
            "ada@x..org",
            "a@b@c.org",
            "victim@x.org?bcc=spy%40evil.example&x=y.z",
            "a%40b@x.org",
            "a&b@x.org",
            "a#b@x.org",
            "a,b@x.org",
            "a\0b@x.org",
        ] {
            let err = Email::parse("email", bad).unwrap_err();
            assert_eq!(err.field, "email", "{bad}");
        }
    }

    #[test]
    fn phones() {
        assert!(Phone::parse("phone", "503.399.5026").is_ok());
        assert!(Phone::parse("phone", "+44 20 7946 0958").is_ok());
        assert!(Phone::parse("phone", "(503) 399-5026").is_ok());
        assert!(Phone::parse("phone", "12345").is_err());
        assert!(Phone::parse("phone", "call me").is_err());
        assert!(Phone::parse("phone", "5+03 399 5026").is_err());
    }

    #[test]
    fn urls() {
        assert_eq!(
            WebUrl::parse("link", "example.org").unwrap().as_str(),
            "https://example.org"
        );
        assert!(WebUrl::parse("link", "http://example.org/a?b=c").is_ok());
        assert!(WebUrl::parse("link", "ftp://example.org").is_err());
        assert!(WebUrl::parse("link", "not a url").is_err());
        assert!(WebUrl::parse("link", "https://").is_err());
    }

    #[test]
    fn time_zones() {
        assert_eq!(
            TimeZone::parse("America/Los_Angeles").unwrap().name(),
            "America/Los_Angeles"
        );
        assert_eq!(
            TimeZone::parse("Mars/Olympus").unwrap_err().field,
            "time_zone"
        );
    }

    #[test]
    fn length_forms() {
        assert_eq!(Length::parse("30m").unwrap().minutes(), 30);
        assert_eq!(Length::parse(" 25 ").unwrap().minutes(), 25);
        assert_eq!(Length::parse("500").unwrap_err().field, "length");
        assert_eq!(Length::parse("half an hour").unwrap_err().field, "length");
    }

    proptest! {
        #[test]
        fn length_accepts_exactly_5_to_120(n in -1000i64..1000) {
            prop_assert_eq!(Length::new(n).is_ok(), (5..=120).contains(&n));
        }

        #[test]
        fn rating_accepts_exactly_1_to_5(n in -100i64..100) {
            let r = Rating::new("field_fit", n);
            prop_assert_eq!(r.is_ok(), (1..=5).contains(&n));
            if let Err(e) = r { prop_assert_eq!(e.field, "field_fit"); }
        }

        #[test]
        fn parsers_never_panic_and_errors_name_their_field(s in "\\PC*") {
            if let Err(e) = PersonName::parse(&s) { prop_assert_eq!(e.field, "name"); }
            if let Err(e) = Email::parse("email", &s) { prop_assert_eq!(e.field, "email"); }
            if let Err(e) = Phone::parse("phone", &s) { prop_assert_eq!(e.field, "phone"); }
            if let Err(e) = WebUrl::parse("link", &s) { prop_assert_eq!(e.field, "link"); }
            if let Err(e) = Length::parse(&s) { prop_assert_eq!(e.field, "length"); }
        }

        #[test]
        fn valid_emails_parse_and_are_stable(local in "[a-z0-9._+]{1,20}", host in "[a-z0-9]{1,12}", tld in "[a-z]{2,6}") {
            let raw = format!("{local}@{host}.{tld}");
            let once = Email::parse("email", &raw).unwrap();
            let twice = Email::parse("email", once.as_str()).unwrap();
            prop_assert_eq!(once, twice);
        }
    }
}

/// Every form's free text goes through [`long_text`]: a NUL in any of them
/// is refused naming that field, and tabs and new lines are kept.
#[cfg(test)]
mod forms_refuse_controls {
    use crate::conversations::ConversationForm;
    use crate::fields::FieldForm;
    use crate::interviews::InterviewForm;
    use crate::organizations::OrganizationForm;
    use crate::people::PersonForm;

    fn names_field<T>(r: Result<T, crate::FieldErrors>, field: &str) {
        match r {
            Ok(_) => panic!("{field}: a NUL was accepted"),
            Err(e) => assert!(e.for_field(field).is_some(), "{field}: {e:?}"),
        }
    }

    #[test]
    fn each_free_text_field() {
        let bad = "a\0b";
        let person = PersonForm {
            name: "Ada".into(),
            notes: bad.into(),
            ..PersonForm::default()
        };
        names_field(person.validate(), "notes");
        for field in ["directions", "notes"] {
            let mut f = InterviewForm {
                person_id: "p".into(),
                ..InterviewForm::default()
            };
            match field {
                "directions" => f.directions = bad.into(),
                _ => f.notes = bad.into(),
            }
            names_field(f.validate(), field);
        }
        for field in [
            "products",
            "entry_level_jobs",
            "hiring_procedure",
            "values",
            "outlook",
            "notes",
        ] {
            let mut f = OrganizationForm::named("Acme");
            match field {
                "products" => f.products = bad.into(),
                "entry_level_jobs" => f.entry_level_jobs = bad.into(),
                "hiring_procedure" => f.hiring_procedure = bad.into(),
                "values" => f.values = bad.into(),
                "outlook" => f.outlook = bad.into(),
                _ => f.notes = bad.into(),
            }
            names_field(f.validate(), field);
        }
        for field in [
            "fit_interests",
            "fit_abilities",
            "fit_values",
            "fit_skills",
            "notes",
        ] {
            let mut f = FieldForm {
                title: "Nursing".into(),
                ..FieldForm::default()
            };
            match field {
                "fit_interests" => f.fit.interests = bad.into(),
                "fit_abilities" => f.fit.abilities = bad.into(),
                "fit_values" => f.fit.values = bad.into(),
                "fit_skills" => f.fit.skills = bad.into(),
                _ => f.notes = bad.into(),
            }
            names_field(f.validate(), field);
        }
        let c = ConversationForm {
            who: "A stranger".into(),
            learned: bad.into(),
            ..ConversationForm::default()
        };
        names_field(c.validate(chrono::NaiveDate::MIN), "learned");
        let letter = crate::letters::TemplateForm {
            name: "Mine".into(),
            purpose: "introduction".into(),
            channel: "letter".into(),
            body: bad.into(),
            ..Default::default()
        };
        names_field(letter.validate(), "body");
        let sent = crate::correspondence::ContactForm {
            person_id: "p".into(),
            channel: "letter".into(),
            direction: "out".into(),
            purpose: "introduction".into(),
            outcome: "sent".into(),
            body: bad.into(),
            ..Default::default()
        };
        names_field(sent.validate(chrono::DateTime::UNIX_EPOCH), "body");
        for field in [
            "learned_positive",
            "learned_negative",
            "fit_with_self",
            "still_to_learn",
            "plan_of_action",
        ] {
            let mut r = crate::reflections::ReflectionForm::default();
            match field {
                "learned_positive" => r.learned_positive = bad.into(),
                "learned_negative" => r.learned_negative = bad.into(),
                "fit_with_self" => r.fit_with_self = bad.into(),
                "still_to_learn" => r.still_to_learn = bad.into(),
                _ => r.plan_of_action = bad.into(),
            }
            names_field(r.validate(), field);
        }
        let mut org = OrganizationForm::named("Acme");
        org.research = vec![("website".into(), bad.into())];
        names_field(org.validate(), "research");
        for field in [
            "interests",
            "goals",
            "signature_address",
            "answer_3",
            "signature_name",
        ] {
            let mut p = crate::profile::Profile::default();
            match field {
                "interests" => p.interests = bad.into(),
                "goals" => p.goals = bad.into(),
                "signature_address" => p.signature_address = bad.into(),
                "answer_3" => p.answers[3] = bad.into(),
                _ => p.signature_name = "Ada\nLovelace".into(),
            }
            names_field(p.validate(), field);
        }

        let kept = PersonForm {
            name: "Ada".into(),
            notes: "one\ttwo\r\nthree".into(),
            ..PersonForm::default()
        };
        assert_eq!(kept.validate().unwrap().notes, "one\ttwo\nthree");
    }
}
