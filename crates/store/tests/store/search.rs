use crate::common::{TestDb, now, on_both};
use rapport_core::conversations::ConversationForm;
use rapport_core::interviews::InterviewForm;
use rapport_core::organizations::OrganizationForm;
use rapport_core::people::PersonForm;
use rapport_store::search::{MARK_END, MARK_START, search};
use rapport_store::{conversations, interviews, organizations, people};

on_both!(
    a_name_ranks_above_a_note,
    any_typed_text_is_safe,
    other_accounts_never_show,
    edits_and_deletes_follow
);

async fn person(t: &TestDb, name: &str, notes: &str) -> String {
    let form = PersonForm {
        name: name.into(),
        notes: notes.into(),
        ..PersonForm::default()
    };
    people::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap()
        .id
}

async fn a_name_ranks_above_a_note(t: &TestDb) {
    let noted = person(
        t,
        "Grace Hopper",
        "Introduced me to Lovelace's notes on the engine",
    )
    .await;
    let named = person(t, "Ada Lovelace", "Engineering manager").await;
    let hits = search(&t.db, &t.account, "lovelace", 10).await.unwrap();
    let ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, vec![named.as_str(), noted.as_str()]);
    assert_eq!(hits[0].label, "Ada Lovelace");
    assert!(
        hits[1].snippet.contains(&format!("{MARK_START}Lovelace")),
        "{}",
        hits[1].snippet
    );
    assert!(hits[1].snippet.contains(MARK_END));
    // Prefixes match, any case.
    assert_eq!(
        search(&t.db, &t.account, "LOVEL", 10).await.unwrap().len(),
        2
    );
    // Notes of interviews, organizations and conversations are found too.
    let form = InterviewForm {
        person_id: named.clone(),
        notes: "They pair program every morning".into(),
        ..InterviewForm::default()
    };
    let i = interviews::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    let mut org = OrganizationForm::named("Analytical Engines");
    org.research = vec![("news".into(), "Opened a robotics lab".into())];
    let org = organizations::create(&t.db, &t.account, &org.validate().unwrap(), now())
        .await
        .unwrap();
    let c = ConversationForm {
        who: "Nurse on the bus".into(),
        learned: "Night shifts pay more".into(),
        ..ConversationForm::default()
    };
    let c = conversations::create(
        &t.db,
        &t.account,
        &c.validate(now().date_naive()).unwrap(),
        now(),
    )
    .await
    .unwrap();
    for (q, kind, id, label) in [
        (
            "pair program",
            "interview",
            i.id.as_str(),
            "Interview with Ada Lovelace",
        ),
        (
            "robotics",
            "organization",
            org.id.as_str(),
            "Analytical Engines",
        ),
        (
            "night shifts",
            "conversation",
            c.id.as_str(),
            "Nurse on the bus",
        ),
    ] {
        let hits = search(&t.db, &t.account, q, 10).await.unwrap();
        assert_eq!(hits.len(), 1, "{q}");
        assert_eq!(
            (
                hits[0].kind.as_str(),
                hits[0].id.as_str(),
                hits[0].label.as_str()
            ),
            (kind, id, label)
        );
    }
}

async fn any_typed_text_is_safe(t: &TestDb) {
    person(t, "Ada Lovelace", "engine: difference-engine \"notes\" *").await;
    for q in [
        "\"",
        "-",
        ":",
        "*",
        "ada\"",
        "-ada",
        "ada:",
        "ada*",
        "NOT",
        "AND OR",
        "a:b*c\"d-e",
        "(",
        ")",
        "'",
        "\\",
        "&|!",
        "ada NEAR/2 lovelace",
        "",
        "   ",
        "🙂",
    ] {
        let result = search(&t.db, &t.account, q, 10).await;
        assert!(result.is_ok(), "{q:?}: {result:?}");
    }
    assert_eq!(
        search(&t.db, &t.account, "difference-engine", 10)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        search(&t.db, &t.account, "\"ada\"", 10)
            .await
            .unwrap()
            .len(),
        1
    );
}

async fn other_accounts_never_show(t: &TestDb) {
    person(t, "Ada Lovelace", "secret salary notes").await;
    let other = t.other_account().await;
    let form = PersonForm {
        name: "Someone Else".into(),
        notes: "salary".into(),
        ..PersonForm::default()
    };
    people::create(&t.db, &other, &form.validate().unwrap(), now())
        .await
        .unwrap();
    let theirs = search(&t.db, &other, "salary", 10).await.unwrap();
    assert_eq!(
        theirs.iter().map(|h| h.label.as_str()).collect::<Vec<_>>(),
        vec!["Someone Else"]
    );
    assert!(
        search(&t.db, &other, "secret", 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        search(&t.db, &other, "lovelace", 10)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn edits_and_deletes_follow(t: &TestDb) {
    let id = person(t, "Ada Lovelace", "likes gardening").await;
    let mut form = people::show(&t.db, &t.account, &id)
        .await
        .unwrap()
        .to_form();
    form.notes = "likes sailing".into();
    people::update(&t.db, &t.account, &id, &form.validate().unwrap(), now())
        .await
        .unwrap();
    assert!(
        search(&t.db, &t.account, "gardening", 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        search(&t.db, &t.account, "sailing", 10)
            .await
            .unwrap()
            .len(),
        1
    );
    people::delete(&t.db, &t.account, &id).await.unwrap();
    assert!(
        search(&t.db, &t.account, "sailing", 10)
            .await
            .unwrap()
            .is_empty()
    );
}
