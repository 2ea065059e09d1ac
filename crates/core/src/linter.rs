//! The letter linter: what the method warns against, found before a letter
//! is sent. Each finding names the words and the reason in plain language;
//! the user may send anyway.

use crate::correspondence::Purpose;
use serde::Serialize;

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// Asking for a job, an opening, a position, an application.
    JobPitch,
    /// No request for a short, specific amount of time.
    NoTimeRequest,
    /// A request for more than 30 minutes.
    LongTimeRequest,
    /// A merge field or placeholder still to be filled.
    Unfilled,
    /// The same word twice in a row.
    RepeatedWord,
    /// A thank-you without your address or phone under the signature.
    SignatureContact,
    /// Longer than a page.
    TooLong,
}

/// One problem found in a letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// What kind of problem.
    pub rule: Rule,
    /// The words concerned, as written.
    pub words: String,
    /// Why it matters, in plain language.
    pub reason: String,
}

const WORDS_PER_PAGE: usize = 400;
const LINES_PER_PAGE: usize = 50;

/// Lower case, straight quotes, accents dropped from résumé, runs of spaces
/// made one: the form phrases are compared in. Keeps a map back to the text.
fn normalise(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let mut last_space = true;
    for (i, c) in text.char_indices() {
        let c = match c {
            'é' | 'É' => 'e',
            '’' | '‘' => '\'',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        for l in c.to_lowercase() {
            out.push(l);
            // One entry per byte, so byte offsets in the result map back.
            origin.extend(std::iter::repeat_n(i, l.len_utf8()));
        }
    }
    (out, origin)
}

/// The original words behind a match in the normalised text.
fn original(text: &str, origin: &[usize], start: usize, len: usize) -> String {
    let from = origin[start];
    let to_char = origin[start + len - 1];
    let to = to_char + text[to_char..].chars().next().map_or(1, char::len_utf8);
    text[from..to].to_owned()
}

fn is_word_boundary(s: &str, at: usize) -> bool {
    s[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn ends_at_boundary(s: &str, end: usize) -> bool {
    s[end..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

fn job_pitch(text: &str, findings: &mut Vec<Finding>) {
    for (start, end) in job_pitch::spans(text) {
        findings.push(Finding {
            rule: Rule::JobPitch,
            words: text[start..end].to_owned(),
            reason: "This asks for a job. An informational letter is a cover letter without the job pitch: ask for information and advice, never for a job.".into(),
        });
    }
}

fn number(word: &str) -> Option<u32> {
    word.parse().ok().or(match word {
        "five" => Some(5),
        "ten" => Some(10),
        "fifteen" => Some(15),
        "twenty" => Some(20),
        "thirty" => Some(30),
        "forty" => Some(40),
        "fifty" => Some(50),
        "sixty" => Some(60),
        "ninety" => Some(90),
        _ => None,
    })
}

/// The minutes asked for, with the words that ask: the largest number written
/// before "minutes" ("20–30 minutes", "twenty minutes"), 30 for "half an
/// hour", 60 for "an hour".
fn minutes_asked(text: &str) -> Option<(u32, String)> {
    let (norm, origin) = normalise(text);
    let mut tokens: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in norm.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                tokens.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push((s, norm.len()));
    }
    let word = |t: (usize, usize)| &norm[t.0..t.1];
    let mut best: Option<(u32, String)> = None;
    let mut consider = |n: u32, from: usize, to: usize| {
        if best.as_ref().is_none_or(|(b, _)| n > *b) {
            best = Some((n, original(text, &origin, from, to - from)));
        }
    };
    for (k, t) in tokens.iter().enumerate() {
        if !matches!(word(*t), "min" | "mins" | "minute" | "minutes") {
            continue;
        }
        let mut first = None;
        let mut largest = None;
        for j in (0..k).rev() {
            let w = word(tokens[j]);
            if let Some(n) = number(w) {
                largest = largest.max(Some(n));
                first = Some(tokens[j].0);
            } else if !matches!(w, "to" | "or" | "and") || first.is_none() {
                break;
            }
        }
        if let (Some(n), Some(from)) = (largest, first) {
            consider(n, from, t.1);
        }
    }
    for (phrase, n) in [
        ("half an hour", 30),
        ("half-hour", 30),
        ("half hour", 30),
        ("an hour", 60),
        ("one hour", 60),
        ("two hours", 120),
    ] {
        for (at, _) in norm.match_indices(phrase) {
            let end = at + phrase.len();
            if is_word_boundary(&norm, at)
                && ends_at_boundary(&norm, end)
                && !(phrase == "an hour" && norm[..at].ends_with("half "))
            {
                consider(n, at, end);
            }
        }
    }
    best
}

fn time_request(text: &str, findings: &mut Vec<Finding>) {
    match minutes_asked(text) {
        None => findings.push(Finding {
            rule: Rule::NoTimeRequest,
            words: String::new(),
            reason: "Ask for a specific, short amount of time: about 20–30 minutes. People say yes more easily to a small request.".into(),
        }),
        Some((n, words)) if n > 30 => findings.push(Finding {
            rule: Rule::LongTimeRequest,
            words,
            reason: format!("This asks for {n} minutes. The method asks for 20–30 minutes, and to stick to the limit."),
        }),
        Some(_) => {}
    }
}

fn unfilled(text: &str, findings: &mut Vec<Finding>) {
    let mut found: Vec<String> = Vec::new();
    for (open, close) in [("{{", "}}"), ("[", "]")] {
        let mut rest = text;
        while let Some(start) = rest.find(open) {
            let after = &rest[start + open.len()..];
            let Some(end) = after.find(close) else { break };
            let inner = &after[..end];
            if inner.chars().any(char::is_alphabetic) && !inner.contains('\n') {
                found.push(format!("{open}{inner}{close}"));
            }
            rest = &after[end + close.len()..];
        }
    }
    if text.contains("___") {
        found.push("___".into());
    }
    for words in found {
        findings.push(Finding {
            rule: Rule::Unfilled,
            reason: "This still needs to be filled in before the letter goes out.".into(),
            words,
        });
    }
}

fn repeated_words(text: &str, findings: &mut Vec<Finding>) {
    let mut previous: Option<&str> = None;
    for word in text
        .split(|c: char| !(c.is_alphabetic() || c == '\''))
        .filter(|w| !w.is_empty())
    {
        if let Some(p) = previous
            && p.eq_ignore_ascii_case(word)
            && p.chars().count() > 1
        {
            findings.push(Finding {
                rule: Rule::RepeatedWord,
                words: format!("{p} {word}"),
                reason: "The same word twice in a row: proofread all correspondence.".into(),
            });
        }
        previous = Some(word);
    }
}

const CLOSINGS: [&str; 11] = [
    "sincerely",
    "thank you",
    "thanks",
    "with thanks",
    "best",
    "best regards",
    "regards",
    "kind regards",
    "yours",
    "warmly",
    "gratefully",
];

fn signature_contact(text: &str, findings: &mut Vec<Finding>) {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let closing = lines.iter().rposition(|l| {
        let l = l.trim_end_matches([',', '.', '!']).to_lowercase();
        CLOSINGS.contains(&l.as_str())
    });
    let signature: &[&str] = match closing {
        Some(i) => &lines[i + 1..],
        None => &lines[lines.len().saturating_sub(5)..],
    };
    let phone = signature.iter().any(|l| {
        let digits = l.chars().filter(char::is_ascii_digit).count();
        (7..=15).contains(&digits)
            && l.chars()
                .all(|c| c.is_ascii_digit() || " +-().x:".contains(c) || c.is_alphabetic())
            && !l.contains('@')
    });
    let address = signature.iter().any(|l| {
        let has_digit = l.chars().any(|c| c.is_ascii_digit());
        let lower = format!(" {} ", l.to_lowercase().replace([',', '.'], " "));
        let street = [
            " st ", " street ", " ave ", " avenue ", " rd ", " road ", " blvd ", " lane ", " ln ",
            " dr ", " drive ", " way ", " apt ", " suite ", " po box ",
        ]
        .iter()
        .any(|w| lower.contains(w));
        let zip = l.split(|c: char| !c.is_ascii_digit()).any(|d| d.len() == 5);
        has_digit && (street || zip) && !l.contains('@')
    });
    let mut missing = Vec::new();
    if !address {
        missing.push("your address");
    }
    if !phone {
        missing.push("your phone number");
    }
    if !missing.is_empty() {
        findings.push(Finding {
            rule: Rule::SignatureContact,
            words: signature.join(" / "),
            reason: format!(
                "Put {} under your signature: a thank-you note is also how they remember and reach you.",
                missing.join(" and ")
            ),
        });
    }
}

fn length(text: &str, findings: &mut Vec<Finding>) {
    let words = text.split_whitespace().count();
    let lines = text.lines().count();
    if words > WORDS_PER_PAGE || lines > LINES_PER_PAGE {
        findings.push(Finding {
            rule: Rule::TooLong,
            words: format!("{words} words, {lines} lines"),
            reason: "This runs longer than a page. Keep it to a few short paragraphs; they are busy people.".into(),
        });
    }
}

/// Checks a letter (or script) written for `purpose`.
pub fn lint(text: &str, purpose: Purpose) -> Vec<Finding> {
    let mut findings = Vec::new();
    job_pitch(text, &mut findings);
    if purpose == Purpose::Introduction {
        time_request(text, &mut findings);
    }
    unfilled(text, &mut findings);
    repeated_words(text, &mut findings);
    if purpose == Purpose::ThankYou {
        signature_contact(text, &mut findings);
    }
    length(text, &mut findings);
    findings
}

mod job_pitch;

#[cfg(test)]
mod tests;
