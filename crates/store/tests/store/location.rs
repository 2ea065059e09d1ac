//! Opening a database that is not rapport's, or that does not exist where
//! it was asked for, changes nothing and says why.

use crate::common::PG_ENV;
use rapport_store::{Db, Location, StoreError};
use sqlx::{Connection, Executor};

#[tokio::test]
async fn another_programs_sqlite_file_is_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("theirs.db");
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true);
    let mut conn = sqlx::SqliteConnection::connect_with(&options)
        .await
        .unwrap();
    conn.execute("CREATE TABLE people (who TEXT)")
        .await
        .unwrap();
    conn.close().await.unwrap();
    let before = std::fs::read(&path).unwrap();

    let err = Db::open(&Location::Sqlite(path.clone())).await.unwrap_err();
    assert!(matches!(err, StoreError::Location(_)), "{err}");
    assert!(
        err.to_string()
            .contains("another program's tables (people)"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file was changed"
    );
    assert!(!dir.path().join("theirs.db-wal").exists());

    // rapport's own file opens again and again.
    let ours = dir.path().join("ours.db");
    Db::open(&Location::Sqlite(ours.clone()))
        .await
        .unwrap()
        .close()
        .await;
    Db::open(&Location::Sqlite(ours))
        .await
        .unwrap()
        .close()
        .await;
}

#[tokio::test]
async fn another_programs_postgres_schema_is_left_untouched() {
    let Ok(url) = std::env::var(PG_ENV) else {
        return;
    };
    let schema = format!("t_{}", rapport_store::ids::new_id().replace('-', ""));
    let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
    conn.execute(
        format!("CREATE SCHEMA {schema}; CREATE TABLE {schema}.people (who TEXT)").as_str(),
    )
    .await
    .unwrap();
    let sep = if url.contains('?') { '&' } else { '?' };
    let location = Location::Postgres(format!("{url}{sep}options=-csearch_path%3D{schema}"));
    let err = Db::open(&location).await.unwrap_err();
    assert!(
        err.to_string()
            .contains("another program's tables (people)"),
        "{err}"
    );
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = $1",
    )
    .bind(&schema)
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert_eq!(tables, vec!["people".to_owned()]);
    conn.execute(format!("DROP SCHEMA {schema} CASCADE").as_str())
        .await
        .unwrap();
    conn.close().await.unwrap();
}
