//! Turning a wall-clock time typed by the user into an instant, and back.

use crate::error::FieldError;
use crate::validated::TimeZone;
use chrono::{DateTime, Datelike, LocalResult, NaiveDateTime, TimeZone as _, Utc};

const FORMATS: [&str; 4] = [
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
];

/// The years a typed date may fall in.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Reads `2026-12-03 10:00` (or with a `T`) as a time of day in `zone`, for
/// the input field `field`. When clocks fall back and the time happens twice,
/// the first occurrence is meant; a time skipped when clocks spring forward is
/// refused.
pub fn local_to_utc(
    field: &'static str,
    raw: &str,
    zone: TimeZone,
) -> Result<DateTime<Utc>, FieldError> {
    let s = raw.trim();
    let naive = FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .ok_or_else(|| {
            FieldError::new(
                field,
                format!("\"{s}\" is not a date and time; write it as 2026-12-03 10:00"),
            )
        })?;
    // Stored times are RFC 3339 with four-digit years; a year such as
    // +10000 or -1 would be kept but never read back.
    if !(YEARS).contains(&naive.year()) {
        return Err(FieldError::new(
            field,
            format!(
                "{s} is not a year rapport keeps; use a year from {} to {}",
                YEARS.start(),
                YEARS.end()
            ),
        ));
    }
    match zone.tz().from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(FieldError::new(
            field,
            format!(
                "{s} does not exist in {} (the clocks skip it that day); pick another time",
                zone.name()
            ),
        )),
    }
}

/// The instant as a wall-clock time in `zone`, such as `2026-12-03 10:00 PST`.
pub fn format_local(at: DateTime<Utc>, zone: TimeZone) -> String {
    at.with_timezone(&zone.tz())
        .format("%Y-%m-%d %H:%M %Z")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(name: &str) -> TimeZone {
        TimeZone::parse(name).unwrap()
    }

    #[test]
    fn converts_with_the_zone_offset() {
        let at =
            local_to_utc("starts_at", "2026-12-07 09:00", zone("America/Los_Angeles")).unwrap();
        assert_eq!(at.to_rfc3339(), "2026-12-07T17:00:00+00:00");
        let summer =
            local_to_utc("starts_at", "2026-07-07T09:00", zone("America/Los_Angeles")).unwrap();
        assert_eq!(summer.to_rfc3339(), "2026-07-07T16:00:00+00:00");
    }

    #[test]
    fn years_that_could_not_be_read_back_are_refused_on_the_field() {
        for raw in [
            "+10000-01-01 10:00",
            "-0001-01-01 10:00",
            "1899-12-31 10:00",
        ] {
            let err = local_to_utc("starts_at", raw, zone("UTC")).unwrap_err();
            assert_eq!(err.field, "starts_at", "{raw}");
        }
        assert!(local_to_utc("starts_at", "2200-12-31 10:00", zone("UTC")).is_ok());
    }

    #[test]
    fn a_skipped_time_is_refused_and_a_repeated_one_takes_the_first() {
        let err =
            local_to_utc("starts_at", "2026-03-08 02:30", zone("America/New_York")).unwrap_err();
        assert_eq!(err.field, "starts_at");
        let twice =
            local_to_utc("starts_at", "2026-11-01 01:30", zone("America/New_York")).unwrap();
        assert_eq!(twice.to_rfc3339(), "2026-11-01T05:30:00+00:00");
    }

    #[test]
    fn garbage_names_the_field() {
        assert_eq!(
            local_to_utc("due", "next tuesday", TimeZone::utc())
                .unwrap_err()
                .field,
            "due"
        );
    }

    #[test]
    fn formats_back_in_the_zone() {
        let z = zone("Europe/Berlin");
        let at = local_to_utc("starts_at", "2026-12-03 10:00", z).unwrap();
        assert_eq!(format_local(at, z), "2026-12-03 10:00 CET");
    }
}
