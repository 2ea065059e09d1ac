//! Statements shared by the functions that write people and organizations:
//! one place for the SQL, used inside a caller's transaction.

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

/// Binds a person's twelve values, `name` to `connected_on`, in the column
/// order both the insert and the update use (their `$3` to `$14`).
macro_rules! bind_person_values {
    ($query:expr, $input:expr) => {
        $query
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
    };
}

/// Inserts one person with their contacts and tags; `$batch` is the import
/// batch, if any.
macro_rules! insert_person {
    ($tx:ident, $account:expr, $id:expr, $input:expr, $referred_in:expr, $at:expr, $batch:expr) => {{
        let query = sqlx::query(
            "INSERT INTO people (id, account_id, name, organization_id, title, notes, source, \
             hiring_authority, referred_by_id, may_name_referrer, business_card, stay_in_touch, \
             cadence_days, connected_on, referred_in_interview_id, created_at, updated_at, import_batch_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17)",
        )
        .bind($id)
        .bind($account.as_str());
        bind_person_values!(query, $input)
        .bind($referred_in)
        .bind($at)
        .bind($batch)
        .execute(&mut *$tx)
        .await?;
        write_children!($tx, $account, $id, $input, $batch);
    }};
}

/// Replaces person `$id`'s values, contacts and tags with `$input`.
macro_rules! update_person {
    ($tx:ident, $account:expr, $id:expr, $input:expr, $at:expr) => {{
        let query = sqlx::query(
            "UPDATE people SET name = $3, organization_id = $4, title = $5, notes = $6, source = $7, \
             hiring_authority = $8, referred_by_id = $9, may_name_referrer = $10, business_card = $11, \
             stay_in_touch = $12, cadence_days = $13, connected_on = $14, updated_at = $15 \
             WHERE account_id = $1 AND id = $2",
        )
        .bind($account.as_str())
        .bind($id);
        bind_person_values!(query, $input)
        .bind($at)
        .execute(&mut *$tx)
        .await?;
        clear_children!($tx, $account, $id);
        write_children!($tx, $account, $id, $input, None::<&str>);
    }};
}

/// Inserts organization `$id` with its research notes.
macro_rules! insert_organization {
    ($tx:ident, $account:expr, $id:expr, $input:expr, $at:expr) => {{
        sqlx::query(
            "INSERT INTO organizations (id, account_id, name, website, products, entry_level_jobs, \
             hiring_procedure, org_values, outlook, notes, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
        )
        .bind($id)
        .bind($account.as_str())
        .bind(&$input.name)
        .bind($input.website.as_ref().map(|w| w.as_str()))
        .bind(&$input.products)
        .bind(&$input.entry_level_jobs)
        .bind(&$input.hiring_procedure)
        .bind(&$input.values)
        .bind(&$input.outlook)
        .bind(&$input.notes)
        .bind($at)
        .execute(&mut *$tx)
        .await?;
        write_research!($tx, $crate::research::Notes::Organization, $account, $id, $input.research);
    }};
}
