//! Organizations and their research notes.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::ids::{Kind, new_id};
use crate::people::contains_pattern;
use crate::research::Notes;
use crate::{Page, time};
use chrono::{DateTime, Utc};
use rapport_core::organizations::{Organization, OrganizationInput, ResearchNote, ResearchSource};

const SELECT: &str = "SELECT id, name, website, products, entry_level_jobs, hiring_procedure, \
     org_values, outlook, notes, created_at, updated_at FROM organizations";

#[derive(sqlx::FromRow)]
struct OrganizationRow {
    id: String,
    name: String,
    website: Option<String>,
    products: String,
    entry_level_jobs: String,
    hiring_procedure: String,
    org_values: String,
    outlook: String,
    notes: String,
    created_at: String,
    updated_at: String,
}

async fn load(
    db: &Db,
    account: &AccountId,
    rows: Vec<OrganizationRow>,
) -> Result<Vec<Organization>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let notes = crate::research::load(db, account, Notes::Organization, &ids).await?;
    rows.into_iter()
        .map(|r| {
            let research = notes
                .iter()
                .filter(|(org, _, _)| *org == r.id)
                .map(|(_, source, note)| {
                    Ok(ResearchNote {
                        source: ResearchSource::parse(source)
                            .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                        note: note.clone(),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(Organization {
                created_at: time::decode(&r.created_at)?,
                updated_at: time::decode(&r.updated_at)?,
                id: r.id,
                name: r.name,
                website: r.website,
                products: r.products,
                entry_level_jobs: r.entry_level_jobs,
                hiring_procedure: r.hiring_procedure,
                values: r.org_values,
                outlook: r.outlook,
                notes: r.notes,
                research,
            })
        })
        .collect()
}

/// Lists organizations by name, optionally only names containing `name`.
pub async fn list(
    db: &Db,
    account: &AccountId,
    name: Option<&str>,
    page: Page,
) -> Result<Vec<Organization>> {
    let sql = format!(
        "{SELECT} WHERE account_id = $1 AND ($2 IS NULL OR lower(name) LIKE lower($2) ESCAPE '\\') \
         ORDER BY lower(name), id LIMIT $3 OFFSET $4"
    );
    let pattern = name.map(contains_pattern);
    let rows: Vec<OrganizationRow> = on_pool!(db, pool => {
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

/// A page of the account's organizations in the order they were added (ids
/// are time-ordered), after `after` when given: a page costs the same
/// however many came before it.
pub async fn page(
    db: &Db,
    account: &AccountId,
    after: Option<&str>,
    limit: u32,
) -> Result<Vec<Organization>> {
    let sql = format!("{SELECT} WHERE account_id = $1 AND id > $2 ORDER BY id LIMIT $3");
    let rows: Vec<OrganizationRow> = on_pool!(db, pool => {
        sqlx::query_as(&sql)
            .bind(account.as_str())
            .bind(after.unwrap_or(""))
            .bind(i64::from(limit))
            .fetch_all(pool)
            .await?
    });
    load(db, account, rows).await
}

/// One organization.
pub async fn show(db: &Db, account: &AccountId, id: &str) -> Result<Organization> {
    let sql = format!("{SELECT} WHERE account_id = $1 AND id = $2");
    let row: Option<OrganizationRow> = on_pool!(db, pool => {
        sqlx::query_as(&sql).bind(account.as_str()).bind(id).fetch_optional(pool).await?
    });
    let row = row.ok_or_else(|| StoreError::NotFound {
        kind: "organization",
        id: id.to_owned(),
    })?;
    load(db, account, vec![row])
        .await?
        .pop()
        .ok_or_else(|| StoreError::Corrupt(format!("organization {id} vanished while loading")))
}

/// Finds the organization named exactly `name` (any case).
pub(crate) const BY_NAME: &str = "SELECT id FROM organizations WHERE account_id = $1 \
     AND lower(name) = lower($2) ORDER BY id LIMIT 1";

/// The id of the organization named exactly `name` (any case), if there is one.
pub async fn find_by_name(db: &Db, account: &AccountId, name: &str) -> Result<Option<String>> {
    let found: Option<String> = on_pool!(db, pool => {
        sqlx::query_scalar(BY_NAME)
        .bind(account.as_str())
        .bind(name.trim())
        .fetch_optional(pool)
        .await?
    });
    Ok(found)
}

/// Adds an organization.
pub async fn create(
    db: &Db,
    account: &AccountId,
    input: &OrganizationInput,
    now: DateTime<Utc>,
) -> Result<Organization> {
    let id = new_id();
    in_tx!(db, tx => {
        insert_organization!(tx, account, &id, input, time::encode(now));
    });
    show(db, account, &id).await
}

/// Replaces an organization's values and research notes with `input`.
pub async fn update(
    db: &Db,
    account: &AccountId,
    id: &str,
    input: &OrganizationInput,
    now: DateTime<Utc>,
) -> Result<Organization> {
    in_tx!(db, tx => {
        ensure_owned!(tx, account, Kind::Organization, id);
        sqlx::query(
            "UPDATE organizations SET name = $3, website = $4, products = $5, entry_level_jobs = $6, \
             hiring_procedure = $7, org_values = $8, outlook = $9, notes = $10, updated_at = $11 \
             WHERE account_id = $1 AND id = $2",
        )
        .bind(account.as_str())
        .bind(id)
        .bind(&input.name)
        .bind(input.website.as_ref().map(|w| w.as_str()))
        .bind(&input.products)
        .bind(&input.entry_level_jobs)
        .bind(&input.hiring_procedure)
        .bind(&input.values)
        .bind(&input.outlook)
        .bind(&input.notes)
        .bind(time::encode(now))
        .execute(&mut *tx)
        .await?;
        write_research!(tx, Notes::Organization, account, id, input.research);
    });
    show(db, account, id).await
}

/// Deletes an organization; its people and interviews stay, without it.
pub async fn delete(db: &Db, account: &AccountId, id: &str) -> Result<()> {
    crate::ids::delete(db, account, Kind::Organization, id).await
}
