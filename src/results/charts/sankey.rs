//! Journey paths of one design as a Sankey diagram.
//!
//! ```text
//!  Contact 1 ─▶ Result ─▶ Contact 2 ─▶ Result ─▶ Contact 3 ─▶ Result ─▶ Later ─▶ End
//!  (channel)   (outcome)  (channel)                                    contacts  Resolved
//!                                                                                Gave up
//! ```
//!
//! Built from the engine's [`Flow`] counts: attempt k on channel c ended
//! with result r (`entry`), after r retried on channel c (`retry`), or
//! ended resolved / gave up (`end`). The engine's eleven attempt results
//! are grouped into five outcomes a trainer can name; attempts after the
//! third are one "Later contacts" node.
//!
//! Layout: node heights are proportional to journeys, the same scale in
//! every column, so all designs' diagrams compare. Journeys that finish
//! travel in reserved corridors, resolved ones along the top and those
//! that gave up along the bottom, straight to the End column: their
//! ribbons never cross a later column's nodes.

use journey_engine::Flow;
use journey_engine::journey::AttemptResult;
use plotters::prelude::DrawingBackend;

use super::DataTable;
use super::axes::{self, Key, LegendItem, PlotArea};
use super::paint::{Align, Baseline, DrawResult, Painter, TextStyle, s_curve, size};
use super::palette::{INK, MUTED, NEUTRAL, Rgb, VERMILLION, WHITE, design_color};
use super::scale::{fit_text, text_width};
use crate::results::format::{count, number};

/// Attempts shown one by one; later ones are aggregated.
pub const SHOWN_ATTEMPTS: usize = 3;
/// Attempts shown one by one where the chart is narrow (a results pane
/// beside the study): six columns instead of eight.
pub const SHOWN_ATTEMPTS_NARROW: usize = 2;
/// Layout width below which the narrow diagram is drawn.
pub const NARROW_BELOW: f64 = 980.0;

/// How an attempt ended, in words a trainer uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    SelfServed,
    AgentSolved,
    NotSolved,
    SelfServiceFailed,
    LeftQueue,
    /// The simulated centre only: no one was on duty.
    FoundClosed,
    /// The simulated centre only: still going when the run ended.
    Unfinished,
}

impl Outcome {
    /// Top to bottom in a column: solved first, so resolved journeys head
    /// up to their corridor without crossing the others.
    pub const ALL: [Outcome; 7] = [
        Outcome::SelfServed,
        Outcome::AgentSolved,
        Outcome::NotSolved,
        Outcome::SelfServiceFailed,
        Outcome::LeftQueue,
        Outcome::FoundClosed,
        Outcome::Unfinished,
    ];

    pub fn of(result: AttemptResult) -> Self {
        use AttemptResult as R;
        match result {
            R::Contained => Outcome::SelfServed,
            R::Resolved | R::Tier2Resolved => Outcome::AgentSolved,
            R::Reopened | R::Unresolved | R::Tier2Reopened | R::Tier2Unresolved => Outcome::NotSolved,
            R::SelfServiceAbandoned | R::SelfServiceFailed => Outcome::SelfServiceFailed,
            R::QueueAbandoned | R::Tier2Abandoned => Outcome::LeftQueue,
            R::Closed | R::Tier2Closed => Outcome::FoundClosed,
            R::Unfinished => Outcome::Unfinished,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Outcome::SelfServed => "Self-served",
            Outcome::AgentSolved => "Agent solved",
            Outcome::NotSolved => "Not solved",
            Outcome::SelfServiceFailed => "Self-service failed",
            Outcome::LeftQueue => "Left the queue",
            Outcome::FoundClosed => "Found it closed",
            Outcome::Unfinished => "Still going at the end",
        }
    }

    fn results(self) -> impl Iterator<Item = AttemptResult> {
        AttemptResult::ALL.into_iter().filter(move |r| Outcome::of(*r) == self)
    }
}

/// What a node stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    Channel { attempt: usize, channel: usize },
    Result { attempt: usize, outcome: Outcome },
    Later,
    Resolved,
    GaveUp,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub column: usize,
    /// Short name drawn beside the node.
    pub name: String,
    /// Full name for the data table ("Contact 2: Phone").
    pub long_name: String,
    pub journeys: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub source: usize,
    pub target: usize,
    pub journeys: u64,
    /// The attempt (0-based) after which a journey ended; `None` for links
    /// that do not end a journey.
    pub ends_after: Option<usize>,
}

/// Nodes and links of one design's journeys.
#[derive(Clone, Debug, PartialEq)]
pub struct SankeyGraph {
    pub design: String,
    pub design_index: usize,
    pub columns: Vec<String>,
    pub nodes: Vec<Node>,
    pub links: Vec<Link>,
    /// Journeys in the diagram (all of the design's).
    pub total: u64,
}

/// Builds the graph of `flow` with `shown_attempts` contacts one by one
/// (the rest aggregated); `channels` are the design's channel names in the
/// flow's channel order.
// Indices address the flow's counts and the node tables together.
#[allow(clippy::needless_range_loop)]
pub fn build(design: &str, design_index: usize, flow: &Flow, channels: &[String], shown_attempts: usize) -> SankeyGraph {
    let channel_name = |c: usize| channels.get(c).cloned().unwrap_or_else(|| format!("Channel {}", c + 1));
    let entries = |a: usize| -> u64 { (0..flow.channels).flat_map(|c| AttemptResult::ALL.map(|r| flow.entry(a, c, r))).sum() };
    let shown = (0..flow.attempts.min(shown_attempts)).take_while(|&a| entries(a) > 0).count();
    let has_later = shown == shown_attempts && (shown..flow.attempts).any(|a| entries(a) > 0);

    let mut columns = Vec::new();
    for a in 0..shown {
        columns.push(format!("Contact {}", a + 1));
        columns.push("Result".to_owned());
    }
    if has_later {
        columns.push(format!("Contact {}+", shown + 1));
    }
    columns.push("End".to_owned());
    let end_column = columns.len() - 1;

    let mut nodes: Vec<Node> = Vec::new();
    let mut links: Vec<Link> = Vec::new();
    let add_node = |nodes: &mut Vec<Node>, kind, column, name: String, long_name: String, journeys: u64| -> Option<usize> {
        (journeys > 0).then(|| {
            nodes.push(Node { kind, column, name, long_name, journeys });
            nodes.len() - 1
        })
    };

    let resolved_total: u64 = (0..flow.attempts).flat_map(|a| AttemptResult::ALL.map(|r| flow.end(a, r, true))).sum();
    let gave_up_total: u64 = (0..flow.attempts).flat_map(|a| AttemptResult::ALL.map(|r| flow.end(a, r, false))).sum();
    let resolved = add_node(&mut nodes, NodeKind::Resolved, end_column, "Resolved".to_owned(), "Resolved".to_owned(), resolved_total);
    let gave_up = add_node(&mut nodes, NodeKind::GaveUp, end_column, "Gave up".to_owned(), "Gave up unresolved".to_owned(), gave_up_total);

    // Channel nodes of every shown attempt, then result nodes, then later.
    let mut channel_nodes = vec![vec![None; flow.channels]; shown];
    let mut result_nodes = vec![[None; Outcome::ALL.len()]; shown];
    for a in 0..shown {
        for c in 0..flow.channels {
            let n: u64 = AttemptResult::ALL.map(|r| flow.entry(a, c, r)).iter().sum();
            channel_nodes[a][c] = add_node(
                &mut nodes,
                NodeKind::Channel { attempt: a, channel: c },
                2 * a,
                channel_name(c),
                format!("Contact {}: {}", a + 1, channel_name(c)),
                n,
            );
        }
        for (o, outcome) in Outcome::ALL.into_iter().enumerate() {
            let n: u64 = (0..flow.channels).flat_map(|c| outcome.results().map(move |r| flow.entry(a, c, r))).sum();
            result_nodes[a][o] = add_node(
                &mut nodes,
                NodeKind::Result { attempt: a, outcome },
                2 * a + 1,
                outcome.label().to_owned(),
                format!("Contact {} result: {}", a + 1, outcome.label()),
                n,
            );
        }
    }
    // Journeys (not attempts) that go on past the shown contacts.
    let later_journeys: u64 = if has_later { entries(shown) } else { 0 };
    let later = add_node(
        &mut nodes,
        NodeKind::Later,
        2 * shown,
        "Later contacts".to_owned(),
        format!("Contacts {} and later", shown + 1),
        later_journeys,
    );

    let mut link = |source: Option<usize>, target: Option<usize>, journeys: u64, ends_after: Option<usize>| {
        if let (Some(source), Some(target)) = (source, target)
            && journeys > 0
        {
            links.push(Link { source, target, journeys, ends_after });
        }
    };
    for a in 0..shown {
        for c in 0..flow.channels {
            for (o, outcome) in Outcome::ALL.into_iter().enumerate() {
                let n = outcome.results().map(|r| flow.entry(a, c, r)).sum();
                link(channel_nodes[a][c], result_nodes[a][o], n, None);
            }
        }
        for (o, outcome) in Outcome::ALL.into_iter().enumerate() {
            let source = result_nodes[a][o];
            link(source, resolved, outcome.results().map(|r| flow.end(a, r, true)).sum(), Some(a));
            if a + 1 < shown {
                for c in 0..flow.channels {
                    link(source, channel_nodes[a + 1][c], outcome.results().map(|r| flow.retry(a, r, c)).sum(), None);
                }
            } else if has_later {
                let n = (0..flow.channels).flat_map(|c| outcome.results().map(move |r| flow.retry(a, r, c))).sum();
                link(source, later, n, None);
            }
            link(source, gave_up, outcome.results().map(|r| flow.end(a, r, false)).sum(), Some(a));
        }
    }
    if has_later {
        let ended = |resolved: bool| (shown..flow.attempts).flat_map(|a| AttemptResult::ALL.map(|r| flow.end(a, r, resolved))).sum();
        link(later, resolved, ended(true), Some(shown));
        link(later, gave_up, ended(false), Some(shown));
    }

    SankeyGraph { design: design.to_owned(), design_index, columns, nodes, links, total: entries(0) }
}

/// A node's box in layout units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeBox {
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
}

/// A ribbon: its band at the source and at the target, and where a
/// journey that ended runs straight on to the End column.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ribbon {
    pub link: usize,
    pub x0: f64,
    pub sy: (f64, f64),
    /// Where the curve ends (the next column's left edge).
    pub x1: f64,
    pub ty: (f64, f64),
    /// Where the straight corridor part ends (the End column), if any.
    pub x2: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SankeyLayout {
    pub boxes: Vec<NodeBox>,
    pub ribbons: Vec<Ribbon>,
    pub column_x: Vec<f64>,
    /// Layout units per journey.
    pub unit: f64,
}

pub const NODE_WIDTH: f64 = 14.0;
const GAP: f64 = 10.0;

/// Places nodes and ribbons inside `plot`.
// Indices address nodes, boxes and columns together.
#[allow(clippy::needless_range_loop)]
pub fn layout(graph: &SankeyGraph, plot: PlotArea) -> SankeyLayout {
    let columns = graph.columns.len();
    let end_column = columns - 1;
    let step = if columns > 1 { (plot.width() - NODE_WIDTH) / (columns - 1) as f64 } else { 0.0 };
    let column_x: Vec<f64> = (0..columns).map(|i| plot.left + step * i as f64).collect();
    let total = graph.total.max(1) as f64;

    // Journeys that ended before each column, and the active nodes in it.
    let ended_before = |column: usize, resolved: bool| -> u64 {
        graph
            .links
            .iter()
            .filter(|l| l.ends_after.is_some_and(|a| 2 * a + 1 < column && column != end_column))
            .filter(|l| matches!(graph.nodes[l.target].kind, NodeKind::Resolved) == resolved)
            .map(|l| l.journeys)
            .sum()
    };
    let gaps_in = |column: usize| -> f64 {
        let active = graph.nodes.iter().filter(|n| n.column == column).count();
        let corridors = usize::from(ended_before(column, true) > 0) + usize::from(ended_before(column, false) > 0);
        (active + corridors).saturating_sub(1) as f64 * GAP
    };
    let unit = (0..columns).map(|c| (plot.height() - gaps_in(c)).max(plot.height() * 0.3) / total).fold(f64::INFINITY, f64::min);

    let mut boxes = vec![NodeBox { x0: 0.0, x1: 0.0, y0: 0.0, y1: 0.0 }; graph.nodes.len()];
    for column in 0..columns {
        let x0 = column_x[column];
        let in_column: Vec<usize> = (0..graph.nodes.len()).filter(|&i| graph.nodes[i].column == column).collect();
        if column == end_column {
            for &i in &in_column {
                let h = graph.nodes[i].journeys as f64 * unit;
                let (y0, y1) = match graph.nodes[i].kind {
                    NodeKind::GaveUp => (plot.bottom - h, plot.bottom),
                    _ => (plot.top, plot.top + h),
                };
                boxes[i] = NodeBox { x0, x1: x0 + NODE_WIDTH, y0, y1 };
            }
            continue;
        }
        let (r, g) = (ended_before(column, true) as f64 * unit, ended_before(column, false) as f64 * unit);
        let free_top = plot.top + r + if r > 0.0 { GAP } else { 0.0 };
        let free_bottom = plot.bottom - g - if g > 0.0 { GAP } else { 0.0 };
        let used: f64 =
            in_column.iter().map(|&i| graph.nodes[i].journeys as f64 * unit).sum::<f64>() + in_column.len().saturating_sub(1) as f64 * GAP;
        let mut y = free_top + ((free_bottom - free_top - used) / 2.0).max(0.0);
        for &i in &in_column {
            let h = graph.nodes[i].journeys as f64 * unit;
            boxes[i] = NodeBox { x0, x1: x0 + NODE_WIDTH, y0: y, y1: y + h };
            y += h + GAP;
        }
    }

    // Targets first: ended journeys stack in their corridor by attempt and
    // outcome (resolved from the top down, gave-up from the bottom up);
    // other links stack at their target in the order of their sources.
    let mut ty = vec![(0.0, 0.0); graph.links.len()];
    for (i, node) in graph.nodes.iter().enumerate() {
        let mut incoming: Vec<usize> = (0..graph.links.len()).filter(|&l| graph.links[l].target == i).collect();
        // Bands at the gave-up node stack upwards, so sources are taken
        // bottom first to keep their ribbons from crossing.
        let flip = if node.kind == NodeKind::GaveUp { -1.0 } else { 1.0 };
        incoming.sort_by(|&a, &b| {
            let key = |l: usize| (graph.links[l].ends_after, flip * boxes[graph.links[l].source].y0);
            key(a).partial_cmp(&key(b)).unwrap_or(std::cmp::Ordering::Equal)
        });
        match node.kind {
            NodeKind::GaveUp => {
                let mut y = boxes[i].y1;
                for l in incoming {
                    let h = graph.links[l].journeys as f64 * unit;
                    ty[l] = (y - h, y);
                    y -= h;
                }
            }
            _ => {
                let mut y = boxes[i].y0;
                for l in incoming {
                    let h = graph.links[l].journeys as f64 * unit;
                    ty[l] = (y, y + h);
                    y += h;
                }
            }
        }
    }
    // Sources: bands in the order of where they go, top to bottom.
    let mut sy = vec![(0.0, 0.0); graph.links.len()];
    for i in 0..graph.nodes.len() {
        let mut outgoing: Vec<usize> = (0..graph.links.len()).filter(|&l| graph.links[l].source == i).collect();
        outgoing.sort_by(|&a, &b| ty[a].0.partial_cmp(&ty[b].0).unwrap_or(std::cmp::Ordering::Equal));
        let mut y = boxes[i].y0;
        for l in outgoing {
            let h = graph.links[l].journeys as f64 * unit;
            sy[l] = (y, y + h);
            y += h;
        }
    }

    let ribbons = graph
        .links
        .iter()
        .enumerate()
        .map(|(l, link)| {
            let source = boxes[link.source];
            let target_column = graph.nodes[link.target].column;
            let next_column = graph.nodes[link.source].column + 1;
            let (x1, x2) = if target_column > next_column {
                (column_x[next_column], Some(column_x[target_column]))
            } else {
                (boxes[link.target].x0, None)
            };
            Ribbon { link: l, x0: source.x1, sy: sy[l], x1, ty: ty[l], x2 }
        })
        .collect();
    SankeyLayout { boxes, ribbons, column_x, unit }
}

/// `text` in at most `max_lines` lines of at most `width` at `size`,
/// broken between words; the last line is cut with "…" if it must be.
pub fn wrap_words(text: &str, size: f64, width: f64, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        let fits = lines.last().is_some_and(|line| text_width(&format!("{line} {word}"), size) <= width);
        if fits || (lines.len() == max_lines && !lines.is_empty()) {
            if let Some(line) = lines.last_mut() {
                line.push(' ');
                line.push_str(word);
            }
        } else {
            lines.push(word.to_owned());
        }
    }
    lines.into_iter().map(|l| fit_text(&l, size, width)).collect()
}

/// One design's Sankey chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Sankey {
    /// Three contacts one by one: drawn where there is room, and always
    /// the data table and summary.
    pub graph: SankeyGraph,
    /// Two contacts one by one, drawn where the chart is narrow.
    pub compact: SankeyGraph,
}

const RIGHT_LABELS: f64 = 130.0;

impl Sankey {
    pub fn new(design: &str, design_index: usize, flow: &Flow, channels: &[String]) -> Self {
        Self {
            graph: build(design, design_index, flow, channels, SHOWN_ATTEMPTS),
            compact: build(design, design_index, flow, channels, SHOWN_ATTEMPTS_NARROW),
        }
    }

    pub fn title(&self) -> String {
        format!("{}: journey paths", self.graph.design)
    }

    fn share(&self, journeys: u64) -> String {
        format!("{}%", number(journeys as f64 * 100.0 / self.graph.total.max(1) as f64, 0, false))
    }

    fn resolved_after(&self, attempt: usize) -> u64 {
        self.graph
            .links
            .iter()
            .filter(|l| l.ends_after == Some(attempt) && self.graph.nodes[l.target].kind == NodeKind::Resolved)
            .map(|l| l.journeys)
            .sum()
    }

    pub fn summary(&self) -> String {
        let g = &self.graph;
        let of = |kind: NodeKind| g.nodes.iter().find(|n| n.kind == kind).map_or(0, |n| n.journeys);
        format!(
            "{}: of {} journeys, {} were resolved ({} at the first contact) and {} gave up. {} paths between {} steps.",
            self.title(),
            count(g.total),
            self.share(of(NodeKind::Resolved)),
            self.share(self.resolved_after(0)),
            self.share(of(NodeKind::GaveUp)),
            g.links.len(),
            g.nodes.len()
        )
    }

    pub fn table(&self) -> DataTable {
        let g = &self.graph;
        DataTable {
            caption: format!("{} (every link of the diagram)", self.title()),
            headers: vec!["From".into(), "To".into(), "Journeys".into(), "Share of journeys".into()],
            rows: g
                .links
                .iter()
                .map(|l| {
                    vec![
                        g.nodes[l.source].long_name.clone(),
                        g.nodes[l.target].long_name.clone(),
                        count(l.journeys),
                        format!("{}%", number(l.journeys as f64 * 100.0 / g.total.max(1) as f64, 1, false)),
                    ]
                })
                .collect(),
        }
    }

    fn legend(&self) -> Vec<LegendItem> {
        let band = |kind: NodeKind| {
            let (color, alpha) = self.kind_color(kind);
            (color, Key::Band((alpha * 100.0).round() as u8))
        };
        [(NodeKind::Resolved, "Heading to resolved"), (NodeKind::GaveUp, "Heading to gave up"), (NodeKind::Later, "Trying again")]
            .into_iter()
            .map(|(kind, name)| {
                let (color, key) = band(kind);
                LegendItem { name: name.into(), color, key }
            })
            .collect()
    }

    /// Ribbons take the colour of where they lead.
    fn ribbon_color(&self, link: &Link) -> (Rgb, f64) {
        self.kind_color(self.graph.nodes[link.target].kind)
    }

    fn kind_color(&self, kind: NodeKind) -> (Rgb, f64) {
        match kind {
            NodeKind::Resolved => (design_color(self.graph.design_index), if self.graph.design_index == 0 { 0.4 } else { 0.5 }),
            NodeKind::GaveUp => (VERMILLION, 0.4),
            _ => (NEUTRAL, 0.28),
        }
    }

    fn node_color(&self, node: &Node) -> Rgb {
        match node.kind {
            NodeKind::Resolved | NodeKind::Channel { .. } => design_color(self.graph.design_index),
            NodeKind::GaveUp => VERMILLION,
            NodeKind::Result { .. } | NodeKind::Later => INK,
        }
    }

    pub fn draw<DB: DrawingBackend>(&self, p: &Painter<DB>) -> DrawResult {
        let frame = p.frame();
        p.clear(WHITE)?;
        let head = axes::draw_title_and_legend(p, &self.title(), &self.legend())?;
        let g = if frame.width < NARROW_BELOW { &self.compact } else { &self.graph };
        if g.total == 0 {
            return p.text(
                "No journeys yet.",
                (frame.width / 2.0, frame.height / 2.0),
                TextStyle::new(size::LABEL, MUTED).align(Align::Middle),
            );
        }
        let plot = PlotArea { left: 20.0, top: head + 34.0, right: frame.width - RIGHT_LABELS, bottom: frame.height - 14.0 };
        let lay = layout(g, plot);

        let spacing = if lay.column_x.len() > 1 { lay.column_x[1] - lay.column_x[0] } else { plot.width() };
        for (i, name) in g.columns.iter().enumerate() {
            let room = if i + 1 == g.columns.len() { RIGHT_LABELS } else { spacing - 8.0 };
            let name = fit_text(name, size::TICK, room);
            p.text(&name, (lay.column_x[i], head + 8.0), TextStyle::new(size::TICK, MUTED).bold().baseline(Baseline::Top))?;
        }
        for ribbon in &lay.ribbons {
            let (color, alpha) = self.ribbon_color(&g.links[ribbon.link]);
            let mut top = s_curve((ribbon.x0, ribbon.sy.0), (ribbon.x1, ribbon.ty.0), 20);
            let mut bottom = s_curve((ribbon.x0, ribbon.sy.1), (ribbon.x1, ribbon.ty.1), 20);
            if let Some(x2) = ribbon.x2 {
                top.push((x2, ribbon.ty.0));
                bottom.push((x2, ribbon.ty.1));
            }
            bottom.reverse();
            top.extend(bottom);
            p.polygon(&top, color, alpha)?;
        }
        // A point smaller where the columns are close (the compact diagram).
        let label_size = if spacing < 110.0 { size::SMALL - 1.0 } else { size::SMALL };
        for (node, b) in g.nodes.iter().zip(&lay.boxes) {
            p.rect((b.x0, b.y0), (b.x1, b.y1.max(b.y0 + 1.0)), self.node_color(node), 1.0)?;
            let h = b.y1 - b.y0;
            let at_end = node.column == g.columns.len() - 1;
            let room = if at_end { RIGHT_LABELS - 12.0 } else { spacing - NODE_WIDTH - 8.0 };
            let x = b.x1 + 5.0;
            let share = self.share(node.journeys);
            let name_style = TextStyle::new(label_size, INK).bold();
            let lines = wrap_words(&node.name, label_size * 1.05, room, 2);
            let mid = (b.y0 + b.y1) / 2.0;
            if h >= 44.0 && lines.len() == 2 {
                for (k, line) in lines.iter().enumerate() {
                    axes::plated_text(p, line, (x, mid - 16.0 + 16.0 * k as f64), name_style)?;
                }
                axes::plated_text(p, &share, (x, mid + 16.0), TextStyle::new(label_size, INK))?;
            } else if h >= 34.0 {
                let name = fit_text(&node.name, label_size * 1.05, room);
                axes::plated_text(p, &name, (x, mid - 9.0), name_style)?;
                axes::plated_text(p, &share, (x, mid + 9.0), TextStyle::new(label_size, INK))?;
            } else if h >= 16.0 {
                let name = fit_text(&node.name, label_size, room - text_width(&share, label_size) - 6.0);
                axes::plated_text(p, &format!("{name} {share}"), (x, (b.y0 + b.y1) / 2.0), name_style)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::test_support::report_of;

    fn graphs(preset: &str) -> Vec<SankeyGraph> {
        let report = report_of(preset, 4096);
        report
            .designs
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let channels: Vec<String> = d.by_channel.iter().map(|c| c.name.clone()).collect();
                build(&d.name, i, &d.flow, &channels, SHOWN_ATTEMPTS)
            })
            .collect()
    }

    #[test]
    fn every_engine_result_has_one_outcome() {
        for r in AttemptResult::ALL {
            assert_eq!(Outcome::ALL.iter().filter(|o| **o == Outcome::of(r)).count(), 1);
        }
    }

    #[test]
    fn journeys_are_conserved_at_every_node() {
        for preset in ["password-reset", "pro-photographer", "help-centre-still-calls", "omnichannel-continuity"] {
            for g in graphs(preset) {
                assert_eq!(g.total, 4096, "{preset}");
                for (i, node) in g.nodes.iter().enumerate() {
                    let inflow: u64 = g.links.iter().filter(|l| l.target == i).map(|l| l.journeys).sum();
                    let outflow: u64 = g.links.iter().filter(|l| l.source == i).map(|l| l.journeys).sum();
                    match node.kind {
                        NodeKind::Channel { attempt: 0, .. } => assert_eq!(outflow, node.journeys, "{preset} {node:?}"),
                        NodeKind::Resolved | NodeKind::GaveUp => assert_eq!(inflow, node.journeys, "{preset} {node:?}"),
                        _ => {
                            assert_eq!(inflow, node.journeys, "{preset} {node:?}");
                            assert_eq!(outflow, node.journeys, "{preset} {node:?}");
                        }
                    }
                }
                let ends: u64 =
                    g.nodes.iter().filter(|n| matches!(n.kind, NodeKind::Resolved | NodeKind::GaveUp)).map(|n| n.journeys).sum();
                assert_eq!(ends, g.total, "{preset}");
            }
        }
    }

    #[test]
    fn resolved_share_matches_the_reported_resolution_rate() {
        let report = report_of("pro-photographer", 4096);
        for (i, d) in report.designs.iter().enumerate() {
            let channels: Vec<String> = d.by_channel.iter().map(|c| c.name.clone()).collect();
            let g = build(&d.name, i, &d.flow, &channels, SHOWN_ATTEMPTS);
            let resolved = g.nodes.iter().find(|n| n.kind == NodeKind::Resolved).unwrap().journeys as f64 / g.total as f64;
            let rate = d.kpis.get("resolution_rate").unwrap().estimate.unwrap();
            assert!((resolved - rate).abs() < 1e-12);
        }
    }

    #[test]
    fn columns_stop_at_three_contacts_then_later_then_end() {
        for g in graphs("pro-photographer") {
            assert!(g.columns.len() <= 2 * SHOWN_ATTEMPTS + 2);
            assert_eq!(g.columns.last().map(String::as_str), Some("End"));
            assert_eq!(g.columns[0], "Contact 1");
        }
    }

    #[test]
    fn labels_wrap_between_words_and_never_pass_their_room() {
        assert_eq!(wrap_words("Agent solved", 14.0, 200.0, 2), vec!["Agent solved"]);
        assert_eq!(wrap_words("Agent solved", 14.0, 60.0, 2), vec!["Agent", "solved"]);
        let cut = wrap_words("Self-service failed badly today", 14.0, 90.0, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut.iter().all(|l| text_width(l, 14.0) <= 90.0), "{cut:?}");
    }

    #[test]
    fn the_compact_diagram_has_the_same_ends_in_fewer_columns() {
        let report = report_of("pro-photographer", 4096);
        for (i, d) in report.designs.iter().enumerate() {
            let channels: Vec<String> = d.by_channel.iter().map(|c| c.name.clone()).collect();
            let chart = Sankey::new(&d.name, i, &d.flow, &channels);
            assert!(chart.compact.columns.len() < chart.graph.columns.len());
            assert_eq!(chart.compact.columns.len(), 2 * SHOWN_ATTEMPTS_NARROW + 2);
            let ends = |g: &SankeyGraph, kind: NodeKind| g.nodes.iter().find(|n| n.kind == kind).map(|n| n.journeys);
            for kind in [NodeKind::Resolved, NodeKind::GaveUp] {
                assert_eq!(ends(&chart.compact, kind), ends(&chart.graph, kind));
            }
        }
    }

    #[test]
    fn layout_keeps_nodes_inside_and_apart_and_ribbons_fit_their_nodes() {
        let plot = PlotArea { left: 20.0, top: 80.0, right: 900.0, bottom: 460.0 };
        for preset in ["password-reset", "pro-photographer", "help-centre-still-calls"] {
            for g in graphs(preset) {
                let lay = layout(&g, plot);
                for (i, b) in lay.boxes.iter().enumerate() {
                    assert!(b.y0 >= plot.top - 1e-6 && b.y1 <= plot.bottom + 1e-6, "{preset} {b:?}");
                    assert!(((b.y1 - b.y0) - g.nodes[i].journeys as f64 * lay.unit).abs() < 1e-6);
                    for (j, c) in lay.boxes.iter().enumerate() {
                        if i != j && g.nodes[i].column == g.nodes[j].column {
                            assert!(b.y1 <= c.y0 + 1e-6 || c.y1 <= b.y0 + 1e-6, "{preset}: overlapping nodes");
                        }
                    }
                }
                for r in &lay.ribbons {
                    let link = &g.links[r.link];
                    let (s, t) = (lay.boxes[link.source], lay.boxes[link.target]);
                    assert!(r.sy.0 >= s.y0 - 1e-6 && r.sy.1 <= s.y1 + 1e-6);
                    assert!(r.ty.0 >= t.y0 - 1e-6 && r.ty.1 <= t.y1 + 1e-6);
                    assert!(((r.sy.1 - r.sy.0) - (r.ty.1 - r.ty.0)).abs() < 1e-6);
                }
            }
        }
    }

    #[test]
    fn corridors_keep_finished_journeys_clear_of_later_nodes() {
        let plot = PlotArea { left: 20.0, top: 80.0, right: 900.0, bottom: 460.0 };
        for g in graphs("pro-photographer") {
            let lay = layout(&g, plot);
            for r in lay.ribbons.iter().filter(|r| r.x2.is_some()) {
                // Every node strictly between the curve's end and the End
                // column lies outside the corridor band.
                for (b, n) in lay.boxes.iter().zip(&g.nodes) {
                    if b.x0 >= r.x1 - 1e-6 && b.x0 < r.x2.unwrap() - 1e-6 {
                        assert!(b.y1 <= r.ty.0 + 1e-6 || b.y0 >= r.ty.1 - 1e-6, "{n:?} in a corridor");
                    }
                }
            }
        }
    }
}
