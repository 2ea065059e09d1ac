//! Insights: what each field is teaching you, the funnel from the status
//! history, activity over the weeks, and how your requests were answered.

use super::charts::{self, Bar, Point};
use crate::error::AppError;
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use rapport_core::insights::funnel::FunnelStep;
use rapport_core::insights::replies::ReplyStats;
use rapport_core::insights::report::{FieldReport, Report};
use rapport_store::insights;

/// Chart boxes, in SVG units.
const FUNNEL_WIDTH: u32 = 360;
const FUNNEL_ROW: u32 = 28;
const WEEKS_WIDTH: u32 = 520;
const WEEKS_HEIGHT: u32 = 120;

/// One field with its scatter placed.
pub(crate) struct FieldView {
    pub(crate) report: FieldReport,
    /// Fit (up) against how likable the person was (across).
    pub(crate) liking: Vec<Point>,
    /// Fit against how attractive the setting was.
    pub(crate) setting: Vec<Point>,
}

#[derive(Template, WebTemplate)]
#[template(path = "insights/index.html")]
pub(crate) struct InsightsPage {
    active: &'static str,
    fields: Vec<FieldView>,
    funnel: Vec<FunnelStep>,
    funnel_bars: Vec<Bar>,
    funnel_height: u32,
    week_bars: Vec<Bar>,
    weeks_total: u64,
    by_channel: Vec<ReplyStats>,
    by_source: Vec<ReplyStats>,
    people: u64,
    scatter: u32,
    margin: u32,
    per_field: i64,
}

impl InsightsPage {
    /// A conversion as the page says it.
    fn percent(&self, c: &Option<f64>) -> String {
        c.map_or_else(|| "–".to_owned(), |c| format!("{:.0}%", c * 100.0))
    }

    /// Days as the page says them.
    fn days(&self, d: &Option<f64>) -> String {
        d.map_or_else(|| "–".to_owned(), |d| format!("{d:.1}"))
    }

    /// A rating, or a dash.
    fn rating(&self, r: &Option<u8>) -> String {
        r.map_or_else(|| "–".to_owned(), |r| r.to_string())
    }
}

fn field_view(report: FieldReport) -> FieldView {
    let place = |pick: fn(&rapport_core::insights::report::Learned) -> Option<u8>| {
        let pairs: Vec<(u8, u8, String, String)> = report
            .rated
            .iter()
            .filter_map(|l| {
                Some((
                    pick(l)?,
                    l.fit?,
                    l.person_name.clone(),
                    format!("/interviews/{}", l.interview_id),
                ))
            })
            .collect();
        charts::scatter(&pairs)
    };
    FieldView {
        liking: place(|l| l.likability),
        setting: place(|l| l.setting),
        report,
    }
}

pub(crate) fn page(report: Report) -> InsightsPage {
    let funnel_values: Vec<(String, u64)> = report
        .funnel
        .steps
        .iter()
        .map(|s| (s.step.label().to_owned(), s.count))
        .collect();
    let week_values: Vec<(String, u64)> = report
        .weeks
        .iter()
        .map(|w| (w.starts.format("%-d %b").to_string(), w.count))
        .collect();
    InsightsPage {
        active: "insights",
        people: report.funnel.steps.first().map_or(0, |s| s.count),
        funnel_bars: charts::rows(&funnel_values, FUNNEL_WIDTH, FUNNEL_ROW),
        funnel_height: FUNNEL_ROW * u32::try_from(funnel_values.len()).unwrap_or(0),
        funnel: report.funnel.steps,
        weeks_total: report.weeks.iter().map(|w| w.count).sum(),
        week_bars: charts::columns(&week_values, WEEKS_WIDTH, WEEKS_HEIGHT),
        by_channel: report.by_channel,
        by_source: report.by_source,
        fields: report.fields.into_iter().map(field_view).collect(),
        scatter: charts::SCATTER,
        margin: charts::MARGIN,
        per_field: insights::REFLECTIONS_PER_FIELD,
    }
}

pub(crate) async fn show(student: Student) -> Result<InsightsPage, AppError> {
    let report = insights::report(&student.db, &student.account, student.now()).await?;
    Ok(page(report))
}
