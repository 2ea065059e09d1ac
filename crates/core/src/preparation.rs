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
    /// When it last moved along the pipeline; for a held one, when the
    /// conversation ended (the thank-you counts from it).
    pub status_changed_at: DateTime<Utc>,
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
    /// A date is agreed: mark it scheduled.
    MarkScheduled,
    /// Its date has passed while it still waits in an early step: did it
    /// happen, or is the date to change?
    PastDate,
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

/// The next action for an interview as of `now`, from its facts (not from
/// its status alone: a request with a date is scheduled, a plan with
/// questions is chosen, a past date is asked about).
pub fn next_action(f: &Facts, now: DateTime<Utc>) -> NextAction {
    let over = f.ends_at.is_some_and(|end| end < now);
    match f.status {
        Status::Idea | Status::Requested | Status::Scheduled if over => NextAction::PastDate,
        Status::Idea if f.organization_researched == Some(false) => {
            NextAction::ResearchOrganization
        }
        Status::Idea | Status::NoReply => NextAction::Ask,
        Status::Requested if f.starts_at.is_some() => NextAction::MarkScheduled,
        Status::Requested => NextAction::Schedule,
        Status::Scheduled => NextAction::Confirm,
        Status::Confirmed if over => NextAction::Reflect,
        Status::Confirmed if f.questions_planned == 0 => NextAction::ChooseQuestions,
        Status::Confirmed => match f.starts_at {
            Some(start) if now + LIVE_WINDOW < start => NextAction::OpenBrief,
            _ => NextAction::Start,
        },
        Status::Done if !f.has_reflection => NextAction::Reflect,
        Status::Done => NextAction::SendThanks {
            due: f.status_changed_at + Duration::hours(24),
        },
        Status::Thanked => NextAction::StayInTouch,
        Status::Closed | Status::Declined => NextAction::Nothing,
    }
}

impl NextAction {
    /// The method's advice for this step, in a sentence.
    pub fn advice(&self) -> &'static str {
        match self {
            NextAction::ResearchOrganization => {
                "Research the organization first: you will ask better questions."
            }
            NextAction::Ask => "Call or write to ask for 20–30 minutes of their time.",
            NextAction::Schedule => {
                "Follow up with a call and agree a date and time; never expect them to phone you."
            }
            NextAction::MarkScheduled => "A date is agreed: mark it scheduled.",
            NextAction::PastDate => {
                "This date is in the past: did it already happen? Mark it held, or change the date."
            }
            NextAction::Confirm => {
                "Call the day before to confirm, and ask for directions if you need them."
            }
            NextAction::ChooseQuestions => {
                "Choose your questions, and plan to arrive 10 minutes early."
            }
            NextAction::OpenBrief => {
                "Your questions are chosen. Read the brief the day before and plan to arrive 10 minutes early."
            }
            NextAction::Start => {
                "It is nearly time: open live mode and keep to the time you asked for."
            }
            NextAction::Reflect => "Write down what you learned right away, while it is fresh.",
            NextAction::SendThanks { .. } => {
                "Send your thank-you note within 24 hours, with your address and phone under your signature."
            }
            NextAction::StayInTouch => {
                "Ask to stay in touch, and follow up on the referrals you received."
            }
            NextAction::Nothing => "Nothing left to do here; keep in touch now and then.",
        }
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
            status_changed_at: now() - Duration::days(1),
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
        done.status_changed_at = now();
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

    /// Every status against every state of its preparation: the one next
    /// action never contradicts the facts.
    #[test]
    fn the_next_action_follows_the_facts_in_every_state() {
        let n = now();
        let starts = [
            None,
            Some(n + Duration::days(3)),
            Some(n + Duration::minutes(30)),
            Some(n - Duration::days(2)),
        ];
        for status in &Status::ALL {
            for start in starts {
                for researched in [None, Some(false), Some(true)] {
                    for planned in [0, 6] {
                        for reflected in [false, true] {
                            let f = Facts {
                                status: *status,
                                starts_at: start,
                                ends_at: start.map(|s| s + Duration::minutes(30)),
                                organization_researched: researched,
                                questions_planned: planned,
                                flags: PrepFlags::default(),
                                has_reflection: reflected,
                                status_changed_at: n - Duration::hours(2),
                            };
                            let a = next_action(&f, n);
                            let what = format!("{f:?} → {a:?}");
                            let past = start.is_some_and(|s| s + Duration::minutes(30) < n);
                            match a {
                                NextAction::Schedule => assert!(start.is_none(), "{what}"),
                                NextAction::MarkScheduled => {
                                    assert!(start.is_some() && !past, "{what}")
                                }
                                NextAction::ChooseQuestions => assert_eq!(planned, 0, "{what}"),
                                NextAction::ResearchOrganization => {
                                    assert_eq!(researched, Some(false), "{what}")
                                }
                                NextAction::OpenBrief | NextAction::Start => {
                                    assert!(planned > 0 && !past, "{what}")
                                }
                                NextAction::PastDate => assert!(past, "{what}"),
                                NextAction::Reflect => {
                                    assert!(!reflected || *status != Status::Done, "{what}")
                                }
                                NextAction::SendThanks { due } => {
                                    assert!(reflected, "{what}");
                                    assert_eq!(due, f.status_changed_at + Duration::hours(24));
                                }
                                NextAction::Confirm => {
                                    assert!(*status == Status::Scheduled && !past, "{what}")
                                }
                                _ => {}
                            }
                            // A date still ahead never asks whether it happened.
                            if !past {
                                assert_ne!(a, NextAction::PastDate, "{what}");
                            }
                        }
                    }
                }
            }
        }
    }
}
