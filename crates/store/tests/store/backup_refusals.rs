//! Restore checks every row as the forms would, and every reference against
//! the rows of the backup: each bad backup is refused naming its table, row
//! and column, and the workbench it was restored into stays empty.

use crate::backup::normalise;
use crate::common::{TestDb, now, on_both};
use rapport_core::validated::TimeZone;
use rapport_store::{StoreError, backup, demo};
use serde_json::{Value, json};

on_both!(each_bad_backup_is_refused_at_its_place);

/// (table, row index, column, value, what the message must say).
fn cases(doc: &Value) -> Vec<(&'static str, usize, &'static str, Value, &'static str)> {
    let org_id = doc["tables"]["organizations"][0]["id"].clone();
    vec![
        // Out of the forms' ranges: Today and the calendar would fail on it.
        ("people", 0, "cadence_days", json!(-999_999_999), "1 to 730"),
        ("people", 0, "cadence_days", json!(0), "1 to 730"),
        (
            "interviews",
            0,
            "length_minutes",
            json!(0),
            "between 5 and 120",
        ),
        (
            "reflections",
            0,
            "field_fit_rating",
            json!(9),
            "from 1 to 5",
        ),
        ("plan_items", 0, "minutes", json!(999), "from 1 to 30"),
        ("plan_items", 0, "priority", json!(7), "not a priority"),
        ("person_contacts", 0, "position", json!(-1), "not a place"),
        // Single-line values refuse CR, LF and NUL.
        ("people", 0, "name", json!("Ada\rLovelace"), "one line"),
        ("people", 0, "name", json!("Ada\nLovelace"), "one line"),
        ("people", 0, "name", json!("Ada\0Lovelace"), "one line"),
        (
            "organizations",
            0,
            "name",
            json!("Engines\nLtd"),
            "one line",
        ),
        ("fields", 0, "title", json!("Data\0science"), "one line"),
        ("tasks", 0, "title", json!("Call\r\nback"), "one line"),
        ("person_tags", 0, "tag", json!("a\u{1b}[31m"), "one line"),
        // Multi-line values keep newlines but refuse NUL and other controls.
        (
            "people",
            0,
            "notes",
            json!("fine\nbut\0not"),
            "control character",
        ),
        ("answers", 0, "body", json!("\u{7}"), "control character"),
        // A closed list takes its stored names only.
        (
            "people",
            0,
            "source",
            json!("Co_Worker"),
            "should be written co-worker",
        ),
        // References to rows the backup does not hold, named before any write.
        (
            "people",
            0,
            "organization_id",
            json!("no-such-org"),
            "missing organizations no-such-org",
        ),
        // An id of another table is no person either.
        ("interviews", 0, "person_id", org_id, "missing people"),
        (
            "people",
            0,
            "referred_by_id",
            json!("nobody"),
            "missing people nobody",
        ),
        (
            "answers",
            0,
            "plan_item_id",
            json!("gone"),
            "missing plan_items gone",
        ),
    ]
}

async fn each_bad_backup_is_refused_at_its_place(t: &TestDb) {
    demo::load(&t.db, &t.account, TimeZone::utc(), now())
        .await
        .unwrap();
    let doc = backup::export(&t.db, &t.account, now()).await.unwrap();
    let empty = t.other_account().await;
    let before = normalise(&backup::export(&t.db, &empty, now()).await.unwrap());
    let refused = async |bad: &Value| -> String {
        match backup::restore(&t.db, &empty, bad).await {
            Err(StoreError::Invalid(errors)) => errors
                .for_field("backup")
                .unwrap_or_else(|| panic!("not a backup error: {errors}"))
                .to_owned(),
            other => panic!("not refused as invalid: {other:?}"),
        }
    };
    for (table, row, col, value, says) in cases(&doc) {
        let mut bad = doc.clone();
        bad["tables"][table][row][col] = value.clone();
        let message = refused(&bad).await;
        let place = format!("{table} row {}, {col}", row + 1);
        assert!(
            message.contains(&place) && message.contains(says),
            "{place} = {value}: {message}"
        );
        assert_eq!(
            backup::check(&bad).unwrap_err().to_string(),
            format!("backup: {message}")
        );
    }
    // Two rows with one id: named by both rows.
    let mut twice = doc.clone();
    twice["tables"]["people"][1]["id"] = doc["tables"]["people"][0]["id"].clone();
    let message = refused(&twice).await;
    assert!(
        message.contains("people row 2, id repeats the id of row 1"),
        "{message}"
    );
    // A constraint only the database knows (one tag twice) still names the row.
    let mut tags = doc.clone();
    let first = doc["tables"]["person_tags"][0].clone();
    tags["tables"]["person_tags"]
        .as_array_mut()
        .unwrap()
        .push(first);
    let rows = doc["tables"]["person_tags"].as_array().unwrap().len();
    let message = refused(&tags).await;
    assert!(
        message.contains(&format!("person_tags row {}", rows + 1)),
        "{message}"
    );
    // Nothing of any refused restore stayed behind.
    let after = normalise(&backup::export(&t.db, &empty, now()).await.unwrap());
    assert_eq!(before, after);
    let left = backup::export(&t.db, &empty, now()).await.unwrap();
    for (table, rows) in left["tables"].as_object().unwrap() {
        if table != "profiles" {
            assert_eq!(rows, &json!([]), "{table} is not empty");
        }
    }
    // And the untouched backup still restores.
    backup::restore(&t.db, &empty, &doc).await.unwrap();
}
