//! The network: who introduced whom, drawn on the server as SVG with the
//! same facts as a list; each person's referral yield; how the network grew;
//! and the warm path, the shortest chain of introductions to an
//! organization or a field.

use super::charts::{self, Bar};
use crate::error::AppError;
use crate::student::Student;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Query;
use rapport_core::insights::network::{Yield, depths, layout, referral_yield, warm_path};
use rapport_core::insights::report::cumulative_months;
use rapport_store::network::{Graph, Node, Target};
use rapport_store::{Page, fields, insights, network};
use std::collections::{BTreeMap, BTreeSet};

/// Column and row of the drawing, in SVG units.
const COLUMN: u32 = 190;
const ROW: u32 = 30;
const GROWTH_WIDTH: u32 = 520;
const GROWTH_HEIGHT: u32 = 120;

/// A person placed in the drawing.
pub(crate) struct Placed {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) x: u32,
    pub(crate) y: u32,
    pub(crate) interviewed: bool,
}

/// A line from a referrer to the person they introduced.
pub(crate) struct Line {
    pub(crate) x1: u32,
    pub(crate) y1: u32,
    pub(crate) x2: u32,
    pub(crate) y2: u32,
}

/// One referrer and the people they introduced, for the list.
pub(crate) struct Introductions {
    pub(crate) by: Node,
    pub(crate) introduced: Vec<Node>,
}

/// A yield row with the person's name.
pub(crate) struct YieldRow {
    pub(crate) person: Node,
    pub(crate) counts: Yield,
}

/// The warm path asked for, and what was found.
pub(crate) struct PathAnswer {
    pub(crate) to: String,
    pub(crate) chain: Option<Vec<Node>>,
    /// No organization (or field) has the name typed.
    pub(crate) unknown: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "network/index.html")]
pub(crate) struct NetworkPage {
    active: &'static str,
    placed: Vec<Placed>,
    lines: Vec<Line>,
    width: u32,
    height: u32,
    introductions: Vec<Introductions>,
    yields: Vec<YieldRow>,
    growth: Vec<Bar>,
    capped: bool,
    cap: usize,
    /// Organizations of the people drawn, offered as you type.
    organizations: Vec<String>,
    /// The organization typed.
    organization: String,
    /// Some fields to suggest as you type.
    fields: Vec<String>,
    /// The field typed.
    field: String,
    answer: Option<PathAnswer>,
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct PathQuery {
    #[serde(default)]
    organization: Option<String>,
    #[serde(default)]
    field: Option<String>,
}

/// A name short enough for its column.
fn short(name: &str) -> String {
    const MAX: usize = 22;
    if name.chars().count() <= MAX {
        return name.to_owned();
    }
    let cut: String = name.chars().take(MAX - 1).collect();
    format!("{}…", cut.trim_end())
}

fn draw(graph: &Graph) -> (Vec<Placed>, Vec<Line>, u32, u32) {
    let ids: Vec<String> = graph.nodes.iter().map(|n| n.id.clone()).collect();
    let laid = layout(&ids, &graph.edges);
    let at: BTreeMap<&str, (u32, u32)> = laid
        .nodes
        .iter()
        .map(|p| {
            let x = u32::try_from(p.depth).unwrap_or(0) * COLUMN + 10;
            let y = u32::try_from(p.row).unwrap_or(0) * ROW + ROW / 2;
            (p.id.as_str(), (x, y))
        })
        .collect();
    let by_id: BTreeMap<&str, &Node> = graph.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let placed = laid
        .nodes
        .iter()
        .filter_map(|p| {
            let (x, y) = *at.get(p.id.as_str())?;
            let node = by_id.get(p.id.as_str())?;
            Some(Placed {
                id: node.id.clone(),
                name: short(&node.name),
                x,
                y,
                interviewed: node.interviewed,
            })
        })
        .collect();
    let lines = graph
        .edges
        .iter()
        .filter_map(|(from, to)| {
            let (x1, y1) = *at.get(from.as_str())?;
            let (x2, y2) = *at.get(to.as_str())?;
            Some(Line { x1, y1, x2, y2 })
        })
        .collect();
    let width = u32::try_from(laid.depth_count).unwrap_or(0) * COLUMN + 20;
    let height = u32::try_from(laid.max_rows).unwrap_or(0) * ROW;
    (placed, lines, width, height)
}

fn introductions(graph: &Graph) -> Vec<Introductions> {
    let by_id: BTreeMap<&str, &Node> = graph.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let mut grouped: BTreeMap<&str, Vec<Node>> = BTreeMap::new();
    for (from, to) in &graph.edges {
        if let Some(n) = by_id.get(to.as_str()) {
            grouped.entry(from.as_str()).or_default().push((*n).clone());
        }
    }
    let mut out: Vec<Introductions> = grouped
        .into_iter()
        .filter_map(|(from, mut introduced)| {
            introduced.sort_by(|a, b| a.name.cmp(&b.name));
            Some(Introductions {
                by: (*by_id.get(from)?).clone(),
                introduced,
            })
        })
        .collect();
    out.sort_by(|a, b| a.by.name.cmp(&b.by.name));
    out
}

/// The warm path to the target: the people you first knew are those
/// nobody introduced (in the graph, or a target you knew directly).
async fn answer(
    student: &Student,
    graph: &Graph,
    target: Target,
    to: String,
) -> Result<PathAnswer, AppError> {
    let found = network::targets(&student.db, &student.account, &target).await?;
    let ids: Vec<String> = graph.nodes.iter().map(|n| n.id.clone()).collect();
    let mut first: Vec<String> = depths(&ids, &graph.edges)
        .into_iter()
        .filter(|(_, d)| *d == 0)
        .map(|(id, _)| id)
        .collect();
    first.extend(
        found
            .iter()
            .filter(|(_, by)| by.is_none())
            .map(|(id, _)| id.clone()),
    );
    let targets: BTreeSet<String> = found.iter().map(|(id, _)| id.clone()).collect();
    let chain = match warm_path(&graph.edges, &first, &targets) {
        None => None,
        Some(path) => {
            let mut nodes = Vec::with_capacity(path.len());
            for id in path {
                let node = match graph.nodes.iter().find(|n| n.id == id) {
                    Some(n) => n.clone(),
                    None => {
                        // A target you knew first, outside every introduction.
                        let p =
                            rapport_store::people::show(&student.db, &student.account, &id).await?;
                        Node {
                            id: p.id,
                            name: p.name,
                            organization_id: p.organization.as_ref().map(|o| o.id.clone()),
                            organization: p.organization.map(|o| o.name),
                            interviewed: false,
                        }
                    }
                };
                nodes.push(node);
            }
            Some(nodes)
        }
    };
    Ok(PathAnswer {
        to,
        chain,
        unknown: false,
    })
}

pub(crate) async fn show(
    student: Student,
    Query(q): Query<PathQuery>,
) -> Result<NetworkPage, AppError> {
    let graph = insights::kept_network(&student.db, &student.account, student.now()).await?;
    // A few fields to suggest as you type; any field can be typed.
    let suggested = fields::list(
        &student.db,
        &student.account,
        None,
        Page {
            limit: 30,
            offset: 0,
        },
    )
    .await?;
    let typed = |v: Option<String>| v.map(|o| o.trim().to_owned()).filter(|o| !o.is_empty());
    let organization = typed(q.organization);
    let field = typed(q.field);
    let not_found = |to: &str| PathAnswer {
        to: to.to_owned(),
        chain: None,
        unknown: true,
    };
    let answer = match (&organization, &field) {
        (Some(name), _) => {
            match network::organization_named(&student.db, &student.account, name).await? {
                Some((id, name)) => {
                    Some(answer(&student, &graph, Target::Organization(id), name).await?)
                }
                None => Some(not_found(name)),
            }
        }
        (None, Some(title)) => {
            match network::field_named(&student.db, &student.account, title).await? {
                Some((id, title)) => {
                    Some(answer(&student, &graph, Target::Field(id), title).await?)
                }
                None => Some(not_found(title)),
            }
        }
        (None, None) => None,
    };
    let held: BTreeSet<String> = graph
        .nodes
        .iter()
        .filter(|n| n.interviewed)
        .map(|n| n.id.clone())
        .collect();
    let yields = referral_yield(&graph.edges, &held)
        .into_iter()
        .filter_map(|counts| {
            let person = graph.nodes.iter().find(|n| n.id == counts.person)?.clone();
            Some(YieldRow { person, counts })
        })
        .collect();
    let months: Vec<(String, u64)> = cumulative_months(&graph.joined)
        .into_iter()
        .map(|(m, n)| (m.format("%b %Y").to_string(), n))
        .collect();
    let (placed, lines, width, height) = draw(&graph);
    Ok(NetworkPage {
        active: "network",
        placed,
        lines,
        width,
        height,
        introductions: introductions(&graph),
        yields,
        growth: charts::columns(&months, GROWTH_WIDTH, GROWTH_HEIGHT),
        capped: graph.capped,
        cap: network::PEOPLE,
        organizations: graph
            .nodes
            .iter()
            .filter_map(|n| n.organization.clone())
            .collect::<BTreeSet<String>>()
            .into_iter()
            .collect(),
        organization: organization.unwrap_or_default(),
        fields: suggested.into_iter().map(|f| f.title).collect(),
        field: field.unwrap_or_default(),
        answer,
    })
}
