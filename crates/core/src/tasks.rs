//! Tasks: what to do next, each with the reason in words.

use crate::error::FieldErrors;
use crate::people::Ref;
use crate::schedule::local_to_utc;
use crate::text_enum::text_enum;
use crate::validated::{TimeZone, optional_line, required_line};
use chrono::{DateTime, Utc};
use serde::Serialize;

text_enum! {
    /// The rule that made a task; `user` for tasks you add yourself.
    TaskRule, field = "rule" {
        User = "user", "Your task";
        Confirm = "confirm", "Confirm the day before";
        Leave = "leave", "Leave in time";
        ThankYou = "thank-you", "Thank-you note";
        CallAfterLetter = "call-after-letter", "Call after the letter";
        ReachWider = "reach-wider", "Reach someone else too";
        FollowUp = "follow-up", "Follow up";
        StayInTouch = "stay-in-touch", "Stay in touch";
        PlanOfAction = "plan-of-action", "Plan of action";
    }
}

/// A task as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Task {
    /// Stable id.
    pub id: String,
    /// What to do.
    pub title: String,
    /// The rule that made it.
    pub rule: TaskRule,
    /// Why, in words.
    pub reason: String,
    /// When it is due.
    pub due_at: Option<DateTime<Utc>>,
    /// When it was done.
    pub done_at: Option<DateTime<Utc>>,
    /// The person it concerns.
    pub person: Option<Ref>,
    /// The interview it belongs to.
    pub interview_id: Option<String>,
    /// When the record was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl Task {
    /// Open and past its due instant.
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        self.done_at.is_none() && self.due_at.is_some_and(|d| d < now)
    }

    /// The task as an editable form, with the due time in `zone`.
    pub fn to_form(&self, zone: TimeZone) -> TaskForm {
        TaskForm {
            title: self.title.clone(),
            reason: self.reason.clone(),
            due: self
                .due_at
                .map(|d| {
                    d.with_timezone(&zone.tz())
                        .format("%Y-%m-%d %H:%M")
                        .to_string()
                })
                .unwrap_or_default(),
            time_zone: zone.name().to_owned(),
            person_id: self.person.as_ref().map(|p| p.id.clone()),
            interview_id: self.interview_id.clone(),
        }
    }
}

/// A task as typed, before checking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskForm {
    /// What to do.
    pub title: String,
    /// Why; empty gets a default.
    pub reason: String,
    /// Local due time such as `2026-12-03 09:00`; empty for none.
    pub due: String,
    /// Zone of the due time; empty means UTC.
    pub time_zone: String,
    /// Person id.
    pub person_id: Option<String>,
    /// Interview id.
    pub interview_id: Option<String>,
}

/// A task whose values have been checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskInput {
    /// What to do.
    pub title: String,
    /// The rule that made it.
    pub rule: TaskRule,
    /// Why, in words.
    pub reason: String,
    /// Due instant.
    pub due_at: Option<DateTime<Utc>>,
    /// Person id.
    pub person_id: Option<String>,
    /// Interview id.
    pub interview_id: Option<String>,
}

impl TaskForm {
    /// Checks a task you add yourself.
    pub fn validate(&self) -> Result<TaskInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title = errors.check(required_line("title", &self.title));
        let reason = errors.check(optional_line("reason", &self.reason));
        let zone = if self.time_zone.trim().is_empty() {
            Some(TimeZone::utc())
        } else {
            errors.check(TimeZone::parse(&self.time_zone))
        };
        let due_at = match (zone, self.due.trim()) {
            (_, "") => Some(None),
            (Some(zone), raw) => errors.check(local_to_utc("due", raw, zone).map(Some)),
            (None, _) => None,
        };
        let (Some(title), Some(reason), Some(due_at)) = (title, reason, due_at) else {
            return Err(errors);
        };
        errors.finish()?;
        Ok(TaskInput {
            title,
            rule: TaskRule::User,
            reason: reason.unwrap_or_else(|| "You added this task yourself.".to_owned()),
            due_at,
            person_id: self.person_id.clone(),
            interview_id: self.interview_id.clone(),
        })
    }
}

/// Where a snooze of `by` puts a task due at `due`: that long after its due
/// time while it is still ahead, or after now once it has passed. A snooze
/// never brings a task earlier than it was.
pub fn snoozed_until(
    due: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    by: chrono::Duration,
) -> DateTime<Utc> {
    due.map_or(now, |d| d.max(now)) + by
}

/// The longest snooze, in days: further off, a task is better given a date.
pub const MOST_SNOOZE_DAYS: i64 = 30;

/// How long a snooze of `days` puts a task off (field `days`): 1 to
/// [`MOST_SNOOZE_DAYS`], so a snooze never brings a task earlier.
pub fn snooze_days(days: i64) -> Result<chrono::Duration, crate::FieldError> {
    if (1..=MOST_SNOOZE_DAYS).contains(&days) {
        Ok(chrono::Duration::days(days))
    } else {
        Err(crate::FieldError::new(
            "days",
            format!("put it off by 1 to {MOST_SNOOZE_DAYS} days"),
        ))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_snooze_is_one_to_thirty_days_forward() {
        assert_eq!(snooze_days(1).unwrap(), chrono::Duration::days(1));
        assert!(snooze_days(30).is_ok());
        for bad in [0, -3, 31] {
            assert_eq!(snooze_days(bad).unwrap_err().field, "days", "{bad}");
        }
    }

    #[test]
    fn a_snooze_never_brings_a_task_earlier() {
        use chrono::{Duration, TimeZone as _};
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 17, 0, 0).unwrap();
        let day = Duration::days(1);
        let next_wednesday = now + Duration::days(6);
        assert_eq!(
            super::snoozed_until(Some(next_wednesday), now, day),
            next_wednesday + day
        );
        assert_eq!(
            super::snoozed_until(Some(now - Duration::days(3)), now, day),
            now + day
        );
        assert_eq!(super::snoozed_until(None, now, day), now + day);
    }

    use super::*;
    use chrono::TimeZone as _;

    #[test]
    fn a_user_task_gets_a_reason_and_a_due_instant() {
        let t = TaskForm {
            title: "Research Analytical Engines".into(),
            due: "2026-12-01 09:00".into(),
            time_zone: "Europe/London".into(),
            ..TaskForm::default()
        }
        .validate()
        .unwrap();
        assert_eq!(t.rule, TaskRule::User);
        assert!(!t.reason.is_empty());
        assert_eq!(
            t.due_at,
            Some(Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap())
        );
    }

    #[test]
    fn bad_input_names_the_field() {
        let errors = TaskForm {
            due: "soon".into(),
            ..TaskForm::default()
        }
        .validate()
        .unwrap_err();
        assert!(errors.for_field("title").is_some());
        assert!(errors.for_field("due").is_some());
    }

    #[test]
    fn overdue_means_open_and_past_due() {
        let now = Utc.with_ymd_and_hms(2026, 12, 2, 0, 0, 0).unwrap();
        let mut t = Task {
            id: "t".into(),
            title: "x".into(),
            rule: TaskRule::User,
            reason: "r".into(),
            due_at: Some(now - chrono::Duration::hours(1)),
            done_at: None,
            person: None,
            interview_id: None,
            created_at: now,
            updated_at: now,
        };
        assert!(t.is_overdue(now));
        t.done_at = Some(now);
        assert!(!t.is_overdue(now));
    }
}
