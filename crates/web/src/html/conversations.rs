//! Casual conversations and quick capture: a few seconds from any page.

use super::form::{Errors, FormData};
use super::shared::{Choice, ListQuery, Pager, invalid, paginate, see_other};
use crate::error::AppError;
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Response};
use rapport_core::conversations::{Conversation, ConversationForm};
use rapport_core::people::{PersonForm, Source};
use rapport_store::{conversations, people};

#[derive(Template, WebTemplate)]
#[template(path = "conversations/list.html")]
pub(crate) struct ListPage {
    active: &'static str,
    conversations: Vec<Conversation>,
    pager: Pager,
    form: ConversationForm,
    errors: Errors,
}

async fn list_page(
    student: &Student,
    query: &ListQuery,
    form: ConversationForm,
    errors: Errors,
) -> Result<ListPage, AppError> {
    let (conversations, more) =
        paginate(conversations::list(&student.db, &student.account, query.page()).await?);
    Ok(ListPage {
        active: "conversations",
        conversations,
        pager: Pager::new(query, more),
        form,
        errors,
    })
}

pub(crate) async fn list(
    student: Student,
    Query(query): Query<ListQuery>,
) -> Result<ListPage, AppError> {
    list_page(
        &student,
        &query,
        ConversationForm::default(),
        Errors::default(),
    )
    .await
}

fn read(data: &FormData) -> ConversationForm {
    ConversationForm {
        who: data.get("who"),
        place: data.get("place"),
        learned: data.get("learned"),
        occurred_on: data.get("occurred_on"),
    }
}

pub(crate) async fn create(student: Student, data: FormData) -> Result<Response, AppError> {
    let form = read(&data);
    let today = student.now().with_timezone(&student.zone.tz()).date_naive();
    match form.validate(today) {
        Ok(input) => {
            conversations::create(&student.db, &student.account, &input, student.now()).await?;
            Ok(see_other("/conversations").into_response())
        }
        Err(errors) => {
            let page = list_page(&student, &ListQuery::default(), form, errors.into()).await?;
            Ok(invalid(page))
        }
    }
}

/// The conversation grows into a person record you can plan an interview with.
pub(crate) async fn to_person(
    student: Student,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, AppError> {
    let conversation = conversations::show(&student.db, &student.account, &id).await?;
    let form = PersonForm {
        name: data.get("name"),
        source: Source::ChanceMeeting.as_str().into(),
        notes: format!(
            "Met: {} ({}). {}",
            conversation.place, conversation.occurred_on, conversation.learned
        ),
        ..PersonForm::default()
    };
    match form.validate() {
        Ok(input) => {
            let person =
                people::create(&student.db, &student.account, &input, student.now()).await?;
            conversations::link_person(&student.db, &student.account, &id, &person.id).await?;
            Ok(see_other(&format!("/people/{}/edit", person.id)).into_response())
        }
        Err(errors) => {
            let page = list_page(
                &student,
                &ListQuery::default(),
                ConversationForm::default(),
                errors.into(),
            )
            .await?;
            Ok(invalid(page))
        }
    }
}

pub(crate) async fn delete(student: Student, Path(id): Path<String>) -> Result<Response, AppError> {
    conversations::delete(&student.db, &student.account, &id).await?;
    Ok(see_other("/conversations").into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "conversations/capture.html")]
pub(crate) struct CapturePage {
    active: &'static str,
    sources: Vec<Choice>,
}

pub(crate) async fn capture() -> CapturePage {
    CapturePage {
        active: "",
        sources: Source::ALL
            .iter()
            .map(|s| Choice::new(s.as_str(), s.label(), *s == Source::ChanceMeeting))
            .collect(),
    }
}
