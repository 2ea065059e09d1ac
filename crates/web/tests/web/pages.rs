//! Every page of the interface, filled with the sample network.

use crate::common::{App, check_page_rules, get, now, post, select, spawn_app, text, zone};
use rapport_core::pipeline::Status;
use rapport_store::{Page, demo, fields, interviews, organizations, people};

async fn with_demo() -> App {
    let app = spawn_app().await;
    demo::load(&app.db, &app.account, zone(), now())
        .await
        .unwrap();
    app
}

async fn first_interview(app: &App, status: Status) -> String {
    let filter = interviews::Filter {
        statuses: vec![status],
        ..interviews::Filter::default()
    };
    interviews::list(&app.db, &app.account, &filter)
        .await
        .unwrap()[0]
        .id
        .clone()
}

/// Every page that exists, with ids from the sample.
pub async fn all_pages(app: &App) -> Vec<String> {
    let person = people::list(&app.db, &app.account, &people::Filter::default())
        .await
        .unwrap()[0]
        .id
        .clone();
    let org = organizations::list(&app.db, &app.account, None, Page::default())
        .await
        .unwrap()[0]
        .id
        .clone();
    let field = fields::list(&app.db, &app.account, None, Page::default())
        .await
        .unwrap()[0]
        .id
        .clone();
    let confirmed = first_interview(app, Status::Confirmed).await;
    let thanked = first_interview(app, Status::Thanked).await;
    let mut pages: Vec<String> = [
        "/",
        "/people",
        "/people/new",
        "/organizations",
        "/organizations/new",
        "/fields",
        "/fields/new",
        "/interviews",
        "/interviews/all",
        "/interviews/new",
        "/questions",
        "/profile",
        "/conversations",
        "/capture",
        "/letters",
        "/letters/new",
        "/letters/introduction/edit",
        "/calendar",
        "/search",
        "/search?q=dana",
        "/search?q=%22-%3A*",
        "/import",
    ]
    .iter()
    .map(|p| (*p).to_owned())
    .collect();
    for p in ["", "/edit", "/delete"] {
        pages.push(format!("/people/{person}{p}"));
        pages.push(format!("/organizations/{org}{p}"));
    }
    pages.push(format!("/people/{person}/letter?template=introduction"));
    pages.push(format!("/people/{person}/letter?template=thank-you"));
    pages.push(format!("/fields/{field}"));
    pages.push(format!("/fields/{field}/edit"));
    for i in [&confirmed, &thanked] {
        for p in ["", "/edit", "/plan", "/brief", "/live", "/after"] {
            pages.push(format!("/interviews/{i}{p}"));
        }
    }
    pages
}

#[tokio::test]
async fn every_page_keeps_the_rules() {
    let app = with_demo().await;
    for page in all_pages(&app).await {
        let r = get(&app, &page).await;
        assert_eq!(r.status, 200, "{page}");
        assert!(r.content_type.starts_with("text/html"), "{page}");
        check_page_rules(&r.html(), &page);
    }
}

#[tokio::test]
async fn the_board_has_every_status_and_the_list_everyone() {
    let app = with_demo().await;
    let doc = get(&app, "/interviews").await.html();
    let columns: Vec<String> = select(&doc, ".column h2 .status")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        columns,
        vec![
            "Idea",
            "Requested",
            "Scheduled",
            "Confirmed",
            "Done",
            "Thanked",
            "Closed"
        ]
    );
    assert_eq!(select(&doc, ".column .mini").len(), 25);
    let list = get(&app, "/interviews/all").await.html();
    assert_eq!(select(&list, "tbody tr").len(), 25);
}

#[tokio::test]
async fn the_interview_page_offers_one_next_action() {
    let app = with_demo().await;
    let scheduled = first_interview(&app, Status::Scheduled).await;
    let doc = get(&app, &format!("/interviews/{scheduled}")).await.html();
    let primary: Vec<String> = select(&doc, ".next button, .next .button")
        .iter()
        .map(text)
        .collect();
    assert_eq!(primary, vec!["I called to confirm"]);
    assert!(text(&select(&doc, ".page-head .eyebrow")[0]).contains("Prepare"));
    let r = post(
        &app,
        &format!("/interviews/{scheduled}/move"),
        &[("status", "confirmed")],
    )
    .await;
    assert_eq!(r.status, 303);
    let i = interviews::show(&app.db, &app.account, &scheduled)
        .await
        .unwrap();
    assert_eq!(i.status, Status::Confirmed);
    // An illegal move is refused with the allowed ones named, and nothing changes.
    let r = post(
        &app,
        &format!("/interviews/{scheduled}/move"),
        &[("status", "idea")],
    )
    .await;
    assert_eq!(r.status, 409);
    assert!(
        r.body
            .contains("allowed next: done, scheduled, declined, no-reply"),
        "{}",
        r.body
    );
    assert_eq!(
        interviews::show(&app.db, &app.account, &scheduled)
            .await
            .unwrap()
            .status,
        Status::Confirmed
    );
}

#[tokio::test]
async fn suggestions_differ_for_supervisors_and_employees() {
    let app = with_demo().await;
    let mut seen = Vec::new();
    for status in [Status::Idea, Status::Requested] {
        let filter = interviews::Filter {
            statuses: vec![status],
            ..interviews::Filter::default()
        };
        for i in interviews::list(&app.db, &app.account, &filter)
            .await
            .unwrap()
        {
            let doc = get(&app, &format!("/interviews/{}/plan", i.id))
                .await
                .html();
            seen.push(text(&select(&doc, "#suggested-heading")[0]));
        }
    }
    assert!(
        seen.iter().any(|h| h.contains("supervisor who can hire")),
        "{seen:?}"
    );
    assert!(
        seen.iter().any(|h| h.contains("someone who does the work")),
        "{seen:?}"
    );
}

#[tokio::test]
async fn the_bank_holds_the_handouts_groups_and_tiara() {
    let app = spawn_app().await;
    let doc = get(&app, "/questions").await.html();
    let headings: Vec<String> = select(&doc, "section h2").iter().map(text).collect();
    for h in [
        "What do you do?",
        "What is a typical day like?",
        "The company and its culture",
        "TIARA: trends, insights, advice, resources, assignments",
    ] {
        assert!(headings.iter().any(|x| x == h), "{h} in {headings:?}");
    }
    assert_eq!(
        select(&doc, ".bank li").len(),
        rapport_core::questions::BANK.len()
    );
}

#[tokio::test]
async fn posts_from_other_sites_are_refused() {
    let app = spawn_app().await;
    let r = crate::common::request(
        &app,
        "POST",
        "/people",
        "name=Mallory",
        &[("Origin", "https://evil.example")],
    )
    .await;
    assert_eq!(r.status, 403);
    assert!(
        people::list(&app.db, &app.account, &people::Filter::default())
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn search_marks_the_matched_words() {
    let app = with_demo().await;
    let doc = get(&app, "/search?q=robotics").await.html();
    let results = select(&doc, ".results li");
    assert!(!results.is_empty());
    assert!(
        select(&doc, ".results mark")
            .iter()
            .any(|m| text(m).eq_ignore_ascii_case("robotics"))
    );
    // Every page carries the search box.
    let home = get(&app, "/people").await.html();
    assert_eq!(
        select(&home, "form[role=search][action=\"/search\"] input[name=q]").len(),
        1
    );
}

#[tokio::test]
async fn fields_count_their_interviews_toward_three() {
    let app = with_demo().await;
    let doc = get(&app, "/fields").await.html();
    let cards: Vec<String> = select(&doc, ".card").iter().map(text).collect();
    assert!(
        cards.iter().any(|c| c.contains("Data analyst")
            && c.contains("2 of 3 interviews done, 4 planned")
            && c.contains("Don't settle")),
        "{cards:?}"
    );
    assert!(
        cards.iter().any(|c| c.contains("Software developer")
            && c.contains("5 interviews done (3 reached), 6 planned")
            && !c.contains("5 of 3")
            && !c.contains("Don't settle")),
        "{cards:?}"
    );
}

#[tokio::test]
async fn a_declined_request_can_be_asked_again() {
    let app = with_demo().await;
    let requested = first_interview(&app, Status::Requested).await;
    let r = post(
        &app,
        &format!("/interviews/{requested}/move"),
        &[("status", "declined")],
    )
    .await;
    assert_eq!(r.status, 303);
    let doc = get(&app, &format!("/interviews/{requested}")).await.html();
    let offered: Vec<String> = select(&doc, "form[action$=\"/move\"] input[name=status]")
        .iter()
        .filter_map(|i| i.value().attr("value").map(str::to_owned))
        .collect();
    assert!(offered.contains(&"requested".to_owned()), "{offered:?}");
    let r = post(
        &app,
        &format!("/interviews/{requested}/move"),
        &[("status", "requested")],
    )
    .await;
    assert_eq!(r.status, 303);
    let i = interviews::show(&app.db, &app.account, &requested)
        .await
        .unwrap();
    assert_eq!(i.status, Status::Requested);
}

#[tokio::test]
async fn a_persons_interviews_say_their_status_once() {
    let app = with_demo().await;
    let thanked = first_interview(&app, Status::Thanked).await;
    let person = interviews::show(&app.db, &app.account, &thanked)
        .await
        .unwrap()
        .person
        .id;
    let doc = get(&app, &format!("/people/{person}")).await.html();
    for item in select(&doc, "ul.plain li") {
        let words = text(&item);
        for status in Status::ALL {
            let label = status.label();
            assert!(
                words.matches(label).count() <= 1,
                "“{label}” twice in “{words}”"
            );
        }
    }
}

/// The people list pages by cursor: Next and Previous walk everyone once, in
/// name order, and the board says how many interviews each column holds.
#[tokio::test]
async fn large_lists_page_by_cursor_and_the_board_counts_all() {
    let app = spawn_app().await;
    rapport_store::demo::load_copies(&app.db, &app.account, zone(), now(), 3)
        .await
        .unwrap();
    let mut seen = Vec::new();
    let mut path = "/people".to_owned();
    let mut pages = Vec::new();
    loop {
        let doc = get(&app, &path).await.html();
        let names: Vec<String> = select(&doc, "table.table tbody tr td:first-child a")
            .iter()
            .map(|a| a.value().attr("href").unwrap().to_owned())
            .collect();
        assert!(names.len() <= 50);
        seen.extend(names);
        pages.push(path.clone());
        match select(&doc, "nav.pager a[rel=next]").first() {
            Some(next) => path = format!("/people{}", next.value().attr("href").unwrap()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 180, "three copies of the 60-person sample");
    let unique: std::collections::BTreeSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), 180, "nobody twice");
    assert_eq!(pages.len(), 4);
    // Back from the last page comes the third, as it was.
    let last = get(&app, &pages[3]).await.html();
    let prev = select(&last, "nav.pager a[rel=prev]")[0]
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    let third = get(&app, &format!("/people{prev}")).await.html();
    let first_of = |doc: &scraper::Html| {
        select(doc, "table.table tbody tr td:first-child a")[0]
            .value()
            .attr("href")
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        first_of(&third),
        first_of(&get(&app, &pages[2]).await.html())
    );

    let board = get(&app, "/interviews").await.html();
    let counts: i64 = select(&board, ".column h2 .count")
        .iter()
        .map(|c| text(c).parse::<i64>().unwrap())
        .sum();
    assert_eq!(counts, 75, "every interview is counted, shown or not");
}
