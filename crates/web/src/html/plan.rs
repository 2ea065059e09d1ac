//! The question plan of one interview: choose from the handout's bank, your
//! own questions and the TIARA prompts; order, prioritise, fit the time.

use super::form::{Errors, FormData};
use super::shared::{invalid, see_other};
use crate::error::AppError;
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use rapport_core::FieldErrors;
use rapport_core::interviews::Interview;
use rapport_core::questions::{self, Group, PlanFit, Priority, own_question, question_minutes};
use rapport_store::plans::{self, PlanItem, Source};
use rapport_store::{interviews, people, questions as own, resumes};

struct BankQuestion {
    key: &'static str,
    text: &'static str,
    minutes: u8,
    planned: bool,
}

struct BankGroup {
    label: &'static str,
    part: &'static str,
    questions: Vec<BankQuestion>,
}

struct OwnChoice {
    id: String,
    text: String,
    minutes: i64,
    planned: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "interviews/plan.html")]
pub(crate) struct PlanPage {
    active: &'static str,
    interview: Interview,
    items: Vec<PlanItem>,
    fit: PlanFit,
    priorities: Vec<(&'static str, &'static str)>,
    suggested_for: &'static str,
    suggested: Vec<BankQuestion>,
    groups: Vec<BankGroup>,
    own: Vec<OwnChoice>,
    errors: Errors,
    own_text: String,
    own_minutes: String,
}

async fn page(
    student: &Student,
    id: &str,
    errors: Errors,
    own_text: String,
    own_minutes: String,
) -> Result<PlanPage, AppError> {
    let interview = interviews::show(&student.db, &student.account, id).await?;
    let person = people::show(&student.db, &student.account, &interview.person.id).await?;
    let items = plans::list(&student.db, &student.account, id).await?;
    let has_resume = !resumes::list(&student.db, &student.account)
        .await?
        .is_empty();
    let planned = |key: &str| items.iter().any(|i| i.builtin_key.as_deref() == Some(key));
    let bank = |q: &questions::Question| BankQuestion {
        key: q.key,
        text: q.text,
        minutes: q.minutes,
        planned: planned(q.key),
    };
    let own_questions = own::list(&student.db, &student.account).await?;
    Ok(PlanPage {
        active: "interviews",
        fit: PlanFit::of(
            items.iter().map(|i| i.minutes),
            u32::from(interview.length.minutes()),
        ),
        priorities: Priority::ALL
            .iter()
            .map(|p| (p.as_str(), p.label()))
            .collect(),
        suggested_for: if person.hiring_authority {
            "a supervisor who can hire: ask about entry, hiring and the outlook"
        } else {
            "someone who does the work: ask about the work itself"
        },
        suggested: questions::suggested(person.hiring_authority, has_resume)
            .into_iter()
            .map(bank)
            .collect(),
        groups: Group::ALL
            .iter()
            .map(|g| BankGroup {
                label: g.label(),
                part: g.part(),
                questions: questions::group(*g).map(bank).collect(),
            })
            .collect(),
        own: own_questions
            .into_iter()
            .map(|q| OwnChoice {
                planned: items.iter().any(|i| i.text == q.text),
                id: q.id,
                text: q.text,
                minutes: q.minutes,
            })
            .collect(),
        items,
        interview,
        errors,
        own_text,
        own_minutes,
    })
}

pub(crate) async fn show(student: Student, Path(id): Path<String>) -> Result<PlanPage, AppError> {
    page(
        &student,
        &id,
        Errors::default(),
        String::new(),
        String::new(),
    )
    .await
}

fn back(id: &str) -> Response {
    see_other(&format!("/interviews/{id}/plan#plan")).into_response()
}

/// Adds one question: `key` from the bank, `question` of your own, or a new
/// question typed as `text` (saved among your own questions too).
pub(crate) async fn add(
    student: Student,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, AppError> {
    // The interview first: a question typed for a missing one is not kept.
    interviews::show(&student.db, &student.account, &id).await?;
    let source = if let Some(key) = data.some("key") {
        Source::Builtin(key)
    } else if let Some(q) = data.some("question") {
        Source::Own(q)
    } else {
        let (text, minutes) = (data.get("text"), data.get("minutes"));
        match own_question(&text, &minutes) {
            Ok(q) => Source::Own(
                own::create(&student.db, &student.account, &q, student.now())
                    .await?
                    .id,
            ),
            Err(errors) => {
                let page = page(&student, &id, errors.into(), text, minutes).await?;
                return Ok(invalid(page));
            }
        }
    };
    plans::add(
        &student.db,
        &student.account,
        &id,
        &source,
        Priority::Should,
        None,
    )
    .await?;
    Ok(back(&id))
}

pub(crate) async fn add_suggested(
    student: Student,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let interview = interviews::show(&student.db, &student.account, &id).await?;
    let person = people::show(&student.db, &student.account, &interview.person.id).await?;
    let has_resume = !resumes::list(&student.db, &student.account)
        .await?
        .is_empty();
    for q in questions::suggested(person.hiring_authority, has_resume) {
        plans::add(
            &student.db,
            &student.account,
            &id,
            &Source::Builtin(q.key.into()),
            Priority::Must,
            None,
        )
        .await?;
    }
    Ok(back(&id))
}

pub(crate) async fn update(
    student: Student,
    Path((id, item)): Path<(String, String)>,
    data: FormData,
) -> Result<Response, AppError> {
    let mut errors = FieldErrors::new();
    let priority = errors.check(Priority::parse(&data.get("priority")));
    let minutes = errors.check(question_minutes(&data.get("minutes")));
    match (priority, minutes) {
        (Some(p), Some(m)) => {
            plans::update(&student.db, &student.account, &id, &item, p, m).await?;
            Ok(back(&id))
        }
        _ => {
            let page = page(&student, &id, errors.into(), String::new(), String::new()).await?;
            Ok(invalid(page))
        }
    }
}

pub(crate) async fn up(
    student: Student,
    Path((id, item)): Path<(String, String)>,
) -> Result<Response, AppError> {
    plans::reorder(&student.db, &student.account, &id, &item, true).await?;
    Ok(back(&id))
}

pub(crate) async fn down(
    student: Student,
    Path((id, item)): Path<(String, String)>,
) -> Result<Response, AppError> {
    plans::reorder(&student.db, &student.account, &id, &item, false).await?;
    Ok(back(&id))
}

pub(crate) async fn remove(
    student: Student,
    Path((id, item)): Path<(String, String)>,
) -> Result<Response, AppError> {
    plans::remove(&student.db, &student.account, &id, &item).await?;
    Ok(back(&id))
}
