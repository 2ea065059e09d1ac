//! iCalendar (RFC 5545) for interviews and dated tasks, with the reminders
//! as alarms. Times are written in UTC (`…Z`), which every calendar reads
//! right whatever its own zone; text is escaped and long lines folded.

use chrono::{DateTime, Duration, Utc};

/// A reminder before an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alarm {
    /// How long before the start.
    pub before: Duration,
    /// What it says.
    pub text: String,
}

/// One event of the feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable id: the same event keeps its UID across downloads.
    pub uid: String,
    /// Title.
    pub summary: String,
    /// Details.
    pub description: String,
    /// Where.
    pub location: String,
    /// Start.
    pub start: DateTime<Utc>,
    /// End.
    pub end: DateTime<Utc>,
    /// Reminders.
    pub alarms: Vec<Alarm>,
}

/// Escapes TEXT values: backslash, semicolon, comma and newlines.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.replace("\r\n", "\n").chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' | '\r' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets, never inside a UTF-8 character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// `-P1D`, `-PT40M`: a trigger `before` the start.
fn trigger(before: Duration) -> String {
    let minutes = before.num_minutes();
    if minutes == 0 {
        "PT0M".to_owned()
    } else if minutes % (24 * 60) == 0 {
        format!("-P{}D", minutes / (24 * 60))
    } else {
        format!("-PT{minutes}M")
    }
}

/// The calendar, as the bytes of a `.ics` file.
pub fn calendar(name: &str, events: &[Event], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    let mut line = |l: String| fold(&l, &mut out);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//rapport//informational interviews//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape(name)));
    for e in events {
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", escape(&e.uid)));
        line(format!("DTSTAMP:{}", stamp(now)));
        line(format!("DTSTART:{}", stamp(e.start)));
        line(format!("DTEND:{}", stamp(e.end)));
        line(format!("SUMMARY:{}", escape(&e.summary)));
        if !e.description.is_empty() {
            line(format!("DESCRIPTION:{}", escape(&e.description)));
        }
        if !e.location.is_empty() {
            line(format!("LOCATION:{}", escape(&e.location)));
        }
        for a in &e.alarms {
            line("BEGIN:VALARM".into());
            line("ACTION:DISPLAY".into());
            line(format!("DESCRIPTION:{}", escape(&a.text)));
            line(format!("TRIGGER:{}", trigger(a.before)));
            line("END:VALARM".into());
        }
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

#[cfg(test)]
mod tests;

/// The feed's event for an interview with a date, with its two reminders
/// while it is ahead: confirm the day before, and leave in time to arrive
/// 10 minutes early.
pub fn interview_event(i: &crate::interviews::Interview) -> Option<Event> {
    use crate::interviews::Mode;
    use crate::pipeline::Status;
    let start = i.starts_at?;
    if matches!(i.status, Status::Declined | Status::NoReply) {
        return None;
    }
    let mut alarms = Vec::new();
    if i.status == Status::Scheduled {
        alarms.push(Alarm {
            before: Duration::days(1),
            text: format!(
                "Call {} today to confirm tomorrow's interview, and ask for directions",
                i.person.name
            ),
        });
    }
    if matches!(i.status, Status::Scheduled | Status::Confirmed) {
        alarms.push(if i.mode == Mode::InPerson {
            Alarm {
                before: Duration::minutes(40),
                text: "Leave now to arrive 10 minutes early".into(),
            }
        } else {
            Alarm {
                before: Duration::minutes(10),
                text: "Get ready: the call starts in 10 minutes".into(),
            }
        });
    }
    let with = match &i.organization {
        Some(o) => format!("{} ({})", i.person.name, o.name),
        None => i.person.name.clone(),
    };
    let mut description = format!(
        "Informational interview, {} minutes. Ask for information and advice, never for a job; always ask for referrals; stick to the time.",
        i.length.minutes()
    );
    if !i.directions.is_empty() {
        description.push_str(&format!("\nDirections: {}", i.directions));
    }
    Some(Event {
        uid: format!("interview-{}@rapport", i.id),
        summary: format!("Informational interview: {with}"),
        description,
        location: i.place.clone(),
        start,
        end: start + Duration::minutes(i64::from(i.length.minutes())),
        alarms,
    })
}

/// The feed's event for a dated task: a short slot at its due time.
pub fn task_event(uid: &str, title: &str, reason: &str, due: DateTime<Utc>) -> Event {
    Event {
        uid: format!("task-{uid}@rapport"),
        summary: title.to_owned(),
        description: reason.to_owned(),
        location: String::new(),
        start: due,
        end: due + Duration::minutes(15),
        alarms: vec![Alarm {
            before: Duration::zero(),
            text: title.to_owned(),
        }],
    }
}
