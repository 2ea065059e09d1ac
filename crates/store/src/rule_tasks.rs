//! Rule tasks: derived from the records by `rapport_core::rules` whenever
//! they are read; only what the user did with one (done, snoozed) is stored.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::time;
use chrono::{DateTime, Utc};
use rapport_core::correspondence::{Channel, Direction, Purpose};
use rapport_core::interviews::Mode;
use rapport_core::people::Ref;
use rapport_core::pipeline::Status;
use rapport_core::rules::{self, ContactFacts, InterviewFacts, PersonFacts, World};
use rapport_core::tasks::Task;
use rapport_core::validated::TimeZone;
use std::collections::HashMap;

/// The most records of each kind the rules read.
const READ_AT_MOST: i64 = 5000;

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
type PersonRow = (String, String, i64, String);

/// Everything the rules read for one account.
pub async fn world(db: &Db, account: &AccountId) -> Result<World> {
    let (interviews, contacts, people): (Vec<InterviewRow>, Vec<ContactRow>, Vec<PersonRow>) = on_pool!(db, pool => {
        let i = sqlx::query_as(
            "SELECT i.id, i.person_id, p.name, o.name, i.status, i.mode, i.starts_at, i.length_minutes, i.time_zone, coalesce(i.status_changed_at, i.created_at) \
             FROM interviews i JOIN people p ON p.id = i.person_id LEFT JOIN organizations o ON o.id = i.organization_id \
             WHERE i.account_id = $1 AND i.status IN ('requested', 'scheduled', 'confirmed', 'done', 'thanked', 'closed') \
             ORDER BY i.updated_at DESC LIMIT $2",
        )
        .bind(account.as_str())
        .bind(READ_AT_MOST)
        .fetch_all(pool)
        .await?;
        let c = sqlx::query_as(
            "SELECT c.id, c.person_id, p.name, c.channel, c.direction, c.kind, c.occurred_at \
             FROM correspondence c JOIN people p ON p.id = c.person_id \
             WHERE c.account_id = $1 ORDER BY c.occurred_at DESC LIMIT $2",
        )
        .bind(account.as_str())
        .bind(READ_AT_MOST)
        .fetch_all(pool)
        .await?;
        let p = sqlx::query_as(
            "SELECT id, name, cadence_days, created_at FROM people \
             WHERE account_id = $1 AND stay_in_touch = $2 AND cadence_days IS NOT NULL LIMIT $3",
        )
        .bind(account.as_str())
        .bind(true)
        .bind(READ_AT_MOST)
        .fetch_all(pool)
        .await?;
        (i, c, p)
    });
    let interviews = interviews
        .into_iter()
        .map(
            |(
                id,
                person_id,
                person_name,
                organization_name,
                status,
                mode,
                starts_at,
                length,
                zone,
                updated,
            )| {
                Ok(InterviewFacts {
                    status: Status::parse(&status)
                        .ok_or_else(|| corrupt(format!("status {status}")))?,
                    mode: Mode::parse(&mode).map_err(corrupt)?,
                    starts_at: time::decode_opt(starts_at.as_deref())?,
                    length_minutes: u16::try_from(length).map_err(corrupt)?,
                    time_zone: TimeZone::parse(&zone).map_err(corrupt)?,
                    status_changed_at: time::decode(&updated)?,
                    id,
                    person_id,
                    person_name,
                    organization_name,
                })
            },
        )
        .collect::<Result<_>>()?;
    let contacts = contacts
        .into_iter()
        .map(
            |(id, person_id, person_name, channel, direction, purpose, at)| {
                Ok(ContactFacts {
                    channel: Channel::parse(&channel).map_err(corrupt)?,
                    direction: Direction::parse(&direction).map_err(corrupt)?,
                    purpose: Purpose::parse(&purpose).map_err(corrupt)?,
                    occurred_at: time::decode(&at)?,
                    id,
                    person_id,
                    person_name,
                })
            },
        )
        .collect::<Result<_>>()?;
    let keep_in_touch = people
        .into_iter()
        .map(|(id, name, cadence, created)| {
            Ok(PersonFacts {
                cadence_days: u32::try_from(cadence).map_err(corrupt)?,
                last_done: None,
                created_at: time::decode(&created)?,
                id,
                name,
            })
        })
        .collect::<Result<_>>()?;
    Ok(World {
        interviews,
        contacts,
        keep_in_touch,
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
) -> Result<Vec<Task>> {
    let mut world = world(db, account).await?;
    let rows: Vec<(String, Option<String>, Option<String>)> = on_pool!(db, pool => {
        sqlx::query_as("SELECT rule_key, done_at, snoozed_until FROM rule_task_states WHERE account_id = $1")
            .bind(account.as_str())
            .fetch_all(pool)
            .await?
    });
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
        if done.is_some() {
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
