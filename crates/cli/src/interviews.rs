//! `rapport interview …`

use crate::context::Context;
use crate::output::{Output, details, or_empty, table, when};
use crate::people::{PageArgs, resolve as resolve_person, resolve_org};
use anyhow::{Result, anyhow};
use clap::{Args, Subcommand};
use rapport_core::interviews::{Interview, InterviewForm};
use rapport_core::pipeline::Status;
use rapport_core::proposed_times::ProposedTimes;
use rapport_store::ids::{self, Kind};
use rapport_store::{interviews, people, proposed_times};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Plan an interview with someone; it starts as an idea.
    Add {
        /// Whom you will talk to (id, id prefix or exact name).
        #[arg(long)]
        person: String,
        #[command(flatten)]
        fields: InterviewArgs,
    },
    /// List interviews, dated ones by start.
    List {
        /// Only these statuses (repeat).
        #[arg(long = "status")]
        statuses: Vec<String>,
        /// Only with this person (id or exact name).
        #[arg(long)]
        person: Option<String>,
        #[command(flatten)]
        page: PageArgs,
    },
    /// Show one interview.
    Show { interview: String },
    /// Change an interview; only the options you give change.
    Edit {
        interview: String,
        /// Another person (id or exact name).
        #[arg(long)]
        person: Option<String>,
        #[command(flatten)]
        fields: InterviewArgs,
    },
    /// Move an interview along the pipeline: idea, requested, scheduled,
    /// confirmed, done, thanked, closed, declined, no-reply.
    Move {
        interview: String,
        status: String,
        /// For `done`: when it ended ("2026-12-03 10:40", in your zone);
        /// default: the agreed end if it has passed, else now. The
        /// thank-you is due 24 hours after it.
        #[arg(long)]
        ended: Option<String>,
    },
    /// Offer up to three times while asking ("2026-12-08 10:00", in the
    /// interview's zone; repeat `--at`); the introductory letter offers
    /// them. Without `--at` the times offered are removed.
    Propose {
        interview: String,
        #[arg(long = "at")]
        times: Vec<String>,
    },
    /// They chose one of the times offered: it becomes the start and the
    /// interview is scheduled.
    Choose {
        interview: String,
        /// The time chosen, as offered ("2026-12-08 10:00").
        at: String,
    },
    /// Delete an interview with its notes and tasks.
    Rm { interview: String },
}

#[derive(Debug, Args)]
pub struct InterviewArgs {
    /// Organization (id or exact name); default: the person's.
    #[arg(long)]
    org: Option<String>,
    /// Field explored (id or exact title; repeat; on edit, replaces the list).
    #[arg(long = "field")]
    fields: Vec<String>,
    /// in-person, phone or video.
    #[arg(long)]
    mode: Option<String>,
    /// Address, phone number or meeting link.
    #[arg(long)]
    place: Option<String>,
    /// How to get there.
    #[arg(long)]
    directions: Option<String>,
    /// Start, as "2026-12-03 10:00" in the meeting's time zone.
    #[arg(long)]
    at: Option<String>,
    /// The meeting's time zone (default: yours).
    #[arg(long)]
    zone: Option<String>,
    /// Agreed length in minutes (5–120; ask for 20–30).
    #[arg(long)]
    length: Option<String>,
    /// Notes.
    #[arg(long)]
    notes: Option<String>,
}

impl InterviewArgs {
    async fn apply(self, ctx: &Context, form: &mut InterviewForm) -> Result<()> {
        if let Some(org) = self.org {
            form.organization_id = if org.trim().is_empty() {
                None
            } else {
                Some(resolve_org(ctx, &org, false).await?)
            };
        }
        if !self.fields.is_empty() {
            let mut ids = Vec::new();
            for f in &self.fields {
                ids.push(crate::fields::resolve(ctx, f).await?);
            }
            form.field_ids = ids;
        }
        for (target, value) in [
            (&mut form.mode, self.mode),
            (&mut form.place, self.place),
            (&mut form.directions, self.directions),
            (&mut form.starts_at, self.at),
            (&mut form.time_zone, self.zone),
            (&mut form.length, self.length),
            (&mut form.notes, self.notes),
        ] {
            if let Some(v) = value {
                *target = v;
            }
        }
        Ok(())
    }
}

fn parse_status(raw: &str) -> Result<Status> {
    Status::parse(raw).ok_or_else(|| {
        let names: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
        anyhow!("status: \"{raw}\" is not one of: {}", names.join(", "))
    })
}

async fn resolve(ctx: &Context, text: &str) -> Result<String> {
    Ok(ids::resolve(&ctx.db, &ctx.account, Kind::Interview, text).await?)
}

fn row(i: &Interview, ctx: &Context) -> Vec<String> {
    vec![
        i.id.clone(),
        when(i.starts_at, ctx.zone),
        i.person.name.clone(),
        i.organization
            .as_ref()
            .map(|o| o.name.clone())
            .unwrap_or_default(),
        i.mode.label().to_owned(),
        format!("{} min", i.length.minutes()),
        i.status.label().to_owned(),
    ]
}

fn describe(i: &Interview) -> String {
    let next: Vec<&str> = i.status.next().iter().map(|s| s.as_str()).collect();
    details(vec![
        ("id", i.id.clone()),
        ("with", i.person.name.clone()),
        (
            "organization",
            i.organization
                .as_ref()
                .map(|o| o.name.clone())
                .unwrap_or_default(),
        ),
        (
            "fields",
            i.fields
                .iter()
                .map(|f| f.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("status", i.status.label().to_owned()),
        ("next", next.join(", ")),
        ("when", when(i.starts_at, i.time_zone)),
        ("length", format!("{} minutes", i.length.minutes())),
        ("mode", i.mode.label().to_owned()),
        ("place", i.place.clone()),
        ("directions", i.directions.clone()),
        ("notes", i.notes.clone()),
    ])
}

pub async fn run(ctx: &Context, out: Output, command: Command) -> Result<()> {
    match command {
        Command::Add { person, fields } => {
            let person_id = resolve_person(ctx, &person).await?;
            let person = people::show(&ctx.db, &ctx.account, &person_id).await?;
            let mut form = InterviewForm {
                person_id,
                organization_id: person.organization.map(|o| o.id),
                time_zone: ctx.zone.name().to_owned(),
                ..InterviewForm::default()
            };
            fields.apply(ctx, &mut form).await?;
            let interview =
                interviews::create(&ctx.db, &ctx.account, &form.validate()?, ctx.now()).await?;
            out.print(&interview, || {
                format!(
                    "Planned an interview with {} ({})",
                    interview.person.name, interview.id
                )
            })
        }
        Command::List {
            statuses,
            person,
            page,
        } => {
            let statuses = statuses
                .iter()
                .map(|s| parse_status(s))
                .collect::<Result<Vec<_>>>()?;
            let person_id = match person {
                Some(p) => Some(resolve_person(ctx, &p).await?),
                None => None,
            };
            let filter = interviews::Filter {
                statuses,
                person_id,
                page: page.page(),
                ..interviews::Filter::default()
            };
            let list = interviews::list(&ctx.db, &ctx.account, &filter).await?;
            out.print(&list, || {
                or_empty(
                    table(
                        &[
                            "id",
                            "when",
                            "with",
                            "organization",
                            "mode",
                            "length",
                            "status",
                        ],
                        list.iter().map(|i| row(i, ctx)).collect(),
                    ),
                    list.len(),
                    "No interviews yet. Plan one with: rapport interview add --person \"Name\"",
                )
            })
        }
        Command::Show { interview } => {
            let id = resolve(ctx, &interview).await?;
            let interview = interviews::show(&ctx.db, &ctx.account, &id).await?;
            out.print(&interview, || describe(&interview))
        }
        Command::Edit {
            interview,
            person,
            fields,
        } => {
            let id = resolve(ctx, &interview).await?;
            let mut form = interviews::show(&ctx.db, &ctx.account, &id)
                .await?
                .to_form();
            if let Some(p) = person {
                form.person_id = resolve_person(ctx, &p).await?;
            }
            fields.apply(ctx, &mut form).await?;
            let interview =
                interviews::update(&ctx.db, &ctx.account, &id, &form.validate()?, ctx.now())
                    .await?;
            out.print(&interview, || {
                format!("Updated the interview with {}", interview.person.name)
            })
        }
        Command::Move {
            interview,
            status,
            ended,
        } => {
            let to = parse_status(&status)?;
            let id = resolve(ctx, &interview).await?;
            let interview = if to == Status::Done {
                let ended = match ended.as_deref() {
                    Some(raw) => rapport_core::interviews::ended_at(raw, ctx.zone, ctx.now())
                        .map_err(rapport_store::StoreError::from)?,
                    None => interviews::show(&ctx.db, &ctx.account, &id)
                        .await?
                        .suggested_end(ctx.now()),
                };
                interviews::finish(&ctx.db, &ctx.account, &id, ended, ctx.now()).await?
            } else {
                if ended.is_some() {
                    anyhow::bail!("--ended goes with moving to done");
                }
                interviews::move_to(&ctx.db, &ctx.account, &id, to, ctx.now()).await?
            };
            out.print(&interview, || {
                format!(
                    "The interview with {} is now {}",
                    interview.person.name,
                    interview.status.label()
                )
            })
        }
        Command::Propose { interview, times } => {
            let id = resolve(ctx, &interview).await?;
            let zone = interviews::show(&ctx.db, &ctx.account, &id)
                .await?
                .time_zone;
            let times = ProposedTimes::from_form(&times, zone, ctx.now())
                .map_err(rapport_store::StoreError::from)?;
            let interview =
                proposed_times::set(&ctx.db, &ctx.account, &id, &times, ctx.now()).await?;
            out.print(&interview, || {
                format!(
                    "{} time(s) offered to {}",
                    interview.proposed_times.times().len(),
                    interview.person.name
                )
            })
        }
        Command::Choose { interview, at } => {
            let id = resolve(ctx, &interview).await?;
            let zone = interviews::show(&ctx.db, &ctx.account, &id)
                .await?
                .time_zone;
            let at = rapport_core::schedule::local_to_utc("proposed_times", &at, zone)
                .map_err(rapport_store::StoreError::from)?;
            let interview =
                proposed_times::choose(&ctx.db, &ctx.account, &id, at, ctx.now()).await?;
            out.print(&interview, || {
                format!(
                    "The interview with {} is scheduled for the time they chose",
                    interview.person.name
                )
            })
        }
        Command::Rm { interview } => {
            let id = resolve(ctx, &interview).await?;
            interviews::delete(&ctx.db, &ctx.account, &id).await?;
            out.print(&serde_json::json!({ "deleted": id }), || {
                format!("Deleted interview {id}")
            })
        }
    }
}
