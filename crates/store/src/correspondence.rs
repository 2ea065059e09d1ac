//! Correspondence: the log of every contact, with copies of letters.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::ids::{Kind, new_id};
use crate::{Page, time};
use chrono::DateTime;
use chrono::Utc;
use rapport_core::correspondence::{Channel, Contact, ContactInput, Direction, Outcome, Purpose};
use rapport_core::people::Ref;

#[derive(sqlx::FromRow)]
pub(crate) struct ContactRow {
    id: String,
    person_id: String,
    person_name: String,
    interview_id: Option<String>,
    channel: String,
    direction: String,
    kind: String,
    outcome: String,
    occurred_at: String,
    subject: String,
    body: String,
}

fn corrupt(e: rapport_core::FieldError) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

impl ContactRow {
    pub(crate) fn into_contact(self) -> Result<Contact> {
        Ok(Contact {
            channel: Channel::parse(&self.channel).map_err(corrupt)?,
            direction: Direction::parse(&self.direction).map_err(corrupt)?,
            purpose: Purpose::parse(&self.kind).map_err(corrupt)?,
            outcome: Outcome::parse(&self.outcome).map_err(corrupt)?,
            occurred_at: time::decode(&self.occurred_at)?,
            person: Ref {
                id: self.person_id,
                name: self.person_name,
            },
            id: self.id,
            interview_id: self.interview_id,
            subject: self.subject,
            body: self.body,
        })
    }
}

pub(crate) const SELECT: &str = "SELECT c.id, c.person_id, p.name AS person_name, c.interview_id, c.channel, \
     c.direction, c.kind, c.outcome, c.occurred_at, c.subject, c.body \
     FROM correspondence c JOIN people p ON p.id = c.person_id";

/// Logs a contact (and keeps the copy of a letter).
pub async fn create(
    db: &Db,
    account: &AccountId,
    input: &ContactInput,
    now: DateTime<Utc>,
) -> Result<Contact> {
    let id = new_id();
    in_tx!(db, tx => {
        ensure_owned!(tx, account, Kind::Person, &input.person_id);
        if let Some(i) = &input.interview_id {
            ensure_owned!(tx, account, Kind::Interview, i);
        }
        sqlx::query(
            "INSERT INTO correspondence (id, account_id, person_id, interview_id, channel, direction, kind, \
             outcome, occurred_at, subject, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(&id)
        .bind(account.as_str())
        .bind(&input.person_id)
        .bind(input.interview_id.as_deref())
        .bind(input.channel.as_str())
        .bind(input.direction.as_str())
        .bind(input.purpose.as_str())
        .bind(input.outcome.as_str())
        .bind(time::encode(input.occurred_at))
        .bind(&input.subject)
        .bind(&input.body)
        .bind(time::encode(now))
        .execute(&mut *tx)
        .await?;
    });
    show(db, account, &id).await
}

/// One contact.
pub async fn show(db: &Db, account: &AccountId, id: &str) -> Result<Contact> {
    let sql = format!("{SELECT} WHERE c.account_id = $1 AND c.id = $2");
    let row: Option<ContactRow> = on_pool!(db, pool => {
        sqlx::query_as(&sql).bind(account.as_str()).bind(id).fetch_optional(pool).await?
    });
    row.ok_or_else(|| StoreError::NotFound {
        kind: "contact",
        id: id.to_owned(),
    })?
    .into_contact()
}

/// Contacts, newest first; only with one person when `person_id` is given.
pub async fn list(
    db: &Db,
    account: &AccountId,
    person_id: Option<&str>,
    page: Page,
) -> Result<Vec<Contact>> {
    let sql = format!(
        "{SELECT} WHERE c.account_id = $1 AND ($2 IS NULL OR c.person_id = $2) \
         ORDER BY c.occurred_at DESC, c.id LIMIT $3 OFFSET $4"
    );
    let rows: Vec<ContactRow> = on_pool!(db, pool => {
        sqlx::query_as(&sql)
            .bind(account.as_str())
            .bind(person_id)
            .bind(page.limit())
            .bind(page.offset())
            .fetch_all(pool)
            .await?
    });
    rows.into_iter().map(ContactRow::into_contact).collect()
}
