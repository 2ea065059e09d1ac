//! The JSON backup: demo data → JSON → an empty account → JSON is identical
//! once ids are normalised (each id becomes `table#n`, n its row's position
//! in the export; `exported_at` is dropped), on either backend and across.

use crate::common::{TestDb, now, on_both};
use rapport_core::validated::TimeZone;
use rapport_store::{StoreError, backup, demo};
use serde_json::Value;
use std::collections::HashMap;

/// The documented normalisation of a backup for comparison.
pub fn normalise(doc: &Value) -> String {
    let mut doc = doc.clone();
    let mut labels: HashMap<String, String> = HashMap::new();
    let tables = doc["tables"].as_object().unwrap().clone();
    for (name, rows) in &tables {
        for (i, row) in rows.as_array().unwrap().iter().enumerate() {
            if let Some(id) = row.get("id").and_then(Value::as_str) {
                labels.insert(id.to_owned(), format!("{name}#{i}"));
            }
        }
    }
    fn walk(v: &mut Value, labels: &HashMap<String, String>) {
        match v {
            Value::String(s) => {
                if let Some(l) = labels.get(s.as_str()) {
                    *s = l.clone();
                } else if s.contains(':') {
                    let parts: Vec<String> = s
                        .split(':')
                        .map(|p| labels.get(p).cloned().unwrap_or_else(|| p.to_owned()))
                        .collect();
                    *s = parts.join(":");
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|x| walk(x, labels)),
            Value::Object(o) => o.values_mut().for_each(|x| walk(x, labels)),
            _ => {}
        }
    }
    walk(&mut doc, &labels);
    doc.as_object_mut().unwrap().remove("exported_at");
    serde_json::to_string_pretty(&doc).unwrap()
}

on_both!(
    round_trip_into_an_empty_account,
    restore_refuses_a_full_account_and_bad_documents
);

async fn round_trip_into_an_empty_account(t: &TestDb) {
    demo::load(&t.db, &t.account, TimeZone::utc(), now())
        .await
        .unwrap();
    let first = backup::export(&t.db, &t.account, now()).await.unwrap();
    assert_eq!(first["tables"]["people"].as_array().unwrap().len(), 60);
    let empty = t.other_account().await;
    let written = backup::restore(&t.db, &empty, &first).await.unwrap();
    assert!(written > 300, "{written} rows");
    let second = backup::export(&t.db, &empty, now()).await.unwrap();
    assert_eq!(normalise(&first), normalise(&second));
    // The copy is independent: the ids are new.
    assert_ne!(
        first["tables"]["people"][0]["id"],
        second["tables"]["people"][0]["id"]
    );
}

async fn restore_refuses_a_full_account_and_bad_documents(t: &TestDb) {
    demo::load(&t.db, &t.account, TimeZone::utc(), now())
        .await
        .unwrap();
    let doc = backup::export(&t.db, &t.account, now()).await.unwrap();
    assert!(matches!(
        backup::restore(&t.db, &t.account, &doc).await,
        Err(StoreError::Invalid(_))
    ));
    let empty = t.other_account().await;
    let mut broken = doc.clone();
    broken["tables"]["interviews"][0]["person_id"] = Value::String("no-such-person".into());
    let err = backup::restore(&t.db, &empty, &broken).await.unwrap_err();
    assert!(
        err.to_string()
            .contains("interviews row 1, person_id refers to a missing people"),
        "{err}"
    );
    let mut wrong = doc.clone();
    wrong["tables"]["people"][3]["hiring_authority"] = Value::String("yes".into());
    let err = backup::restore(&t.db, &empty, &wrong).await.unwrap_err();
    assert!(
        err.to_string()
            .contains("people row 4, hiring_authority should be true or false"),
        "{err}"
    );
    assert!(
        backup::restore(&t.db, &empty, &serde_json::json!({"format": "other"}))
            .await
            .is_err()
    );
    // Nothing of a failed restore stays behind.
    assert!(
        backup::export(&t.db, &empty, now()).await.unwrap()["tables"]["people"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_to_postgres_and_back() {
    let lite = crate::common::sqlite().await;
    let Some(pg) = crate::common::postgres().await else {
        return;
    };
    demo::load(&lite.db, &lite.account, TimeZone::utc(), now())
        .await
        .unwrap();
    let original = backup::export(&lite.db, &lite.account, now())
        .await
        .unwrap();
    backup::restore(&pg.db, &pg.account, &original)
        .await
        .unwrap();
    let from_pg = backup::export(&pg.db, &pg.account, now()).await.unwrap();
    assert_eq!(normalise(&original), normalise(&from_pg));
    let back = crate::common::sqlite().await;
    let empty = back.other_account().await;
    backup::restore(&back.db, &empty, &from_pg).await.unwrap();
    let again = backup::export(&back.db, &empty, now()).await.unwrap();
    assert_eq!(normalise(&original), normalise(&again));
    lite.finish().await;
    pg.finish().await;
    back.finish().await;
}

on_both!(restore_refuses_what_the_forms_would);

async fn restore_refuses_what_the_forms_would(t: &TestDb) {
    demo::load(&t.db, &t.account, TimeZone::utc(), now())
        .await
        .unwrap();
    let doc = backup::export(&t.db, &t.account, now()).await.unwrap();
    let empty = t.other_account().await;
    let contacts = doc["tables"]["person_contacts"].as_array().unwrap();
    let email_row = contacts.iter().position(|c| c["kind"] == "email").unwrap();
    for (table, row, col, value, says) in [
        (
            "person_contacts",
            email_row,
            "kind",
            "link",
            "not a web address",
        ),
        ("interviews", 0, "status", "finished", "not a status"),
        (
            "interviews",
            0,
            "time_zone",
            "Mars/Olympus",
            "not a time zone",
        ),
        (
            "organizations",
            0,
            "website",
            "javascript:alert(1)",
            "not a web address",
        ),
        ("people", 0, "created_at", "yesterday", "not an instant"),
    ] {
        let mut bad = doc.clone();
        bad["tables"][table][row][col] = Value::String(value.into());
        if col == "kind" {
            bad["tables"][table][row]["value"] = Value::String("javascript:alert(1)".into());
        }
        let err = backup::restore(&t.db, &empty, &bad)
            .await
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(says) && err.contains(table),
            "{table}.{col}: {err}"
        );
    }
    assert!(
        backup::export(&t.db, &empty, now()).await.unwrap()["tables"]["people"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

on_both!(any_record_makes_the_workbench_not_empty);

async fn any_record_makes_the_workbench_not_empty(t: &TestDb) {
    let doc = backup::export(&t.db, &t.account, now()).await.unwrap();
    let empty = t.other_account().await;
    let q = rapport_core::questions::own_question("How did you start?", "3").unwrap();
    rapport_store::questions::create(&t.db, &empty, &q, now())
        .await
        .unwrap();
    let err = backup::restore(&t.db, &empty, &doc).await.unwrap_err();
    assert!(
        err.to_string().contains("only into an empty workbench"),
        "{err}"
    );
}
