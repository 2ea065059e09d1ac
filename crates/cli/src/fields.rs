//! `rapport field …`

use crate::context::Context;
use crate::organizations::merge_research;
use crate::output::{Output, details, or_empty, table};
use crate::people::PageArgs;
use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use rapport_core::fields::{Field, FieldForm};
use rapport_store::ids::{self, Kind};
use rapport_store::{Page, StoreError, fields};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a field (occupation) to explore.
    Add {
        /// The occupation's title.
        title: String,
        #[command(flatten)]
        fields: FieldArgs,
    },
    /// List fields by title.
    List {
        /// Only titles containing this text.
        #[arg(long)]
        title: Option<String>,
        #[command(flatten)]
        page: PageArgs,
    },
    /// Show one field (id, id prefix or exact title).
    Show { field: String },
    /// Change a field; only the options you give change.
    Edit {
        field: String,
        /// New title.
        #[arg(long)]
        title: Option<String>,
        #[command(flatten)]
        fields: FieldArgs,
    },
    /// Delete a field; interviews that explored it stay.
    Rm { field: String },
}

#[derive(Debug, Args)]
pub struct FieldArgs {
    /// O*NET-SOC code, such as 15-1252.00.
    #[arg(long)]
    onet: Option<String>,
    /// exploring, promising or ruled-out.
    #[arg(long)]
    status: Option<String>,
    /// Notes.
    #[arg(long)]
    notes: Option<String>,
    /// How it fits your interests.
    #[arg(long)]
    fit_interests: Option<String>,
    /// How it fits your abilities.
    #[arg(long)]
    fit_abilities: Option<String>,
    /// How it fits your values.
    #[arg(long)]
    fit_values: Option<String>,
    /// How it fits your skills.
    #[arg(long)]
    fit_skills: Option<String>,
    /// A research note, SOURCE=NOTE, where SOURCE is onet, ooh, state-lmi,
    /// chamber, library or word-of-mouth (repeat).
    #[arg(long = "research", value_name = "SOURCE=NOTE")]
    research: Vec<String>,
}

impl FieldArgs {
    fn apply(self, form: &mut FieldForm) -> Result<()> {
        for (target, value) in [
            (&mut form.onet_code, self.onet),
            (&mut form.status, self.status),
            (&mut form.notes, self.notes),
            (&mut form.fit.interests, self.fit_interests),
            (&mut form.fit.abilities, self.fit_abilities),
            (&mut form.fit.values, self.fit_values),
            (&mut form.fit.skills, self.fit_skills),
        ] {
            if let Some(v) = value {
                *target = v;
            }
        }
        merge_research(&mut form.research, self.research)
    }
}

/// Finds a field by id, id prefix or exact title.
pub async fn resolve(ctx: &Context, text: &str) -> Result<String> {
    match ids::resolve(&ctx.db, &ctx.account, Kind::Field, text).await {
        Ok(id) => return Ok(id),
        Err(StoreError::NotFound { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    let page = Page {
        limit: 500,
        offset: 0,
    };
    let matches: Vec<Field> = fields::list(&ctx.db, &ctx.account, Some(text.trim()), page)
        .await?
        .into_iter()
        .filter(|f| f.title.eq_ignore_ascii_case(text.trim()))
        .collect();
    match matches.as_slice() {
        [one] => Ok(one.id.clone()),
        [] => bail!("no field with id or title \"{}\"", text.trim()),
        _ => bail!(
            "several fields are titled \"{}\"; use the id instead",
            text.trim()
        ),
    }
}

fn describe(f: &Field) -> String {
    let mut text = details(vec![
        ("id", f.id.clone()),
        ("title", f.title.clone()),
        ("status", f.status.label().to_owned()),
        ("O*NET", f.onet_code.clone().unwrap_or_default()),
        ("O*NET page", f.onet_url().unwrap_or_default()),
        ("interests", f.fit.interests.clone()),
        ("abilities", f.fit.abilities.clone()),
        ("values", f.fit.values.clone()),
        ("skills", f.fit.skills.clone()),
        ("notes", f.notes.clone()),
    ]);
    for r in &f.research {
        text.push_str(&format!("\n  {}: {}", r.source.label(), r.note));
    }
    text
}

pub async fn run(ctx: &Context, out: Output, command: Command) -> Result<()> {
    match command {
        Command::Add { title, fields } => {
            let mut form = FieldForm {
                title,
                ..FieldForm::default()
            };
            fields.apply(&mut form)?;
            let field = fields::create(&ctx.db, &ctx.account, &form.validate()?, ctx.now()).await?;
            out.print(&field, || format!("Added {} ({})", field.title, field.id))
        }
        Command::List { title, page } => {
            let list = fields::list(&ctx.db, &ctx.account, title.as_deref(), page.page()).await?;
            out.print(&list, || {
                let rows = list
                    .iter()
                    .map(|f| {
                        vec![
                            f.id.clone(),
                            f.title.clone(),
                            f.status.label().to_owned(),
                            f.onet_code.clone().unwrap_or_default(),
                        ]
                    })
                    .collect();
                or_empty(
                    table(&["id", "title", "status", "O*NET"], rows),
                    list.len(),
                    "No fields yet. Name an occupation you want to explore: rapport field add \"Title\"",
                )
            })
        }
        Command::Show { field } => {
            let id = resolve(ctx, &field).await?;
            let field = fields::show(&ctx.db, &ctx.account, &id).await?;
            out.print(&field, || describe(&field))
        }
        Command::Edit {
            field,
            title,
            fields,
        } => {
            let id = resolve(ctx, &field).await?;
            let mut form = fields::show(&ctx.db, &ctx.account, &id).await?.to_form();
            if let Some(title) = title {
                form.title = title;
            }
            fields.apply(&mut form)?;
            let field =
                fields::update(&ctx.db, &ctx.account, &id, &form.validate()?, ctx.now()).await?;
            out.print(&field, || format!("Updated {} ({})", field.title, field.id))
        }
        Command::Rm { field } => {
            let id = resolve(ctx, &field).await?;
            let gone = fields::show(&ctx.db, &ctx.account, &id).await?;
            fields::delete(&ctx.db, &ctx.account, &id).await?;
            out.print(&serde_json::json!({ "deleted": id }), || {
                format!("Deleted {} ({id})", gone.title)
            })
        }
    }
}
