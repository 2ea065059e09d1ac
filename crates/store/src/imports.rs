//! Imports: a parsed file is checked against the account for duplicates (by
//! email, then by name and organization), previewed, and written in one
//! transaction as a batch that can be undone.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::ids::new_id;
use crate::time;
use chrono::{DateTime, Utc};
use rapport_core::import::{Format, Parsed, Record, Rejected};
use serde::Serialize;
use std::collections::HashMap;

/// People written per statement. Statements stay small: SQLite looks up
/// each numbered parameter by walking the list of all of them, so binding
/// cost grows with the square of a statement's parameters.
const PEOPLE_PER_STATEMENT: usize = 12;
/// Contact and tag rows written per statement.
const ROWS_PER_STATEMENT: usize = 40;

/// `($1, $2, …), ($n+1, …)`: placeholders for `rows` rows of `cols` values.
fn values(rows: usize, cols: usize) -> String {
    (0..rows)
        .map(|r| format!("({})", crate::ids::placeholders(r * cols + 1, cols)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why a record is taken for someone already known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchBy {
    /// The same email address.
    Email,
    /// The same name at the same organization.
    NameAndOrganization,
    /// A record earlier in the same file.
    EarlierInFile,
}

/// A record that matches someone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    /// Line of the record.
    pub line: usize,
    /// Name in the file.
    pub name: String,
    /// The person it matches, when already stored.
    pub person_id: Option<String>,
    /// Their name.
    pub matches: String,
    /// How it matched.
    pub by: MatchBy,
}

/// A record that would be added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewPerson {
    /// Line of the record.
    pub line: usize,
    /// Name.
    pub name: String,
    /// Organization.
    pub organization: Option<String>,
    /// First email.
    pub email: Option<String>,
}

/// What an import would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Preview {
    /// People to add.
    pub new: Vec<NewPerson>,
    /// Records matching someone.
    pub duplicates: Vec<Duplicate>,
    /// Records that cannot be read.
    pub rejected: Vec<Rejected>,
}

/// What to do with duplicates of people already stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnDuplicate {
    /// Leave the stored person as is.
    #[default]
    Skip,
    /// Add the record's emails, phones and links the person lacks.
    Merge,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The batch, for undoing it.
    pub batch_id: String,
    /// People added.
    pub imported: usize,
    /// Stored people who gained details.
    pub merged: usize,
    /// Duplicates left as they were (or merged).
    pub duplicates: usize,
    /// Records that could not be read.
    pub rejected: Vec<Rejected>,
}

/// One past import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Batch {
    /// Id.
    pub id: String,
    /// Format name.
    pub format: String,
    /// File name.
    pub file_name: String,
    /// People added.
    pub imported: i64,
    /// People merged.
    pub merged: i64,
    /// Duplicates.
    pub duplicates: i64,
    /// Rejected records.
    pub rejected: i64,
    /// When.
    pub created_at: String,
    /// When it was undone.
    pub undone_at: Option<String>,
}

/// People already stored, keyed the ways duplicates are found.
#[derive(Default)]
struct Known {
    by_email: HashMap<String, (String, String)>,
    by_name_org: HashMap<(String, String), (String, String)>,
    /// Each stored person's emails, to tell namesakes apart.
    emails_of: HashMap<String, Vec<String>>,
}

/// Name and organization, lowered in Rust so both backends agree (SQLite's
/// `lower()` only folds ASCII). `None` without an organization: a shared
/// name alone does not make the same person.
fn name_org_key(name: &str, org: Option<&str>) -> Option<(String, String)> {
    let org = org.unwrap_or_default().trim().to_lowercase();
    (!org.is_empty()).then(|| (name.trim().to_lowercase(), org))
}

/// True when both sides have emails and none is shared: namesakes.
fn emails_conflict(a: &[String], b: &[String]) -> bool {
    !a.is_empty() && !b.is_empty() && !a.iter().any(|e| b.contains(e))
}

/// Classifies each record: `None` for new, or what it duplicates. An email
/// match wins; otherwise the same name at the same organization, unless
/// their emails say they are different people.
fn classify(records: &[Record], known: &Known) -> Vec<Option<(Option<String>, String, MatchBy)>> {
    let mut seen_emails: HashMap<String, String> = HashMap::new();
    let mut seen_names: HashMap<(String, String), (String, Vec<String>)> = HashMap::new();
    records
        .iter()
        .map(|r| {
            let emails: Vec<String> = r
                .person
                .emails
                .iter()
                .map(|e| e.as_str().to_lowercase())
                .collect();
            let key = name_org_key(r.person.name.as_str(), r.organization.as_deref());
            let stored_namesake =
                key.as_ref()
                    .and_then(|k| known.by_name_org.get(k))
                    .filter(|(id, _)| {
                        !emails_conflict(
                            &emails,
                            known
                                .emails_of
                                .get(id)
                                .map(Vec::as_slice)
                                .unwrap_or_default(),
                        )
                    });
            let earlier_namesake = key
                .as_ref()
                .and_then(|k| seen_names.get(k))
                .filter(|(_, theirs)| !emails_conflict(&emails, theirs));
            let found = emails
                .iter()
                .find_map(|e| {
                    known
                        .by_email
                        .get(e)
                        .map(|(id, n)| (Some(id.clone()), n.clone(), MatchBy::Email))
                })
                .or_else(|| {
                    stored_namesake
                        .map(|(id, n)| (Some(id.clone()), n.clone(), MatchBy::NameAndOrganization))
                })
                .or_else(|| {
                    emails
                        .iter()
                        .find_map(|e| seen_emails.get(e))
                        .or(earlier_namesake.map(|(n, _)| n))
                        .map(|n| (None, n.clone(), MatchBy::EarlierInFile))
                });
            if found.is_none() {
                for e in &emails {
                    seen_emails.insert(e.clone(), r.person.name.as_str().to_owned());
                }
                if let Some(k) = key {
                    seen_names.insert(k, (r.person.name.as_str().to_owned(), emails));
                }
            }
            found
        })
        .collect()
}

type EmailRows = Vec<(String, String, String)>;
type NameRows = Vec<(String, String, Option<String>)>;

/// Builds the lookup from raw rows (lowered here, not in SQL).
fn known_from(emails: EmailRows, names: NameRows) -> Known {
    let mut k = Known::default();
    for (email, id, name) in emails {
        let email = email.to_lowercase();
        k.emails_of
            .entry(id.clone())
            .or_default()
            .push(email.clone());
        k.by_email.entry(email).or_insert((id, name));
    }
    for (id, name, org) in names {
        if let Some(key) = name_org_key(&name, org.as_deref()) {
            k.by_name_org.entry(key).or_insert((id, name));
        }
    }
    k
}

const KNOWN_EMAILS: &str = "SELECT c.value, p.id, p.name FROM person_contacts c JOIN people p ON p.id = c.person_id \
     WHERE c.account_id = $1 AND c.kind = 'email'";
const KNOWN_NAMES: &str = "SELECT p.id, p.name, o.name FROM people p LEFT JOIN organizations o ON o.id = p.organization_id \
     WHERE p.account_id = $1";

async fn known(db: &Db, account: &AccountId) -> Result<Known> {
    let (emails, names): (EmailRows, NameRows) = on_pool!(db, pool => {
        let e = sqlx::query_as(KNOWN_EMAILS).bind(account.as_str()).fetch_all(pool).await?;
        let n = sqlx::query_as(KNOWN_NAMES).bind(account.as_str()).fetch_all(pool).await?;
        (e, n)
    });
    Ok(known_from(emails, names))
}

/// What importing `parsed` would do; nothing is written.
pub async fn preview(db: &Db, account: &AccountId, parsed: &Parsed) -> Result<Preview> {
    let known = known(db, account).await?;
    let mut preview = Preview {
        rejected: parsed.rejected.clone(),
        ..Preview::default()
    };
    for (r, m) in parsed.records.iter().zip(classify(&parsed.records, &known)) {
        match m {
            None => preview.new.push(NewPerson {
                line: r.line,
                name: r.person.name.as_str().to_owned(),
                organization: r.organization.clone(),
                email: r.person.emails.first().map(|e| e.as_str().to_owned()),
            }),
            Some((person_id, matches, by)) => preview.duplicates.push(Duplicate {
                line: r.line,
                name: r.person.name.as_str().to_owned(),
                person_id,
                matches,
                by,
            }),
        }
    }
    Ok(preview)
}

/// Writes the good records of `parsed` in one transaction, as one batch.
pub async fn apply(
    db: &Db,
    account: &AccountId,
    format: Format,
    file_name: &str,
    parsed: &Parsed,
    on_duplicate: OnDuplicate,
    now: DateTime<Utc>,
) -> Result<Report> {
    let batch = new_id();
    let at = time::encode(now);
    let (imported, merged, duplicates) = in_tx!(db, tx => {
        // Read inside the transaction: a second click on "import" waits for
        // the first and then finds everyone already there.
        let emails: EmailRows = sqlx::query_as(KNOWN_EMAILS).bind(account.as_str()).fetch_all(&mut *tx).await?;
        let names: NameRows = sqlx::query_as(KNOWN_NAMES).bind(account.as_str()).fetch_all(&mut *tx).await?;
        let matches = classify(&parsed.records, &known_from(emails, names));
        sqlx::query(
            "INSERT INTO imports (id, account_id, format, file_name, imported, merged, duplicates, rejected, created_at) \
             VALUES ($1, $2, $3, $4, 0, 0, 0, $5, $6)",
        )
        .bind(&batch)
        .bind(account.as_str())
        .bind(format.as_str())
        // One line, as the backup's restore checks it: a file name may hold anything.
        .bind(file_name.chars().filter(|c| !c.is_control()).take(200).collect::<String>())
        .bind(parsed.rejected.len() as i64)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        let orgs: Vec<(String, String)> = sqlx::query_as("SELECT name, id FROM organizations WHERE account_id = $1")
            .bind(account.as_str())
            .fetch_all(&mut *tx)
            .await?;
        let mut orgs: HashMap<String, String> = orgs.into_iter().map(|(n, id)| (n.to_lowercase(), id)).collect();
        let (mut imported, mut merged, mut duplicates) = (0usize, 0usize, 0usize);
        let mut new_people: Vec<(String, rapport_core::people::PersonInput)> = Vec::new();
        for (record, m) in parsed.records.iter().zip(&matches) {
            match m {
                None => {
                    let mut person = record.person.clone();
                    if let Some(name) = &record.organization {
                        let key = name.to_lowercase();
                        let id = match orgs.get(&key) {
                            Some(id) => id.clone(),
                            None => {
                                let id = new_id();
                                sqlx::query(
                                    "INSERT INTO organizations (id, account_id, name, created_at, updated_at, import_batch_id) \
                                     VALUES ($1, $2, $3, $4, $4, $5)",
                                )
                                .bind(&id)
                                .bind(account.as_str())
                                .bind(name)
                                .bind(&at)
                                .bind(&batch)
                                .execute(&mut *tx)
                                .await?;
                                orgs.insert(key, id.clone());
                                id
                            }
                        };
                        person.organization_id = Some(id);
                    }
                    new_people.push((new_id(), person));
                    imported += 1;
                }
                Some((existing, _, _)) => {
                    duplicates += 1;
                    let Some(person_id) = existing.as_deref().filter(|_| on_duplicate == OnDuplicate::Merge) else {
                        continue;
                    };
                    let have: Vec<(String, String)> = sqlx::query_as(
                        "SELECT kind, value FROM person_contacts WHERE account_id = $1 AND person_id = $2",
                    )
                    .bind(account.as_str())
                    .bind(person_id)
                    .fetch_all(&mut *tx)
                    .await?;
                    let wanted = record.person.emails.iter().map(|e| ("email", e.as_str()))
                        .chain(record.person.phones.iter().map(|p| ("phone", p.as_str())))
                        .chain(record.person.links.iter().map(|l| ("link", l.as_str())));
                    let mut added = false;
                    for (position, (kind, value)) in wanted.enumerate() {
                        if have.iter().any(|(k, v)| k == kind && v.to_lowercase() == value.to_lowercase()) {
                            continue;
                        }
                        sqlx::query(
                            "INSERT INTO person_contacts (id, account_id, person_id, kind, value, position, import_batch_id) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7)",
                        )
                        .bind(new_id())
                        .bind(account.as_str())
                        .bind(person_id)
                        .bind(kind)
                        .bind(value)
                        .bind(1000 + position as i64)
                        .bind(&batch)
                        .execute(&mut *tx)
                        .await?;
                        added = true;
                    }
                    if added {
                        merged += 1;
                    }
                }
            }
        }
        // Many rows per statement: an import of tens of thousands of people
        // is one transaction of a few hundred statements.
        for chunk in new_people.chunks(PEOPLE_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO people (id, account_id, name, organization_id, title, notes, source, hiring_authority, \
                 referred_by_id, may_name_referrer, business_card, stay_in_touch, cadence_days, connected_on, \
                 created_at, updated_at, import_batch_id) VALUES {}",
                values(chunk.len(), 17)
            );
            let mut q = sqlx::query(&sql);
            for (id, p) in chunk {
                q = q
                    .bind(id)
                    .bind(account.as_str())
                    .bind(p.name.as_str())
                    .bind(p.organization_id.as_deref())
                    .bind(p.title.as_deref())
                    .bind(&p.notes)
                    .bind(p.source.as_str())
                    .bind(p.hiring_authority)
                    .bind(p.referred_by_id.as_deref())
                    .bind(p.may_name_referrer)
                    .bind(p.business_card)
                    .bind(p.stay_in_touch)
                    .bind(p.cadence_days.map(i64::from))
                    .bind(p.connected_on.map(|d| d.to_string()))
                    .bind(&at)
                    .bind(&at)
                    .bind(&batch);
            }
            q.execute(&mut *tx).await?;
        }
        let contacts: Vec<(&str, &'static str, &str, i64)> = new_people
            .iter()
            .flat_map(|(id, p)| {
                p.emails
                    .iter()
                    .map(|e| ("email", e.as_str()))
                    .chain(p.phones.iter().map(|v| ("phone", v.as_str())))
                    .chain(p.links.iter().map(|l| ("link", l.as_str())))
                    .enumerate()
                    .map(move |(n, (kind, value))| (id.as_str(), kind, value, n as i64))
            })
            .collect();
        for chunk in contacts.chunks(ROWS_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO person_contacts (id, account_id, person_id, kind, value, position, import_batch_id) VALUES {}",
                values(chunk.len(), 7)
            );
            let mut q = sqlx::query(&sql);
            for (person, kind, value, position) in chunk {
                q = q.bind(new_id()).bind(account.as_str()).bind(*person).bind(*kind).bind(*value).bind(*position).bind(&batch);
            }
            q.execute(&mut *tx).await?;
        }
        let tags: Vec<(&str, &str, i64)> = new_people
            .iter()
            .flat_map(|(id, p)| p.tags.iter().enumerate().map(move |(n, t)| (id.as_str(), t.as_str(), n as i64)))
            .collect();
        for chunk in tags.chunks(ROWS_PER_STATEMENT) {
            let sql = format!("INSERT INTO person_tags (account_id, person_id, tag, position) VALUES {}", values(chunk.len(), 4));
            let mut q = sqlx::query(&sql);
            for (person, tag, position) in chunk {
                q = q.bind(account.as_str()).bind(*person).bind(*tag).bind(*position);
            }
            q.execute(&mut *tx).await?;
        }
        sqlx::query("UPDATE imports SET imported = $2, merged = $3, duplicates = $4 WHERE id = $1")
            .bind(&batch)
            .bind(imported as i64)
            .bind(merged as i64)
            .bind(duplicates as i64)
            .execute(&mut *tx)
            .await?;
        (imported, merged, duplicates)
    });
    // Thousands of new people change which index suits a page.
    db.analyze().await?;
    Ok(Report {
        batch_id: batch,
        imported,
        merged,
        duplicates,
        rejected: parsed.rejected.clone(),
    })
}

/// Past imports, newest first.
pub async fn list(db: &Db, account: &AccountId) -> Result<Vec<Batch>> {
    Ok(on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT id, format, file_name, imported, merged, duplicates, rejected, created_at, undone_at \
             FROM imports WHERE account_id = $1 ORDER BY created_at DESC, id LIMIT 100",
        )
        .bind(account.as_str())
        .fetch_all(pool)
        .await?
    }))
}

/// Takes an import back: the people it added (with their interviews and
/// notes), the details it merged, and the organizations it created that no
/// one else uses. Returns how many people were removed.
pub async fn undo(db: &Db, account: &AccountId, batch_id: &str, now: DateTime<Utc>) -> Result<u64> {
    let removed = in_tx!(db, tx => {
        let undone: Option<Option<String>> = sqlx::query_scalar("SELECT undone_at FROM imports WHERE account_id = $1 AND id = $2")
            .bind(account.as_str())
            .bind(batch_id)
            .fetch_optional(&mut *tx)
            .await?;
        match undone {
            None => return Err(StoreError::NotFound { kind: "import", id: batch_id.to_owned() }),
            Some(Some(_)) => return Err(StoreError::Conflict("this import was already undone".into())),
            Some(None) => {}
        }
        let removed = sqlx::query("DELETE FROM people WHERE account_id = $1 AND import_batch_id = $2")
            .bind(account.as_str())
            .bind(batch_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        sqlx::query("DELETE FROM person_contacts WHERE account_id = $1 AND import_batch_id = $2")
            .bind(account.as_str())
            .bind(batch_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "DELETE FROM organizations WHERE account_id = $1 AND import_batch_id = $2 \
             AND NOT EXISTS (SELECT 1 FROM people p WHERE p.organization_id = organizations.id) \
             AND NOT EXISTS (SELECT 1 FROM interviews i WHERE i.organization_id = organizations.id)",
        )
        .bind(account.as_str())
        .bind(batch_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE imports SET undone_at = $3 WHERE account_id = $1 AND id = $2")
            .bind(account.as_str())
            .bind(batch_id)
            .bind(time::encode(now))
            .execute(&mut *tx)
            .await?;
        removed
    });
    Ok(removed)
}
