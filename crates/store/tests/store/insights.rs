//! The aggregates behind Insights and Network, on both backends, against
//! counts made by hand: a small account with two fields, a referral chain,
//! interviews moved along the pipeline, reflections and letters.

use crate::common::{TestDb, now, on_both};
use rapport_core::correspondence::ContactForm;
use rapport_core::fields::FieldForm;
use rapport_core::interviews::InterviewForm;
use rapport_core::people::PersonForm;
use rapport_core::pipeline::Status::*;
use rapport_core::reflections::ReflectionForm;
use rapport_store::{correspondence, fields, insights, interviews, network, people, reflections};

on_both!(
    figures_follow_the_records_and_are_kept_until_a_change,
    the_network_holds_every_introduction_and_who_was_interviewed
);

async fn add_person(t: &TestDb, name: &str, referred_by: Option<&str>, can_hire: bool) -> String {
    let form = PersonForm {
        name: name.into(),
        referred_by_id: referred_by.map(str::to_owned),
        hiring_authority: can_hire,
        source: if referred_by.is_some() {
            "referral"
        } else {
            "friend"
        }
        .into(),
        ..PersonForm::default()
    };
    people::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap()
        .id
}

async fn add_field(t: &TestDb, title: &str) -> String {
    let form = FieldForm {
        title: title.into(),
        ..FieldForm::default()
    };
    fields::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap()
        .id
}

/// An interview with `person` about `field`, moved through `path`.
async fn interview(
    t: &TestDb,
    person: &str,
    field: &str,
    path: &[rapport_core::pipeline::Status],
) -> String {
    let form = InterviewForm {
        person_id: person.into(),
        field_ids: vec![field.into()],
        starts_at: "2026-11-20 10:00".into(),
        time_zone: "UTC".into(),
        ..InterviewForm::default()
    };
    let id = interviews::create(&t.db, &t.account, &form.validate().unwrap(), now())
        .await
        .unwrap()
        .id;
    for to in path {
        interviews::move_to(&t.db, &t.account, &id, *to, now())
            .await
            .unwrap();
    }
    id
}

async fn reflect(t: &TestDb, interview: &str, fit: &str, likability: &str, draws: &str) {
    let form = ReflectionForm {
        learned_positive: draws.into(),
        field_fit: fit.into(),
        likability: likability.into(),
        ..ReflectionForm::default()
    };
    reflections::save(
        &t.db,
        &t.account,
        interview,
        &form.validate().unwrap(),
        now(),
    )
    .await
    .unwrap();
}

async fn figures_follow_the_records_and_are_kept_until_a_change(t: &TestDb) {
    let dev = add_field(t, "Developer").await;
    let analyst = add_field(t, "Analyst").await;
    let ada = add_person(t, "Ada", None, true).await;
    let bob = add_person(t, "Bob", Some(&ada), false).await;
    let cy = add_person(t, "Cy", Some(&bob), false).await;
    let dee = add_person(t, "Dee", None, false).await;
    let held = [Requested, Scheduled, Confirmed, Done];
    let a = interview(
        t,
        &ada,
        &dev,
        &[Requested, Scheduled, Confirmed, Done, Thanked, Closed],
    )
    .await;
    let b = interview(t, &bob, &dev, &held).await;
    let c = interview(t, &cy, &dev, &held).await;
    interview(t, &cy, &analyst, &[Requested, Declined]).await;
    interview(t, &bob, &analyst, &[]).await;
    reflect(t, &a, "5", "5", "Pairing every day").await;
    reflect(t, &b, "3", "3", "").await;
    reflect(t, &c, "1", "1", "Long on-call weeks").await;
    // A letter to Dee, answered two days later.
    let asked = ContactForm {
        person_id: dee.clone(),
        channel: "letter".into(),
        purpose: "introduction".into(),
        occurred_at: "2026-11-20 09:00".into(),
        time_zone: "UTC".into(),
        ..ContactForm::default()
    };
    correspondence::create(&t.db, &t.account, &asked.validate(now()).unwrap(), now())
        .await
        .unwrap();
    let answer = ContactForm {
        person_id: dee.clone(),
        channel: "email".into(),
        direction: "in".into(),
        purpose: "other".into(),
        outcome: "replied".into(),
        occurred_at: "2026-11-22 09:00".into(),
        time_zone: "UTC".into(),
        ..ContactForm::default()
    };
    correspondence::create(&t.db, &t.account, &answer.validate(now()).unwrap(), now())
        .await
        .unwrap();

    let r = insights::report(&t.db, &t.account, now()).await.unwrap();
    // Identified 4; contacted: Ada, Bob, Cy (asked) and Dee (a letter);
    // asked 3 (Bob's analyst interview never left the idea); scheduled 3;
    // held 3; thanked 1 (Ada, closed since: still counted); referred
    // someone: Ada and Bob.
    let counts: Vec<u64> = r.funnel.steps.iter().map(|s| s.count).collect();
    assert_eq!(counts, vec![4, 4, 3, 3, 3, 1, 2]);
    let titles: Vec<&str> = r.fields.iter().map(|f| f.title.as_str()).collect();
    assert_eq!(titles, vec!["Analyst", "Developer"]);
    let (an, de) = (&r.fields[0], &r.fields[1]);
    assert_eq!(
        (an.evidence.held, an.evidence.planned),
        (0, 1),
        "declined is neither"
    );
    assert!(an.nudge.is_some());
    assert_eq!(
        (de.evidence.held, de.evidence.hiring, de.evidence.employees),
        (3, 1, 2)
    );
    assert_eq!(de.rated.len(), 3);
    assert_eq!(
        de.learned.len(),
        2,
        "the reflection without words is left out"
    );
    assert_eq!(
        de.echo.as_ref().map(|e| e.count),
        Some(3),
        "fit follows liking"
    );
    let letters: Vec<(&str, usize, usize, Option<f64>)> = r
        .by_channel
        .iter()
        .map(|s| (s.key.as_str(), s.sent, s.replied, s.median_days))
        .collect();
    assert_eq!(letters, vec![("letter", 1, 1, Some(2.0))]);
    let this_week = r.weeks.last().unwrap().count;
    assert!(this_week >= 20, "moves and the letter sent: {this_week}");

    // Kept: the same answer until something changes, then counted again.
    let again = insights::report(&t.db, &t.account, now()).await.unwrap();
    assert_eq!(again, r);
    add_person(t, "Eve", Some(&cy), false).await;
    let after = insights::report(&t.db, &t.account, now()).await.unwrap();
    assert_eq!(after.funnel.steps[0].count, 5);
    assert_eq!(after.funnel.steps[6].count, 3, "Cy referred someone now");
    // A reflection alone (no interview moved) also counts again.
    reflect(t, &b, "4", "2", "").await;
    let rerated = insights::report(&t.db, &t.account, now()).await.unwrap();
    assert_ne!(rerated.fields[1].rated, after.fields[1].rated);
}

async fn the_network_holds_every_introduction_and_who_was_interviewed(t: &TestDb) {
    let field = add_field(t, "Developer").await;
    let ada = add_person(t, "Ada", None, false).await;
    let bob = add_person(t, "Bob", Some(&ada), false).await;
    let cy = add_person(t, "Cy", Some(&ada), false).await;
    let dee = add_person(t, "Dee", Some(&cy), false).await;
    add_person(t, "Loner", None, false).await;
    interview(t, &cy, &field, &[Requested, Scheduled, Confirmed, Done]).await;
    let kept = insights::kept(&t.db, &t.account, now()).await.unwrap();
    let g = kept.network;
    let mut edges = g.edges.clone();
    edges.sort();
    let mut expected = vec![
        (ada.clone(), bob.clone()),
        (ada.clone(), cy.clone()),
        (cy.clone(), dee.clone()),
    ];
    expected.sort();
    assert_eq!(edges, expected);
    assert_eq!(
        g.nodes.len(),
        4,
        "the loner introduced nobody and was not introduced"
    );
    let interviewed: Vec<&str> = g
        .nodes
        .iter()
        .filter(|n| n.interviewed)
        .map(|n| n.name.as_str())
        .collect();
    assert_eq!(interviewed, vec!["Cy"]);
    assert!(!g.capped);
    assert_eq!(g.joined.iter().map(|(_, n)| n).sum::<u64>(), 5);
    let targets = network::targets(&t.db, &t.account, &network::Target::Field(field.clone()))
        .await
        .unwrap();
    assert_eq!(targets, vec![(cy.clone(), Some(ada.clone()))]);
    // Another account sees nothing of it.
    let other = t.other_account().await;
    assert!(
        network::targets(&t.db, &other, &network::Target::Field(field))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        insights::kept(&t.db, &other, now())
            .await
            .unwrap()
            .network
            .nodes
            .is_empty()
    );
}
