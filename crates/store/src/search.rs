//! Full-text search across the account's people, organizations, fields,
//! notes, answers, reflections, conversations and letters. This is the one
//! function whose SQL differs by backend: FTS5 on SQLite, a weighted
//! `tsvector` with a GIN index on PostgreSQL. Typed text is reduced to words
//! first, so no input can be a query syntax error.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::Result;
use serde::Serialize;

/// Marks the start of a matched word in a snippet.
pub const MARK_START: char = '⟦';
/// Marks the end of a matched word in a snippet.
pub const MARK_END: char = '⟧';

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// `person`, `organization`, `field`, `interview`, `conversation` or `contact`.
    pub kind: String,
    /// The record to open.
    pub id: String,
    /// Its name, for the list.
    pub label: String,
    /// The matching text, matched words between [`MARK_START`] and [`MARK_END`].
    pub snippet: String,
}

/// The words of a query: letters and digits only, lower case, at most eight.
pub fn words(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .take(8)
        .collect()
}

/// The label of each hit, whatever the backend.
const LABEL: &str = "CASE d.kind \
     WHEN 'person' THEN (SELECT name FROM people WHERE id = d.ref_id) \
     WHEN 'organization' THEN (SELECT name FROM organizations WHERE id = d.ref_id) \
     WHEN 'field' THEN (SELECT title FROM fields WHERE id = d.ref_id) \
     WHEN 'interview' THEN (SELECT 'Interview with ' || p.name FROM interviews i JOIN people p ON p.id = i.person_id WHERE i.id = d.ref_id) \
     WHEN 'conversation' THEN (SELECT who FROM casual_conversations WHERE id = d.ref_id) \
     WHEN 'contact' THEN (SELECT 'Contact with ' || p.name FROM correspondence c JOIN people p ON p.id = c.person_id WHERE c.id = d.ref_id) \
     END";

/// Ranked results, best first; a name or title match ranks above a match in
/// notes. At most `limit` records, each once.
pub async fn search(db: &Db, account: &AccountId, query: &str, limit: u32) -> Result<Vec<Hit>> {
    let words = words(query);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    // A few extra rows, as one record (an interview, an organization) can
    // match through several of its texts and is listed once.
    let fetch = i64::from(limit.clamp(1, 100)) * 2;
    let rows: Vec<(String, String, Option<String>, String)> = match db {
        Db::Sqlite(pool) => {
            let matcher = words
                .iter()
                .map(|w| format!("\"{w}\"*"))
                .collect::<Vec<_>>()
                .join(" ");
            let sql = format!(
                "SELECT d.kind, d.ref_id, {LABEL}, \
                 snippet(search_fts, -1, '{MARK_START}', '{MARK_END}', '…', 16) \
                 FROM search_fts JOIN search_docs d ON d.doc = search_fts.rowid \
                 WHERE search_fts MATCH $1 AND d.account_id = $2 \
                 ORDER BY bm25(search_fts, 10.0, 1.0) LIMIT $3"
            );
            sqlx::query_as(&sql)
                .bind(matcher)
                .bind(account.as_str())
                .bind(fetch)
                .fetch_all(pool)
                .await?
        }
        Db::Postgres(pool) => {
            let matcher = words
                .iter()
                .map(|w| format!("{w}:*"))
                .collect::<Vec<_>>()
                .join(" & ");
            let sql = format!(
                "SELECT d.kind, d.ref_id, {LABEL}, \
                 ts_headline('simple', d.title || ' ' || d.body, q, 'StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=24, MinWords=8, MaxFragments=1') \
                 FROM search_docs d, to_tsquery('simple', $1) q \
                 WHERE d.tsv @@ q AND d.account_id = $2 \
                 ORDER BY ts_rank(d.tsv, q) DESC, d.src, d.src_id LIMIT $3"
            );
            sqlx::query_as(&sql)
                .bind(matcher)
                .bind(account.as_str())
                .bind(fetch)
                .fetch_all(pool)
                .await?
        }
    };
    let mut hits: Vec<Hit> = Vec::new();
    for (kind, id, label, snippet) in rows {
        if hits.iter().any(|h| h.kind == kind && h.id == id) {
            continue;
        }
        hits.push(Hit {
            kind,
            id,
            label: label.unwrap_or_default(),
            snippet: snippet.trim().to_owned(),
        });
        if hits.len() >= limit as usize {
            break;
        }
    }
    Ok(hits)
}
