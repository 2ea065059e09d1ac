//! `rapport today`: what is next, soonest first.

use crate::context::Context;
use crate::output::{Output, table, when};
use crate::tasks::{HEADERS, rows};
use anyhow::Result;
use rapport_store::today;

pub async fn run(ctx: &Context, out: Output) -> Result<()> {
    let now = ctx.now();
    let agenda = today::agenda(&ctx.db, &ctx.account, now, ctx.zone).await?;
    out.print(&agenda, || {
        let mut text = String::new();
        if agenda.interviews.is_empty() {
            text.push_str(
                "No interviews scheduled. Ask someone for 20–30 minutes of their time.\n",
            );
        } else {
            text.push_str("Next interviews\n");
            let list = agenda
                .interviews
                .iter()
                .map(|i| {
                    vec![
                        i.id.clone(),
                        when(i.starts_at, ctx.zone),
                        i.person.name.clone(),
                        i.organization
                            .as_ref()
                            .map(|o| o.name.clone())
                            .unwrap_or_default(),
                        i.status.label().to_owned(),
                    ]
                })
                .collect();
            text.push_str(&table(
                &["id", "when", "with", "organization", "status"],
                list,
            ));
            text.push('\n');
        }
        text.push('\n');
        if agenda.tasks.is_empty() {
            text.push_str("No open tasks.\n");
        } else {
            text.push_str("Tasks\n");
            text.push_str(&table(&HEADERS, rows(&agenda.tasks, ctx, now)));
        }
        text
    })
}
