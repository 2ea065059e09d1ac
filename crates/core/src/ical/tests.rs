//! The feed read back by an independent parser (the `ical` crate).

use super::*;
use crate::schedule::local_to_utc;
use crate::validated::TimeZone;
use chrono::TimeZone as _;
use std::io::BufReader;

/// RFC 5545 §3.3.11 unescaping; the parser hands TEXT values over raw.
fn unescape(raw: &str) -> String {
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn at(zone: &str, local: &str) -> DateTime<Utc> {
    local_to_utc("starts_at", local, TimeZone::parse(zone).unwrap()).unwrap()
}

fn event(uid: &str, start: DateTime<Utc>, summary: &str) -> Event {
    Event {
        uid: uid.into(),
        summary: summary.into(),
        description: String::new(),
        location: String::new(),
        start,
        end: start + Duration::minutes(30),
        alarms: vec![
            Alarm {
                before: Duration::days(1),
                text: "Call to confirm".into(),
            },
            Alarm {
                before: Duration::minutes(40),
                text: "Leave now".into(),
            },
        ],
    }
}

fn parse(ics: &str) -> Vec<ical::parser::ical::component::IcalEvent> {
    let reader = ical::IcalParser::new(BufReader::new(ics.as_bytes()));
    let calendars: Vec<_> = reader.map(|c| c.expect("the feed parses")).collect();
    assert_eq!(calendars.len(), 1);
    calendars.into_iter().next().unwrap().events
}

fn prop<'a>(e: &'a ical::parser::ical::component::IcalEvent, name: &str) -> &'a str {
    e.properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
        .unwrap_or_default()
}

#[test]
fn instants_are_right_in_utc_across_zones_and_daylight_saving() {
    let events = vec![
        // The Monday after clocks sprang forward in New York (8 March 2026): EDT, UTC−4.
        event(
            "ny@rapport",
            at("America/New_York", "2026-03-09 09:00"),
            "New York",
        ),
        // The week before: EST, UTC−5.
        event(
            "ny-before@rapport",
            at("America/New_York", "2026-03-06 09:00"),
            "New York, before",
        ),
        // Berlin the day after clocks fell back (25 October 2026): CET, UTC+1.
        event(
            "berlin@rapport",
            at("Europe/Berlin", "2026-10-26 14:00"),
            "Berlin",
        ),
        // Tokyo has no daylight saving: UTC+9.
        event(
            "tokyo@rapport",
            at("Asia/Tokyo", "2026-12-01 10:30"),
            "Tokyo",
        ),
    ];
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
    let parsed = parse(&calendar("rapport", &events, now));
    let starts: Vec<(&str, &str)> = parsed
        .iter()
        .map(|e| (prop(e, "UID"), prop(e, "DTSTART")))
        .collect();
    assert_eq!(
        starts,
        vec![
            ("ny@rapport", "20260309T130000Z"),
            ("ny-before@rapport", "20260306T140000Z"),
            ("berlin@rapport", "20261026T130000Z"),
            ("tokyo@rapport", "20261201T013000Z"),
        ]
    );
    for e in &parsed {
        let triggers: Vec<&str> = e
            .alarms
            .iter()
            .flat_map(|a| a.properties.iter())
            .filter(|p| p.name == "TRIGGER")
            .filter_map(|p| p.value.as_deref())
            .collect();
        assert_eq!(triggers, vec!["-P1D", "-PT40M"]);
        assert_eq!(prop(e, "DTSTAMP"), "20261126T090000Z");
    }
}

#[test]
fn text_survives_the_round_trip() {
    let mut e = event(
        "text@rapport",
        Utc.with_ymd_and_hms(2026, 12, 1, 17, 0, 0).unwrap(),
        "Interview: Zoë Ruiz, Willamette Health; 2nd floor",
    );
    e.description = "Ask about:\n- night shifts, pay; training\n- résumé review? \\ backslash\nÜber 30 characters of ünïcödé text to make the line long enough to fold more than once across octets 日本語".into();
    e.location = "1200 Center St NE, Salem, OR 97301; Room 115".into();
    let ics = calendar("rapport, Sam's; feed", &[e.clone()], Utc::now());
    assert!(
        ics.lines().all(|l| l.len() <= 76),
        "lines are folded at 75 octets"
    );
    assert!(ics.contains("\r\n "), "long lines were folded");
    let parsed = parse(&ics);
    assert_eq!(unescape(prop(&parsed[0], "SUMMARY")), e.summary);
    assert_eq!(unescape(prop(&parsed[0], "DESCRIPTION")), e.description);
    assert_eq!(unescape(prop(&parsed[0], "LOCATION")), e.location);
}

#[test]
fn escaping_follows_the_rfc() {
    assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
}
