//! Rule tasks: what the method asks you to do next, derived from your
//! interviews, correspondence and people as of a given instant. Nothing is
//! stored: a rescheduled interview moves its tasks, a declined one retires
//! them, and completing a step (confirming, thanking, calling) completes its
//! task the moment the records say so.

use crate::correspondence::{Channel, Direction, Purpose};
use crate::interviews::Mode;
use crate::pipeline::Status;
use crate::schedule::format_local;
use crate::tasks::TaskRule;
use crate::validated::TimeZone;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone as _, Utc, Weekday};
use serde::Serialize;

/// What the rules need to know about an interview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterviewFacts {
    /// Id.
    pub id: String,
    /// With whom.
    pub person_id: String,
    /// Their name.
    pub person_name: String,
    /// Where they work.
    pub organization_name: Option<String>,
    /// Status.
    pub status: Status,
    /// How.
    pub mode: Mode,
    /// Start.
    pub starts_at: Option<DateTime<Utc>>,
    /// Agreed minutes.
    pub length_minutes: u16,
    /// The meeting's zone.
    pub time_zone: TimeZone,
    /// When it reached its status (undated steps count from it).
    pub status_changed_at: DateTime<Utc>,
}

/// What the rules need to know about a contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactFacts {
    /// Id.
    pub id: String,
    /// With whom.
    pub person_id: String,
    /// Their name.
    pub person_name: String,
    /// How.
    pub channel: Channel,
    /// Who reached out.
    pub direction: Direction,
    /// What for.
    pub purpose: Purpose,
    /// When.
    pub occurred_at: DateTime<Utc>,
}

/// What the rules need to know about a person you keep in touch with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonFacts {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Days between notes.
    pub cadence_days: u32,
    /// When the record was made (the start when nothing else happened).
    pub created_at: DateTime<Utc>,
    /// When its keep-in-touch task was last marked done.
    pub last_done: Option<DateTime<Utc>>,
    /// The latest contact or held interview with them, when the reader of
    /// the facts found it without passing every contact in (the rules also
    /// look through the contacts and interviews they are given).
    pub last_seen: Option<DateTime<Utc>>,
}

/// Everything the rules read.
#[derive(Debug, Clone, Default)]
pub struct World {
    /// Interviews that are not closed.
    pub interviews: Vec<InterviewFacts>,
    /// Contacts.
    pub contacts: Vec<ContactFacts>,
    /// People with stay-in-touch permission and a cadence.
    pub keep_in_touch: Vec<PersonFacts>,
}

/// A task a rule made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleTask {
    /// Stable while the facts behind it stay the same.
    pub key: String,
    /// The rule.
    pub rule: TaskRule,
    /// What to do.
    pub title: String,
    /// Why, in words.
    pub reason: String,
    /// When.
    pub due_at: DateTime<Utc>,
    /// The person it concerns.
    pub person_id: Option<String>,
    /// Their name.
    pub person_name: Option<String>,
    /// The interview it belongs to.
    pub interview_id: Option<String>,
}

/// The hour a call is due on its day: a sensible time to phone an office.
const CALL_HOUR: u32 = 10;
/// Time allowed to travel to an in-person interview.
const TRAVEL: Duration = Duration::minutes(30);
/// Arrive this early.
const EARLY: Duration = Duration::minutes(10);

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The business day before `d` (Monday's is the Friday before).
pub fn previous_business_day(d: NaiveDate) -> NaiveDate {
    let mut day = d - Duration::days(1);
    while is_weekend(day) {
        day -= Duration::days(1);
    }
    day
}

/// `n` business days after `d` (Thursday + 3 is the Tuesday after).
pub fn add_business_days(d: NaiveDate, n: u32) -> NaiveDate {
    let mut day = d;
    let mut left = n;
    while left > 0 {
        day += Duration::days(1);
        if !is_weekend(day) {
            left -= 1;
        }
    }
    day
}

/// `CALL_HOUR` o'clock on `day` in `zone`.
fn at_call_hour(day: NaiveDate, zone: TimeZone) -> DateTime<Utc> {
    let local = day.and_time(NaiveTime::from_hms_opt(CALL_HOUR, 0, 0).unwrap_or_default());
    zone.tz()
        .from_local_datetime(&local)
        .earliest()
        .map_or_else(|| Utc.from_utc_datetime(&local), |t| t.with_timezone(&Utc))
}

fn confirm(i: &InterviewFacts, start: DateTime<Utc>) -> RuleTask {
    let day = previous_business_day(start.with_timezone(&i.time_zone.tz()).date_naive());
    RuleTask {
        key: format!("confirm:{}:{}", i.id, start.timestamp()),
        rule: TaskRule::Confirm,
        title: format!("Call {} to confirm your interview", i.person_name),
        reason: format!(
            "You meet {} on {}. The day before, call to confirm the appointment, and ask for directions if you need them.",
            i.person_name,
            format_local(start, i.time_zone)
        ),
        due_at: at_call_hour(day, i.time_zone),
        person_id: Some(i.person_id.clone()),
        person_name: Some(i.person_name.clone()),
        interview_id: Some(i.id.clone()),
    }
}

fn leave(i: &InterviewFacts, start: DateTime<Utc>) -> RuleTask {
    let (title, reason, due) = if i.mode == Mode::InPerson {
        (
            format!("Leave for your interview with {}", i.person_name),
            format!(
                "It starts at {}. Leave now to arrive 10 minutes early (this allows 30 minutes to get there).",
                format_local(start, i.time_zone)
            ),
            start - EARLY - TRAVEL,
        )
    } else {
        (
            format!(
                "Get ready for your {} with {}",
                if i.mode == Mode::Phone {
                    "call"
                } else {
                    "video call"
                },
                i.person_name
            ),
            format!(
                "It starts at {}. Be ready 10 minutes early, with your questions and a place to take notes.",
                format_local(start, i.time_zone)
            ),
            start - EARLY,
        )
    };
    RuleTask {
        key: format!("leave:{}:{}", i.id, start.timestamp()),
        rule: TaskRule::Leave,
        title,
        reason,
        due_at: due,
        person_id: Some(i.person_id.clone()),
        person_name: Some(i.person_name.clone()),
        interview_id: Some(i.id.clone()),
    }
}

fn thank_you(i: &InterviewFacts) -> RuleTask {
    // Marking it held records when it really ended (asked, with the agreed
    // end offered), so the 24 hours count from then, not from the plan.
    let end = i.status_changed_at;
    RuleTask {
        key: format!("thank-you:{}", i.id),
        rule: TaskRule::ThankYou,
        title: format!("Send a thank-you note to {}", i.person_name),
        reason: format!(
            "You talked with {} on {}. Send thanks within 24 hours, with your address and phone under your signature.",
            i.person_name,
            format_local(end, i.time_zone)
        ),
        due_at: end + Duration::hours(24),
        person_id: Some(i.person_id.clone()),
        person_name: Some(i.person_name.clone()),
        interview_id: Some(i.id.clone()),
    }
}

/// Outreach that counts for the rules: anything you sent before the interview.
fn is_outreach(c: &ContactFacts) -> bool {
    c.direction == Direction::Out
        && matches!(
            c.purpose,
            Purpose::Introduction | Purpose::FollowUp | Purpose::Other
        )
}

fn replied_since(world: &World, person: &str, since: DateTime<Utc>) -> bool {
    world
        .contacts
        .iter()
        .any(|c| c.person_id == person && c.direction == Direction::In && c.occurred_at > since)
}

fn three_b_seven(world: &World, i: &InterviewFacts, zone: TimeZone) -> Vec<RuleTask> {
    let base = world
        .contacts
        .iter()
        .filter(|c| c.person_id == i.person_id && is_outreach(c))
        .map(|c| c.occurred_at)
        .max()
        .unwrap_or(i.status_changed_at);
    if replied_since(world, &i.person_id, base) {
        return Vec::new();
    }
    let day = base.with_timezone(&zone.tz()).date_naive();
    let since = format_local(base, zone);
    let elsewhere = match &i.organization_name {
        Some(org) => format!("someone else at {org}"),
        None => "someone else in the field".to_owned(),
    };
    vec![
        RuleTask {
            key: format!("reach-wider:{}:{}", i.id, base.timestamp()),
            rule: TaskRule::ReachWider,
            title: format!("Reach out to {elsewhere} too"),
            reason: format!(
                "No reply from {} since {since}. After 3 business days, contact {elsewhere} as well (the 3B7 routine).",
                i.person_name
            ),
            due_at: at_call_hour(add_business_days(day, 3), zone),
            person_id: Some(i.person_id.clone()),
            person_name: Some(i.person_name.clone()),
            interview_id: Some(i.id.clone()),
        },
        RuleTask {
            key: format!("follow-up:{}:{}", i.id, base.timestamp()),
            rule: TaskRule::FollowUp,
            title: format!("Follow up with {}", i.person_name),
            reason: format!(
                "No reply since {since}. After 7 business days, follow up with a friendly call or note (the 3B7 routine)."
            ),
            due_at: at_call_hour(add_business_days(day, 7), zone),
            person_id: Some(i.person_id.clone()),
            person_name: Some(i.person_name.clone()),
            interview_id: Some(i.id.clone()),
        },
    ]
}

fn call_after_letter(world: &World, letter: &ContactFacts, zone: TimeZone) -> Option<RuleTask> {
    let answered = world.contacts.iter().any(|c| {
        c.person_id == letter.person_id
            && c.occurred_at > letter.occurred_at
            && (c.direction == Direction::In
                || matches!(c.channel, Channel::Phone | Channel::InPerson))
    });
    let scheduled = world.interviews.iter().any(|i| {
        i.person_id == letter.person_id
            && !matches!(i.status, Status::Idea | Status::Requested | Status::NoReply)
    });
    if answered || scheduled {
        return None;
    }
    let day = add_business_days(letter.occurred_at.with_timezone(&zone.tz()).date_naive(), 3);
    Some(RuleTask {
        key: format!("call-after-letter:{}", letter.id),
        rule: TaskRule::CallAfterLetter,
        title: format!("Call {} about your letter", letter.person_name),
        reason: format!(
            "You wrote to {} on {}. Never expect them to phone you: call to ask for 20–30 minutes.",
            letter.person_name,
            format_local(letter.occurred_at, zone)
        ),
        due_at: at_call_hour(day, zone),
        person_id: Some(letter.person_id.clone()),
        person_name: Some(letter.person_name.clone()),
        interview_id: None,
    })
}

fn stay_in_touch(world: &World, p: &PersonFacts, zone: TimeZone) -> RuleTask {
    let last_contact = world
        .contacts
        .iter()
        .filter(|c| c.person_id == p.id)
        .map(|c| c.occurred_at)
        .max();
    let last_interview = world
        .interviews
        .iter()
        .filter(|i| {
            i.person_id == p.id
                && matches!(i.status, Status::Done | Status::Thanked | Status::Closed)
        })
        .filter_map(|i| i.starts_at)
        .max();
    let last = last_contact
        .max(last_interview)
        .max(p.last_done)
        .max(p.last_seen)
        .unwrap_or(p.created_at);
    RuleTask {
        key: format!("stay-in-touch:{}:{}", p.id, last.timestamp()),
        rule: TaskRule::StayInTouch,
        title: format!("Keep in touch with {}", p.name),
        reason: format!(
            "You were last in touch on {}, and you planned a note every {} days. Staying in touch grows your network.",
            format_local(last, zone),
            p.cadence_days
        ),
        due_at: last + Duration::days(i64::from(p.cadence_days)),
        person_id: Some(p.id.clone()),
        person_name: Some(p.name.clone()),
        interview_id: None,
    }
}

/// Every rule task as of `now`, soonest first. `zone` is the user's, for
/// rules about letters and contacts that carry no zone of their own.
pub fn derive(world: &World, now: DateTime<Utc>, zone: TimeZone) -> Vec<RuleTask> {
    let mut out = Vec::new();
    for i in &world.interviews {
        match (i.status, i.starts_at) {
            (Status::Scheduled, Some(start)) => {
                // Once it has begun there is nothing left to confirm.
                if start > now {
                    out.push(confirm(i, start));
                }
                out.push(leave(i, start));
            }
            (Status::Confirmed, Some(start)) => out.push(leave(i, start)),
            (Status::Done, _) => out.push(thank_you(i)),
            (Status::Requested, _) => out.extend(three_b_seven(world, i, zone)),
            _ => {}
        }
    }
    // A leave task is over once the interview has ended.
    out.retain(|t| {
        t.rule != TaskRule::Leave
            || world.interviews.iter().any(|i| {
                Some(i.id.as_str()) == t.interview_id.as_deref()
                    && i.starts_at
                        .is_some_and(|s| s + Duration::minutes(i64::from(i.length_minutes)) > now)
            })
    });
    for c in &world.contacts {
        if c.direction == Direction::Out
            && c.purpose == Purpose::Introduction
            && matches!(c.channel, Channel::Letter | Channel::Email)
            && let Some(task) = call_after_letter(world, c, zone)
        {
            out.push(task);
        }
    }
    for p in &world.keep_in_touch {
        out.push(stay_in_touch(world, p, zone));
    }
    out.sort_by(|a, b| a.due_at.cmp(&b.due_at).then_with(|| a.key.cmp(&b.key)));
    out
}

#[cfg(test)]
mod tests;
