//! Today, the home page: the next interviews and what to do, soonest first.

use crate::error::AppError;
use crate::format::{long_date, relative};
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use chrono::{DateTime, Duration, Utc};
use rapport_core::interviews::Interview;
use rapport_core::pipeline::Step;
use rapport_core::tasks::Task;
use rapport_store::progress::{self, FieldProgress, Progress};
use rapport_store::{demo, interviews, today};

struct InterviewCard {
    id: String,
    person: String,
    organization: Option<String>,
    when: String,
    when_iso: String,
    status: &'static str,
    status_class: &'static str,
    step: String,
    advice: &'static str,
    length: u16,
    mode: &'static str,
    place: String,
}

pub(crate) struct TaskItem {
    pub(crate) id: String,
    /// One you added (it can be changed); the rules' follow their facts.
    pub(crate) own: bool,
    pub(crate) template: Option<String>,
    pub(crate) title: String,
    pub(crate) reason: String,
    pub(crate) due: Option<String>,
    pub(crate) due_iso: String,
    pub(crate) person: Option<String>,
}

pub(crate) struct TaskGroup {
    pub(crate) heading: &'static str,
    pub(crate) class: &'static str,
    pub(crate) tasks: Vec<TaskItem>,
    /// Folded under its heading and count (the coming week on Today).
    pub(crate) collapsed: bool,
}

struct MethodStep {
    number: usize,
    label: &'static str,
    summary: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "home/index.html")]
pub(crate) struct HomePage {
    active: &'static str,
    first_run: bool,
    progress: Progress,
    fields: Vec<FieldProgress>,
    date: String,
    interviews: Vec<InterviewCard>,
    groups: Vec<TaskGroup>,
    /// Where the task buttons come back to.
    back: &'static str,
    /// Open tasks in all, and how many of them (later, undated) Today leaves
    /// to the page of all tasks.
    all_tasks: usize,
    hidden_tasks: usize,
    /// Today read only its first tasks: the count is "at least".
    capped: bool,
    /// A task just added that falls beyond the coming week: say where it is.
    added_later: bool,
    steps: Vec<MethodStep>,
}

fn card(
    i: &Interview,
    prep: interviews::Preparation,
    now: DateTime<Utc>,
    student: &Student,
) -> InterviewCard {
    let step = i.status.step();
    let action = rapport_core::preparation::next_action(&super::interviews::facts_of(i, prep), now);
    InterviewCard {
        id: i.id.clone(),
        person: i.person.name.clone(),
        organization: i.organization.as_ref().map(|o| o.name.clone()),
        when: i
            .starts_at
            .map(|s| relative(s, now, student.zone))
            .unwrap_or_default(),
        when_iso: i.starts_at.map(|s| s.to_rfc3339()).unwrap_or_default(),
        status: i.status.label(),
        status_class: i.status.as_str(),
        step: format!("Step {} · {}", step.number(), step.label()),
        advice: super::interviews::advice(i, action),
        length: i.length.minutes(),
        mode: i.mode.label(),
        place: i.place.clone(),
    }
}

/// Overdue, today, the coming week, later, and tasks without a date.
pub(crate) fn group(tasks: &[Task], now: DateTime<Utc>, student: &Student) -> Vec<TaskGroup> {
    let tz = student.zone.tz();
    let today = now.with_timezone(&tz).date_naive();
    let mut groups = [
        ("Overdue", "overdue", Vec::new()),
        ("Today", "today", Vec::new()),
        ("This week", "week", Vec::new()),
        ("Later", "later", Vec::new()),
        ("Whenever you can", "undated", Vec::new()),
    ];
    for t in tasks {
        let slot = match t.due_at {
            None => 4,
            Some(due) if due < now => 0,
            Some(due) => {
                let day = due.with_timezone(&tz).date_naive();
                if day == today {
                    1
                } else if day <= today + Duration::days(7) {
                    2
                } else {
                    3
                }
            }
        };
        let template = match (rapport_core::letters::for_rule(t.rule), &t.person) {
            (Some(key), Some(p)) => Some(format!("/people/{}/letter?template={key}", p.id)),
            _ => None,
        };
        groups[slot].2.push(TaskItem {
            id: t.id.clone(),
            own: t.rule == rapport_core::tasks::TaskRule::User,
            template,
            title: t.title.clone(),
            reason: t.reason.clone(),
            due: t.due_at.map(|d| relative(d, now, student.zone)),
            due_iso: t.due_at.map(|d| d.to_rfc3339()).unwrap_or_default(),
            person: t.person.as_ref().map(|p| p.name.clone()),
        });
    }
    groups
        .into_iter()
        .filter(|(_, _, tasks)| !tasks.is_empty())
        .map(|(heading, class, tasks)| TaskGroup {
            heading,
            class,
            tasks,
            collapsed: false,
        })
        .collect()
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct HomeQuery {
    #[serde(default)]
    added: String,
}

pub(crate) async fn show(
    student: Student,
    axum::extract::Query(q): axum::extract::Query<HomeQuery>,
) -> Result<HomePage, AppError> {
    let now = student.now();
    let agenda = today::agenda(&student.db, &student.account, now, student.zone).await?;
    let progress = progress::counts(&student.db, &student.account).await?;
    let ids: Vec<&str> = agenda.interviews.iter().map(|i| i.id.as_str()).collect();
    // Today keeps to what is due now: overdue and today in full, the coming
    // week folded with its count, the rest on the page of all tasks.
    let groups = group(&agenda.tasks, now, &student);
    let prep = interviews::preparation(&student.db, &student.account, &ids).await?;
    Ok(HomePage {
        active: "today",
        first_run: progress.people == 0,
        progress,
        fields: progress::per_field(&student.db, &student.account).await?,
        date: long_date(now, student.zone),
        interviews: agenda
            .interviews
            .iter()
            .map(|i| {
                card(
                    i,
                    prep.get(&i.id).copied().unwrap_or_default(),
                    now,
                    &student,
                )
            })
            .collect(),
        all_tasks: agenda.tasks.len(),
        capped: agenda.tasks.len() >= usize::try_from(today::SHOWN).unwrap_or(usize::MAX),
        hidden_tasks: groups
            .iter()
            .filter(|g| matches!(g.class, "later" | "undated"))
            .map(|g| g.tasks.len())
            .sum(),
        groups: groups
            .into_iter()
            .filter(|g| !matches!(g.class, "later" | "undated"))
            .map(|g| TaskGroup {
                collapsed: g.class == "week",
                ..g
            })
            .collect(),
        back: "/",
        added_later: q.added == "later",
        steps: Step::ALL
            .iter()
            .map(|s| MethodStep {
                number: s.number(),
                label: s.label(),
                summary: s.summary(),
            })
            .collect(),
    })
}

/// The first-run choice: load the sample network into an empty workbench.
pub(crate) async fn load_demo(student: Student) -> Result<axum::response::Redirect, AppError> {
    demo::load(&student.db, &student.account, student.zone, student.now()).await?;
    Ok(super::shared::see_other("/"))
}
