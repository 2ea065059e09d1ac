//! Rule tasks: derived from the records by `rapport_core::rules` whenever
//! they are read; only what the user did with one (done, snoozed) is stored.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::time;
use chrono::{DateTime, Duration, Utc};
use rapport_core::correspondence::{Channel, Direction, Purpose};
use rapport_core::interviews::Mode;
use rapport_core::people::Ref;
use rapport_core::pipeline::Status;
use rapport_core::rules::{self, ContactFacts, InterviewFacts, PersonFacts, World};
use rapport_core::tasks::{Task, TaskRule};
use rapport_core::validated::{Length, TimeZone};
use std::collections::{HashMap, HashSet};

fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

type InterviewRow = (
    String,
    String,
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    i64,
    String,
    String,
);
type ContactRow = (String, String, String, String, String, String, String);
type PersonRow = (String, String, i64, String, Option<String>, Option<String>);

/// The most ids one `IN (…)` list carries: far under either backend's limit
/// on parameters, and more than the records of all rules at the largest
/// window, so a page sends one statement for them whatever the account's size.
const IN_LIST: usize = 5000;

/// The columns of an interview the rules read.
const INTERVIEW_FACTS: &str = "SELECT i.id, i.person_id, p.name AS person_name, o.name AS organization_name, \
     i.status, i.mode, i.starts_at, i.length_minutes, i.time_zone, \
     coalesce(i.status_changed_at, i.updated_at) AS status_changed_at \
     FROM interviews i JOIN people p ON p.id = i.person_id \
     LEFT JOIN organizations o ON o.id = i.organization_id";

/// Whether a record has a stored state (done or snoozed) for one of its rule tasks.
fn stated(has: bool, subject: &str) -> String {
    format!(
        "{}EXISTS (SELECT 1 FROM rule_task_states s WHERE s.account_id = $1 AND s.subject_id = {subject})",
        if has { "" } else { "NOT " }
    )
}

/// Outreach that starts the 3B7 clock (as `rules::is_outreach`).
const OUTREACH: &str = "c.direction = 'out' AND c.kind IN ('introduction', 'follow-up', 'other')";

/// The reading of the facts for each rule, as SQL. Each returns the records
/// whose tasks fall due first, in due order; `{stated}` picks the records
/// with or without a stored state, and `$2` bounds how many.
fn upcoming_sql(has_state: bool) -> String {
    // A scheduled or confirmed interview not yet over: confirm and leave,
    // both due before the start, in the order of the starts.
    format!(
        "{INTERVIEW_FACTS} WHERE i.account_id = $1 AND i.status IN ('scheduled', 'confirmed') \
         AND i.starts_at IS NOT NULL AND i.starts_at >= $3 AND {} \
         ORDER BY i.starts_at, i.id LIMIT $2",
        stated(has_state, "i.id")
    )
}

fn held_sql(has_state: bool) -> String {
    // Held, not thanked: the thank-you falls due 24 hours after.
    format!(
        "{INTERVIEW_FACTS} WHERE i.account_id = $1 AND i.status = 'done' AND {} \
         ORDER BY i.status_changed_at, i.id LIMIT $2",
        stated(has_state, "i.id")
    )
}

fn requested_sql(has_state: bool) -> String {
    // Asked, no reply since the last outreach: 3 and 7 business days after it.
    format!(
        "SELECT q.id, q.person_id, q.person_name, q.organization_name, q.status, q.mode, q.starts_at, \
         q.length_minutes, q.time_zone, q.status_changed_at FROM ( \
           SELECT f.*, coalesce((SELECT max(c.occurred_at) FROM correspondence c \
             WHERE c.account_id = $1 AND c.person_id = f.person_id AND {OUTREACH}), f.status_changed_at) AS base \
           FROM ({INTERVIEW_FACTS} WHERE i.account_id = $1 AND i.status = 'requested' AND {}) f \
         ) q WHERE NOT EXISTS (SELECT 1 FROM correspondence r WHERE r.account_id = $1 \
           AND r.person_id = q.person_id AND r.direction = 'in' AND r.occurred_at > q.base) \
         ORDER BY q.base, q.id LIMIT $2",
        stated(has_state, "i.id")
    )
}

fn letters_sql(has_state: bool) -> String {
    // An introduction by letter or email that nobody answered and that led
    // to no interview yet: call 3 business days after it.
    format!(
        "SELECT c.id, c.person_id, p.name, c.channel, c.direction, c.kind, c.occurred_at \
         FROM correspondence c JOIN people p ON p.id = c.person_id \
         WHERE c.account_id = $1 AND c.direction = 'out' AND c.kind = 'introduction' \
         AND c.channel IN ('letter', 'email') \
         AND NOT EXISTS (SELECT 1 FROM correspondence a WHERE a.account_id = $1 AND a.person_id = c.person_id \
           AND a.occurred_at > c.occurred_at AND (a.direction = 'in' OR a.channel IN ('phone', 'in-person'))) \
         AND NOT EXISTS (SELECT 1 FROM interviews i WHERE i.account_id = $1 AND i.person_id = c.person_id \
           AND i.status NOT IN ('idea', 'requested', 'no-reply')) \
         AND {} ORDER BY c.occurred_at, c.id LIMIT $2",
        stated(has_state, "c.id")
    )
}

fn keep_in_touch_sql(db: &Db, has_state: bool) -> String {
    // Due a cadence after the last contact, held interview or the record's
    // making; the date arithmetic is the backend's own. The held interview
    // is picked inside the aggregate, not in the condition, so that only the
    // person's index can serve the subquery (a status index would read every
    // held interview of the account for each person).
    let due = match db {
        Db::Sqlite(_) => {
            "julianday(max(coalesce(q.last_contact, q.created_at), coalesce(q.last_interview, q.created_at), q.created_at)) + q.cadence_days"
        }
        Db::Postgres(_) => {
            "greatest(q.last_contact, q.last_interview, q.created_at)::timestamptz + q.cadence_days * interval '1 day'"
        }
    };
    format!(
        "SELECT q.id, q.name, q.cadence_days, q.created_at, q.last_contact, q.last_interview FROM ( \
           SELECT p.id, p.name, p.cadence_days, p.created_at, \
             (SELECT max(c.occurred_at) FROM correspondence c WHERE c.account_id = $1 AND c.person_id = p.id) AS last_contact, \
             (SELECT max(CASE WHEN i.status IN ('done', 'thanked', 'closed') THEN i.starts_at END) \
               FROM interviews i WHERE i.account_id = $1 AND i.person_id = p.id) AS last_interview \
           FROM people p WHERE p.account_id = $1 AND p.stay_in_touch = $3 AND p.cadence_days IS NOT NULL AND {} \
         ) q ORDER BY {due}, q.id LIMIT $2",
        stated(has_state, "p.id")
    )
}

/// What the rules read for the first `limit` tasks of each rule: for every
/// rule, the records whose tasks fall due first, and every record with a
/// stored state (a snooze can move its task later, a done one drops it).
/// The work is bounded by `limit` and the stored states, not by the account.
async fn world(
    db: &Db,
    account: &AccountId,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<(World, HashSet<String>)> {
    // An interview that began up to its longest length ago may still be going on.
    let earliest = time::encode(now - Duration::minutes(i64::from(Length::MAX)));
    let mut interviews: Vec<InterviewRow> = Vec::new();
    let mut letters: Vec<ContactRow> = Vec::new();
    let mut people: Vec<PersonRow> = Vec::new();
    for has_state in [false, true] {
        let bound = if has_state { i64::MAX } else { limit };
        let (upcoming, held, requested, letter, kept) = (
            upcoming_sql(has_state),
            held_sql(has_state),
            requested_sql(has_state),
            letters_sql(has_state),
            keep_in_touch_sql(db, has_state),
        );
        on_pool!(db, pool => {
            let rows: Vec<InterviewRow> = sqlx::query_as(&upcoming)
                .bind(account.as_str()).bind(bound).bind(&earliest).fetch_all(pool).await?;
            interviews.extend(rows);
            for sql in [&held, &requested] {
                let rows: Vec<InterviewRow> = sqlx::query_as(sql)
                    .bind(account.as_str()).bind(bound).fetch_all(pool).await?;
                interviews.extend(rows);
            }
            let rows: Vec<ContactRow> = sqlx::query_as(&letter)
                .bind(account.as_str()).bind(bound).fetch_all(pool).await?;
            letters.extend(rows);
            let rows: Vec<PersonRow> = sqlx::query_as(&kept)
                .bind(account.as_str()).bind(bound).bind(true).fetch_all(pool).await?;
            people.extend(rows);
        });
    }
    // The 3B7 rule reads every contact with the people asked.
    let asked: Vec<&str> = interviews
        .iter()
        .filter(|r| r.4 == Status::Requested.as_str())
        .map(|r| r.1.as_str())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut contacts: Vec<ContactRow> = Vec::new();
    for chunk in asked.chunks(IN_LIST) {
        let sql = format!(
            "SELECT c.id, c.person_id, p.name, c.channel, c.direction, c.kind, c.occurred_at \
             FROM correspondence c JOIN people p ON p.id = c.person_id \
             WHERE c.account_id = $1 AND c.person_id IN ({})",
            crate::ids::placeholders(2, chunk.len())
        );
        on_pool!(db, pool => {
            let mut q = sqlx::query_as(&sql).bind(account.as_str());
            for id in chunk {
                q = q.bind(*id);
            }
            let rows: Vec<ContactRow> = q.fetch_all(pool).await?;
            contacts.extend(rows);
        });
    }
    let chosen_letters: HashSet<String> = letters.iter().map(|r| r.0.clone()).collect();
    let mut seen = HashSet::new();
    contacts.extend(letters);
    contacts.retain(|c| seen.insert(c.0.clone()));
    Ok((
        World {
            interviews: interviews
                .into_iter()
                .map(interview_facts)
                .collect::<Result<_>>()?,
            contacts: contacts
                .into_iter()
                .map(contact_facts)
                .collect::<Result<_>>()?,
            keep_in_touch: people
                .into_iter()
                .map(person_facts)
                .collect::<Result<_>>()?,
        },
        chosen_letters,
    ))
}

fn interview_facts(row: InterviewRow) -> Result<InterviewFacts> {
    let (
        id,
        person_id,
        person_name,
        organization_name,
        status,
        mode,
        starts_at,
        length,
        zone,
        changed,
    ) = row;
    Ok(InterviewFacts {
        status: Status::parse(&status).ok_or_else(|| corrupt(format!("status {status}")))?,
        mode: Mode::parse(&mode).map_err(corrupt)?,
        starts_at: time::decode_opt(starts_at.as_deref())?,
        length_minutes: u16::try_from(length).map_err(corrupt)?,
        time_zone: TimeZone::parse(&zone).map_err(corrupt)?,
        status_changed_at: time::decode(&changed)?,
        id,
        person_id,
        person_name,
        organization_name,
    })
}

fn contact_facts(row: ContactRow) -> Result<ContactFacts> {
    let (id, person_id, person_name, channel, direction, purpose, at) = row;
    Ok(ContactFacts {
        channel: Channel::parse(&channel).map_err(corrupt)?,
        direction: Direction::parse(&direction).map_err(corrupt)?,
        purpose: Purpose::parse(&purpose).map_err(corrupt)?,
        occurred_at: time::decode(&at)?,
        id,
        person_id,
        person_name,
    })
}

fn person_facts(row: PersonRow) -> Result<PersonFacts> {
    let (id, name, cadence, created, last_contact, last_interview) = row;
    Ok(PersonFacts {
        cadence_days: u32::try_from(cadence).map_err(corrupt)?,
        last_done: None,
        last_seen: time::decode_opt(last_contact.as_deref())?
            .max(time::decode_opt(last_interview.as_deref())?),
        created_at: time::decode(&created)?,
        id,
        name,
    })
}

/// When a rule task was marked done, and until when it is snoozed.
type TaskState = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// The open rule tasks as of `now`, as tasks whose id is the rule's key;
/// done ones are left out and snoozed ones carry their new due time.
pub async fn open(
    db: &Db,
    account: &AccountId,
    now: DateTime<Utc>,
    zone: TimeZone,
    limit: i64,
) -> Result<Vec<Task>> {
    let (mut world, letters) = world(db, account, now, limit).await?;
    // The states of the records read, not every state ever stored.
    let subjects: Vec<&str> = world
        .interviews
        .iter()
        .map(|i| i.id.as_str())
        .chain(letters.iter().map(String::as_str))
        .chain(world.keep_in_touch.iter().map(|p| p.id.as_str()))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut rows: Vec<(String, Option<String>, Option<String>)> = Vec::new();
    for chunk in subjects.chunks(IN_LIST) {
        let sql = format!(
            "SELECT rule_key, done_at, snoozed_until FROM rule_task_states \
             WHERE account_id = $1 AND subject_id IN ({})",
            crate::ids::placeholders(2, chunk.len())
        );
        on_pool!(db, pool => {
            let mut q = sqlx::query_as(&sql).bind(account.as_str());
            for id in chunk {
                q = q.bind(*id);
            }
            let found: Vec<(String, Option<String>, Option<String>)> = q.fetch_all(pool).await?;
            rows.extend(found);
        });
    }
    let mut states: HashMap<String, TaskState> = HashMap::new();
    for (key, done, snoozed) in rows {
        let done = time::decode_opt(done.as_deref())?;
        // A keep-in-touch task marked done restarts that person's cadence,
        // even when the note itself was not logged as a contact.
        if let (Some(at), Some(person)) = (
            done,
            key.strip_prefix("stay-in-touch:")
                .and_then(|k| k.split(':').next()),
        ) && let Some(p) = world.keep_in_touch.iter_mut().find(|p| p.id == person)
        {
            p.last_done = p.last_done.max(Some(at));
        }
        states.insert(key, (done, time::decode_opt(snoozed.as_deref())?));
    }
    let mut out = Vec::new();
    for t in rules::derive(&world, now, zone) {
        let (done, snoozed) = states.get(&t.key).copied().unwrap_or_default();
        // Letters read only as context for the 3B7 rule were not checked
        // for an interview that followed; their own rule comes from `letters`.
        let unchecked = t.rule == TaskRule::CallAfterLetter
            && !t
                .key
                .split(':')
                .nth(1)
                .is_some_and(|id| letters.contains(id));
        if done.is_some() || unchecked {
            continue;
        }
        out.push(Task {
            due_at: Some(snoozed.map_or(t.due_at, |s| s.max(t.due_at))),
            person: t.person_id.map(|id| Ref {
                id,
                name: t.person_name.unwrap_or_default(),
            }),
            id: t.key,
            title: t.title,
            rule: t.rule,
            reason: t.reason,
            done_at: None,
            interview_id: t.interview_id,
            created_at: now,
            updated_at: now,
        });
    }
    out.sort_by(|a, b| a.due_at.cmp(&b.due_at).then_with(|| a.id.cmp(&b.id)));
    out.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    Ok(out)
}

/// True for the id of a rule task (its key), as opposed to a stored task.
pub fn is_rule_key(id: &str) -> bool {
    id.contains(':')
}

/// Records that a rule task was done, or snoozed until `until`.
pub async fn set_state(
    db: &Db,
    account: &AccountId,
    key: &str,
    done: bool,
    until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<()> {
    if !is_rule_key(key) || key.len() > 200 {
        return Err(StoreError::NotFound {
            kind: "task",
            id: key.to_owned(),
        });
    }
    let at = time::encode(now);
    in_tx!(db, tx => {
        sqlx::query(
            "INSERT INTO rule_task_states (account_id, rule_key, done_at, snoozed_until, updated_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (account_id, rule_key) DO UPDATE SET \
             done_at = excluded.done_at, snoozed_until = excluded.snoozed_until, updated_at = excluded.updated_at",
        )
        .bind(account.as_str())
        .bind(key)
        .bind(done.then_some(at.as_str()))
        .bind(time::encode_opt(until))
        .bind(&at)
        .execute(&mut *tx)
        .await?;
    });
    Ok(())
}
