//! Letters written for the linter: ten it must flag, five it must pass.

use super::*;
use crate::correspondence::Purpose::{Introduction, KeepInTouch, ThankYou};
use proptest::prelude::*;

const SIGNATURE: &str = "Sincerely,\n\nSam Rivera\n1200 Center St NE, Salem, OR 97301\n503-555-0199\nsam.rivera@mail.example";

fn rules(text: &str, purpose: Purpose) -> Vec<Rule> {
    lint(text, purpose).into_iter().map(|f| f.rule).collect()
}

fn finding(text: &str, purpose: Purpose, rule: Rule) -> Finding {
    lint(text, purpose)
        .into_iter()
        .find(|f| f.rule == rule)
        .unwrap_or_else(|| panic!("no {rule:?} in: {text}"))
}

#[test]
fn flags_asking_for_a_job() {
    let letter = format!(
        "Dear Ms. Ruiz,\n\nI am looking for a job in nursing and would like to meet for 20 minutes.\n\n{SIGNATURE}"
    );
    let f = finding(&letter, Introduction, Rule::JobPitch);
    assert_eq!(f.words, "looking for a job");
    assert!(f.reason.contains("never for a job"));
}

#[test]
fn flags_an_opening_and_a_position() {
    let letter = format!(
        "Dear Mr. Bennett,\n\nDo you have any openings? I would like to talk for 20–30 minutes about a Position in your team.\n\n{SIGNATURE}"
    );
    let words: Vec<String> = lint(&letter, Introduction)
        .into_iter()
        .filter(|f| f.rule == Rule::JobPitch)
        .map(|f| f.words)
        .collect();
    assert_eq!(words, vec!["any openings", "a Position"]);
}

#[test]
fn flags_an_attached_resume_asking_for_work() {
    let letter = format!(
        "Dear Dr. Nair,\n\nAttached is my résumé. Please consider me for your team. Could we talk for 25 minutes?\n\n{SIGNATURE}"
    );
    let words: Vec<String> = lint(&letter, Introduction)
        .into_iter()
        .filter(|f| f.rule == Rule::JobPitch)
        .map(|f| f.words)
        .collect();
    assert_eq!(words, vec!["Attached is my résumé", "consider me for"]);
}

#[test]
fn flags_an_application() {
    let letter = format!(
        "Dear Hiring Manager,\n\nI would like to apply for the analyst role, and I hope we can meet for 20 minutes.\n\n{SIGNATURE}"
    );
    assert_eq!(
        finding(&letter, Introduction, Rule::JobPitch).words,
        "apply for"
    );
}

#[test]
fn flags_a_missing_time_request() {
    let letter = format!(
        "Dear Ms. Okafor,\n\nI am researching careers in data analysis and would love to learn about your work. Could we meet?\n\n{SIGNATURE}"
    );
    let f = finding(&letter, Introduction, Rule::NoTimeRequest);
    assert!(f.reason.contains("20–30 minutes"));
}

#[test]
fn flags_a_long_time_request() {
    let letter = format!(
        "Dear Mr. Silva,\n\nCould we meet for an hour next week to talk about your field?\n\n{SIGNATURE}"
    );
    let f = finding(&letter, Introduction, Rule::LongTimeRequest);
    assert_eq!(f.words, "an hour");
    let letter =
        format!("Dear Mr. Silva,\n\nCould we meet for 45 minutes next week?\n\n{SIGNATURE}");
    assert_eq!(
        finding(&letter, Introduction, Rule::LongTimeRequest).words,
        "45 minutes"
    );
}

#[test]
fn flags_unfilled_merge_fields_and_placeholders() {
    let letter = "Dear {{person.name}},\n\nThank you for talking with me. I especially appreciated [what you found most useful].\n\nWith thanks,\n\nSam Rivera\n1200 Center St NE, Salem, OR 97301\n503-555-0199";
    let words: Vec<String> = lint(letter, ThankYou)
        .into_iter()
        .filter(|f| f.rule == Rule::Unfilled)
        .map(|f| f.words)
        .collect();
    assert_eq!(
        words,
        vec!["{{person.name}}", "[what you found most useful]"]
    );
}

#[test]
fn flags_a_repeated_word() {
    let letter = format!(
        "Dear Ms. Tanaka,\n\nI would like to learn about the the work you do, in about 20 minutes.\n\n{SIGNATURE}"
    );
    assert_eq!(
        finding(&letter, Introduction, Rule::RepeatedWord).words,
        "the the"
    );
}

#[test]
fn flags_a_thank_you_without_address_or_phone() {
    let letter = "Dear Dana,\n\nThank you for your time on Tuesday. Your advice about portfolios was just what I needed.\n\nWith thanks,\n\nSam Rivera\nsam.rivera@mail.example";
    let f = finding(letter, ThankYou, Rule::SignatureContact);
    assert!(
        f.reason.contains("your address and your phone number"),
        "{}",
        f.reason
    );
    let with_phone = "Dear Dana,\n\nThank you.\n\nBest,\nSam Rivera\n503-555-0199";
    let f = finding(with_phone, ThankYou, Rule::SignatureContact);
    assert!(
        f.reason.contains("your address") && !f.reason.contains("phone"),
        "{}",
        f.reason
    );
}

#[test]
fn flags_a_letter_longer_than_a_page() {
    let paragraph = "I have been thinking about the many ways a career in public health could suit my interests and values. ";
    let letter = format!(
        "Dear Ms. Walsh,\n\n{}\n\nCould we talk for 20 minutes?\n\n{SIGNATURE}",
        paragraph.repeat(25)
    );
    let f = finding(&letter, Introduction, Rule::TooLong);
    assert!(
        f.words.starts_with("4") || f.words.starts_with("5"),
        "{}",
        f.words
    );
}

#[test]
fn passes_the_builtin_introduction_once_filled() {
    let values = crate::letters::MergeValues {
        person_name: "Ada Lovelace".into(),
        organization: "Analytical Engines".into(),
        field: "software development".into(),
        my_name: "Sam Rivera".into(),
        my_phone: "503-555-0199".into(),
        my_address: "1200 Center St NE, Salem, OR 97301".into(),
        ..Default::default()
    };
    for b in crate::letters::BUILTINS {
        let text = crate::letters::merge(b.body, &values);
        let found: Vec<Rule> = rules(&text, b.purpose)
            .into_iter()
            .filter(|r| *r != Rule::Unfilled)
            .collect();
        assert!(found.is_empty(), "{}: {found:?}", b.key);
    }
}

#[test]
fn passes_clean_letters() {
    let clean = [
        (format!("Dear Ms. Ruiz,\n\nI am researching careers in nursing. Would you be willing to talk with me for about 20–30 minutes about your job and how you entered the field?\n\n{SIGNATURE}"), Introduction),
        (format!("Dear Mr. Bennett,\n\nCharles Babbage suggested I contact you. Could I have twenty minutes of your time to learn about logistics software?\n\n{SIGNATURE}"), Introduction),
        (format!("Dear Dr. Nair,\n\nI would be grateful for half an hour to hear how you chose public health.\n\n{SIGNATURE}"), Introduction),
        ("Dear Dana,\n\nThank you for talking with me on Tuesday. Your tip about volunteering at the clinic was generous.\n\nWith thanks,\n\nSam Rivera\n1200 Center St NE\nSalem, OR 97301\n(503) 555-0199".to_owned(), ThankYou),
        ("Dear Marcus,\n\nYou suggested I take a SQL course; I finished it last month. Thank you again for your advice.\n\nBest regards,\n\nSam".to_owned(), KeepInTouch),
    ];
    for (letter, purpose) in clean {
        assert!(
            lint(&letter, purpose).is_empty(),
            "{:?} for: {letter}",
            lint(&letter, purpose)
        );
    }
}

/// Asks that stay asks whatever words stand around them.
const ASKS: [&str; 10] = [
    "applying for the junior analyst role",
    "please hire me",
    "any open positions",
    "consider me for",
    "looking for a job",
    "a job at your company",
    "my application",
    "job openings",
    "attached is my résumé",
    "refer me to hr",
];

proptest! {
    #[test]
    fn never_panics(text in "\\PC{0,600}", p in 0usize..6) {
        let purpose = Purpose::ALL[p];
        for f in lint(&text, purpose) {
            prop_assert!(!f.reason.is_empty());
        }
    }

    #[test]
    fn a_job_ask_is_always_found(prefix in "[a-z ]{0,40}", suffix in "[a-z ]{0,40}", i in 0usize..ASKS.len()) {
        let text = format!("{prefix} {} {suffix}", ASKS[i]);
        prop_assert!(lint(&text, Purpose::Other).iter().any(|f| f.rule == Rule::JobPitch), "{}", text);
    }
}

#[test]
fn every_hour_is_read_and_only_whole_words() {
    let both = "Dear Ms. Walsh,\n\nCould we talk for half an hour, or an hour if you prefer?\n\nSincerely,\nSam";
    assert_eq!(
        finding(both, Introduction, Rule::LongTimeRequest).words,
        "an hour"
    );
    let hourly = "Dear Ms. Walsh,\n\nI know your hourly work is busy; could we talk for 20 minutes?\n\nSincerely,\nSam";
    assert!(!rules(hourly, Introduction).contains(&Rule::LongTimeRequest));
}

#[test]
fn a_long_run_of_phrases_is_checked_quickly() {
    // Thousands of overlapping asks are sorted and merged once, not
    // compared pairwise: one run of them is one finding.
    let text = "vacancy ".repeat(20_000);
    let asks: Vec<Finding> = lint(&text, Purpose::Other)
        .into_iter()
        .filter(|f| f.rule == Rule::JobPitch)
        .collect();
    assert_eq!(asks.len(), 1);
    assert_eq!(asks[0].words.len(), text.trim_end().len());
}
