//! Many writers on one account at once: with `BEGIN IMMEDIATE` and a busy
//! timeout, SQLite serialises them and none fails.

use crate::common::{TestDb, now, on_both};
use rapport_core::interviews::InterviewForm;
use rapport_core::people::PersonForm;
use rapport_core::pipeline::Status;
use rapport_store::{interviews, people};

on_both!(eight_writers_no_errors);

const WRITERS: usize = 8;
const ROUNDS: usize = 15;

async fn eight_writers_no_errors(t: &TestDb) {
    let mut handles = Vec::new();
    for w in 0..WRITERS {
        let db = t.db.clone();
        let account = t.account.clone();
        handles.push(tokio::spawn(async move {
            let mut errors = Vec::new();
            for r in 0..ROUNDS {
                let form = PersonForm {
                    name: format!("Writer {w} round {r}"),
                    ..PersonForm::default()
                };
                let person =
                    match people::create(&db, &account, &form.validate().unwrap(), now()).await {
                        Ok(p) => p,
                        Err(e) => {
                            errors.push(e.to_string());
                            continue;
                        }
                    };
                // A read-then-write transaction: the kind that fails at once
                // under a deferred BEGIN.
                let form = InterviewForm {
                    person_id: person.id,
                    ..InterviewForm::default()
                };
                let result = async {
                    let i =
                        interviews::create(&db, &account, &form.validate().unwrap(), now()).await?;
                    interviews::move_to(&db, &account, &i.id, Status::Requested, now()).await
                }
                .await;
                if let Err(e) = result {
                    errors.push(e.to_string());
                }
            }
            errors
        }));
    }
    let mut errors = Vec::new();
    for h in handles {
        errors.extend(h.await.unwrap());
    }
    assert!(
        errors.is_empty(),
        "{} errors, first: {:?}",
        errors.len(),
        errors.first()
    );
    let filter = people::Filter {
        page: rapport_store::Page {
            limit: 500,
            offset: 0,
        },
        ..people::Filter::default()
    };
    assert_eq!(
        people::list(&t.db, &t.account, &filter)
            .await
            .unwrap()
            .len(),
        WRITERS * ROUNDS
    );
    let requested = interviews::Filter {
        statuses: vec![Status::Requested],
        page: rapport_store::Page {
            limit: 500,
            offset: 0,
        },
        ..interviews::Filter::default()
    };
    assert_eq!(
        interviews::list(&t.db, &t.account, &requested)
            .await
            .unwrap()
            .len(),
        WRITERS * ROUNDS
    );
}
