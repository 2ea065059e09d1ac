//! The times offered while asking for an interview, on its page: kept with
//! the interview and offered in the request letter; the one the person
//! chooses schedules it.

use super::form::FormData;
use super::shared::see_other;
use crate::error::AppError;
use crate::student::Student;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use rapport_core::interviews::Interview;
use rapport_core::pipeline::Status;
use rapport_core::proposed_times::{MAX, ProposedTimes};
use rapport_store::{StoreError, interviews, proposed_times};

/// A time offered, for the page: the value the choose button sends and the
/// words it shows.
pub(crate) struct Offered {
    pub(crate) value: String,
    pub(crate) label: String,
}

/// What the interview page shows of the times offered.
pub(crate) struct Offer {
    /// Still being asked for: times can be offered and chosen.
    pub(crate) open: bool,
    /// The times offered that are still ahead.
    pub(crate) ahead: Vec<Offered>,
    /// The three inputs, filled with the times kept (in the interview's zone).
    pub(crate) inputs: Vec<String>,
}

impl Offer {
    pub(crate) fn of(i: &Interview, now: DateTime<Utc>) -> Offer {
        let tz = i.time_zone.tz();
        let mut inputs: Vec<String> = i
            .proposed_times
            .times()
            .iter()
            .map(|t| t.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string())
            .collect();
        inputs.resize(MAX, String::new());
        Offer {
            open: matches!(i.status, Status::Idea | Status::Requested),
            ahead: i
                .proposed_times
                .ahead(now)
                .into_iter()
                .map(|t| Offered {
                    value: t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    label: t
                        .with_timezone(&tz)
                        .format("%a %-d %b, %H:%M %Z")
                        .to_string(),
                })
                .collect(),
            inputs,
        }
    }
}

/// Keeps the times typed (read in the interview's own zone).
pub(crate) async fn set(
    student: Student,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, AppError> {
    let interview = interviews::show(&student.db, &student.account, &id).await?;
    let times = ProposedTimes::from_form(
        &data.all("proposed_times"),
        interview.time_zone,
        student.now(),
    )
    .map_err(StoreError::from)?;
    proposed_times::set(&student.db, &student.account, &id, &times, student.now()).await?;
    Ok(see_other(&format!("/interviews/{id}#times")).into_response())
}

/// The person chose one of the times: it becomes the start.
pub(crate) async fn choose(
    student: Student,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, AppError> {
    // Found first: another account's interview is not found, whatever was sent.
    interviews::show(&student.db, &student.account, &id).await?;
    let at = DateTime::parse_from_rfc3339(data.get("at").trim())
        .map_err(|_| {
            StoreError::from(rapport_core::FieldError::new(
                "proposed_times",
                "choose one of the times offered",
            ))
        })?
        .with_timezone(&Utc);
    proposed_times::choose(&student.db, &student.account, &id, at, student.now()).await?;
    Ok(see_other(&format!("/interviews/{id}")).into_response())
}
