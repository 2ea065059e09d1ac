//! The checks a restored value passes: the forms' own validators from
//! `rapport_core`, so a crafted or damaged backup cannot store what the
//! interface would refuse (a `javascript:` link, a status Today cannot read,
//! a cadence of minus a billion days, a name with a line break or a NUL).
//! Each check answers with the reason only; the caller names the place.

use rapport_core::FieldError;
use rapport_core::validated::{
    Email, Length, MAX_LONG_TEXT, PersonName, Phone, Rating, TimeZone, WebUrl, long_text,
    optional_line, required_line,
};
use serde_json::{Map, Value};

/// One row of the document, for checks that depend on another column.
pub(super) type Row = Map<String, Value>;
/// Checks a text value (of `row`).
pub(super) type TextCheck = fn(&str, &Row) -> Result<(), String>;
/// Checks a whole number.
pub(super) type IntCheck = fn(i64) -> Result<(), String>;

/// A validator's verdict without its value; its message without its field
/// name, since the caller names table, row and column instead.
pub(super) fn unit<T>(r: Result<T, FieldError>) -> Result<(), String> {
    r.map(|_| ()).map_err(|e| e.message)
}

/// A closed list's value must be the name the forms store, not merely one
/// that reads forgivingly: SQL compares stored names as they are.
pub(super) fn stored<E: Copy>(
    value: &str,
    parsed: Result<E, FieldError>,
    name: fn(E) -> &'static str,
) -> Result<(), String> {
    let parsed = parsed.map_err(|e| e.message)?;
    if name(parsed) == value {
        Ok(())
    } else {
        Err(format!("\"{value}\" should be written {}", name(parsed)))
    }
}

/// Required single-line text (a title, a label): the forms' `required_line`.
pub(super) fn line(v: &str, _: &Row) -> Result<(), String> {
    unit(required_line("value", v))
}

/// Optional single-line text (a place, a subject): `optional_line`.
pub(super) fn opt_line(v: &str, _: &Row) -> Result<(), String> {
    unit(optional_line("value", v))
}

/// Single-line text that the forms do not limit in length (a signature
/// name) or that the program derives from longer text (a plan-of-action
/// task): no control character at all, and no longer than long text.
pub(super) fn one_line(v: &str, _: &Row) -> Result<(), String> {
    if v.chars().any(char::is_control) {
        return Err("must fit on one line (it holds a line break or a control character)".into());
    }
    if v.chars().count() > MAX_LONG_TEXT {
        return Err(format!(
            "is too long; keep it under {MAX_LONG_TEXT} characters"
        ));
    }
    Ok(())
}

/// Notes, bodies, answers: `long_text` (tab and newline only).
pub(super) fn long(v: &str, _: &Row) -> Result<(), String> {
    unit(long_text("value", v))
}

/// A person's name: `PersonName`.
pub(super) fn name(v: &str, _: &Row) -> Result<(), String> {
    unit(PersonName::parse(v))
}

/// An instant as the store writes it (RFC 3339).
pub(super) fn instant(v: &str, _: &Row) -> Result<(), String> {
    chrono::DateTime::parse_from_rfc3339(v)
        .map(|_| ())
        .map_err(|e| format!("\"{v}\" is not an instant: {e}"))
}

/// The times offered for an interview: at most three instants, as stored.
pub(super) fn proposed_times(v: &str, _: &Row) -> Result<(), String> {
    rapport_core::proposed_times::ProposedTimes::decode(v)
        .map(|_| ())
        .ok_or_else(|| format!("\"{v}\" is not up to three instants separated by spaces"))
}

/// A calendar day, `YYYY-MM-DD`, as the forms read it.
pub(super) fn date(v: &str, _: &Row) -> Result<(), String> {
    match rapport_core::people::optional_date("value", v) {
        Ok(Some(_)) => Ok(()),
        Ok(None) => Err("is empty; it should be a date such as 2026-03-15".into()),
        Err(e) => Err(e.message),
    }
}

/// An IANA time zone.
pub(super) fn zone(v: &str, _: &Row) -> Result<(), String> {
    unit(TimeZone::parse(v))
}

/// A web address (http or https only).
pub(super) fn web_url(v: &str, _: &Row) -> Result<(), String> {
    unit(WebUrl::parse("value", v))
}

/// The profile's signature email: empty, or an address.
pub(super) fn email_or_empty(v: &str, _: &Row) -> Result<(), String> {
    if v.trim().is_empty() {
        return Ok(());
    }
    unit(Email::parse("value", v))
}

/// The profile's signature phone: empty, or a number.
pub(super) fn phone_or_empty(v: &str, _: &Row) -> Result<(), String> {
    if v.trim().is_empty() {
        return Ok(());
    }
    unit(Phone::parse("value", v))
}

/// A contact's kind, as `person_contacts` stores it.
pub(super) fn contact_kind(v: &str, _: &Row) -> Result<(), String> {
    match v {
        "email" | "phone" | "link" => Ok(()),
        other => Err(format!(
            "\"{other}\" is not a kind of contact (email, phone or link)"
        )),
    }
}

/// A contact's value, checked as its kind says.
pub(super) fn contact_value(v: &str, row: &Row) -> Result<(), String> {
    match row.get("kind").and_then(Value::as_str) {
        Some("email") => unit(Email::parse("email", v)),
        Some("phone") => unit(Phone::parse("phone", v)),
        Some("link") => unit(WebUrl::parse("link", v)),
        other => Err(format!("{other:?} is not a kind of contact")),
    }
}

/// Whether the task was added by hand (and so passed `TaskForm`), rather
/// than derived by the program from longer text.
fn by_hand(row: &Row) -> bool {
    row.get("rule").and_then(Value::as_str) == Some(rapport_core::tasks::TaskRule::User.as_str())
}

/// A task's title: `TaskForm`'s rule for your own tasks; a plan-of-action
/// task takes its title from a line of the reflection, which has no limit.
pub(super) fn task_title(v: &str, row: &Row) -> Result<(), String> {
    if by_hand(row) {
        return line(v, row);
    }
    if v.trim().is_empty() {
        return Err("is required; it cannot be empty".into());
    }
    one_line(v, row)
}

/// A task's reason, likewise.
pub(super) fn task_reason(v: &str, row: &Row) -> Result<(), String> {
    if by_hand(row) {
        opt_line(v, row)
    } else {
        one_line(v, row)
    }
}

/// An interview's status; a status that needs a start (scheduled,
/// confirmed…) needs one here too, as `InterviewInput::check_against` says.
pub(super) fn interview_status(v: &str, row: &Row) -> Result<(), String> {
    use rapport_core::pipeline::Status;
    let status = Status::parse(v).ok_or_else(|| format!("\"{v}\" is not a status"))?;
    stored(v, Ok(status), Status::as_str)?;
    let has_start = row.get("starts_at").is_some_and(|s| !s.is_null());
    if status.needs_start() && !has_start {
        return Err(format!(
            "a {} interview needs its start time (starts_at)",
            status.as_str()
        ));
    }
    Ok(())
}

/// A status in the history of moves: any status of the pipeline, by its
/// stored name (the start it needed was checked when it moved).
pub(super) fn pipeline_status(v: &str, _: &Row) -> Result<(), String> {
    use rapport_core::pipeline::Status;
    let status = Status::parse(v).ok_or_else(|| format!("\"{v}\" is not a status"))?;
    stored(v, Ok(status), Status::as_str)
}

/// A rule task's key, as `rule_tasks::set_state` accepts it.
pub(super) fn rule_key(v: &str, row: &Row) -> Result<(), String> {
    if !crate::rule_tasks::is_rule_key(v) || v.len() > 200 {
        return Err(format!("\"{v}\" is not the key of a rule task"));
    }
    one_line(v, row)
}

/// A letter template's key: a built-in one (your edited copy), or one of
/// yours as `letters::save` makes it.
pub(super) fn letter_key(v: &str, row: &Row) -> Result<(), String> {
    if rapport_core::letters::builtin(v).is_some() {
        return Ok(());
    }
    match v.strip_prefix("own-") {
        Some(rest) if !rest.is_empty() && v.len() <= 200 => one_line(v, row),
        _ => Err(format!("\"{v}\" is not the key of a letter template")),
    }
}

/// A question of the built-in bank.
pub(super) fn builtin_question(v: &str, _: &Row) -> Result<(), String> {
    rapport_core::questions::builtin(v)
        .map(|_| ())
        .ok_or_else(|| format!("\"{v}\" is not a question of the bank"))
}

/// An O*NET-SOC code as the field form stores it.
pub(super) fn onet(v: &str, _: &Row) -> Result<(), String> {
    match rapport_core::fields::onet_code(v) {
        Ok(Some(code)) if code == v => Ok(()),
        Ok(_) => Err(format!(
            "\"{v}\" is not an O*NET-SOC code such as 15-1252.00"
        )),
        Err(e) => Err(e.message),
    }
}

/// A place in a list, or a count: never negative. No form types these; the
/// store writes them, so the bound is only what it could ever write.
pub(super) fn position(n: i64) -> Result<(), String> {
    if (0..=i64::from(u32::MAX)).contains(&n) {
        Ok(())
    } else {
        Err(format!("{n} is not a place in a list or a count"))
    }
}

/// An interview's length: `Length`.
pub(super) fn length(n: i64) -> Result<(), String> {
    unit(Length::new(n))
}

/// Minutes for one question: `question_minutes`.
pub(super) fn question_minutes(n: i64) -> Result<(), String> {
    unit(rapport_core::questions::question_minutes(&n.to_string()))
}

/// A planned question's priority, as `Priority::rank` stores it.
pub(super) fn priority(n: i64) -> Result<(), String> {
    use rapport_core::questions::Priority;
    if Priority::from_rank(n).rank() == n {
        Ok(())
    } else {
        Err(format!("{n} is not a priority (1 must, 2 should, 3 could)"))
    }
}

/// A reflection's rating: `Rating`.
pub(super) fn rating(n: i64) -> Result<(), String> {
    unit(Rating::new("rating", n))
}

/// Days between keep-in-touch notes: the person form's `cadence`.
pub(super) fn cadence(n: i64) -> Result<(), String> {
    unit(rapport_core::people::cadence(&n.to_string()))
}
