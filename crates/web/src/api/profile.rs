//! `/api/v1/profile`: what you bring to each conversation (your
//! self-assessment, answers to the questions they may ask you, the
//! signature under letters) and the zone times are shown in, checked as the
//! profile page checks them (`Profile::validate`).

use super::body::Body;
use super::caller::Caller;
use super::checks::together;
use super::problem::ApiError;
use super::schema::{Invalid, Reads, Writes};
use axum::Json;
use rapport_core::profile::{Profile, QUESTIONS_FOR_YOU};
use rapport_core::validated::TimeZone;
use rapport_store::profiles;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A question they may ask you, with your short answer.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Prepared {
    question: &'static str,
    answer: String,
}

/// Your profile.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ProfileOut {
    interests: String,
    abilities: String,
    values: String,
    skills: String,
    goals: String,
    /// The handout's five questions that might be asked of you.
    answers: Vec<Prepared>,
    signature_name: String,
    signature_address: String,
    signature_phone: String,
    signature_email: String,
    /// The zone times are shown in (null: the machine's).
    time_zone: Option<String>,
}

impl From<Profile> for ProfileOut {
    fn from(p: Profile) -> Self {
        ProfileOut {
            answers: QUESTIONS_FOR_YOU
                .iter()
                .zip(p.answers)
                .map(|(question, answer)| Prepared { question, answer })
                .collect(),
            interests: p.interests,
            abilities: p.abilities,
            values: p.values,
            skills: p.skills,
            goals: p.goals,
            signature_name: p.signature_name,
            signature_address: p.signature_address,
            signature_phone: p.signature_phone,
            signature_email: p.signature_email,
            time_zone: p.time_zone.map(|z| z.name().to_owned()),
        }
    }
}

/// Your profile as sent: what is left out is empty.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProfileIn {
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    interests: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    abilities: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    values: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    skills: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    goals: String,
    /// Your answers to the five questions, in the order `GET /profile` lists them.
    #[serde(default)]
    #[schema(schema_with = super::schema::answers)]
    answers: Vec<String>,
    #[serde(default)]
    #[schema(schema_with = super::schema::line_or_empty)]
    signature_name: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    signature_address: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::phone_or_blank)]
    signature_phone: String,
    #[serde(default)]
    #[schema(schema_with = super::schema::email_or_blank)]
    signature_email: String,
    /// IANA zone (empty: the machine's).
    #[serde(default)]
    #[schema(schema_with = super::schema::zone_or_empty)]
    time_zone: String,
}

/// Your profile.
#[utoipa::path(
    get, path = "/profile", tag = "profile",
    responses(
        (status = 200, description = "Your profile", body = ProfileOut),
        Reads,
    )
)]
pub(crate) async fn show(caller: Caller) -> Result<Json<ProfileOut>, ApiError> {
    Ok(Json(
        profiles::show(&caller.db, &caller.account).await?.into(),
    ))
}

/// Replaces your profile with the values sent.
#[utoipa::path(
    put, path = "/profile", tag = "profile",
    request_body = ProfileIn,
    responses(
        (status = 200, description = "Your profile as saved", body = ProfileOut),
        Writes, Invalid,
    )
)]
pub(crate) async fn save(
    caller: Caller,
    Body(input): Body<ProfileIn>,
) -> Result<Json<ProfileOut>, ApiError> {
    // As the page does: an unknown zone is named beside the form's errors.
    let mut errors = rapport_core::FieldErrors::new();
    let time_zone = if input.time_zone.trim().is_empty() {
        None
    } else {
        errors.check(TimeZone::parse(&input.time_zone))
    };
    // More answers than questions is the body's shape, refused first, as a
    // body that is not JSON is.
    if input.answers.len() > QUESTIONS_FOR_YOU.len() {
        return Err(rapport_core::FieldError::new(
            "answers",
            format!(
                "there are {} questions; send at most that many answers",
                QUESTIONS_FOR_YOU.len()
            ),
        )
        .into());
    }
    let mut answers: [String; 5] = Default::default();
    for (slot, answer) in answers.iter_mut().zip(input.answers) {
        *slot = answer;
    }
    let profile = Profile {
        interests: input.interests,
        abilities: input.abilities,
        values: input.values,
        skills: input.skills,
        goals: input.goals,
        answers,
        signature_name: input.signature_name,
        signature_address: input.signature_address,
        signature_phone: input.signature_phone,
        signature_email: input.signature_email,
        time_zone,
    };
    let checked = together(errors, profile.validate())?;
    profiles::save(&caller.db, &caller.account, &checked, caller.now()).await?;
    Ok(Json(checked.into()))
}
