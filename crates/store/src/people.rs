//! People, with their emails, phones, links and tags.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::ids::{Kind, new_id, placeholders};
use crate::{Page, time};
use chrono::{DateTime, Utc};
use rapport_core::FieldError;
use rapport_core::organizations::OrganizationInput;
use rapport_core::people::{Person, PersonInput, Ref, Source};

const SELECT: &str = "SELECT p.id, p.name, p.organization_id, o.name AS organization_name, p.title, \
     p.notes, p.source, p.hiring_authority, p.referred_by_id, r.name AS referred_by_name, \
     p.may_name_referrer, p.business_card, p.stay_in_touch, p.cadence_days, p.connected_on, \
     p.created_at, p.updated_at \
     FROM people p \
     LEFT JOIN organizations o ON o.id = p.organization_id \
     LEFT JOIN people r ON r.id = p.referred_by_id";

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: String,
    name: String,
    organization_id: Option<String>,
    organization_name: Option<String>,
    title: Option<String>,
    notes: String,
    source: String,
    hiring_authority: bool,
    referred_by_id: Option<String>,
    referred_by_name: Option<String>,
    may_name_referrer: bool,
    business_card: bool,
    stay_in_touch: bool,
    cadence_days: Option<i64>,
    connected_on: Option<String>,
    created_at: String,
    updated_at: String,
}

fn reference(id: Option<String>, name: Option<String>) -> Option<Ref> {
    id.map(|id| Ref {
        id,
        name: name.unwrap_or_default(),
    })
}

impl PersonRow {
    fn into_person(self, children: &[(String, String, String)]) -> Result<Person> {
        let of = |kind: &str| -> Vec<String> {
            children
                .iter()
                .filter(|(pid, k, _)| *pid == self.id && k == kind)
                .map(|(_, _, v)| v.clone())
                .collect()
        };
        let (emails, phones, links, tags) = (of("email"), of("phone"), of("link"), of("tag"));
        Ok(Person {
            source: Source::parse(&self.source).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            cadence_days: self.cadence_days.and_then(|d| u32::try_from(d).ok()),
            connected_on: time::decode_date(self.connected_on.as_deref())?,
            created_at: time::decode(&self.created_at)?,
            updated_at: time::decode(&self.updated_at)?,
            organization: reference(self.organization_id, self.organization_name),
            referred_by: reference(self.referred_by_id, self.referred_by_name),
            id: self.id,
            name: self.name,
            title: self.title,
            emails,
            phones,
            links,
            notes: self.notes,
            tags,
            hiring_authority: self.hiring_authority,
            may_name_referrer: self.may_name_referrer,
            business_card: self.business_card,
            stay_in_touch: self.stay_in_touch,
        })
    }
}

/// Which people to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only names containing this text (any case).
    pub name: Option<String>,
    /// Only people at this organization.
    pub organization_id: Option<String>,
    /// Which page: its size, and an offset when no cursor is given.
    pub page: Page,
    /// The page after the person with this id, in name order (keyset).
    pub after: Option<String>,
    /// The page before the person with this id (keyset, read backwards).
    pub before: Option<String>,
}

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern.
pub(crate) fn contains_pattern(text: &str) -> String {
    let mut out = String::from("%");
    // Not lowered here: the SQL lowers both sides with the same function, so
    // the comparison agrees on each backend (SQLite lowers ASCII only).
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

async fn load(db: &Db, account: &AccountId, rows: Vec<PersonRow>) -> Result<Vec<Person>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let list = placeholders(2, ids.len());
    let sql = format!(
        "SELECT person_id, kind, value, position FROM person_contacts \
         WHERE account_id = $1 AND person_id IN ({list}) \
         UNION ALL SELECT person_id, 'tag', tag, position FROM person_tags \
         WHERE account_id = $1 AND person_id IN ({list}) \
         ORDER BY 1, 2, 4"
    );
    let children: Vec<(String, String, String, i64)> = on_pool!(db, pool => {
        let mut q = sqlx::query_as(&sql).bind(account.as_str());
        for id in &ids {
            q = q.bind(*id);
        }
        q.fetch_all(pool).await?
    });
    let children: Vec<(String, String, String)> =
        children.into_iter().map(|(p, k, v, _)| (p, k, v)).collect();
    rows.into_iter().map(|r| r.into_person(&children)).collect()
}

/// Lists people by name. With a cursor (`after` or `before`) the page is
/// read from the index on the name from that person on, so every page costs
/// the same however far into the list it is; the rows come in name order.
pub async fn list(db: &Db, account: &AccountId, filter: &Filter) -> Result<Vec<Person>> {
    let (cursor, keyset, order) = match (&filter.after, &filter.before) {
        (Some(id), _) => (Some(id.as_str()), ">", "ASC"),
        (None, Some(id)) => (Some(id.as_str()), "<", "DESC"),
        (None, None) => (None, "", "ASC"),
    };
    // Only the filters given become conditions (numbered from $5), so an
    // organization's people are read by its index.
    let mut binds: Vec<&str> = Vec::new();
    let mut conditions = String::new();
    if let Some(org) = filter.organization_id.as_deref() {
        binds.push(org);
        conditions.push_str(&format!(" AND p.organization_id = ${}", binds.len() + 4));
    }
    if let Some(id) = cursor {
        binds.push(id);
        conditions.push_str(&format!(
            " AND (lower(p.name), p.id) {keyset} (SELECT lower(c.name), c.id FROM people c \
             WHERE c.account_id = $1 AND c.id = ${})",
            binds.len() + 4
        ));
    }
    let sql = format!(
        "{SELECT} WHERE p.account_id = $1 \
         AND ($2 IS NULL OR lower(p.name) LIKE lower($2) ESCAPE '\\'){conditions} \
         ORDER BY lower(p.name) {order}, p.id {order} LIMIT $3 OFFSET $4"
    );
    let name = filter.name.as_deref().map(contains_pattern);
    let offset = if cursor.is_some() {
        0
    } else {
        filter.page.offset()
    };
    let mut rows: Vec<PersonRow> = on_pool!(db, pool => {
        let mut q = sqlx::query_as(&sql)
            .bind(account.as_str())
            .bind(name.as_deref())
            .bind(filter.page.limit())
            .bind(offset);
        for b in &binds {
            q = q.bind(*b);
        }
        q.fetch_all(pool).await?
    });
    if order == "DESC" {
        rows.reverse();
    }
    load(db, account, rows).await
}

/// One person.
pub async fn show(db: &Db, account: &AccountId, id: &str) -> Result<Person> {
    let sql = format!("{SELECT} WHERE p.account_id = $1 AND p.id = $2");
    let row: Option<PersonRow> = on_pool!(db, pool => {
        sqlx::query_as(&sql).bind(account.as_str()).bind(id).fetch_optional(pool).await?
    });
    let row = row.ok_or_else(|| StoreError::NotFound {
        kind: "person",
        id: id.to_owned(),
    })?;
    load(db, account, vec![row])
        .await?
        .pop()
        .ok_or_else(|| StoreError::Corrupt(format!("person {id} vanished while loading")))
}

fn check_links(id: Option<&str>, input: &PersonInput) -> Result<()> {
    if id.is_some() && id == input.referred_by_id.as_deref() {
        return Err(FieldError::new("referred_by", "a person cannot refer themselves").into());
    }
    Ok(())
}

/// Adds a person and returns it as stored.
pub async fn create(
    db: &Db,
    account: &AccountId,
    input: &PersonInput,
    now: DateTime<Utc>,
) -> Result<Person> {
    save(db, account, None, input, None, now).await
}

/// Adds a person (`editing` none) or replaces person `editing`'s values,
/// and first, in the same transaction, finds or creates `new_organization`
/// by name and makes it the person's: a person refused leaves no
/// organization behind.
pub async fn save(
    db: &Db,
    account: &AccountId,
    editing: Option<&str>,
    input: &PersonInput,
    new_organization: Option<&OrganizationInput>,
    now: DateTime<Utc>,
) -> Result<Person> {
    check_links(editing, input)?;
    let id = editing.map_or_else(new_id, str::to_owned);
    let at = time::encode(now);
    let mut input = input.clone();
    in_tx!(db, tx => {
        if let Some(org) = new_organization {
            let found: Option<String> = sqlx::query_scalar(crate::organizations::BY_NAME)
                .bind(account.as_str())
                .bind(org.name.trim())
                .fetch_optional(&mut *tx)
                .await?;
            let org_id = match found {
                Some(found) => found,
                None => {
                    let org_id = new_id();
                    insert_organization!(tx, account, &org_id, org, &at);
                    org_id
                }
            };
            input.organization_id = Some(org_id);
        }
        if editing.is_some() {
            ensure_owned!(tx, account, Kind::Person, &id);
        }
        if let Some(org) = &input.organization_id {
            ensure_owned!(tx, account, Kind::Organization, org);
        }
        if let Some(referrer) = &input.referred_by_id {
            ensure_owned!(tx, account, Kind::Person, referrer);
        }
        if editing.is_some() {
            update_person!(tx, account, &id, &input, &at);
        } else {
            insert_person!(tx, account, &id, &input, None::<&str>, &at, None::<&str>);
        }
    });
    show(db, account, &id).await
}

/// Adds a person referred to you during an interview: the interview's person
/// becomes the referrer, and the referral is listed with the interview.
pub async fn create_referral(
    db: &Db,
    account: &AccountId,
    interview_id: &str,
    input: &PersonInput,
    now: DateTime<Utc>,
) -> Result<Person> {
    let referrer: Option<String> = on_pool!(db, pool => {
        sqlx::query_scalar("SELECT person_id FROM interviews WHERE account_id = $1 AND id = $2")
            .bind(account.as_str())
            .bind(interview_id)
            .fetch_optional(pool)
            .await?
    });
    let referrer = referrer.ok_or_else(|| StoreError::NotFound {
        kind: "interview",
        id: interview_id.to_owned(),
    })?;
    let input = PersonInput {
        referred_by_id: Some(referrer),
        source: Source::Referral,
        ..input.clone()
    };
    insert(db, account, &input, Some(interview_id), now).await
}

async fn insert(
    db: &Db,
    account: &AccountId,
    input: &PersonInput,
    referred_in: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Person> {
    check_links(None, input)?;
    let id = new_id();
    let at = time::encode(now);
    in_tx!(db, tx => {
        if let Some(org) = &input.organization_id {
            ensure_owned!(tx, account, Kind::Organization, org);
        }
        if let Some(referrer) = &input.referred_by_id {
            ensure_owned!(tx, account, Kind::Person, referrer);
        }
        insert_person!(tx, account, &id, input, referred_in, &at, None::<&str>);
    });
    show(db, account, &id).await
}

/// Replaces a person's values with `input`.
pub async fn update(
    db: &Db,
    account: &AccountId,
    id: &str,
    input: &PersonInput,
    now: DateTime<Utc>,
) -> Result<Person> {
    save(db, account, Some(id), input, None, now).await
}

/// Deletes a person with their interviews, tasks and letters; people they
/// referred keep their record and lose the link.
pub async fn delete(db: &Db, account: &AccountId, id: &str) -> Result<()> {
    crate::ids::delete(db, account, Kind::Person, id).await
}

/// The people this person referred, by name.
pub async fn referrals(db: &Db, account: &AccountId, id: &str) -> Result<Vec<Ref>> {
    let rows: Vec<(String, String)> = on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT id, name FROM people WHERE account_id = $1 AND referred_by_id = $2 \
             ORDER BY lower(name), id LIMIT 500",
        )
        .bind(account.as_str())
        .bind(id)
        .fetch_all(pool)
        .await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, name)| Ref { id, name })
        .collect())
}

/// Every person of the account, read a page at a time (for exports).
pub async fn all(db: &Db, account: &AccountId) -> Result<Vec<Person>> {
    let mut out = Vec::new();
    loop {
        let filter = Filter {
            page: Page {
                limit: crate::MAX_LIMIT,
                offset: out.len() as u32,
            },
            ..Filter::default()
        };
        let page = list(db, account, &filter).await?;
        let done = page.len() < crate::MAX_LIMIT as usize;
        out.extend(page);
        if done {
            return Ok(out);
        }
    }
}
