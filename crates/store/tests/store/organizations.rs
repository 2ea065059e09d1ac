use crate::common::{TestDb, now, on_both};
use rapport_core::organizations::{OrganizationForm, ResearchSource};
use rapport_core::people::PersonForm;
use rapport_store::{Page, organizations, people};

on_both!(research_round_trip, deleting_keeps_people);

async fn research_round_trip(t: &TestDb) {
    let mut form = OrganizationForm::named("Analytical Engines");
    form.website = "engines.example".into();
    form.products = "Difference and analytical engines".into();
    form.research = vec![
        ("website".into(), "Founded 1834; small team".into()),
        ("annual-report".into(), "Growing steadily".into()),
    ];
    let org = organizations::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    assert!(org.is_researched());
    assert_eq!(org.website.as_deref(), Some("https://engines.example"));
    assert_eq!(
        org.research.iter().map(|r| r.source).collect::<Vec<_>>(),
        vec![ResearchSource::Website, ResearchSource::AnnualReport]
    );
    assert_eq!(
        organizations::show(&t.db, &t.account, &org.id)
            .await
            .unwrap(),
        org
    );

    let mut edit = org.to_form();
    edit.research = vec![("news".into(), "New factory".into())];
    let edited =
        organizations::update(&t.db, &t.account, &org.id, &edit.validate().unwrap(), now())
            .await
            .unwrap();
    assert_eq!(edited.research.len(), 1);
    assert_eq!(edited.research[0].source, ResearchSource::News);

    assert_eq!(
        organizations::find_by_name(&t.db, &t.account, " analytical ENGINES ")
            .await
            .unwrap(),
        Some(org.id.clone())
    );
    assert_eq!(
        organizations::find_by_name(&t.db, &t.account, "Engines")
            .await
            .unwrap(),
        None
    );
    let listed = organizations::list(&t.db, &t.account, Some("engine"), Page::default())
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
}

async fn deleting_keeps_people(t: &TestDb) {
    let org = organizations::create(
        &t.db,
        &t.account,
        &OrganizationForm::named("Acme").validate().unwrap(),
        now(),
    )
    .await
    .unwrap();
    let form = PersonForm {
        name: "Wile E.".into(),
        organization_id: Some(org.id.clone()),
        ..PersonForm::default()
    };
    let p = people::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    assert_eq!(p.organization.as_ref().unwrap().name, "Acme");
    organizations::delete(&t.db, &t.account, &org.id)
        .await
        .unwrap();
    assert_eq!(
        people::show(&t.db, &t.account, &p.id)
            .await
            .unwrap()
            .organization,
        None
    );
}
