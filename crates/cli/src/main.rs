//! `rapport`: the informational-interview workbench on the command line.
#![forbid(unsafe_code)]

mod admin;
mod contacts;
mod context;
mod export;
mod fields;
mod import;
mod insights;
mod interviews;
mod organizations;
mod output;
mod people;
mod search;
mod serve;
mod tasks;
mod today;
mod tokens;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// rapport: find people to talk to, prepare, hold the conversation, record
/// what you learned and send thanks, the informational-interview way.
#[derive(Debug, Parser)]
#[command(name = "rapport", version, propagate_version = true)]
struct Cli {
    /// Database: a SQLite file path, sqlite://PATH or postgres://USER@HOST/DB.
    /// Default: rapport.db in your data folder ($XDG_DATA_HOME/rapport).
    #[arg(
        long,
        global = true,
        env = "RAPPORT_DATABASE_URL",
        value_name = "LOCATION"
    )]
    db: Option<String>,

    /// Print JSON instead of tables (for scripts).
    #[arg(long, global = true)]
    json: bool,

    /// Your time zone for dates you type and read (IANA name such as
    /// America/Los_Angeles). Default: $TZ, then the system's zone, then UTC.
    #[arg(long, global = true, env = "RAPPORT_TIME_ZONE", value_name = "ZONE")]
    tz: Option<String>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// People you might talk to.
    #[command(subcommand)]
    Person(people::Command),
    /// Organizations and the research you did on them.
    #[command(subcommand, name = "org")]
    Organization(organizations::Command),
    /// Fields (occupations) you are exploring.
    #[command(subcommand)]
    Field(fields::Command),
    /// Informational interviews, from idea to thank-you.
    #[command(subcommand)]
    Interview(interviews::Command),
    /// Tasks: what to do next, and why.
    #[command(subcommand)]
    Task(tasks::Command),
    /// Calls, letters and messages: the log of every contact.
    #[command(subcommand)]
    Contact(contacts::Command),
    /// Restore a JSON backup (from `rapport export json`) into an empty workbench.
    Restore {
        /// The backup file.
        file: std::path::PathBuf,
    },
    /// Write a consistent copy of the SQLite database, even while rapport runs.
    Backup {
        /// The new file.
        path: std::path::PathBuf,
    },
    /// Bring people in from LinkedIn, Google Contacts or vCard files.
    Import(import::Args),
    /// Export your data.
    #[command(subcommand)]
    Export(export::Command),
    /// Upcoming interviews and open tasks, soonest first.
    Today,
    /// What each field is teaching you, the funnel and how requests were answered.
    Insights {
        /// Only this field (id or exact title).
        #[arg(long)]
        field: Option<String>,
    },
    /// Load a sample network (a student, 3 fields, 15 organizations, 60
    /// people, 25 interviews) into an empty workbench, to see every screen filled.
    Demo {
        /// Load it this many times over (167 copies are about 10,000 people),
        /// to try rapport at the size of a large import.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=1000))]
        copies: u16,
    },
    /// Search people, organizations, fields, notes, answers and reflections.
    Search {
        /// Words to look for; the start of a word is enough.
        text: Vec<String>,
    },
    /// Run the web interface.
    Serve(serve::Args),
    /// Personal tokens for the JSON API: create, list, revoke.
    #[command(subcommand)]
    Token(tokens::Command),
    /// Print the JSON API's OpenAPI 3.1 description (as /api/v1/openapi.json serves it).
    Openapi,
    /// Accounts of a server: create, list, reset a password, end sessions, invite.
    Admin(admin::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line that names the problem; details stay in the log.
            let message = format!("{e:#}");
            eprintln!("error: {}", message.lines().next().unwrap_or_default());
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let out = output::Output { json: cli.json };
    let options = context::Options {
        db: cli.db,
        tz: cli.tz,
    };
    // These two open the database themselves: neither needs the local account.
    let command = match cli.command {
        Command::Serve(args) => return serve::run(options, args).await,
        Command::Admin(args) => return admin::run(options, out, args).await,
        Command::Openapi => {
            println!("{}", rapport_web::api::document());
            return Ok(());
        }
        other => other,
    };
    let ctx = context::Context::open(&options).await?;
    let result = match command {
        Command::Person(c) => people::run(&ctx, out, c).await,
        Command::Organization(c) => organizations::run(&ctx, out, c).await,
        Command::Field(c) => fields::run(&ctx, out, c).await,
        Command::Interview(c) => interviews::run(&ctx, out, c).await,
        Command::Task(c) => tasks::run(&ctx, out, c).await,
        Command::Contact(c) => contacts::run(&ctx, out, c).await,
        Command::Export(c) => export::run(&ctx, c).await,
        Command::Import(args) => import::run(&ctx, out, args).await,
        Command::Restore { file } => restore(&ctx, out, &file).await,
        Command::Backup { path } => {
            rapport_store::backup::copy_sqlite(&ctx.db, &path).await?;
            out.print(&serde_json::json!({ "backup": path }), || {
                format!("Copied the database to {}", path.display())
            })
        }
        Command::Today => today::run(&ctx, out).await,
        Command::Insights { field } => insights::run(&ctx, out, field).await,
        Command::Demo { copies } => demo(&ctx, out, copies).await,
        Command::Search { text } => search::run(&ctx, out, &text.join(" ")).await,
        Command::Token(c) => tokens::run(&ctx, out, c).await,
        Command::Serve(_) | Command::Admin(_) | Command::Openapi => Ok(()),
    };
    ctx.db.close().await;
    result
}

async fn demo(ctx: &context::Context, out: output::Output, copies: u16) -> anyhow::Result<()> {
    let loaded = rapport_store::demo::load_copies(
        &ctx.db,
        &ctx.account,
        ctx.zone,
        ctx.now(),
        usize::from(copies),
    )
    .await?;
    out.print(&loaded, || {
        format!(
            "Loaded the sample: {} fields, {} organizations, {} people and {} interviews.\nTry: rapport today",
            loaded.fields, loaded.organizations, loaded.people, loaded.interviews
        )
    })
}

async fn restore(
    ctx: &context::Context,
    out: output::Output,
    file: &std::path::Path,
) -> anyhow::Result<()> {
    use anyhow::Context as _;
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let doc: serde_json::Value = serde_json::from_str(&text)
        .with_context(|| format!("backup: {} is not JSON", file.display()))?;
    let rows = rapport_store::backup::restore(&ctx.db, &ctx.account, &doc).await?;
    out.print(&serde_json::json!({ "restored_rows": rows }), || {
        format!("Restored {rows} records from {}", file.display())
    })
}
