//! `/api/v1/contacts` and letters: every contact with a person kept with a
//! copy of what was written, and letters drafted from your templates with
//! the linter's findings returned before anything is sent, as on the
//! compose page (`ContactForm::validate`, `linter::lint`).

use super::body::{Body, Id, Ids, Params};
use super::caller::Caller;
use super::problem::{ApiError, Problem, respond};
use super::schema::{Exact, Invalid, Missing, Reads, Writes};
use super::{Ask, Page, Reference};
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use rapport_core::correspondence::{Channel, Contact, ContactForm, Direction, Outcome, Purpose};
use rapport_core::letters::{TemplateForm, merge};
use rapport_core::linter::{Finding, lint};
use rapport_store::letters::{self, LetterTemplate};
use rapport_store::{correspondence, people};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A contact: a letter, a call, a message, in or out.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ContactOut {
    id: String,
    person: Reference,
    interview_id: Option<String>,
    /// phone, letter, email, in-person or message.
    channel: String,
    /// out (you reached out) or in (they reached you).
    direction: String,
    /// introduction, follow-up, confirmation, thank-you, keep-in-touch or other.
    purpose: String,
    /// sent, reached, left-message, no-answer, agreed, declined or replied.
    outcome: String,
    occurred_at: DateTime<Utc>,
    subject: String,
    /// The copy of what was written, or notes on a call.
    body: String,
}

impl From<Contact> for ContactOut {
    fn from(c: Contact) -> Self {
        ContactOut {
            id: c.id,
            person: c.person.into(),
            interview_id: c.interview_id,
            channel: c.channel.as_str().to_owned(),
            direction: c.direction.as_str().to_owned(),
            purpose: c.purpose.as_str().to_owned(),
            outcome: c.outcome.as_str().to_owned(),
            occurred_at: c.occurred_at,
            subject: c.subject,
            body: c.body,
        }
    }
}

/// Which contacts to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ContactsQuery {
    /// Only the contacts with this person.
    #[param(pattern = r"^[^\u0000-\u001f\u007f]*$")]
    person_id: Option<String>,
    /// The `next` cursor of the page before.
    #[param(pattern = r"^[A-Za-z0-9.-]{1,64}$")]
    after: Option<String>,
    /// Contacts per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

/// Lists contacts, the most recently recorded first, a page at a time.
#[utoipa::path(
    get, path = "/contacts", tag = "contacts",
    params(ContactsQuery),
    responses(
        (status = 200, description = "A page of contacts", body = Page<ContactOut>),
        Reads, Invalid,
    )
)]
pub(crate) async fn list(
    caller: Caller,
    Params(q): Params<ContactsQuery>,
) -> Result<Json<Page<ContactOut>>, ApiError> {
    let ask = Ask::of(q.limit, q.after)?;
    let found = correspondence::page(
        &caller.db,
        &caller.account,
        q.person_id.as_deref(),
        ask.after.as_deref(),
        ask.read(),
    )
    .await?;
    Ok(Json(ask.page(found, |c| &c.id, ContactOut::from)))
}

/// One contact with its copy.
#[utoipa::path(
    get, path = "/contacts/{id}", tag = "contacts",
    params(("id" = String, Path, description = "The contact's id")),
    responses(
        (status = 200, description = "The contact", body = ContactOut),
        Reads, Missing,
    )
)]
pub(crate) async fn show(caller: Caller, Id(id): Id) -> Result<Json<ContactOut>, ApiError> {
    Ok(Json(
        correspondence::show(&caller.db, &caller.account, &id)
            .await?
            .into(),
    ))
}

/// A contact as sent: a call made, a message left, a letter received.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ContactIn {
    #[schema(schema_with = super::schema::names::<Channel>)]
    channel: Exact<Channel>,
    /// absent: out.
    #[serde(default)]
    #[schema(schema_with = super::schema::names_or_null::<Direction>)]
    direction: Option<Exact<Direction>>,
    /// absent: other.
    #[serde(default)]
    #[schema(schema_with = super::schema::names_or_null::<Purpose>)]
    purpose: Option<Exact<Purpose>>,
    /// absent: sent.
    #[serde(default)]
    #[schema(schema_with = super::schema::names_or_null::<Outcome>)]
    outcome: Option<Exact<Outcome>>,
    /// The local time, `2026-12-08 10:00`, in your zone (empty: now).
    #[serde(default)]
    #[schema(schema_with = super::schema::local_time)]
    occurred_at: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::line_or_empty)]
    subject: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    body: String,
}

/// Records a contact with a person.
#[utoipa::path(
    post, path = "/people/{id}/contacts", tag = "contacts",
    params(("id" = String, Path, description = "The person's id")),
    request_body = ContactIn,
    responses(
        (status = 201, description = "The contact recorded", body = ContactOut),
        Writes, Missing, Invalid,
    )
)]
pub(crate) async fn record(
    caller: Caller,
    Id(id): Id,
    Body(input): Body<ContactIn>,
) -> Result<(StatusCode, Json<ContactOut>), ApiError> {
    people::show(&caller.db, &caller.account, &id).await?;
    let name = |v: Option<String>| v.unwrap_or_default();
    let form = ContactForm {
        person_id: id,
        interview_id: None,
        channel: input.channel.name(),
        direction: name(input.direction.map(Exact::name)),
        purpose: name(input.purpose.map(Exact::name)),
        outcome: name(input.outcome.map(Exact::name)),
        occurred_at: input.occurred_at,
        time_zone: caller.zone.name().to_owned(),
        subject: input.subject,
        body: input.body,
    };
    let checked = form.validate(caller.now())?;
    let made = correspondence::create(&caller.db, &caller.account, &checked, caller.now()).await?;
    Ok((StatusCode::CREATED, Json(made.into())))
}

/// A letter template.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TemplateOut {
    /// A built-in's key (introduction, follow-up…) or `own-…`.
    key: String,
    name: String,
    purpose: String,
    channel: String,
    /// With merge fields such as `{{name}}`.
    subject: String,
    body: String,
    builtin: bool,
    /// A built-in you changed.
    edited: bool,
}

impl From<LetterTemplate> for TemplateOut {
    fn from(t: LetterTemplate) -> Self {
        TemplateOut {
            purpose: t.purpose.as_str().to_owned(),
            channel: t.channel.as_str().to_owned(),
            key: t.key,
            name: t.name,
            subject: t.subject,
            body: t.body,
            builtin: t.builtin,
            edited: t.edited,
        }
    }
}

/// Your letter templates: the method's five and your own.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TemplatesOut {
    items: Vec<TemplateOut>,
}

/// Your letter templates.
#[utoipa::path(
    get, path = "/letters", tag = "letters",
    responses(
        (status = 200, description = "The templates", body = TemplatesOut),
        Reads,
    )
)]
pub(crate) async fn templates(caller: Caller) -> Result<Json<TemplatesOut>, ApiError> {
    let all = letters::list(&caller.db, &caller.account).await?;
    Ok(Json(TemplatesOut {
        items: all.into_iter().map(TemplateOut::from).collect(),
    }))
}

/// What the linter found.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FindingOut {
    /// job-pitch, no-time-request, long-time-request, unfilled,
    /// repeated-word, signature-contact or too-long.
    #[schema(value_type = String)]
    rule: rapport_core::linter::Rule,
    /// The words concerned, as written.
    words: String,
    /// Why it matters.
    reason: String,
}

impl From<Finding> for FindingOut {
    fn from(f: Finding) -> Self {
        FindingOut {
            rule: f.rule,
            words: f.words,
            reason: f.reason,
        }
    }
}

fn findings(body: &str, purpose: Purpose) -> Vec<FindingOut> {
    lint(body, purpose)
        .into_iter()
        .map(FindingOut::from)
        .collect()
}

/// A letter drafted for a person, with what the linter finds in it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct DraftOut {
    template: String,
    purpose: String,
    channel: String,
    subject: String,
    body: String,
    findings: Vec<FindingOut>,
}

/// Drafts a letter to a person from a template, its merge fields filled.
#[utoipa::path(
    get, path = "/people/{id}/letters/{template}", tag = "letters",
    params(
        ("id" = String, Path, description = "The person's id"),
        ("template" = String, Path, description = "The template's key"),
    ),
    responses(
        (status = 200, description = "The draft and its findings", body = DraftOut),
        Reads, Missing,
    )
)]
pub(crate) async fn draft(caller: Caller, Ids(id, key): Ids) -> Result<Json<DraftOut>, ApiError> {
    let person = people::show(&caller.db, &caller.account, &id).await?;
    let template = letters::show(&caller.db, &caller.account, &key).await?;
    let values =
        crate::compose::merge_values(&caller.db, &caller.account, &person, caller.now()).await?;
    let body = merge(&template.body, &values);
    Ok(Json(DraftOut {
        findings: findings(&body, template.purpose),
        subject: merge(&template.subject, &values),
        purpose: template.purpose.as_str().to_owned(),
        channel: template.channel.as_str().to_owned(),
        template: template.key,
        body,
    }))
}

/// A text to check before sending.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CheckIn {
    #[schema(schema_with = super::schema::names::<Purpose>)]
    purpose: Exact<Purpose>,
    #[schema(schema_with = super::schema::long_text)]
    body: String,
}

/// What the linter finds.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FindingsOut {
    findings: Vec<FindingOut>,
}

/// Checks a letter as the compose page does: a job pitch, no request for a
/// short time, a merge field left, a thank-you without your address…
#[utoipa::path(
    post, path = "/letters/check", tag = "letters",
    request_body = CheckIn,
    responses(
        (status = 200, description = "The findings (none: ready to send)", body = FindingsOut),
        Writes, Invalid,
    )
)]
pub(crate) async fn check(
    _caller: Caller,
    Body(input): Body<CheckIn>,
) -> Result<Json<FindingsOut>, ApiError> {
    let body = rapport_core::validated::long_text("body", &input.body)?;
    Ok(Json(FindingsOut {
        findings: findings(&body, input.purpose.0),
    }))
}

/// A letter to keep as sent.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct LetterIn {
    /// The template's key: it gives the letter its purpose.
    template: String,
    #[schema(schema_with = super::schema::line_or_empty)]
    subject: String,
    #[schema(schema_with = super::schema::long_text)]
    body: String,
    /// absent: the template's.
    #[serde(default)]
    #[schema(schema_with = super::schema::names_or_null::<Channel>)]
    channel: Option<Exact<Channel>>,
    /// Keep it although the linter found something.
    #[serde(default)]
    send_anyway: bool,
}

/// The linter's findings, when a letter is held back.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct HeldBack {
    #[serde(flatten)]
    problem: Problem,
    findings: Vec<FindingOut>,
}

/// Keeps a letter as sent to a person (a copy, as the method asks), once the
/// linter finds nothing or you send it anyway; a letter for an interview
/// being asked for moves it along as on the page.
#[utoipa::path(
    post, path = "/people/{id}/letters", tag = "letters",
    params(("id" = String, Path, description = "The person's id")),
    request_body = LetterIn,
    responses(
        (status = 201, description = "The letter kept as sent", body = ContactOut),
        (status = 409, description = "The linter found something; fix it or set `send_anyway`", body = HeldBack, content_type = "application/problem+json"),
        Writes, Missing, Invalid,
    )
)]
pub(crate) async fn send(
    caller: Caller,
    Id(id): Id,
    Body(input): Body<LetterIn>,
) -> Result<Response, ApiError> {
    let person = people::show(&caller.db, &caller.account, &id).await?;
    let template = letters::show(&caller.db, &caller.account, &input.template).await?;
    let letter = crate::compose::Letter {
        channel: input.channel.map_or(template.channel, |c| c.0),
        subject: input.subject,
        body: input.body,
        anyway: input.send_anyway,
    };
    let kept = crate::compose::keep_letter(
        &caller.db,
        &caller.account,
        &person.id,
        &template,
        letter,
        caller.now(),
    )
    .await?;
    match kept {
        Ok(made) => Ok((StatusCode::CREATED, Json(ContactOut::from(made))).into_response()),
        Err(found) => {
            let held = HeldBack {
                problem: Problem::new(
                    StatusCode::CONFLICT,
                    "Held back",
                    format!(
                        "the linter found {} thing(s) to fix; fix them or send with `send_anyway`",
                        found.len()
                    ),
                ),
                findings: found.into_iter().map(FindingOut::from).collect(),
            };
            Ok(respond(StatusCode::CONFLICT, &held))
        }
    }
}

/// A template as sent: the text may hold merge fields such as `{{name}}`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TemplateIn {
    #[schema(schema_with = super::schema::line)]
    name: String,
    #[schema(schema_with = super::schema::names::<Purpose>)]
    purpose: Exact<Purpose>,
    #[schema(schema_with = super::schema::names::<Channel>)]
    channel: Exact<Channel>,
    #[serde(default)]
    #[schema(schema_with = super::schema::line_or_empty)]
    subject: String,
    #[schema(schema_with = super::schema::written_text)]
    body: String,
}

impl TemplateIn {
    fn form(self) -> TemplateForm {
        TemplateForm {
            name: self.name,
            purpose: self.purpose.name(),
            channel: self.channel.name(),
            subject: self.subject,
            body: self.body,
        }
    }
}

async fn saved(
    caller: &Caller,
    key: Option<&str>,
    input: TemplateIn,
) -> Result<TemplateOut, ApiError> {
    let checked = input.form().validate()?;
    let key = letters::save(&caller.db, &caller.account, key, &checked, caller.now()).await?;
    Ok(letters::show(&caller.db, &caller.account, &key)
        .await?
        .into())
}

/// Adds a template of your own.
#[utoipa::path(
    post, path = "/letters", tag = "letters",
    request_body = TemplateIn,
    responses(
        (status = 201, description = "The template added", body = TemplateOut),
        Writes, Invalid,
    )
)]
pub(crate) async fn create_template(
    caller: Caller,
    Body(input): Body<TemplateIn>,
) -> Result<(StatusCode, Json<TemplateOut>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(saved(&caller, None, input).await?),
    ))
}

/// Replaces a template: one of yours, or your version of a built-in one.
#[utoipa::path(
    put, path = "/letters/{key}", tag = "letters",
    params(("key" = String, Path, description = "The template's key")),
    request_body = TemplateIn,
    responses(
        (status = 200, description = "The template as saved", body = TemplateOut),
        Writes, Missing, Invalid,
    )
)]
pub(crate) async fn update_template(
    caller: Caller,
    Id(key): Id,
    Body(input): Body<TemplateIn>,
) -> Result<Json<TemplateOut>, ApiError> {
    Ok(Json(saved(&caller, Some(&key), input).await?))
}

/// Deletes a template of yours, or restores a built-in one as it came.
#[utoipa::path(
    delete, path = "/letters/{key}", tag = "letters",
    params(("key" = String, Path, description = "The template's key")),
    responses(
        (status = 204, description = "Deleted, or restored"),
        Writes, Missing,
    )
)]
pub(crate) async fn reset_template(caller: Caller, Id(key): Id) -> Result<StatusCode, ApiError> {
    letters::reset(&caller.db, &caller.account, &key).await?;
    Ok(StatusCode::NO_CONTENT)
}
