//! Upload, preview, confirm, undo; and the downloads.

use crate::common::{check_page_rules, get, post, post_file, select, spawn_app, text};
use rapport_store::{Page, people};

const LINKEDIN: &str = include_str!("../../../core/fixtures/import/linkedin-broken.csv");

#[tokio::test]
async fn preview_confirm_reimport_and_undo() {
    let app = spawn_app().await;
    let r = post_file(&app, "/import/preview", "Connections.csv", LINKEDIN, "auto").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let doc = r.html();
    check_page_rules(&doc, "/import/preview");
    assert!(text(&select(&doc, "h1")[0]).contains("Connections.csv"));
    let rejected: Vec<String> = select(&doc, "section li")
        .iter()
        .map(text)
        .filter(|t| t.starts_with("Line "))
        .collect();
    assert_eq!(rejected.len(), 6, "{rejected:?}");
    assert!(rejected[0].starts_with("Line 3:") && rejected[0].contains("unbalanced quote"));
    assert!(
        people::list(&app.db, &app.account, &people::Filter::default())
            .await
            .unwrap()
            .is_empty(),
        "a preview writes nothing"
    );

    let content = select(&doc, "input[name=content]")[0]
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    let confirm = post(
        &app,
        "/import",
        &[
            ("content", &content),
            ("format", "linkedin"),
            ("file_name", "Connections.csv"),
            ("duplicates", "skip"),
        ],
    )
    .await;
    assert_eq!(confirm.status, 303);
    let done = get(&app, &confirm.location).await.html();
    assert!(text(&select(&done, "[role=status]")[0]).contains("4 added"));
    assert_eq!(
        people::list(&app.db, &app.account, &people::Filter::default())
            .await
            .unwrap()
            .len(),
        4
    );

    // The same file again adds nobody.
    let again = post(
        &app,
        "/import",
        &[
            ("content", &content),
            ("format", "linkedin"),
            ("file_name", "Connections.csv"),
        ],
    )
    .await;
    let page = get(&app, &again.location).await.html();
    assert!(text(&select(&page, "[role=status]")[0]).contains("0 added, 4 already known"));

    // Undo the first import.
    let batches = rapport_store::imports::list(&app.db, &app.account)
        .await
        .unwrap();
    let first = batches.iter().find(|b| b.imported == 4).unwrap();
    assert_eq!(
        post(&app, &format!("/import/{}/undo", first.id), &[])
            .await
            .status,
        303
    );
    assert!(
        people::list(&app.db, &app.account, &people::Filter::default())
            .await
            .unwrap()
            .is_empty()
    );
    check_page_rules(&get(&app, "/import").await.html(), "/import");
}

#[tokio::test]
async fn unreadable_uploads_are_explained() {
    let app = spawn_app().await;
    let r = post_file(
        &app,
        "/import/preview",
        "notes.txt",
        "just some text",
        "auto",
    )
    .await;
    assert_eq!(r.status, 422);
    assert!(text(&select(&r.html(), "[role=alert]")[0]).contains("cannot tell what notes.txt is"));
    let r = post_file(&app, "/import/preview", "empty.csv", "", "auto").await;
    assert_eq!(r.status, 422);
    // A LinkedIn header and nobody under it: said, not previewed as empty.
    let r = post_file(
        &app,
        "/import/preview",
        "Connections.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n",
        "linkedin",
    )
    .await;
    assert_eq!(r.status, 422);
    let alert = text(&select(&r.html(), "[role=alert]")[0]);
    assert!(alert.contains("nothing to import"), "{alert}");
}

#[tokio::test]
async fn downloads() {
    let app = spawn_app().await;
    rapport_store::demo::load(
        &app.db,
        &app.account,
        crate::common::zone(),
        crate::common::now(),
    )
    .await
    .unwrap();
    let json = get(&app, "/export/backup.json").await;
    assert!(json.content_type.starts_with("application/json"));
    let doc: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(doc["tables"]["people"].as_array().unwrap().len(), 60);
    let csv = get(&app, "/export/people.csv").await;
    assert_eq!(csv.body.lines().count(), 61);
    let vcf = get(&app, "/export/people.vcf").await;
    assert_eq!(vcf.body.matches("BEGIN:VCARD").count(), 60);
    let filter = people::Filter {
        page: Page {
            limit: 500,
            offset: 0,
        },
        ..people::Filter::default()
    };
    assert_eq!(
        people::list(&app.db, &app.account, &filter)
            .await
            .unwrap()
            .len(),
        60
    );
}
