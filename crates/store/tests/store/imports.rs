use crate::common::{TestDb, now, on_both};
use rapport_core::import::{Format, parse};
use rapport_core::people::PersonForm;
use rapport_store::imports::{self, MatchBy, OnDuplicate};
use rapport_store::{Page, StoreError, organizations, people};

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../../../core/fixtures/import/", $name))
    };
}

on_both!(
    import_accounting_and_reimport,
    broken_files_keep_the_good_records,
    duplicates_merge_or_skip,
    undo_takes_a_batch_back
);

async fn count(t: &TestDb, account: &rapport_store::AccountId) -> usize {
    let filter = people::Filter {
        page: Page {
            limit: 500,
            offset: 0,
        },
        ..people::Filter::default()
    };
    people::list(&t.db, account, &filter).await.unwrap().len()
}

async fn import_accounting_and_reimport(t: &TestDb) {
    let other = t.other_account().await;
    let theirs = PersonForm {
        name: "Ada Lovelace".into(),
        emails: vec!["ada@engines.example".into()],
        ..PersonForm::default()
    };
    people::create(&t.db, &other, &theirs.validate().unwrap(), now())
        .await
        .unwrap();

    for (text, format, records) in [
        (fixture!("linkedin.csv"), Format::LinkedIn, 8),
        (fixture!("google.csv"), Format::Google, 4),
        (fixture!("google-legacy.csv"), Format::Google, 2),
        (fixture!("contacts.vcf"), Format::VCard, 3),
    ] {
        let parsed = parse(text, format);
        let preview = imports::preview(&t.db, &t.account, &parsed).await.unwrap();
        let report = imports::apply(
            &t.db,
            &t.account,
            format,
            "fixture",
            &parsed,
            OnDuplicate::Skip,
            now(),
        )
        .await
        .unwrap();
        assert_eq!(report.imported, preview.new.len());
        assert_eq!(report.duplicates, preview.duplicates.len());
        assert_eq!(
            report.imported + report.duplicates + report.rejected.len(),
            records,
            "{format:?}"
        );
        // The same file again adds nothing.
        let again = imports::apply(
            &t.db,
            &t.account,
            format,
            "fixture",
            &parsed,
            OnDuplicate::Skip,
            now(),
        )
        .await
        .unwrap();
        assert_eq!(again.imported, 0, "{format:?}");
        assert_eq!(again.duplicates, report.imported + report.duplicates);
    }
    // Two of the vCards are LinkedIn connections again (same name, same
    // organization): they count as duplicates, not new people.
    assert_eq!(count(t, &t.account).await, 8 + 3 + 2 + 1);
    let ada = people::list(
        &t.db,
        &t.account,
        &people::Filter {
            name: Some("Ada Lovelace".into()),
            ..people::Filter::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        ada[0].organization.as_ref().unwrap().name,
        "Analytical Engines"
    );
    assert_eq!(ada[0].connected_on.unwrap().to_string(), "2024-03-15");
    assert_eq!(ada[0].tags, vec!["linkedin"]);
    // The other account is untouched, though it has an Ada with the same email.
    assert_eq!(count(t, &other).await, 1);
    assert!(
        organizations::list(&t.db, &other, None, Page::default())
            .await
            .unwrap()
            .is_empty()
    );
}

async fn broken_files_keep_the_good_records(t: &TestDb) {
    for (text, format, good, bad) in [
        (
            fixture!("linkedin-broken.csv"),
            Format::LinkedIn,
            4,
            vec![3, 5, 6, 7, 8, 10],
        ),
        (
            fixture!("broken.vcf"),
            Format::VCard,
            4,
            vec![6, 15, 25, 35],
        ),
    ] {
        let parsed = parse(text, format);
        let report = imports::apply(
            &t.db,
            &t.account,
            format,
            "broken",
            &parsed,
            OnDuplicate::Skip,
            now(),
        )
        .await
        .unwrap();
        // The vCards' Ada is the LinkedIn file's Ada again (same email).
        assert_eq!(report.imported + report.duplicates, good, "{format:?}");
        let lines: Vec<usize> = report.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, bad, "{format:?}: {:?}", report.rejected);
    }
}

async fn duplicates_merge_or_skip(t: &TestDb) {
    let parsed = parse(fixture!("google.csv"), Format::Google);
    imports::apply(
        &t.db,
        &t.account,
        Format::Google,
        "g",
        &parsed,
        OnDuplicate::Skip,
        now(),
    )
    .await
    .unwrap();
    // Dana again, by email, with a new phone; Marcus by name and organization.
    let vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana R.\r\nEMAIL:DANA@health.example\r\nTEL:503-555-0199\r\nEND:VCARD\r\n\
               BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Marcus J. Bennett\r\nORG:cascade freight\r\nEND:VCARD\r\n\
               BEGIN:VCARD\r\nVERSION:3.0\r\nFN:New Person\r\nEMAIL:new@example.org\r\nEND:VCARD\r\n\
               BEGIN:VCARD\r\nVERSION:3.0\r\nFN:New Person Again\r\nEMAIL:new@example.org\r\nEND:VCARD\r\n";
    let parsed = parse(vcf, Format::VCard);
    let preview = imports::preview(&t.db, &t.account, &parsed).await.unwrap();
    let by: Vec<MatchBy> = preview.duplicates.iter().map(|d| d.by).collect();
    assert_eq!(
        by,
        vec![
            MatchBy::Email,
            MatchBy::NameAndOrganization,
            MatchBy::EarlierInFile
        ]
    );
    assert_eq!(preview.duplicates[0].matches, "Dana Ruiz");
    let report = imports::apply(
        &t.db,
        &t.account,
        Format::VCard,
        "v",
        &parsed,
        OnDuplicate::Merge,
        now(),
    )
    .await
    .unwrap();
    assert_eq!(
        (report.imported, report.merged, report.duplicates),
        (1, 1, 3)
    );
    let dana = people::show(
        &t.db,
        &t.account,
        preview.duplicates[0].person_id.as_deref().unwrap(),
    )
    .await
    .unwrap();
    assert!(
        dana.phones.contains(&"503-555-0199".to_owned()),
        "{:?}",
        dana.phones
    );
    assert_eq!(
        dana.name, "Dana Ruiz",
        "a merge adds details, it does not rename"
    );
    // Undoing the merging import takes back what it added to Dana too.
    imports::undo(&t.db, &t.account, &report.batch_id, now())
        .await
        .unwrap();
    let dana = people::show(&t.db, &t.account, &dana.id).await.unwrap();
    assert!(
        !dana.phones.contains(&"503-555-0199".to_owned()),
        "{:?}",
        dana.phones
    );
    assert_eq!(dana.emails.len(), 2, "what the first import brought stays");
}

async fn undo_takes_a_batch_back(t: &TestDb) {
    let mine = PersonForm {
        name: "Kept Person".into(),
        ..PersonForm::default()
    };
    people::create(&t.db, &t.account, &mine.validate().unwrap(), now())
        .await
        .unwrap();
    let parsed = parse(fixture!("linkedin.csv"), Format::LinkedIn);
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
    assert_eq!(count(t, &t.account).await, 9);
    let batches = imports::list(&t.db, &t.account).await.unwrap();
    assert_eq!(
        (batches[0].imported, batches[0].file_name.as_str()),
        (8, "Connections.csv")
    );
    assert_eq!(
        imports::undo(&t.db, &t.account, &report.batch_id, now())
            .await
            .unwrap(),
        8
    );
    assert_eq!(count(t, &t.account).await, 1);
    assert!(
        organizations::list(&t.db, &t.account, None, Page::default())
            .await
            .unwrap()
            .is_empty()
    );
    let twice = imports::undo(&t.db, &t.account, &report.batch_id, now())
        .await
        .unwrap_err();
    assert!(matches!(twice, StoreError::Conflict(_)));
    let other = t.other_account().await;
    assert!(matches!(
        imports::undo(&t.db, &other, &report.batch_id, now()).await,
        Err(StoreError::NotFound { .. })
    ));
}

on_both!(namesakes_are_kept_and_accented_organizations_found_again);

async fn namesakes_are_kept_and_accented_organizations_found_again(t: &TestDb) {
    let csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n\
               Alex,Kim,https://example.org/a1,alex.one@example.org,,Engineer,15 Mar 2024\r\n\
               Alex,Kim,https://example.org/a2,alex.two@example.org,,Designer,15 Mar 2024\r\n\
               Sam,Lee,https://example.org/s1,sam.one@example.org,Électricité de France,Engineer,15 Mar 2024\r\n\
               Sam,Lee,https://example.org/s2,sam.two@example.org,Électricité de France,Analyst,15 Mar 2024\r\n\
               Zoé,Roy,https://example.org/z,,Électricité de France,Engineer,15 Mar 2024\r\n";
    let parsed = parse(csv, Format::LinkedIn);
    let report = imports::apply(
        &t.db,
        &t.account,
        Format::LinkedIn,
        "a",
        &parsed,
        OnDuplicate::Skip,
        now(),
    )
    .await
    .unwrap();
    assert_eq!(
        (report.imported, report.duplicates),
        (5, 0),
        "namesakes with different emails are different people"
    );
    // The same file again: everyone is found, and no second organization appears.
    let again = imports::apply(
        &t.db,
        &t.account,
        Format::LinkedIn,
        "a",
        &parsed,
        OnDuplicate::Skip,
        now(),
    )
    .await
    .unwrap();
    assert_eq!((again.imported, again.duplicates), (0, 5));
    let zoe = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\nZoé,Roy,,,électricité de france,Engineer,15 Mar 2024\r\nNew,Hire,,,ÉLECTRICITÉ DE FRANCE,Engineer,15 Mar 2024\r\n";
    let third = imports::apply(
        &t.db,
        &t.account,
        Format::LinkedIn,
        "b",
        &parse(zoe, Format::LinkedIn),
        OnDuplicate::Skip,
        now(),
    )
    .await
    .unwrap();
    assert_eq!((third.imported, third.duplicates), (1, 1));
    let orgs = organizations::list(&t.db, &t.account, None, Page::default())
        .await
        .unwrap();
    assert_eq!(
        orgs.len(),
        1,
        "{:?}",
        orgs.iter().map(|o| &o.name).collect::<Vec<_>>()
    );
    // Searching by name agrees with what was typed, accents and all.
    let filter = people::Filter {
        name: Some("Zoé".into()),
        ..people::Filter::default()
    };
    assert_eq!(
        people::list(&t.db, &t.account, &filter)
            .await
            .unwrap()
            .len(),
        1
    );
}
