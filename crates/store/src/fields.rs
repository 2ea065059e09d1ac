//! Fields (occupations) and the sources checked for each.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::ids::{Kind, new_id};
use crate::people::contains_pattern;
use crate::research::Notes;
use crate::{Page, time};
use chrono::{DateTime, Utc};
use rapport_core::fields::{Field, FieldInput, FieldNote, FieldSource, FieldStatus, Fit};

const SELECT: &str = "SELECT id, title, onet_code, status, notes, fit_interests, fit_abilities, \
     fit_values, fit_skills, created_at, updated_at FROM fields";

#[derive(sqlx::FromRow)]
struct FieldRow {
    id: String,
    title: String,
    onet_code: Option<String>,
    status: String,
    notes: String,
    fit_interests: String,
    fit_abilities: String,
    fit_values: String,
    fit_skills: String,
    created_at: String,
    updated_at: String,
}

fn corrupt(e: rapport_core::FieldError) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

async fn load(db: &Db, account: &AccountId, rows: Vec<FieldRow>) -> Result<Vec<Field>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let notes = crate::research::load(db, account, Notes::Field, &ids).await?;
    rows.into_iter()
        .map(|r| {
            let research = notes
                .iter()
                .filter(|(field, _, _)| *field == r.id)
                .map(|(_, source, note)| {
                    Ok(FieldNote {
                        source: FieldSource::parse(source).map_err(corrupt)?,
                        note: note.clone(),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(Field {
                status: FieldStatus::parse(&r.status).map_err(corrupt)?,
                created_at: time::decode(&r.created_at)?,
                updated_at: time::decode(&r.updated_at)?,
                id: r.id,
                title: r.title,
                onet_code: r.onet_code,
                notes: r.notes,
                fit: Fit {
                    interests: r.fit_interests,
                    abilities: r.fit_abilities,
                    values: r.fit_values,
                    skills: r.fit_skills,
                },
                research,
            })
        })
        .collect()
}

/// Lists fields by title, optionally only titles containing `title`.
pub async fn list(
    db: &Db,
    account: &AccountId,
    title: Option<&str>,
    page: Page,
) -> Result<Vec<Field>> {
    let sql = format!(
        "{SELECT} WHERE account_id = $1 AND ($2 IS NULL OR lower(title) LIKE lower($2) ESCAPE '\\') \
         ORDER BY lower(title), id LIMIT $3 OFFSET $4"
    );
    let pattern = title.map(contains_pattern);
    let rows: Vec<FieldRow> = on_pool!(db, pool => {
        sqlx::query_as(&sql)
            .bind(account.as_str())
            .bind(pattern.as_deref())
            .bind(page.limit())
            .bind(page.offset())
            .fetch_all(pool)
            .await?
    });
    load(db, account, rows).await
}

/// A page of the account's fields in the order they were added (ids are
/// time-ordered), after `after` when given: a page costs the same however
/// many came before it.
pub async fn page(
    db: &Db,
    account: &AccountId,
    after: Option<&str>,
    limit: u32,
) -> Result<Vec<Field>> {
    let sql = format!("{SELECT} WHERE account_id = $1 AND id > $2 ORDER BY id LIMIT $3");
    let rows: Vec<FieldRow> = on_pool!(db, pool => {
        sqlx::query_as(&sql)
            .bind(account.as_str())
            .bind(after.unwrap_or(""))
            .bind(i64::from(limit))
            .fetch_all(pool)
            .await?
    });
    load(db, account, rows).await
}

/// One field.
pub async fn show(db: &Db, account: &AccountId, id: &str) -> Result<Field> {
    let sql = format!("{SELECT} WHERE account_id = $1 AND id = $2");
    let row: Option<FieldRow> = on_pool!(db, pool => {
        sqlx::query_as(&sql).bind(account.as_str()).bind(id).fetch_optional(pool).await?
    });
    let row = row.ok_or_else(|| StoreError::NotFound {
        kind: "field",
        id: id.to_owned(),
    })?;
    load(db, account, vec![row])
        .await?
        .pop()
        .ok_or_else(|| StoreError::Corrupt(format!("field {id} vanished while loading")))
}

/// Adds a field.
pub async fn create(
    db: &Db,
    account: &AccountId,
    input: &FieldInput,
    now: DateTime<Utc>,
) -> Result<Field> {
    let id = new_id();
    in_tx!(db, tx => {
        sqlx::query(
            "INSERT INTO fields (id, account_id, title, onet_code, status, notes, fit_interests, \
             fit_abilities, fit_values, fit_skills, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
        )
        .bind(&id)
        .bind(account.as_str())
        .bind(&input.title)
        .bind(input.onet_code.as_deref())
        .bind(input.status.as_str())
        .bind(&input.notes)
        .bind(&input.fit.interests)
        .bind(&input.fit.abilities)
        .bind(&input.fit.values)
        .bind(&input.fit.skills)
        .bind(time::encode(now))
        .execute(&mut *tx)
        .await?;
        write_research!(tx, Notes::Field, account, &id, input.research);
    });
    show(db, account, &id).await
}

/// Replaces a field's values and research notes with `input`.
pub async fn update(
    db: &Db,
    account: &AccountId,
    id: &str,
    input: &FieldInput,
    now: DateTime<Utc>,
) -> Result<Field> {
    in_tx!(db, tx => {
        ensure_owned!(tx, account, Kind::Field, id);
        sqlx::query(
            "UPDATE fields SET title = $3, onet_code = $4, status = $5, notes = $6, fit_interests = $7, \
             fit_abilities = $8, fit_values = $9, fit_skills = $10, updated_at = $11 \
             WHERE account_id = $1 AND id = $2",
        )
        .bind(account.as_str())
        .bind(id)
        .bind(&input.title)
        .bind(input.onet_code.as_deref())
        .bind(input.status.as_str())
        .bind(&input.notes)
        .bind(&input.fit.interests)
        .bind(&input.fit.abilities)
        .bind(&input.fit.values)
        .bind(&input.fit.skills)
        .bind(time::encode(now))
        .execute(&mut *tx)
        .await?;
        write_research!(tx, Notes::Field, account, id, input.research);
    });
    show(db, account, id).await
}

/// Deletes a field; interviews that explored it stay.
pub async fn delete(db: &Db, account: &AccountId, id: &str) -> Result<()> {
    crate::ids::delete(db, account, Kind::Field, id).await
}
