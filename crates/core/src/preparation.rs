//! Preparing for an interview: the checklist of the handout, and the one next
//! thing the method asks for at each step.

use crate::pipeline::Status;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

/// The checklist items you tick yourself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PrepFlags {
    /// Answers to the likely questions rehearsed.
    pub answers: bool,
    /// A copy of your résumé ready to bring.
    pub resume: bool,
    /// Clothes chosen, as for a job interview.
    pub clothes: bool,
    /// You know the way, and how long it takes.
    pub directions: bool,
}

/// What the checklist and the next action are computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    /// Pipeline status.
    pub status: Status,
    /// Agreed start.
    pub starts_at: Option<DateTime<Utc>>,
    /// Agreed end.
    pub ends_at: Option<DateTime<Utc>>,
    /// `None` without an organization; otherwise whether it has research notes.
    pub organization_researched: Option<bool>,
    /// Questions in the plan.
    pub questions_planned: usize,
    /// The ticked items.
    pub flags: PrepFlags,
    /// A reflection has been written.
    pub has_reflection: bool,
}

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckItem {
    /// Form field name for items you tick (`answers`, `resume`…); empty for
    /// items rapport ticks from your records.
    pub key: &'static str,
    /// What to do.
    pub label: &'static str,
    /// Done.
    pub done: bool,
}

/// The preparation checklist of the method, in order.
pub fn checklist(f: &Facts) -> Vec<CheckItem> {
    let confirmed = matches!(
        f.status,
        Status::Confirmed | Status::Done | Status::Thanked | Status::Closed
    );
    vec![
        CheckItem {
            key: "",
            label: "Research the organization",
            done: f.organization_researched == Some(true),
        },
        CheckItem {
            key: "",
            label: "Choose your questions",
            done: f.questions_planned > 0,
        },
        CheckItem {
            key: "answers",
            label: "Rehearse short answers to the questions they may ask you",
            done: f.flags.answers,
        },
        CheckItem {
            key: "resume",
            label: "Print a copy of your résumé to bring",
            done: f.flags.resume,
        },
        CheckItem {
            key: "clothes",
            label: "Choose clothes as for a job interview",
            done: f.flags.clothes,
        },
        CheckItem {
            key: "directions",
            label: "Know the way, and plan to arrive 10 minutes early",
            done: f.flags.directions,
        },
        CheckItem {
            key: "",
            label: "Call the day before to confirm",
            done: confirmed,
        },
    ]
}

/// True when preparation has gone ahead while the organization has no
/// research note: the method says to do your homework first. A warning only.
pub fn unresearched_warning(f: &Facts) -> bool {
    f.organization_researched == Some(false) && f.status.is_open()
}

/// The one next thing the method asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "action")]
pub enum NextAction {
    /// Read up on the organization.
    ResearchOrganization,
    /// Call or write to ask for 20–30 minutes.
    Ask,
    /// Agree a date and time.
    Schedule,
    /// Call the day before.
    Confirm,
    /// Build the question plan.
    ChooseQuestions,
    /// Read the printable brief.
    OpenBrief,
    /// Open live mode.
    Start,
    /// Write down what you learned.
    Reflect,
    /// Send the thank-you note, due 24 hours after the end.
    SendThanks {
        /// When it is due.
        due: DateTime<Utc>,
    },
    /// Close the loop and keep in touch.
    StayInTouch,
    /// Nothing left for this interview.
    Nothing,
}

/// How long before the start live mode is offered first.
const LIVE_WINDOW: Duration = Duration::hours(2);

/// The next action for an interview as of `now`.
pub fn next_action(f: &Facts, now: DateTime<Utc>) -> NextAction {
    match f.status {
        Status::Idea if f.organization_researched == Some(false) => {
            NextAction::ResearchOrganization
        }
        Status::Idea | Status::NoReply => NextAction::Ask,
        Status::Requested => NextAction::Schedule,
        Status::Scheduled => NextAction::Confirm,
        Status::Confirmed if f.questions_planned == 0 => NextAction::ChooseQuestions,
        Status::Confirmed => match f.starts_at {
            Some(start) if now + LIVE_WINDOW < start => NextAction::OpenBrief,
            _ => NextAction::Start,
        },
        Status::Done if !f.has_reflection => NextAction::Reflect,
        Status::Done => NextAction::SendThanks {
            due: f.ends_at.unwrap_or(now) + Duration::hours(24),
        },
        Status::Thanked => NextAction::StayInTouch,
        Status::Closed | Status::Declined => NextAction::Nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn facts(status: Status) -> Facts {
        Facts {
            status,
            starts_at: None,
            ends_at: None,
            organization_researched: None,
            questions_planned: 0,
            flags: PrepFlags::default(),
            has_reflection: false,
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()
    }

    #[test]
    fn homework_comes_first() {
        let mut f = facts(Status::Idea);
        f.organization_researched = Some(false);
        assert_eq!(next_action(&f, now()), NextAction::ResearchOrganization);
        assert!(unresearched_warning(&f));
        f.organization_researched = Some(true);
        assert_eq!(next_action(&f, now()), NextAction::Ask);
        assert!(!unresearched_warning(&f));
    }

    #[test]
    fn each_step_has_its_action() {
        assert_eq!(
            next_action(&facts(Status::Requested), now()),
            NextAction::Schedule
        );
        assert_eq!(
            next_action(&facts(Status::Scheduled), now()),
            NextAction::Confirm
        );
        assert_eq!(
            next_action(&facts(Status::Confirmed), now()),
            NextAction::ChooseQuestions
        );
        let mut f = facts(Status::Confirmed);
        f.questions_planned = 4;
        f.starts_at = Some(now() + Duration::days(1));
        assert_eq!(next_action(&f, now()), NextAction::OpenBrief);
        f.starts_at = Some(now() + Duration::minutes(30));
        assert_eq!(next_action(&f, now()), NextAction::Start);
        assert_eq!(
            next_action(&facts(Status::Done), now()),
            NextAction::Reflect
        );
        let mut done = facts(Status::Done);
        done.has_reflection = true;
        done.ends_at = Some(now());
        assert_eq!(
            next_action(&done, now()),
            NextAction::SendThanks {
                due: now() + Duration::hours(24)
            }
        );
        assert_eq!(
            next_action(&facts(Status::Closed), now()),
            NextAction::Nothing
        );
    }

    #[test]
    fn checklist_ticks_what_the_records_show() {
        let mut f = facts(Status::Confirmed);
        f.organization_researched = Some(true);
        f.flags.resume = true;
        let done: Vec<bool> = checklist(&f).iter().map(|c| c.done).collect();
        assert_eq!(done, vec![true, false, false, true, false, false, true]);
        assert_eq!(
            checklist(&f).iter().filter(|c| !c.key.is_empty()).count(),
            4
        );
    }
}
