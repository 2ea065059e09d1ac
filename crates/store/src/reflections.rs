//! Reflections, and the tasks their plan of action becomes.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::ids::new_id;
use crate::time;
use chrono::{DateTime, Duration, Utc};
use rapport_core::pipeline::{Status, path};
use rapport_core::reflections::Reflection;
use rapport_core::tasks::TaskRule;
use rapport_core::validated::{Rating, long_text};
use serde::Serialize;

#[derive(sqlx::FromRow)]
struct ReflectionRow {
    learned_positive: String,
    learned_negative: String,
    fit_with_self: String,
    still_to_learn: String,
    plan_of_action: String,
    feelings: Option<String>,
    field_fit_rating: Option<i64>,
    likability_rating: Option<i64>,
    setting_rating: Option<i64>,
}

fn rating(field: &'static str, v: Option<i64>) -> Result<Option<Rating>> {
    v.map(|n| Rating::new(field, n).map_err(|e| StoreError::Corrupt(e.to_string())))
        .transpose()
}

/// The reflection on an interview, if written.
pub async fn show(db: &Db, account: &AccountId, interview_id: &str) -> Result<Option<Reflection>> {
    let row: Option<ReflectionRow> = on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT learned_positive, learned_negative, fit_with_self, still_to_learn, plan_of_action, \
             feelings, field_fit_rating, likability_rating, setting_rating FROM reflections \
             WHERE account_id = $1 AND interview_id = $2",
        )
        .bind(account.as_str())
        .bind(interview_id)
        .fetch_optional(pool)
        .await?
    });
    row.map(|r| {
        Ok(Reflection {
            field_fit: rating("field_fit", r.field_fit_rating)?,
            likability: rating("likability", r.likability_rating)?,
            setting: rating("setting", r.setting_rating)?,
            learned_positive: r.learned_positive,
            learned_negative: r.learned_negative,
            fit_with_self: r.fit_with_self,
            still_to_learn: r.still_to_learn,
            plan_of_action: r.plan_of_action,
            feelings: r.feelings.unwrap_or_default(),
        })
    })
    .transpose()
}

/// How long after the reflection a plan-of-action task is due.
const ACTION_DUE: Duration = Duration::days(7);

/// Writes reflection `$r` of interview `$interview` and its plan-of-action
/// tasks inside a caller's transaction.
macro_rules! save_reflection {
    ($tx:ident, $account:expr, $interview:expr, $r:expr, $now:expr) => {{
        let at = time::encode($now);
        let due = time::encode($now + ACTION_DUE);
        let actions = $r.actions();
        let value = |v: Option<Rating>| v.map(|r| i64::from(r.value()));
        let person: Option<(String, String)> = sqlx::query_as(
            "SELECT p.id, p.name FROM interviews i JOIN people p ON p.id = i.person_id \
             WHERE i.account_id = $1 AND i.id = $2",
        )
        .bind($account.as_str())
        .bind($interview)
        .fetch_optional(&mut *$tx)
        .await?;
        let (person_id, person_name) = person.ok_or_else(|| StoreError::NotFound {
            kind: "interview",
            id: $interview.to_owned(),
        })?;
        sqlx::query(
            "INSERT INTO reflections (id, account_id, interview_id, learned_positive, learned_negative, \
             fit_with_self, still_to_learn, plan_of_action, field_fit_rating, likability_rating, setting_rating, \
             created_at, updated_at, feelings) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13) \
             ON CONFLICT (interview_id) DO UPDATE SET learned_positive = excluded.learned_positive, \
             learned_negative = excluded.learned_negative, fit_with_self = excluded.fit_with_self, \
             still_to_learn = excluded.still_to_learn, plan_of_action = excluded.plan_of_action, \
             field_fit_rating = excluded.field_fit_rating, likability_rating = excluded.likability_rating, \
             setting_rating = excluded.setting_rating, updated_at = excluded.updated_at, \
             feelings = excluded.feelings",
        )
        .bind(new_id())
        .bind($account.as_str())
        .bind($interview)
        .bind(&$r.learned_positive)
        .bind(&$r.learned_negative)
        .bind(&$r.fit_with_self)
        .bind(&$r.still_to_learn)
        .bind(&$r.plan_of_action)
        .bind(value($r.field_fit))
        .bind(value($r.likability))
        .bind(value($r.setting))
        .bind(&at)
        .bind(&$r.feelings)
        .execute(&mut *$tx)
        .await?;
        let existing: Vec<(String, String, Option<String>)> = sqlx::query_as(
            "SELECT id, title, done_at FROM tasks WHERE account_id = $1 AND interview_id = $2 AND rule = $3",
        )
        .bind($account.as_str())
        .bind($interview)
        .bind(TaskRule::PlanOfAction.as_str())
        .fetch_all(&mut *$tx)
        .await?;
        for (id, title, done_at) in &existing {
            if done_at.is_none() && !actions.contains(title) {
                sqlx::query("DELETE FROM tasks WHERE account_id = $1 AND id = $2")
                    .bind($account.as_str())
                    .bind(id)
                    .execute(&mut *$tx)
                    .await?;
            }
        }
        for action in &actions {
            if existing.iter().any(|(_, title, _)| title == action) {
                continue;
            }
            sqlx::query(
                "INSERT INTO tasks (id, account_id, title, rule, reason, due_at, person_id, interview_id, \
                 created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
            )
            .bind(new_id())
            .bind($account.as_str())
            .bind(action)
            .bind(TaskRule::PlanOfAction.as_str())
            .bind(format!("Part of your plan of action after talking with {person_name}."))
            .bind(&due)
            .bind(&person_id)
            .bind($interview)
            .bind(&at)
            .execute(&mut *$tx)
            .await?;
        }
    }};
}

/// Saves the reflection and, in the same transaction, makes each line of its
/// plan of action an open task (one per line; lines removed since take their
/// open task with them, done ones stay done).
pub async fn save(
    db: &Db,
    account: &AccountId,
    interview_id: &str,
    r: &Reflection,
    now: DateTime<Utc>,
) -> Result<()> {
    in_tx!(db, tx => {
        save_reflection!(tx, account, interview_id, r, now);
    });
    Ok(())
}

/// Everything written on the page after an interview.
#[derive(Debug, Clone)]
pub struct After {
    /// The reflection, checked.
    pub reflection: Reflection,
    /// Notes of the conversation.
    pub notes: String,
    /// The qualifications and characteristics they seek.
    pub qualifications: String,
    /// A business card was received.
    pub business_card: bool,
    /// They said you may stay in touch.
    pub stay_in_touch: bool,
    /// The thank-you note is sent.
    pub thanked: bool,
    /// When the conversation ended, if it is being marked held now.
    pub ended_at: Option<DateTime<Utc>>,
    /// The notes under each planned question (from live mode), edited.
    pub answers: Vec<crate::plans::Answer>,
    /// How often to keep in touch, in days, when they said you may (the
    /// first keep-in-touch task falls due that long after the last contact).
    pub cadence_days: Option<u32>,
}

/// Saves the page written after an interview as one transaction: a
/// scheduled or confirmed interview becomes done (writing it means the
/// conversation happened), then the reflection and its tasks, the notes, the
/// card and stay-in-touch marks on the person, and, when the thank-you is
/// sent, the moves on to thanked. A refusal anywhere saves none of it.
pub async fn save_after(
    db: &Db,
    account: &AccountId,
    interview_id: &str,
    after: &After,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut errors = rapport_core::FieldErrors::new();
    let notes = errors.check(long_text("notes", &after.notes));
    let qualifications = errors.check(long_text("qualifications", &after.qualifications));
    let answers: Vec<Option<String>> = after
        .answers
        .iter()
        .map(|a| errors.check(long_text("note", &a.note)))
        .collect();
    errors.finish()?;
    let (notes, qualifications) = (
        notes.unwrap_or_default(),
        qualifications.unwrap_or_default(),
    );
    let at = time::encode(now);
    in_tx!(db, tx => {
        let found: Option<(String, String)> = sqlx::query_as(
            "SELECT status, person_id FROM interviews WHERE account_id = $1 AND id = $2",
        )
        .bind(account.as_str())
        .bind(interview_id)
        .fetch_optional(&mut *tx)
        .await?;
        let (status, person_id) = found.ok_or_else(|| StoreError::NotFound {
            kind: "interview",
            id: interview_id.to_owned(),
        })?;
        let mut status = Status::parse(&status)
            .ok_or_else(|| crate::interviews::corrupt(&format!("status \"{status}\"")))?;
        if matches!(status, Status::Scheduled | Status::Confirmed) {
            let ended = time::encode(after.ended_at.unwrap_or(now));
            move_interview!(tx, account, interview_id, Status::Done, &ended, &at);
            status = Status::Done;
        }
        save_reflection!(tx, account, interview_id, &after.reflection, now);
        for (answer, note) in after.answers.iter().zip(&answers) {
            let note = note.as_deref().unwrap_or_default();
            save_answer!(tx, account, interview_id, &answer.item_id, note, answer.asked, &at);
        }
        sqlx::query(
            "UPDATE interviews SET notes = $3, qualifications_sought = $4, updated_at = $5 \
             WHERE account_id = $1 AND id = $2",
        )
        .bind(account.as_str())
        .bind(interview_id)
        .bind(&notes)
        .bind(&qualifications)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        if let Some(days) = after.cadence_days.filter(|_| after.stay_in_touch) {
            sqlx::query("UPDATE people SET cadence_days = $3 WHERE account_id = $1 AND id = $2")
                .bind(account.as_str())
                .bind(&person_id)
                .bind(i64::from(days))
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query(
            "UPDATE people SET business_card = $3, stay_in_touch = $4, updated_at = $5 \
             WHERE account_id = $1 AND id = $2 AND (business_card <> $3 OR stay_in_touch <> $4)",
        )
        .bind(account.as_str())
        .bind(&person_id)
        .bind(after.business_card)
        .bind(after.stay_in_touch)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        if after.thanked
            && let Some(steps) = path(status, Status::Thanked)
        {
            for step in steps {
                move_interview!(tx, account, interview_id, step, &at);
            }
        }
    });
    Ok(())
}

/// What one interview about a field said of the fit, for the field's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldFit {
    /// The interview.
    pub interview_id: String,
    /// Whom it was with.
    pub person_name: String,
    /// "How does it fit my interests, abilities, goals and values?"
    pub fit_with_self: String,
    /// How well the field fits (1–5).
    pub field_fit: Option<Rating>,
    /// How likable the person was (1–5).
    pub likability: Option<Rating>,
    /// How attractive the setting was (1–5).
    pub setting: Option<Rating>,
}

/// The reflections written on interviews about `field_id`, newest first
/// (at most 50), in one query.
pub async fn for_field(db: &Db, account: &AccountId, field_id: &str) -> Result<Vec<FieldFit>> {
    type Row = (
        String,
        String,
        String,
        Option<i64>,
        Option<i64>,
        Option<i64>,
    );
    let rows: Vec<Row> = on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT i.id, p.name, r.fit_with_self, r.field_fit_rating, r.likability_rating, r.setting_rating \
             FROM interview_fields x JOIN interviews i ON i.id = x.interview_id \
             JOIN reflections r ON r.interview_id = i.id JOIN people p ON p.id = i.person_id \
             WHERE x.account_id = $1 AND x.field_id = $2 \
             ORDER BY r.updated_at DESC, i.id LIMIT 50",
        )
        .bind(account.as_str())
        .bind(field_id)
        .fetch_all(pool)
        .await?
    });
    rows.into_iter()
        .map(
            |(interview_id, person_name, fit_with_self, fit, liked, setting)| {
                Ok(FieldFit {
                    interview_id,
                    person_name,
                    fit_with_self,
                    field_fit: rating("field_fit", fit)?,
                    likability: rating("likability", liked)?,
                    setting: rating("setting", setting)?,
                })
            },
        )
        .collect()
}
