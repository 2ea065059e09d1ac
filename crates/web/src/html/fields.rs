//! Fields: the occupations you explore.

use super::form::{Errors, FormData};
use super::shared::{Choice, ResearchField, invalid, read_research, research_fields, see_other};
use crate::error::AppError;
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use rapport_core::fields::{Field, FieldForm, FieldSource, FieldStatus, Fit};
use rapport_core::interviews::Interview;
use rapport_core::pipeline::Status;
use rapport_store::{Page, StoreError, fields, interviews, progress};

/// The handout: "don't settle for just one or two interviews about a given area of work".
const ENOUGH_INTERVIEWS: usize = 3;

struct FieldRow {
    field: Field,
    done: usize,
    planned: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "fields/list.html")]
pub(crate) struct ListPage {
    active: &'static str,
    rows: Vec<FieldRow>,
    enough: usize,
}

fn happened(i: &Interview) -> bool {
    matches!(i.status, Status::Done | Status::Thanked | Status::Closed)
}

async fn interviews_of(student: &Student, field_id: &str) -> Result<Vec<Interview>, AppError> {
    let filter = interviews::Filter {
        field_id: Some(field_id.to_owned()),
        page: Page {
            limit: 500,
            offset: 0,
        },
        ..interviews::Filter::default()
    };
    Ok(interviews::list(&student.db, &student.account, &filter).await?)
}

pub(crate) async fn list(student: Student) -> Result<ListPage, AppError> {
    let counts = progress::interviews_per_field(&student.db, &student.account).await?;
    let page = Page {
        limit: 200,
        offset: 0,
    };
    let rows = fields::list(&student.db, &student.account, None, page)
        .await?
        .into_iter()
        .map(|field| {
            let (done, planned) = counts.get(&field.id).copied().unwrap_or_default();
            FieldRow {
                field,
                done: done as usize,
                planned: planned as usize,
            }
        })
        .collect();
    Ok(ListPage {
        active: "fields",
        rows,
        enough: ENOUGH_INTERVIEWS,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "fields/show.html")]
pub(crate) struct ShowPage {
    /// What the reflections on its interviews say of the fit, with ratings.
    heard: Vec<rapport_store::reflections::FieldFit>,
    active: &'static str,
    field: Field,
    interviews: Vec<Interview>,
    done: usize,
    enough: usize,
}

pub(crate) async fn show(student: Student, Path(id): Path<String>) -> Result<ShowPage, AppError> {
    let field = fields::show(&student.db, &student.account, &id).await?;
    let interviews = interviews_of(&student, &id).await?;
    let heard = rapport_store::reflections::for_field(&student.db, &student.account, &id).await?;
    Ok(ShowPage {
        heard,
        active: "fields",
        done: interviews.iter().filter(|i| happened(i)).count(),
        field,
        interviews,
        enough: ENOUGH_INTERVIEWS,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "fields/form.html")]
pub(crate) struct FormPage {
    active: &'static str,
    heading: String,
    action: String,
    form: FieldForm,
    statuses: Vec<Choice>,
    research: Vec<ResearchField>,
    errors: Errors,
}

fn form_page(editing: Option<&str>, form: FieldForm, errors: Errors) -> FormPage {
    let status = if form.status.is_empty() {
        "exploring".to_owned()
    } else {
        form.status.clone()
    };
    FormPage {
        active: "fields",
        heading: match editing {
            Some(_) => format!("Edit {}", form.title),
            None => "Add a field to explore".to_owned(),
        },
        action: editing.map_or_else(|| "/fields".to_owned(), |id| format!("/fields/{id}")),
        statuses: FieldStatus::ALL
            .iter()
            .map(|s| Choice::new(s.as_str(), s.label(), s.as_str() == status))
            .collect(),
        research: research_fields(
            FieldSource::ALL.iter().map(|s| (s.as_str(), s.label())),
            &form.research,
        ),
        form,
        errors,
    }
}

fn read(data: &FormData) -> FieldForm {
    FieldForm {
        title: data.get("title"),
        onet_code: data.get("onet_code"),
        status: data.get("status"),
        notes: data.get("notes"),
        fit: Fit {
            interests: data.get("fit_interests"),
            abilities: data.get("fit_abilities"),
            values: data.get("fit_values"),
            skills: data.get("fit_skills"),
        },
        research: read_research(data, FieldSource::ALL.iter().map(|s| s.as_str())),
    }
}

pub(crate) async fn new() -> FormPage {
    form_page(None, FieldForm::default(), Errors::default())
}

pub(crate) async fn edit(student: Student, Path(id): Path<String>) -> Result<FormPage, AppError> {
    let field = fields::show(&student.db, &student.account, &id).await?;
    Ok(form_page(Some(&id), field.to_form(), Errors::default()))
}

async fn save(
    student: &Student,
    editing: Option<&str>,
    data: FormData,
) -> Result<Response, AppError> {
    let form = read(&data);
    let input = match form.validate() {
        Ok(input) => input,
        Err(errors) => {
            return Ok(invalid(form_page(editing, form, errors.into())));
        }
    };
    let saved = match editing {
        Some(id) => fields::update(&student.db, &student.account, id, &input, student.now()).await,
        None => fields::create(&student.db, &student.account, &input, student.now()).await,
    };
    match saved {
        Ok(field) => Ok(see_other(&format!("/fields/{}", field.id)).into_response()),
        Err(StoreError::Invalid(errors)) => Ok(invalid(form_page(editing, form, errors.into()))),
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn create(student: Student, data: FormData) -> Result<Response, AppError> {
    save(&student, None, data).await
}

pub(crate) async fn update(
    student: Student,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, AppError> {
    fields::show(&student.db, &student.account, &id).await?;
    save(&student, Some(&id), data).await
}

pub(crate) async fn delete(student: Student, Path(id): Path<String>) -> Result<Response, AppError> {
    fields::delete(&student.db, &student.account, &id).await?;
    Ok(see_other("/fields").into_response())
}
