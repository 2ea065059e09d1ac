//! The interview pipeline: idea → requested → scheduled → confirmed → done →
//! thanked → closed, with declined and no reply as the ways an open request
//! can end. Only the moves below are allowed; every refusal names the allowed
//! next statuses.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where an interview stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Someone you would like to talk to; nothing sent yet.
    Idea,
    /// You asked (call, letter, email) and wait for an answer.
    Requested,
    /// A date and time is agreed.
    Scheduled,
    /// You called the day before and the appointment stands.
    Confirmed,
    /// The conversation happened.
    Done,
    /// The thank-you note is sent.
    Thanked,
    /// Nothing more to do for this conversation.
    Closed,
    /// The person said no.
    Declined,
    /// No answer came.
    NoReply,
}

impl crate::Named for Status {
    fn all() -> &'static [Self] {
        &Self::ALL
    }
    fn name(self) -> &'static str {
        self.as_str()
    }
}

impl Status {
    /// Every status, in pipeline order.
    pub const ALL: [Status; 9] = [
        Status::Idea,
        Status::Requested,
        Status::Scheduled,
        Status::Confirmed,
        Status::Done,
        Status::Thanked,
        Status::Closed,
        Status::Declined,
        Status::NoReply,
    ];

    /// The stored and typed name (`no-reply`, not `NoReply`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Idea => "idea",
            Status::Requested => "requested",
            Status::Scheduled => "scheduled",
            Status::Confirmed => "confirmed",
            Status::Done => "done",
            Status::Thanked => "thanked",
            Status::Closed => "closed",
            Status::Declined => "declined",
            Status::NoReply => "no-reply",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Status::Idea => "Idea",
            Status::Requested => "Requested",
            Status::Scheduled => "Scheduled",
            Status::Confirmed => "Confirmed",
            Status::Done => "Done",
            Status::Thanked => "Thanked",
            Status::Closed => "Closed",
            Status::Declined => "Declined",
            Status::NoReply => "No reply",
        }
    }

    /// Reads a status as typed (`no-reply`, `no_reply` and `No reply` all work).
    pub fn parse(raw: &str) -> Option<Status> {
        let key: String = raw
            .trim()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        Status::ALL
            .into_iter()
            .find(|s| s.as_str().replace('-', "") == key)
    }

    /// The statuses this one may move to.
    pub fn next(self) -> &'static [Status] {
        use Status::*;
        match self {
            Idea => &[Requested, Scheduled],
            Requested => &[Scheduled, Declined, NoReply],
            Scheduled => &[Confirmed, Done, Declined, NoReply],
            // Back to scheduled when the appointment moves and needs confirming again.
            Confirmed => &[Done, Scheduled, Declined, NoReply],
            Done => &[Thanked],
            Thanked => &[Closed],
            // Following up after silence is the method's 3B7 routine; a "not
            // now" can become a yes later, so a declined request can reopen.
            NoReply | Declined => &[Requested],
            Closed => &[],
        }
    }

    /// True while the conversation is still ahead of you.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Status::Idea | Status::Requested | Status::Scheduled | Status::Confirmed
        )
    }

    /// True when the status needs an agreed date and time.
    pub fn needs_start(self) -> bool {
        matches!(self, Status::Scheduled | Status::Confirmed)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The method's seven steps, the spine of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    /// Fields to explore, people to ask.
    Identify,
    /// The organization and the field.
    Research,
    /// A call or a letter, then the follow-up call.
    ReachOut,
    /// Confirm, questions, answers, the brief.
    Prepare,
    /// Twenty to thirty minutes: notes, referrals.
    Talk,
    /// Right after: the reflection, thanks within 24 hours.
    ReflectAndThank,
    /// Follow up and grow the network.
    StayInTouch,
}

impl Step {
    /// Every step, in the method's order.
    pub const ALL: [Step; 7] = [
        Step::Identify,
        Step::Research,
        Step::ReachOut,
        Step::Prepare,
        Step::Talk,
        Step::ReflectAndThank,
        Step::StayInTouch,
    ];

    /// 1 to 7.
    pub fn number(self) -> usize {
        Step::ALL
            .iter()
            .position(|s| *s == self)
            .map_or(0, |i| i + 1)
    }

    /// The step's short name.
    pub fn label(self) -> &'static str {
        match self {
            Step::Identify => "Identify",
            Step::Research => "Research",
            Step::ReachOut => "Reach out",
            Step::Prepare => "Prepare",
            Step::Talk => "Talk",
            Step::ReflectAndThank => "Reflect and thank",
            Step::StayInTouch => "Stay in touch",
        }
    }

    /// What the step asks of you, in a sentence.
    pub fn summary(self) -> &'static str {
        match self {
            Step::Identify => {
                "Choose fields to explore and list people to ask, starting with those you know."
            }
            Step::Research => {
                "Read up on the organization and the field before you ask for anyone's time."
            }
            Step::ReachOut => {
                "Call or write to ask for 20–30 minutes, then follow a letter with a call."
            }
            Step::Prepare => {
                "Confirm the day before, choose your questions and rehearse your answers."
            }
            Step::Talk => "Keep to the time, let them talk, and always ask for referrals.",
            Step::ReflectAndThank => {
                "Write down what you learned right away and send thanks within 24 hours."
            }
            Step::StayInTouch => {
                "Ask to stay in touch, follow up now and then, and follow your referrals."
            }
        }
    }
}

impl Status {
    /// The step of the method an interview in this status is at.
    pub fn step(self) -> Step {
        match self {
            Status::Idea => Step::Research,
            Status::Requested | Status::NoReply => Step::ReachOut,
            Status::Scheduled | Status::Confirmed => Step::Prepare,
            Status::Done => Step::ReflectAndThank,
            Status::Thanked | Status::Closed => Step::StayInTouch,
            Status::Declined => Step::Identify,
        }
    }

    /// The next thing the method asks for, in words.
    pub fn advice(self) -> &'static str {
        match self {
            Status::Idea => {
                "Research the organization, then call or write to ask for 20–30 minutes."
            }
            Status::Requested => "Follow up with a call; never expect them to phone you.",
            Status::Scheduled => {
                "Call the day before to confirm, and ask for directions if you need them."
            }
            Status::Confirmed => "Choose your questions and plan to arrive 10 minutes early.",
            Status::Done => {
                "Write down what you learned and send a thank-you note within 24 hours."
            }
            Status::Thanked => "Ask to stay in touch, and follow up on the referrals you received.",
            Status::Closed => "Keep in touch now and then; referrals open doors.",
            Status::Declined => "No harm done: thank them anyway and ask someone else.",
            Status::NoReply => {
                "Reach out to someone else there too, then follow up with the first person."
            }
        }
    }
}

/// The shortest chain of allowed moves from `from` to `to` (excluding
/// `from`), or `None` when `to` cannot be reached.
pub fn path(from: Status, to: Status) -> Option<Vec<Status>> {
    let mut came_from: Vec<(Status, Status)> = Vec::new();
    let mut queue = std::collections::VecDeque::from([from]);
    let mut seen = vec![from];
    while let Some(at) = queue.pop_front() {
        if at == to {
            let mut chain = Vec::new();
            let mut step = at;
            while step != from {
                chain.push(step);
                step = came_from
                    .iter()
                    .find(|(n, _)| *n == step)
                    .map(|(_, p)| *p)?;
            }
            chain.reverse();
            return Some(chain);
        }
        for &n in at.next() {
            if !seen.contains(&n) {
                seen.push(n);
                came_from.push((n, at));
                queue.push_back(n);
            }
        }
    }
    None
}

/// Why a move was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoveError {
    /// The pipeline has no such step.
    #[error("{}", not_allowed(*from, *to))]
    NotAllowed {
        /// The current status.
        from: Status,
        /// The status asked for.
        to: Status,
    },
    /// Scheduling needs a date and time first.
    #[error("add the interview's date and time before moving it to {to}")]
    NeedsStart {
        /// The status asked for.
        to: Status,
    },
}

fn not_allowed(from: Status, to: Status) -> String {
    let allowed: Vec<&str> = from.next().iter().map(|s| s.as_str()).collect();
    let next = if allowed.is_empty() {
        format!("{from} is final; nothing can follow it")
    } else {
        format!("allowed next: {}", allowed.join(", "))
    };
    if from == to {
        format!("the interview is already {from}; {next}")
    } else {
        format!("an interview cannot move from {from} to {to}; {next}")
    }
}

/// Checks one move. `has_start` says whether the interview has a date and time.
pub fn check_move(from: Status, to: Status, has_start: bool) -> Result<(), MoveError> {
    if !from.next().contains(&to) {
        return Err(MoveError::NotAllowed { from, to });
    }
    if to.needs_start() && !has_start {
        return Err(MoveError::NeedsStart { to });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_happy_path_is_allowed() {
        let path = [
            Status::Idea,
            Status::Requested,
            Status::Scheduled,
            Status::Confirmed,
            Status::Done,
            Status::Thanked,
            Status::Closed,
        ];
        for pair in path.windows(2) {
            assert_eq!(check_move(pair[0], pair[1], true), Ok(()), "{pair:?}");
        }
    }

    #[test]
    fn idea_to_closed_is_refused_naming_the_allowed_moves() {
        let err = check_move(Status::Idea, Status::Closed, true).unwrap_err();
        assert_eq!(
            err.to_string(),
            "an interview cannot move from idea to closed; allowed next: requested, scheduled"
        );
    }

    #[test]
    fn final_statuses_say_so() {
        let err = check_move(Status::Closed, Status::Idea, true).unwrap_err();
        assert!(err.to_string().contains("closed is final"));
    }

    #[test]
    fn scheduling_needs_a_start() {
        assert_eq!(
            check_move(Status::Requested, Status::Scheduled, false),
            Err(MoveError::NeedsStart {
                to: Status::Scheduled
            })
        );
    }

    #[test]
    fn declined_and_no_reply_can_be_asked_again() {
        for from in [Status::Declined, Status::NoReply] {
            assert_eq!(check_move(from, Status::Requested, false), Ok(()), "{from}");
            assert!(check_move(from, Status::Scheduled, true).is_err(), "{from}");
        }
        assert_eq!(Status::Closed.next(), &[] as &[Status]);
    }

    #[test]
    fn declined_and_no_reply_only_from_requests_in_flight() {
        for from in Status::ALL {
            let allowed = check_move(from, Status::Declined, true).is_ok();
            let in_flight = matches!(
                from,
                Status::Requested | Status::Scheduled | Status::Confirmed
            );
            assert_eq!(allowed, in_flight, "{from} → declined");
            assert_eq!(
                check_move(from, Status::NoReply, true).is_ok(),
                in_flight,
                "{from} → no-reply"
            );
        }
    }

    #[test]
    fn every_status_sits_at_a_step_and_has_advice() {
        for s in Status::ALL {
            assert!((1..=7).contains(&s.step().number()), "{s}");
            assert!(!s.advice().is_empty());
        }
        assert_eq!(Status::Done.step(), Step::ReflectAndThank);
        assert!(Status::Done.advice().contains("24 hours"));
        assert_eq!(Step::ALL.map(Step::number), [1, 2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn parse_accepts_the_usual_spellings() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
            assert_eq!(Status::parse(s.label()), Some(s));
        }
        assert_eq!(Status::parse("NO_REPLY"), Some(Status::NoReply));
        assert_eq!(Status::parse("finished"), None);
    }

    #[test]
    fn paths_follow_allowed_moves() {
        assert_eq!(path(Status::Idea, Status::Idea), Some(vec![]));
        assert_eq!(
            path(Status::Idea, Status::Thanked),
            Some(vec![Status::Scheduled, Status::Done, Status::Thanked])
        );
        assert_eq!(path(Status::Closed, Status::Idea), None);
        for to in Status::ALL {
            let chain = path(Status::Idea, to).unwrap();
            let mut at = Status::Idea;
            for s in chain {
                assert!(check_move(at, s, true).is_ok());
                at = s;
            }
            assert_eq!(at, to);
        }
    }

    #[test]
    fn every_status_is_reachable_from_idea() {
        let mut seen = vec![Status::Idea];
        let mut i = 0;
        while i < seen.len() {
            for &n in seen[i].next() {
                if !seen.contains(&n) {
                    seen.push(n);
                }
            }
            i += 1;
        }
        assert_eq!(seen.len(), Status::ALL.len());
    }

    fn status() -> impl Strategy<Value = Status> {
        (0..Status::ALL.len()).prop_map(|i| Status::ALL[i])
    }

    proptest! {
        #[test]
        fn check_agrees_with_the_table(from in status(), to in status(), has_start: bool) {
            let result = check_move(from, to, has_start);
            let listed = from.next().contains(&to);
            prop_assert_eq!(result.is_ok(), listed && (has_start || !to.needs_start()));
            if let Err(MoveError::NotAllowed { .. }) = result {
                let msg = result.unwrap_err().to_string();
                for n in from.next() {
                    prop_assert!(msg.contains(n.as_str()), "{} misses {}", msg, n);
                }
            }
        }

        #[test]
        fn random_walks_only_take_listed_steps(moves in proptest::collection::vec(status(), 0..40)) {
            let mut at = Status::Idea;
            for to in moves {
                if check_move(at, to, true).is_ok() {
                    prop_assert!(at.next().contains(&to));
                    at = to;
                }
            }
            prop_assert!(Status::ALL.contains(&at));
        }
    }
}
