//! The printable brief: one or two pages to carry into the interview.

use super::interviews::when_words;
use crate::error::AppError;
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Path;
use rapport_core::interviews::Interview;
use rapport_core::organizations::Organization;
use rapport_core::people::Person;
use rapport_core::profile::QUESTIONS_FOR_YOU;
use rapport_store::plans::{self, PlanItem};
use rapport_store::{interviews, organizations, people, profiles};

/// The method's reminders, printed at the foot of every brief.
pub(crate) const REMINDERS: [&str; 6] = [
    "Never ask for a job: you are there for information and advice.",
    "Always ask for referrals, and whether you may say who referred you.",
    "Stick to the time you asked for.",
    "Ask what qualifications and characteristics they seek.",
    "Let them talk; share a little about yourself, but do not dominate.",
    "Ask for a business card and whether you may stay in touch. Send thanks within 24 hours.",
];

#[derive(Template, WebTemplate)]
#[template(path = "interviews/brief.html")]
pub(crate) struct BriefPage {
    interview: Interview,
    person: Person,
    organization: Option<Organization>,
    when: String,
    items: Vec<PlanItem>,
    answers: Vec<(&'static str, String)>,
    reminders: [&'static str; 6],
    resumes: Vec<rapport_store::resumes::Resume>,
}

pub(crate) async fn show(student: Student, Path(id): Path<String>) -> Result<BriefPage, AppError> {
    let interview = interviews::show(&student.db, &student.account, &id).await?;
    let person = people::show(&student.db, &student.account, &interview.person.id).await?;
    let organization = match &interview.organization {
        Some(o) => Some(organizations::show(&student.db, &student.account, &o.id).await?),
        None => None,
    };
    let profile = profiles::show(&student.db, &student.account).await?;
    Ok(BriefPage {
        when: when_words(&interview, student.now(), student.zone),
        items: plans::list(&student.db, &student.account, &id).await?,
        answers: QUESTIONS_FOR_YOU
            .iter()
            .copied()
            .zip(profile.answers)
            .collect(),
        reminders: REMINDERS,
        resumes: rapport_store::resumes::list(&student.db, &student.account).await?,
        person,
        organization,
        interview,
    })
}
