//! Restore keeps each row's id unless the database already has it: a
//! workbench moved to a new database keeps its links, calendar UIDs and
//! import batches; restored beside the original (ids taken), it gets new ids
//! and every reference follows.

use crate::backup::normalise;
use crate::common::{TestDb, now, on_both};
use rapport_core::import::{Format, parse};
use rapport_core::validated::TimeZone;
use rapport_store::imports::{self, OnDuplicate};
use rapport_store::{backup, demo};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The sample network plus one import, so batches travel too; with the
/// import's batch id.
async fn network(t: &TestDb) -> (Value, String) {
    demo::load(&t.db, &t.account, TimeZone::utc(), now())
        .await
        .unwrap();
    let text = include_str!("../../../core/fixtures/import/linkedin.csv");
    let parsed = parse(text, Format::LinkedIn);
    let report = imports::apply(
        &t.db,
        &t.account,
        Format::LinkedIn,
        "Connections.csv",
        &parsed,
        OnDuplicate::Skip,
        now(),
    )
    .await
    .unwrap();
    assert!(report.imported > 0);
    let doc = backup::export(&t.db, &t.account, now()).await.unwrap();
    (doc, report.batch_id)
}

fn without_time(doc: &Value) -> Value {
    let mut doc = doc.clone();
    doc.as_object_mut().unwrap().remove("exported_at");
    doc
}

/// Every row id of the document.
fn ids(doc: &Value) -> BTreeSet<String> {
    doc["tables"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|rows| rows.as_array().unwrap())
        .filter_map(|r| r.get("id").and_then(Value::as_str).map(str::to_owned))
        .collect()
}

/// Each table's rows as a sorted list, so documents compare regardless of
/// the order a new id puts a row in.
fn rows(doc: &Value) -> BTreeMap<String, Vec<String>> {
    doc["tables"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(name, rows)| {
            let mut rows: Vec<String> = rows
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.to_string())
                .collect();
            rows.sort();
            (name.clone(), rows)
        })
        .collect()
}

on_both!(
    a_new_database_keeps_every_id,
    beside_the_original_every_id_is_new,
    only_a_taken_id_changes
);

async fn a_new_database_keeps_every_id(t: &TestDb) {
    let (doc, batch) = network(t).await;
    assert!(
        doc["tables"]["interviews"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["status_changed_at"].is_string()),
        "the backup carries when each interview last moved"
    );
    let moved = t.another_database().await;
    backup::restore(&moved.db, &moved.account, &doc)
        .await
        .unwrap();
    let again = backup::export(&moved.db, &moved.account, now())
        .await
        .unwrap();
    assert_eq!(without_time(&doc), without_time(&again));
    // The import's batch came along: it can still be undone there.
    let removed = imports::undo(&moved.db, &moved.account, &batch, now())
        .await
        .unwrap();
    assert!(removed > 0);
    moved.finish().await;
}

async fn beside_the_original_every_id_is_new(t: &TestDb) {
    let (doc, batch) = network(t).await;
    let other = t.other_account().await;
    backup::restore(&t.db, &other, &doc).await.unwrap();
    let copy = backup::export(&t.db, &other, now()).await.unwrap();
    let (old, new) = (ids(&doc), ids(&copy));
    assert_eq!(old.len(), new.len());
    assert!(old.is_disjoint(&new), "ids already taken must be made anew");
    assert_eq!(normalise(&doc), normalise(&copy));
    // The copy's batch is its own: undoing it leaves the original alone.
    let copied_batch = copy["tables"]["imports"][0]["id"].as_str().unwrap();
    assert_ne!(copied_batch, batch);
    assert!(
        imports::undo(&t.db, &other, copied_batch, now())
            .await
            .unwrap()
            > 0
    );
    assert_eq!(
        without_time(&backup::export(&t.db, &t.account, now()).await.unwrap()),
        without_time(&doc)
    );
}

async fn only_a_taken_id_changes(t: &TestDb) {
    let (doc, _) = network(t).await;
    // An organization that people work at, and that no import made.
    let person_org = |p: &Value| p["organization_id"].as_str().map(str::to_owned);
    let used: BTreeSet<String> = doc["tables"]["people"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(person_org)
        .collect();
    let org = doc["tables"]["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["import_batch_id"].is_null() && used.contains(o["id"].as_str().unwrap()))
        .unwrap()
        .clone();
    let taken = org["id"].as_str().unwrap().to_owned();
    let moved = t.another_database().await;
    // Someone else on the new database already has a row with that id.
    let mut one = doc.clone();
    one["tables"] = serde_json::json!({ "organizations": [org] });
    backup::restore(&moved.db, &moved.account, &one)
        .await
        .unwrap();
    let student = moved.other_account().await;
    backup::restore(&moved.db, &student, &doc).await.unwrap();
    let copy = backup::export(&moved.db, &student, now()).await.unwrap();
    let gained: Vec<String> = ids(&copy).difference(&ids(&doc)).cloned().collect();
    let lost: Vec<String> = ids(&doc).difference(&ids(&copy)).cloned().collect();
    assert_eq!(lost, vec![taken.clone()]);
    assert_eq!(gained.len(), 1);
    // Every reference followed the one new id, and nothing else changed.
    let back: Value = serde_json::from_str(&copy.to_string().replace(&gained[0], &taken)).unwrap();
    assert_eq!(rows(&back), rows(&doc));
    let follows = copy["tables"]["people"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["organization_id"] == gained[0].as_str())
        .count();
    assert!(follows > 0);
    moved.finish().await;
}
