//! After the interview: notes, what they look for, referrals, card and
//! permission, the reflection with ratings kept apart, and thanks.

use super::form::{Errors, FormData};
use super::shared::{invalid, see_other};
use crate::error::AppError;
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use rapport_core::interviews::Interview;
use rapport_core::pipeline::Status;
use rapport_core::reflections::ReflectionForm;
use rapport_store::interviews;
use rapport_store::{StoreError, people, plans, reflections};

/// One rating question: its name, its words, and the value chosen.
struct RatingField {
    name: &'static str,
    legend: &'static str,
    value: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "interviews/after.html")]
pub(crate) struct AfterPage {
    active: &'static str,
    interview: Interview,
    form: ReflectionForm,
    notes: String,
    qualifications: String,
    business_card: bool,
    stay_in_touch: bool,
    thanked: bool,
    ratings: Vec<RatingField>,
    referrals: Vec<rapport_core::people::Ref>,
    errors: Errors,
    /// Why a referral typed on this page was not added.
    capture_error: String,
    /// Not yet marked held: the page asks when it ended.
    asks_end: bool,
    /// When it ended, as shown in the form (local time).
    ended_at: String,
    /// The notes taken under each planned question, to read and edit.
    answers: Vec<AnswerField>,
    /// How often to keep in touch, in days (90 unless the person has one).
    cadence_days: String,
}

/// How often to keep in touch unless the student picks otherwise: once a
/// season.
const DEFAULT_CADENCE: u32 = 90;

/// One planned question and the note taken under it.
pub(crate) struct AnswerField {
    id: String,
    question: String,
    note: String,
}

fn ratings(form: &ReflectionForm) -> Vec<RatingField> {
    vec![
        RatingField {
            name: "field_fit",
            legend: "How well does this field fit you?",
            value: form.field_fit.clone(),
        },
        RatingField {
            name: "likability",
            legend: "How likable was the person?",
            value: form.likability.clone(),
        },
        RatingField {
            name: "setting",
            legend: "How attractive was the setting?",
            value: form.setting.clone(),
        },
    ]
}

#[allow(clippy::too_many_arguments)]
async fn page(
    student: &Student,
    id: &str,
    form: Option<ReflectionForm>,
    data: Option<&FormData>,
    errors: Errors,
) -> Result<AfterPage, AppError> {
    let interview = interviews::show(&student.db, &student.account, id).await?;
    let person = people::show(&student.db, &student.account, &interview.person.id).await?;
    let form = match form {
        Some(f) => f,
        None => reflections::show(&student.db, &student.account, id)
            .await?
            .map(|r| r.to_form())
            .unwrap_or_default(),
    };
    let asks_end = matches!(interview.status, Status::Scheduled | Status::Confirmed);
    let ended_at = data.map_or_else(
        || {
            interview
                .suggested_end(student.now())
                .with_timezone(&student.zone.tz())
                .format("%Y-%m-%dT%H:%M")
                .to_string()
        },
        |d| d.get("ended_at"),
    );
    let answers = plans::list(&student.db, &student.account, id)
        .await?
        .into_iter()
        .map(|item| AnswerField {
            note: data.map_or_else(
                || item.note.clone(),
                |d| d.get(&format!("answer_{}", item.id)),
            ),
            question: item.text,
            id: item.id,
        })
        .collect();
    let cadence_days = data.map_or_else(
        || person.cadence_days.unwrap_or(DEFAULT_CADENCE).to_string(),
        |d| d.get("cadence_days"),
    );
    Ok(AfterPage {
        cadence_days,
        asks_end,
        ended_at,
        answers,
        active: "interviews",
        ratings: ratings(&form),
        notes: data.map_or_else(|| interview.notes.clone(), |d| d.get("notes")),
        qualifications: data.map_or_else(
            || interview.qualifications_sought.clone(),
            |d| d.get("qualifications"),
        ),
        business_card: data.map_or(person.business_card, |d| d.checked("business_card")),
        stay_in_touch: data.map_or(person.stay_in_touch, |d| d.checked("stay_in_touch")),
        thanked: matches!(interview.status, Status::Thanked | Status::Closed),
        referrals: interviews::referrals(&student.db, &student.account, id).await?,
        form,
        interview,
        errors,
        capture_error: String::new(),
    })
}

pub(crate) async fn show(student: Student, Path(id): Path<String>) -> Result<AfterPage, AppError> {
    page(&student, &id, None, None, Errors::default()).await
}

fn read(data: &FormData) -> ReflectionForm {
    ReflectionForm {
        learned_positive: data.get("learned_positive"),
        learned_negative: data.get("learned_negative"),
        fit_with_self: data.get("fit_with_self"),
        still_to_learn: data.get("still_to_learn"),
        plan_of_action: data.get("plan_of_action"),
        feelings: data.get("feelings"),
        field_fit: data.get("field_fit"),
        likability: data.get("likability"),
        setting: data.get("setting"),
    }
}

pub(crate) async fn save(
    student: Student,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, AppError> {
    let form = read(&data);
    let mut checked = form.validate();
    let ended_at = match rapport_core::interviews::ended_at(
        &data.get("ended_at"),
        student.zone,
        student.now(),
    ) {
        Ok(at) => Some(at),
        Err(e) => {
            let mut errors = checked.err().unwrap_or_default();
            errors.push(e);
            checked = Err(errors);
            None
        }
    };
    let cadence_days = match rapport_core::people::cadence(&data.get("cadence_days")) {
        Ok(days) => days,
        Err(e) => {
            let mut errors = checked.err().unwrap_or_default();
            errors.push(e);
            checked = Err(errors);
            None
        }
    };
    let reflection = match checked {
        Ok(r) => r,
        Err(errors) => {
            let page = page(&student, &id, Some(form), Some(&data), errors.into()).await?;
            return Ok(invalid(page));
        }
    };
    // Notes under the planned questions, as edited here; a question whose
    // note is kept counts as asked.
    let answers = plans::list(&student.db, &student.account, &id)
        .await?
        .into_iter()
        .filter_map(|item| {
            let key = format!("answer_{}", item.id);
            let note = data.has(&key).then(|| data.get(&key))?;
            (note != item.note).then(|| plans::Answer {
                asked: item.asked || !note.trim().is_empty(),
                item_id: item.id,
                note,
            })
        })
        .collect();
    let after = reflections::After {
        reflection,
        notes: data.get("notes"),
        qualifications: data.get("qualifications"),
        business_card: data.checked("business_card"),
        stay_in_touch: data.checked("stay_in_touch"),
        thanked: data.checked("thanked"),
        ended_at,
        answers,
        cadence_days,
    };
    match reflections::save_after(&student.db, &student.account, &id, &after, student.now()).await {
        Ok(()) => {}
        Err(StoreError::Invalid(errors)) => {
            let page = page(&student, &id, Some(form), Some(&data), errors.into()).await?;
            return Ok(invalid(page));
        }
        Err(e) => return Err(e.into()),
    }
    Ok(see_other(&format!("/interviews/{id}")).into_response())
}

/// The page again, saying why the referral typed on it was not added.
pub(crate) async fn with_capture_error(
    student: &Student,
    id: &str,
    message: String,
) -> Result<AfterPage, AppError> {
    let mut p = page(student, id, None, None, Errors::default()).await?;
    p.capture_error = message;
    Ok(p)
}
