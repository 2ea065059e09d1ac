//! The import fixtures (written for rapport, in `crates/core/fixtures/import`)
//! and property tests: one corruption costs at most the record it hits.

use super::*;
use crate::people::Source;
use proptest::prelude::*;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../../fixtures/import/", $name))
    };
}

/// An independent count of the records in a file: data lines after the
/// header for CSV (the fixtures keep each record on one line), BEGIN lines
/// for vCard.
fn prescan(text: &str, format: Format) -> usize {
    match format {
        Format::VCard => text
            .lines()
            .filter(|l| l.trim().eq_ignore_ascii_case("BEGIN:VCARD"))
            .count(),
        _ => {
            let lines: Vec<&str> = text.lines().collect();
            let header = lines
                .iter()
                .position(|l| {
                    l.trim_start_matches('\u{feff}').starts_with("First Name")
                        || l.starts_with("Name,")
                })
                .unwrap();
            lines[header + 1..]
                .iter()
                .filter(|l| !l.trim().is_empty())
                .count()
        }
    }
}

fn check_accounting(text: &str, format: Format) -> Parsed {
    let parsed = parse(text, format);
    assert_eq!(
        parsed.records.len() + parsed.rejected.len(),
        prescan(text, format),
        "{format:?}: {:?}",
        parsed.rejected
    );
    parsed
}

fn by_name<'a>(p: &'a Parsed, name: &str) -> &'a Record {
    p.records
        .iter()
        .find(|r| r.person.name.as_str() == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

#[test]
fn linkedin_with_preamble_bom_and_quotes() {
    let p = check_accounting(fixture!("linkedin.csv"), Format::LinkedIn);
    assert_eq!(p.records.len(), 8);
    assert!(p.rejected.is_empty());
    let ada = by_name(&p, "Ada Lovelace");
    assert_eq!(ada.line, 5);
    assert_eq!(ada.person.emails[0].as_str(), "ada@engines.example");
    assert_eq!(ada.organization.as_deref(), Some("Analytical Engines"));
    assert_eq!(ada.person.title.as_deref(), Some("Engineering Manager"));
    assert_eq!(ada.person.connected_on.unwrap().to_string(), "2024-03-15");
    assert_eq!(
        ada.person.links[0].as_str(),
        "https://www.linkedin.com/in/ada-lovelace"
    );
    let grace = by_name(&p, "Grace Hopper");
    assert!(grace.person.emails.is_empty());
    assert_eq!(
        grace.organization.as_deref(),
        Some("Navy Labs, Computing Division")
    );
    assert_eq!(grace.person.title.as_deref(), Some("Director, Compilers"));
    assert_eq!(
        by_name(&p, "Jonas Larsen").person.title.as_deref(),
        Some("Maintainer, \"Maps\" team")
    );
    assert_eq!(
        by_name(&p, "Tomás Álvarez")
            .person
            .connected_on
            .unwrap()
            .to_string(),
        "2025-12-01"
    );
    assert_eq!(detect(fixture!("linkedin.csv")), Some(Format::LinkedIn));
}

#[test]
fn linkedin_broken_rows_are_reported_and_the_rest_kept() {
    let p = check_accounting(fixture!("linkedin-broken.csv"), Format::LinkedIn);
    let names: Vec<&str> = p.records.iter().map(|r| r.person.name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Ada Lovelace",
            "Grace Hopper",
            "Katherine Johnson",
            "Jonas Larsen"
        ]
    );
    let lines: Vec<usize> = p.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![3, 5, 6, 7, 8, 10]);
    let reason = |line: usize| {
        p.rejected
            .iter()
            .find(|r| r.line == line)
            .unwrap()
            .reason
            .clone()
    };
    assert!(reason(3).contains("unbalanced quote"), "{}", reason(3));
    assert!(reason(5).contains("3 fields"), "{}", reason(5));
    assert!(reason(6).starts_with("emails:"), "{}", reason(6));
    assert!(reason(7).contains("not a date"), "{}", reason(7));
    assert!(reason(8).starts_with("name:"), "{}", reason(8));
    assert!(reason(10).contains("unbalanced quote"), "{}", reason(10));
}

#[test]
fn google_current_headers() {
    let text = fixture!("google.csv");
    assert_eq!(detect(text), Some(Format::Google));
    let p = check_accounting(text, Format::Google);
    assert_eq!(p.records.len(), 3);
    assert_eq!(p.rejected[0].line, 5);
    let dana = by_name(&p, "Dana Ruiz");
    let emails: Vec<&str> = dana.person.emails.iter().map(|e| e.as_str()).collect();
    assert_eq!(
        emails,
        vec!["dana@health.example", "dana.ruiz@mail.example"]
    );
    assert_eq!(dana.person.source, Source::Friend);
    assert_eq!(dana.person.tags, vec!["Friends"]);
    assert_eq!(dana.person.title.as_deref(), Some("Nurse Manager"));
    let marcus = by_name(&p, "Marcus J. Bennett");
    assert_eq!(marcus.person.phones.len(), 2);
    assert_eq!(marcus.person.source, Source::CoWorker);
    assert_eq!(marcus.person.links[0].as_str(), "https://marcus.example");
    assert_eq!(
        by_name(&p, "Olivia Walsh").person.notes,
        "Notes with a comma, and \"quotes\""
    );
}

#[test]
fn google_legacy_headers() {
    let p = check_accounting(fixture!("google-legacy.csv"), Format::Google);
    let aiko = by_name(&p, "Aiko Tanaka");
    assert_eq!(aiko.organization.as_deref(), Some("Lumen Learning"));
    assert_eq!(aiko.person.title.as_deref(), Some("Course Designer"));
    assert_eq!(aiko.person.source, Source::FellowStudent);
    assert_eq!(aiko.person.notes, "Loves maps");
    assert_eq!(by_name(&p, "Kwame Mensah").person.emails.len(), 2);
}

#[test]
fn vcards_of_every_version() {
    let text = fixture!("contacts.vcf");
    assert_eq!(detect(text), Some(Format::VCard));
    let p = check_accounting(text, Format::VCard);
    assert!(p.rejected.is_empty(), "{:?}", p.rejected);
    let tomas = by_name(&p, "Tomás Álvarez");
    assert_eq!(tomas.organization.as_deref(), Some("Cascade Freight"));
    assert_eq!(tomas.person.phones[0].as_str(), "+15035550120");
    assert_eq!(
        tomas.person.notes,
        "Met at the logistics meetup; wants to talk about route planning and über-long shifts"
    );
    let priya = by_name(&p, "Dr. Priya Nair");
    assert_eq!(
        priya.organization.as_deref(),
        Some("Willamette Health, Patient Apps")
    );
    assert_eq!(priya.person.emails[0].as_str(), "priya@health.example");
    assert_eq!(
        priya.person.notes,
        "Knows everyone in\nhealth tech, ask about ;mentoring"
    );
    assert_eq!(priya.person.tags, vec!["Friends", "Mentors"]);
    assert_eq!(priya.person.source, Source::Friend);
    let wei = by_name(&p, "Wei Zhang");
    assert_eq!(wei.person.phones[0].as_str(), "+1-503-555-0122");
    assert!(
        wei.person.notes.ends_with("about warehouse robots."),
        "{}",
        wei.person.notes
    );
    assert_eq!(wei.line, 25);
}

#[test]
fn broken_vcards_cost_one_card_each() {
    let p = check_accounting(fixture!("broken.vcf"), Format::VCard);
    let names: Vec<&str> = p.records.iter().map(|r| r.person.name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Ada Lovelace",
            "Grace Hopper",
            "Katherine Johnson",
            "Jonas Larsen"
        ]
    );
    let reasons: Vec<(usize, &str)> = p
        .rejected
        .iter()
        .map(|r| (r.line, r.reason.as_str()))
        .collect();
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    assert!(reasons[0].1.contains("no END:VCARD") && reasons[0].0 == 6);
    assert!(reasons.iter().any(|(_, r)| r.contains("no name")));
    assert!(reasons.iter().any(|(_, r)| r.starts_with("emails:")));
    assert!(reasons.iter().any(|(_, r)| r.contains("end of the file")));
}

#[test]
fn unknown_text_has_no_format() {
    assert_eq!(detect("hello, world\n1,2,3"), None);
    let p = parse("", Format::LinkedIn);
    assert_eq!(p.rejected.len(), 1);
    assert!(parse("", Format::VCard).records.is_empty());
}

fn linkedin_file(names: &[(String, String)]) -> (String, Vec<usize>) {
    let mut text =
        String::from("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n");
    let mut starts = Vec::new();
    for (i, (first, company)) in names.iter().enumerate() {
        starts.push(text.len());
        text.push_str(&format!(
            "{first},X{i},https://example.org/{i},p{i}@example.org,\"{company}, Inc\",Engineer,15 Mar 2024\r\n"
        ));
    }
    starts.push(text.len());
    (text, starts)
}

fn vcard_file(n: usize) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut starts = Vec::new();
    for i in 0..n {
        starts.push(text.len());
        text.push_str(&format!("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person X{i}\r\nEMAIL:p{i}@example.org\r\nNOTE:note\\, {i}\r\nEND:VCARD\r\n"));
    }
    starts.push(text.len());
    (text, starts)
}

/// The emails of the records that survive.
fn emails(p: &Parsed) -> Vec<String> {
    p.records
        .iter()
        .flat_map(|r| r.person.emails.iter().map(|e| e.as_str().to_owned()))
        .collect()
}

fn corrupt(text: &str, at: usize, kind: usize) -> String {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let mut out = text.to_owned();
    match kind {
        0 => out.insert(at, '"'),
        1 => out.insert(at, ','),
        2 => out.insert(at, '\n'),
        3 => out.insert_str(at, "\r\nBEGIN:VCARD\r\n"),
        _ => {
            if at < out.len() {
                out.remove(at);
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn one_corruption_costs_at_most_one_linkedin_record(
        names in proptest::collection::vec(("[A-Z][a-z]{1,8}", "[A-Z][a-z]{1,8}"), 2..25),
        pick in any::<prop::sample::Index>(),
        offset in 0usize..200,
        kind in 0usize..5,
    ) {
        let (text, starts) = linkedin_file(&names);
        let hit = pick.index(names.len());
        // Inside the record: its line ending belongs to the next one too.
        let at = (starts[hit] + offset).min(starts[hit + 1] - 3);
        let broken = corrupt(&text, at, kind);
        let got = emails(&parse(&broken, Format::LinkedIn));
        for i in (0..names.len()).filter(|i| *i != hit) {
            prop_assert!(got.contains(&format!("p{i}@example.org")), "lost record {} (hit {}) in:\n{}", i, hit, broken);
        }
    }

    #[test]
    fn one_corruption_costs_at_most_one_vcard(
        n in 2usize..20,
        pick in any::<prop::sample::Index>(),
        offset in 0usize..90,
        kind in 0usize..5,
    ) {
        let (text, starts) = vcard_file(n);
        let hit = pick.index(n);
        let at = (starts[hit] + offset).min(starts[hit + 1] - 3);
        let broken = corrupt(&text, at, kind);
        let got = emails(&parse(&broken, Format::VCard));
        for i in (0..n).filter(|i| *i != hit) {
            prop_assert!(got.contains(&format!("p{i}@example.org")), "lost card {} (hit {}) in:\n{}", i, hit, broken);
        }
    }

    #[test]
    fn parsers_never_panic(text in "\\PC{0,400}", format in 0usize..3) {
        let format = [Format::LinkedIn, Format::Google, Format::VCard][format];
        let _ = parse(&text, format);
        let _ = detect(&text);
    }
}

#[test]
fn a_huge_quoted_printable_value_is_read_in_linear_time() {
    let mut card = String::from(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Big Note\r\nNOTE;ENCODING=QUOTED-PRINTABLE:",
    );
    for _ in 0..20_000 {
        card.push_str("abcdefghij=\r\n");
    }
    card.push_str("end\r\nEND:VCARD\r\n");
    let p = parse(&card, Format::VCard);
    assert_eq!(p.records[0].person.notes.len(), 200_003);
}

#[test]
fn a_nul_in_one_card_costs_only_that_card() {
    let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nNOTE:a\0b\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana Ruiz\r\nEND:VCARD\r\n";
    let parsed = parse(text, Format::VCard);
    let names: Vec<&str> = parsed
        .records
        .iter()
        .map(|r| r.person.name.as_str())
        .collect();
    assert_eq!(names, vec!["Ada Lovelace", "Dana Ruiz"]);
    assert_eq!(parsed.rejected.len(), 1);
    assert_eq!(parsed.rejected[0].line, 5);
    assert!(
        parsed.rejected[0].reason.contains("notes"),
        "{:?}",
        parsed.rejected[0]
    );
}
