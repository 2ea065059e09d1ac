//! `/api/v1/caseload`: what a counselor sees of the students who share
//! their progress with them, as on the caseload pages: counts, and for a
//! pipeline share each interview's status, date and fields; never a note, a
//! name or a reflection. Each read is logged in the student's access log.

use super::body::Id;
use super::caller::CounselorCaller;
use super::problem::ApiError;
use super::schema::{Missing, Reads};
use axum::Json;
use chrono::{DateTime, Utc};
use rapport_store::shares::{self, Shared, Student};
use serde::Serialize;
use utoipa::ToSchema;

/// A student on the caseload, with the counts that call for a word.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct StudentOut {
    /// The share: the student's address on the caseload.
    share_id: String,
    email: String,
    /// progress (counts only) or pipeline (each interview's status too).
    scope: String,
    /// When the share ends.
    ends_at: DateTime<Utc>,
    /// Interviews held over a day ago with no thank-you sent.
    overdue_thanks: i64,
    /// Their own tasks past due.
    overdue_tasks: i64,
    /// Fields still explored with fewer than three interviews held.
    thin_fields: i64,
    last_activity: Option<DateTime<Utc>>,
}

impl From<Student> for StudentOut {
    fn from(s: Student) -> Self {
        StudentOut {
            share_id: s.share_id,
            email: s.email,
            scope: s.scope.as_str().to_owned(),
            ends_at: s.ends_at,
            overdue_thanks: s.overdue_thanks,
            overdue_tasks: s.overdue_tasks,
            thin_fields: s.thin_fields,
            last_activity: s.last_activity,
        }
    }
}

/// The students sharing with you now.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CaseloadOut {
    /// By sign-in address (up to 2,000).
    items: Vec<StudentOut>,
}

/// Your caseload: every student sharing with you now.
#[utoipa::path(
    get, path = "/caseload", tag = "counselors",
    responses(
        (status = 200, description = "The caseload", body = CaseloadOut),
        (status = 403, description = "Not a counselor's token or session", body = super::problem::Problem, content_type = "application/problem+json"),
        Reads,
    )
)]
pub(crate) async fn list(caller: CounselorCaller) -> Result<Json<CaseloadOut>, ApiError> {
    let students = shares::caseload(&caller.db, &caller.account, caller.now()).await?;
    Ok(Json(CaseloadOut {
        items: students.into_iter().map(StudentOut::from).collect(),
    }))
}

/// Interviews in one status.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct StatusCountOut {
    status: String,
    count: i64,
}

/// A field explored, toward three interviews held.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FieldCountOut {
    title: String,
    held: i64,
    planned: i64,
}

/// One interview of a pipeline share: no person, no organization.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PipelineEntryOut {
    status: String,
    starts_at: Option<DateTime<Utc>>,
    fields: Vec<String>,
}

/// What a share shows of one student.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SharedOut {
    student: StudentOut,
    by_status: Vec<StatusCountOut>,
    fields: Vec<FieldCountOut>,
    /// Each interview, for a pipeline share; empty for progress.
    pipeline: Vec<PipelineEntryOut>,
    /// The funnel and each field's evidence, as the student's Insights
    /// report counts them (counts only).
    #[schema(value_type = Object)]
    progress: shares::SharedProgress,
}

impl From<Shared> for SharedOut {
    fn from(s: Shared) -> Self {
        SharedOut {
            student: s.student.into(),
            by_status: s
                .by_status
                .into_iter()
                .map(|c| StatusCountOut {
                    status: c.status,
                    count: c.count,
                })
                .collect(),
            fields: s
                .fields
                .into_iter()
                .map(|f| FieldCountOut {
                    title: f.title,
                    held: f.held,
                    planned: f.planned,
                })
                .collect(),
            pipeline: s
                .pipeline
                .into_iter()
                .map(|p| PipelineEntryOut {
                    status: p.status,
                    starts_at: p.starts_at,
                    fields: p.fields,
                })
                .collect(),
            progress: s.progress,
        }
    }
}

/// What one student shares with you.
#[utoipa::path(
    get, path = "/caseload/{id}", tag = "counselors",
    params(("id" = String, Path, description = "The share's id")),
    responses(
        (status = 200, description = "The student's shared progress", body = SharedOut),
        (status = 403, description = "Not a counselor's token or session", body = super::problem::Problem, content_type = "application/problem+json"),
        Reads, Missing,
    )
)]
pub(crate) async fn show(caller: CounselorCaller, Id(id): Id) -> Result<Json<SharedOut>, ApiError> {
    let shared = shares::shared(&caller.db, &caller.account, &id, caller.now()).await?;
    Ok(Json(shared.into()))
}
