//! A counselor's pages: the caseload of students who share with them,
//! sortable by who most needs a nudge, and one student's shared counts.
//! Handlers here take a [`Counselor`], which can only read aggregates.

use crate::counselor::Counselor;
use crate::error::AppError;
use crate::format;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query};
use chrono::{DateTime, Utc};
use rapport_store::shares::{self, Scope};

/// The ways the caseload can be sorted, as `(key, label)`.
const SORTS: [(&str, &str); 4] = [
    ("thanks", "Overdue thank-yous"),
    ("quiet", "Days since last activity"),
    ("thin", "Fields with fewer than 3 interviews"),
    ("email", "Email"),
];

struct Row {
    share_id: String,
    email: String,
    overdue_thanks: i64,
    overdue_tasks: i64,
    thin_fields: i64,
    quiet: String,
    ends: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "caseload/index.html")]
pub(crate) struct CaseloadPage {
    home: &'static str,
    rows: Vec<Row>,
    sort: &'static str,
    sorts: [(&'static str, &'static str); 4],
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct SortQuery {
    #[serde(default)]
    sort: String,
}

fn days_since(at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> i64 {
    at.map_or(i64::MAX, |at| (now - at).num_days().max(0))
}

fn quiet_words(at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> String {
    match at.map(|at| (now - at).num_days().max(0)) {
        None => "no activity yet".to_owned(),
        Some(0) => "today".to_owned(),
        Some(1) => "1 day".to_owned(),
        Some(n) => format!("{n} days"),
    }
}

/// Sorts students so the ones to nudge come first for `sort`.
pub(crate) fn sort_students(students: &mut [shares::Student], sort: &str, now: DateTime<Utc>) {
    match sort {
        "quiet" => students.sort_by_key(|s| std::cmp::Reverse(days_since(s.last_activity, now))),
        "thin" => students.sort_by_key(|s| std::cmp::Reverse(s.thin_fields)),
        "email" => students.sort_by(|a, b| a.email.cmp(&b.email)),
        _ => students.sort_by_key(|s| std::cmp::Reverse((s.overdue_thanks, s.overdue_tasks))),
    }
}

pub(crate) async fn show(
    counselor: Counselor,
    Query(q): Query<SortQuery>,
) -> Result<CaseloadPage, AppError> {
    let now = counselor.now();
    let sort = SORTS
        .iter()
        .map(|(key, _)| *key)
        .find(|key| *key == q.sort)
        .unwrap_or("thanks");
    let mut students = counselor.caseload().await?;
    sort_students(&mut students, sort, now);
    Ok(CaseloadPage {
        home: "/caseload",
        rows: students
            .into_iter()
            .map(|s| Row {
                quiet: quiet_words(s.last_activity, now),
                ends: format::long_date(s.ends_at, counselor.zone),
                share_id: s.share_id,
                email: s.email,
                overdue_thanks: s.overdue_thanks,
                overdue_tasks: s.overdue_tasks,
                thin_fields: s.thin_fields,
            })
            .collect(),
        sort,
        sorts: SORTS,
    })
}

struct Entry {
    status: String,
    when: String,
    fields: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "caseload/student.html")]
pub(crate) struct StudentPage {
    home: &'static str,
    email: String,
    scope: &'static str,
    ends: String,
    quiet: String,
    overdue_thanks: i64,
    overdue_tasks: i64,
    by_status: Vec<shares::StatusCount>,
    fields: Vec<shares::FieldCount>,
    pipeline: Option<Vec<Entry>>,
    progress: shares::SharedProgress,
}

impl StudentPage {
    /// A conversion as the page says it.
    fn percent(&self, c: &Option<f64>) -> String {
        c.map_or_else(|| "–".to_owned(), |c| format!("{:.0}%", c * 100.0))
    }

    /// The evidence line of the field titled `title`, if insights read it.
    fn evidence_of(&self, title: &str) -> String {
        self.progress
            .fields
            .iter()
            .find(|f| f.title == title)
            .map(|f| {
                let e = &f.evidence;
                let mut words = format!(
                    "{} organization(s), {} with someone who can hire",
                    e.organizations, e.hiring
                );
                if let Some(n) = &f.nudge {
                    words.push_str(". ");
                    words.push_str(n);
                }
                words
            })
            .unwrap_or_default()
    }
}

pub(crate) async fn student(
    counselor: Counselor,
    Path(share): Path<String>,
) -> Result<StudentPage, AppError> {
    let now = counselor.now();
    let seen = counselor.shared(&share).await?;
    let zone = counselor.zone;
    Ok(StudentPage {
        home: "/caseload",
        email: seen.student.email,
        scope: seen.student.scope.as_str(),
        ends: format::long_date(seen.student.ends_at, zone),
        quiet: quiet_words(seen.student.last_activity, now),
        overdue_thanks: seen.student.overdue_thanks,
        overdue_tasks: seen.student.overdue_tasks,
        by_status: seen.by_status,
        fields: seen.fields,
        progress: seen.progress,
        pipeline: (seen.student.scope == Scope::Pipeline).then(|| {
            seen.pipeline
                .into_iter()
                .map(|e| Entry {
                    status: e.status,
                    when: e.starts_at.map_or_else(
                        || "no date yet".to_owned(),
                        |at| format::relative(at, now, zone),
                    ),
                    fields: e.fields.join(", "),
                })
                .collect()
        }),
    })
}
