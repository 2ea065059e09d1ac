//! Correspondence: every contact attempt, in or out, with a copy of what was
//! written ("proofread all correspondence and save copies").

use crate::error::FieldErrors;
use crate::people::Ref;
use crate::pipeline::Status;
use crate::schedule::local_to_utc;
use crate::text_enum::text_enum;
use crate::validated::{TimeZone, optional_line};
use chrono::{DateTime, Utc};
use serde::Serialize;

text_enum! {
    /// How the contact happened.
    Channel, field = "channel" {
        Phone = "phone", "Phone";
        Letter = "letter", "Letter";
        Email = "email", "Email";
        InPerson = "in-person", "In person";
        Message = "message", "Message";
    }
}

text_enum! {
    /// Who reached out.
    Direction, field = "direction" {
        Out = "out", "You reached out";
        In = "in", "They reached you";
    }
}

text_enum! {
    /// What the contact was for; the rules read it.
    Purpose, field = "purpose" {
        Introduction = "introduction", "Introductory letter or call";
        FollowUp = "follow-up", "Follow-up";
        Confirmation = "confirmation", "Confirming the appointment";
        ThankYou = "thank-you", "Thank-you note";
        KeepInTouch = "keep-in-touch", "Keeping in touch";
        Other = "other", "Other";
    }
}

text_enum! {
    /// How it went.
    Outcome, field = "outcome" {
        Sent = "sent", "Sent";
        Reached = "reached", "Talked";
        LeftMessage = "left-message", "Left a message";
        NoAnswer = "no-answer", "No answer";
        Agreed = "agreed", "They agreed to meet";
        Declined = "declined", "They declined";
        Replied = "replied", "They replied";
    }
}

impl Outcome {
    /// The person answered: a later contact with this outcome ends the wait
    /// that reply times measure.
    pub fn is_answer(self) -> bool {
        matches!(
            self,
            Outcome::Reached | Outcome::Agreed | Outcome::Declined | Outcome::Replied
        )
    }
}

impl Purpose {
    /// The step of the method a letter or call for this purpose belongs to.
    pub fn step(self) -> crate::pipeline::Step {
        use crate::pipeline::Step;
        match self {
            Purpose::Introduction | Purpose::FollowUp | Purpose::Other => Step::ReachOut,
            Purpose::Confirmation => Step::Prepare,
            Purpose::ThankYou => Step::ReflectAndThank,
            Purpose::KeepInTouch => Step::StayInTouch,
        }
    }

    /// Which of the person's interviews a letter of this purpose, once sent,
    /// belongs to (their latest in one of these statuses), and where the
    /// sending moves it: a thank-you sent thanks the interview it is for, an
    /// introduction makes an idea a request.
    pub fn sent_moves(self) -> (&'static [Status], Option<Status>) {
        match self {
            Purpose::Introduction => (
                &[Status::Idea, Status::NoReply, Status::Requested],
                Some(Status::Requested),
            ),
            Purpose::FollowUp => (
                &[Status::NoReply, Status::Requested],
                Some(Status::Requested),
            ),
            Purpose::Confirmation => (
                &[Status::Scheduled, Status::Confirmed],
                Some(Status::Confirmed),
            ),
            Purpose::ThankYou => (&[Status::Done, Status::Thanked], Some(Status::Thanked)),
            Purpose::KeepInTouch => (&[Status::Thanked, Status::Closed], None),
            Purpose::Other => (&[], None),
        }
    }
}

/// Which interview a logged contact belongs to and where it moves it: a
/// letter sent as [`Purpose::sent_moves`] says; "they agreed to meet",
/// whoever reached out, reopens a declined or unanswered request (and makes
/// an idea a request).
pub fn contact_moves(c: &ContactInput) -> (&'static [Status], Option<Status>) {
    match (c.direction, c.outcome) {
        (_, Outcome::Agreed) => (
            &[
                Status::Declined,
                Status::NoReply,
                Status::Idea,
                Status::Requested,
            ],
            Some(Status::Requested),
        ),
        (Direction::Out, Outcome::Sent) => c.purpose.sent_moves(),
        _ => (&[], None),
    }
}

/// Which of a person's interviews a contact belongs to, among `candidates`
/// as `(status, when)` (its start, or when it last moved): the one whose
/// status the contact is most for (the first in `from`: a thank-you goes to
/// the interview just held before one already thanked), and among those the
/// one nearest to `at` (a confirmation to tomorrow's, not next month's).
pub fn pick_interview(
    candidates: &[(Status, DateTime<Utc>)],
    from: &[Status],
    at: DateTime<Utc>,
) -> Option<usize> {
    candidates
        .iter()
        .enumerate()
        .filter_map(|(i, (status, when))| {
            let rank = from.iter().position(|s| s == status)?;
            Some((rank, (*when - at).num_seconds().abs(), i))
        })
        .min()
        .map(|(_, _, i)| i)
}

#[cfg(test)]
mod sent_moves_tests {
    use super::*;
    use crate::pipeline::check_move;

    #[test]
    fn every_move_a_sent_letter_makes_is_one_the_pipeline_allows() {
        for purpose in [
            Purpose::Introduction,
            Purpose::FollowUp,
            Purpose::Confirmation,
            Purpose::ThankYou,
            Purpose::KeepInTouch,
            Purpose::Other,
        ] {
            let (from, to) = purpose.sent_moves();
            for f in from {
                if let Some(to) = to.filter(|t| t != f) {
                    assert_eq!(
                        check_move(*f, to, true),
                        Ok(()),
                        "{purpose:?}: {f:?} → {to:?}"
                    );
                }
            }
        }
        assert_eq!(Purpose::ThankYou.sent_moves().1, Some(Status::Thanked));
        let at = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 26, 9, 0, 0).unwrap();
        let days = |n: i64| at + chrono::Duration::days(n);
        // A confirmation: tomorrow's scheduled interview, not next month's.
        let (from, _) = Purpose::Confirmation.sent_moves();
        let two = [(Status::Scheduled, days(30)), (Status::Scheduled, days(1))];
        assert_eq!(pick_interview(&two, from, at), Some(1));
        // A thank-you: the one held, before one already thanked (even later).
        let (from, _) = Purpose::ThankYou.sent_moves();
        let held = [
            (Status::Thanked, days(5)),
            (Status::Done, days(-1)),
            (Status::Idea, days(0)),
        ];
        assert_eq!(pick_interview(&held, from, at), Some(1));
        assert_eq!(pick_interview(&[(Status::Idea, at)], from, at), None);
        for from in [Status::Declined, Status::NoReply, Status::Idea] {
            assert_eq!(
                check_move(from, Status::Requested, false),
                Ok(()),
                "{from:?} reopens"
            );
        }
    }
}

/// One contact as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    /// Stable id.
    pub id: String,
    /// With whom.
    pub person: Ref,
    /// The interview it belongs to, if any.
    pub interview_id: Option<String>,
    /// How.
    pub channel: Channel,
    /// Who reached out.
    pub direction: Direction,
    /// What for.
    pub purpose: Purpose,
    /// How it went.
    pub outcome: Outcome,
    /// When.
    pub occurred_at: DateTime<Utc>,
    /// Subject of a letter or email.
    pub subject: String,
    /// The copy of what was written, or notes on a call.
    pub body: String,
}

/// A contact as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactForm {
    /// Person id.
    pub person_id: String,
    /// Interview id.
    pub interview_id: Option<String>,
    /// Channel name.
    pub channel: String,
    /// Direction name; empty means out.
    pub direction: String,
    /// Purpose name; empty means other.
    pub purpose: String,
    /// Outcome name; empty means sent.
    pub outcome: String,
    /// Local time, empty for now.
    pub occurred_at: String,
    /// Zone of that time.
    pub time_zone: String,
    /// Subject.
    pub subject: String,
    /// Body or notes.
    pub body: String,
}

/// A checked contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactInput {
    /// Person id.
    pub person_id: String,
    /// Interview id.
    pub interview_id: Option<String>,
    /// Channel.
    pub channel: Channel,
    /// Direction.
    pub direction: Direction,
    /// Purpose.
    pub purpose: Purpose,
    /// Outcome.
    pub outcome: Outcome,
    /// When.
    pub occurred_at: DateTime<Utc>,
    /// Subject.
    pub subject: String,
    /// Body.
    pub body: String,
}

fn or_default<T: Copy>(
    errors: &mut FieldErrors,
    raw: &str,
    default: T,
    parse: impl Fn(&str) -> Result<T, crate::FieldError>,
) -> Option<T> {
    if raw.trim().is_empty() {
        Some(default)
    } else {
        errors.check(parse(raw))
    }
}

impl ContactForm {
    /// Checks the form; an empty time means `now`.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<ContactInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.person_id.trim().is_empty() {
            errors.push(crate::FieldError::new(
                "person",
                "choose whom you contacted",
            ));
        }
        let channel = errors.check(Channel::parse(&self.channel));
        let direction = or_default(
            &mut errors,
            &self.direction,
            Direction::Out,
            Direction::parse,
        );
        let purpose = or_default(&mut errors, &self.purpose, Purpose::Other, Purpose::parse);
        let outcome = or_default(&mut errors, &self.outcome, Outcome::Sent, Outcome::parse);
        let zone = or_default(
            &mut errors,
            &self.time_zone,
            TimeZone::utc(),
            TimeZone::parse,
        );
        let at = match (zone, self.occurred_at.trim()) {
            (_, "") => Some(now),
            (Some(z), raw) => errors.check(local_to_utc("occurred_at", raw, z)),
            (None, _) => None,
        };
        let subject = errors.check(optional_line("subject", &self.subject));
        let body = errors.check(crate::validated::long_text("body", &self.body));
        let (
            Some(channel),
            Some(direction),
            Some(purpose),
            Some(outcome),
            Some(occurred_at),
            Some(subject),
        ) = (channel, direction, purpose, outcome, at, subject)
        else {
            return Err(errors);
        };
        errors.finish()?;
        Ok(ContactInput {
            person_id: self.person_id.trim().to_owned(),
            interview_id: self.interview_id.clone(),
            channel,
            direction,
            purpose,
            outcome,
            occurred_at,
            subject: subject.unwrap_or_default(),
            body: body.unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    #[test]
    fn defaults_and_errors() {
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
        let ok = ContactForm {
            person_id: "p".into(),
            channel: "letter".into(),
            ..ContactForm::default()
        };
        let c = ok.validate(now).unwrap();
        assert_eq!(
            (c.direction, c.purpose, c.outcome, c.occurred_at),
            (Direction::Out, Purpose::Other, Outcome::Sent, now)
        );
        let bad = ContactForm {
            channel: "pigeon".into(),
            occurred_at: "soon".into(),
            ..ContactForm::default()
        };
        let errors = bad.validate(now).unwrap_err();
        for f in ["person", "channel", "occurred_at"] {
            assert!(errors.for_field(f).is_some(), "{f}");
        }
    }
}
