//! `/api/v1/interviews/{id}/reflection`: what you write right after an
//! interview, the handout's four questions and ratings that keep the field
//! apart from the person (`ReflectionForm::validate`). Saving it plans each
//! line of the plan of action as a task, as the page does.

use super::body::{Body, Id};
use super::caller::Caller;
use super::problem::ApiError;
use super::schema::{Invalid, Missing, Reads, Writes};
use axum::Json;
use rapport_core::reflections::{Reflection, ReflectionForm};
use rapport_store::{interviews, reflections};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A reflection, as written and as sent back.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReflectionBody {
    /// What did I learn that attracts me?
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    learned_positive: String,
    /// What did I learn that puts me off?
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    learned_negative: String,
    /// How does it fit my interests, abilities, goals and values?
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    fit_with_self: String,
    /// What do I still need to know?
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    still_to_learn: String,
    /// What plan of action can I make? One action per line; each becomes a task.
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    plan_of_action: String,
    /// How it felt, kept apart from what you learned.
    #[serde(default)]
    #[schema(schema_with = super::schema::long_text)]
    feelings: String,
    /// How well the field fits you, 1 to 5.
    #[serde(default, deserialize_with = "super::schema::whole::optional")]
    #[schema(minimum = 1, maximum = 5)]
    field_fit: Option<u8>,
    /// How likable the person was, 1 to 5: not a rating of the field.
    #[serde(default, deserialize_with = "super::schema::whole::optional")]
    #[schema(minimum = 1, maximum = 5)]
    likability: Option<u8>,
    /// How attractive the setting was, 1 to 5: not a rating of the field.
    #[serde(default, deserialize_with = "super::schema::whole::optional")]
    #[schema(minimum = 1, maximum = 5)]
    setting: Option<u8>,
}

impl From<Reflection> for ReflectionBody {
    fn from(r: Reflection) -> Self {
        ReflectionBody {
            learned_positive: r.learned_positive,
            learned_negative: r.learned_negative,
            fit_with_self: r.fit_with_self,
            still_to_learn: r.still_to_learn,
            plan_of_action: r.plan_of_action,
            feelings: r.feelings,
            field_fit: r.field_fit.map(|v| v.value()),
            likability: r.likability.map(|v| v.value()),
            setting: r.setting.map(|v| v.value()),
        }
    }
}

impl ReflectionBody {
    fn form(self) -> ReflectionForm {
        let rating = |v: Option<u8>| v.map(|n| n.to_string()).unwrap_or_default();
        ReflectionForm {
            learned_positive: self.learned_positive,
            learned_negative: self.learned_negative,
            fit_with_self: self.fit_with_self,
            still_to_learn: self.still_to_learn,
            plan_of_action: self.plan_of_action,
            feelings: self.feelings,
            field_fit: rating(self.field_fit),
            likability: rating(self.likability),
            setting: rating(self.setting),
        }
    }
}

/// The reflection on an interview (all blank while none is written).
#[utoipa::path(
    get, path = "/interviews/{id}/reflection", tag = "reflections",
    params(("id" = String, Path, description = "The interview's id")),
    responses(
        (status = 200, description = "The reflection", body = ReflectionBody),
        Reads, Missing,
    )
)]
pub(crate) async fn show(caller: Caller, Id(id): Id) -> Result<Json<ReflectionBody>, ApiError> {
    match reflections::show(&caller.db, &caller.account, &id).await? {
        Some(r) => Ok(Json(r.into())),
        None => {
            // Blank for an interview of yours; 404 for any other id.
            interviews::show(&caller.db, &caller.account, &id).await?;
            Ok(Json(ReflectionBody::default()))
        }
    }
}

/// Writes the reflection on an interview; the values sent replace it, and
/// each new line of the plan of action becomes a task.
#[utoipa::path(
    put, path = "/interviews/{id}/reflection", tag = "reflections",
    params(("id" = String, Path, description = "The interview's id")),
    request_body = ReflectionBody,
    responses(
        (status = 200, description = "The reflection as saved", body = ReflectionBody),
        Writes, Missing, Invalid,
    )
)]
pub(crate) async fn save(
    caller: Caller,
    Id(id): Id,
    Body(input): Body<ReflectionBody>,
) -> Result<Json<ReflectionBody>, ApiError> {
    let checked = input.form().validate()?;
    reflections::save(&caller.db, &caller.account, &id, &checked, caller.now()).await?;
    Ok(Json(checked.into()))
}
