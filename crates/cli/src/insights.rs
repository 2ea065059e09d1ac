//! `rapport insights`: what each field is teaching you, the funnel from the
//! status history and how your requests were answered, the same figures as
//! the Insights page.

use crate::context::Context;
use crate::output::{Output, table};
use anyhow::Result;
use rapport_core::insights::report::{FieldReport, Report};
use rapport_store::insights;

fn percent(c: Option<f64>) -> String {
    c.map_or_else(|| "-".to_owned(), |c| format!("{:.0}%", c * 100.0))
}

fn human_field(f: &FieldReport) -> String {
    let e = &f.evidence;
    let mut text = format!(
        "{}: {} held, {} planned, {} organization(s), {} with someone who can hire\n",
        f.title, e.held, e.planned, e.organizations, e.hiring
    );
    for line in f.nudge.iter().chain(&f.echo_message) {
        text.push_str(&format!("  {line}\n"));
    }
    text
}

fn human(report: &Report) -> String {
    let mut text: String = report.fields.iter().map(human_field).collect();
    text.push_str("\nFunnel\n");
    let rows = report
        .funnel
        .steps
        .iter()
        .map(|s| {
            vec![
                s.step.label().to_owned(),
                s.count.to_string(),
                percent(s.conversion),
            ]
        })
        .collect();
    text.push_str(&table(&["step", "people", "of the step before"], rows));
    if !report.by_channel.is_empty() {
        text.push_str("\nAnswers to your requests\n");
        let rows = report
            .by_channel
            .iter()
            .map(|r| {
                vec![
                    r.key.clone(),
                    r.sent.to_string(),
                    r.replied.to_string(),
                    r.median_days
                        .map_or_else(|| "-".to_owned(), |d| format!("{d:.1}")),
                ]
            })
            .collect();
        text.push_str(&table(
            &["channel", "asked", "answered", "median days"],
            rows,
        ));
    }
    text
}

/// Prints the report; with `field`, only that field's part of it.
pub async fn run(ctx: &Context, out: Output, field: Option<String>) -> Result<()> {
    let mut report = insights::report(&ctx.db, &ctx.account, ctx.now()).await?;
    if let Some(f) = field {
        let id = crate::fields::resolve(ctx, &f).await?;
        report.fields.retain(|r| r.id == id);
        if report.fields.is_empty() {
            anyhow::bail!("field: {f} is ruled out or not among the fields insights read");
        }
        let only = &report.fields[0];
        return out.print(only, || human_field(only));
    }
    out.print(&report, || human(&report))
}
