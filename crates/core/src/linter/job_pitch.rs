//! Asking for a job, read as words rather than fixed phrases: the letter is
//! cut into sentences and words, each word reduced to a rough stem
//! ("applying", "applied" → "apply"; "openings" → "open"), and a sentence is
//! flagged when an asking verb stands near a job noun ("applying for the
//! junior analyst role", "any open positions"), when the reader is asked
//! whether they hire ("are you recruiting", "would you hire"), or when the
//! student offers themselves ("hire me", "consider me for", "pass my CV to
//! your hiring manager"). Innocent uses stay innocent: "what does your role
//! involve", "when you hire contractors", "the opening of your clinic", "the
//! vacancy rate".

/// One word of the letter: its lower-case form without apostrophes, its
/// stem, and where it stands in the text.
struct Word {
    text: String,
    stem: String,
    start: usize,
    end: usize,
}

/// Nouns of a job ask, as stems ("role" → "rol").
const JOB_NOUNS: [&str; 12] = [
    "job",
    "position",
    "rol",
    "open",
    "vacancy",
    "post",
    "internship",
    "employment",
    "opportunity",
    "placement",
    "contract",
    "candidacy",
];

/// Helping verbs of a question put to the reader ("would you hire").
const AUX: [&str; 10] = [
    "would", "will", "might", "could", "are", "is", "be", "am", "can", "may",
];

/// A rough English stem: enough to meet "applying", "applied" and "apply",
/// or "openings" and "opening", without a dictionary.
fn stem(word: &str) -> String {
    let mut w = word.to_owned();
    for _ in 0..2 {
        for (suffix, with) in [
            ("ies", "y"),
            ("ied", "y"),
            ("ing", ""),
            ("ed", ""),
            ("es", ""),
            ("s", ""),
        ] {
            if w.ends_with(suffix) && w.chars().count() >= suffix.len() + 3 {
                w.truncate(w.len() - suffix.len());
                w.push_str(with);
                // "referring" → "refer", "hopped" → "hop".
                let b = w.as_bytes();
                if matches!(suffix, "ing" | "ed")
                    && b.len() > 3
                    && b[b.len() - 1] == b[b.len() - 2]
                    && !b"aeiouls".contains(&b[b.len() - 1])
                {
                    w.pop();
                }
                break;
            }
        }
    }
    if w.ends_with('e') && w.len() > 3 {
        w.pop();
    }
    w
}

/// The letter's sentences, each a list of words; a sentence ends at
/// `. ! ? ; :` or a line break.
fn sentences(text: &str) -> Vec<Vec<Word>> {
    let mut out = Vec::new();
    let mut current: Vec<Word> = Vec::new();
    let mut word: Option<(usize, String)> = None;
    let finish = |word: &mut Option<(usize, String)>, current: &mut Vec<Word>, end: usize| {
        if let Some((start, w)) = word.take() {
            let text = w.replace('\'', "");
            current.push(Word {
                stem: stem(&text),
                text,
                start,
                end,
            });
        }
    };
    for (i, c) in text.char_indices() {
        let c = match c {
            'é' | 'É' => 'e',
            '’' | '‘' => '\'',
            c => c,
        };
        if c.is_alphanumeric() || (c == '\'' && word.is_some()) {
            let w = word.get_or_insert_with(|| (i, String::new()));
            w.1.extend(c.to_lowercase());
            continue;
        }
        finish(&mut word, &mut current, i);
        if matches!(c, '.' | '!' | '?' | ';' | ':' | '\n') && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    finish(&mut word, &mut current, text.len());
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The byte spans of every job ask in `text`, in order, overlaps merged.
pub(super) fn spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for s in sentences(text) {
        sentence(&s, &mut spans);
    }
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in spans {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// Words after a "hiring" that make it a topic, not an ask ("your hiring
/// process", "hiring managers look for").
const HIRING_TOPICS: [&str; 12] = [
    "process",
    "procedure",
    "procedures",
    "practices",
    "policy",
    "policies",
    "criteria",
    "manager",
    "managers",
    "decisions",
    "timeline",
    "cycle",
];

fn sentence(s: &[Word], spans: &mut Vec<(usize, usize)>) {
    let n = s.len();
    // Where the sentence last names someone who hires, worked out once so
    // that "pass my CV … to your hiring manager" costs one pass.
    let mut hiring_after = vec![false; n + 1];
    for k in (0..n).rev() {
        hiring_after[k] = hiring_after[k + 1]
            || matches!(
                s[k].text.as_str(),
                "hiring" | "hr" | "recruiter" | "recruiters" | "whoever" | "manager"
            );
    }
    let w = |k: usize| s.get(k).map_or("", |x| x.text.as_str());
    let st = |k: usize| s.get(k).map_or("", |x| x.stem.as_str());
    // "opening(s)" is a job noun; "open" alone ("open to a call") is not.
    let job = |k: usize| {
        k < n && JOB_NOUNS.contains(&st(k)) && (st(k) != "open" || w(k).starts_with("opening"))
    };
    let mut add = |from: usize, to: usize| spans.push((s[from].start, s[to.min(n - 1)].end));
    for i in 0..n {
        let before = |k: usize| &s[i.saturating_sub(k)..i];
        match st(i) {
            // apply … a job noun nearby, or "apply to work with you"
            "apply" => {
                let near = (i.saturating_sub(8)..(i + 9).min(n)).any(|k| k != i && job(k));
                if near || (w(i + 1) == "to" && st(i + 2) == "work") {
                    add(
                        i,
                        if matches!(w(i + 1), "for" | "to") {
                            i + 1
                        } else {
                            i
                        },
                    );
                }
            }
            // hire me; get hired; would you hire, are you recruiting, is your
            // practice hiring (not "when you hire", "how hiring works")
            "hir" | "recruit" | "employ" if !HIRING_TOPICS.contains(&w(i + 1)) => {
                if w(i + 1) == "me" {
                    add(i, i + 1);
                } else if i > 0
                    && matches!(w(i - 1), "get" | "got" | "be" | "been" | "getting")
                    && before(4)
                        .iter()
                        .any(|x| matches!(x.text.as_str(), "i" | "im" | "id" | "me" | "my"))
                {
                    add(i - 1, i);
                } else {
                    let back = before(4);
                    let asks_reader = back
                        .iter()
                        .any(|x| matches!(x.text.as_str(), "you" | "your"))
                        && back.iter().any(|x| AUX.contains(&x.text.as_str()))
                        && !before(5).iter().any(|x| {
                            matches!(
                                x.text.as_str(),
                                "when" | "how" | "what" | "who" | "whom" | "why"
                            )
                        });
                    if asks_reader
                        && let Some(k) = back.iter().position(|x| {
                            matches!(x.text.as_str(), "you" | "your")
                                || AUX.contains(&x.text.as_str())
                        })
                    {
                        add(i - back.len() + k, i);
                    }
                }
            }
            // taking on any line cooks; bring me on as
            "tak" | "bring" | "brought"
                if (w(i + 1) == "on" && matches!(w(i + 2), "any" | "new" | "me"))
                    || (w(i + 1) == "me" && w(i + 2) == "on") =>
            {
                add(i, i + 2);
            }
            // join your firm as an analyst
            "join" if w(i + 1) == "your" => {
                if let Some(k) = (i + 2..(i + 5).min(n)).find(|&k| w(k) == "as") {
                    add(i, k);
                }
            }
            // looking for work, seeking a position
            // ("I look forward to the opportunity" is not a job hunt.)
            "look" | "seek" | "search" | "hunt" if w(i + 1) != "forward" => {
                if let Some(k) = (i + 1..(i + 5).min(n))
                    .find(|&k| job(k) || (st(k) == "work" && matches!(w(k - 1), "for" | "as")))
                {
                    add(i, k);
                }
            }
            // consider me for; considered for a position
            "consider" => {
                if w(i + 1) == "me" && matches!(w(i + 2), "for" | "as") {
                    add(i, i + 2);
                } else if w(i + 1) == "for" && (i + 2..(i + 6).min(n)).any(job) {
                    add(i, i + 1);
                }
            }
            // pass my CV to your hiring manager; refer me to HR
            "pas" | "pass" | "forward" | "send" | "shar" | "giv" => {
                if let Some(k) = (i + 1..(i + 4).min(n)).find(|&k| matches!(w(k), "cv" | "resume"))
                    && hiring_after[i + 1]
                {
                    add(i, k);
                }
            }
            "refer"
                if w(i + 1) == "me"
                    && w(i + 2) == "to"
                    && matches!(w(i + 3), "hr" | "recruiting" | "hiring") =>
            {
                add(i, i + 3);
            }
            // Attached is my résumé; I have enclosed my CV
            "attach" | "enclos" => {
                let window = i.saturating_sub(3)..(i + 4).min(n);
                if let Some(k) = window
                    .clone()
                    .rev()
                    .find(|&k| matches!(w(k), "cv" | "resume"))
                {
                    let from = if i > 0 && w(i - 1) == "is" { i - 1 } else { i };
                    add(from.min(k), k.max(i));
                }
            }
            _ => {}
        }
        match w(i) {
            // any open positions, any jobs going, any vacancies
            "any" => {
                if let Some(k) = (i + 1..(i + 4).min(n)).find(|&k| job(k)) {
                    add(i, k);
                }
            }
            // a role at your company; a job as a vet tech; an opening in your team
            "a" | "an" => {
                if let Some(k) = (i + 1..(i + 4).min(n)).find(|&k| job(k)) {
                    // "an opening in your schedule" is time, not a job.
                    let at_yours = matches!(w(k + 1), "at" | "with" | "in" | "on")
                        && matches!(w(k + 2), "your" | "you")
                        && !matches!(w(k + 3), "schedule" | "calendar" | "diary" | "day" | "week");
                    if w(k + 1) == "as" || at_yours {
                        add(i, k);
                    }
                }
            }
            // my application; my candidacy for
            "my" if st(i + 1) == "application"
                || (st(i + 1) == "candidacy" && w(i + 2) == "for") =>
            {
                add(i, i + 1);
            }
            // the posting for the features editor
            "posting" if w(i + 1) == "for" => add(i, i + 1),
            _ => {}
        }
        // job openings, employment opportunities, open positions
        if job(i) && job(i + 1) {
            add(i, i + 1);
        }
        if w(i) == "open" && matches!(st(i + 1), "position" | "role") {
            add(i, i + 1);
        }
        // a vacancy, but not the vacancy rate
        if st(i) == "vacancy" && !matches!(w(i + 1), "rate" | "rates") {
            add(i, i);
        }
        // when a librarian post opens up
        if st(i) == "post" && st(i + 1) == "open" {
            add(i, i + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet_their_forms() {
        for (a, b) in [
            ("applying", "apply"),
            ("applied", "apply"),
            ("openings", "open"),
            ("opening", "open"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} {b}");
        }
        assert_eq!(stem("referring"), "refer");
        assert_eq!(stem("hiring"), stem("hire"));
        assert_eq!(stem("vacancies"), "vacancy");
        for noun in JOB_NOUNS {
            assert_eq!(stem(noun), noun, "job nouns are listed as stems");
        }
    }
}
