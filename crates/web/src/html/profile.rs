//! The self profile: assessment, prepared answers, signature.

use super::form::{Errors, FormData};
use super::shared::{invalid, see_other};
use crate::error::AppError;
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};
use rapport_core::profile::{Profile, QUESTIONS_FOR_YOU};
use rapport_core::validated::TimeZone;
use rapport_store::resumes::{self, Resume};
use rapport_store::{StoreError, profiles};

#[derive(Template, WebTemplate)]
#[template(path = "profile/edit.html")]
pub(crate) struct ProfilePage {
    active: &'static str,
    profile: Profile,
    answers: Vec<(usize, &'static str, String)>,
    errors: Errors,
    saved: bool,
    resumes: Vec<Resume>,
    resume_error: String,
    /// Every zone by name, for the time zone choice.
    zones: Vec<&'static str>,
    /// The zone chosen, or empty for the machine's.
    chosen_zone: String,
    /// The machine's zone, named beside "this computer's".
    machine_zone: &'static str,
}

fn page(
    student: &Student,
    profile: Profile,
    errors: Errors,
    saved: bool,
    resumes: Vec<Resume>,
) -> ProfilePage {
    ProfilePage {
        resumes,
        resume_error: String::new(),
        zones: chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect(),
        chosen_zone: profile
            .time_zone
            .map(|z| z.name().to_owned())
            .unwrap_or_default(),
        machine_zone: student.machine_zone.name(),
        active: "profile",
        answers: QUESTIONS_FOR_YOU
            .iter()
            .zip(profile.answers.iter())
            .enumerate()
            .map(|(i, (q, a))| (i, *q, a.clone()))
            .collect(),
        profile,
        errors,
        saved,
    }
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct Saved {
    #[serde(default)]
    saved: Option<String>,
}

pub(crate) async fn show(
    student: Student,
    axum::extract::Query(q): axum::extract::Query<Saved>,
) -> Result<ProfilePage, AppError> {
    let resumes = resumes::list(&student.db, &student.account).await?;
    Ok(page(
        &student,
        profiles::show(&student.db, &student.account).await?,
        Errors::default(),
        q.saved.is_some(),
        resumes,
    ))
}

pub(crate) async fn save(student: Student, data: FormData) -> Result<Response, AppError> {
    let form = Profile {
        interests: data.get("interests"),
        abilities: data.get("abilities"),
        values: data.get("values"),
        skills: data.get("skills"),
        goals: data.get("goals"),
        answers: [0, 1, 2, 3, 4].map(|i| data.get(&format!("answer_{i}"))),
        signature_name: data.get("signature_name"),
        signature_address: data.get("signature_address"),
        signature_phone: data.get("signature_phone"),
        signature_email: data.get("signature_email"),
        time_zone: None,
    };
    let zone = match data.some("time_zone") {
        None => Ok(None),
        Some(name) => TimeZone::parse(&name).map(Some),
    };
    let form = Profile {
        time_zone: zone.as_ref().ok().copied().flatten(),
        ..form
    };
    let checked = match (form.validate(), zone) {
        (Ok(p), Ok(_)) => Ok(p),
        (Ok(_), Err(e)) => Err(rapport_core::FieldErrors::from(e)),
        (Err(mut errors), Err(e)) => {
            errors.push(e);
            Err(errors)
        }
        (Err(errors), Ok(_)) => Err(errors),
    };
    match checked {
        Ok(profile) => {
            profiles::save(&student.db, &student.account, &profile, student.now()).await?;
            Ok(see_other("/profile?saved=1").into_response())
        }
        Err(errors) => {
            let resumes = resumes::list(&student.db, &student.account).await?;
            Ok(invalid(page(&student, form, errors.into(), false, resumes)))
        }
    }
}

pub(crate) async fn add_resume(student: Student, data: FormData) -> Result<Response, AppError> {
    match resumes::create(
        &student.db,
        &student.account,
        &data.get("label"),
        &data.get("location"),
        student.now(),
    )
    .await
    {
        Ok(_) => Ok(see_other("/profile#resumes").into_response()),
        Err(StoreError::Invalid(errors)) => {
            let resumes = resumes::list(&student.db, &student.account).await?;
            let mut p = page(
                &student,
                profiles::show(&student.db, &student.account).await?,
                Errors::default(),
                false,
                resumes,
            );
            p.resume_error = errors.to_string();
            Ok(invalid(p))
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn delete_resume(
    student: Student,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> Result<Response, AppError> {
    resumes::delete(&student.db, &student.account, &id).await?;
    Ok(see_other("/profile#resumes").into_response())
}
