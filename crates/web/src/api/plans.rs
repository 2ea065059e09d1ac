//! `/api/v1/questions` and `/api/v1/interviews/{id}/plan`: the handout's
//! question bank beside your own questions, and each interview's plan of
//! questions with the answers noted against them, checked as the plan page
//! checks them.

use super::body::{Body, Id, Ids};
use super::caller::Caller;
use super::problem::ApiError;
use super::schema::{Exact, Invalid, Missing, Reads, Writes};
use axum::Json;
use axum::http::StatusCode;
use rapport_core::questions::{BANK, Group, Priority, own_question, question_minutes};
use rapport_store::plans::{self, PlanItem, Source};
use rapport_store::{interviews, questions};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A question of the handout's bank.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct BankQuestion {
    /// Its key, to add it to a plan.
    key: &'static str,
    text: &'static str,
    /// The handout's group (what-you-do, typical-day…).
    #[schema(value_type = String)]
    group: Group,
    /// Minutes a good answer usually takes.
    minutes: u8,
}

/// A question of your own.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct OwnQuestionOut {
    id: String,
    text: String,
    minutes: i64,
}

impl From<questions::Question> for OwnQuestionOut {
    fn from(q: questions::Question) -> Self {
        OwnQuestionOut {
            id: q.id,
            text: q.text,
            minutes: q.minutes,
        }
    }
}

/// The questions you can plan.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct QuestionsOut {
    /// The handout's questions, in its order.
    bank: Vec<BankQuestion>,
    /// Yours, oldest first (up to 500).
    own: Vec<OwnQuestionOut>,
}

/// The handout's bank and your own questions.
#[utoipa::path(
    get, path = "/questions", tag = "questions",
    responses(
        (status = 200, description = "The questions", body = QuestionsOut),
        Reads,
    )
)]
pub(crate) async fn list(caller: Caller) -> Result<Json<QuestionsOut>, ApiError> {
    let own = questions::list(&caller.db, &caller.account).await?;
    Ok(Json(QuestionsOut {
        bank: BANK
            .iter()
            .map(|q| BankQuestion {
                key: q.key,
                text: q.text,
                group: q.group,
                minutes: q.minutes,
            })
            .collect(),
        own: own.into_iter().map(OwnQuestionOut::from).collect(),
    }))
}

/// A question of your own as sent.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuestionIn {
    #[schema(schema_with = super::schema::line)]
    text: String,
    /// Minutes it usually takes, 1 to 30 (absent: 2).
    #[serde(default, deserialize_with = "super::schema::whole::optional")]
    #[schema(minimum = 1, maximum = 30)]
    minutes: Option<u32>,
}

fn minutes_text(m: Option<u32>) -> String {
    m.map(|m| m.to_string()).unwrap_or_default()
}

/// Adds a question of your own.
#[utoipa::path(
    post, path = "/questions", tag = "questions",
    request_body = QuestionIn,
    responses(
        (status = 201, description = "The question added", body = OwnQuestionOut),
        Writes, Invalid,
    )
)]
pub(crate) async fn create(
    caller: Caller,
    Body(input): Body<QuestionIn>,
) -> Result<(StatusCode, Json<OwnQuestionOut>), ApiError> {
    let checked = own_question(&input.text, &minutes_text(input.minutes))?;
    let made = questions::create(&caller.db, &caller.account, &checked, caller.now()).await?;
    Ok((StatusCode::CREATED, Json(made.into())))
}

/// Deletes a question of your own; plans that hold it keep their copy.
#[utoipa::path(
    delete, path = "/questions/{id}", tag = "questions",
    params(("id" = String, Path, description = "The question's id")),
    responses(
        (status = 204, description = "Deleted"),
        Writes, Missing,
    )
)]
pub(crate) async fn delete(caller: Caller, Id(id): Id) -> Result<StatusCode, ApiError> {
    questions::delete(&caller.db, &caller.account, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A planned question, with the answer noted against it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PlanItemOut {
    id: String,
    text: String,
    /// The bank's key, when it came from the bank.
    key: Option<String>,
    /// must, should or could.
    priority: String,
    minutes: u32,
    /// Asked during the interview.
    asked: bool,
    /// What you noted of the answer.
    note: String,
}

impl From<PlanItem> for PlanItemOut {
    fn from(i: PlanItem) -> Self {
        PlanItemOut {
            id: i.id,
            text: i.text,
            key: i.builtin_key,
            priority: i.priority.as_str().to_owned(),
            minutes: i.minutes,
            asked: i.asked,
            note: i.note,
        }
    }
}

/// An interview's plan, in the order you will ask.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PlanOut {
    items: Vec<PlanItemOut>,
    /// Minutes of every question planned.
    planned_minutes: u32,
    /// Minutes agreed for the interview: the plan should fit them.
    length_minutes: u16,
}

async fn plan_of(caller: &Caller, interview: &str) -> Result<PlanOut, ApiError> {
    let found = interviews::show(&caller.db, &caller.account, interview).await?;
    let items = plans::list(&caller.db, &caller.account, interview).await?;
    Ok(PlanOut {
        planned_minutes: items.iter().map(|i| i.minutes).sum(),
        length_minutes: found.length.minutes(),
        items: items.into_iter().map(PlanItemOut::from).collect(),
    })
}

/// An interview's question plan.
#[utoipa::path(
    get, path = "/interviews/{id}/plan", tag = "questions",
    params(("id" = String, Path, description = "The interview's id")),
    responses(
        (status = 200, description = "The plan", body = PlanOut),
        Reads, Missing,
    )
)]
pub(crate) async fn plan(caller: Caller, Id(id): Id) -> Result<Json<PlanOut>, ApiError> {
    Ok(Json(plan_of(&caller, &id).await?))
}

/// A question of the bank, by its key.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct FromBank {
    #[schema(schema_with = super::schema::bank_keys)]
    key: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::names_or_null::<Priority>)]
    priority: Option<Exact<Priority>>,
    /// 1 to 30 (absent: the bank's minutes).
    #[serde(default, deserialize_with = "super::schema::whole::optional")]
    #[schema(minimum = 1, maximum = 30)]
    minutes: Option<u32>,
}

/// A question of your own, by its id.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct FromOwn {
    question_id: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::names_or_null::<Priority>)]
    priority: Option<Exact<Priority>>,
    /// 1 to 30 (absent: the question's minutes).
    #[serde(default, deserialize_with = "super::schema::whole::optional")]
    #[schema(minimum = 1, maximum = 30)]
    minutes: Option<u32>,
}

/// A new question, kept among your own too.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Typed {
    #[schema(schema_with = super::schema::line)]
    text: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::names_or_null::<Priority>)]
    priority: Option<Exact<Priority>>,
    /// 1 to 30 (absent: 2).
    #[serde(default, deserialize_with = "super::schema::whole::optional")]
    #[schema(minimum = 1, maximum = 30)]
    minutes: Option<u32>,
}

/// What to add to a plan: a question of the bank, one of yours, or a new one.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
pub(crate) enum PlanAddIn {
    FromBank(FromBank),
    FromOwn(FromOwn),
    Typed(Typed),
}

/// Adds a question to an interview's plan (priority absent: should); one
/// already planned stays as it is.
#[utoipa::path(
    post, path = "/interviews/{id}/plan", tag = "questions",
    params(("id" = String, Path, description = "The interview's id")),
    request_body = PlanAddIn,
    responses(
        (status = 200, description = "The plan", body = PlanOut),
        Writes, Missing, Invalid,
    )
)]
pub(crate) async fn add(
    caller: Caller,
    Id(id): Id,
    Body(input): Body<PlanAddIn>,
) -> Result<Json<PlanOut>, ApiError> {
    // The interview first: a question typed for a missing one is not kept.
    interviews::show(&caller.db, &caller.account, &id).await?;
    let (source, priority, minutes) = match input {
        PlanAddIn::FromBank(b) => (Source::Builtin(b.key), b.priority, b.minutes),
        PlanAddIn::FromOwn(o) => (Source::Own(o.question_id), o.priority, o.minutes),
        PlanAddIn::Typed(t) => {
            let checked = own_question(&t.text, &minutes_text(t.minutes))?;
            let made =
                questions::create(&caller.db, &caller.account, &checked, caller.now()).await?;
            (Source::Own(made.id), t.priority, t.minutes)
        }
    };
    let minutes = minutes
        .map(|m| question_minutes(&m.to_string()))
        .transpose()?;
    let priority = priority.map_or(Priority::Should, |p| p.0);
    plans::add(&caller.db, &caller.account, &id, &source, priority, minutes).await?;
    Ok(Json(plan_of(&caller, &id).await?))
}

/// How much a planned question matters and the minutes it gets.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PlanItemIn {
    #[schema(schema_with = super::schema::names::<Priority>)]
    priority: Exact<Priority>,
    /// 1 to 30.
    #[serde(deserialize_with = "super::schema::whole::required")]
    #[schema(minimum = 1, maximum = 30)]
    minutes: u32,
}

/// Sets a planned question's priority and minutes.
#[utoipa::path(
    put, path = "/interviews/{id}/plan/{item}", tag = "questions",
    params(
        ("id" = String, Path, description = "The interview's id"),
        ("item" = String, Path, description = "The planned question's id"),
    ),
    request_body = PlanItemIn,
    responses(
        (status = 200, description = "The plan", body = PlanOut),
        Writes, Missing, Invalid,
    )
)]
pub(crate) async fn update(
    caller: Caller,
    Ids(id, item): Ids,
    Body(input): Body<PlanItemIn>,
) -> Result<Json<PlanOut>, ApiError> {
    let minutes = question_minutes(&input.minutes.to_string())?;
    plans::update(
        &caller.db,
        &caller.account,
        &id,
        &item,
        input.priority.0,
        minutes,
    )
    .await?;
    Ok(Json(plan_of(&caller, &id).await?))
}

/// What you noted of an answer, and whether you asked it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AnswerIn {
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    note: String,
    #[serde(default)]
    asked: bool,
}

/// Notes the answer to a planned question.
#[utoipa::path(
    put, path = "/interviews/{id}/plan/{item}/answer", tag = "questions",
    params(
        ("id" = String, Path, description = "The interview's id"),
        ("item" = String, Path, description = "The planned question's id"),
    ),
    request_body = AnswerIn,
    responses(
        (status = 200, description = "The plan", body = PlanOut),
        Writes, Missing, Invalid,
    )
)]
pub(crate) async fn answer(
    caller: Caller,
    Ids(id, item): Ids,
    Body(input): Body<AnswerIn>,
) -> Result<Json<PlanOut>, ApiError> {
    plans::save_note(
        &caller.db,
        &caller.account,
        &id,
        &item,
        &input.note,
        input.asked,
        caller.now(),
    )
    .await?;
    Ok(Json(plan_of(&caller, &id).await?))
}

/// Which way a planned question moves.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Direction {
    Up,
    Down,
}

/// A move within the plan.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReorderIn {
    direction: Direction,
}

/// Moves a planned question one place earlier or later.
#[utoipa::path(
    post, path = "/interviews/{id}/plan/{item}/move", tag = "questions",
    params(
        ("id" = String, Path, description = "The interview's id"),
        ("item" = String, Path, description = "The planned question's id"),
    ),
    request_body = ReorderIn,
    responses(
        (status = 200, description = "The plan", body = PlanOut),
        Writes, Missing, Invalid,
    )
)]
pub(crate) async fn reorder(
    caller: Caller,
    Ids(id, item): Ids,
    Body(input): Body<ReorderIn>,
) -> Result<Json<PlanOut>, ApiError> {
    let up = matches!(input.direction, Direction::Up);
    plans::reorder(&caller.db, &caller.account, &id, &item, up).await?;
    Ok(Json(plan_of(&caller, &id).await?))
}

/// Takes a question out of the plan.
#[utoipa::path(
    delete, path = "/interviews/{id}/plan/{item}", tag = "questions",
    params(
        ("id" = String, Path, description = "The interview's id"),
        ("item" = String, Path, description = "The planned question's id"),
    ),
    responses(
        (status = 204, description = "Taken out"),
        Writes, Missing,
    )
)]
pub(crate) async fn remove(caller: Caller, Ids(id, item): Ids) -> Result<StatusCode, ApiError> {
    plans::remove(&caller.db, &caller.account, &id, &item).await?;
    Ok(StatusCode::NO_CONTENT)
}
