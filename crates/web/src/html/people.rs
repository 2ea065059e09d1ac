//! People: list and search, add, show, edit, delete.

use super::form::{Errors, FormData};
use super::shared::{
    Choice, Cursor, CursorQuery, cursor_page, invalid, organization_choices, person_choices,
    see_other,
};
use crate::error::AppError;
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Response};
use rapport_core::correspondence::{Channel, Contact, Direction, Outcome, Purpose};
use rapport_core::interviews::Interview;
use rapport_core::organizations::OrganizationForm;
use rapport_core::people::{Person, PersonForm, Ref, Source};
use rapport_store::letters::{self, LetterTemplate};
use rapport_store::{Page, StoreError, correspondence, interviews, people};

#[derive(Template, WebTemplate)]
#[template(path = "people/list.html")]
pub(crate) struct ListPage {
    active: &'static str,
    people: Vec<Person>,
    cursor: Cursor,
    search: String,
}

pub(crate) async fn list(
    student: Student,
    Query(query): Query<CursorQuery>,
) -> Result<ListPage, AppError> {
    let filter = people::Filter {
        name: query.search().map(str::to_owned),
        page: query.page(),
        after: query.after(),
        before: query.before(),
        ..people::Filter::default()
    };
    let rows = people::list(&student.db, &student.account, &filter).await?;
    let (people, cursor) = cursor_page(rows, &query, |p| p.id.as_str());
    Ok(ListPage {
        active: "people",
        people,
        cursor,
        search: query.q.trim().to_owned(),
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "people/show.html")]
pub(crate) struct ShowPage {
    active: &'static str,
    person: Person,
    interviews: Vec<Interview>,
    referred: Vec<Ref>,
    contacts: Vec<Contact>,
    templates: Vec<LetterTemplate>,
    channels: Vec<Choice>,
    purposes: Vec<Choice>,
    outcomes: Vec<Choice>,
    directions: Vec<Choice>,
}

impl ShowPage {
    fn mailto(&self, address: &str) -> String {
        crate::format::mailto(address)
    }
}

pub(crate) async fn show(student: Student, Path(id): Path<String>) -> Result<ShowPage, AppError> {
    let person = people::show(&student.db, &student.account, &id).await?;
    let filter = interviews::Filter {
        person_id: Some(id.clone()),
        ..interviews::Filter::default()
    };
    let choices = |all: Vec<(&'static str, &'static str)>| -> Vec<Choice> {
        all.into_iter()
            .enumerate()
            .map(|(i, (v, l))| Choice::new(v, l, i == 0))
            .collect()
    };
    Ok(ShowPage {
        active: "people",
        interviews: interviews::list(&student.db, &student.account, &filter).await?,
        referred: people::referrals(&student.db, &student.account, &id).await?,
        contacts: correspondence::list(
            &student.db,
            &student.account,
            Some(&id),
            Page {
                limit: 50,
                offset: 0,
            },
        )
        .await?,
        templates: letters::list(&student.db, &student.account).await?,
        channels: choices(
            Channel::ALL
                .iter()
                .map(|c| (c.as_str(), c.label()))
                .collect(),
        ),
        purposes: choices(
            Purpose::ALL
                .iter()
                .map(|c| (c.as_str(), c.label()))
                .collect(),
        ),
        outcomes: choices(
            Outcome::ALL
                .iter()
                .map(|c| (c.as_str(), c.label()))
                .collect(),
        ),
        directions: choices(
            Direction::ALL
                .iter()
                .map(|c| (c.as_str(), c.label()))
                .collect(),
        ),
        person,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "people/form.html")]
pub(crate) struct FormPage {
    active: &'static str,
    heading: String,
    action: String,
    form: PersonForm,
    new_organization: String,
    organizations: Vec<Choice>,
    referrers: Vec<Choice>,
    sources: Vec<Choice>,
    errors: Errors,
}

impl FormPage {
    fn emails(&self) -> String {
        self.form.emails.join("\n")
    }
    fn phones(&self) -> String {
        self.form.phones.join("\n")
    }
    fn links(&self) -> String {
        self.form.links.join("\n")
    }
    fn tags(&self) -> String {
        self.form.tags.join(", ")
    }
}

async fn form_page(
    student: &Student,
    editing: Option<&str>,
    form: PersonForm,
    new_organization: String,
    errors: Errors,
) -> Result<FormPage, AppError> {
    let source = if form.source.is_empty() {
        "other".to_owned()
    } else {
        form.source.clone()
    };
    Ok(FormPage {
        active: "people",
        heading: match editing {
            Some(_) => format!("Edit {}", form.name),
            None => "Add a person".to_owned(),
        },
        action: editing.map_or_else(|| "/people".to_owned(), |id| format!("/people/{id}")),
        organizations: organization_choices(student, form.organization_id.as_deref()).await?,
        referrers: person_choices(student, form.referred_by_id.as_deref(), editing).await?,
        sources: Source::ALL
            .iter()
            .map(|s| Choice::new(s.as_str(), s.label(), s.as_str() == source))
            .collect(),
        form,
        new_organization,
        errors,
    })
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct NewQuery {
    #[serde(default)]
    referred_by: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    organization: Option<String>,
}

pub(crate) async fn new(student: Student, Query(q): Query<NewQuery>) -> Result<FormPage, AppError> {
    let form = PersonForm {
        name: q.name.unwrap_or_default(),
        source: if q.referred_by.is_some() {
            "referral".into()
        } else {
            String::new()
        },
        referred_by_id: q.referred_by,
        // "Add a manager" from an interview: at that organization, able to hire.
        hiring_authority: q.organization.is_some(),
        organization_id: q.organization,
        ..PersonForm::default()
    };
    form_page(&student, None, form, String::new(), Errors::default()).await
}

fn read(data: &FormData) -> PersonForm {
    PersonForm {
        name: data.get("name"),
        organization_id: data.some("organization_id"),
        title: data.get("title"),
        emails: data.lines("emails"),
        phones: data.lines("phones"),
        links: data.lines("links"),
        notes: data.get("notes"),
        tags: data
            .get("tags")
            .split(',')
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect(),
        source: data.get("source"),
        hiring_authority: data.checked("hiring_authority"),
        referred_by_id: data.some("referred_by_id"),
        may_name_referrer: data.checked("may_name_referrer"),
        business_card: data.checked("business_card"),
        stay_in_touch: data.checked("stay_in_touch"),
        cadence_days: data.get("cadence_days"),
        connected_on: data.get("connected_on"),
    }
}

/// Validates, then saves the person and the organization typed as new
/// together.
async fn save(
    student: &Student,
    editing: Option<&str>,
    data: FormData,
) -> Result<Response, AppError> {
    let form = read(&data);
    let new_org = data.get("new_organization");
    let invalid = |errors: Errors, form: PersonForm, new_org: String| async move {
        let page = form_page(student, editing, form, new_org, errors).await?;
        Ok::<Response, AppError>(invalid(page))
    };
    let input = match form.validate() {
        Ok(input) => input,
        Err(errors) => return invalid(errors.into(), form, new_org).await,
    };
    let organization = if new_org.trim().is_empty() {
        None
    } else {
        match OrganizationForm::named(&new_org).validate() {
            Ok(org) => Some(org),
            Err(_) => {
                let e = rapport_core::FieldError::new(
                    "new_organization",
                    "keep the organization's name on one line",
                );
                return invalid(rapport_core::FieldErrors::from(e).into(), form, new_org).await;
            }
        }
    };
    // One transaction: the organization typed as new is kept only with the person.
    let result = people::save(
        &student.db,
        &student.account,
        editing,
        &input,
        organization.as_ref(),
        student.now(),
    )
    .await;
    match result {
        Ok(person) => Ok(see_other(&format!("/people/{}", person.id)).into_response()),
        Err(StoreError::Invalid(errors)) => invalid(errors.into(), form, new_org).await,
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn create(student: Student, data: FormData) -> Result<Response, AppError> {
    save(&student, None, data).await
}

pub(crate) async fn edit(student: Student, Path(id): Path<String>) -> Result<FormPage, AppError> {
    let person = people::show(&student.db, &student.account, &id).await?;
    form_page(
        &student,
        Some(&id),
        person.to_form(),
        String::new(),
        Errors::default(),
    )
    .await
}

pub(crate) async fn update(
    student: Student,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, AppError> {
    people::show(&student.db, &student.account, &id).await?;
    save(&student, Some(&id), data).await
}

#[derive(Template, WebTemplate)]
#[template(path = "people/delete.html")]
pub(crate) struct DeletePage {
    active: &'static str,
    person: Person,
    interviews: usize,
}

pub(crate) async fn confirm_delete(
    student: Student,
    Path(id): Path<String>,
) -> Result<DeletePage, AppError> {
    let person = people::show(&student.db, &student.account, &id).await?;
    let filter = interviews::Filter {
        person_id: Some(id),
        ..interviews::Filter::default()
    };
    let interviews = interviews::list(&student.db, &student.account, &filter)
        .await?
        .len();
    Ok(DeletePage {
        active: "people",
        person,
        interviews,
    })
}

pub(crate) async fn delete(student: Student, Path(id): Path<String>) -> Result<Response, AppError> {
    people::delete(&student.db, &student.account, &id).await?;
    Ok(see_other("/people").into_response())
}
