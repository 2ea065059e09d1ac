//! People as CSV and as vCard 4.0, for other tools.

use crate::people::Person;

/// A CSV cell: quoted when needed, and made inert when a spreadsheet would
/// read it as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a CR).
pub fn csv_cell(value: &str) -> String {
    let inert = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if inert.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", inert.replace('"', "\"\""))
    } else {
        inert
    }
}

/// The columns of the people CSV.
pub const CSV_HEADER: [&str; 13] = [
    "Name",
    "Organization",
    "Title",
    "Emails",
    "Phones",
    "Links",
    "Tags",
    "Source",
    "Can hire",
    "Referred by",
    "Connected on",
    "Stay in touch",
    "Notes",
];

/// People as CSV (CRLF line ends, one row each).
pub fn people_csv(people: &[Person]) -> String {
    let mut out = CSV_HEADER.join(",");
    out.push_str("\r\n");
    for p in people {
        let cells = [
            p.name.clone(),
            p.organization
                .as_ref()
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            p.title.clone().unwrap_or_default(),
            p.emails.join("; "),
            p.phones.join("; "),
            p.links.join("; "),
            p.tags.join("; "),
            p.source.label().to_owned(),
            if p.hiring_authority {
                "yes".into()
            } else {
                "no".into()
            },
            p.referred_by
                .as_ref()
                .map(|r| r.name.clone())
                .unwrap_or_default(),
            p.connected_on.map(|d| d.to_string()).unwrap_or_default(),
            if p.stay_in_touch {
                "yes".into()
            } else {
                "no".into()
            },
            p.notes.clone(),
        ];
        out.push_str(
            &cells
                .iter()
                .map(|c| csv_cell(c))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    out
}

fn escape(text: &str) -> String {
    crate::ical::escape(text)
}

/// Folds a content line at 75 octets.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// People as vCard 4.0 (RFC 6350).
pub fn people_vcard(people: &[Person]) -> String {
    let mut out = String::new();
    for p in people {
        let mut line = |l: String| fold(&l, &mut out);
        line("BEGIN:VCARD".into());
        line("VERSION:4.0".into());
        line(format!("FN:{}", escape(&p.name)));
        let mut words: Vec<&str> = p.name.split_whitespace().collect();
        let family = if words.len() > 1 {
            words.pop().unwrap_or_default()
        } else {
            ""
        };
        line(format!(
            "N:{};{};;;",
            escape(family),
            escape(&words.join(" "))
        ));
        if let Some(o) = &p.organization {
            line(format!("ORG:{}", escape(&o.name)));
        }
        if let Some(t) = &p.title {
            line(format!("TITLE:{}", escape(t)));
        }
        for e in &p.emails {
            line(format!("EMAIL:{}", escape(e)));
        }
        for t in &p.phones {
            let uri: String = t
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+' || *c == '-')
                .collect();
            line(format!("TEL;VALUE=uri:tel:{uri}"));
        }
        for u in &p.links {
            line(format!("URL:{}", escape(u)));
        }
        if !p.tags.is_empty() {
            line(format!(
                "CATEGORIES:{}",
                p.tags
                    .iter()
                    .map(|t| escape(t))
                    .collect::<Vec<_>>()
                    .join(",")
            ));
        }
        if !p.notes.is_empty() {
            line(format!("NOTE:{}", escape(&p.notes)));
        }
        line(format!("UID:urn:uuid:{}", p.id));
        line("END:VCARD".into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Format, parse};
    use crate::people::{Ref, Source};
    use chrono::Utc;

    fn person(name: &str, notes: &str) -> Person {
        Person {
            id: "0190aaaa-0000-7000-8000-000000000001".into(),
            name: name.into(),
            organization: Some(Ref {
                id: "o".into(),
                name: "Analytical Engines, Ltd".into(),
            }),
            title: Some("Engineering Manager".into()),
            emails: vec!["ada@engines.example".into()],
            phones: vec!["+44 20 7946 0958".into()],
            links: vec![],
            notes: notes.into(),
            tags: vec!["mentor".into()],
            source: Source::CoWorker,
            hiring_authority: true,
            referred_by: None,
            may_name_referrer: false,
            business_card: false,
            stay_in_touch: true,
            cadence_days: None,
            connected_on: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn formulas_are_made_inert() {
        for bad in [
            "=HYPERLINK(\"x\")",
            "+1 555",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert!(
                csv_cell(bad).trim_start_matches('"').starts_with('\''),
                "{bad}: {}",
                csv_cell(bad)
            );
        }
        assert_eq!(csv_cell("a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(csv_cell("plain"), "plain");
    }

    #[test]
    fn the_csv_has_one_row_per_person() {
        let csv = people_csv(&[person("Ada Lovelace", "=cmd|' /C calc'!A0")]);
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[1].contains("\"Analytical Engines, Ltd\""));
        assert!(lines[1].ends_with("'=cmd|' /C calc'!A0"), "{}", lines[1]);
    }

    #[test]
    fn vcards_read_back_with_rapports_own_reader() {
        let cards = people_vcard(&[
            person("Ada King Lovelace", "Likes; engines,\nand poetry"),
            person("Grace", ""),
        ]);
        let parsed = parse(&cards, Format::VCard);
        assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
        let ada = &parsed.records[0];
        assert_eq!(ada.person.name.as_str(), "Ada King Lovelace");
        assert_eq!(ada.organization.as_deref(), Some("Analytical Engines, Ltd"));
        assert_eq!(ada.person.notes, "Likes; engines,\nand poetry");
        assert_eq!(ada.person.phones[0].as_str(), "+442079460958");
        assert_eq!(parsed.records[1].person.name.as_str(), "Grace");
    }
}
