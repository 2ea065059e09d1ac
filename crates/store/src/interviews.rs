//! Interviews, the fields they explore, and moves along the pipeline.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::ids::{Kind, new_id, placeholders};
use crate::{Page, time};
use chrono::{DateTime, Utc};
use rapport_core::interviews::{Interview, InterviewInput, Mode};
use rapport_core::people::Ref;
use rapport_core::pipeline::Status;
use rapport_core::preparation::PrepFlags;
use rapport_core::proposed_times::ProposedTimes;
use rapport_core::validated::{Length, TimeZone};

pub(crate) const SELECT: &str = "SELECT i.id, i.person_id, p.name AS person_name, i.organization_id, \
     o.name AS organization_name, i.mode, i.place, i.directions, i.starts_at, i.time_zone, \
     i.length_minutes, i.status, i.notes, i.prep_answers, i.prep_resume, i.prep_clothes, \
     i.prep_directions, i.qualifications_sought, i.created_at, i.updated_at, \
     coalesce(i.status_changed_at, i.updated_at) AS status_changed_at, coalesce(i.proposed_times, '') AS proposed_times \
     FROM interviews i \
     JOIN people p ON p.id = i.person_id \
     LEFT JOIN organizations o ON o.id = i.organization_id";

#[derive(sqlx::FromRow)]
pub(crate) struct InterviewRow {
    id: String,
    person_id: String,
    person_name: String,
    organization_id: Option<String>,
    organization_name: Option<String>,
    mode: String,
    place: String,
    directions: String,
    starts_at: Option<String>,
    time_zone: String,
    length_minutes: i64,
    status: String,
    notes: String,
    prep_answers: bool,
    prep_resume: bool,
    prep_clothes: bool,
    prep_directions: bool,
    qualifications_sought: String,
    created_at: String,
    updated_at: String,
    status_changed_at: String,
    proposed_times: String,
}

pub(crate) fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_owned())
}

pub(crate) async fn load(
    db: &Db,
    account: &AccountId,
    rows: Vec<InterviewRow>,
) -> Result<Vec<Interview>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let sql = format!(
        "SELECT x.interview_id, f.id, f.title FROM interview_fields x JOIN fields f ON f.id = x.field_id \
         WHERE x.account_id = $1 AND x.interview_id IN ({}) ORDER BY x.interview_id, lower(f.title)",
        placeholders(2, ids.len())
    );
    let fields: Vec<(String, String, String)> = on_pool!(db, pool => {
        let mut q = sqlx::query_as(&sql).bind(account.as_str());
        for id in &ids {
            q = q.bind(*id);
        }
        q.fetch_all(pool).await?
    });
    rows.into_iter()
        .map(|r| {
            Ok(Interview {
                fields: fields
                    .iter()
                    .filter(|(i, _, _)| *i == r.id)
                    .map(|(_, id, title)| Ref {
                        id: id.clone(),
                        name: title.clone(),
                    })
                    .collect(),
                mode: Mode::parse(&r.mode).map_err(|e| corrupt(&e.to_string()))?,
                starts_at: time::decode_opt(r.starts_at.as_deref())?,
                time_zone: TimeZone::parse(&r.time_zone).map_err(|e| corrupt(&e.to_string()))?,
                length: Length::new(r.length_minutes).map_err(|e| corrupt(&e.to_string()))?,
                status: Status::parse(&r.status)
                    .ok_or_else(|| corrupt(&format!("status \"{}\"", r.status)))?,
                created_at: time::decode(&r.created_at)?,
                updated_at: time::decode(&r.updated_at)?,
                status_changed_at: time::decode(&r.status_changed_at)?,
                proposed_times: ProposedTimes::decode(&r.proposed_times)
                    .ok_or_else(|| corrupt(&format!("proposed times \"{}\"", r.proposed_times)))?,
                person: Ref {
                    id: r.person_id,
                    name: r.person_name,
                },
                organization: r.organization_id.map(|id| Ref {
                    id,
                    name: r.organization_name.unwrap_or_default(),
                }),
                prep: PrepFlags {
                    answers: r.prep_answers,
                    resume: r.prep_resume,
                    clothes: r.prep_clothes,
                    directions: r.prep_directions,
                },
                qualifications_sought: r.qualifications_sought,
                id: r.id,
                place: r.place,
                directions: r.directions,
                notes: r.notes,
            })
        })
        .collect()
}

/// A page of the account's interviews in the order they were planned (ids
/// are time-ordered), after the interview `after` when given, optionally of
/// one status: a page costs the same however many came before it.
pub async fn page(
    db: &Db,
    account: &AccountId,
    status: Option<Status>,
    after: Option<&str>,
    limit: u32,
) -> Result<Vec<Interview>> {
    // A status becomes a condition only when given, so a page of one
    // status is one range on (account, status, id).
    let of_status = if status.is_some() {
        " AND i.status = $4"
    } else {
        ""
    };
    let sql =
        format!("{SELECT} WHERE i.account_id = $1 AND i.id > $2{of_status} ORDER BY i.id LIMIT $3");
    let rows: Vec<InterviewRow> = on_pool!(db, pool => {
        let q = sqlx::query_as(&sql)
            .bind(account.as_str())
            .bind(after.unwrap_or(""))
            .bind(i64::from(limit));
        let q = match status {
            Some(s) => q.bind(s.as_str()),
            None => q,
        };
        q.fetch_all(pool).await?
    });
    load(db, account, rows).await
}

/// Which interviews to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only these statuses (all when empty).
    pub statuses: Vec<Status>,
    /// Only with this person.
    pub person_id: Option<String>,
    /// Only at this organization.
    pub organization_id: Option<String>,
    /// Only exploring this field.
    pub field_id: Option<String>,
    /// Which page.
    pub page: Page,
}

/// Lists interviews: dated ones by start, then undated ones newest first.
/// Only the filters given become conditions, so a person's or an
/// organization's interviews are read by their index, not by scanning the
/// account.
pub async fn list(db: &Db, account: &AccountId, filter: &Filter) -> Result<Vec<Interview>> {
    let mut conditions = String::new();
    let mut binds: Vec<&str> = Vec::new();
    for (column, value) in [
        ("i.person_id", filter.person_id.as_deref()),
        ("i.organization_id", filter.organization_id.as_deref()),
    ] {
        if let Some(v) = value {
            binds.push(v);
            conditions.push_str(&format!(" AND {column} = ${}", binds.len() + 3));
        }
    }
    if let Some(field) = filter.field_id.as_deref() {
        binds.push(field);
        conditions.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM interview_fields x WHERE x.interview_id = i.id AND x.field_id = ${})",
            binds.len() + 3
        ));
    }
    let statuses: Vec<&str> = filter.statuses.iter().map(|s| s.as_str()).collect();
    if !statuses.is_empty() {
        conditions.push_str(&format!(
            " AND i.status IN ({})",
            placeholders(binds.len() + 4, statuses.len())
        ));
        binds.extend(statuses);
    }
    let sql = format!(
        "{SELECT} WHERE i.account_id = $1{conditions} \
         ORDER BY i.starts_at NULLS LAST, i.created_at DESC, i.id LIMIT $2 OFFSET $3"
    );
    let rows: Vec<InterviewRow> = on_pool!(db, pool => {
        let mut q = sqlx::query_as(&sql)
            .bind(account.as_str())
            .bind(filter.page.limit())
            .bind(filter.page.offset());
        for b in &binds {
            q = q.bind(*b);
        }
        q.fetch_all(pool).await?
    });
    load(db, account, rows).await
}

/// One column of the board: how many interviews have the status, and the
/// first of them.
#[derive(Debug, Clone)]
pub struct Column {
    /// The status.
    pub status: Status,
    /// Interviews with it, all of them.
    pub count: i64,
    /// The first `per_column`: dated ones by start for scheduled and
    /// confirmed, the rest most recently moved first.
    pub cards: Vec<Interview>,
}

/// The board: a count per status (one indexed aggregate) and the first
/// `per_column` interviews of each, read by index; the work is the same at
/// 10 interviews or 10,000.
pub async fn board(db: &Db, account: &AccountId, per_column: i64) -> Result<Vec<Column>> {
    let parts: Vec<String> = Status::ALL
        .iter()
        .map(|s| {
            let order = if matches!(s, Status::Scheduled | Status::Confirmed) {
                "i.starts_at, i.id"
            } else {
                "i.status_changed_at DESC, i.id DESC"
            };
            format!(
                "SELECT * FROM ({SELECT} WHERE i.account_id = $1 AND i.status = '{}' ORDER BY {order} LIMIT $2) s_{}",
                s.as_str(),
                s.as_str().replace('-', "_")
            )
        })
        .collect();
    let cards_sql = parts.join(" UNION ALL ");
    let (counts, rows): (Vec<(String, i64)>, Vec<InterviewRow>) = on_pool!(db, pool => {
        let counts = sqlx::query_as(
            "SELECT status, count(*) FROM interviews WHERE account_id = $1 GROUP BY status",
        )
        .bind(account.as_str())
        .fetch_all(pool)
        .await?;
        let rows = sqlx::query_as(&cards_sql)
            .bind(account.as_str())
            .bind(per_column)
            .fetch_all(pool)
            .await?;
        (counts, rows)
    });
    let cards = load(db, account, rows).await?;
    Ok(Status::ALL
        .iter()
        .map(|s| Column {
            status: *s,
            count: counts
                .iter()
                .find(|(name, _)| name == s.as_str())
                .map_or(0, |(_, n)| *n),
            cards: cards.iter().filter(|i| i.status == *s).cloned().collect(),
        })
        .collect())
}

/// One interview.
pub async fn show(db: &Db, account: &AccountId, id: &str) -> Result<Interview> {
    let sql = format!("{SELECT} WHERE i.account_id = $1 AND i.id = $2");
    let row: Option<InterviewRow> = on_pool!(db, pool => {
        sqlx::query_as(&sql).bind(account.as_str()).bind(id).fetch_optional(pool).await?
    });
    let row = row.ok_or_else(|| StoreError::NotFound {
        kind: "interview",
        id: id.to_owned(),
    })?;
    load(db, account, vec![row])
        .await?
        .pop()
        .ok_or_else(|| corrupt(&format!("interview {id} vanished while loading")))
}

/// Writes one move into the status history, in the caller's transaction
/// (the move and its record stand or fall together).
macro_rules! record_move {
    ($tx:ident, $account:expr, $id:expr, $from:expr, $to:expr, $at:expr) => {
        sqlx::query(
            "INSERT INTO status_changes (id, account_id, interview_id, from_status, to_status, changed_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind($crate::ids::new_id())
        .bind($account.as_str())
        .bind($id)
        .bind($from)
        .bind($to)
        .bind($at)
        .execute(&mut *$tx)
        .await?;
    };
}

macro_rules! check_owners {
    ($tx:ident, $account:expr, $input:expr) => {{
        ensure_owned!($tx, $account, Kind::Person, &$input.person_id);
        if let Some(org) = &$input.organization_id {
            ensure_owned!($tx, $account, Kind::Organization, org);
        }
        for field in &$input.field_ids {
            ensure_owned!($tx, $account, Kind::Field, field);
        }
    }};
}

macro_rules! write_fields {
    ($tx:ident, $account:expr, $id:expr, $input:expr) => {{
        sqlx::query("DELETE FROM interview_fields WHERE account_id = $1 AND interview_id = $2")
            .bind($account.as_str())
            .bind($id)
            .execute(&mut *$tx)
            .await?;
        for field in &$input.field_ids {
            sqlx::query("INSERT INTO interview_fields (account_id, interview_id, field_id) VALUES ($1, $2, $3)")
                .bind($account.as_str())
                .bind($id)
                .bind(field)
                .execute(&mut *$tx)
                .await?;
        }
    }};
}

/// Adds an interview at the start of the pipeline (`idea`).
pub async fn create(
    db: &Db,
    account: &AccountId,
    input: &InterviewInput,
    now: DateTime<Utc>,
) -> Result<Interview> {
    let id = new_id();
    in_tx!(db, tx => {
        check_owners!(tx, account, input);
        sqlx::query(
            "INSERT INTO interviews (id, account_id, person_id, organization_id, mode, place, directions, \
             starts_at, time_zone, length_minutes, status, notes, created_at, updated_at, status_changed_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $13)",
        )
        .bind(&id)
        .bind(account.as_str())
        .bind(&input.person_id)
        .bind(input.organization_id.as_deref())
        .bind(input.mode.as_str())
        .bind(&input.place)
        .bind(&input.directions)
        .bind(time::encode_opt(input.starts_at))
        .bind(input.time_zone.name())
        .bind(i64::from(input.length.minutes()))
        .bind(Status::Idea.as_str())
        .bind(&input.notes)
        .bind(time::encode(now))
        .execute(&mut *tx)
        .await?;
        record_move!(tx, account, &id, None::<&str>, Status::Idea.as_str(), time::encode(now));
        write_fields!(tx, account, &id, input);
    });
    show(db, account, &id).await
}

/// A confirmed interview whose start moves needs confirming again: back to
/// scheduled, in the caller's transaction. Every way of changing the start
/// (the form, the CLI, rescheduling) goes through here.
macro_rules! unconfirm_if_moved {
    ($tx:ident, $account:expr, $id:expr, $status:expr, $old:expr, $new:expr, $at:expr) => {
        if $status == Status::Confirmed && $old != $new {
            sqlx::query(
                "UPDATE interviews SET status = 'scheduled', status_changed_at = $3 \
                 WHERE account_id = $1 AND id = $2",
            )
            .bind($account.as_str())
            .bind($id)
            .bind($at)
            .execute(&mut *$tx)
            .await?;
            record_move!(
                $tx,
                $account,
                $id,
                Some(Status::Confirmed.as_str()),
                Status::Scheduled.as_str(),
                $at
            );
        }
    };
}

/// Replaces an interview's values with `input`; its status stays, except
/// that a confirmed one whose start moves is scheduled again.
pub async fn update(
    db: &Db,
    account: &AccountId,
    id: &str,
    input: &InterviewInput,
    now: DateTime<Utc>,
) -> Result<Interview> {
    let at = time::encode(now);
    in_tx!(db, tx => {
        let found: Option<(String, Option<String>)> = sqlx::query_as(
            "SELECT status, starts_at FROM interviews WHERE account_id = $1 AND id = $2",
        )
        .bind(account.as_str())
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let (status, old_start) = found.ok_or_else(|| StoreError::NotFound { kind: "interview", id: id.to_owned() })?;
        let status = Status::parse(&status).ok_or_else(|| corrupt(&format!("status \"{status}\"")))?;
        input.check_against(status).map_err(|e| StoreError::Unfit(e.into()))?;
        let new_start = time::encode_opt(input.starts_at);
        unconfirm_if_moved!(tx, account, id, status, old_start, new_start, &at);
        check_owners!(tx, account, input);
        write_fields!(tx, account, id, input);
        sqlx::query(
            "UPDATE interviews SET person_id = $3, organization_id = $4, mode = $5, place = $6, \
             directions = $7, starts_at = $8, time_zone = $9, length_minutes = $10, notes = $11, \
             updated_at = $12 WHERE account_id = $1 AND id = $2",
        )
        .bind(account.as_str())
        .bind(id)
        .bind(&input.person_id)
        .bind(input.organization_id.as_deref())
        .bind(input.mode.as_str())
        .bind(&input.place)
        .bind(&input.directions)
        .bind(time::encode_opt(input.starts_at))
        .bind(input.time_zone.name())
        .bind(i64::from(input.length.minutes()))
        .bind(&input.notes)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
    });
    show(db, account, id).await
}

/// Moves interview `$id` to `$to` inside a caller's transaction, if the
/// pipeline allows the move from where it is now.
macro_rules! move_interview {
    ($tx:ident, $account:expr, $id:expr, $to:expr, $at:expr) => {
        move_interview!($tx, $account, $id, $to, $at, $at)
    };
    // `$changed_at` is when the move happened (a conversation held an hour
    // ago); `$now` is when it was written down.
    ($tx:ident, $account:expr, $id:expr, $to:expr, $changed_at:expr, $now:expr) => {{
        let (id, to): (&str, rapport_core::pipeline::Status) = ($id, $to);
        let current: Option<(String, Option<String>)> = sqlx::query_as(
            "SELECT status, starts_at FROM interviews WHERE account_id = $1 AND id = $2",
        )
        .bind($account.as_str())
        .bind(id)
        .fetch_optional(&mut *$tx)
        .await?;
        let (from, starts_at) = current.ok_or_else(|| $crate::error::StoreError::NotFound {
            kind: "interview",
            id: id.to_owned(),
        })?;
        let from_status = rapport_core::pipeline::Status::parse(&from)
            .ok_or_else(|| $crate::interviews::corrupt(&format!("status \"{from}\"")))?;
        rapport_core::pipeline::check_move(from_status, to, starts_at.is_some())?;
        // The status in the WHERE clause makes a concurrent move lose cleanly
        // on PostgreSQL, where this transaction holds no lock on the row.
        let changed = sqlx::query(
            "UPDATE interviews SET status = $3, updated_at = $6, status_changed_at = $4 \
             WHERE account_id = $1 AND id = $2 AND status = $5",
        )
        .bind($account.as_str())
        .bind(id)
        .bind(to.as_str())
        .bind($changed_at)
        .bind(&from)
        .bind($now)
        .execute(&mut *$tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err($crate::error::StoreError::Conflict(format!(
                "interview {id} changed while it was being moved; look at it again and retry"
            )));
        }
        record_move!(
            $tx,
            $account,
            id,
            Some(from.as_str()),
            to.as_str(),
            $changed_at
        );
    }};
}

/// Moves an interview to `to` if the pipeline allows it; otherwise nothing
/// changes and the error names the allowed next statuses.
pub async fn move_to(
    db: &Db,
    account: &AccountId,
    id: &str,
    to: Status,
    now: DateTime<Utc>,
) -> Result<Interview> {
    let at = time::encode(now);
    in_tx!(db, tx => {
        move_interview!(tx, account, id, to, &at);
    });
    show(db, account, id).await
}

/// Moves an agreed interview to a new start, as one action: the plan, the
/// notes and your tasks stay with it; a confirmed one goes back to
/// scheduled (it needs confirming again), and the rules' confirm and leave
/// tasks follow the new time.
pub async fn reschedule(
    db: &Db,
    account: &AccountId,
    id: &str,
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Interview> {
    if starts_at <= now {
        return Err(rapport_core::FieldError::new(
            "starts_at",
            "is already past; choose the new time ahead",
        )
        .into());
    }
    let at = time::encode(now);
    in_tx!(db, tx => {
        let found: Option<(String, Option<String>)> = sqlx::query_as(
            "SELECT status, starts_at FROM interviews WHERE account_id = $1 AND id = $2",
        )
        .bind(account.as_str())
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let (status, old_start) = found.ok_or_else(|| StoreError::NotFound {
            kind: "interview",
            id: id.to_owned(),
        })?;
        let status = Status::parse(&status).ok_or_else(|| corrupt(&format!("status \"{status}\"")))?;
        if !matches!(status, Status::Scheduled | Status::Confirmed) {
            return Err(rapport_core::FieldError::new(
                "starts_at",
                "can be moved only for a scheduled or confirmed interview; set the date on its form",
            )
            .into());
        }
        let new_start = Some(time::encode(starts_at));
        unconfirm_if_moved!(tx, account, id, status, old_start, new_start, &at);
        sqlx::query("UPDATE interviews SET starts_at = $3, updated_at = $4 WHERE account_id = $1 AND id = $2")
            .bind(account.as_str())
            .bind(id)
            .bind(time::encode(starts_at))
            .bind(&at)
            .execute(&mut *tx)
            .await?;
    });
    show(db, account, id).await
}

/// Marks an interview held, at `ended_at` (when the conversation ended,
/// which the thank-you's 24 hours count from), written down at `now`.
pub async fn finish(
    db: &Db,
    account: &AccountId,
    id: &str,
    ended_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Interview> {
    // Whoever sends it, an end still to come does not fit the interview now.
    rapport_core::interviews::check_ended(ended_at, now)
        .map_err(|e| StoreError::Unfit(e.into()))?;
    let (ended, at) = (time::encode(ended_at), time::encode(now));
    in_tx!(db, tx => {
        move_interview!(tx, account, id, Status::Done, &ended, &at);
    });
    show(db, account, id).await
}

/// Saves the checklist items the user ticks.
pub async fn set_prep(
    db: &Db,
    account: &AccountId,
    id: &str,
    prep: PrepFlags,
    now: DateTime<Utc>,
) -> Result<Interview> {
    let changed = in_tx!(db, tx => {
        sqlx::query(
            "UPDATE interviews SET prep_answers = $3, prep_resume = $4, prep_clothes = $5, \
             prep_directions = $6, updated_at = $7 WHERE account_id = $1 AND id = $2",
        )
        .bind(account.as_str())
        .bind(id)
        .bind(prep.answers)
        .bind(prep.resume)
        .bind(prep.clothes)
        .bind(prep.directions)
        .bind(time::encode(now))
        .execute(&mut *tx)
        .await?
        .rows_affected()
    });
    if changed == 0 {
        return Err(StoreError::NotFound {
            kind: "interview",
            id: id.to_owned(),
        });
    }
    show(db, account, id).await
}

/// What [`set_text`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// The interview's notes.
    Notes,
    /// What the contact said they look for in people.
    QualificationsSought,
}

/// Saves one text of an interview (notes are saved while typing).
pub async fn set_text(
    db: &Db,
    account: &AccountId,
    id: &str,
    which: Text,
    text: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let text = rapport_core::validated::long_text(
        match which {
            Text::Notes => "notes",
            Text::QualificationsSought => "qualifications",
        },
        text,
    )?;
    let sql = match which {
        Text::Notes => {
            "UPDATE interviews SET notes = $3, updated_at = $4 WHERE account_id = $1 AND id = $2"
        }
        Text::QualificationsSought => {
            "UPDATE interviews SET qualifications_sought = $3, updated_at = $4 WHERE account_id = $1 AND id = $2"
        }
    };
    let changed = in_tx!(db, tx => {
        sqlx::query(sql)
            .bind(account.as_str())
            .bind(id)
            .bind(&text)
            .bind(time::encode(now))
            .execute(&mut *tx)
            .await?
            .rows_affected()
    });
    if changed == 0 {
        return Err(StoreError::NotFound {
            kind: "interview",
            id: id.to_owned(),
        });
    }
    Ok(())
}

/// The people referred to you in this interview (captured during or after it).
pub async fn referrals(db: &Db, account: &AccountId, id: &str) -> Result<Vec<Ref>> {
    let rows: Vec<(String, String)> = on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT id, name FROM people WHERE account_id = $1 AND referred_in_interview_id = $2 \
             ORDER BY created_at, id LIMIT 500",
        )
        .bind(account.as_str())
        .bind(id)
        .fetch_all(pool)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, name)| Ref { id, name })
        .collect())
}

/// Deletes an interview with its notes, plan and tasks.
pub async fn delete(db: &Db, account: &AccountId, id: &str) -> Result<()> {
    crate::ids::delete(db, account, Kind::Interview, id).await
}

/// How far the preparation of one interview has come: what its next action
/// is worked out from, besides the interview itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Preparation {
    /// `None` without an organization; otherwise whether it has research.
    pub researched: Option<bool>,
    /// Questions in its plan.
    pub planned: usize,
    /// A reflection has been written.
    pub reflected: bool,
}

/// The preparation of each of `ids` (of `account`), in one query, for pages
/// that show several interviews with their next step.
pub async fn preparation(
    db: &Db,
    account: &AccountId,
    ids: &[&str],
) -> Result<std::collections::HashMap<String, Preparation>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let sql = format!(
        "SELECT i.id, i.organization_id IS NOT NULL, \
         EXISTS (SELECT 1 FROM organization_research r WHERE r.organization_id = i.organization_id), \
         (SELECT count(*) FROM plan_items p WHERE p.interview_id = i.id), \
         EXISTS (SELECT 1 FROM reflections r WHERE r.interview_id = i.id) \
         FROM interviews i WHERE i.account_id = $1 AND i.id IN ({})",
        crate::ids::placeholders(2, ids.len())
    );
    let rows: Vec<(String, bool, bool, i64, bool)> = on_pool!(db, pool => {
        let mut q = sqlx::query_as(&sql).bind(account.as_str());
        for id in ids {
            q = q.bind(*id);
        }
        q.fetch_all(pool).await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, has_org, researched, planned, reflected)| {
            (
                id,
                Preparation {
                    researched: has_org.then_some(researched),
                    planned: usize::try_from(planned).unwrap_or_default(),
                    reflected,
                },
            )
        })
        .collect())
}
