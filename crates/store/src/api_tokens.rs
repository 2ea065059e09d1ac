//! Personal API tokens: a script, a phone shortcut or another system acts
//! for the account that made the token. The secret is shown once when it is
//! made; only its hash is kept. A token can be read-only, and is revoked at
//! once (the next request with it is refused).

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::{Result, StoreError};
use crate::ids::new_id;
use crate::{secrets, time};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

/// How a token's secret begins, so it is recognisable in a script or a
/// leaked log ("rpt_" and 32 hex digits).
pub const PREFIX: &str = "rpt_";

/// A token as its owner sees it (never the secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ApiToken {
    /// Its id.
    pub id: String,
    /// The name its owner gave it ("phone shortcut").
    pub name: String,
    /// It may only read.
    pub read_only: bool,
    /// When it was made.
    pub created_at: String,
    /// When it was last used, if ever.
    pub last_used_at: Option<String>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<String>,
}

/// A token just made: the secret, shown this once.
#[derive(Clone, Serialize)]
pub struct Made {
    /// The token as listed.
    pub token: ApiToken,
    /// The secret to send as `Authorization: Bearer …`.
    pub secret: String,
}

// The secret stays out of logs and panics.
impl std::fmt::Debug for Made {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Made")
            .field("token", &self.token)
            .field("secret", &"…")
            .finish()
    }
}

/// Who a request with a token acts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bearer {
    /// The account the token belongs to.
    pub account: AccountId,
    /// Its kind: a server's student, or the local workbench.
    pub kind: crate::accounts::Kind,
    /// The zone its profile chose, if any (read in the same query).
    pub time_zone: Option<rapport_core::validated::TimeZone>,
    /// The token may only read.
    pub read_only: bool,
}

/// The name of a token: one line, 1 to 100 characters.
fn checked_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(rapport_core::FieldError::new(
            "name",
            "name the token in one line of up to 100 characters (what uses it)",
        )
        .into());
    }
    Ok(name.to_owned())
}

/// Makes a token for `account`.
pub async fn create(
    db: &Db,
    account: &AccountId,
    name: &str,
    read_only: bool,
    now: DateTime<Utc>,
) -> Result<Made> {
    let name = checked_name(name)?;
    let secret = format!("{PREFIX}{}", secrets::new_token()?);
    let id = new_id();
    on_pool!(db, pool => {
        sqlx::query(
            "INSERT INTO api_tokens (id, account_id, name, token_hash, read_only, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&id)
        .bind(account.as_str())
        .bind(&name)
        .bind(secrets::hash(&secret))
        .bind(read_only)
        .bind(time::encode(now))
        .execute(pool)
        .await?;
    });
    let token = list(db, account)
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or_else(|| StoreError::Corrupt(format!("token {id} vanished")))?;
    Ok(Made { token, secret })
}

/// The account's tokens, newest first (revoked ones too, marked).
pub async fn list(db: &Db, account: &AccountId) -> Result<Vec<ApiToken>> {
    Ok(on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT id, name, read_only, created_at, last_used_at, revoked_at FROM api_tokens \
             WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT 200",
        )
        .bind(account.as_str())
        .fetch_all(pool)
        .await?
    }))
}

/// Revokes one of the account's tokens; the next request with it is refused.
pub async fn revoke(db: &Db, account: &AccountId, id: &str, now: DateTime<Utc>) -> Result<()> {
    let changed = on_pool!(db, pool => {
        sqlx::query(
            "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $3) WHERE account_id = $1 AND id = $2",
        )
        .bind(account.as_str())
        .bind(id)
        .bind(time::encode(now))
        .execute(pool)
        .await?
        .rows_affected()
    });
    if changed == 0 {
        return Err(StoreError::NotFound {
            kind: "token",
            id: id.to_owned(),
        });
    }
    Ok(())
}

/// The account a secret acts for, if it is a live token; its last use is
/// written at most once a minute, so a busy script does not write on every
/// read.
pub async fn authenticate(db: &Db, secret: &str, now: DateTime<Utc>) -> Result<Option<Bearer>> {
    let Some(hex) = secret.strip_prefix(PREFIX) else {
        return Ok(None);
    };
    if !secrets::well_formed(hex, 32) {
        return Ok(None);
    }
    type Found = (String, String, String, bool, Option<String>, Option<String>);
    let found: Option<Found> = on_pool!(db, pool => {
        sqlx::query_as(
            "SELECT t.id, t.account_id, a.kind, t.read_only, t.last_used_at, p.time_zone FROM api_tokens t \
             JOIN accounts a ON a.id = t.account_id LEFT JOIN profiles p ON p.account_id = t.account_id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL",
        )
        .bind(secrets::hash(secret))
        .fetch_optional(pool)
        .await?
    });
    let Some((id, account, kind, read_only, last_used, zone)) = found else {
        return Ok(None);
    };
    let kind = crate::accounts::Kind::parse(&kind)
        .ok_or_else(|| StoreError::Corrupt(format!("account kind \"{kind}\"")))?;
    let stale = match last_used.as_deref() {
        None => true,
        Some(at) => time::decode(at)? < now - Duration::minutes(1),
    };
    if stale {
        // Noting the use is a courtesy: a full or read-only disk must not
        // stop a script from reading.
        let noted: std::result::Result<(), sqlx::Error> = on_pool!(db, pool => {
            sqlx::query("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1")
                .bind(&id)
                .bind(time::encode(now))
                .execute(pool)
                .await
                .map(|_| ())
        });
        if let Err(e) = noted {
            tracing::warn!(error = %e, "a token's last use could not be noted");
        }
    }
    Ok(Some(Bearer {
        account: AccountId::from_stored(account),
        kind,
        // A zone this build does not know falls back, as for the pages.
        time_zone: zone.and_then(|z| rapport_core::validated::TimeZone::parse(&z).ok()),
        read_only,
    }))
}
