use crate::common::{TestDb, now, on_both};
use rapport_core::fields::{FieldForm, FieldSource, FieldStatus, Fit};
use rapport_store::{Page, fields};

on_both!(field_round_trip);

async fn field_round_trip(t: &TestDb) {
    let form = FieldForm {
        title: "Software developer".into(),
        onet_code: "15-1252".into(),
        status: "promising".into(),
        fit: Fit {
            interests: "Puzzles every day".into(),
            values: "Teams that teach".into(),
            ..Fit::default()
        },
        research: vec![
            ("onet".into(), "Bright outlook".into()),
            ("ooh".into(), "Growth 17%".into()),
        ],
        ..FieldForm::default()
    };
    let f = fields::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap();
    assert_eq!(f.onet_code.as_deref(), Some("15-1252.00"));
    assert_eq!(f.status, FieldStatus::Promising);
    assert_eq!(f.fit.interests, "Puzzles every day");
    assert_eq!(f.research[1].source, FieldSource::Ooh);
    assert_eq!(
        f.onet_url().unwrap(),
        "https://www.onetonline.org/link/summary/15-1252.00"
    );
    assert_eq!(fields::show(&t.db, &t.account, &f.id).await.unwrap(), f);

    let mut edit = f.to_form();
    edit.status = "ruled-out".into();
    edit.research.clear();
    let edited = fields::update(&t.db, &t.account, &f.id, &edit.validate().unwrap(), now())
        .await
        .unwrap();
    assert_eq!(edited.status, FieldStatus::RuledOut);
    assert!(edited.research.is_empty());
    assert_eq!(
        fields::list(&t.db, &t.account, Some("DEVELOPER"), Page::default())
            .await
            .unwrap()
            .len(),
        1
    );
    fields::delete(&t.db, &t.account, &f.id).await.unwrap();
    assert!(
        fields::list(&t.db, &t.account, None, Page::default())
            .await
            .unwrap()
            .is_empty()
    );
}
