//! One-click task actions from Today: done, and snooze for a day.

use super::form::FormData;
use super::shared::see_other;
use crate::error::AppError;
use crate::student::Student;
use axum::response::Redirect;
use chrono::Duration;
use rapport_store::tasks;

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
