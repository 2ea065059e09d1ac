//! The contact log: logging a call or a meeting, and the kept copy of a
//! letter with the ways to send it from your own mail program.

use super::form::FormData;
use super::shared::see_other;
use crate::error::AppError;
use crate::format::{mailto, url_part};
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use rapport_core::correspondence::{Contact, ContactForm};
use rapport_store::{StoreError, correspondence, people, profiles};

pub(crate) async fn log(
    student: Student,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, AppError> {
    // Whose person it is comes before what was typed: another account's id
    // is not found, whatever the form holds.
    people::show(&student.db, &student.account, &id).await?;
    let form = ContactForm {
        person_id: id.clone(),
        interview_id: None,
        channel: data.get("channel"),
        direction: data.get("direction"),
        purpose: data.get("purpose"),
        outcome: data.get("outcome"),
        occurred_at: data.get("occurred_at"),
        time_zone: student.zone.name().to_owned(),
        subject: String::new(),
        body: data.get("body"),
    };
    let input = form.validate(student.now()).map_err(StoreError::from)?;
    correspondence::create(&student.db, &student.account, &input, student.now()).await?;
    Ok(see_other(&format!("/people/{id}#contacts")).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "letters/sent.html")]
pub(crate) struct SentPage {
    active: &'static str,
    contact: Contact,
    mailto: Option<String>,
}

pub(crate) async fn show(student: Student, Path(id): Path<String>) -> Result<SentPage, AppError> {
    let contact = correspondence::show(&student.db, &student.account, &id).await?;
    let person = people::show(&student.db, &student.account, &contact.person.id).await?;
    let mailto = person.emails.first().map(|to| {
        format!(
            "{}?subject={}&body={}",
            mailto(to),
            url_part(&contact.subject),
            url_part(&contact.body.replace('\n', "\r\n"))
        )
    });
    Ok(SentPage {
        active: "letters",
        contact,
        mailto,
    })
}

/// The letter as an `.eml` message for the user's mail program.
pub(crate) async fn eml(student: Student, Path(id): Path<String>) -> Result<Response, AppError> {
    let contact = correspondence::show(&student.db, &student.account, &id).await?;
    let person = people::show(&student.db, &student.account, &contact.person.id).await?;
    let profile = profiles::show(&student.db, &student.account).await?;
    let clean = |s: &str| s.replace(['\r', '\n'], " ");
    let to = match person.emails.first() {
        Some(e) => format!("{} <{e}>", clean(&person.name)),
        None => clean(&person.name),
    };
    let mut message = String::new();
    if !profile.signature_email.is_empty() {
        message.push_str(&format!(
            "From: {} <{}>\r\n",
            clean(&profile.signature_name),
            profile.signature_email
        ));
    }
    message.push_str(&format!("To: {to}\r\n"));
    message.push_str(&format!("Subject: {}\r\n", clean(&contact.subject)));
    message.push_str(&format!("Date: {}\r\n", contact.occurred_at.to_rfc2822()));
    message.push_str("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\nX-Unsent: 1\r\n\r\n");
    message.push_str(&contact.body.replace("\r\n", "\n").replace('\n', "\r\n"));
    message.push_str("\r\n");
    Ok((
        [
            (header::CONTENT_TYPE, "message/rfc822".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"letter-{}.eml\"", contact.id),
            ),
        ],
        message,
    )
        .into_response())
}
