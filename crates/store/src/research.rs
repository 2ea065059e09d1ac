//! Research notes, one per source, kept the same way for organizations
//! (`organization_research`) and fields (`field_research`).

use crate::accounts::AccountId;
use crate::db::Db;
use crate::error::Result;
use crate::ids::placeholders;

/// Whose research notes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Notes {
    Organization,
    Field,
}

impl Notes {
    pub(crate) fn table(self) -> &'static str {
        match self {
            Notes::Organization => "organization_research",
            Notes::Field => "field_research",
        }
    }

    pub(crate) fn owner(self) -> &'static str {
        match self {
            Notes::Organization => "organization_id",
            Notes::Field => "field_id",
        }
    }
}

/// (owner id, source, note) of every note of the `owners`, in stored order.
pub(crate) async fn load(
    db: &Db,
    account: &AccountId,
    notes: Notes,
    owners: &[&str],
) -> Result<Vec<(String, String, String)>> {
    if owners.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {owner}, source, note FROM {table} WHERE account_id = $1 AND {owner} IN ({list}) \
         ORDER BY {owner}, position",
        owner = notes.owner(),
        table = notes.table(),
        list = placeholders(2, owners.len())
    );
    Ok(on_pool!(db, pool => {
        let mut q = sqlx::query_as(&sql).bind(account.as_str());
        for id in owners {
            q = q.bind(*id);
        }
        q.fetch_all(pool).await?
    }))
}

/// Replaces the notes of one owner, inside a write transaction. `$research`
/// yields items with `source` (a text enum) and `note`.
macro_rules! write_research {
    ($tx:ident, $notes:expr, $account:expr, $id:expr, $research:expr) => {{
        let notes: $crate::research::Notes = $notes;
        let delete = format!("DELETE FROM {} WHERE account_id = $1 AND {} = $2", notes.table(), notes.owner());
        sqlx::query(&delete)
            .bind($account.as_str())
            .bind($id)
            .execute(&mut *$tx)
            .await?;
        let insert = format!(
            "INSERT INTO {} (id, account_id, {}, source, note, position) VALUES ($1, $2, $3, $4, $5, $6)",
            notes.table(),
            notes.owner()
        );
        for (position, r) in $research.iter().enumerate() {
            sqlx::query(&insert)
                .bind($crate::ids::new_id())
                .bind($account.as_str())
                .bind($id)
                .bind(r.source.as_str())
                .bind(&r.note)
                .bind(position as i64)
                .execute(&mut *$tx)
                .await?;
        }
    }};
}
