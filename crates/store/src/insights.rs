//! The figures behind the Insights page (M13): per field, the evidence
//! gathered, what the reflections say and the ratings; overall, the funnel
//! from the status history, activity per day and how outreach was answered.
//! Every figure is an aggregate over the whole account, so the result is
//! kept with the data version it was computed at (see [`kept`]) and
//! computed again only after a change.

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::ids::placeholders;
use crate::{network, time};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rapport_core::correspondence::{Direction, Outcome, Purpose};
use rapport_core::fields::FieldStatus;
use rapport_core::insights::evidence::EvidenceCounts;
use rapport_core::insights::funnel::Step;
use rapport_core::insights::replies::Outreach;
use rapport_core::insights::report::{FieldInput, Learned, Report, report as build};
use rapport_core::pipeline::Status;
use serde::{Deserialize, Serialize};

/// Fields shown, at most (the ones not ruled out, by title).
pub const FIELDS: i64 = 20;
/// Reflections read per field, newest first: enough for the ratings check
/// and what was learned, and no more as the account grows.
pub const REFLECTIONS_PER_FIELD: i64 = 12;
/// Requests read for reply times, newest first.
pub const OUTREACH: i64 = 500;
/// Days of activity read.
pub const ACTIVITY_DAYS: i64 = 26 * 7;

/// One field's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldFigures {
    /// The field's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Interviews held about it.
    pub held: u64,
    /// Interviews planned (idea through confirmed).
    pub planned: u64,
    /// Distinct organizations of the interviews held.
    pub organizations: u64,
    /// Interviews held with someone who can hire.
    pub hiring: u64,
    /// The reflections on it, newest first.
    pub reflections: Vec<Learned>,
}

/// A request for a conversation, and when it was first answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// How it was made (letter, phone, email…).
    pub channel: String,
    /// How you came to know the person.
    pub source: String,
    /// When it was made.
    pub sent: DateTime<Utc>,
    /// The first answer after it, if any.
    pub answered: Option<DateTime<Utc>>,
}

/// Everything the Insights page draws, as read from the records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// Fields not ruled out, by title.
    pub fields: Vec<FieldFigures>,
    /// People who ever reached each step of the funnel, in
    /// [`Step::ALL`]'s order.
    pub funnel: [u64; 7],
    /// Moves along the pipeline and contacts made, per day (UTC), over
    /// the last [`ACTIVITY_DAYS`] days.
    pub activity: Vec<(NaiveDate, u64)>,
    /// The latest requests, with their answers.
    pub requests: Vec<Request>,
}

/// What is kept per account and data version: the insights and the network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kept {
    /// The Insights page's figures.
    pub figures: Figures,
    /// The Network page's graph.
    pub network: network::Graph,
}

/// Which of the kept parts a page reads: each is parsed alone, so the
/// Insights page does not pay for the graph nor the Network page for the
/// figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Figures,
    Network,
}

/// The figures and the graph, read once per data version: a page read
/// between two changes costs one indexed read whatever the account's size.
pub async fn kept(db: &Db, account: &AccountId, now: DateTime<Utc>) -> Result<Kept> {
    Ok(Kept {
        figures: kept_figures(db, account, now).await?,
        network: kept_network(db, account, now).await?,
    })
}

/// The Insights page's figures, as kept.
pub async fn kept_figures(db: &Db, account: &AccountId, now: DateTime<Utc>) -> Result<Figures> {
    match read_kept(db, account, now, Part::Figures).await? {
        Ok(body) => parse(&body),
        Err(fresh) => Ok(fresh.figures),
    }
}

/// The Network page's graph, as kept.
pub async fn kept_network(
    db: &Db,
    account: &AccountId,
    now: DateTime<Utc>,
) -> Result<network::Graph> {
    match read_kept(db, account, now, Part::Network).await? {
        Ok(body) => parse(&body),
        Err(fresh) => Ok(fresh.network),
    }
}

fn parse<T: serde::de::DeserializeOwned>(body: &str) -> Result<T> {
    serde_json::from_str(body).map_err(|e| StoreError::Corrupt(format!("kept insights: {e}")))
}

/// The account's data version, and the kept part's version, day and text.
type KeptRow = (i64, Option<i64>, Option<String>, Option<String>);

/// The kept text of `part` when it is current (`Ok`), or everything
/// computed afresh and kept (`Err`).
async fn read_kept(
    db: &Db,
    account: &AccountId,
    now: DateTime<Utc>,
    part: Part,
) -> Result<std::result::Result<String, Kept>> {
    let sql = match part {
        Part::Figures => {
            "SELECT a.data_version, k.data_version, k.day, k.figures FROM accounts a \
             LEFT JOIN insights_kept k ON k.account_id = a.id WHERE a.id = $1"
        }
        Part::Network => {
            "SELECT a.data_version, k.data_version, k.day, k.network FROM accounts a \
             LEFT JOIN insights_kept k ON k.account_id = a.id WHERE a.id = $1"
        }
    };
    let row: Option<KeptRow> = on_pool!(db, pool => {
        sqlx::query_as(sql)
            .bind(account.as_str())
            .fetch_optional(pool)
            .await?
    });
    let Some((version, at, day, body)) = row else {
        return Err(StoreError::NotFound {
            kind: "account",
            id: account.as_str().to_owned(),
        });
    };
    // Kept figures count activity back from the day they were computed:
    // a new day computes them again.
    let today = now.date_naive().to_string();
    if at == Some(version)
        && day.as_deref() == Some(today.as_str())
        && let Some(body) = body
    {
        return Ok(Ok(body));
    }
    let fresh = Kept {
        figures: figures(db, account, now).await?,
        network: network::graph(db, account).await?,
    };
    let (figures_text, network_text) = (to_text(&fresh.figures)?, to_text(&fresh.network)?);
    // Kept with the version read before computing: a change made meanwhile
    // moves the version on, and the next read computes again.
    on_pool!(db, pool => {
        sqlx::query(
            "INSERT INTO insights_kept (account_id, data_version, day, figures, network) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (account_id) DO UPDATE SET data_version = excluded.data_version, day = excluded.day, \
             figures = excluded.figures, network = excluded.network",
        )
        .bind(account.as_str())
        .bind(version)
        .bind(&today)
        .bind(figures_text)
        .bind(network_text)
        .execute(pool)
        .await?;
    });
    Ok(Err(fresh))
}

/// A kept part as text.
fn to_text<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|e| StoreError::Corrupt(format!("insights could not be kept: {e}")))
}

/// The Insights report of the account: the kept figures turned into the
/// evidence, warnings, funnel, weeks and reply times that the page, the CLI
/// and the API show alike.
pub async fn report(db: &Db, account: &AccountId, now: DateTime<Utc>) -> Result<Report> {
    let figures = kept_figures(db, account, now).await?;
    Ok(report_of(figures, now))
}

/// The report from figures already read.
pub fn report_of(figures: Figures, now: DateTime<Utc>) -> Report {
    let as_usize = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    let fields = figures
        .fields
        .into_iter()
        .map(|f| FieldInput {
            counts: EvidenceCounts {
                held: as_usize(f.held),
                planned: as_usize(f.planned),
                organizations: as_usize(f.organizations),
                hiring: as_usize(f.hiring),
            },
            id: f.id,
            title: f.title,
            reflections: f.reflections,
        })
        .collect();
    let requests: Vec<Outreach> = figures
        .requests
        .into_iter()
        .map(|r| Outreach {
            channel: r.channel,
            source: r.source,
            sent: r.sent,
            replied: r.answered,
        })
        .collect();
    build(
        fields,
        figures.funnel,
        &figures.activity,
        now.date_naive(),
        &requests,
    )
}

/// The statuses' stored names, to bind.
fn names(statuses: &[Status]) -> Vec<&'static str> {
    statuses.iter().map(|s| s.as_str()).collect()
}

/// Reads the Insights page's figures from the records.
pub async fn figures(db: &Db, account: &AccountId, now: DateTime<Utc>) -> Result<Figures> {
    Ok(Figures {
        fields: fields(db, account).await?,
        funnel: funnel(db, account).await?,
        activity: activity(db, account, now).await?,
        requests: requests(db, account).await?,
    })
}

async fn fields(db: &Db, account: &AccountId) -> Result<Vec<FieldFigures>> {
    let listed: Vec<(String, String)> = on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT id, title FROM fields WHERE account_id = $1 AND status <> $2 \
             ORDER BY lower(title), id LIMIT $3",
        )
        .bind(account.as_str())
        .bind(FieldStatus::RuledOut.as_str())
        .bind(FIELDS)
        .fetch_all(pool)
        .await?
    });
    if listed.is_empty() {
        return Ok(Vec::new());
    }
    let held = names(Step::Held.reached_by());
    let planned = names(&[
        Status::Idea,
        Status::Requested,
        Status::Scheduled,
        Status::Confirmed,
    ]);
    let (h, p) = (held.len(), planned.len());
    let held_in = |from: usize| placeholders(from, h);
    let counts_sql = format!(
        "SELECT x.field_id, \
         count(CASE WHEN i.status IN ({held1}) THEN 1 END), \
         count(CASE WHEN i.status IN ({planned_in}) THEN 1 END), \
         count(DISTINCT CASE WHEN i.status IN ({held2}) THEN i.organization_id END), \
         count(CASE WHEN i.status IN ({held3}) AND p.hiring_authority THEN 1 END) \
         FROM interview_fields x JOIN interviews i ON i.id = x.interview_id \
         JOIN people p ON p.id = i.person_id \
         WHERE x.account_id = $1 GROUP BY x.field_id",
        held1 = held_in(2),
        planned_in = placeholders(2 + h, p),
        held2 = held_in(2 + h + p),
        held3 = held_in(2 + 2 * h + p),
    );
    let counts: Vec<(String, i64, i64, i64, i64)> = on_pool!(db, pool => {
        let mut q = sqlx::query_as(&counts_sql).bind(account.as_str());
        for s in held.iter().chain(&planned).chain(&held).chain(&held) {
            q = q.bind(*s);
        }
        q.fetch_all(pool).await?
    });
    let reflections = reflections(db, account).await?;
    Ok(listed
        .into_iter()
        .map(|(id, title)| {
            let (held, planned, organizations, hiring) = counts
                .iter()
                .find(|c| c.0 == id)
                .map_or((0, 0, 0, 0), |c| (c.1, c.2, c.3, c.4));
            let unsigned = |n: i64| u64::try_from(n).unwrap_or(0);
            FieldFigures {
                reflections: reflections
                    .iter()
                    .filter(|(field, _)| *field == id)
                    .map(|(_, l)| l.clone())
                    .collect(),
                held: unsigned(held),
                planned: unsigned(planned),
                organizations: unsigned(organizations),
                hiring: unsigned(hiring),
                id,
                title,
            }
        })
        .collect())
}

type ReflectionRow = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<i64>,
);

/// The newest reflections of each field, as `(field id, what it says)`.
async fn reflections(db: &Db, account: &AccountId) -> Result<Vec<(String, Learned)>> {
    let rows: Vec<ReflectionRow> = on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT field_id, interview_id, person_name, learned_positive, learned_negative, \
             still_to_learn, qualifications_sought, field_fit_rating, likability_rating, setting_rating FROM ( \
               SELECT x.field_id, i.id AS interview_id, p.name AS person_name, r.learned_positive, \
               r.learned_negative, r.still_to_learn, i.qualifications_sought, r.field_fit_rating, \
               r.likability_rating, r.setting_rating, \
               row_number() OVER (PARTITION BY x.field_id ORDER BY r.updated_at DESC, r.id) AS n \
               FROM reflections r JOIN interviews i ON i.id = r.interview_id \
               JOIN interview_fields x ON x.interview_id = i.id \
               JOIN people p ON p.id = i.person_id \
               WHERE r.account_id = $1 \
             ) ranked WHERE n <= $2 ORDER BY field_id, n",
        )
        .bind(account.as_str())
        .bind(REFLECTIONS_PER_FIELD)
        .fetch_all(pool)
        .await?
    });
    let rating = |n: Option<i64>| n.and_then(|n| u8::try_from(n).ok());
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.0,
                Learned {
                    interview_id: r.1,
                    person_name: r.2,
                    draws: r.3,
                    gives_pause: r.4,
                    still_to_learn: r.5,
                    qualifications: r.6,
                    fit: rating(r.7),
                    likability: rating(r.8),
                    setting: rating(r.9),
                },
            )
        })
        .collect())
}

/// People who ever reached each step, read from the status history (not
/// from where each interview stands now: one closed after it was held still
/// counts as held).
async fn funnel(db: &Db, account: &AccountId) -> Result<[u64; 7]> {
    let reached = |step: Step, from: usize| {
        format!(
            "(SELECT count(DISTINCT i.person_id) FROM status_changes s \
             JOIN interviews i ON i.id = s.interview_id \
             WHERE s.account_id = $1 AND s.to_status IN ({}))",
            placeholders(from, step.reached_by().len())
        )
    };
    let steps = [Step::Requested, Step::Scheduled, Step::Held, Step::Thanked];
    let mut next = 3;
    let mut parts = Vec::new();
    for step in steps {
        parts.push(reached(step, next));
        next += step.reached_by().len();
    }
    let asked = placeholders(next, Step::Requested.reached_by().len());
    let sql = format!(
        "SELECT (SELECT count(*) FROM people WHERE account_id = $1), \
         (SELECT count(*) FROM (SELECT person_id FROM correspondence WHERE account_id = $1 AND direction = $2 \
          UNION SELECT i.person_id FROM status_changes s JOIN interviews i ON i.id = s.interview_id \
          WHERE s.account_id = $1 AND s.to_status IN ({asked})) AS reached), \
         {}, \
         (SELECT count(DISTINCT referred_by_id) FROM people WHERE account_id = $1 AND referred_by_id IS NOT NULL)",
        parts.join(", ")
    );
    let row: (i64, i64, i64, i64, i64, i64, i64) = on_pool!(db, pool => {
        let mut q = sqlx::query_as(&sql)
            .bind(account.as_str())
            .bind(Direction::Out.as_str());
        for step in steps {
            for s in step.reached_by() {
                q = q.bind(s.as_str());
            }
        }
        for s in Step::Requested.reached_by() {
            q = q.bind(s.as_str());
        }
        q.fetch_one(pool).await?
    });
    let unsigned = |n: i64| u64::try_from(n).unwrap_or(0);
    Ok([
        unsigned(row.0),
        unsigned(row.1),
        unsigned(row.2),
        unsigned(row.3),
        unsigned(row.4),
        unsigned(row.5),
        unsigned(row.6),
    ])
}

/// Moves along the pipeline (an interview planned included) and contacts
/// you made, per day, since [`ACTIVITY_DAYS`] ago.
async fn activity(
    db: &Db,
    account: &AccountId,
    now: DateTime<Utc>,
) -> Result<Vec<(NaiveDate, u64)>> {
    let since = time::encode(now - Duration::days(ACTIVITY_DAYS));
    let rows: Vec<(String, i64)> = on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT day, count(*) FROM ( \
               SELECT substr(changed_at, 1, 10) AS day FROM status_changes WHERE account_id = $1 AND changed_at >= $2 \
               UNION ALL \
               SELECT substr(occurred_at, 1, 10) AS day FROM correspondence \
               WHERE account_id = $1 AND direction = $3 AND occurred_at >= $2 \
             ) moves GROUP BY day ORDER BY day",
        )
        .bind(account.as_str())
        .bind(since)
        .bind(Direction::Out.as_str())
        .fetch_all(pool)
        .await?
    });
    rows.into_iter()
        .map(|(day, n)| {
            let day = NaiveDate::parse_from_str(&day, "%Y-%m-%d")
                .map_err(|_| StoreError::Corrupt(format!("a day \"{day}\"")))?;
            Ok((day, u64::try_from(n).unwrap_or(0)))
        })
        .collect()
}

/// The latest requests for a conversation (introductions and follow-ups you
/// made), each with the first answer after it: a contact from the person,
/// or one whose outcome says they answered.
async fn requests(db: &Db, account: &AccountId) -> Result<Vec<Request>> {
    let answers: Vec<&str> = Outcome::ALL
        .iter()
        .filter(|o| o.is_answer())
        .map(|o| o.as_str())
        .collect();
    let sql = format!(
        "SELECT c.channel, p.source, c.occurred_at, \
         (SELECT min(r.occurred_at) FROM correspondence r \
          WHERE r.account_id = $1 AND r.person_id = c.person_id AND r.occurred_at >= c.occurred_at \
          AND r.id <> c.id AND (r.direction = $4 OR r.outcome IN ({}))) \
         FROM correspondence c JOIN people p ON p.id = c.person_id \
         WHERE c.account_id = $1 AND c.direction = $2 AND c.kind IN ($3, $5) \
         ORDER BY c.occurred_at DESC, c.id LIMIT $6",
        placeholders(7, answers.len())
    );
    let rows: Vec<(String, String, String, Option<String>)> = on_pool!(db, pool => {
        let mut q = sqlx::query_as(&sql)
            .bind(account.as_str())
            .bind(Direction::Out.as_str())
            .bind(Purpose::Introduction.as_str())
            .bind(Direction::In.as_str())
            .bind(Purpose::FollowUp.as_str())
            .bind(OUTREACH);
        for a in &answers {
            q = q.bind(*a);
        }
        q.fetch_all(pool).await?
    });
    rows.into_iter()
        .map(|(channel, source, sent, answered)| {
            Ok(Request {
                channel,
                source,
                sent: time::decode(&sent)?,
                answered: time::decode_opt(answered.as_deref())?,
            })
        })
        .collect()
}
