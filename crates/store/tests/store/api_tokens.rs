//! Personal API tokens on both backends: kept as a hash, found by their
//! secret until revoked, each account's own.

use crate::common::{TestDb, now, on_both};
use chrono::Duration;
use rapport_store::{StoreError, api_tokens};

on_both!(a_token_opens_its_account_until_it_is_revoked);

async fn a_token_opens_its_account_until_it_is_revoked(t: &TestDb) {
    let made = api_tokens::create(&t.db, &t.account, "phone shortcut", true, now())
        .await
        .unwrap();
    assert!(made.secret.starts_with(api_tokens::PREFIX));
    assert_eq!(made.token.last_used_at, None);
    let found = api_tokens::authenticate(&t.db, &made.secret, now() + Duration::hours(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.account, t.account);
    assert!(found.read_only);
    let listed = api_tokens::list(&t.db, &t.account).await.unwrap();
    assert!(listed[0].last_used_at.is_some(), "its use is shown");
    // The database holds no copy of the secret.
    let hex = made.secret.trim_start_matches(api_tokens::PREFIX);
    let stored: i64 = match &t.db {
        rapport_store::Db::Sqlite(pool) => sqlx::query_scalar(
            "SELECT count(*) FROM api_tokens WHERE token_hash LIKE '%' || $1 || '%'",
        )
        .bind(hex)
        .fetch_one(pool)
        .await
        .unwrap(),
        rapport_store::Db::Postgres(pool) => sqlx::query_scalar(
            "SELECT count(*) FROM api_tokens WHERE token_hash LIKE '%' || $1 || '%'",
        )
        .bind(hex)
        .fetch_one(pool)
        .await
        .unwrap(),
    };
    assert_eq!(stored, 0);
    // Another account cannot revoke it; its owner can, and then it opens nothing.
    let other = t.other_account().await;
    assert!(matches!(
        api_tokens::revoke(&t.db, &other, &made.token.id, now()).await,
        Err(StoreError::NotFound { .. })
    ));
    api_tokens::revoke(&t.db, &t.account, &made.token.id, now())
        .await
        .unwrap();
    assert_eq!(
        api_tokens::authenticate(&t.db, &made.secret, now())
            .await
            .unwrap(),
        None
    );
    for bad in ["", "rpt_", "rpt_zz", "Bearer x", &made.secret[4..]] {
        assert_eq!(
            api_tokens::authenticate(&t.db, bad, now()).await.unwrap(),
            None,
            "{bad}"
        );
    }
    // A new password revokes every token made before it.
    let kept = api_tokens::create(&t.db, &t.account, "spreadsheet", false, now())
        .await
        .unwrap();
    rapport_store::accounts::set_password(&t.db, &t.account, "a new hash", None)
        .await
        .unwrap();
    assert_eq!(
        api_tokens::authenticate(&t.db, &kept.secret, now())
            .await
            .unwrap(),
        None
    );
    let unnamed = api_tokens::create(&t.db, &t.account, "  ", false, now()).await;
    assert!(matches!(unnamed, Err(StoreError::Invalid(e)) if e.for_field("name").is_some()));
}
