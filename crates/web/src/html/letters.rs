//! Letters: the templates, and writing one to a person with the linter's
//! findings beside the text.

use super::form::{Errors, FormData};
use super::shared::{Choice, invalid, see_other};
use crate::error::AppError;
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use rapport_core::correspondence::{Channel, Purpose};
use rapport_core::letters::{FIELDS, TemplateForm, merge};
use rapport_core::linter::{Finding, lint};
use rapport_core::people::Person;
use rapport_store::letters::{self, LetterTemplate};
use rapport_store::people;

#[derive(Template, WebTemplate)]
#[template(path = "letters/list.html")]
pub(crate) struct ListPage {
    active: &'static str,
    templates: Vec<LetterTemplate>,
}

pub(crate) async fn list(student: Student) -> Result<ListPage, AppError> {
    Ok(ListPage {
        active: "letters",
        templates: letters::list(&student.db, &student.account).await?,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "letters/form.html")]
pub(crate) struct FormPage {
    active: &'static str,
    heading: String,
    action: String,
    key: Option<String>,
    builtin: bool,
    form: TemplateForm,
    purposes: Vec<Choice>,
    channels: Vec<Choice>,
    fields: [&'static str; 12],
    errors: Errors,
}

fn form_page(key: Option<&LetterTemplate>, form: TemplateForm, errors: Errors) -> FormPage {
    FormPage {
        active: "letters",
        heading: key.map_or_else(
            || "A template of your own".to_owned(),
            |t| format!("Edit: {}", t.name),
        ),
        action: key.map_or_else(|| "/letters".to_owned(), |t| format!("/letters/{}", t.key)),
        key: key.map(|t| t.key.clone()),
        builtin: key.is_some_and(|t| t.builtin),
        purposes: Purpose::ALL
            .iter()
            .map(|p| Choice::new(p.as_str(), p.label(), p.as_str() == form.purpose))
            .collect(),
        channels: Channel::ALL
            .iter()
            .map(|c| Choice::new(c.as_str(), c.label(), c.as_str() == form.channel))
            .collect(),
        form,
        fields: FIELDS,
        errors,
    }
}

fn to_form(t: &LetterTemplate) -> TemplateForm {
    TemplateForm {
        name: t.name.clone(),
        purpose: t.purpose.as_str().into(),
        channel: t.channel.as_str().into(),
        subject: t.subject.clone(),
        body: t.body.clone(),
    }
}

pub(crate) async fn new() -> FormPage {
    let form = TemplateForm {
        purpose: "introduction".into(),
        channel: "letter".into(),
        ..TemplateForm::default()
    };
    form_page(None, form, Errors::default())
}

pub(crate) async fn edit(student: Student, Path(key): Path<String>) -> Result<FormPage, AppError> {
    let t = letters::show(&student.db, &student.account, &key).await?;
    Ok(form_page(Some(&t), to_form(&t), Errors::default()))
}

async fn save(student: &Student, key: Option<&str>, data: FormData) -> Result<Response, AppError> {
    let existing = match key {
        Some(k) => Some(letters::show(&student.db, &student.account, k).await?),
        None => None,
    };
    let form = TemplateForm {
        name: data.get("name"),
        purpose: data.get("purpose"),
        channel: data.get("channel"),
        subject: data.get("subject"),
        body: data.get("body"),
    };
    match form.validate() {
        Ok(input) => {
            letters::save(&student.db, &student.account, key, &input, student.now()).await?;
            Ok(see_other("/letters").into_response())
        }
        Err(errors) => Ok(invalid(form_page(existing.as_ref(), form, errors.into()))),
    }
}

pub(crate) async fn create(student: Student, data: FormData) -> Result<Response, AppError> {
    save(&student, None, data).await
}

pub(crate) async fn update(
    student: Student,
    Path(key): Path<String>,
    data: FormData,
) -> Result<Response, AppError> {
    save(&student, Some(&key), data).await
}

pub(crate) async fn reset(student: Student, Path(key): Path<String>) -> Result<Response, AppError> {
    letters::reset(&student.db, &student.account, &key).await?;
    Ok(see_other("/letters").into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "letters/compose.html")]
pub(crate) struct ComposePage {
    active: &'static str,
    person: Person,
    templates: Vec<Choice>,
    template: LetterTemplate,
    subject: String,
    body: String,
    findings: Vec<Finding>,
    checked: bool,
    asked_to_confirm: bool,
    channels: Vec<Choice>,
}

#[derive(serde::Deserialize)]
pub(crate) struct ComposeQuery {
    #[serde(default)]
    template: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn compose_page(
    student: &Student,
    person: Person,
    template: LetterTemplate,
    subject: String,
    body: String,
    checked: bool,
    asked_to_confirm: bool,
    channel: Channel,
) -> Result<ComposePage, AppError> {
    let all = letters::list(&student.db, &student.account).await?;
    Ok(ComposePage {
        active: "letters",
        templates: all
            .iter()
            .map(|t| Choice::new(t.key.clone(), t.name.clone(), t.key == template.key))
            .collect(),
        findings: lint(&body, template.purpose),
        channels: Channel::ALL
            .iter()
            .map(|c| Choice::new(c.as_str(), c.label(), *c == channel))
            .collect(),
        person,
        template,
        subject,
        body,
        checked,
        asked_to_confirm,
    })
}

pub(crate) async fn compose(
    student: Student,
    Path(id): Path<String>,
    Query(q): Query<ComposeQuery>,
) -> Result<ComposePage, AppError> {
    let person = people::show(&student.db, &student.account, &id).await?;
    let key = q.template.unwrap_or_else(|| "introduction".to_owned());
    let template = letters::show(&student.db, &student.account, &key).await?;
    let values =
        crate::compose::merge_values(&student.db, &student.account, &person, student.now()).await?;
    let (subject, body) = (
        merge(&template.subject, &values),
        merge(&template.body, &values),
    );
    let channel = template.channel;
    compose_page(
        &student, person, template, subject, body, false, false, channel,
    )
    .await
}

/// `action=check` shows the findings; `action=send` keeps the copy as sent,
/// but only once the findings are fixed or the user chose to send anyway.
pub(crate) async fn send(
    student: Student,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, AppError> {
    let person = people::show(&student.db, &student.account, &id).await?;
    let template = letters::show(&student.db, &student.account, &data.get("template")).await?;
    let (subject, body) = (data.get("subject"), data.get("body"));
    let channel = Channel::parse(&data.get("channel")).unwrap_or(template.channel);
    if data.get("action") == "send" {
        let letter = crate::compose::Letter {
            channel,
            subject: subject.clone(),
            body: body.clone(),
            anyway: data.checked("send_anyway"),
        };
        let kept = crate::compose::keep_letter(
            &student.db,
            &student.account,
            &person.id,
            &template,
            letter,
            student.now(),
        )
        .await?;
        if let Ok(contact) = kept {
            return Ok(see_other(&format!("/contacts/{}", contact.id)).into_response());
        }
        // Held back: the page shows the findings and asks to confirm.
        let page = compose_page(
            &student, person, template, subject, body, true, true, channel,
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let page = compose_page(
        &student, person, template, subject, body, true, false, channel,
    )
    .await?;
    Ok(page.into_response())
}
