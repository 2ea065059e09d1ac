//! A student's sharing with counselors: share progress or the pipeline
//! with a counselor until a chosen day, revoke at once, and see who looked
//! at what and when.

use super::form::{Errors, FormData};
use super::shared::{invalid, see_other};
use crate::error::AppError;
use crate::format;
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use chrono::{Duration, NaiveDate};
use rapport_core::FieldError;
use rapport_store::StoreError;
use rapport_store::shares::{self, Scope};

/// A share lasts a term unless the student picks another day.
const TERM_DAYS: i64 = 183;

struct ShareLine {
    id: String,
    counselor: String,
    scope: &'static str,
    state: String,
    active: bool,
}

struct ViewLine {
    counselor: String,
    viewed: String,
    at: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "sharing/index.html")]
pub(crate) struct SharingPage {
    active: &'static str,
    shares: Vec<ShareLine>,
    views: Vec<ViewLine>,
    counselor_email: String,
    scope: String,
    ends: String,
    errors: Errors,
}

fn scope_words(scope: Scope) -> &'static str {
    match scope {
        Scope::Progress => "Progress (counts only)",
        Scope::Pipeline => "Pipeline (each interview's status, date and field)",
    }
}

async fn page(
    student: &Student,
    counselor_email: String,
    scope: String,
    ends: String,
    errors: Errors,
) -> Result<SharingPage, AppError> {
    let now = student.now();
    let zone = student.zone;
    let shares = shares::list(&student.db, &student.account)
        .await?
        .into_iter()
        .map(|s| ShareLine {
            active: s.active(now),
            state: match s.revoked_at {
                Some(at) => format!("revoked {}", format::relative(at, now, zone)),
                None if s.ends_at <= now => "ended".to_owned(),
                None => format!("until {}", format::long_date(s.ends_at, zone)),
            },
            scope: scope_words(s.scope),
            counselor: s.counselor_email,
            id: s.id,
        })
        .collect();
    let views = shares::views(&student.db, &student.account)
        .await?
        .into_iter()
        .map(|v| ViewLine {
            counselor: v.counselor_email,
            viewed: match v.viewed.as_str() {
                "caseload" => "your counts on their caseload".to_owned(),
                "progress" => "your progress".to_owned(),
                "pipeline" => "your pipeline".to_owned(),
                other => other.to_owned(),
            },
            at: format::relative(v.at, now, zone),
        })
        .collect();
    Ok(SharingPage {
        active: "sharing",
        shares,
        views,
        counselor_email,
        scope,
        ends,
        errors,
    })
}

fn default_end(student: &Student) -> NaiveDate {
    (student.now() + Duration::days(TERM_DAYS)).date_naive()
}

pub(crate) async fn show(student: Student) -> Result<SharingPage, AppError> {
    let ends = default_end(&student).to_string();
    page(
        &student,
        String::new(),
        "progress".into(),
        ends,
        Errors::default(),
    )
    .await
}

pub(crate) async fn create(student: Student, data: FormData) -> Result<Response, AppError> {
    let (email, raw_scope, raw_ends) = (
        data.get("counselor_email"),
        data.get("scope"),
        data.get("ends"),
    );
    let parsed = Scope::parse(&raw_scope)
        .ok_or_else(|| FieldError::new("scope", "choose progress or pipeline"))
        .and_then(|scope| {
            let ends = if raw_ends.trim().is_empty() {
                default_end(&student)
            } else {
                NaiveDate::parse_from_str(raw_ends.trim(), "%Y-%m-%d")
                    .map_err(|_| FieldError::new("ends", "must be a date such as 2027-06-30"))?
            };
            Ok((scope, ends))
        });
    let result = match parsed {
        Ok((scope, ends)) => {
            shares::create(
                &student.db,
                &student.account,
                &email,
                scope,
                ends,
                student.now(),
            )
            .await
        }
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(_) => Ok(see_other("/sharing").into_response()),
        Err(StoreError::Invalid(errors)) => Ok(invalid(
            page(&student, email, raw_scope, raw_ends, errors.into()).await?,
        )),
        Err(e) => Err(e.into()),
    }
}

pub(crate) async fn revoke(student: Student, Path(id): Path<String>) -> Result<Response, AppError> {
    shares::revoke(&student.db, &student.account, &id, student.now()).await?;
    Ok(see_other("/sharing").into_response())
}
