//! Interviews: one record per conversation, moved along the pipeline.

use crate::error::{FieldError, FieldErrors};
use crate::people::Ref;
use crate::pipeline::Status;
use crate::preparation::PrepFlags;
use crate::schedule::local_to_utc;
use crate::text_enum::text_enum;
use crate::validated::{Length, TimeZone, optional_line};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

text_enum! {
    /// How the conversation happens.
    Mode, field = "mode" {
        InPerson = "in-person", "In person";
        Phone = "phone", "Phone";
        Video = "video", "Video";
    }
}

/// An interview as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Interview {
    /// Stable id.
    pub id: String,
    /// Whom you talk to.
    pub person: Ref,
    /// Where they work, for this conversation.
    pub organization: Option<Ref>,
    /// The fields this conversation explores.
    pub fields: Vec<Ref>,
    /// In person, phone or video.
    pub mode: Mode,
    /// Address, phone number or meeting link.
    pub place: String,
    /// How to get there (asked for when confirming).
    pub directions: String,
    /// The agreed start, when there is one.
    pub starts_at: Option<DateTime<Utc>>,
    /// The zone the start was agreed in.
    pub time_zone: TimeZone,
    /// The agreed length.
    pub length: Length,
    /// Where it stands in the pipeline.
    pub status: Status,
    /// Free notes.
    pub notes: String,
    /// The checklist items you ticked.
    pub prep: PrepFlags,
    /// What they said they look for in people.
    pub qualifications_sought: String,
    /// When the record was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// When it last moved along the pipeline (for a held one: when the
    /// conversation ended).
    pub status_changed_at: DateTime<Utc>,
    /// The times offered while asking for it.
    pub proposed_times: crate::proposed_times::ProposedTimes,
}

impl Interview {
    /// When the agreed time is up.
    pub fn ends_at(&self) -> Option<DateTime<Utc>> {
        self.starts_at
            .map(|s| s + Duration::minutes(i64::from(self.length.minutes())))
    }

    /// The end to suggest when it is marked held: the agreed end when that
    /// has passed, otherwise now (held early, or never dated).
    pub fn suggested_end(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        self.ends_at().filter(|end| *end <= now).unwrap_or(now)
    }

    /// The interview as an editable form, with the start in its own zone.
    pub fn to_form(&self) -> InterviewForm {
        let tz = self.time_zone.tz();
        InterviewForm {
            person_id: self.person.id.clone(),
            organization_id: self.organization.as_ref().map(|o| o.id.clone()),
            field_ids: self.fields.iter().map(|f| f.id.clone()).collect(),
            mode: self.mode.as_str().to_owned(),
            place: self.place.clone(),
            directions: self.directions.clone(),
            starts_at: self
                .starts_at
                .map(|s| s.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default(),
            time_zone: self.time_zone.name().to_owned(),
            length: self.length.minutes().to_string(),
            notes: self.notes.clone(),
        }
    }
}

/// An interview as typed, before checking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InterviewForm {
    /// The person's id.
    pub person_id: String,
    /// The organization's id.
    pub organization_id: Option<String>,
    /// Ids of the fields explored.
    pub field_ids: Vec<String>,
    /// Mode name; empty means in person.
    pub mode: String,
    /// Place.
    pub place: String,
    /// Directions.
    pub directions: String,
    /// Local start such as `2026-12-03 10:00`; empty when not agreed yet.
    pub starts_at: String,
    /// IANA zone of the start.
    pub time_zone: String,
    /// Minutes; empty means 30.
    pub length: String,
    /// Notes.
    pub notes: String,
}

/// An interview whose values have been checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterviewInput {
    /// The person's id.
    pub person_id: String,
    /// The organization's id.
    pub organization_id: Option<String>,
    /// Ids of the fields explored, without repeats.
    pub field_ids: Vec<String>,
    /// Mode.
    pub mode: Mode,
    /// Place.
    pub place: String,
    /// Directions.
    pub directions: String,
    /// Start instant.
    pub starts_at: Option<DateTime<Utc>>,
    /// Zone.
    pub time_zone: TimeZone,
    /// Length.
    pub length: Length,
    /// Notes.
    pub notes: String,
}

impl InterviewForm {
    /// Checks every value and reports every problem at once.
    pub fn validate(&self) -> Result<InterviewInput, FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.person_id.trim().is_empty() {
            errors.push(FieldError::new("person", "choose whom you will talk to"));
        }
        let mode = if self.mode.trim().is_empty() {
            Some(Mode::InPerson)
        } else {
            errors.check(Mode::parse(&self.mode))
        };
        let place = errors.check(optional_line("place", &self.place));
        let time_zone = if self.time_zone.trim().is_empty() {
            Some(TimeZone::utc())
        } else {
            errors.check(TimeZone::parse(&self.time_zone))
        };
        let length = if self.length.trim().is_empty() {
            Some(Length::DEFAULT)
        } else {
            errors.check(Length::parse(&self.length))
        };
        let starts_at = match (time_zone, self.starts_at.trim()) {
            (_, "") => Some(None),
            (Some(zone), raw) => errors.check(local_to_utc("starts_at", raw, zone).map(Some)),
            (None, _) => None,
        };
        let mut field_ids: Vec<String> = Vec::new();
        for id in self
            .field_ids
            .iter()
            .map(|f| f.trim())
            .filter(|f| !f.is_empty())
        {
            if !field_ids.iter().any(|f| f == id) {
                field_ids.push(id.to_owned());
            }
        }
        let directions = errors.check(crate::validated::long_text("directions", &self.directions));
        let notes = errors.check(crate::validated::long_text("notes", &self.notes));
        let (Some(mode), Some(place), Some(time_zone), Some(length), Some(starts_at)) =
            (mode, place, time_zone, length, starts_at)
        else {
            return Err(errors);
        };
        errors.finish()?;
        Ok(InterviewInput {
            person_id: self.person_id.trim().to_owned(),
            organization_id: self.organization_id.clone(),
            field_ids,
            mode,
            place: place.unwrap_or_default(),
            directions: directions.unwrap_or_default(),
            starts_at,
            time_zone,
            length,
            notes: notes.unwrap_or_default(),
        })
    }
}

impl InterviewInput {
    /// Refuses to drop the date of an interview whose status needs one.
    pub fn check_against(&self, status: Status) -> Result<(), FieldError> {
        if status.needs_start() && self.starts_at.is_none() {
            return Err(FieldError::new(
                "starts_at",
                format!(
                    "a {status} interview needs its date and time; move it back before removing them"
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> InterviewForm {
        InterviewForm {
            person_id: "p1".into(),
            ..InterviewForm::default()
        }
    }

    #[test]
    fn defaults_follow_the_method() {
        let i = form().validate().unwrap();
        assert_eq!(i.length.minutes(), 30);
        assert_eq!(i.mode, Mode::InPerson);
        assert_eq!(i.starts_at, None);
    }

    #[test]
    fn start_is_read_in_its_zone() {
        let mut f = form();
        f.starts_at = "2026-12-07 09:00".into();
        f.time_zone = "America/Los_Angeles".into();
        let i = f.validate().unwrap();
        assert_eq!(
            i.starts_at.unwrap().to_rfc3339(),
            "2026-12-07T17:00:00+00:00"
        );
    }

    #[test]
    fn problems_name_their_fields() {
        let f = InterviewForm {
            length: "500".into(),
            time_zone: "Nowhere/Land".into(),
            mode: "telepathy".into(),
            starts_at: "2026-12-07 09:00".into(),
            ..InterviewForm::default()
        };
        let errors = f.validate().unwrap_err();
        for field in ["person", "length", "time_zone", "mode"] {
            assert!(errors.for_field(field).is_some(), "{field}: {errors}");
        }
    }

    #[test]
    fn a_scheduled_interview_keeps_its_date() {
        let i = form().validate().unwrap();
        assert_eq!(
            i.check_against(Status::Scheduled).unwrap_err().field,
            "starts_at"
        );
        assert!(i.check_against(Status::Idea).is_ok());
    }
}

/// When a conversation ended, as typed on the form that marks it held (a
/// date and time in `zone`); empty means now. The rules count the thank-you
/// from it, so it may not be in the future.
pub fn ended_at(
    raw: &str,
    zone: TimeZone,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, crate::FieldError> {
    let at = read_ended_at(raw, zone, now)?;
    check_ended(at, now)?;
    Ok(at)
}

/// Reads the end time as typed, without comparing it with the clock: empty
/// means now.
pub fn read_ended_at(
    raw: &str,
    zone: TimeZone,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, crate::FieldError> {
    if raw.trim().is_empty() {
        return Ok(now);
    }
    crate::schedule::local_to_utc("ended_at", raw, zone)
}

/// An end time may not be ahead of `now` (a few minutes' slack for a clock
/// that runs fast).
pub fn check_ended(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), crate::FieldError> {
    if at > now + Duration::minutes(5) {
        return Err(crate::FieldError::new(
            "ended_at",
            "is still ahead; write when the conversation ended",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod ended_tests {
    use super::*;
    use chrono::TimeZone as _;

    #[test]
    fn the_end_is_typed_in_the_zone_and_never_ahead() {
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 18, 0, 0).unwrap();
        let la = TimeZone::parse("America/Los_Angeles").unwrap();
        assert_eq!(ended_at("", la, now).unwrap(), now);
        assert_eq!(
            ended_at("2026-11-26T08:30", la, now).unwrap(),
            Utc.with_ymd_and_hms(2026, 11, 26, 16, 30, 0).unwrap()
        );
        assert_eq!(
            ended_at("2026-11-26 11:00", la, now).unwrap_err().field,
            "ended_at"
        );
        assert_eq!(
            ended_at("yesterday", la, now).unwrap_err().field,
            "ended_at"
        );
    }
}
