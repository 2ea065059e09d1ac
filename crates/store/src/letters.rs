//! Letter templates: the built-in ones (editable copies kept per account)
//! and your own.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::ids::new_id;
use crate::time;
use chrono::{DateTime, Utc};
use rapport_core::correspondence::{Channel, Purpose};
use rapport_core::letters::{BUILTINS, TemplateInput, builtin};
use serde::Serialize;

/// A template as the user sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterTemplate {
    /// Stable key: a built-in's key, or `own-…`.
    pub key: String,
    /// Name.
    pub name: String,
    /// What it is for.
    pub purpose: Purpose,
    /// How it is used.
    pub channel: Channel,
    /// Subject.
    pub subject: String,
    /// Text.
    pub body: String,
    /// One of the method's five.
    pub builtin: bool,
    /// A built-in you changed.
    pub edited: bool,
}

#[derive(sqlx::FromRow)]
struct TemplateRow {
    key: String,
    name: String,
    purpose: String,
    channel: String,
    subject: String,
    body: String,
}

impl TemplateRow {
    fn into_template(self) -> Result<LetterTemplate> {
        let corrupt = |e: rapport_core::FieldError| StoreError::Corrupt(e.to_string());
        let builtin = builtin(&self.key).is_some();
        Ok(LetterTemplate {
            purpose: Purpose::parse(&self.purpose).map_err(corrupt)?,
            channel: Channel::parse(&self.channel).map_err(corrupt)?,
            key: self.key,
            name: self.name,
            subject: self.subject,
            body: self.body,
            builtin,
            edited: builtin,
        })
    }
}

async fn own(db: &Db, account: &AccountId) -> Result<Vec<LetterTemplate>> {
    let rows: Vec<TemplateRow> = on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT key, name, purpose, channel, subject, body FROM letter_templates \
             WHERE account_id = $1 ORDER BY created_at, key LIMIT 200",
        )
        .bind(account.as_str())
        .fetch_all(pool)
        .await?
    });
    rows.into_iter().map(TemplateRow::into_template).collect()
}

/// The built-in templates (your edited copy where you made one), then yours.
pub async fn list(db: &Db, account: &AccountId) -> Result<Vec<LetterTemplate>> {
    let mine = own(db, account).await?;
    let mut out: Vec<LetterTemplate> = BUILTINS
        .iter()
        .map(|b| {
            mine.iter()
                .find(|t| t.key == b.key)
                .cloned()
                .unwrap_or_else(|| LetterTemplate {
                    key: b.key.to_owned(),
                    name: b.name.to_owned(),
                    purpose: b.purpose,
                    channel: b.channel,
                    subject: b.subject.to_owned(),
                    body: b.body.to_owned(),
                    builtin: true,
                    edited: false,
                })
        })
        .collect();
    out.extend(mine.into_iter().filter(|t| !t.builtin));
    Ok(out)
}

/// One template by key.
pub async fn show(db: &Db, account: &AccountId, key: &str) -> Result<LetterTemplate> {
    list(db, account)
        .await?
        .into_iter()
        .find(|t| t.key == key)
        .ok_or_else(|| StoreError::NotFound {
            kind: "template",
            id: key.to_owned(),
        })
}

/// Saves a template: under `key` (an edit of a built-in or of yours), or as
/// a new one of yours when `key` is `None`. Returns its key.
pub async fn save(
    db: &Db,
    account: &AccountId,
    key: Option<&str>,
    t: &TemplateInput,
    now: DateTime<Utc>,
) -> Result<String> {
    let key = match key {
        Some(k) => {
            show(db, account, k).await?;
            k.to_owned()
        }
        None => format!("own-{}", new_id()),
    };
    let at = time::encode(now);
    in_tx!(db, tx => {
        sqlx::query(
            "INSERT INTO letter_templates (id, account_id, key, name, purpose, channel, subject, body, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
             ON CONFLICT (account_id, key) DO UPDATE SET name = excluded.name, purpose = excluded.purpose, \
             channel = excluded.channel, subject = excluded.subject, body = excluded.body, updated_at = excluded.updated_at",
        )
        .bind(new_id())
        .bind(account.as_str())
        .bind(&key)
        .bind(&t.name)
        .bind(t.purpose.as_str())
        .bind(t.channel.as_str())
        .bind(&t.subject)
        .bind(&t.body)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
    });
    Ok(key)
}

/// Deletes your template, or your edits of a built-in one (restoring it).
pub async fn reset(db: &Db, account: &AccountId, key: &str) -> Result<()> {
    let deleted = in_tx!(db, tx => {
        sqlx::query("DELETE FROM letter_templates WHERE account_id = $1 AND key = $2")
            .bind(account.as_str())
            .bind(key)
            .execute(&mut *tx)
            .await?
            .rows_affected()
    });
    // A built-in letter without changes is already as it came; any other
    // key is not one of this account's letters.
    if deleted == 0 && rapport_core::letters::builtin(key).is_none() {
        return Err(StoreError::NotFound {
            kind: "letter",
            id: key.to_owned(),
        });
    }
    Ok(())
}
