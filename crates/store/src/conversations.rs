//! Casual conversations.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::ids::{Kind, new_id};
use crate::{Page, time};
use chrono::{DateTime, Utc};
use rapport_core::conversations::{Conversation, ConversationInput};
use rapport_core::people::Ref;

#[derive(sqlx::FromRow)]
struct ConversationRow {
    id: String,
    who: String,
    place: String,
    learned: String,
    occurred_on: String,
    person_id: Option<String>,
    person_name: Option<String>,
    created_at: String,
}

impl ConversationRow {
    fn into_conversation(self) -> Result<Conversation> {
        Ok(Conversation {
            occurred_on: time::decode_date(Some(&self.occurred_on))?
                .ok_or_else(|| StoreError::Corrupt("conversation without a date".into()))?,
            created_at: time::decode(&self.created_at)?,
            person: self.person_id.map(|id| Ref {
                id,
                name: self.person_name.unwrap_or_default(),
            }),
            id: self.id,
            who: self.who,
            place: self.place,
            learned: self.learned,
        })
    }
}

const SELECT: &str = "SELECT c.id, c.who, c.place, c.learned, c.occurred_on, c.person_id, \
     p.name AS person_name, c.created_at FROM casual_conversations c \
     LEFT JOIN people p ON p.id = c.person_id";

/// Logs a conversation.
pub async fn create(
    db: &Db,
    account: &AccountId,
    input: &ConversationInput,
    now: DateTime<Utc>,
) -> Result<Conversation> {
    let id = new_id();
    in_tx!(db, tx => {
        sqlx::query(
            "INSERT INTO casual_conversations (id, account_id, occurred_on, who, place, learned, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(account.as_str())
        .bind(input.occurred_on.to_string())
        .bind(&input.who)
        .bind(&input.place)
        .bind(&input.learned)
        .bind(time::encode(now))
        .execute(&mut *tx)
        .await?;
    });
    show(db, account, &id).await
}

/// One conversation.
pub async fn show(db: &Db, account: &AccountId, id: &str) -> Result<Conversation> {
    let sql = format!("{SELECT} WHERE c.account_id = $1 AND c.id = $2");
    let row: Option<ConversationRow> = on_pool!(db, pool => {
        sqlx::query_as(&sql).bind(account.as_str()).bind(id).fetch_optional(pool).await?
    });
    row.ok_or_else(|| StoreError::NotFound {
        kind: "conversation",
        id: id.to_owned(),
    })?
    .into_conversation()
}

/// A page of conversations, the most recently logged first, before the one
/// `before` when given: a page costs the same however many came before it.
pub async fn page(
    db: &Db,
    account: &AccountId,
    before: Option<&str>,
    limit: u32,
) -> Result<Vec<Conversation>> {
    // The first page has no bound at all: a condition that is sometimes
    // true by itself would keep the planner from one range on the index.
    let bound = if before.is_some() {
        " AND c.id < $3"
    } else {
        ""
    };
    let sql = format!("{SELECT} WHERE c.account_id = $1{bound} ORDER BY c.id DESC LIMIT $2");
    let rows: Vec<ConversationRow> = on_pool!(db, pool => {
        let q = sqlx::query_as(&sql)
            .bind(account.as_str())
            .bind(i64::from(limit));
        let q = match before {
            Some(b) => q.bind(b),
            None => q,
        };
        q.fetch_all(pool).await?
    });
    rows.into_iter()
        .map(ConversationRow::into_conversation)
        .collect()
}

/// Conversations, newest first.
pub async fn list(db: &Db, account: &AccountId, page: Page) -> Result<Vec<Conversation>> {
    let sql = format!(
        "{SELECT} WHERE c.account_id = $1 ORDER BY c.occurred_on DESC, c.created_at DESC, c.id LIMIT $2 OFFSET $3"
    );
    let rows: Vec<ConversationRow> = on_pool!(db, pool => {
        sqlx::query_as(&sql)
            .bind(account.as_str())
            .bind(page.limit())
            .bind(page.offset())
            .fetch_all(pool)
            .await?
    });
    rows.into_iter()
        .map(ConversationRow::into_conversation)
        .collect()
}

/// Records that the conversation grew into a person record.
pub async fn link_person(
    db: &Db,
    account: &AccountId,
    id: &str,
    person_id: &str,
) -> Result<Conversation> {
    let changed = in_tx!(db, tx => {
        ensure_owned!(tx, account, Kind::Person, person_id);
        sqlx::query("UPDATE casual_conversations SET person_id = $3 WHERE account_id = $1 AND id = $2")
            .bind(account.as_str())
            .bind(id)
            .bind(person_id)
            .execute(&mut *tx)
            .await?
            .rows_affected()
    });
    if changed == 0 {
        return Err(StoreError::NotFound {
            kind: "conversation",
            id: id.to_owned(),
        });
    }
    show(db, account, id).await
}

/// Deletes a conversation.
pub async fn delete(db: &Db, account: &AccountId, id: &str) -> Result<()> {
    crate::ids::delete(db, account, Kind::Conversation, id).await
}
