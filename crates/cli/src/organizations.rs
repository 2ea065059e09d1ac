//! `rapport org …`

use crate::context::Context;
use crate::output::{Output, details, or_empty, table};
use crate::people::{PageArgs, resolve_org};
use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use rapport_core::organizations::{Organization, OrganizationForm};
use rapport_store::organizations;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add an organization.
    Add {
        /// Its name.
        name: String,
        #[command(flatten)]
        fields: OrganizationArgs,
    },
    /// List organizations by name.
    List {
        /// Only names containing this text.
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        page: PageArgs,
    },
    /// Show one organization (id, id prefix or exact name).
    Show { org: String },
    /// Change an organization; only the options you give change.
    Edit {
        org: String,
        /// New name.
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        fields: OrganizationArgs,
    },
    /// Delete an organization; its people and interviews stay.
    Rm { org: String },
}

#[derive(Debug, Args)]
pub struct OrganizationArgs {
    /// Website.
    #[arg(long)]
    website: Option<String>,
    /// Products and services.
    #[arg(long)]
    products: Option<String>,
    /// Entry-level jobs you have seen.
    #[arg(long)]
    entry_level_jobs: Option<String>,
    /// How they hire.
    #[arg(long)]
    hiring_procedure: Option<String>,
    /// What they value.
    #[arg(long)]
    values: Option<String>,
    /// Their outlook.
    #[arg(long)]
    outlook: Option<String>,
    /// Notes.
    #[arg(long)]
    notes: Option<String>,
    /// A research note, SOURCE=NOTE, where SOURCE is website, annual-report,
    /// literature, news, library or word-of-mouth (repeat; on edit, a source
    /// given replaces its note, and an empty NOTE removes it).
    #[arg(long = "research", value_name = "SOURCE=NOTE")]
    research: Vec<String>,
}

/// Splits `SOURCE=NOTE` pairs and merges them into `current`, one per source.
pub fn merge_research(current: &mut Vec<(String, String)>, given: Vec<String>) -> Result<()> {
    for pair in given {
        let Some((source, note)) = pair.split_once('=') else {
            bail!("research: \"{pair}\" should look like website=\"What the website told you\"");
        };
        let source = source.trim().to_owned();
        current.retain(|(s, _)| !s.eq_ignore_ascii_case(&source));
        current.push((source, note.to_owned()));
    }
    Ok(())
}

impl OrganizationArgs {
    fn apply(self, form: &mut OrganizationForm) -> Result<()> {
        for (target, value) in [
            (&mut form.website, self.website),
            (&mut form.products, self.products),
            (&mut form.entry_level_jobs, self.entry_level_jobs),
            (&mut form.hiring_procedure, self.hiring_procedure),
            (&mut form.values, self.values),
            (&mut form.outlook, self.outlook),
            (&mut form.notes, self.notes),
        ] {
            if let Some(v) = value {
                *target = v;
            }
        }
        merge_research(&mut form.research, self.research)
    }
}

fn describe(o: &Organization) -> String {
    let mut pairs = vec![
        ("id", o.id.clone()),
        ("name", o.name.clone()),
        ("website", o.website.clone().unwrap_or_default()),
        ("products", o.products.clone()),
        ("entry-level jobs", o.entry_level_jobs.clone()),
        ("hiring", o.hiring_procedure.clone()),
        ("values", o.values.clone()),
        ("outlook", o.outlook.clone()),
        ("notes", o.notes.clone()),
    ];
    if o.research.is_empty() {
        pairs.push((
            "research",
            "none yet: do your homework before you ask for an interview".into(),
        ));
    }
    let mut text = details(pairs);
    for r in &o.research {
        text.push_str(&format!("\n  {}: {}", r.source.label(), r.note));
    }
    text
}

pub async fn run(ctx: &Context, out: Output, command: Command) -> Result<()> {
    match command {
        Command::Add { name, fields } => {
            let mut form = OrganizationForm::named(&name);
            fields.apply(&mut form)?;
            let org =
                organizations::create(&ctx.db, &ctx.account, &form.validate()?, ctx.now()).await?;
            out.print(&org, || format!("Added {} ({})", org.name, org.id))
        }
        Command::List { name, page } => {
            let list =
                organizations::list(&ctx.db, &ctx.account, name.as_deref(), page.page()).await?;
            out.print(&list, || {
                let rows = list
                    .iter()
                    .map(|o| {
                        vec![
                            o.id.clone(),
                            o.name.clone(),
                            o.website.clone().unwrap_or_default(),
                            o.research.len().to_string(),
                        ]
                    })
                    .collect();
                or_empty(
                    table(&["id", "name", "website", "research notes"], rows),
                    list.len(),
                    "No organizations yet. Add one with: rapport org add \"Name\" --website example.org",
                )
            })
        }
        Command::Show { org } => {
            let id = resolve_org(ctx, &org, false).await?;
            let org = organizations::show(&ctx.db, &ctx.account, &id).await?;
            out.print(&org, || describe(&org))
        }
        Command::Edit { org, name, fields } => {
            let id = resolve_org(ctx, &org, false).await?;
            let mut form = organizations::show(&ctx.db, &ctx.account, &id)
                .await?
                .to_form();
            if let Some(name) = name {
                form.name = name;
            }
            fields.apply(&mut form)?;
            let org =
                organizations::update(&ctx.db, &ctx.account, &id, &form.validate()?, ctx.now())
                    .await?;
            out.print(&org, || format!("Updated {} ({})", org.name, org.id))
        }
        Command::Rm { org } => {
            let id = resolve_org(ctx, &org, false).await?;
            let gone = organizations::show(&ctx.db, &ctx.account, &id).await?;
            organizations::delete(&ctx.db, &ctx.account, &id).await?;
            out.print(&serde_json::json!({ "deleted": id }), || {
                format!("Deleted {} ({id})", gone.name)
            })
        }
    }
}
