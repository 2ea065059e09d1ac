//! Insights and the network over HTTP: the sample's story (a field whose fit
//! ratings follow liking, a field with thin evidence, a branching referral
//! network), the warm path, and an empty workbench.

use crate::common::*;
use rapport_store::{Page, organizations};

#[tokio::test]
async fn insights_and_the_network_tell_the_samples_story() {
    let app = spawn_app().await;
    rapport_store::demo::load(&app.db, &app.account, zone(), now())
        .await
        .unwrap();
    let page = get(&app, "/insights").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let doc = page.html();
    check_page_rules(&doc, "/insights");
    let fields = select(&doc, ".field-insight");
    assert_eq!(fields.len(), 3);
    let main = text(&select(&doc, "main")[0]);
    assert!(
        main.contains("rise and fall with how much you liked the person"),
        "{main}"
    );
    assert!(main.contains("2 of 3 interviews held"), "{main}");
    let funnel: Vec<String> = select(&doc, "#funnel-h ~ table tbody tr td:first-child")
        .iter()
        .map(text)
        .collect();
    assert_eq!(funnel.len(), 7, "{funnel:?}");
    let identified = select(&doc, "#funnel-h ~ table tbody tr td:nth-child(2)");
    assert_eq!(text(&identified[0]), "60");
    for svg in select(&doc, "main svg") {
        assert!(
            svg.select(&scraper::Selector::parse("title").unwrap())
                .next()
                .is_some(),
            "every chart has a title"
        );
    }
    // Each point of a scatter links to its interview.
    assert!(!select(&doc, ".scatter a[href^='/interviews/'] circle").is_empty());

    let net = get(&app, "/network").await;
    assert_eq!(net.status, 200);
    let doc = net.html();
    check_page_rules(&doc, "/network");
    let nodes = select(&doc, "svg.graph a[href^='/people/']");
    assert!(nodes.len() >= 48, "{} people drawn", nodes.len());
    let listed = select(&doc, ".introductions li");
    assert!(listed.len() >= 10, "the list says the same as the picture");
    assert!(
        select(&doc, "#yield-h ~ table tbody tr").len() >= 10,
        "referral yield per person"
    );

    // A warm path to every organization that someone introduced works at.
    let orgs = organizations::list(&app.db, &app.account, None, Page::default())
        .await
        .unwrap();
    let mut chains = 0;
    for org in &orgs {
        let name: String = org
            .name
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => char::from(b).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect();
        let r = get(&app, &format!("/network?organization={name}")).await;
        assert_eq!(r.status, 200);
        let doc = r.html();
        let answer = text(&select(&doc, ".path-answer")[0]);
        if !select(&doc, ".chain li").is_empty() {
            chains += 1;
            assert!(answer.contains("introduction(s) away"), "{answer}");
        } else {
            assert!(
                answer.contains("You already know someone there")
                    || answer.contains("No chain of introductions reaches"),
                "{answer}"
            );
        }
    }
    assert!(
        chains > 0,
        "some organization is reached only by introductions"
    );
}

#[tokio::test]
async fn an_empty_workbench_gets_guidance_and_unknown_names_are_said_so() {
    let app = spawn_app().await;
    let page = get(&app, "/insights").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Nothing to weigh yet"));
    let net = get(&app, "/network").await;
    assert_eq!(net.status, 200);
    assert!(net.body.contains("No introductions yet"));
    // A name that is no organization's or field's is said so.
    for asked in ["field=Astronomy", "organization=Nowhere%20Inc"] {
        let r = get(&app, &format!("/network?{asked}")).await;
        assert_eq!(r.status, 200);
        assert!(
            r.body.contains("Nothing in your workbench is named"),
            "{}",
            r.body
        );
    }
}
