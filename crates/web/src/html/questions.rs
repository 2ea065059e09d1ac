//! The question bank: the handout's questions, TIARA, and your own.

use super::form::{Errors, FormData};
use super::shared::{invalid, see_other};
use crate::error::AppError;
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use rapport_core::questions::{self, Group, own_question};
use rapport_store::questions::{self as own, Question};

struct BankGroup {
    label: &'static str,
    part: &'static str,
    questions: Vec<&'static questions::Question>,
}

#[derive(Template, WebTemplate)]
#[template(path = "questions/index.html")]
pub(crate) struct QuestionsPage {
    active: &'static str,
    groups: Vec<BankGroup>,
    own: Vec<Question>,
    text: String,
    minutes: String,
    errors: Errors,
}

async fn page(
    student: &Student,
    text: String,
    minutes: String,
    errors: Errors,
) -> Result<QuestionsPage, AppError> {
    Ok(QuestionsPage {
        active: "questions",
        groups: Group::ALL
            .iter()
            .map(|g| BankGroup {
                label: g.label(),
                part: g.part(),
                questions: questions::group(*g).collect(),
            })
            .collect(),
        own: own::list(&student.db, &student.account).await?,
        text,
        minutes,
        errors,
    })
}

pub(crate) async fn show(student: Student) -> Result<QuestionsPage, AppError> {
    page(&student, String::new(), String::new(), Errors::default()).await
}

pub(crate) async fn create(student: Student, data: FormData) -> Result<Response, AppError> {
    let (text, minutes) = (data.get("text"), data.get("minutes"));
    match own_question(&text, &minutes) {
        Ok(q) => {
            own::create(&student.db, &student.account, &q, student.now()).await?;
            Ok(see_other("/questions#own").into_response())
        }
        Err(errors) => {
            let page = page(&student, text, minutes, errors.into()).await?;
            Ok(invalid(page))
        }
    }
}

pub(crate) async fn delete(student: Student, Path(id): Path<String>) -> Result<Response, AppError> {
    own::delete(&student.db, &student.account, &id).await?;
    Ok(see_other("/questions#own").into_response())
}
