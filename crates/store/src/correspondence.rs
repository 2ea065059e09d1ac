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

/// Logs a contact (and keeps the copy of a letter). A contact logged without
/// a named interview is filed with the person's interview it is for and
/// moves it as [`rapport_core::correspondence::contact_moves`] says: a
/// thank-you sent thanks it, an introduction makes an idea a request, "they
/// agreed to meet" reopens a declined or unanswered one.
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
        // A letter sent belongs to the interview it is for, and moves it
        // (a thank-you thanks it), in the same transaction as the copy.
        let mut interview_id = input.interview_id.clone();
        let (from, to) = rapport_core::correspondence::contact_moves(input);
        if interview_id.is_none() && !from.is_empty() {
            let statuses: Vec<String> = (3..3 + from.len()).map(|n| format!("${n}")).collect();
            let sql = format!(
                "SELECT id, status, starts_at, coalesce(starts_at, status_changed_at, created_at) FROM interviews \
                 WHERE account_id = $1 AND person_id = $2 AND status IN ({}) ORDER BY id LIMIT 50",
                statuses.join(", ")
            );
            let mut query = sqlx::query_as::<_, (String, String, Option<String>, String)>(&sql)
                .bind(account.as_str())
                .bind(&input.person_id);
            for status in from {
                query = query.bind(status.as_str());
            }
            let rows = query.fetch_all(&mut *tx).await?;
            let mut candidates = Vec::with_capacity(rows.len());
            for (_, status, _, when) in &rows {
                let status = rapport_core::pipeline::Status::parse(status)
                    .ok_or_else(|| crate::interviews::corrupt(&format!("status \"{status}\"")))?;
                candidates.push((status, time::decode(when)?));
            }
            let picked = rapport_core::correspondence::pick_interview(&candidates, from, input.occurred_at);
            if let Some(k) = picked {
                let (found, _, starts_at, _) = &rows[k];
                let found = found.clone();
                let current = candidates[k].0;
                if let Some(to) = to
                    && current != to
                    && rapport_core::pipeline::check_move(current, to, starts_at.is_some()).is_ok()
                {
                    move_interview!(tx, account, &found, to, &time::encode(input.occurred_at));
                }
                interview_id = Some(found);
            }
        }
        sqlx::query(
            "INSERT INTO correspondence (id, account_id, person_id, interview_id, channel, direction, kind, \
             outcome, occurred_at, subject, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(&id)
        .bind(account.as_str())
        .bind(&input.person_id)
        .bind(interview_id.as_deref())
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

/// A page of contacts, the most recently recorded first, before the
/// contact `before` when given; only with one person when `person_id` is
/// given. A page costs the same however many came before it.
pub async fn page(
    db: &Db,
    account: &AccountId,
    person_id: Option<&str>,
    before: Option<&str>,
    limit: u32,
) -> Result<Vec<Contact>> {
    // Only what is given becomes a condition (numbered after the account
    // and the limit), so each page is one range on an index.
    let mut conditions = String::new();
    let mut n = 2;
    if before.is_some() {
        n += 1;
        conditions.push_str(&format!(" AND c.id < ${n}"));
    }
    if person_id.is_some() {
        n += 1;
        conditions.push_str(&format!(" AND c.person_id = ${n}"));
    }
    let sql = format!("{SELECT} WHERE c.account_id = $1{conditions} ORDER BY c.id DESC LIMIT $2");
    let rows: Vec<ContactRow> = on_pool!(db, pool => {
        let q = sqlx::query_as(&sql)
            .bind(account.as_str())
            .bind(i64::from(limit));
        let q = match before {
            Some(b) => q.bind(b),
            None => q,
        };
        let q = match person_id {
            Some(p) => q.bind(p),
            None => q,
        };
        q.fetch_all(pool).await?
    });
    rows.into_iter().map(ContactRow::into_contact).collect()
}

/// Contacts, newest first; only with one person when `person_id` is given.
pub async fn list(
    db: &Db,
    account: &AccountId,
    person_id: Option<&str>,
    page: Page,
) -> Result<Vec<Contact>> {
    // Only a given person becomes a condition, so one person's contacts are
    // read by their index.
    let person = if person_id.is_some() {
        " AND c.person_id = $4"
    } else {
        ""
    };
    let sql = format!(
        "{SELECT} WHERE c.account_id = $1{person} \
         ORDER BY c.occurred_at DESC, c.id LIMIT $2 OFFSET $3"
    );
    let rows: Vec<ContactRow> = on_pool!(db, pool => {
        let q = sqlx::query_as(&sql)
            .bind(account.as_str())
            .bind(page.limit())
            .bind(page.offset());
        let q = match person_id {
            Some(p) => q.bind(p),
            None => q,
        };
        q.fetch_all(pool).await?
    });
    rows.into_iter().map(ContactRow::into_contact).collect()
}
