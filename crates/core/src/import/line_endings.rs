//! Line endings and byte-order marks: a lone CR (old Mac files) ends a line
//! as CRLF and LF do, any number of leading byte-order marks is skipped, and
//! a file that gives nothing to import says why.

use super::*;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../../fixtures/import/", $name))
    };
}

/// The same text with every line ending a lone CR.
fn cr_only(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', "\r")
}

fn names(p: &Parsed) -> Vec<&str> {
    p.records.iter().map(|r| r.person.name.as_str()).collect()
}

fn rejected_lines(p: &Parsed) -> Vec<usize> {
    p.rejected.iter().map(|r| r.line).collect()
}

#[test]
fn cr_only_files_read_as_their_lf_versions() {
    for (name, text, format) in [
        ("linkedin.csv", fixture!("linkedin.csv"), Format::LinkedIn),
        (
            "linkedin-broken.csv",
            fixture!("linkedin-broken.csv"),
            Format::LinkedIn,
        ),
        ("google.csv", fixture!("google.csv"), Format::Google),
        (
            "google-legacy.csv",
            fixture!("google-legacy.csv"),
            Format::Google,
        ),
        ("contacts.vcf", fixture!("contacts.vcf"), Format::VCard),
        ("broken.vcf", fixture!("broken.vcf"), Format::VCard),
    ] {
        let lf = parse(text, format);
        let cr = parse(&cr_only(text), format);
        assert!(!lf.records.is_empty(), "{name}");
        assert_eq!(names(&cr), names(&lf), "{name}");
        assert_eq!(rejected_lines(&cr), rejected_lines(&lf), "{name}");
        let lines = |p: &Parsed| p.records.iter().map(|r| r.line).collect::<Vec<_>>();
        assert_eq!(lines(&cr), lines(&lf), "{name}");
    }
}

#[test]
fn a_lone_cr_separates_linkedin_records() {
    let text = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\
                Ada,Lovelace,,ada@engines.example,Analytical Engines,Engineer,15 Mar 2024\r\
                Grace,Hopper,,,Navy Labs,Director,01 Jan 2025\r";
    let p = parse(text, Format::LinkedIn);
    assert_eq!(
        names(&p),
        vec!["Ada Lovelace", "Grace Hopper"],
        "{:?}",
        p.rejected
    );
    assert!(p.rejected.is_empty());
    assert_eq!(p.records[1].line, 3);
}

#[test]
fn a_lone_cr_separates_google_records() {
    let text = "First Name,Last Name,Organization Name,E-mail 1 - Value\r\
                Ada,Lovelace,Analytical Engines,ada@engines.example\r\
                Grace,Hopper,Navy Labs,grace@navy.example\r\
                Katherine,Johnson,NASA,\r";
    let p = parse(text, Format::Google);
    assert_eq!(p.records.len(), 3, "{:?}", p.rejected);
    assert!(p.rejected.is_empty());
}

#[test]
fn a_lone_cr_separates_vcards() {
    let text = "BEGIN:VCARD\rVERSION:3.0\rFN:Ada Lovelace\rEMAIL:ada@engines.example\rEND:VCARD\r\
                BEGIN:VCARD\rVERSION:3.0\rFN:Grace Hopper\rEND:VCARD\r";
    let p = parse(text, Format::VCard);
    assert_eq!(
        names(&p),
        vec!["Ada Lovelace", "Grace Hopper"],
        "{:?}",
        p.rejected
    );
    assert_eq!(
        p.records[0].person.emails[0].as_str(),
        "ada@engines.example"
    );
    assert_eq!(p.records[1].line, 6);
}

#[test]
fn any_number_of_byte_order_marks_is_skipped() {
    let body = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
                Ada,Lovelace,,,,,\n";
    for marks in 1..=3 {
        let mut bytes = "\u{feff}".repeat(marks).into_bytes();
        bytes.extend_from_slice(body.as_bytes());
        let text = text_from_bytes(&bytes);
        assert_eq!(detect(&text), Some(Format::LinkedIn));
        let p = parse(&text, Format::LinkedIn);
        assert_eq!(
            names(&p),
            vec!["Ada Lovelace"],
            "{marks} marks: {:?}",
            p.rejected
        );
        assert_eq!(p.nothing_to_import(), None);
    }
    let vcard = "\u{feff}\u{feff}BEGIN:VCARD\nFN:Ada Lovelace\nEND:VCARD\n";
    assert_eq!(parse(vcard, Format::VCard).records.len(), 1);
}

#[test]
fn an_organization_spread_over_lines_is_one_line() {
    let text = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
                Grace,Hopper,,,\"Navy Labs\nComputing\tDivision\",,\n";
    let p = parse(text, Format::LinkedIn);
    assert_eq!(
        p.records[0].organization.as_deref(),
        Some("Navy Labs Computing Division")
    );
    let long = format!("BEGIN:VCARD\nFN:Ada\nORG:{}\nEND:VCARD\n", "x".repeat(300));
    let org = parse(&long, Format::VCard).records[0].organization.clone();
    assert_eq!(org.map(|o| o.chars().count()), Some(200));
}

#[test]
fn a_file_with_nothing_to_import_says_why() {
    let headerless = parse("Ada,Lovelace\n", Format::LinkedIn);
    assert!(
        headerless
            .nothing_to_import()
            .is_some_and(|m| m.contains("no header line")),
        "{:?}",
        headerless.nothing_to_import()
    );
    let header_only = parse("First Name,Last Name\n\n", Format::LinkedIn);
    assert_eq!(
        header_only.nothing_to_import().as_deref(),
        Some("nothing to import: the file holds no records")
    );
    let all_bad = parse(
        "First Name,Last Name,Email Address\n,,\nAda,Lovelace,not-an-email\n",
        Format::LinkedIn,
    );
    let why = all_bad.nothing_to_import().unwrap();
    assert!(
        why.contains("all 2 records were rejected") && why.contains("line 2"),
        "{why}"
    );
    assert!(parse("", Format::VCard).nothing_to_import().is_some());
}
