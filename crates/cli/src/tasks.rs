//! `rapport task …`

use crate::context::Context;
use crate::output::{Output, details, or_empty, table, when};
use crate::people::{PageArgs, resolve as resolve_person};
use anyhow::Result;
use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};
use rapport_core::tasks::{Task, TaskForm};
use rapport_store::ids::{self, Kind};
use rapport_store::tasks::{self, Show};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a task of your own.
    Add {
        /// What to do.
        title: String,
        #[command(flatten)]
        fields: TaskArgs,
    },
    /// List open tasks, soonest due first.
    List {
        /// Show done tasks instead.
        #[arg(long, conflicts_with = "all")]
        done: bool,
        /// Show open and done tasks.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        page: PageArgs,
    },
    /// Show one task.
    Show { task: String },
    /// Change a task; only the options you give change.
    Edit {
        task: String,
        /// New title.
        #[arg(long)]
        title: Option<String>,
        #[command(flatten)]
        fields: TaskArgs,
    },
    /// Mark a task done (yours, or a rule's by the id `today --json` shows).
    Done { task: String },
    /// Put a task off.
    Snooze {
        task: String,
        /// Until this time, as "2026-12-03 09:00" in your time zone.
        #[arg(long, conflicts_with = "days")]
        until: Option<String>,
        /// For this many days (default 1).
        #[arg(long)]
        days: Option<i64>,
    },
    /// Open a done task again.
    Reopen { task: String },
    /// Delete a task.
    Rm { task: String },
}

#[derive(Debug, Args)]
pub struct TaskArgs {
    /// Due, as "2026-12-03 09:00" in your time zone.
    #[arg(long)]
    due: Option<String>,
    /// Why it matters.
    #[arg(long)]
    reason: Option<String>,
    /// The person it concerns (id or exact name).
    #[arg(long)]
    person: Option<String>,
    /// The interview it belongs to (id).
    #[arg(long)]
    interview: Option<String>,
}

impl TaskArgs {
    async fn apply(self, ctx: &Context, form: &mut TaskForm) -> Result<()> {
        if let Some(p) = self.person {
            form.person_id = Some(resolve_person(ctx, &p).await?);
        }
        if let Some(i) = self.interview {
            form.interview_id =
                Some(ids::resolve(&ctx.db, &ctx.account, Kind::Interview, &i).await?);
        }
        if let Some(due) = self.due {
            form.due = due;
        }
        if let Some(reason) = self.reason {
            form.reason = reason;
        }
        Ok(())
    }
}

pub fn rows(list: &[Task], ctx: &Context, now: DateTime<Utc>) -> Vec<Vec<String>> {
    list.iter()
        .map(|t| {
            let due = when(t.due_at, ctx.zone);
            let state = if t.done_at.is_some() {
                "done"
            } else if t.is_overdue(now) {
                "OVERDUE"
            } else {
                ""
            };
            vec![
                t.id.clone(),
                due,
                state.to_owned(),
                t.title.clone(),
                t.reason.clone(),
            ]
        })
        .collect()
}

pub const HEADERS: [&str; 5] = ["id", "due", "", "task", "why"];

async fn resolve(ctx: &Context, text: &str) -> Result<String> {
    Ok(ids::resolve(&ctx.db, &ctx.account, Kind::Task, text).await?)
}

/// A stored task by id or prefix, or a rule's task by its key.
async fn resolve_any(ctx: &Context, text: &str) -> Result<String> {
    if rapport_store::rule_tasks::is_rule_key(text) {
        Ok(text.trim().to_owned())
    } else {
        resolve(ctx, text).await
    }
}

pub async fn run(ctx: &Context, out: Output, command: Command) -> Result<()> {
    match command {
        Command::Add { title, fields } => {
            let mut form = TaskForm {
                title,
                time_zone: ctx.zone.name().to_owned(),
                ..TaskForm::default()
            };
            fields.apply(ctx, &mut form).await?;
            let task = tasks::create(&ctx.db, &ctx.account, &form.validate()?, ctx.now()).await?;
            out.print(&task, || {
                format!("Added task: {} ({})", task.title, task.id)
            })
        }
        Command::List { done, all, page } => {
            let show = if all {
                Show::All
            } else if done {
                Show::Done
            } else {
                Show::Open
            };
            let list = tasks::list(&ctx.db, &ctx.account, show, page.page()).await?;
            let now = ctx.now();
            out.print(&list, || {
                or_empty(
                    table(&HEADERS, rows(&list, ctx, now)),
                    list.len(),
                    "No tasks here.",
                )
            })
        }
        Command::Show { task } => {
            let id = resolve(ctx, &task).await?;
            let t = tasks::show(&ctx.db, &ctx.account, &id).await?;
            out.print(&t, || {
                details(vec![
                    ("id", t.id.clone()),
                    ("task", t.title.clone()),
                    ("why", t.reason.clone()),
                    ("rule", t.rule.label().to_owned()),
                    ("due", when(t.due_at, ctx.zone)),
                    ("done", when(t.done_at, ctx.zone)),
                    (
                        "person",
                        t.person
                            .as_ref()
                            .map(|p| p.name.clone())
                            .unwrap_or_default(),
                    ),
                    ("interview", t.interview_id.clone().unwrap_or_default()),
                ])
            })
        }
        Command::Edit {
            task,
            title,
            fields,
        } => {
            let id = resolve(ctx, &task).await?;
            let current = tasks::show(&ctx.db, &ctx.account, &id).await?;
            let mut form = current.to_form(ctx.zone);
            if let Some(title) = title {
                form.title = title;
            }
            fields.apply(ctx, &mut form).await?;
            let mut input = form.validate()?;
            input.rule = current.rule;
            let t = tasks::update(&ctx.db, &ctx.account, &id, &input, ctx.now()).await?;
            out.print(&t, || format!("Updated task: {}", t.title))
        }
        Command::Done { task } => {
            let id = resolve_any(ctx, &task).await?;
            tasks::complete(&ctx.db, &ctx.account, &id, ctx.now()).await?;
            out.print(&serde_json::json!({ "done": id }), || "Done.".to_owned())
        }
        Command::Snooze { task, until, days } => {
            let id = resolve_any(ctx, &task).await?;
            // `--until` is taken as given; `--days` counts from the due time
            // while it is ahead, as on Today, so it never brings a task earlier.
            let until = match until {
                Some(raw) => {
                    let until = rapport_core::schedule::local_to_utc("until", &raw, ctx.zone)?;
                    tasks::snooze(&ctx.db, &ctx.account, &id, until, ctx.now()).await?;
                    until
                }
                None => {
                    let by = rapport_core::tasks::snooze_days(days.unwrap_or(1))
                        .map_err(rapport_store::StoreError::from)?;
                    tasks::snooze_by(&ctx.db, &ctx.account, &id, by, ctx.now(), ctx.zone).await?
                }
            };
            out.print(
                &serde_json::json!({ "snoozed": id, "until": until }),
                || format!("Snoozed until {}", when(Some(until), ctx.zone)),
            )
        }
        Command::Reopen { task } => {
            let id = resolve(ctx, &task).await?;
            let t = tasks::set_done(&ctx.db, &ctx.account, &id, false, ctx.now()).await?;
            out.print(&t, || format!("Open again: {}", t.title))
        }
        Command::Rm { task } => {
            let id = resolve(ctx, &task).await?;
            tasks::delete(&ctx.db, &ctx.account, &id).await?;
            out.print(&serde_json::json!({ "deleted": id }), || {
                format!("Deleted task {id}")
            })
        }
    }
}
