//! Times the student offers when asking for a conversation. The handout asks
//! for flexibility: propose two or three times and let the person choose, or
//! fit around theirs. They are kept on the interview, offered in the request
//! letter, and one of them becomes the agreed start when the person picks it.

use crate::error::FieldError;
use crate::schedule::local_to_utc;
use crate::validated::TimeZone;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// How many times a request offers at most.
pub const MAX: usize = 3;

const FIELD: &str = "proposed_times";

/// The times offered, in order, without repeats.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ProposedTimes(Vec<DateTime<Utc>>);

impl ProposedTimes {
    /// Reads the times typed on the form (`2026-12-08 10:00` in `zone`);
    /// empty boxes are skipped. Each must still be ahead of `now`: a time
    /// already past cannot be offered.
    pub fn from_form(
        raws: &[String],
        zone: TimeZone,
        now: DateTime<Utc>,
    ) -> Result<ProposedTimes, FieldError> {
        let times = ProposedTimes::read(raws, zone)?;
        times.check_ahead(now)?;
        Ok(times)
    }

    /// Reads the times as typed, without comparing them with the clock.
    pub fn read(raws: &[String], zone: TimeZone) -> Result<ProposedTimes, FieldError> {
        let typed: Vec<&str> = raws
            .iter()
            .map(|r| r.trim())
            .filter(|r| !r.is_empty())
            .collect();
        if typed.len() > MAX {
            return Err(FieldError::new(
                FIELD,
                format!("offer at most {MAX} times; the person chooses one"),
            ));
        }
        let times = typed
            .into_iter()
            .map(|raw| local_to_utc(FIELD, raw, zone))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ProposedTimes::new(times))
    }

    /// A time already past cannot be offered.
    pub fn check_ahead(&self, now: DateTime<Utc>) -> Result<(), FieldError> {
        match self.0.iter().find(|at| **at <= now) {
            Some(at) => Err(FieldError::new(
                FIELD,
                format!(
                    "{} has already passed; offer a time ahead",
                    at.format("%Y-%m-%d %H:%M UTC")
                ),
            )),
            None => Ok(()),
        }
    }

    /// Sorted and without repeats; at most [`MAX`] are kept.
    pub fn new(mut times: Vec<DateTime<Utc>>) -> ProposedTimes {
        times.sort();
        times.dedup();
        times.truncate(MAX);
        ProposedTimes(times)
    }

    /// The stored form: RFC 3339 instants separated by spaces.
    pub fn encode(&self) -> String {
        self.0
            .iter()
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Reads the stored form back; `None` when it is not one.
    pub fn decode(stored: &str) -> Option<ProposedTimes> {
        let mut times = Vec::new();
        for part in stored.split_whitespace() {
            times.push(DateTime::parse_from_rfc3339(part).ok()?.with_timezone(&Utc));
        }
        (times.len() <= MAX).then(|| ProposedTimes::new(times))
    }

    /// The times, earliest first.
    pub fn times(&self) -> &[DateTime<Utc>] {
        &self.0
    }

    /// No time offered.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `at` is one of the times offered.
    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.0.contains(&at)
    }

    /// The times still ahead of `now`.
    pub fn ahead(&self, now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        self.0.iter().copied().filter(|t| *t > now).collect()
    }

    /// The sentence a request letter offers them with, each time as the
    /// reader reads a date ("Tuesday 8 December at 10:00"), with the zone;
    /// empty when none is offered or all have passed.
    pub fn sentence(&self, zone: TimeZone, now: DateTime<Utc>) -> String {
        let tz = zone.tz();
        let ahead: Vec<String> = self
            .ahead(now)
            .into_iter()
            .map(|t| {
                t.with_timezone(&tz)
                    .format("%A %-d %B at %H:%M")
                    .to_string()
            })
            .collect();
        let zone_name = self
            .ahead(now)
            .first()
            .map(|t| t.with_timezone(&tz).format("%Z").to_string())
            .unwrap_or_default();
        let list = match ahead.as_slice() {
            [] => return String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
        };
        let zone_note = if zone_name.is_empty() {
            String::new()
        } else {
            format!(" ({zone_name})")
        };
        format!("Would {list}{zone_note} suit you? If not, I will gladly fit around your schedule.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    fn la() -> TimeZone {
        TimeZone::parse("America/Los_Angeles").unwrap()
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 6, 18, 0, 0).unwrap()
    }

    fn typed(values: &[&str]) -> Vec<String> {
        values.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn times_are_read_in_the_zone_sorted_and_without_repeats() {
        let t = ProposedTimes::from_form(
            &typed(&[
                "2026-12-09 14:30",
                "",
                "2026-12-08 10:00",
                "2026-12-09T14:30",
            ]),
            la(),
            now(),
        )
        .unwrap();
        assert_eq!(
            t.encode(),
            "2026-12-08T18:00:00Z 2026-12-09T22:30:00Z",
            "earliest first, the repeat once"
        );
        assert_eq!(ProposedTimes::decode(&t.encode()), Some(t));
    }

    #[test]
    fn past_times_too_many_and_nonsense_are_refused_on_the_field() {
        for bad in [
            typed(&["2026-12-06 09:00"]),
            typed(&["next tuesday"]),
            typed(&[
                "2026-12-08 10:00",
                "2026-12-09 10:00",
                "2026-12-10 10:00",
                "2026-12-11 10:00",
            ]),
        ] {
            let err = ProposedTimes::from_form(&bad, la(), now()).unwrap_err();
            assert_eq!(err.field, "proposed_times", "{bad:?}");
        }
        assert!(
            ProposedTimes::from_form(&typed(&["", " "]), la(), now())
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn the_letter_offers_the_times_ahead_as_dates_a_reader_reads() {
        let t = ProposedTimes::from_form(
            &typed(&["2026-12-08 10:00", "2026-12-09 14:30", "2026-12-10 09:00"]),
            la(),
            now(),
        )
        .unwrap();
        assert_eq!(
            t.sentence(la(), now()),
            "Would Tuesday 8 December at 10:00, Wednesday 9 December at 14:30 or \
             Thursday 10 December at 09:00 (PST) suit you? If not, I will gladly fit around your schedule."
        );
        // Once the first has passed, it is no longer offered.
        let later = Utc.with_ymd_and_hms(2026, 12, 8, 19, 0, 0).unwrap();
        assert!(
            t.sentence(la(), later)
                .starts_with("Would Wednesday 9 December at 14:30 or Thursday")
        );
        assert_eq!(ProposedTimes::default().sentence(la(), now()), "");
    }

    #[test]
    fn a_stored_value_that_is_not_times_is_not_read() {
        assert_eq!(ProposedTimes::decode("tomorrow"), None);
        assert_eq!(ProposedTimes::decode(""), Some(ProposedTimes::default()));
    }
}
