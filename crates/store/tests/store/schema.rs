//! The two migration folders stay mirrored, and produce the same tables and
//! columns on both backends. The full-text search tables (`search_…`) are the
//! one documented difference: FTS5 on SQLite, a tsvector on PostgreSQL.

use rapport_store::Db;
use std::collections::BTreeSet;

#[test]
fn migration_folders_mirror_each_other() {
    let (sqlite, postgres) = rapport_store::migration_versions();
    assert!(!sqlite.is_empty());
    assert_eq!(
        sqlite, postgres,
        "migrations/sqlite and migrations/postgres differ"
    );
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let names = |backend: &str| -> BTreeSet<String> {
        std::fs::read_dir(dir.join(backend))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(names("sqlite"), names("postgres"));
}

/// (table, column, kind, not null) with types reduced to what both share:
/// text, integer (flags are integers on SQLite and booleans on PostgreSQL).
type Column = (String, String, &'static str, bool);

async fn sqlite_columns(db: &Db) -> BTreeSet<Column> {
    let Db::Sqlite(pool) = db else { unreachable!() };
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT m.name, c.name, c.type, c.\"notnull\" FROM sqlite_master m, pragma_table_xinfo(m.name) c \
         WHERE m.type = 'table' AND c.hidden <> 1 AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations' \
         AND m.name NOT LIKE 'search_%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    rows.into_iter()
        .map(|(t, c, ty, nn)| {
            let kind = match ty.as_str() {
                "TEXT" => "text",
                "INTEGER" => "integer",
                other => panic!("{t}.{c} has type {other}; use TEXT or INTEGER"),
            };
            // A primary key column is NOT NULL on PostgreSQL; say so here too.
            (t, c, kind, nn == 1)
        })
        .collect()
}

async fn postgres_columns(db: &Db) -> BTreeSet<Column> {
    let Db::Postgres(pool) = db else {
        unreachable!()
    };
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text \
         FROM information_schema.columns WHERE table_schema = current_schema() \
         AND table_name <> '_sqlx_migrations' AND table_name NOT LIKE 'search_%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    rows.into_iter()
        .map(|(t, c, ty, nullable)| {
            let kind = match ty.as_str() {
                "text" => "text",
                "bigint" | "boolean" => "integer",
                other => panic!("{t}.{c} has type {other}; use text, bigint or boolean"),
            };
            (t, c, kind, nullable == "NO")
        })
        .collect()
}

async fn primary_keys(db: &Db) -> BTreeSet<(String, String)> {
    let Db::Sqlite(pool) = db else { unreachable!() };
    sqlx::query_as(
        "SELECT m.name, c.name FROM sqlite_master m, pragma_table_info(m.name) c \
         WHERE m.type = 'table' AND c.pk > 0 AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations' \
         AND m.name NOT LIKE 'search_%'",
    )
    .fetch_all(pool)
    .await
    .unwrap()
    .into_iter()
    .collect()
}

#[tokio::test]
async fn sqlite_tables_are_strict() {
    let t = crate::common::sqlite().await;
    let Db::Sqlite(pool) = &t.db else {
        unreachable!()
    };
    let loose: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' \
         AND strict = 0 AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' \
         AND name NOT LIKE 'search_fts%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert!(loose.is_empty(), "tables without STRICT: {loose:?}");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(pool)
        .await
        .unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!((fk, mode.as_str()), (1, "wal"));
    t.finish().await;
}

#[tokio::test]
async fn schema_is_the_same_on_both_backends() {
    let lite = crate::common::sqlite().await;
    let Some(pg) = crate::common::postgres().await else {
        return;
    };
    let keys = primary_keys(&lite.db).await;
    let sqlite: BTreeSet<Column> = sqlite_columns(&lite.db)
        .await
        .into_iter()
        .map(|(t, c, k, nn)| {
            let pk = keys.contains(&(t.clone(), c.clone()));
            (t, c, k, nn || pk)
        })
        .collect();
    let postgres = postgres_columns(&pg.db).await;
    let only_sqlite: Vec<_> = sqlite.difference(&postgres).collect();
    let only_postgres: Vec<_> = postgres.difference(&sqlite).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "only on SQLite: {only_sqlite:?}\nonly on PostgreSQL: {only_postgres:?}"
    );
    assert!(sqlite.len() > 100, "the model has {} columns", sqlite.len());
    lite.finish().await;
    pg.finish().await;
}

/// Every (table, column) of the live schema, the engine's own tables aside.
async fn live_columns(db: &Db) -> BTreeSet<(String, String)> {
    let rows: Vec<(String, String)> = match db {
        Db::Sqlite(pool) => sqlx::query_as(
            // xinfo: generated columns too; a virtual table's hidden ones are not columns.
            "SELECT m.name, c.name FROM sqlite_master m, pragma_table_xinfo(m.name) c \
             WHERE m.type = 'table' AND c.hidden <> 1 AND m.name NOT LIKE 'sqlite_%'",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
        Db::Postgres(pool) => sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = current_schema()",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
    };
    rows.into_iter().collect()
}

crate::common::on_both!(the_backup_accounts_for_every_column);

/// A column added to the schema must be carried by the backup or left out
/// of it with a reason: `interviews.status_changed_at` was once forgotten,
/// and restored workbenches counted their reminders from other times.
async fn the_backup_accounts_for_every_column(t: &crate::common::TestDb) {
    use rapport_store::backup::{LEFT_OUT, described_columns};
    let live = live_columns(&t.db).await;
    let carried: BTreeSet<(String, String)> = described_columns()
        .into_iter()
        .map(|(t, c)| (t.to_owned(), c.to_owned()))
        .collect();
    let left_out = |table: &str, column: &str| {
        LEFT_OUT
            .iter()
            .any(|(t, c, _)| *t == table && (*c == column || *c == "*"))
    };
    let forgotten: Vec<_> = live
        .iter()
        .filter(|(t, c)| !carried.contains(&(t.clone(), c.clone())) && !left_out(t, c))
        .collect();
    assert!(
        forgotten.is_empty(),
        "columns neither in backup TABLES nor in backup::LEFT_OUT: {forgotten:?}"
    );
    let phantom: Vec<_> = carried.difference(&live).collect();
    assert!(
        phantom.is_empty(),
        "described but not in the schema: {phantom:?}"
    );
    for (table, column, why) in LEFT_OUT {
        assert!(
            !why.trim().is_empty(),
            "{table}.{column} is left out without a reason"
        );
        assert!(
            carried
                .iter()
                .all(|(t, c)| !(t == table && (c == column || *column == "*"))),
            "{table}.{column} is both carried and left out"
        );
        if *column != "*" {
            assert!(
                live.contains(&(table.to_string(), column.to_string())),
                "{table}.{column} is left out but not in the schema"
            );
        }
    }
    // Every table is accounted for, not only its columns.
    let tables: BTreeSet<&str> = live.iter().map(|(t, _)| t.as_str()).collect();
    assert!(tables.contains("interviews") && tables.contains("imports"));
    assert!(carried.contains(&("interviews".into(), "status_changed_at".into())));
}
