//! The letter linter against letters it has never seen: 32 that ask for a
//! job in varied words and 32 that use the same words innocently, written
//! for this test by someone who had not read the linter, and four innocent
//! ones a review found flagged (the first line of each file says why it is
//! what it is).

#![allow(clippy::unwrap_used)]

use rapport_core::correspondence::Purpose;
use rapport_core::linter::{Rule, lint};
use std::path::Path;

fn letters(folder: &str) -> Vec<(String, String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/letters")
        .join(folder);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let (why, body) = text.split_once('\n').unwrap();
            (p.display().to_string(), why.to_owned(), body.to_owned())
        })
        .collect()
}

fn job_asks(body: &str) -> Vec<String> {
    lint(body, Purpose::Introduction)
        .into_iter()
        .filter(|f| f.rule == Rule::JobPitch)
        .map(|f| f.words)
        .collect()
}

#[test]
fn every_letter_that_asks_for_a_job_is_flagged_naming_the_words() {
    let flagged = letters("flagged");
    assert!(flagged.len() >= 30, "{} letters", flagged.len());
    let mut missed = Vec::new();
    for (file, why, body) in &flagged {
        let words = job_asks(body);
        if words.is_empty() {
            missed.push(format!("{file}: {why}"));
        }
        for w in &words {
            assert!(
                !w.trim().is_empty() && body.contains(w.as_str()),
                "{file}: {w:?}"
            );
        }
    }
    assert!(missed.is_empty(), "not flagged:\n{}", missed.join("\n"));
}

#[test]
fn no_letter_that_only_uses_the_words_is_flagged() {
    let passing = letters("passing");
    assert!(passing.len() >= 30, "{} letters", passing.len());
    let wrong: Vec<String> = passing
        .iter()
        .filter_map(|(file, why, body)| {
            let words = job_asks(body);
            (!words.is_empty()).then(|| format!("{file} ({why}): {words:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "flagged wrongly:\n{}", wrong.join("\n"));
}
