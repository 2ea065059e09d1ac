//! Tasks from the web: your own added, edited and deleted (on Today, and
//! from a person's or an interview's page), and the one-click actions on
//! every task: done, and snooze for a day.

use super::form::{Errors, FormData};
use super::shared::{invalid, see_other};
use crate::error::AppError;
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;
use rapport_core::tasks::{TaskForm, TaskRule};
use rapport_store::{StoreError, tasks};

fn back(data: &FormData) -> String {
    data.some("back")
        .filter(|b| crate::origin::local_path(b).is_some())
        .unwrap_or_else(|| "/".to_owned())
}

pub(crate) async fn done(student: Student, data: FormData) -> Result<Redirect, AppError> {
    let back = back(&data);
    tasks::complete(
        &student.db,
        &student.account,
        &data.get("task"),
        student.now(),
    )
    .await?;
    Ok(see_other(&back))
}

pub(crate) async fn snooze(student: Student, data: FormData) -> Result<Redirect, AppError> {
    let now = student.now();
    let back = back(&data);
    // A day later than it was due, or than now if it is overdue: never earlier.
    tasks::snooze_by(
        &student.db,
        &student.account,
        &data.get("task"),
        Duration::days(1),
        now,
        student.zone,
    )
    .await?;
    Ok(see_other(&back))
}

/// A task's own page: its form, to add one (when the one-line form had a
/// mistake) or to change or delete one you added.
#[derive(Template, WebTemplate)]
#[template(path = "tasks/edit.html")]
pub(crate) struct TaskPage {
    active: &'static str,
    /// The task being changed; `None` while adding.
    id: Option<String>,
    form: TaskForm,
    back: String,
    errors: Errors,
}

fn read(student: &Student, data: &FormData) -> TaskForm {
    TaskForm {
        title: data.get("title"),
        reason: data.get("reason"),
        // The browser's date-time input sends `2026-12-03T09:00`.
        due: data.get("due"),
        time_zone: student.zone.name().to_owned(),
        person_id: data.some("person_id"),
        interview_id: data.some("interview_id"),
    }
}

pub(crate) async fn create(student: Student, data: FormData) -> Result<Response, AppError> {
    let back = back(&data);
    let form = read(&student, &data);
    let input = match form.validate() {
        Ok(input) => input,
        Err(errors) => {
            return Ok(invalid(TaskPage {
                active: "today",
                id: None,
                form,
                back,
                errors: errors.into(),
            }));
        }
    };
    tasks::create(&student.db, &student.account, &input, student.now()).await?;
    // Today shows what is due within the week; say where a later one went.
    let later = input
        .due_at
        .is_none_or(|due| due > student.now() + Duration::days(7));
    if back == "/" && later {
        return Ok(see_other("/?added=later").into_response());
    }
    Ok(see_other(&back).into_response())
}

/// Only tasks you added are edited here; a rule's task follows its facts.
async fn own_task(student: &Student, id: &str) -> Result<rapport_core::tasks::Task, AppError> {
    let task = tasks::show(&student.db, &student.account, id).await?;
    if task.rule != TaskRule::User {
        return Err(AppError::NotFound);
    }
    Ok(task)
}

pub(crate) async fn edit(student: Student, Path(id): Path<String>) -> Result<TaskPage, AppError> {
    let task = own_task(&student, &id).await?;
    Ok(TaskPage {
        active: "today",
        form: task.to_form(student.zone),
        id: Some(id),
        back: "/".to_owned(),
        errors: Errors::default(),
    })
}

pub(crate) async fn update(
    student: Student,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, AppError> {
    own_task(&student, &id).await?;
    let back = back(&data);
    let form = read(&student, &data);
    match form.validate() {
        Ok(input) => {
            tasks::update(&student.db, &student.account, &id, &input, student.now()).await?;
            Ok(see_other(&back).into_response())
        }
        Err(errors) => Ok(invalid(TaskPage {
            active: "today",
            id: Some(id),
            form,
            back,
            errors: errors.into(),
        })),
    }
}

pub(crate) async fn delete(
    student: Student,
    Path(id): Path<String>,
    data: FormData,
) -> Result<Response, AppError> {
    own_task(&student, &id).await?;
    match tasks::delete(&student.db, &student.account, &id).await {
        Ok(()) | Err(StoreError::NotFound { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(see_other(&back(&data)).into_response())
}

/// Every open task, grouped as on Today but all of them.
#[derive(Template, WebTemplate)]
#[template(path = "tasks/list.html")]
pub(crate) struct AllTasksPage {
    active: &'static str,
    groups: Vec<super::home::TaskGroup>,
    back: &'static str,
}

pub(crate) async fn list(student: Student) -> Result<AllTasksPage, AppError> {
    let now = student.now();
    let open = rapport_store::today::open_tasks(
        &student.db,
        &student.account,
        now,
        student.zone,
        rapport_store::today::ALL_TASKS,
    )
    .await?;
    Ok(AllTasksPage {
        active: "today",
        groups: super::home::group(&open, now, &student),
        back: "/tasks",
    })
}
