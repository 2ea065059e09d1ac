//! `rapport import`: LinkedIn, Google Contacts and vCard files.

use crate::context::Context;
use crate::output::{Output, table};
use anyhow::{Context as _, Result, bail};
use clap::Args as ClapArgs;
use rapport_core::import::{Format, detect, parse, text_from_bytes};
use rapport_store::imports::{self, OnDuplicate};
use std::path::PathBuf;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The file: Connections.csv from LinkedIn, a Google Contacts CSV, or a .vcf.
    #[arg(required_unless_present_any = ["undo", "list"])]
    file: Option<PathBuf>,
    /// linkedin, google or vcard (default: recognised from the file).
    #[arg(long)]
    format: Option<String>,
    /// Show what would happen and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Add new emails, phones and links to people already known (default: skip them).
    #[arg(long)]
    merge: bool,
    /// Take back an earlier import, by the batch id it printed.
    #[arg(long, conflicts_with_all = ["file", "list"])]
    undo: Option<String>,
    /// List earlier imports.
    #[arg(long, conflicts_with = "file")]
    list: bool,
    /// Where these people come from when the file does not say (career-center,
    /// alumni-office, professional-organization, directory…; default: other).
    #[arg(long)]
    source: Option<String>,
}

pub async fn run(ctx: &Context, out: Output, args: Args) -> Result<()> {
    if let Some(batch) = args.undo {
        let removed = imports::undo(&ctx.db, &ctx.account, batch.trim(), ctx.now()).await?;
        return out.print(
            &serde_json::json!({ "undone": batch, "people_removed": removed }),
            || format!("Undid import {batch}: {removed} people removed."),
        );
    }
    if args.list {
        let batches = imports::list(&ctx.db, &ctx.account).await?;
        return out.print(&batches, || {
            let rows = batches
                .iter()
                .map(|b| {
                    vec![
                        b.id.clone(),
                        b.created_at.chars().take(16).collect(),
                        b.format.clone(),
                        b.file_name.clone(),
                        b.imported.to_string(),
                        b.rejected.to_string(),
                        if b.undone_at.is_some() {
                            "undone".into()
                        } else {
                            String::new()
                        },
                    ]
                })
                .collect();
            table(
                &["batch", "when", "format", "file", "added", "rejected", ""],
                rows,
            )
        });
    }
    let Some(path) = args.file else {
        bail!("file: name the file to import")
    };
    let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = text_from_bytes(&bytes);
    let format = match args.format {
        Some(f) => Format::parse(&f)?,
        None => detect(&text).with_context(|| {
            format!(
                "format: cannot tell what {} is; pass --format linkedin, google or vcard",
                path.display()
            )
        })?,
    };
    let mut parsed = parse(&text, format);
    if let Some(source) = args.source.as_deref() {
        parsed = parsed.with_source(rapport_core::people::Source::parse(source)?);
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A file that yields no record (no header, no rows, every row refused)
    // is a failure, dry run or not: exiting 0 would read as "imported".
    if let Some(problem) = parsed.nothing_to_import() {
        if parsed.rejected.len() > 1 {
            for r in &parsed.rejected {
                eprintln!("  line {}: {}", r.line, r.reason);
            }
        }
        bail!("{name} ({}): {problem}", format.label());
    }
    let rejected_lines = |rejected: &[rapport_core::import::Rejected]| -> String {
        rejected
            .iter()
            .map(|r| format!("\n  line {}: {}", r.line, r.reason))
            .collect()
    };
    if args.dry_run {
        let preview = imports::preview(&ctx.db, &ctx.account, &parsed).await?;
        return out.print(&preview, || {
            let mut text = format!(
                "{} ({}): {} to add, {} already known, {} rejected. Nothing was written (--dry-run).",
                name,
                format.label(),
                preview.new.len(),
                preview.duplicates.len(),
                preview.rejected.len()
            );
            for d in &preview.duplicates {
                text.push_str(&format!("\n  line {}: {} is {} ({:?})", d.line, d.name, d.matches, d.by));
            }
            text.push_str(&rejected_lines(&preview.rejected));
            text
        });
    }
    let on_duplicate = if args.merge {
        OnDuplicate::Merge
    } else {
        OnDuplicate::Skip
    };
    let report = imports::apply(
        &ctx.db,
        &ctx.account,
        format,
        &name,
        &parsed,
        on_duplicate,
        ctx.now(),
    )
    .await?;
    out.print(&report, || {
        format!(
            "{} ({}): {} added, {} already known{}, {} rejected.{}\nUndo with: rapport import --undo {}",
            name,
            format.label(),
            report.imported,
            report.duplicates,
            if args.merge { format!(" ({} given new details)", report.merged) } else { String::new() },
            report.rejected.len(),
            rejected_lines(&report.rejected),
            report.batch_id
        )
    })
}
