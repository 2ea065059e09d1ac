//! Loads the sample network of `rapport_core::demo` into an empty account,
//! through the same functions the interface uses.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::plans::Source;
use crate::{
    Page, conversations, fields, interviews, organizations, people, plans, profiles, reflections,
    tasks,
};
use chrono::{DateTime, Duration, DurationRound, Utc};
use rapport_core::FieldError;
use rapport_core::demo::sample;
use rapport_core::interviews::InterviewForm;
use rapport_core::questions::Priority;
use rapport_core::tasks::TaskForm;
use rapport_core::validated::TimeZone;
use serde::Serialize;

/// What was loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Loaded {
    /// Fields.
    pub fields: usize,
    /// Organizations.
    pub organizations: usize,
    /// People.
    pub people: usize,
    /// Interviews.
    pub interviews: usize,
}

/// True when the account has no people yet (the demo's precondition).
pub async fn is_empty(db: &Db, account: &AccountId) -> Result<bool> {
    let filter = people::Filter {
        page: Page {
            limit: 1,
            offset: 0,
        },
        ..people::Filter::default()
    };
    Ok(people::list(db, account, &filter).await?.is_empty())
}

fn local(at: DateTime<Utc>, zone: TimeZone) -> String {
    at.with_timezone(&zone.tz())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// Loads the sample, with times relative to `now` in `zone`. Refuses an
/// account that already has people, so nothing of yours is mixed with it.
pub async fn load(
    db: &Db,
    account: &AccountId,
    zone: TimeZone,
    now: DateTime<Utc>,
) -> Result<Loaded> {
    if !is_empty(db, account).await? {
        return Err(FieldError::new(
            "demo",
            "the sample loads only into an empty workbench; yours already has people",
        )
        .into());
    }
    let s = sample();
    let hour = now.duration_trunc(Duration::hours(1)).unwrap_or(now);
    // The sample's profile, keeping a time zone already chosen.
    let mut profile = s.profile.validate()?;
    profile.time_zone = profiles::zone(db, account).await?;
    profiles::save(db, account, &profile, now).await?;
    let mut field_ids = Vec::new();
    for f in &s.fields {
        field_ids.push(fields::create(db, account, &f.validate()?, now).await?.id);
    }
    let mut org_ids = Vec::new();
    for o in &s.organizations {
        org_ids.push(
            organizations::create(db, account, &o.validate()?, now)
                .await?
                .id,
        );
    }
    let mut person_ids: Vec<String> = Vec::new();
    let pick = |ids: &[String], i: usize| {
        ids.get(i)
            .cloned()
            .ok_or_else(|| StoreError::Corrupt(format!("sample index {i}")))
    };
    for p in &s.people {
        let mut form = p.form.clone();
        form.organization_id = p.organization.map(|o| pick(&org_ids, o)).transpose()?;
        form.referred_by_id = p.referred_by.map(|r| pick(&person_ids, r)).transpose()?;
        let added = rapport_core::demo::added_at(person_ids.len(), now);
        person_ids.push(
            people::create(db, account, &form.validate()?, added)
                .await?
                .id,
        );
    }
    for i in &s.interviews {
        let person = &s.people[i.person];
        let form = InterviewForm {
            person_id: pick(&person_ids, i.person)?,
            organization_id: person.organization.map(|o| pick(&org_ids, o)).transpose()?,
            field_ids: i
                .fields
                .iter()
                .map(|f| pick(&field_ids, *f))
                .collect::<Result<_>>()?,
            mode: i.mode.into(),
            place: i.place.clone(),
            starts_at: i
                .start_in_hours
                .map(|h| local(hour + Duration::hours(h), zone))
                .unwrap_or_default(),
            time_zone: zone.name().into(),
            length: i.length.to_string(),
            ..InterviewForm::default()
        };
        let start = i.start_in_hours.map(|h| hour + Duration::hours(h));
        let (planned, moves) = rapport_core::demo::timeline(i, start, now);
        let id = interviews::create(db, account, &form.validate()?, planned)
            .await?
            .id;
        for (n, key) in i.questions.iter().enumerate() {
            let priority = if n < 3 {
                Priority::Must
            } else {
                Priority::Should
            };
            let item = plans::add(
                db,
                account,
                &id,
                &Source::Builtin((*key).into()),
                priority,
                None,
            )
            .await?;
            if let Some(answer) = i.answers.get(n) {
                plans::save_note(db, account, &id, &item, answer, true, now).await?;
            }
        }
        // Each move on its own day, so the history reads like weeks of work.
        for (status, at) in moves {
            if status == rapport_core::pipeline::Status::Done {
                interviews::finish(db, account, &id, at, at).await?;
            } else {
                interviews::move_to(db, account, &id, status, at).await?;
            }
        }
        interviews::set_prep(db, account, &id, i.prep, now).await?;
        if !i.qualifications.is_empty() {
            interviews::set_text(
                db,
                account,
                &id,
                interviews::Text::QualificationsSought,
                i.qualifications,
                now,
            )
            .await?;
        }
        if let Some(r) = &i.reflection {
            reflections::save(db, account, &id, &r.validate()?, now).await?;
        }
    }
    for t in &s.tasks {
        let form = TaskForm {
            title: t.title.into(),
            reason: t.reason.into(),
            due: t
                .due_in_hours
                .map(|h| local(hour + Duration::hours(h), zone))
                .unwrap_or_default(),
            time_zone: zone.name().into(),
            person_id: t.person.map(|p| pick(&person_ids, p)).transpose()?,
            interview_id: None,
        };
        tasks::create(db, account, &form.validate()?, now).await?;
    }
    for c in &s.conversations {
        conversations::create(db, account, &c.validate(now.date_naive())?, now).await?;
    }
    Ok(Loaded {
        fields: field_ids.len(),
        organizations: org_ids.len(),
        people: person_ids.len(),
        interviews: s.interviews.len(),
    })
}

/// Tables that hold one row per account (or per key of it): the repeated
/// sample keeps the first copy's rows only.
const ONCE_PER_ACCOUNT: [&str; 2] = ["profiles", "letter_templates"];

/// Loads the sample `copies` times over, for trying the product at the size
/// of a real account (170 copies is about 10,000 people). The sample is
/// loaded once into a scratch account, exported, repeated with fresh ids per
/// copy, and restored into `account` in one transaction; the scratch account
/// is removed. Refuses an account that already has records.
pub async fn load_copies(
    db: &Db,
    account: &AccountId,
    zone: TimeZone,
    now: DateTime<Utc>,
    copies: usize,
) -> Result<Loaded> {
    if copies <= 1 {
        return load(db, account, zone, now).await;
    }
    if !is_empty(db, account).await? {
        return Err(FieldError::new(
            "demo",
            "the sample loads only into an empty workbench; yours already has people",
        )
        .into());
    }
    let scratch_email = format!("sample-{}@rapport.invalid", crate::ids::new_id());
    let scratch = crate::accounts::create(
        db,
        crate::accounts::Kind::Student,
        &scratch_email,
        None,
        now,
    )
    .await?;
    let once = async {
        let loaded = load(db, &scratch, zone, now).await?;
        let doc = crate::backup::export(db, &scratch, now).await?;
        Ok::<_, StoreError>((loaded, doc))
    }
    .await;
    crate::accounts::delete(db, &scratch).await?;
    let (loaded, doc) = once?;
    crate::backup::restore(db, account, &repeat(&doc, copies)).await?;
    Ok(Loaded {
        fields: loaded.fields * copies,
        organizations: loaded.organizations * copies,
        people: loaded.people * copies,
        interviews: loaded.interviews * copies,
    })
}

/// The backup `doc` with every table's rows `copies` times; each copy after
/// the first has its ids (and the ids inside rule keys) rewritten so that
/// the first 8 hex digits of each UUID are the copy's number.
pub fn repeat(doc: &serde_json::Value, copies: usize) -> serde_json::Value {
    let mut out = doc.clone();
    let Some(tables) = out
        .get_mut("tables")
        .and_then(serde_json::Value::as_object_mut)
    else {
        return out;
    };
    for (name, rows) in tables.iter_mut() {
        if ONCE_PER_ACCOUNT.contains(&name.as_str()) {
            continue;
        }
        let Some(all) = rows.as_array_mut() else {
            continue;
        };
        let first = all.clone();
        for copy in 1..copies {
            all.extend(first.iter().map(|row| renumber(row, copy)));
        }
    }
    out
}

fn renumber(value: &serde_json::Value, copy: usize) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(s) => Value::String(renumber_ids(s, copy)),
        Value::Array(items) => Value::Array(items.iter().map(|v| renumber(v, copy)).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), renumber(v, copy)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn is_uuid(b: &[u8]) -> bool {
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                *c == b'-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

/// Rewrites every UUID inside `text`.
fn renumber_ids(text: &str, copy: usize) -> String {
    let bytes = text.as_bytes();
    if bytes.len() < 36 {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if i + 36 <= bytes.len() && is_uuid(&bytes[i..i + 36]) {
            out.push_str(&format!("{copy:08x}"));
            out.push_str(&text[i + 8..i + 36]);
            i += 36;
        } else {
            let c = text[i..].chars().next().unwrap_or('\u{fffd}');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}
