//! `rapport contact …`: the log of calls, letters and messages.

use crate::context::Context;
use crate::output::{Output, or_empty, table, when};
use crate::people::{PageArgs, resolve as resolve_person};
use anyhow::Result;
use clap::Subcommand;
use rapport_core::correspondence::ContactForm;
use rapport_store::correspondence;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log a contact: a call, a letter, an email, a meeting, a message.
    Add {
        /// With whom (id or name).
        person: String,
        /// phone, letter, email, in-person or message.
        #[arg(long)]
        channel: String,
        /// introduction, follow-up, confirmation, thank-you, keep-in-touch or other.
        #[arg(long, default_value = "other")]
        purpose: String,
        /// out (you reached out) or in (they reached you).
        #[arg(long, default_value = "out")]
        direction: String,
        /// sent, reached, left-message, no-answer, agreed, declined or replied.
        #[arg(long, default_value = "sent")]
        outcome: String,
        /// When, as "2026-12-03 09:00" in your time zone (default: now).
        #[arg(long)]
        at: Option<String>,
        /// Subject of a letter or email.
        #[arg(long, default_value = "")]
        subject: String,
        /// The text you sent, or notes on the call.
        #[arg(long, default_value = "")]
        body: String,
    },
    /// List contacts, newest first.
    List {
        /// Only with this person.
        #[arg(long)]
        person: Option<String>,
        #[command(flatten)]
        page: PageArgs,
    },
}

pub async fn run(ctx: &Context, out: Output, command: Command) -> Result<()> {
    match command {
        Command::Add {
            person,
            channel,
            purpose,
            direction,
            outcome,
            at,
            subject,
            body,
        } => {
            let form = ContactForm {
                person_id: resolve_person(ctx, &person).await?,
                interview_id: None,
                channel,
                direction,
                purpose,
                outcome,
                occurred_at: at.unwrap_or_default(),
                time_zone: ctx.zone.name().to_owned(),
                subject,
                body,
            };
            let contact = correspondence::create(
                &ctx.db,
                &ctx.account,
                &form.validate(ctx.now())?,
                ctx.now(),
            )
            .await?;
            out.print(&contact, || {
                format!(
                    "Logged: {} with {} ({})",
                    contact.channel.label(),
                    contact.person.name,
                    contact.purpose.label()
                )
            })
        }
        Command::List { person, page } => {
            let person_id = match person {
                Some(p) => Some(resolve_person(ctx, &p).await?),
                None => None,
            };
            let list =
                correspondence::list(&ctx.db, &ctx.account, person_id.as_deref(), page.page())
                    .await?;
            out.print(&list, || {
                let rows = list
                    .iter()
                    .map(|c| {
                        vec![
                            when(Some(c.occurred_at), ctx.zone),
                            c.person.name.clone(),
                            c.channel.label().to_owned(),
                            c.direction.as_str().to_owned(),
                            c.purpose.label().to_owned(),
                            c.outcome.label().to_owned(),
                        ]
                    })
                    .collect();
                or_empty(
                    table(&["when", "with", "how", "dir", "for", "outcome"], rows),
                    list.len(),
                    "No contacts logged yet.",
                )
            })
        }
    }
}
