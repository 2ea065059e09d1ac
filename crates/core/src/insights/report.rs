//! The whole Insights report from counts and rows already read: one place
//! that turns them into figures, so the web page, the CLI and a counselor's
//! view say the same.

use super::evidence::{EvidenceCounts, FieldEvidence, from_counts};
use super::funnel::{Funnel, FunnelCounts, Week, funnel, weekly_from_days};
use super::ratings::{Echo, RatingPoint, fit_follows_liking};
use super::replies::{Outreach, ReplyStats, by_channel, by_source};
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// Weeks of activity shown.
pub const WEEKS: usize = 26;

/// What one reflection on a field says, with the interview it is from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Learned {
    /// The interview.
    pub interview_id: String,
    /// Whom it was with.
    pub person_name: String,
    /// What draws you (learned, positive).
    pub draws: String,
    /// What gives pause (learned, negative).
    pub gives_pause: String,
    /// What you still need to know.
    pub still_to_learn: String,
    /// The qualifications and characteristics they seek.
    pub qualifications: String,
    /// Field fit, 1 to 5.
    pub fit: Option<u8>,
    /// How likable the person was, 1 to 5.
    pub likability: Option<u8>,
    /// How attractive the setting was, 1 to 5.
    pub setting: Option<u8>,
}

impl Learned {
    /// Anything written beyond the ratings.
    pub fn says_something(&self) -> bool {
        [
            &self.draws,
            &self.gives_pause,
            &self.still_to_learn,
            &self.qualifications,
        ]
        .iter()
        .any(|t| !t.trim().is_empty())
    }
}

/// One field as read: its counts and its reflections, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldInput {
    /// The field's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its interviews, counted.
    pub counts: EvidenceCounts,
    /// Its reflections.
    pub reflections: Vec<Learned>,
}

/// One field's part of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldReport {
    /// The field's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The evidence gathered, with its nudge.
    pub evidence: FieldEvidence,
    /// The nudge in words.
    pub nudge: Option<String>,
    /// Fit ratings that follow likability (or the setting).
    pub echo: Option<Echo>,
    /// That warning in words.
    pub echo_message: Option<String>,
    /// The reflections that say something, newest first.
    pub learned: Vec<Learned>,
    /// Every reflection with a fit rating, for the scatter.
    pub rated: Vec<Learned>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Per field.
    pub fields: Vec<FieldReport>,
    /// People identified → … → referred someone, with conversions.
    pub funnel: Funnel,
    /// Activity per week, oldest first, the last being this week.
    pub weeks: Vec<Week>,
    /// Reply times by how you reached out.
    pub by_channel: Vec<ReplyStats>,
    /// Reply times by how you came to know the person.
    pub by_source: Vec<ReplyStats>,
}

/// Builds the report.
pub fn report(
    fields: Vec<FieldInput>,
    funnel_counts: [u64; 7],
    activity: &[(NaiveDate, u64)],
    today: NaiveDate,
    requests: &[Outreach],
) -> Report {
    Report {
        fields: fields.into_iter().map(field_report).collect(),
        funnel: funnel(&FunnelCounts(funnel_counts)),
        weeks: weekly_from_days(activity, today, WEEKS),
        by_channel: by_channel(requests),
        by_source: by_source(requests),
    }
}

fn field_report(f: FieldInput) -> FieldReport {
    let evidence = from_counts(f.counts);
    let points: Vec<RatingPoint> = f
        .reflections
        .iter()
        .filter_map(|l| {
            Some(RatingPoint {
                interview_id: l.interview_id.clone(),
                fit: l.fit?,
                likability: l.likability,
                setting: l.setting,
            })
        })
        .collect();
    let echo = fit_follows_liking(&points);
    FieldReport {
        nudge: evidence.nudge.map(|n| n.message()),
        echo_message: echo.as_ref().map(Echo::message),
        echo,
        evidence,
        learned: f
            .reflections
            .iter()
            .filter(|l| l.says_something())
            .cloned()
            .collect(),
        rated: f
            .reflections
            .into_iter()
            .filter(|l| l.fit.is_some())
            .collect(),
        id: f.id,
        title: f.title,
    }
}

/// The network's size at the end of each month, from the people who joined
/// per month (`(first of the month, people)`, any order), months without
/// anyone new included, oldest first.
pub fn cumulative_months(joined: &[(NaiveDate, u64)]) -> Vec<(NaiveDate, u64)> {
    let mut months: Vec<(NaiveDate, u64)> = joined
        .iter()
        .filter_map(|(d, n)| d.with_day(1).map(|d| (d, *n)))
        .collect();
    months.sort();
    let (Some(first), Some(last)) = (months.first().map(|m| m.0), months.last().map(|m| m.0))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut month, mut total) = (Some(first), 0);
    while let Some(m) = month.filter(|m| *m <= last) {
        total += months
            .iter()
            .filter(|(d, _)| *d == m)
            .map(|(_, n)| n)
            .sum::<u64>();
        out.push((m, total));
        month = m.checked_add_months(Months::new(1));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn learned(id: &str, fit: Option<u8>, likability: Option<u8>, draws: &str) -> Learned {
        Learned {
            interview_id: id.into(),
            person_name: format!("Person {id}"),
            draws: draws.into(),
            gives_pause: String::new(),
            still_to_learn: String::new(),
            qualifications: String::new(),
            fit,
            likability,
            setting: None,
        }
    }

    #[test]
    fn a_field_whose_fit_follows_liking_is_warned_and_thin_evidence_nudged() {
        let echoing = FieldInput {
            id: "f1".into(),
            title: "Software developer".into(),
            counts: EvidenceCounts {
                held: 4,
                planned: 0,
                organizations: 3,
                hiring: 2,
            },
            reflections: vec![
                learned("a", Some(5), Some(5), "Pairing"),
                learned("b", Some(4), Some(4), ""),
                learned("c", Some(2), Some(2), "Mentoring"),
                learned("d", Some(1), Some(1), ""),
            ],
        };
        let thin = FieldInput {
            id: "f2".into(),
            title: "Data analyst".into(),
            counts: EvidenceCounts {
                held: 2,
                planned: 1,
                organizations: 2,
                hiring: 0,
            },
            reflections: vec![learned("e", None, None, "Dashboards")],
        };
        let r = report(
            vec![echoing, thin],
            [10, 8, 6, 4, 3, 2, 1],
            &[],
            date(2026, 12, 6),
            &[],
        );
        let (f1, f2) = (&r.fields[0], &r.fields[1]);
        assert!(f1.nudge.is_none());
        assert_eq!(f1.echo.as_ref().map(|e| e.count), Some(4));
        assert!(
            f1.echo_message
                .as_deref()
                .is_some_and(|m| m.contains("liked the person")),
            "{:?}",
            f1.echo_message
        );
        assert_eq!(
            f1.learned.len(),
            2,
            "only the reflections that say something"
        );
        assert_eq!(f1.rated.len(), 4);
        assert!(f2.echo.is_none());
        assert!(
            f2.nudge
                .as_deref()
                .is_some_and(|m| m.starts_with("2 of 3 interviews held (1 planned)")),
            "{:?}",
            f2.nudge
        );
        assert_eq!(r.weeks.len(), WEEKS);
        assert_eq!(r.funnel.steps[1].conversion, Some(0.8));
    }

    #[test]
    fn the_network_grows_month_by_month_with_quiet_months_kept() {
        assert_eq!(
            cumulative_months(&[
                (date(2026, 9, 1), 4),
                (date(2026, 7, 1), 10),
                (date(2026, 9, 1), 1)
            ]),
            vec![
                (date(2026, 7, 1), 10),
                (date(2026, 8, 1), 10),
                (date(2026, 9, 1), 15)
            ]
        );
        assert!(cumulative_months(&[]).is_empty());
    }
}
