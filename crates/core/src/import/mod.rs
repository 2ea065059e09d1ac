//! Reading contacts from other tools: LinkedIn `Connections.csv`, Google
//! Contacts CSV (current and legacy headers) and vCard 2.1, 3.0 and 4.0.
//!
//! Each parser reads the whole file and splits it into records itself, so a
//! broken record (an unbalanced quote, a missing `END:VCARD`) costs that
//! record only. Every record comes back either as a person to import or as a
//! rejection with its line number and the reason.

mod csv;
mod google;
mod linkedin;
mod vcard;

use crate::people::{PersonForm, PersonInput, Source};
use serde::Serialize;

/// The formats rapport reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// LinkedIn's `Connections.csv`.
    LinkedIn,
    /// Google Contacts CSV.
    Google,
    /// vCard (`.vcf`).
    VCard,
}

impl Format {
    /// Reads `linkedin`, `google` or `vcard` (`vcf`).
    pub fn parse(raw: &str) -> Result<Self, crate::FieldError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "linkedin" => Ok(Format::LinkedIn),
            "google" => Ok(Format::Google),
            "vcard" | "vcf" => Ok(Format::VCard),
            other => Err(crate::FieldError::new(
                "format",
                format!("\"{other}\" is not a format rapport reads; use linkedin, google or vcard"),
            )),
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Format::LinkedIn => "LinkedIn connections",
            Format::Google => "Google Contacts",
            Format::VCard => "vCard",
        }
    }

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::LinkedIn => "linkedin",
            Format::Google => "google",
            Format::VCard => "vcard",
        }
    }
}

/// Guesses the format from the text: vCards begin with `BEGIN:VCARD`;
/// LinkedIn's header has `Connected On`; Google's has `E-mail 1 - Value`.
pub fn detect(text: &str) -> Option<Format> {
    let head: String = text.chars().take(20_000).collect();
    let upper = head.to_ascii_uppercase();
    if upper.contains("BEGIN:VCARD") {
        Some(Format::VCard)
    } else if head.contains("Connected On") && head.contains("First Name") {
        Some(Format::LinkedIn)
    } else if head.contains("E-mail 1 - Value")
        || head.contains("Given Name")
        || head.contains("Organization Name")
    {
        Some(Format::Google)
    } else {
        None
    }
}

/// A person read from a file, with the organization named in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The line the record starts on (1-based).
    pub line: usize,
    /// The person, checked.
    pub person: PersonInput,
    /// The organization's name, to find or create.
    pub organization: Option<String>,
}

/// A record that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejected {
    /// The line the record starts on (1-based).
    pub line: usize,
    /// What was wrong, in words.
    pub reason: String,
}

/// The result of reading a file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    /// Good records, in file order.
    pub records: Vec<Record>,
    /// Bad records, in file order.
    pub rejected: Vec<Rejected>,
}

/// A record as read, before checking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Raw {
    pub line: usize,
    pub name: String,
    pub organization: String,
    pub title: String,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub links: Vec<String>,
    pub notes: String,
    pub tags: Vec<String>,
    pub source: Option<Source>,
    pub connected_on: String,
}

impl Parsed {
    /// Files every record whose file gave no source under `source` (a list
    /// from the career center, the alumni office…), so imported people do
    /// not all land as "Other".
    pub fn with_source(mut self, source: Source) -> Self {
        for r in &mut self.records {
            if r.person.source == Source::Other {
                r.person.source = source;
            }
        }
        self
    }

    /// Checks a raw record and files it as a record or a rejection.
    pub(crate) fn push(&mut self, raw: Raw) {
        let form = PersonForm {
            name: raw.name.clone(),
            hiring_authority: crate::people::title_suggests_hiring(&raw.title),
            title: raw.title,
            emails: raw.emails,
            phones: raw.phones,
            links: raw.links,
            notes: raw.notes,
            tags: raw.tags,
            source: raw.source.unwrap_or(Source::Other).as_str().to_owned(),
            connected_on: raw.connected_on,
            ..PersonForm::default()
        };
        match form.validate() {
            Ok(person) => {
                let org = one_line(&raw.organization);
                self.records.push(Record {
                    line: raw.line,
                    person,
                    organization: (!org.is_empty()).then_some(org),
                })
            }
            Err(errors) => self.rejected.push(Rejected {
                line: raw.line,
                reason: errors.to_string(),
            }),
        }
    }

    /// Why there is nothing to import, in one line, when the file gave no
    /// record at all (no header, no rows, or every row rejected): an import
    /// that writes nothing must say so rather than report success.
    pub fn nothing_to_import(&self) -> Option<String> {
        if !self.records.is_empty() {
            return None;
        }
        Some(match self.rejected.as_slice() {
            [] => "nothing to import: the file holds no records".to_owned(),
            [only] => format!("nothing to import: line {}: {}", only.line, only.reason),
            [first, ..] => format!(
                "nothing to import: all {} records were rejected, the first at line {}: {}",
                self.rejected.len(),
                first.line,
                first.reason
            ),
        })
    }

    pub(crate) fn reject(&mut self, line: usize, reason: impl Into<String>) {
        self.rejected.push(Rejected {
            line,
            reason: reason.into(),
        });
    }
}

/// An organization's name as one line: a name the file spreads over lines
/// (a quoted CSV cell, a vCard `\n`) or that holds control characters is
/// joined with spaces, as the organization form would need it, and kept to
/// the forms' 200 characters.
fn one_line(raw: &str) -> String {
    let joined = raw
        .split(char::is_control)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    joined
        .chars()
        .take(200)
        .collect::<String>()
        .trim_end()
        .to_owned()
}

/// Physical lines without their endings: CRLF, LF, and a lone CR (old Mac
/// files) each end a line, so no two records are ever read as one.
pub(crate) fn lines(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(&text[start..i]);
                i += 1;
                start = i;
            }
            b'\r' => {
                out.push(&text[start..i]);
                i += if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                start = i;
            }
            _ => i += 1,
        }
    }
    out.push(&text[start..]);
    out
}

/// A source category from a label such as a Google group or vCard category.
pub(crate) fn source_from_label(label: &str) -> Option<Source> {
    let key: String = label
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    match key.as_str() {
        "friend" | "friends" => Some(Source::Friend),
        "coworker" | "coworkers" | "colleague" | "colleagues" | "work" => Some(Source::CoWorker),
        "classmate" | "classmates" | "fellowstudent" | "fellowstudents" => {
            Some(Source::FellowStudent)
        }
        "neighbor" | "neighbors" | "neighbour" | "neighbours" => Some(Source::Neighbor),
        "alumni" | "alumnus" | "alumna" => Some(Source::AlumniOffice),
        _ => Source::parse(label).ok(),
    }
}

/// Reads `text` as `format`. Never panics, whatever the input.
pub fn parse(text: &str, format: Format) -> Parsed {
    // Any number of byte-order marks: files passed through several tools
    // can gain one each time.
    let text = text.trim_start_matches('\u{feff}');
    match format {
        Format::LinkedIn => linkedin::parse(text),
        Format::Google => google::parse(text),
        Format::VCard => vcard::parse(text),
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod line_endings;

/// A file's bytes as text: UTF-8 (with or without a byte-order mark), or
/// Latin-1 when it is not valid UTF-8, as older exports are.
pub fn text_from_bytes(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => bytes.iter().map(|b| char::from(*b)).collect(),
    }
}
