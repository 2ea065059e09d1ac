//! Accounts: the owner of every row. Local mode has a single account, made on
//! first use; server mode has students, counselors and admins who sign in
//! with an email and a password (only its Argon2id hash is stored).

use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::ids::new_id;
use crate::time;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// The id of the account that owns the rows a call reads or writes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct AccountId(String);

impl AccountId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn from_stored(id: String) -> Self {
        Self(id)
    }
}

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The single account of local mode.
    Local,
    /// A student on a career center's server.
    Student,
    /// A counselor who sees shared progress.
    Counselor,
    /// An administrator.
    Admin,
}

impl Kind {
    /// The kind as stored and shown (`student`, `counselor`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Local => "local",
            Kind::Student => "student",
            Kind::Counselor => "counselor",
            Kind::Admin => "admin",
        }
    }

    /// Reads a stored or typed kind.
    pub fn parse(raw: &str) -> Option<Kind> {
        [Kind::Local, Kind::Student, Kind::Counselor, Kind::Admin]
            .into_iter()
            .find(|k| k.as_str() == raw)
    }
}

/// The local account, created on first use. Safe to call from many
/// processes at once: a unique index allows only one local account.
pub async fn local(db: &Db, now: DateTime<Utc>) -> Result<AccountId> {
    const FIND: &str = "SELECT id FROM accounts WHERE kind = 'local'";
    if let Some(id) =
        on_pool!(db, pool => sqlx::query_scalar::<_, String>(FIND).fetch_optional(pool).await?)
    {
        return Ok(AccountId(id));
    }
    let id = in_tx!(db, tx => {
        sqlx::query(
            "INSERT INTO accounts (id, kind, display_name, created_at) VALUES ($1, 'local', '', $2) \
             ON CONFLICT DO NOTHING",
        )
        .bind(new_id())
        .bind(time::encode(now))
        .execute(&mut *tx)
        .await?;
        sqlx::query_scalar::<_, String>(FIND).fetch_one(&mut *tx).await?
    });
    Ok(AccountId(id))
}

/// An account as the admin and the account page see it; never its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    /// Its id.
    pub id: AccountId,
    /// What it may do.
    #[serde(serialize_with = "kind_text")]
    pub kind: Kind,
    /// The sign-in address (empty for the local account).
    pub email: String,
    /// Whether a password has been set (an account made by an admin has
    /// none until its one-time link is used).
    pub has_password: bool,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

fn kind_text<S: serde::Serializer>(kind: &Kind, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(kind.as_str())
}

/// What signing in compares against.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// The account.
    pub account: AccountId,
    /// Its kind.
    pub kind: Kind,
    /// The stored Argon2id hash in PHC form, if a password was set.
    pub password_hash: Option<String>,
}

type AccountRow = (String, String, Option<String>, bool, String);

const ACCOUNT_COLUMNS: &str =
    "id, kind, email, password_hash IS NOT NULL AS has_password, created_at";

fn account(row: AccountRow) -> Result<Account> {
    let (id, kind, email, has_password, created_at) = row;
    Ok(Account {
        id: AccountId(id),
        kind: Kind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("account kind \"{kind}\"")))?,
        email: email.unwrap_or_default(),
        has_password,
        created_at: time::decode(&created_at)?,
    })
}

/// An address as accounts keep it: trimmed and in lower case, so
/// `Ada@Example.org` and `ada@example.org` are one account.
pub fn normal_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// True when the database refused a row because its email is taken.
pub(crate) fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(db) if db.is_unique_violation())
}

pub(crate) fn email_taken(email: &str) -> StoreError {
    rapport_core::FieldError::new("email", format!("{email} already has an account")).into()
}

/// Inserts an account row inside a transaction; a taken email becomes the
/// field error.
macro_rules! insert {
    ($tx:expr, $id:expr, $kind:expr, $email:expr, $hash:expr, $now:expr) => {{
        let kind: $crate::accounts::Kind = $kind;
        let email: &str = $email;
        match sqlx::query(
            "INSERT INTO accounts (id, kind, email, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind($id)
        .bind(kind.as_str())
        .bind(email)
        .bind($hash)
        .bind($crate::time::encode($now))
        .execute(&mut *$tx)
        .await
        {
            Ok(_) => Ok(()),
            Err(e) if $crate::accounts::is_unique_violation(&e) => {
                Err($crate::accounts::email_taken(email))
            }
            Err(e) => Err($crate::error::StoreError::from(e)),
        }
    }};
}

pub(crate) use insert;

/// Creates a signed-in account (server mode) with `password_hash`, or with
/// none (it is then set through a one-time link). An address already in use
/// is refused as a field error on `email`.
pub async fn create(
    db: &Db,
    kind: Kind,
    email: &str,
    password_hash: Option<&str>,
    now: DateTime<Utc>,
) -> Result<AccountId> {
    let id = new_id();
    let email = normal_email(email);
    in_tx!(db, tx => {
        insert!(tx, &id, kind, &email, password_hash, now)?;
    });
    Ok(AccountId(id))
}

/// The account signed in with `email`, if any.
pub async fn by_email(db: &Db, email: &str) -> Result<Option<Account>> {
    let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE email = $1");
    let row: Option<AccountRow> = on_pool!(db, pool => {
        sqlx::query_as(&sql).bind(normal_email(email)).fetch_optional(pool).await?
    });
    row.map(account).transpose()
}

/// One account by id.
pub async fn find(db: &Db, id: &AccountId) -> Result<Option<Account>> {
    let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = $1");
    let row: Option<AccountRow> = on_pool!(db, pool => {
        sqlx::query_as(&sql).bind(id.as_str()).fetch_optional(pool).await?
    });
    row.map(account).transpose()
}

/// Every signed-in account, by email (for the admin).
pub async fn list(db: &Db) -> Result<Vec<Account>> {
    let sql =
        format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE kind <> 'local' ORDER BY email");
    let rows: Vec<AccountRow> = on_pool!(db, pool => sqlx::query_as(&sql).fetch_all(pool).await?);
    rows.into_iter().map(account).collect()
}

/// What signing in with `email` is checked against.
pub async fn credentials(db: &Db, email: &str) -> Result<Option<Credentials>> {
    let row: Option<(String, String, Option<String>)> = on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT id, kind, password_hash FROM accounts WHERE email = $1 AND kind <> 'local'",
        )
        .bind(normal_email(email))
        .fetch_optional(pool)
        .await?
    });
    row.map(|(id, kind, password_hash)| {
        Ok(Credentials {
            account: AccountId(id),
            kind: Kind::parse(&kind)
                .ok_or_else(|| StoreError::Corrupt(format!("account kind \"{kind}\"")))?,
            password_hash,
        })
    })
    .transpose()
}

/// The stored hash of `account`'s password (to confirm it before a change).
pub async fn password_hash(db: &Db, account: &AccountId) -> Result<Option<String>> {
    Ok(on_pool!(db, pool => {
        sqlx::query_scalar::<_, Option<String>>("SELECT password_hash FROM accounts WHERE id = $1")
            .bind(account.as_str())
            .fetch_optional(pool)
            .await?
            .flatten()
    }))
}

/// Inside a write transaction: sets the account's password hash, ends every
/// session of the account but `keep` (the one that made the change, or none)
/// and revokes its API tokens. A session or a token made by whoever knew the
/// old password must not outlive it, however the password was replaced (the
/// account page, a reset link).
macro_rules! replace_password {
    ($tx:ident, $account:expr, $password_hash:expr, $keep:expr) => {{
        let account: &str = $account;
        sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
            .bind($password_hash)
            .bind(account)
            .execute(&mut *$tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND id <> $2")
            .bind(account)
            .bind($keep.unwrap_or(""))
            .execute(&mut *$tx)
            .await?;
        sqlx::query("UPDATE api_tokens SET revoked_at = coalesce(revoked_at, created_at) WHERE account_id = $1")
            .bind(account)
            .execute(&mut *$tx)
            .await?;
    }};
}

/// Sets `account`'s password hash, with every session but `keep` ended and
/// every API token revoked, in one transaction.
pub async fn set_password(
    db: &Db,
    account: &AccountId,
    password_hash: &str,
    keep: Option<&str>,
) -> Result<()> {
    in_tx!(db, tx => {
        replace_password!(tx, account.as_str(), password_hash, keep);
    });
    Ok(())
}

/// Deletes `account` and every row it owns, in one transaction. Rows that
/// name the account as a counselor (its shares) go with it; a student's
/// access log keeps the counselor's address as text.
pub async fn delete(db: &Db, account: &AccountId) -> Result<()> {
    in_tx!(db, tx => {
        // The search index has no foreign key to cascade along. On SQLite
        // the full-text rows go first: left behind, their rowids would be
        // handed out again and refuse the next account's records.
        if db.backend() == "sqlite" {
            sqlx::query("DELETE FROM search_fts WHERE rowid IN (SELECT doc FROM search_docs WHERE account_id = $1)")
                .bind(account.as_str())
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("DELETE FROM search_docs WHERE account_id = $1")
            .bind(account.as_str())
            .execute(&mut *tx)
            .await?;
        let deleted = sqlx::query("DELETE FROM accounts WHERE id = $1 AND kind <> 'local'")
            .bind(account.as_str())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if deleted == 0 {
            return Err(StoreError::NotFound {
                kind: "account",
                id: account.as_str().to_owned(),
            });
        }
    });
    Ok(())
}
