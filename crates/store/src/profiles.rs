//! The self profile: one row per account.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::time;
use chrono::{DateTime, Utc};
use rapport_core::profile::Profile;
use rapport_core::validated::TimeZone;

#[derive(sqlx::FromRow)]
struct ProfileRow {
    interests: String,
    abilities: String,
    self_values: String,
    skills: String,
    goals: String,
    answer_why_this_work: String,
    answer_why_good_at_it: String,
    answer_this_employer: String,
    answer_work_history: String,
    answer_want_from_contact: String,
    signature_name: String,
    signature_address: String,
    signature_phone: String,
    signature_email: String,
    time_zone: Option<String>,
}

/// The account's profile; empty until first saved.
pub async fn show(db: &Db, account: &AccountId) -> Result<Profile> {
    let row: Option<ProfileRow> = on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT interests, abilities, self_values, skills, goals, answer_why_this_work, \
             answer_why_good_at_it, answer_this_employer, answer_work_history, answer_want_from_contact, \
             signature_name, signature_address, signature_phone, signature_email, time_zone \
             FROM profiles WHERE account_id = $1",
        )
        .bind(account.as_str())
        .fetch_optional(pool)
        .await?
    });
    let Some(r) = row else {
        return Ok(Profile::default());
    };
    let time_zone = match r.time_zone.as_deref() {
        Some(name) => Some(TimeZone::parse(name).map_err(|e| StoreError::Corrupt(e.to_string()))?),
        None => None,
    };
    Ok(Profile {
        interests: r.interests,
        abilities: r.abilities,
        values: r.self_values,
        skills: r.skills,
        goals: r.goals,
        answers: [
            r.answer_why_this_work,
            r.answer_why_good_at_it,
            r.answer_this_employer,
            r.answer_work_history,
            r.answer_want_from_contact,
        ],
        signature_name: r.signature_name,
        signature_address: r.signature_address,
        signature_phone: r.signature_phone,
        signature_email: r.signature_email,
        time_zone,
    })
}

/// The zone the student chose for every page, if they chose one (one
/// indexed read; every page asks).
pub async fn zone(db: &Db, account: &AccountId) -> Result<Option<TimeZone>> {
    let name: Option<Option<String>> = on_pool!(db, pool => {
        sqlx::query_scalar("SELECT time_zone FROM profiles WHERE account_id = $1")
            .bind(account.as_str())
            .fetch_optional(pool)
            .await?
    });
    // A zone this build does not know (written by a newer one) falls back
    // to the machine's rather than failing every page.
    Ok(name.flatten().and_then(|n| TimeZone::parse(&n).ok()))
}

/// Saves the profile (already validated).
pub async fn save(db: &Db, account: &AccountId, p: &Profile, now: DateTime<Utc>) -> Result<()> {
    in_tx!(db, tx => {
        sqlx::query(
            "INSERT INTO profiles (account_id, interests, abilities, self_values, skills, goals, \
             answer_why_this_work, answer_why_good_at_it, answer_this_employer, answer_work_history, \
             answer_want_from_contact, signature_name, signature_address, signature_phone, signature_email, updated_at, time_zone) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
             ON CONFLICT (account_id) DO UPDATE SET interests = excluded.interests, abilities = excluded.abilities, \
             self_values = excluded.self_values, skills = excluded.skills, goals = excluded.goals, \
             answer_why_this_work = excluded.answer_why_this_work, answer_why_good_at_it = excluded.answer_why_good_at_it, \
             answer_this_employer = excluded.answer_this_employer, answer_work_history = excluded.answer_work_history, \
             answer_want_from_contact = excluded.answer_want_from_contact, signature_name = excluded.signature_name, \
             signature_address = excluded.signature_address, signature_phone = excluded.signature_phone, \
             signature_email = excluded.signature_email, updated_at = excluded.updated_at, \
             time_zone = excluded.time_zone",
        )
        .bind(account.as_str())
        .bind(&p.interests)
        .bind(&p.abilities)
        .bind(&p.values)
        .bind(&p.skills)
        .bind(&p.goals)
        .bind(&p.answers[0])
        .bind(&p.answers[1])
        .bind(&p.answers[2])
        .bind(&p.answers[3])
        .bind(&p.answers[4])
        .bind(&p.signature_name)
        .bind(&p.signature_address)
        .bind(&p.signature_phone)
        .bind(&p.signature_email)
        .bind(time::encode(now))
        .bind(p.time_zone.map(|z| z.name().to_owned()))
        .execute(&mut *tx)
        .await?;
    });
    Ok(())
}
