//! The outreach funnel: how many people ever reached each step, from being
//! identified to referring you on, and how much happened week by week. The
//! counts come from the status history, so someone who moved on (or was
//! closed) still counts for every step they once reached.

use crate::pipeline::Status;
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use serde::Serialize;

/// One step of the funnel, in the order people move through it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    /// Written down as someone to talk to.
    Identified,
    /// Reached by call, letter or email.
    Contacted,
    /// Asked for an interview.
    Requested,
    /// A time was agreed.
    Scheduled,
    /// The interview took place.
    Held,
    /// The thank-you note went out.
    Thanked,
    /// They named someone else to talk to.
    Referred,
}

impl Step {
    /// The statuses whose entry in the status history means an interview
    /// reached this step: asked for is any status after the idea, scheduled
    /// any agreed one, and so on. Empty for the steps that are not read
    /// from the pipeline (identified, contacted, referred).
    pub fn reached_by(self) -> &'static [Status] {
        use Status::*;
        match self {
            Step::Requested => &[
                Requested, Scheduled, Confirmed, Done, Thanked, Closed, Declined, NoReply,
            ],
            Step::Scheduled => &[Scheduled, Confirmed, Done, Thanked, Closed],
            Step::Held => &[Done, Thanked, Closed],
            Step::Thanked => &[Thanked],
            Step::Identified | Step::Contacted | Step::Referred => &[],
        }
    }

    /// Every step, in funnel order; the index matches [`FunnelCounts`].
    pub const ALL: [Step; 7] = [
        Step::Identified,
        Step::Contacted,
        Step::Requested,
        Step::Scheduled,
        Step::Held,
        Step::Thanked,
        Step::Referred,
    ];

    /// The name shown on the page.
    pub fn label(self) -> &'static str {
        match self {
            Step::Identified => "Identified",
            Step::Contacted => "Contacted",
            Step::Requested => "Requested",
            Step::Scheduled => "Scheduled",
            Step::Held => "Held",
            Step::Thanked => "Thanked",
            Step::Referred => "Referred",
        }
    }

    /// Position in [`Step::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// People who ever reached each step, indexed as [`Step::ALL`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FunnelCounts(pub [u64; 7]);

impl FunnelCounts {
    /// The count for one step.
    pub fn get(&self, step: Step) -> u64 {
        self.0[step.index()]
    }
}

/// One row of the funnel.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FunnelStep {
    /// Which step.
    pub step: Step,
    /// People who reached it.
    pub count: u64,
    /// This count over the previous step's, e.g. 0.5 for half. `None` for the
    /// first step and after a step nobody reached. Not capped at 1: a count
    /// above the one before it points at gaps in the history, and hiding that
    /// would not help.
    pub conversion: Option<f64>,
}

/// The whole funnel, first step first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Funnel {
    /// One row per step, in [`Step::ALL`] order.
    pub steps: Vec<FunnelStep>,
}

/// Builds the funnel rows from the counts.
pub fn funnel(counts: &FunnelCounts) -> Funnel {
    let mut previous: Option<u64> = None;
    let steps = Step::ALL
        .iter()
        .map(|&step| {
            let count = counts.get(step);
            let conversion = match previous {
                Some(before) if before > 0 => Some(count as f64 / before as f64),
                _ => None,
            };
            previous = Some(count);
            FunnelStep {
                step,
                count,
                conversion,
            }
        })
        .collect();
    Funnel { steps }
}

/// How many events fell in one week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Week {
    /// The Monday the week starts on.
    pub starts: NaiveDate,
    /// Events in the week.
    pub count: u64,
}

/// The Monday on or before `date`.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    let back = u64::from(date.weekday().num_days_from_monday());
    // Only the first days chrono can represent have no Monday before them.
    date.checked_sub_days(Days::new(back)).unwrap_or(date)
}

/// Events per week for the last `weeks` weeks, the last one being the week
/// that contains `now`. Weeks run Monday to Sunday in UTC, come oldest first
/// and include weeks without events. Events before the first week or after
/// the current one are ignored; an event later in the current week still
/// counts there.
pub fn weekly(events: &[DateTime<Utc>], now: DateTime<Utc>, weeks: usize) -> Vec<Week> {
    let days: Vec<(NaiveDate, u64)> = events.iter().map(|e| (e.date_naive(), 1)).collect();
    weekly_from_days(&days, now.date_naive(), weeks)
}

/// The same weeks from counts per day (as a database groups them, so the
/// work does not grow with the number of events), `today` in the last week.
pub fn weekly_from_days(days: &[(NaiveDate, u64)], today: NaiveDate, weeks: usize) -> Vec<Week> {
    let mut starts = Vec::new();
    let mut monday = Some(week_start(today));
    while starts.len() < weeks {
        let Some(this) = monday else { break };
        starts.push(this);
        monday = this.checked_sub_days(Days::new(7));
    }
    starts.reverse();
    let mut out: Vec<Week> = starts
        .into_iter()
        .map(|starts| Week { starts, count: 0 })
        .collect();
    let Some(first) = out.first().map(|w| w.starts) else {
        return out;
    };
    for (day, count) in days {
        // Both dates are Mondays, so the difference is a whole number of
        // weeks; a negative one fails the conversion and is skipped.
        let offset = (week_start(*day) - first).num_days();
        if let Ok(index) = usize::try_from(offset / 7)
            && let Some(week) = out.get_mut(index)
        {
            week.count += count;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn steps_are_in_order_with_labels() {
        for (i, step) in Step::ALL.iter().enumerate() {
            assert_eq!(step.index(), i);
        }
        assert_eq!(Step::ALL[0].label(), "Identified");
        assert_eq!(Step::ALL[6].label(), "Referred");
    }

    #[test]
    fn conversions_are_count_over_previous() {
        let f = funnel(&FunnelCounts([20, 10, 5, 4, 3, 3, 1]));
        let conv: Vec<Option<f64>> = f.steps.iter().map(|s| s.conversion).collect();
        // 10/20, 5/10, 4/5, 3/4, 3/3, 1/3.
        assert_eq!(
            conv,
            vec![
                None,
                Some(0.5),
                Some(0.5),
                Some(0.8),
                Some(0.75),
                Some(1.0),
                Some(1.0 / 3.0)
            ]
        );
        assert_eq!(f.steps[2].step, Step::Requested);
        assert_eq!(f.steps[2].count, 5);
    }

    #[test]
    fn a_step_nobody_reached_has_no_conversion_after_it() {
        let f = funnel(&FunnelCounts([4, 2, 0, 0, 0, 0, 0]));
        let conv: Vec<Option<f64>> = f.steps.iter().map(|s| s.conversion).collect();
        assert_eq!(
            conv,
            vec![None, Some(0.5), Some(0.0), None, None, None, None]
        );
        let empty = funnel(&FunnelCounts::default());
        assert!(empty.steps.iter().all(|s| s.conversion.is_none()));
    }

    #[test]
    fn week_start_is_the_monday() {
        assert_eq!(week_start(date(2026, 3, 4)), date(2026, 3, 2)); // Wednesday
        assert_eq!(week_start(date(2026, 3, 2)), date(2026, 3, 2)); // Monday
        assert_eq!(week_start(date(2026, 3, 1)), date(2026, 2, 23)); // Sunday
    }

    #[test]
    fn weeks_across_a_month_boundary() {
        // now is Wednesday 2026-03-04; three weeks start on Mondays
        // Feb 16, Feb 23 and Mar 2.
        let now = at(2026, 3, 4, 12);
        let events = [
            at(2026, 2, 15, 23), // Sunday before the window: ignored
            at(2026, 2, 16, 0),  // first minute of the first week
            at(2026, 2, 28, 9),  // Saturday, week of Feb 23
            at(2026, 3, 1, 23),  // Sunday night, still week of Feb 23
            at(2026, 3, 2, 0),   // Monday, current week
            at(2026, 3, 8, 23),  // later this week: counted
            at(2026, 3, 9, 0),   // next week: ignored
        ];
        let w = weekly(&events, now, 3);
        assert_eq!(
            w,
            vec![
                Week {
                    starts: date(2026, 2, 16),
                    count: 1
                },
                Week {
                    starts: date(2026, 2, 23),
                    count: 2
                },
                Week {
                    starts: date(2026, 3, 2),
                    count: 2
                },
            ]
        );
    }

    #[test]
    fn empty_weeks_are_kept_and_zero_weeks_is_empty() {
        let now = at(2026, 1, 1, 8); // Thursday; week starts Mon 2025-12-29
        let w = weekly(&[at(2025, 12, 16, 10)], now, 4);
        let starts: Vec<NaiveDate> = w.iter().map(|w| w.starts).collect();
        assert_eq!(
            starts,
            vec![
                date(2025, 12, 8),
                date(2025, 12, 15),
                date(2025, 12, 22),
                date(2025, 12, 29)
            ]
        );
        let counts: Vec<u64> = w.iter().map(|w| w.count).collect();
        assert_eq!(counts, vec![0, 1, 0, 0]);
        assert!(weekly(&[now], now, 0).is_empty());
    }

    #[test]
    fn counts_per_day_add_up_per_week() {
        // Sunday 2026-12-06 closes the week of Monday 30 November.
        let today = date(2026, 12, 6);
        let w = weekly_from_days(
            &[
                (date(2026, 11, 23), 2),
                (date(2026, 11, 29), 3),
                (date(2026, 11, 30), 4),
                (date(2026, 12, 6), 1),
                (date(2026, 11, 1), 9),
            ],
            today,
            2,
        );
        let got: Vec<(NaiveDate, u64)> = w.iter().map(|w| (w.starts, w.count)).collect();
        assert_eq!(got, vec![(date(2026, 11, 23), 5), (date(2026, 11, 30), 5)]);
    }

    #[test]
    fn every_held_status_counts_as_asked_and_scheduled_too() {
        for held in Step::Held.reached_by() {
            assert!(Step::Scheduled.reached_by().contains(held));
            assert!(Step::Requested.reached_by().contains(held));
        }
        assert!(!Step::Requested.reached_by().contains(&Status::Idea));
        assert!(Step::Identified.reached_by().is_empty());
    }
}
