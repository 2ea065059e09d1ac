//! `rapport search TEXT`

use crate::context::Context;
use crate::output::{Output, or_empty, table};
use anyhow::Result;
use rapport_store::search::{self, MARK_END, MARK_START};

pub async fn run(ctx: &Context, out: Output, text: &str) -> Result<()> {
    let hits = search::search(&ctx.db, &ctx.account, text, 50).await?;
    out.print(&hits, || {
        let rows = hits
            .iter()
            .map(|h| {
                let snippet = h.snippet.replace([MARK_START, MARK_END], "*");
                vec![h.kind.clone(), h.label.clone(), snippet, h.id.clone()]
            })
            .collect();
        or_empty(
            table(&["kind", "name", "where", "id"], rows),
            hits.len(),
            "Nothing matches.",
        )
    })
}
