//! Live mode: the countdown, the plan as a checklist with a note per
//! question saved while typing, and quick capture of referrals.

use super::brief::REMINDERS;
use super::form::FormData;
use super::shared::{invalid, see_other};
use crate::error::AppError;
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use rapport_core::interviews::Interview;
use rapport_core::people::PersonForm;
use rapport_store::interviews::{self, Text};
use rapport_store::people;
use rapport_store::plans::{self, PlanItem};

#[derive(Template, WebTemplate)]
#[template(path = "interviews/live.html")]
pub(crate) struct LivePage {
    interview: Interview,
    items: Vec<PlanItem>,
    seconds: u32,
    reminders: [&'static str; 6],
    referrals: Vec<rapport_core::people::Ref>,
    capture_error: String,
}

async fn page(student: &Student, id: &str, capture_error: String) -> Result<LivePage, AppError> {
    let interview = interviews::show(&student.db, &student.account, id).await?;
    Ok(LivePage {
        seconds: u32::from(interview.length.minutes()) * 60,
        items: plans::list(&student.db, &student.account, id).await?,
        referrals: interviews::referrals(&student.db, &student.account, id).await?,
        reminders: REMINDERS,
        capture_error,
        interview,
    })
}

pub(crate) async fn show(student: Student, Path(id): Path<String>) -> Result<LivePage, AppError> {
    page(&student, &id, String::new()).await
}

/// Saves every note at once: the form's fallback when JavaScript is off.
pub(crate) async fn save_all(
    student: Student,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, AppError> {
    let answers: Vec<plans::Answer> = plans::list(&student.db, &student.account, &id)
        .await?
        .into_iter()
        .map(|item| plans::Answer {
            note: data.get(&format!("note_{}", item.id)),
            asked: data.checked(&format!("asked_{}", item.id)),
            item_id: item.id,
        })
        .collect();
    plans::save_live(
        &student.db,
        &student.account,
        &id,
        &answers,
        &data.get("notes"),
        student.now(),
    )
    .await?;
    Ok(see_other(&format!("/interviews/{id}/live")).into_response())
}

/// Autosave of one question's note (called while typing).
pub(crate) async fn save_note(
    student: Student,
    Path((id, item)): Path<(String, String)>,
    data: FormData,
) -> Result<StatusCode, AppError> {
    plans::save_note(
        &student.db,
        &student.account,
        &id,
        &item,
        &data.get("note"),
        data.checked("asked"),
        student.now(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Autosave of the interview's general notes.
pub(crate) async fn save_notes(
    student: Student,
    Path(id): Path<String>,
    data: FormData,
) -> Result<StatusCode, AppError> {
    interviews::set_text(
        &student.db,
        &student.account,
        &id,
        Text::Notes,
        &data.get("notes"),
        student.now(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Quick capture: a name (and number) heard in the interview becomes a person
/// referred by this contact. `back` says which page to return to.
pub(crate) async fn capture_referral(
    student: Student,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, AppError> {
    let phone = data.get("phone");
    let form = PersonForm {
        name: data.get("name"),
        phones: if phone.trim().is_empty() {
            vec![]
        } else {
            vec![phone]
        },
        notes: data.get("note"),
        source: "referral".into(),
        ..PersonForm::default()
    };
    let back = if data.get("back") == "after" {
        "after"
    } else {
        "live"
    };
    match form.validate() {
        Ok(mut input) => {
            // Asked in the moment: "may I say you referred me?"
            input.may_name_referrer = data.checked("may_name_referrer");
            people::create_referral(&student.db, &student.account, &id, &input, student.now())
                .await?;
            Ok(see_other(&format!("/interviews/{id}/{back}#referrals")).into_response())
        }
        Err(errors) => {
            let message = errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; ");
            if back == "after" {
                let page = super::after::with_capture_error(&student, &id, message).await?;
                return Ok(invalid(page));
            }
            let page = page(&student, &id, message).await?;
            Ok(invalid(page))
        }
    }
}
