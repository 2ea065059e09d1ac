//! `rapport export …`

use crate::context::Context;
use anyhow::{Context as _, Result};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Interviews and dated tasks as iCalendar (.ics), with reminders.
    Ics {
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

pub async fn run(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Ics { output } => {
            let ics =
                rapport_store::calendar::feed(&ctx.db, &ctx.account, ctx.now(), ctx.zone).await?;
            match output {
                Some(path) => std::fs::write(&path, ics)
                    .with_context(|| format!("cannot write {}", path.display()))?,
                None => print!("{ics}"),
            }
            Ok(())
        }
    }
}
