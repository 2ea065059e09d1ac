//! `rapport token …`: personal tokens for the JSON API, and `rapport
//! openapi`, the API's description.

use crate::context::Context;
use crate::output::{Output, table};
use anyhow::Result;
use clap::Subcommand;
use rapport_store::api_tokens;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a token; its secret is printed this once.
    Create {
        /// What will use it ("phone shortcut").
        name: String,
        /// It may read but not change anything.
        #[arg(long)]
        read_only: bool,
    },
    /// Your tokens, newest first, with their last use.
    List,
    /// Revoke a token: the next request with it is refused.
    Revoke { id: String },
}

pub async fn run(ctx: &Context, out: Output, command: Command) -> Result<()> {
    match command {
        Command::Create { name, read_only } => {
            let made =
                api_tokens::create(&ctx.db, &ctx.account, &name, read_only, ctx.now()).await?;
            out.print(&made, || {
                format!(
                    "Token \"{}\" ({}): {}\nSend it as `Authorization: Bearer …`; it is not shown again.",
                    made.token.name,
                    if made.token.read_only { "read-only" } else { "read and write" },
                    made.secret
                )
            })
        }
        Command::List => {
            let tokens = api_tokens::list(&ctx.db, &ctx.account).await?;
            out.print(&tokens, || {
                let rows = tokens
                    .iter()
                    .map(|t| {
                        vec![
                            t.id.clone(),
                            t.name.clone(),
                            if t.read_only { "read" } else { "read, write" }.to_owned(),
                            t.last_used_at.clone().unwrap_or_else(|| "never".into()),
                            if t.revoked_at.is_some() {
                                "revoked"
                            } else {
                                "live"
                            }
                            .to_owned(),
                        ]
                    })
                    .collect();
                table(&["id", "name", "may", "last used", "state"], rows)
            })
        }
        Command::Revoke { id } => {
            api_tokens::revoke(&ctx.db, &ctx.account, &id, ctx.now()).await?;
            out.print(&serde_json::json!({ "revoked": id }), || {
                format!("Revoked token {id}")
            })
        }
    }
}
