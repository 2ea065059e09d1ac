use crate::common::{TestDb, now, on_both};
use rapport_core::people::{PersonForm, Source};
use rapport_store::ids::{self, Kind};
use rapport_store::{Page, StoreError, people};

pub fn ada() -> PersonForm {
    PersonForm {
        name: "Ada Lovelace".into(),
        title: "Engineering Manager".into(),
        emails: vec!["ada@engines.example".into(), "ada.l@home.example".into()],
        phones: vec!["+44 20 7946 0958".into()],
        links: vec!["engines.example/ada".into()],
        notes: "Met at the analytical society".into(),
        tags: vec!["mentor".into(), "engines".into()],
        source: "co-worker".into(),
        hiring_authority: true,
        business_card: true,
        stay_in_touch: true,
        cadence_days: "90".into(),
        connected_on: "2024-03-15".into(),
        ..PersonForm::default()
    }
}

on_both!(
    round_trip,
    a_new_organization_is_kept_only_with_its_person,
    referrals_and_updates,
    list_filters_and_pages,
    prefixes
);

async fn round_trip(t: &TestDb) {
    let input = ada().validate().unwrap();
    let p = people::create(&t.db, &t.account, &input, now())
        .await
        .unwrap();
    assert_eq!(p.name, "Ada Lovelace");
    assert_eq!(p.source, Source::CoWorker);
    assert!(p.hiring_authority && p.business_card && p.stay_in_touch);
    assert_eq!(p.emails, vec!["ada@engines.example", "ada.l@home.example"]);
    assert_eq!(p.phones, vec!["+44 20 7946 0958"]);
    assert_eq!(p.links, vec!["https://engines.example/ada"]);
    assert_eq!(p.tags, vec!["mentor", "engines"]);
    assert_eq!(p.cadence_days, Some(90));
    assert_eq!(p.connected_on.unwrap().to_string(), "2024-03-15");
    assert_eq!(p.created_at, now());
    let again = people::show(&t.db, &t.account, &p.id).await.unwrap();
    assert_eq!(again, p);

    people::delete(&t.db, &t.account, &p.id).await.unwrap();
    let gone = people::show(&t.db, &t.account, &p.id).await.unwrap_err();
    assert!(
        matches!(gone, StoreError::NotFound { kind: "person", .. }),
        "{gone}"
    );
    let twice = people::delete(&t.db, &t.account, &p.id).await.unwrap_err();
    assert!(matches!(twice, StoreError::NotFound { .. }));
}

async fn referrals_and_updates(t: &TestDb) {
    let ada = people::create(&t.db, &t.account, &ada().validate().unwrap(), now())
        .await
        .unwrap();
    let mut form = PersonForm {
        name: "Charles Babbage".into(),
        source: "referral".into(),
        referred_by_id: Some(ada.id.clone()),
        may_name_referrer: true,
        ..PersonForm::default()
    };
    let charles = people::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    assert_eq!(charles.referred_by.as_ref().unwrap().name, "Ada Lovelace");
    let referred = people::referrals(&t.db, &t.account, &ada.id).await.unwrap();
    assert_eq!(
        referred.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        vec!["Charles Babbage"]
    );

    // A person cannot refer themselves, and a failed update changes nothing.
    form.referred_by_id = Some(charles.id.clone());
    let err = people::update(
        &t.db,
        &t.account,
        &charles.id,
        &form.validate().unwrap(),
        now(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(ref e) if e.for_field("referred_by").is_some()),
        "{err}"
    );
    assert_eq!(
        people::show(&t.db, &t.account, &charles.id).await.unwrap(),
        charles
    );

    // Edits replace contacts and tags.
    let mut edit = charles.to_form();
    edit.emails = vec!["charles@engines.example".into()];
    edit.tags = vec!["difference".into()];
    let later = now() + chrono::Duration::hours(1);
    let edited = people::update(
        &t.db,
        &t.account,
        &charles.id,
        &edit.validate().unwrap(),
        later,
    )
    .await
    .unwrap();
    assert_eq!(edited.emails, vec!["charles@engines.example"]);
    assert_eq!(edited.tags, vec!["difference"]);
    assert_eq!(edited.updated_at, later);
    assert_eq!(edited.created_at, now());

    // Deleting the referrer keeps the referred person, without the link.
    people::delete(&t.db, &t.account, &ada.id).await.unwrap();
    let orphan = people::show(&t.db, &t.account, &charles.id).await.unwrap();
    assert_eq!(orphan.referred_by, None);
}

async fn list_filters_and_pages(t: &TestDb) {
    for name in ["Zoe Quinn", "ada 100% real", "Adam Smith", "Grace Hopper"] {
        let form = PersonForm {
            name: name.into(),
            ..PersonForm::default()
        };
        people::create(&t.db, &t.account, &form.validate().unwrap(), now())
            .await
            .unwrap();
    }
    let names =
        |v: Vec<rapport_core::people::Person>| v.into_iter().map(|p| p.name).collect::<Vec<_>>();
    let all = people::list(&t.db, &t.account, &people::Filter::default())
        .await
        .unwrap();
    assert_eq!(
        names(all),
        vec!["ada 100% real", "Adam Smith", "Grace Hopper", "Zoe Quinn"]
    );
    let filter = |name: &str| people::Filter {
        name: Some(name.into()),
        ..people::Filter::default()
    };
    assert_eq!(
        names(
            people::list(&t.db, &t.account, &filter("ADA"))
                .await
                .unwrap()
        ),
        vec!["ada 100% real", "Adam Smith"]
    );
    // LIKE wildcards in the search text are matched literally.
    assert_eq!(
        names(
            people::list(&t.db, &t.account, &filter("0%"))
                .await
                .unwrap()
        ),
        vec!["ada 100% real"]
    );
    assert!(
        people::list(&t.db, &t.account, &filter("_"))
            .await
            .unwrap()
            .is_empty()
    );
    let page = people::Filter {
        page: Page {
            limit: 2,
            offset: 1,
        },
        ..people::Filter::default()
    };
    assert_eq!(
        names(people::list(&t.db, &t.account, &page).await.unwrap()),
        vec!["Adam Smith", "Grace Hopper"]
    );
}

async fn prefixes(t: &TestDb) {
    let p = people::create(&t.db, &t.account, &ada().validate().unwrap(), now())
        .await
        .unwrap();
    assert_eq!(
        ids::resolve(&t.db, &t.account, Kind::Person, &p.id[..8])
            .await
            .unwrap(),
        p.id
    );
    assert_eq!(
        ids::resolve(&t.db, &t.account, Kind::Person, &p.id.to_uppercase())
            .await
            .unwrap(),
        p.id
    );
    let q = people::create(&t.db, &t.account, &ada().validate().unwrap(), now())
        .await
        .unwrap();
    // Two ids made in the same millisecond share their first characters.
    let common: String =
        p.id.chars()
            .zip(q.id.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a)
            .collect();
    if common.len() >= 4 {
        let err = ids::resolve(&t.db, &t.account, Kind::Person, &common)
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Ambiguous { .. }), "{err}");
    }
    for bad in ["abc", "zzzzzzzz", "%%%%", "0000-"] {
        let err = ids::resolve(&t.db, &t.account, Kind::Person, bad)
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }), "{bad}: {err}");
    }
}

/// The person and the organization typed as new are one write: a refused
/// person leaves no organization, a saved one finds the organization by name.
async fn a_new_organization_is_kept_only_with_its_person(t: &TestDb) {
    use rapport_core::organizations::OrganizationForm;
    use rapport_store::organizations;
    let org = OrganizationForm::named("Analytical Engines")
        .validate()
        .unwrap();
    let mut refused = ada().validate().unwrap();
    refused.referred_by_id = Some("01900000-0000-7000-8000-000000000000".into());
    let err = people::save(&t.db, &t.account, None, &refused, Some(&org), now())
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
    let all = |t: &TestDb| {
        let (db, account) = (t.db.clone(), t.account.clone());
        async move {
            organizations::list(&db, &account, None, Page::default())
                .await
                .unwrap()
        }
    };
    assert!(all(t).await.is_empty(), "the organization was left behind");
    assert!(
        people::list(&t.db, &t.account, &people::Filter::default())
            .await
            .unwrap()
            .is_empty()
    );

    let ada = people::save(
        &t.db,
        &t.account,
        None,
        &ada().validate().unwrap(),
        Some(&org),
        now(),
    )
    .await
    .unwrap();
    let again = OrganizationForm::named("analytical engines")
        .validate()
        .unwrap();
    let edited = people::save(
        &t.db,
        &t.account,
        Some(&ada.id),
        &ada.to_form().validate().unwrap(),
        Some(&again),
        now(),
    )
    .await
    .unwrap();
    let orgs = all(t).await;
    assert_eq!(orgs.len(), 1, "the same name found the same organization");
    assert_eq!(edited.organization.map(|o| o.id), Some(orgs[0].id.clone()));
}
