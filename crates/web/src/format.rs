//! Dates for people: in their zone, relative where that reads better.

use chrono::{DateTime, Datelike, Utc};
use rapport_core::validated::TimeZone;

/// `today 14:00`, `tomorrow 10:00`, `yesterday 09:00`, `Monday 10:00` within
/// the coming week, otherwise `Mon 7 Dec, 10:00` (with the year when it is
/// not this year).
pub(crate) fn relative(at: DateTime<Utc>, now: DateTime<Utc>, zone: TimeZone) -> String {
    let tz = zone.tz();
    let local = at.with_timezone(&tz);
    let today = now.with_timezone(&tz).date_naive();
    let days = (local.date_naive() - today).num_days();
    let time = local.format("%H:%M");
    match days {
        0 => format!("today {time}"),
        1 => format!("tomorrow {time}"),
        -1 => format!("yesterday {time}"),
        2..=6 => format!("{} {time}", local.format("%A")),
        _ if local.year() == today.year() => format!("{}, {time}", local.format("%a %-d %b")),
        _ => format!("{}, {time}", local.format("%a %-d %b %Y")),
    }
}

/// The full date of `now` in `zone`, such as `Thursday 26 November 2026`.
pub(crate) fn long_date(now: DateTime<Utc>, zone: TimeZone) -> String {
    now.with_timezone(&zone.tz())
        .format("%A %-d %B %Y")
        .to_string()
}

/// `%`-encodes one part of a URL: every byte but letters, digits and `-_.~`.
pub(crate) fn url_part(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A `mailto:` link to `address`, encoded so that no character of it can
/// start a query (`?bcc=…`) or a second address, whatever was stored.
pub(crate) fn mailto(address: &str) -> String {
    format!("mailto:{}", url_part(address).replace("%40", "@"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn mailto_links_carry_one_address_only() {
        assert_eq!(super::mailto("ada@x.org"), "mailto:ada@x.org");
        assert_eq!(
            super::mailto("victim@x.org?bcc=spy%40evil.example&x=y.z"),
            "mailto:victim@x.org%3Fbcc%3Dspy%2540evil.example%26x%3Dy.z"
        );
    }

    use super::*;
    use chrono::TimeZone as _;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    #[test]
    fn relative_days_follow_the_local_calendar() {
        let zone = TimeZone::parse("America/Los_Angeles").unwrap();
        // 2026-11-26 20:00 UTC is 12:00 on Thursday in Los Angeles.
        let now = at(2026, 11, 26, 20);
        assert_eq!(relative(at(2026, 11, 26, 22), now, zone), "today 14:00");
        // 07:00 UTC on the 27th is still the 26th in Los Angeles.
        assert_eq!(relative(at(2026, 11, 27, 7), now, zone), "today 23:00");
        assert_eq!(relative(at(2026, 11, 27, 18), now, zone), "tomorrow 10:00");
        assert_eq!(relative(at(2026, 11, 25, 17), now, zone), "yesterday 09:00");
        assert_eq!(relative(at(2026, 11, 30, 17), now, zone), "Monday 09:00");
        assert_eq!(relative(at(2026, 12, 7, 17), now, zone), "Mon 7 Dec, 09:00");
        assert_eq!(
            relative(at(2027, 1, 4, 17), now, zone),
            "Mon 4 Jan 2027, 09:00"
        );
    }

    #[test]
    fn long_date_is_local() {
        let zone = TimeZone::parse("Asia/Tokyo").unwrap();
        assert_eq!(
            long_date(at(2026, 11, 26, 20), zone),
            "Friday 27 November 2026"
        );
    }
}
