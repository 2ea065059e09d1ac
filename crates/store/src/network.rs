//! The referral network (M12): who introduced whom, read for the Network
//! page. Kept with the insights per data version (see `insights::kept`).

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::ids::placeholders;
use chrono::NaiveDate;
use rapport_core::insights::funnel::Step;
use serde::{Deserialize, Serialize};

/// Introductions drawn, at most: the newest ones.
pub const INTRODUCTIONS: i64 = 100;
/// People drawn, at most (both sides of the introductions drawn).
pub const PEOPLE: usize = 100;

/// A person of the graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    /// The person's id.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Where they work.
    pub organization_id: Option<String>,
    /// Its name.
    pub organization: Option<String>,
    /// You have held an interview with them.
    pub interviewed: bool,
}

/// The referral graph and how the network grew.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Graph {
    /// Everyone in an introduction, either side.
    pub nodes: Vec<Node>,
    /// `(referrer, referred)`, newest first.
    pub edges: Vec<(String, String)>,
    /// There were more introductions than [`INTRODUCTIONS`].
    pub capped: bool,
    /// People added (or connected, for an import that says when) per
    /// month: `(first day of the month, people)`, oldest first.
    pub joined: Vec<(NaiveDate, u64)>,
}

type NodeRow = (String, String, Option<String>, Option<String>, bool);

/// Reads the graph: the newest introductions, the people on both sides,
/// which of them you interviewed, and the people added per month.
pub async fn graph(db: &Db, account: &AccountId) -> Result<Graph> {
    let referred: Vec<(String, String)> = on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT referred_by_id, id FROM people WHERE account_id = $1 AND referred_by_id IS NOT NULL \
             ORDER BY created_at DESC, id LIMIT $2",
        )
        .bind(account.as_str())
        .bind(INTRODUCTIONS + 1)
        .fetch_all(pool)
        .await?
    });
    // The newest introductions, as long as the people they bring stay
    // within PEOPLE: the picture (and its cost) is the same size however
    // large the account.
    let mut drawn: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    let mut edges: Vec<(String, String)> = Vec::new();
    let mut capped = false;
    for (i, (from, to)) in referred.iter().enumerate() {
        let new = [from.as_str(), to.as_str()]
            .into_iter()
            .filter(|id| !drawn.contains(id))
            .count();
        if i >= usize::try_from(INTRODUCTIONS).unwrap_or(usize::MAX) || drawn.len() + new > PEOPLE {
            capped = true;
            break;
        }
        drawn.insert(from);
        drawn.insert(to);
        edges.push((from.clone(), to.clone()));
    }
    let ids: Vec<&str> = drawn.into_iter().collect();
    let nodes = nodes(db, account, &ids).await?;
    Ok(Graph {
        nodes,
        edges,
        capped,
        joined: joined(db, account).await?,
    })
}

async fn nodes(db: &Db, account: &AccountId, ids: &[&str]) -> Result<Vec<Node>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let held = Step::Held.reached_by();
    let sql = format!(
        "SELECT p.id, p.name, p.organization_id, o.name, \
         EXISTS (SELECT 1 FROM interviews i WHERE i.account_id = $1 AND i.person_id = p.id AND i.status IN ({})) \
         FROM people p LEFT JOIN organizations o ON o.id = p.organization_id \
         WHERE p.account_id = $1 AND p.id IN ({}) ORDER BY p.id",
        placeholders(2, held.len()),
        placeholders(2 + held.len(), ids.len())
    );
    let rows: Vec<NodeRow> = on_pool!(db, pool => {
        let mut q = sqlx::query_as(&sql).bind(account.as_str());
        for s in held {
            q = q.bind(s.as_str());
        }
        for id in ids {
            q = q.bind(*id);
        }
        q.fetch_all(pool).await?
    });
    Ok(rows
        .into_iter()
        .map(
            |(id, name, organization_id, organization, interviewed)| Node {
                id,
                name,
                organization_id,
                organization,
                interviewed,
            },
        )
        .collect())
}

/// People per month, by the day you connected (an import may say) or else
/// the day they were added.
async fn joined(db: &Db, account: &AccountId) -> Result<Vec<(NaiveDate, u64)>> {
    let rows: Vec<(String, i64)> = on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT month, count(*) FROM ( \
               SELECT substr(coalesce(connected_on, created_at), 1, 7) AS month FROM people WHERE account_id = $1 \
             ) joined GROUP BY month ORDER BY month",
        )
        .bind(account.as_str())
        .fetch_all(pool)
        .await?
    });
    rows.into_iter()
        .map(|(month, n)| {
            let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d")
                .map_err(|_| StoreError::Corrupt(format!("a month \"{month}\"")))?;
            Ok((first, u64::try_from(n).unwrap_or(0)))
        })
        .collect()
}

/// The people a warm path may lead to: those at the organization, or those
/// you have interviews with about the field (at most 200), each with who
/// introduced them (none: you knew them first).
pub async fn targets(
    db: &Db,
    account: &AccountId,
    target: &Target,
) -> Result<Vec<(String, Option<String>)>> {
    Ok(on_pool!(db, pool => {
        match target {
            Target::Organization(id) => sqlx::query_as(
                "SELECT id, referred_by_id FROM people WHERE account_id = $1 AND organization_id = $2 \
                 ORDER BY id LIMIT 200",
            )
            .bind(account.as_str())
            .bind(id)
            .fetch_all(pool)
            .await?,
            Target::Field(id) => sqlx::query_as(
                "SELECT p.id, p.referred_by_id FROM people p WHERE p.account_id = $1 AND p.id IN ( \
                   SELECT i.person_id FROM interview_fields x JOIN interviews i ON i.id = x.interview_id \
                   WHERE x.account_id = $1 AND x.field_id = $2) ORDER BY p.id LIMIT 200",
            )
            .bind(account.as_str())
            .bind(id)
            .fetch_all(pool)
            .await?,
        }
    }))
}

/// The organization of the account with this name: the exact name first,
/// else the same letters in any case.
pub async fn organization_named(
    db: &Db,
    account: &AccountId,
    name: &str,
) -> Result<Option<(String, String)>> {
    Ok(on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT id, name FROM organizations WHERE account_id = $1 AND (name = $2 OR lower(name) = lower($2)) \
             ORDER BY CASE WHEN name = $2 THEN 0 ELSE 1 END, id LIMIT 1",
        )
        .bind(account.as_str())
        .bind(name.trim())
        .fetch_optional(pool)
        .await?
    }))
}

/// The field of the account with this title: the exact title first, else
/// the same letters in any case.
pub async fn field_named(
    db: &Db,
    account: &AccountId,
    title: &str,
) -> Result<Option<(String, String)>> {
    Ok(on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT id, title FROM fields WHERE account_id = $1 AND (title = $2 OR lower(title) = lower($2)) \
             ORDER BY CASE WHEN title = $2 THEN 0 ELSE 1 END, id LIMIT 1",
        )
        .bind(account.as_str())
        .bind(title.trim())
        .fetch_optional(pool)
        .await?
    }))
}

/// Where a warm path should lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Someone at this organization.
    Organization(String),
    /// Someone in this field.
    Field(String),
}
