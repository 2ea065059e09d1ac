//! A student's shares with counselors, and the only things a counselor can
//! read through them. A share has a scope (*progress*: counts; *pipeline*:
//! also each interview's status, date and fields), an end date and can be
//! revoked. What it returns is built here from aggregates and never holds a
//! note, a reflection, a letter, an answer or a contact's name or
//! organization. Every counselor read is written to the student's access
//! log in the same transaction.

use crate::accounts::{self, AccountId, Kind};
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::ids::new_id;
use crate::time;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rapport_core::FieldError;
use serde::Serialize;

/// The longest a share may run: a school year.
pub const LONGEST: Duration = Duration::days(366);
/// Interview statuses that count as held.
const HELD: &str = "('done', 'thanked', 'closed')";

/// What a counselor may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Counts only.
    Progress,
    /// Counts, and each interview's status, date and fields.
    Pipeline,
}

impl Scope {
    /// The scope as stored and typed.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Progress => "progress",
            Scope::Pipeline => "pipeline",
        }
    }

    /// Reads a stored or typed scope.
    pub fn parse(raw: &str) -> Option<Scope> {
        match raw {
            "progress" => Some(Scope::Progress),
            "pipeline" => Some(Scope::Pipeline),
            _ => None,
        }
    }
}

fn scope(raw: &str) -> Result<Scope> {
    Scope::parse(raw).ok_or_else(|| StoreError::Corrupt(format!("share scope \"{raw}\"")))
}

/// One share, as the student sees it.
#[derive(Debug, Clone, Serialize)]
pub struct Share {
    /// Its id.
    pub id: String,
    /// The counselor's address.
    pub counselor_email: String,
    /// What it shows.
    pub scope: Scope,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it ends by itself.
    pub ends_at: DateTime<Utc>,
    /// When the student revoked it, if they did.
    pub revoked_at: Option<DateTime<Utc>>,
}

impl Share {
    /// True while the counselor can still look.
    pub fn active(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && self.ends_at > now
    }
}

/// Shares `student`'s progress with the counselor signed in as
/// `counselor_email` until the end of `ends_on` (UTC).
pub async fn create(
    db: &Db,
    student: &AccountId,
    counselor_email: &str,
    scope: Scope,
    ends_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<String> {
    let ends_at = ends_on
        .and_hms_opt(23, 59, 59)
        .map(|t| t.and_utc())
        .unwrap_or(now);
    if ends_at <= now {
        return Err(FieldError::new("ends", "must be a day after today").into());
    }
    if ends_at > now + LONGEST {
        return Err(FieldError::new(
            "ends",
            "can be at most a year ahead; share again when it ends",
        )
        .into());
    }
    let counselor = accounts::by_email(db, counselor_email)
        .await?
        .filter(|a| a.kind == Kind::Counselor)
        .ok_or_else(|| {
            FieldError::new(
                "counselor_email",
                "is not the address of a counselor on this server; ask your career center for it",
            )
        })?;
    let id = new_id();
    in_tx!(db, tx => {
        sqlx::query(
            "INSERT INTO shares (id, account_id, counselor_id, scope, created_at, ends_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&id)
        .bind(student.as_str())
        .bind(counselor.id.as_str())
        .bind(scope.as_str())
        .bind(time::encode(now))
        .bind(time::encode(ends_at))
        .execute(&mut *tx)
        .await?;
    });
    Ok(id)
}

/// `student`'s shares, newest first.
pub async fn list(db: &Db, student: &AccountId) -> Result<Vec<Share>> {
    type Row = (
        String,
        Option<String>,
        String,
        String,
        String,
        Option<String>,
    );
    let rows: Vec<Row> = on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT s.id, a.email, s.scope, s.created_at, s.ends_at, s.revoked_at \
             FROM shares s JOIN accounts a ON a.id = s.counselor_id \
             WHERE s.account_id = $1 ORDER BY s.created_at DESC, s.id LIMIT 200",
        )
        .bind(student.as_str())
        .fetch_all(pool)
        .await?
    });
    rows.into_iter()
        .map(|(id, email, raw_scope, created_at, ends_at, revoked_at)| {
            Ok(Share {
                id,
                counselor_email: email.unwrap_or_default(),
                scope: scope(&raw_scope)?,
                created_at: time::decode(&created_at)?,
                ends_at: time::decode(&ends_at)?,
                revoked_at: time::decode_opt(revoked_at.as_deref())?,
            })
        })
        .collect()
}

/// Ends one of `student`'s shares at once.
pub async fn revoke(db: &Db, student: &AccountId, id: &str, now: DateTime<Utc>) -> Result<()> {
    let changed = on_pool!(db, pool => {
        sqlx::query(
            "UPDATE shares SET revoked_at = coalesce(revoked_at, $3) WHERE account_id = $1 AND id = $2",
        )
        .bind(student.as_str())
        .bind(id)
        .bind(time::encode(now))
        .execute(pool)
        .await?
        .rows_affected()
    });
    if changed == 0 {
        return Err(StoreError::NotFound {
            kind: "share",
            id: id.to_owned(),
        });
    }
    Ok(())
}

/// One line of the student's access log.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    /// Who looked.
    pub counselor_email: String,
    /// What they looked at: `caseload`, `progress` or `pipeline`.
    pub viewed: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// Who looked at `student`'s shared progress, newest first (the last 200).
pub async fn views(db: &Db, student: &AccountId) -> Result<Vec<View>> {
    let rows: Vec<(String, String, String)> = on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT counselor_email, viewed, at FROM share_views WHERE account_id = $1 \
             ORDER BY at DESC, id DESC LIMIT 200",
        )
        .bind(student.as_str())
        .fetch_all(pool)
        .await?
    });
    rows.into_iter()
        .map(|(counselor_email, viewed, at)| {
            Ok(View {
                counselor_email,
                viewed,
                at: time::decode(&at)?,
            })
        })
        .collect()
}

/// One sharing student on a counselor's caseload.
#[derive(Debug, Clone, Serialize)]
pub struct Student {
    /// The share (the address of the student's page).
    pub share_id: String,
    /// The student's sign-in address.
    pub email: String,
    /// What the student shares.
    pub scope: Scope,
    /// When the share ends.
    pub ends_at: DateTime<Utc>,
    /// Interviews held more than a day ago with no thank-you sent.
    pub overdue_thanks: i64,
    /// The student's own tasks past due.
    pub overdue_tasks: i64,
    /// Fields still explored with fewer than 3 interviews held.
    pub thin_fields: i64,
    /// The last change to a person or an interview.
    pub last_activity: Option<DateTime<Utc>>,
}

/// The counts every counselor view is built from, for one student.
const COUNTS: &str = "\
    (SELECT count(*) FROM interviews i WHERE i.account_id = s.account_id AND i.status = 'done' \
      AND coalesce(i.status_changed_at, i.updated_at) < $3) AS overdue_thanks, \
    (SELECT count(*) FROM tasks t WHERE t.account_id = s.account_id AND t.done_at IS NULL \
      AND t.due_at < $2 AND (t.snoozed_until IS NULL OR t.snoozed_until < $2)) AS overdue_tasks, \
    (SELECT count(*) FROM fields f WHERE f.account_id = s.account_id AND f.status <> 'ruled-out' AND \
      (SELECT count(*) FROM interview_fields x JOIN interviews i ON i.id = x.interview_id \
       WHERE x.field_id = f.id AND i.status IN ('done', 'thanked', 'closed')) < 3) AS thin_fields, \
    (SELECT max(i.updated_at) FROM interviews i WHERE i.account_id = s.account_id) AS interview_activity, \
    (SELECT max(p.updated_at) FROM people p WHERE p.account_id = s.account_id) AS people_activity";

type StudentRow = (
    String,
    Option<String>,
    String,
    String,
    i64,
    i64,
    i64,
    Option<String>,
    Option<String>,
);

fn student(row: StudentRow) -> Result<Student> {
    let (share_id, email, raw_scope, ends_at, overdue_thanks, overdue_tasks, thin_fields, a, b) =
        row;
    let last_activity = match (
        time::decode_opt(a.as_deref())?,
        time::decode_opt(b.as_deref())?,
    ) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    Ok(Student {
        share_id,
        email: email.unwrap_or_default(),
        scope: scope(&raw_scope)?,
        ends_at: time::decode(&ends_at)?,
        overdue_thanks,
        overdue_tasks,
        thin_fields,
        last_activity,
    })
}

/// Logs one view per active share of `counselor` (all of them, or the one
/// `share`) into the students' access logs.
macro_rules! log_views {
    ($tx:expr, $counselor:expr, $share:expr, $viewed:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO share_views (id, account_id, share_id, counselor_email, viewed, at) \
             SELECT $5 || s.id, s.account_id, s.id, a.email, $4, $2 FROM shares s \
             JOIN accounts a ON a.id = s.counselor_id \
             WHERE s.counselor_id = $1 AND s.revoked_at IS NULL AND s.ends_at > $2 \
             AND ($3 = '' OR s.id = $3)",
        )
        .bind($counselor.as_str())
        .bind(time::encode($now))
        .bind($share)
        .bind($viewed)
        .bind(format!("{}-", new_id()))
        .execute(&mut *$tx)
        .await?
    };
}

const STUDENT_SELECT: &str = "SELECT s.id, a.email, s.scope, s.ends_at, ";
const ACTIVE_SHARES: &str = " FROM shares s JOIN accounts a ON a.id = s.account_id \
     WHERE s.counselor_id = $1 AND s.revoked_at IS NULL AND s.ends_at > $2";

/// Every student sharing with `counselor` now, with the counts a counselor
/// needs to know whom to nudge (at most 2,000 students).
pub async fn caseload(db: &Db, counselor: &AccountId, now: DateTime<Utc>) -> Result<Vec<Student>> {
    let sql = format!(
        "{STUDENT_SELECT}{COUNTS}{ACTIVE_SHARES} AND ($4 = '' OR s.id = $4) ORDER BY a.email, s.id LIMIT 2000"
    );
    let rows: Vec<StudentRow> = in_tx!(db, tx => {
        log_views!(tx, counselor, "", "caseload", now);
        sqlx::query_as(&sql)
            .bind(counselor.as_str())
            .bind(time::encode(now))
            .bind(time::encode(now - Duration::hours(24)))
            .bind("")
            .fetch_all(&mut *tx)
            .await?
    });
    rows.into_iter().map(student).collect()
}

/// Interviews by status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusCount {
    /// The pipeline status (`idea`, `requested`…).
    pub status: String,
    /// How many interviews are in it.
    pub count: i64,
}

/// A field the student explores, with interviews toward three.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldCount {
    /// The field's title.
    pub title: String,
    /// Interviews held about it.
    pub held: i64,
    /// Interviews planned about it (not yet held, not declined).
    pub planned: i64,
}

/// One interview as a *pipeline* share shows it: no person, no organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PipelineEntry {
    /// Its status.
    pub status: String,
    /// When it is or was, if set.
    pub starts_at: Option<DateTime<Utc>>,
    /// The fields it is about.
    pub fields: Vec<String>,
}

/// What a counselor sees of one student through a share.
#[derive(Debug, Clone, Serialize)]
pub struct Shared {
    /// The student and the counts of the caseload.
    pub student: Student,
    /// Interviews by status.
    pub by_status: Vec<StatusCount>,
    /// Fields explored, toward three interviews each.
    pub fields: Vec<FieldCount>,
    /// Each interview, for a *pipeline* share; empty for *progress*.
    pub pipeline: Vec<PipelineEntry>,
    /// The funnel and each field's evidence, from the same aggregates as
    /// the student's Insights page: counts only, never notes or names.
    pub progress: SharedProgress,
}

/// The counts of the student's Insights report a counselor may see.
#[derive(Debug, Clone, Serialize)]
pub struct SharedProgress {
    /// People identified → … → referred someone, from the status history.
    pub funnel: rapport_core::insights::funnel::Funnel,
    /// Each field's evidence, by title.
    pub fields: Vec<SharedEvidence>,
}

/// One field's evidence, as a counselor sees it.
#[derive(Debug, Clone, Serialize)]
pub struct SharedEvidence {
    /// The field's title.
    pub title: String,
    /// Held, planned, organizations, who could hire.
    pub evidence: rapport_core::insights::evidence::FieldEvidence,
    /// What is still thin, in words.
    pub nudge: Option<String>,
}

/// What one read of a share brings back: the student's counts, interviews
/// by status, fields (title, held, planned) and interviews (id, status,
/// date).
type SharedRows = (
    StudentRow,
    Vec<(String, i64)>,
    Vec<(String, i64, i64)>,
    Vec<(String, String, Option<String>)>,
    String,
);

/// The student behind `counselor`'s active share `share`, logged in the
/// student's access log. A revoked, ended or someone else's share is not
/// found.
pub async fn shared(
    db: &Db,
    counselor: &AccountId,
    share: &str,
    now: DateTime<Utc>,
) -> Result<Shared> {
    let not_found = || StoreError::NotFound {
        kind: "shared workbench",
        id: share.to_owned(),
    };
    let sql = format!("{STUDENT_SELECT}{COUNTS}{ACTIVE_SHARES} AND ($4 = '' OR s.id = $4)");
    let (row, by_status, fields, entries, owner): SharedRows = in_tx!(db, tx => {
        let row: Option<StudentRow> = sqlx::query_as(&sql)
            .bind(counselor.as_str())
            .bind(time::encode(now))
            .bind(time::encode(now - Duration::hours(24)))
            .bind(share)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else {
            return Err(not_found());
        };
        let scope = scope(&row.2)?;
        log_views!(tx, counselor, share, scope.as_str(), now);
        let student: String = sqlx::query_scalar("SELECT account_id FROM shares WHERE id = $1")
            .bind(share)
            .fetch_one(&mut *tx)
            .await?;
        let by_status = sqlx::query_as(
            "SELECT status, count(*) FROM interviews WHERE account_id = $1 GROUP BY status ORDER BY status",
        )
        .bind(&student)
        .fetch_all(&mut *tx)
        .await?;
        let fields_sql = format!(
            "SELECT f.title, \
             (SELECT count(*) FROM interview_fields x JOIN interviews i ON i.id = x.interview_id \
              WHERE x.field_id = f.id AND i.status IN {HELD}), \
             (SELECT count(*) FROM interview_fields x JOIN interviews i ON i.id = x.interview_id \
              WHERE x.field_id = f.id AND i.status IN ('idea', 'requested', 'scheduled', 'confirmed')) \
             FROM fields f WHERE f.account_id = $1 AND f.status <> 'ruled-out' ORDER BY f.title LIMIT 200"
        );
        let fields = sqlx::query_as(&fields_sql).bind(&student).fetch_all(&mut *tx).await?;
        let entries = if scope == Scope::Pipeline {
            sqlx::query_as(
                "SELECT i.id, i.status, i.starts_at FROM interviews i WHERE i.account_id = $1 \
                 ORDER BY i.starts_at DESC, i.id LIMIT 500",
            )
            .bind(&student)
            .fetch_all(&mut *tx)
            .await?
        } else {
            Vec::new()
        };
        (row, by_status, fields, entries, student)
    });
    let pipeline = pipeline_entries(db, entries).await?;
    let report = crate::insights::report(db, &AccountId::from_stored(owner), now).await?;
    let progress = SharedProgress {
        funnel: report.funnel,
        fields: report
            .fields
            .into_iter()
            .map(|f| SharedEvidence {
                title: f.title,
                nudge: f.nudge,
                evidence: f.evidence,
            })
            .collect(),
    };
    Ok(Shared {
        student: student(row)?,
        by_status: by_status
            .into_iter()
            .map(|(status, count)| StatusCount { status, count })
            .collect(),
        fields: fields
            .into_iter()
            .map(|(title, held, planned)| FieldCount {
                title,
                held,
                planned,
            })
            .collect(),
        pipeline,
        progress,
    })
}

/// Each interview with the titles of its fields (one query for all).
async fn pipeline_entries(
    db: &Db,
    entries: Vec<(String, String, Option<String>)>,
) -> Result<Vec<PipelineEntry>> {
    if entries.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = entries.iter().map(|(id, ..)| id.clone()).collect();
    let placeholders: Vec<String> = (1..=ids.len()).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT x.interview_id, f.title FROM interview_fields x JOIN fields f ON f.id = x.field_id \
         WHERE x.interview_id IN ({}) ORDER BY f.title",
        placeholders.join(", ")
    );
    let titles: Vec<(String, String)> = on_pool!(db, pool => {
        let mut query = sqlx::query_as(&sql);
        for id in &ids {
            query = query.bind(id);
        }
        query.fetch_all(pool).await?
    });
    entries
        .into_iter()
        .map(|(id, status, starts_at)| {
            Ok(PipelineEntry {
                status,
                starts_at: time::decode_opt(starts_at.as_deref())?,
                fields: titles
                    .iter()
                    .filter(|(i, _)| *i == id)
                    .map(|(_, t)| t.clone())
                    .collect(),
            })
        })
        .collect()
}
