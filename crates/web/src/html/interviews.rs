//! Interviews: the board, the list, planning, the interview page with its one
//! next action, and moves along the pipeline.

use super::form::{Errors, FormData};
use super::shared::{Choice, invalid, organization_choices, person_choices, see_other};
use crate::error::AppError;
use crate::format::relative;
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use rapport_core::interviews::{Interview, InterviewForm, Mode};
use rapport_core::pipeline::Status;
use rapport_core::preparation::{self, CheckItem, Facts, NextAction, PrepFlags};
use rapport_core::questions::PlanFit;
use rapport_store::{Page, StoreError, fields, interviews, people, plans};

const ALL: Page = Page {
    limit: 500,
    offset: 0,
};

/// Cards shown per column; the count says how many there are in all.
const PER_COLUMN: i64 = 30;

#[derive(Template, WebTemplate)]
#[template(path = "interviews/board.html")]
pub(crate) struct BoardPage {
    active: &'static str,
    columns: Vec<interviews::Column>,
    ended: Vec<Interview>,
    ended_count: i64,
    total: i64,
    per_column: i64,
}

pub(crate) async fn board(student: Student) -> Result<BoardPage, AppError> {
    let all = interviews::board(&student.db, &student.account, PER_COLUMN).await?;
    let (ended, columns): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|c| matches!(c.status, Status::Declined | Status::NoReply));
    Ok(BoardPage {
        active: "interviews",
        total: columns.iter().chain(&ended).map(|c| c.count).sum(),
        ended_count: ended.iter().map(|c| c.count).sum(),
        ended: ended.into_iter().flat_map(|c| c.cards).collect(),
        columns,
        per_column: PER_COLUMN,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "interviews/list.html")]
pub(crate) struct ListPage {
    active: &'static str,
    rows: Vec<(Interview, String)>,
}

/// Everyone interviewed or planned, as the handout asks you to keep.
pub(crate) async fn list(student: Student) -> Result<ListPage, AppError> {
    let filter = interviews::Filter {
        page: ALL,
        ..interviews::Filter::default()
    };
    let now = student.now();
    let rows = interviews::list(&student.db, &student.account, &filter)
        .await?
        .into_iter()
        .map(|i| {
            let when = i
                .starts_at
                .map(|s| relative(s, now, student.zone))
                .unwrap_or_default();
            (i, when)
        })
        .collect();
    Ok(ListPage {
        active: "interviews",
        rows,
    })
}

/// The one primary action of the interview page.
pub(crate) struct Primary {
    label: String,
    href: String,
    /// When set, the action is a move to this status (a form post).
    status: String,
}

fn primary(i: &Interview, action: NextAction, now: DateTime<Utc>) -> Option<Primary> {
    let link = |label: String, href: String| Primary {
        label,
        href,
        status: String::new(),
    };
    let post = |label: String, to: Status| Primary {
        label,
        href: format!("/interviews/{}/move", i.id),
        status: to.as_str().to_owned(),
    };
    Some(match action {
        NextAction::ResearchOrganization => match &i.organization {
            Some(o) => link(
                format!("Research {}", o.name),
                format!("/organizations/{}/edit", o.id),
            ),
            None => return None,
        },
        NextAction::Ask => post("I asked for the interview".into(), Status::Requested),
        NextAction::Schedule => link(
            "Add the date and time".into(),
            format!("/interviews/{}/edit#when", i.id),
        ),
        NextAction::MarkScheduled => post("It is scheduled".into(), Status::Scheduled),
        NextAction::PastDate if i.status == Status::Scheduled => link(
            "It happened: write what you learned".into(),
            format!("/interviews/{}/after", i.id),
        ),
        NextAction::PastDate => link(
            "Change the date".into(),
            format!("/interviews/{}/edit#when", i.id),
        ),
        NextAction::Confirm => post("I called to confirm".into(), Status::Confirmed),
        NextAction::ChooseQuestions => link(
            "Choose your questions".into(),
            format!("/interviews/{}/plan", i.id),
        ),
        NextAction::OpenBrief => link(
            "Open the brief".into(),
            format!("/interviews/{}/brief", i.id),
        ),
        NextAction::Start => link(
            "Start the interview".into(),
            format!("/interviews/{}/live", i.id),
        ),
        NextAction::Reflect => link(
            "Write your reflection".into(),
            format!("/interviews/{}/after", i.id),
        ),
        NextAction::SendThanks { due } => post(
            format!("I sent the thank-you note ({})", due_words(due, now)),
            Status::Thanked,
        ),
        NextAction::StayInTouch => post("Close this interview".into(), Status::Closed),
        NextAction::Nothing => return None,
    })
}

/// "due in 5 h", "overdue by 3 h".
fn due_words(due: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let hours = (due - now).num_minutes() as f64 / 60.0;
    if hours >= 0.0 {
        format!("due in {} h", hours.ceil() as i64)
    } else {
        format!("overdue by {} h", (-hours).ceil() as i64)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "interviews/show.html")]
pub(crate) struct ShowPage {
    active: &'static str,
    interview: Interview,
    hiring_authority: bool,
    step: String,
    advice: &'static str,
    when: String,
    primary: Option<Primary>,
    moves: Vec<Status>,
    checklist: Vec<CheckItem>,
    unresearched: bool,
    planned: usize,
    fit: PlanFit,
    has_reflection: bool,
    referrals: Vec<rapport_core::people::Ref>,
    /// Planning with someone who cannot hire: suggest also finding a
    /// manager there.
    hire_nudge: bool,
    /// What was noted under each question asked, as `(question, note)`.
    answers: Vec<(String, String)>,
    /// The end to suggest when marking it held (local time, for the input).
    suggested_end: String,
    /// Agreed and still ahead: it can be moved to another time.
    can_reschedule: bool,
    /// Its start in its own zone, for the reschedule input.
    start_input: String,
    /// The times offered while asking.
    offer: super::proposed_times::Offer,
}

/// Everything the checklist and the next action are computed from.
pub(crate) async fn facts(student: &Student, i: &Interview) -> Result<(Facts, PlanFit), AppError> {
    let prep = interviews::preparation(&student.db, &student.account, &[i.id.as_str()])
        .await?
        .remove(&i.id)
        .unwrap_or_default();
    let plan = plans::list(&student.db, &student.account, &i.id).await?;
    let fit = PlanFit::of(
        plan.iter().map(|p| p.minutes),
        u32::from(i.length.minutes()),
    );
    Ok((facts_of(i, prep), fit))
}

/// The facts of `i` with its preparation.
pub(crate) fn facts_of(i: &Interview, prep: interviews::Preparation) -> Facts {
    Facts {
        status: i.status,
        starts_at: i.starts_at,
        ends_at: i.ends_at(),
        organization_researched: prep.researched,
        questions_planned: prep.planned,
        flags: i.prep,
        has_reflection: prep.reflected,
        status_changed_at: i.status_changed_at,
    }
}

/// The advice beside an interview: its next action's, or its status's when
/// nothing is left to do (declined, closed).
pub(crate) fn advice(i: &Interview, action: NextAction) -> &'static str {
    match action {
        NextAction::Nothing => i.status.advice(),
        other => other.advice(),
    }
}

/// When it is, in the student's zone; the interview's own zone (the one it
/// was agreed in) beside it only when that differs.
pub(crate) fn when_words(
    i: &Interview,
    now: DateTime<Utc>,
    zone: rapport_core::validated::TimeZone,
) -> String {
    use rapport_core::schedule::format_local;
    match i.starts_at {
        Some(start) if i.time_zone.name() != zone.name() => format!(
            "{} ({}; {} their time)",
            relative(start, now, zone),
            format_local(start, zone),
            format_local(start, i.time_zone)
        ),
        Some(start) => format!(
            "{} ({})",
            relative(start, now, zone),
            format_local(start, zone)
        ),
        None => "Not scheduled yet".to_owned(),
    }
}

pub(crate) async fn show(student: Student, Path(id): Path<String>) -> Result<ShowPage, AppError> {
    let interview = interviews::show(&student.db, &student.account, &id).await?;
    let person = people::show(&student.db, &student.account, &interview.person.id).await?;
    let (facts, fit) = facts(&student, &interview).await?;
    let now = student.now();
    let action = preparation::next_action(&facts, now);
    let primary = primary(&interview, action, now);
    let primary_status = primary
        .as_ref()
        .map(|p| p.status.clone())
        .unwrap_or_default();
    let step = interview.status.step();
    Ok(ShowPage {
        active: "interviews",
        hiring_authority: person.hiring_authority,
        hire_nudge: !person.hiring_authority
            && matches!(
                interview.status,
                Status::Idea | Status::Requested | Status::Scheduled | Status::Confirmed
            ),
        step: format!("Step {} of 7 · {}", step.number(), step.label()),
        advice: advice(&interview, action),
        when: when_words(&interview, now, student.zone),
        moves: interview
            .status
            .next()
            .iter()
            .copied()
            .filter(|s| s.as_str() != primary_status)
            .collect(),
        checklist: preparation::checklist(&facts),
        unresearched: preparation::unresearched_warning(&facts),
        planned: facts.questions_planned,
        fit,
        has_reflection: facts.has_reflection,
        referrals: interviews::referrals(&student.db, &student.account, &id).await?,
        answers: plans::list(&student.db, &student.account, &id)
            .await?
            .into_iter()
            .filter(|item| !item.note.trim().is_empty())
            .map(|item| (item.text, item.note))
            .collect(),
        suggested_end: interview
            .suggested_end(now)
            .with_timezone(&student.zone.tz())
            .format("%Y-%m-%dT%H:%M")
            .to_string(),
        can_reschedule: matches!(interview.status, Status::Scheduled | Status::Confirmed),
        start_input: interview
            .starts_at
            .map(|s| {
                s.with_timezone(&interview.time_zone.tz())
                    .format("%Y-%m-%dT%H:%M")
                    .to_string()
            })
            .unwrap_or_default(),
        offer: super::proposed_times::Offer::of(&interview, now),
        primary,
        interview,
    })
}

pub(crate) async fn move_to(
    student: Student,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, AppError> {
    let to = Status::parse(&data.get("status")).ok_or_else(|| {
        StoreError::from(rapport_core::FieldError::new(
            "status",
            "choose a status of the pipeline",
        ))
    })?;
    if to == Status::Done {
        // The thank-you's 24 hours count from when it really ended.
        let ended =
            rapport_core::interviews::ended_at(&data.get("ended_at"), student.zone, student.now())
                .map_err(StoreError::from)?;
        interviews::finish(&student.db, &student.account, &id, ended, student.now()).await?;
    } else {
        interviews::move_to(&student.db, &student.account, &id, to, student.now()).await?;
    }
    let back = data
        .some("back")
        .filter(|b| crate::origin::local_path(b).is_some())
        .unwrap_or_else(|| format!("/interviews/{id}"));
    Ok(see_other(&back).into_response())
}

/// Reschedules, as one action: the new time is read in the interview's own
/// zone (the one it was agreed in).
pub(crate) async fn reschedule(
    student: Student,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, AppError> {
    let interview = interviews::show(&student.db, &student.account, &id).await?;
    let starts_at = rapport_core::schedule::local_to_utc(
        "starts_at",
        &data.get("starts_at"),
        interview.time_zone,
    )
    .map_err(StoreError::from)?;
    interviews::reschedule(&student.db, &student.account, &id, starts_at, student.now()).await?;
    Ok(see_other(&format!("/interviews/{id}")).into_response())
}

pub(crate) async fn save_prep(
    student: Student,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, AppError> {
    let flags = PrepFlags {
        answers: data.checked("answers"),
        resume: data.checked("resume"),
        clothes: data.checked("clothes"),
        directions: data.checked("directions"),
    };
    interviews::set_prep(&student.db, &student.account, &id, flags, student.now()).await?;
    Ok(see_other(&format!("/interviews/{id}#prepare")).into_response())
}

pub(crate) struct FieldChoice {
    id: String,
    title: String,
    checked: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "interviews/form.html")]
pub(crate) struct FormPage {
    active: &'static str,
    heading: String,
    action: String,
    cancel: String,
    form: InterviewForm,
    people: Vec<Choice>,
    organizations: Vec<Choice>,
    fields: Vec<FieldChoice>,
    modes: Vec<Choice>,
    errors: Errors,
}

async fn form_page(
    student: &Student,
    editing: Option<&str>,
    form: InterviewForm,
    errors: Errors,
) -> Result<FormPage, AppError> {
    let mode = if form.mode.is_empty() {
        "in-person".to_owned()
    } else {
        form.mode.clone()
    };
    let fields = fields::list(&student.db, &student.account, None, ALL)
        .await?
        .into_iter()
        .map(|f| FieldChoice {
            checked: form.field_ids.contains(&f.id),
            id: f.id,
            title: f.title,
        })
        .collect();
    Ok(FormPage {
        active: "interviews",
        heading: if editing.is_some() {
            "Edit the interview".into()
        } else {
            "Plan an interview".into()
        },
        action: editing.map_or_else(
            || "/interviews".to_owned(),
            |id| format!("/interviews/{id}"),
        ),
        cancel: editing.map_or_else(
            || "/interviews".to_owned(),
            |id| format!("/interviews/{id}"),
        ),
        people: person_choices(student, Some(form.person_id.as_str()), None).await?,
        organizations: organization_choices(student, form.organization_id.as_deref()).await?,
        fields,
        modes: Mode::ALL
            .iter()
            .map(|m| Choice::new(m.as_str(), m.label(), m.as_str() == mode))
            .collect(),
        form,
        errors,
    })
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct NewQuery {
    #[serde(default)]
    person: Option<String>,
}

pub(crate) async fn new(student: Student, Query(q): Query<NewQuery>) -> Result<FormPage, AppError> {
    let mut form = InterviewForm {
        time_zone: student.zone.name().to_owned(),
        length: "30".into(),
        ..InterviewForm::default()
    };
    if let Some(pid) = q.person {
        let person = people::show(&student.db, &student.account, &pid).await?;
        form.organization_id = person.organization.map(|o| o.id);
        form.person_id = pid;
    }
    form_page(&student, None, form, Errors::default()).await
}

fn read(data: &FormData) -> InterviewForm {
    InterviewForm {
        person_id: data.get("person_id"),
        organization_id: data.some("organization_id"),
        field_ids: data.all("field_ids"),
        mode: data.get("mode"),
        place: data.get("place"),
        directions: data.get("directions"),
        starts_at: data.get("starts_at"),
        time_zone: data.get("time_zone"),
        length: data.get("length"),
        notes: data.get("notes"),
    }
}

async fn save(
    student: &Student,
    editing: Option<&str>,
    data: FormData,
) -> Result<Response, AppError> {
    let form = read(&data);
    let invalid = |errors: Errors, form: InterviewForm| async move {
        let page = form_page(student, editing, form, errors).await?;
        Ok::<Response, AppError>(invalid(page))
    };
    let input = match form.validate() {
        Ok(input) => input,
        Err(errors) => return invalid(errors.into(), form).await,
    };
    let saved = match editing {
        Some(id) => {
            interviews::update(&student.db, &student.account, id, &input, student.now()).await
        }
        None => interviews::create(&student.db, &student.account, &input, student.now()).await,
    };
    match saved {
        Ok(i) => Ok(see_other(&format!("/interviews/{}", i.id)).into_response()),
        Err(StoreError::Invalid(errors) | StoreError::Unfit(errors)) => {
            invalid(errors.into(), form).await
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn create(student: Student, data: FormData) -> Result<Response, AppError> {
    save(&student, None, data).await
}

pub(crate) async fn edit(student: Student, Path(id): Path<String>) -> Result<FormPage, AppError> {
    let interview = interviews::show(&student.db, &student.account, &id).await?;
    let mut form = interview.to_form();
    // The date field of the browser sends 2026-12-03T10:00.
    form.starts_at = form.starts_at.replace(' ', "T");
    form_page(&student, Some(&id), form, Errors::default()).await
}

pub(crate) async fn update(
    student: Student,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, AppError> {
    interviews::show(&student.db, &student.account, &id).await?;
    save(&student, Some(&id), data).await
}

pub(crate) async fn delete(student: Student, Path(id): Path<String>) -> Result<Response, AppError> {
    interviews::delete(&student.db, &student.account, &id).await?;
    Ok(see_other("/interviews").into_response())
}
