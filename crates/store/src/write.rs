//! Statements shared by the functions that write people: one place for the
//! SQL, used inside a caller's transaction.

/// Removes a person's contacts and tags before they are written again.
macro_rules! clear_children {
    ($tx:ident, $account:expr, $id:expr) => {{
        sqlx::query("DELETE FROM person_contacts WHERE person_id = $2 AND account_id = $1")
            .bind($account.as_str())
            .bind($id)
            .execute(&mut *$tx)
            .await?;
        sqlx::query("DELETE FROM person_tags WHERE person_id = $2 AND account_id = $1")
            .bind($account.as_str())
            .bind($id)
            .execute(&mut *$tx)
            .await?;
    }};
}

/// Writes a person's contacts and tags (new rows only; see `clear_children!`).
macro_rules! write_children {
    ($tx:ident, $account:expr, $id:expr, $input:expr, $batch:expr) => {{
        let contacts = $input
            .emails
            .iter()
            .map(|e| ("email", e.as_str()))
            .chain($input.phones.iter().map(|p| ("phone", p.as_str())))
            .chain($input.links.iter().map(|l| ("link", l.as_str())));
        for (position, (kind, value)) in contacts.enumerate() {
            sqlx::query(
                "INSERT INTO person_contacts (id, account_id, person_id, kind, value, position, import_batch_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind($crate::ids::new_id())
            .bind($account.as_str())
            .bind($id)
            .bind(kind)
            .bind(value)
            .bind(position as i64)
            .bind($batch)
            .execute(&mut *$tx)
            .await?;
        }
        for (position, tag) in $input.tags.iter().enumerate() {
            sqlx::query(
                "INSERT INTO person_tags (account_id, person_id, tag, position) VALUES ($1, $2, $3, $4)",
            )
            .bind($account.as_str())
            .bind($id)
            .bind(tag)
            .bind(position as i64)
            .execute(&mut *$tx)
            .await?;
        }
    }};
}

/// Inserts one person with their contacts and tags; `$batch` is the import
/// batch, if any.
macro_rules! insert_person {
    ($tx:ident, $account:expr, $id:expr, $input:expr, $referred_in:expr, $at:expr, $batch:expr) => {{
        sqlx::query(
            "INSERT INTO people (id, account_id, name, organization_id, title, notes, source, \
             hiring_authority, referred_by_id, may_name_referrer, business_card, stay_in_touch, \
             cadence_days, connected_on, referred_in_interview_id, created_at, updated_at, import_batch_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17)",
        )
        .bind($id)
        .bind($account.as_str())
        .bind($input.name.as_str())
        .bind($input.organization_id.as_deref())
        .bind($input.title.as_deref())
        .bind(&$input.notes)
        .bind($input.source.as_str())
        .bind($input.hiring_authority)
        .bind($input.referred_by_id.as_deref())
        .bind($input.may_name_referrer)
        .bind($input.business_card)
        .bind($input.stay_in_touch)
        .bind($input.cadence_days.map(i64::from))
        .bind($input.connected_on.map(|d| d.to_string()))
        .bind($referred_in)
        .bind($at)
        .bind($batch)
        .execute(&mut *$tx)
        .await?;
        write_children!($tx, $account, $id, $input, $batch);
    }};
}
