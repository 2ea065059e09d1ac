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
    /// Everything, as one JSON document that `rapport restore` reads back.
    Json {
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// People as CSV (cells a spreadsheet would run as formulas are made inert).
    Csv {
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// People as vCard 4.0.
    Vcard {
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

fn write(output: Option<PathBuf>, text: &str) -> Result<()> {
    match output {
        Some(path) => {
            std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))
        }
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

pub async fn run(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Ics { output } => {
            let ics =
                rapport_store::calendar::feed(&ctx.db, &ctx.account, ctx.now(), ctx.zone).await?;
            write(output, &ics)
        }
        Command::Json { output } => {
            let doc = rapport_store::backup::export(&ctx.db, &ctx.account, ctx.now()).await?;
            write(
                output,
                &format!("{}\n", serde_json::to_string_pretty(&doc)?),
            )
        }
        Command::Csv { output } => {
            let people = rapport_store::people::all(&ctx.db, &ctx.account).await?;
            write(output, &rapport_core::export::people_csv(&people))
        }
        Command::Vcard { output } => {
            let people = rapport_store::people::all(&ctx.db, &ctx.account).await?;
            write(output, &rapport_core::export::people_vcard(&people))
        }
    }
}
