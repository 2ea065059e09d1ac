//! Organizations and the homework done on them.

use super::form::{Errors, FormData};
use super::shared::{
    ListQuery, Pager, ResearchField, invalid, paginate, read_research, research_fields, see_other,
};
use crate::error::AppError;
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Response};
use rapport_core::interviews::Interview;
use rapport_core::organizations::{Organization, OrganizationForm, ResearchSource};
use rapport_core::people::Person;
use rapport_store::{StoreError, interviews, organizations, people};

#[derive(Template, WebTemplate)]
#[template(path = "organizations/list.html")]
pub(crate) struct ListPage {
    active: &'static str,
    organizations: Vec<Organization>,
    pager: Pager,
    search: String,
}

pub(crate) async fn list(
    student: Student,
    Query(query): Query<ListQuery>,
) -> Result<ListPage, AppError> {
    let rows =
        organizations::list(&student.db, &student.account, query.search(), query.page()).await?;
    let (organizations, more) = paginate(rows);
    Ok(ListPage {
        active: "organizations",
        organizations,
        pager: Pager::new(&query, more),
        search: query.q.trim().to_owned(),
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "organizations/show.html")]
pub(crate) struct ShowPage {
    active: &'static str,
    organization: Organization,
    people: Vec<Person>,
    interviews: Vec<Interview>,
}

pub(crate) async fn show(student: Student, Path(id): Path<String>) -> Result<ShowPage, AppError> {
    let organization = organizations::show(&student.db, &student.account, &id).await?;
    let filter = people::Filter {
        organization_id: Some(id.clone()),
        ..people::Filter::default()
    };
    let interview_filter = interviews::Filter {
        organization_id: Some(id),
        ..interviews::Filter::default()
    };
    Ok(ShowPage {
        active: "organizations",
        people: people::list(&student.db, &student.account, &filter).await?,
        interviews: interviews::list(&student.db, &student.account, &interview_filter).await?,
        organization,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "organizations/form.html")]
pub(crate) struct FormPage {
    active: &'static str,
    heading: String,
    action: String,
    cancel: String,
    form: OrganizationForm,
    research: Vec<ResearchField>,
    errors: Errors,
}

fn form_page(editing: Option<&str>, form: OrganizationForm, errors: Errors) -> FormPage {
    let research = research_fields(
        ResearchSource::ALL.iter().map(|s| (s.as_str(), s.label())),
        &form.research,
    );
    FormPage {
        active: "organizations",
        heading: match editing {
            Some(_) => format!("Research {}", form.name),
            None => "Add an organization".to_owned(),
        },
        action: editing.map_or_else(
            || "/organizations".to_owned(),
            |id| format!("/organizations/{id}"),
        ),
        cancel: editing.map_or_else(
            || "/organizations".to_owned(),
            |id| format!("/organizations/{id}"),
        ),
        form,
        research,
        errors,
    }
}

fn read(data: &FormData) -> OrganizationForm {
    OrganizationForm {
        name: data.get("name"),
        website: data.get("website"),
        products: data.get("products"),
        entry_level_jobs: data.get("entry_level_jobs"),
        hiring_procedure: data.get("hiring_procedure"),
        values: data.get("values"),
        outlook: data.get("outlook"),
        notes: data.get("notes"),
        research: read_research(data, ResearchSource::ALL.iter().map(|s| s.as_str())),
    }
}

pub(crate) async fn new() -> FormPage {
    form_page(None, OrganizationForm::default(), Errors::default())
}

pub(crate) async fn edit(student: Student, Path(id): Path<String>) -> Result<FormPage, AppError> {
    let org = organizations::show(&student.db, &student.account, &id).await?;
    Ok(form_page(Some(&id), org.to_form(), Errors::default()))
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
            let page = form_page(editing, form, errors.into());
            return Ok(invalid(page));
        }
    };
    let saved = match editing {
        Some(id) => {
            organizations::update(&student.db, &student.account, id, &input, student.now()).await
        }
        None => organizations::create(&student.db, &student.account, &input, student.now()).await,
    };
    match saved {
        Ok(org) => Ok(see_other(&format!("/organizations/{}", org.id)).into_response()),
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
    organizations::show(&student.db, &student.account, &id).await?;
    save(&student, Some(&id), data).await
}

#[derive(Template, WebTemplate)]
#[template(path = "organizations/delete.html")]
pub(crate) struct DeletePage {
    active: &'static str,
    organization: Organization,
}

pub(crate) async fn confirm_delete(
    student: Student,
    Path(id): Path<String>,
) -> Result<DeletePage, AppError> {
    Ok(DeletePage {
        active: "organizations",
        organization: organizations::show(&student.db, &student.account, &id).await?,
    })
}

pub(crate) async fn delete(student: Student, Path(id): Path<String>) -> Result<Response, AppError> {
    organizations::delete(&student.db, &student.account, &id).await?;
    Ok(see_other("/organizations").into_response())
}
