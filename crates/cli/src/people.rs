//! `rapport person …`

use crate::context::Context;
use crate::output::{Output, details, or_empty, table, yes};
use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use rapport_core::organizations::OrganizationForm;
use rapport_core::people::{Person, PersonForm, PersonInput, Source};
use rapport_store::ids::{self, Kind};
use rapport_store::{Page, StoreError, organizations, people};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a person.
    Add {
        /// Their name, as they write it.
        name: String,
        #[command(flatten)]
        fields: PersonArgs,
    },
    /// List people by name.
    List {
        /// Only names containing this text.
        #[arg(long)]
        name: Option<String>,
        /// Only people at this organization (name or id).
        #[arg(long)]
        org: Option<String>,
        #[command(flatten)]
        page: PageArgs,
    },
    /// Show one person (id, id prefix or exact name).
    Show { person: String },
    /// Change a person; only the options you give change.
    Edit {
        person: String,
        /// New name.
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        fields: PersonArgs,
    },
    /// Delete a person with their interviews and tasks.
    Rm { person: String },
}

#[derive(Debug, Args)]
pub struct PageArgs {
    /// Rows to show (at most 500).
    #[arg(long, default_value_t = 100)]
    pub limit: u32,
    /// Rows to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
}

impl PageArgs {
    pub fn page(&self) -> Page {
        Page {
            limit: self.limit,
            offset: self.offset,
        }
    }
}

#[derive(Debug, Args)]
pub struct PersonArgs {
    /// Organization they work at, by name (created if new) or id.
    #[arg(long)]
    org: Option<String>,
    /// Job title.
    #[arg(long)]
    title: Option<String>,
    /// How you know of them: friend, fellow-student, co-worker,
    /// former-co-worker, supervisor, neighbor, professional-organization,
    /// directory, alumni-office, career-center, referral, chance-meeting, other.
    #[arg(long)]
    source: Option<String>,
    /// Email address (repeat for more; on edit, replaces the list).
    #[arg(long = "email")]
    emails: Vec<String>,
    /// Phone number (repeat for more; on edit, replaces the list).
    #[arg(long = "phone")]
    phones: Vec<String>,
    /// Web link (repeat for more; on edit, replaces the list).
    #[arg(long = "link")]
    links: Vec<String>,
    /// Tag (repeat for more; on edit, replaces the list).
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// Notes.
    #[arg(long)]
    notes: Option<String>,
    /// They can hire: managers and supervisors are the best people to ask.
    #[arg(long, overrides_with = "no_hiring_authority")]
    hiring_authority: bool,
    /// They cannot hire.
    #[arg(long)]
    no_hiring_authority: bool,
    /// Who referred them (id, id prefix or exact name).
    #[arg(long)]
    referred_by: Option<String>,
    /// The referrer said you may mention them.
    #[arg(long)]
    may_name_referrer: bool,
    /// You have their business card.
    #[arg(long)]
    business_card: bool,
    /// They said you may stay in touch.
    #[arg(long)]
    stay_in_touch: bool,
    /// Days between keep-in-touch notes.
    #[arg(long)]
    cadence_days: Option<String>,
}

/// Finds a person by id, id prefix, exact name, or a part of the name that
/// only one person's name contains.
pub async fn resolve(ctx: &Context, text: &str) -> Result<String> {
    match ids::resolve(&ctx.db, &ctx.account, Kind::Person, text).await {
        Ok(id) => return Ok(id),
        Err(StoreError::NotFound { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    let filter = people::Filter {
        name: Some(text.trim().to_owned()),
        page: Page {
            limit: 500,
            offset: 0,
        },
        ..people::Filter::default()
    };
    let found = people::list(&ctx.db, &ctx.account, &filter).await?;
    let exact: Vec<&Person> = found
        .iter()
        .filter(|p| p.name.eq_ignore_ascii_case(text.trim()))
        .collect();
    // An exact name wins; otherwise a part of a name will do if only one has it.
    let candidates: Vec<&Person> = if exact.is_empty() {
        found.iter().collect()
    } else {
        exact
    };
    match candidates.as_slice() {
        [one] => Ok(one.id.clone()),
        [] => bail!("no person with id or name \"{}\"", text.trim()),
        many => {
            let names: Vec<&str> = many.iter().take(5).map(|p| p.name.as_str()).collect();
            bail!(
                "\"{}\" matches {} people ({}); use more of the name or the id",
                text.trim(),
                many.len(),
                names.join(", ")
            )
        }
    }
}

/// Finds an organization by id or exact name; with `create`, a new name is added.
pub async fn resolve_org(ctx: &Context, text: &str, create: bool) -> Result<String> {
    match ids::resolve(&ctx.db, &ctx.account, Kind::Organization, text).await {
        Ok(id) => return Ok(id),
        Err(StoreError::NotFound { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    if let Some(id) = organizations::find_by_name(&ctx.db, &ctx.account, text).await? {
        return Ok(id);
    }
    if !create {
        bail!("no organization with id or name \"{}\"", text.trim());
    }
    let input = OrganizationForm::named(text).validate()?;
    Ok(
        organizations::create(&ctx.db, &ctx.account, &input, ctx.now())
            .await?
            .id,
    )
}

impl PersonArgs {
    /// Copies the given options into `form`. The organization is returned,
    /// not applied: it may need creating, which waits until the form is valid.
    async fn apply(self, ctx: &Context, form: &mut PersonForm) -> Result<Option<String>> {
        if let Some(referrer) = self.referred_by {
            form.referred_by_id = Some(resolve(ctx, &referrer).await?);
        }
        let set = |target: &mut String, value: Option<String>| {
            if let Some(v) = value {
                *target = v;
            }
        };
        set(&mut form.title, self.title);
        set(&mut form.source, self.source);
        set(&mut form.notes, self.notes);
        set(&mut form.cadence_days, self.cadence_days);
        for (target, values) in [
            (&mut form.emails, self.emails),
            (&mut form.phones, self.phones),
            (&mut form.links, self.links),
            (&mut form.tags, self.tags),
        ] {
            if !values.is_empty() {
                *target = values;
            }
        }
        if self.hiring_authority {
            form.hiring_authority = true;
        }
        if self.no_hiring_authority {
            form.hiring_authority = false;
        }
        form.may_name_referrer |= self.may_name_referrer;
        form.business_card |= self.business_card;
        form.stay_in_touch |= self.stay_in_touch;
        Ok(self.org)
    }
}

/// Checks `form`, then links the organization named on the command line
/// (an empty name unlinks it), so an invalid person never leaves a new
/// organization behind.
async fn checked(ctx: &Context, form: &PersonForm, org: Option<String>) -> Result<PersonInput> {
    let mut input = form.validate()?;
    if let Some(org) = org {
        input.organization_id = if org.trim().is_empty() {
            None
        } else {
            Some(resolve_org(ctx, &org, true).await?)
        };
    }
    Ok(input)
}

fn row(p: &Person) -> Vec<String> {
    vec![
        p.id.clone(),
        p.name.clone(),
        p.organization
            .as_ref()
            .map(|o| o.name.clone())
            .unwrap_or_default(),
        p.title.clone().unwrap_or_default(),
        p.source.label().to_owned(),
        if p.hiring_authority {
            "yes".into()
        } else {
            String::new()
        },
    ]
}

fn describe(p: &Person, referred: &[rapport_core::people::Ref]) -> String {
    details(vec![
        ("id", p.id.clone()),
        ("name", p.name.clone()),
        (
            "organization",
            p.organization
                .as_ref()
                .map(|o| o.name.clone())
                .unwrap_or_default(),
        ),
        ("title", p.title.clone().unwrap_or_default()),
        ("source", p.source.label().to_owned()),
        ("can hire", yes(p.hiring_authority)),
        ("email", p.emails.join(", ")),
        ("phone", p.phones.join(", ")),
        ("links", p.links.join(", ")),
        ("tags", p.tags.join(", ")),
        (
            "referred by",
            p.referred_by
                .as_ref()
                .map(|r| {
                    let may = if p.may_name_referrer {
                        " (you may mention them)"
                    } else {
                        ""
                    };
                    format!("{}{may}", r.name)
                })
                .unwrap_or_default(),
        ),
        (
            "referred",
            referred
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("business card", yes(p.business_card)),
        ("stay in touch", yes(p.stay_in_touch)),
        (
            "cadence",
            p.cadence_days
                .map(|d| format!("every {d} days"))
                .unwrap_or_default(),
        ),
        ("notes", p.notes.clone()),
    ])
}

pub async fn run(ctx: &Context, out: Output, command: Command) -> Result<()> {
    match command {
        Command::Add { name, fields } => {
            let mut form = PersonForm {
                name,
                ..PersonForm::default()
            };
            let org = fields.apply(ctx, &mut form).await?;
            if form.source.is_empty() && form.referred_by_id.is_some() {
                form.source = Source::Referral.as_str().to_owned();
            }
            let input = checked(ctx, &form, org).await?;
            let person = people::create(&ctx.db, &ctx.account, &input, ctx.now()).await?;
            out.print(&person, || format!("Added {} ({})", person.name, person.id))
        }
        Command::List { name, org, page } => {
            let organization_id = match org {
                Some(o) => Some(resolve_org(ctx, &o, false).await?),
                None => None,
            };
            let filter = people::Filter {
                name,
                organization_id,
                page: page.page(),
                ..people::Filter::default()
            };
            let list = people::list(&ctx.db, &ctx.account, &filter).await?;
            out.print(&list, || {
                let text = table(
                    &["id", "name", "organization", "title", "source", "can hire"],
                    list.iter().map(row).collect(),
                );
                or_empty(
                    text,
                    list.len(),
                    "No people yet. Start with people you already know: add one with\n  rapport person add \"Name\" --org \"Where they work\" --source friend",
                )
            })
        }
        Command::Show { person } => {
            let id = resolve(ctx, &person).await?;
            let person = people::show(&ctx.db, &ctx.account, &id).await?;
            let referred = people::referrals(&ctx.db, &ctx.account, &id).await?;
            out.print(&person, || describe(&person, &referred))
        }
        Command::Edit {
            person,
            name,
            fields,
        } => {
            let id = resolve(ctx, &person).await?;
            let current = people::show(&ctx.db, &ctx.account, &id).await?;
            let mut form = current.to_form();
            if let Some(name) = name {
                form.name = name;
            }
            let org = fields.apply(ctx, &mut form).await?;
            let input = checked(ctx, &form, org).await?;
            let person = people::update(&ctx.db, &ctx.account, &id, &input, ctx.now()).await?;
            out.print(&person, || {
                format!("Updated {} ({})", person.name, person.id)
            })
        }
        Command::Rm { person } => {
            let id = resolve(ctx, &person).await?;
            let gone = people::show(&ctx.db, &ctx.account, &id).await?;
            people::delete(&ctx.db, &ctx.account, &id).await?;
            out.print(&serde_json::json!({ "deleted": id }), || {
                format!("Deleted {} ({id})", gone.name)
            })
        }
    }
}
