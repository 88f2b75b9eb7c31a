//! The day at a glance: one staffed pool of a simulated centre, hour by
//! hour, a line per design, in three panels sharing the hours:
//!
//! 1. contacts offered an hour (solid) against what the agents on duty
//!    could answer (dashed): agents on duty × the pool's answered contacts
//!    per busy agent hour over the day, so the peak shows where demand
//!    passes capacity;
//! 2. the share answered within the pool's target;
//! 3. the mean wait of every offered contact.
//!
//! Hours of the day are as the report gives them: figures of the contacts
//! that entered the queue in that hour, per measured day.

use journey_engine::Report;
use plotters::prelude::DrawingBackend;

use super::DataTable;
use super::axes::{self, Key, LegendItem, PlotArea, Tick, X_AXIS_HEIGHT};
use super::paint::{DrawResult, Painter};
use super::palette::{WHITE, design_color, design_marker};
use super::scale::{Linear, NiceAxis, nice_axis};
use crate::results::format::number;

/// One design's hours.
#[derive(Clone, Debug, PartialEq)]
pub struct DaySeries {
    pub name: String,
    pub design: usize,
    /// Contacts offered in each hour of the day, per day.
    pub offered: Vec<Option<f64>>,
    /// Contacts the agents on duty could answer in each hour.
    pub capacity: Vec<Option<f64>>,
    /// Answered within target ÷ offered, per hour.
    pub service_level: Vec<Option<f64>>,
    /// Mean wait of all offered contacts [min], per hour.
    pub mean_wait: Vec<Option<f64>>,
    /// Agents on duty (mean over the measured days), per hour.
    pub agents: Vec<Option<f64>>,
}

/// The chart of one pool.
#[derive(Clone, Debug, PartialEq)]
pub struct DayChart {
    pub pool: String,
    /// "20 s".
    pub target: String,
    pub series: Vec<DaySeries>,
}

/// The chart of the pool of `channel` and `tier`, or `None` when no design
/// has it.
pub fn day_chart(report: &Report, channel: &str, tier: u8, target: &str) -> Option<DayChart> {
    let series: Vec<DaySeries> = report
        .designs
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let pool = d.capacity.as_ref()?.pools.iter().find(|p| p.channel == channel && p.tier == tier)?;
            let whole = |key: &str| pool.figures.get(key).and_then(|e| e.estimate);
            // Contacts answered per agent hour when busy, over the day.
            let per_busy_hour = match (whole("answered_per_day"), whole("occupancy"), whole("agent_hours_per_day")) {
                (Some(a), Some(o), Some(h)) if o > 0.0 && h > 0.0 => Some(a / (o * h)),
                _ => None,
            };
            let hour = |key: &str| -> Vec<Option<f64>> {
                (0..24).map(|h| pool.by_hour.get(h).and_then(|r| r.figures.get(key)).and_then(|e| e.estimate)).collect()
            };
            let agents = hour("agent_hours_per_day");
            Some(DaySeries {
                name: d.name.clone(),
                design: i,
                offered: hour("offered_per_day"),
                capacity: agents.iter().map(|a| a.zip(per_busy_hour).map(|(a, r)| a * r)).collect(),
                service_level: hour("service_level"),
                mean_wait: hour("mean_wait_minutes"),
                agents,
            })
        })
        .collect();
    (!series.is_empty()).then(|| DayChart {
        pool: if tier == 1 { channel.to_owned() } else { format!("{channel} tier 2") },
        target: target.to_owned(),
        series,
    })
}

const PANEL_GAP: f64 = 44.0;

/// One panel of the chart: its axis title, its axis, and how a tick reads.
type Panel<'a> = (&'a str, &'a NiceAxis, &'a dyn Fn(f64) -> String);
const PANELS: usize = 3;

impl DayChart {
    pub fn title(&self) -> String {
        format!("{}: the day at a glance", self.pool)
    }

    pub fn summary(&self) -> String {
        let peaks: Vec<String> = self
            .series
            .iter()
            .map(|s| {
                let worst = (0..24)
                    .filter(|&h| s.offered[h].is_some_and(|o| o > 0.5))
                    .filter_map(|h| s.service_level[h].map(|v| (h, v)))
                    .min_by(|a, b| a.1.total_cmp(&b.1));
                match worst {
                    Some((h, v)) => format!("{} at its worst at {h:02}:00, {}% answered within {}", s.name, number(v * 100.0, 0, false), self.target),
                    None => format!("{}: no contacts", s.name),
                }
            })
            .collect();
        format!("{}, by hour of the day: contacts offered against capacity, service level and mean wait. {}.", self.title(), peaks.join("; "))
    }

    pub fn table(&self) -> DataTable {
        let mut headers = vec!["Hour".to_owned()];
        for s in &self.series {
            headers.push(format!("{}: offered", s.name));
            headers.push(format!("{}: agents on duty", s.name));
            headers.push(format!("{}: could answer", s.name));
            headers.push(format!("{}: within {}", s.name, self.target));
            headers.push(format!("{}: mean wait", s.name));
        }
        let show = |v: Option<f64>, f: &dyn Fn(f64) -> String| v.map_or("–".to_owned(), f);
        let rows = (0..24)
            .map(|h| {
                let mut row = vec![format!("{h:02}:00")];
                for s in &self.series {
                    row.push(show(s.offered[h], &|v| number(v, 1, false)));
                    row.push(show(s.agents[h], &|v| number(v, 1, false)));
                    row.push(show(s.capacity[h], &|v| number(v, 0, false)));
                    row.push(show(s.service_level[h], &|v| format!("{}%", number(v * 100.0, 1, false))));
                    row.push(show(s.mean_wait[h], &|v| format!("{} min", number(v, 2, false))));
                }
                row
            })
            .collect();
        DataTable { caption: format!("{}, per measured day", self.title()), headers, rows }
    }

    fn legend(&self) -> Vec<LegendItem> {
        let mut items: Vec<LegendItem> = self
            .series
            .iter()
            .map(|s| LegendItem { name: s.name.clone(), color: design_color(s.design), key: Key::Line(Some(design_marker(s.design))) })
            .collect();
        if let Some(first) = self.series.first() {
            let _ = first;
            items.push(LegendItem { name: "dashed: the agents on duty could answer".to_owned(), color: super::palette::INK, key: Key::Dashed });
        }
        items
    }

    pub fn height(&self, _width: f64) -> f64 {
        680.0
    }

    pub fn draw<DB: DrawingBackend>(&self, p: &Painter<DB>) -> DrawResult {
        let frame = p.frame();
        p.clear(WHITE)?;
        let top = axes::draw_title_and_legend(p, &self.title(), &self.legend())? + 8.0;
        let bottom = frame.height - X_AXIS_HEIGHT;
        let panel_height = ((bottom - top) - PANEL_GAP * (PANELS as f64 - 1.0)) / PANELS as f64;
        // Three value ranges; the left margin fits the widest labels of all.
        let most = |f: &dyn Fn(&DaySeries) -> &Vec<Option<f64>>| {
            self.series.iter().flat_map(|s| f(s).iter().flatten().copied()).fold(0.0, f64::max)
        };
        let volume = nice_axis(0.0, most(&|s| &s.offered).max(most(&|s| &s.capacity)).max(1.0), 3);
        let share = nice_axis(0.0, 1.0, 2);
        let wait = nice_axis(0.0, most(&|s| &s.mean_wait).max(0.1), 3);
        let panels: [Panel; PANELS] = [
            ("Offered an hour", &volume, &|v| number(v, 0, false)),
            (&format!("Within {}", self.target), &share, &|v| format!("{}%", number(v * 100.0, 0, false))),
            ("Mean wait, min", &wait, &|v| number(v, if wait.step < 1.0 { 1 } else { 0 }, false)),
        ];
        let ticks_of = |axis: &NiceAxis, y: &Linear, label: &dyn Fn(f64) -> String| -> Vec<Tick> {
            axis.ticks.iter().map(|&t| Tick { at: y.map(t), label: label(t) }).collect()
        };
        let left = 16.0
            + panels
                .iter()
                .map(|(_, axis, label)| axes::y_axis_width(&ticks_of(axis, &Linear::new((axis.min, axis.max), (1.0, 0.0)), *label)))
                .fold(0.0, f64::max);
        let right = frame.width - 16.0;
        let band = (right - left) / 24.0;
        let x = |h: usize| left + band * (h as f64 + 0.5);
        for (k, (label, axis, format)) in panels.iter().enumerate() {
            let panel_top = top + k as f64 * (panel_height + PANEL_GAP);
            let plot = PlotArea { left, top: panel_top, right, bottom: panel_top + panel_height };
            let y = Linear::new((axis.min, axis.max), (plot.bottom, plot.top));
            axes::draw_y_axis(p, plot, &ticks_of(axis, &y, *format), label)?;
            for s in &self.series {
                let values = match k {
                    0 => &s.offered,
                    1 => &s.service_level,
                    _ => &s.mean_wait,
                };
                // A line through the hours with a figure; gaps stay gaps.
                for run in runs(values) {
                    let points: Vec<(f64, f64)> = run.iter().map(|&(h, v)| (x(h), y.map(v))).collect();
                    p.line(&points, design_color(s.design), 3.0)?;
                }
                if k == 0 {
                    for run in runs(&s.capacity) {
                        let points: Vec<(f64, f64)> = run.iter().map(|&(h, v)| (x(h), y.map(v))).collect();
                        p.dashed(&points, design_color(s.design), 2.0)?;
                    }
                }
            }
            if k < PANELS - 1 {
                p.line(&[(plot.left, plot.bottom), (plot.right, plot.bottom)], super::palette::GRID, 1.0)?;
            }
        }
        let plot = PlotArea { left, top, right, bottom };
        let ticks: Vec<Tick> = (0..24).step_by(3).map(|h| Tick { at: x(h), label: format!("{h:02}:00") }).collect();
        axes::draw_x_axis(p, plot, &ticks, "Hour of the day (contacts by the hour they entered the queue)")
    }
}

/// The stretches of consecutive hours with a figure: `(hour, value)`.
fn runs(values: &[Option<f64>]) -> Vec<Vec<(usize, f64)>> {
    let mut out: Vec<Vec<(usize, f64)>> = Vec::new();
    let mut current = Vec::new();
    for (h, v) in values.iter().enumerate() {
        match v {
            Some(v) if v.is_finite() => current.push((h, *v)),
            _ if !current.is_empty() => out.push(std::mem::take(&mut current)),
            _ => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::test_support::centre_report_of;

    #[test]
    fn every_design_has_24_hours_and_the_peak_passes_capacity_in_current() {
        let report = centre_report_of("password-reset", 2, 2);
        let chart = day_chart(&report, "Phone", 1, "20 s").expect("the phone pool");
        assert_eq!(chart.series.len(), report.designs.len());
        for s in &chart.series {
            assert_eq!(s.offered.len(), 24);
            assert!(s.service_level.iter().flatten().all(|v| (0.0..=1.0).contains(v)));
        }
        // Offered contacts a day add up to the pool's whole-day figure.
        let whole = report.designs[0].capacity.as_ref().unwrap().pools[0].figures.get("offered_per_day").unwrap().estimate.unwrap();
        let sum: f64 = chart.series[0].offered.iter().flatten().sum();
        assert!((sum - whole).abs() < 1e-6 * whole, "{sum} vs {whole}");
        let current = &chart.series[0];
        assert!((0..24).any(|h| current.offered[h].zip(current.capacity[h]).is_some_and(|(o, c)| o > c)), "Current is strained at a peak");
        let t = chart.table();
        assert_eq!(t.rows.len(), 24);
        assert!(chart.summary().contains("at its worst at"), "{}", chart.summary());
        assert!(day_chart(&report, "Nowhere", 1, "20 s").is_none());
    }

    #[test]
    fn gaps_split_the_line() {
        let r = runs(&[Some(1.0), None, Some(2.0), Some(3.0), Some(f64::NAN)]);
        assert_eq!(r, vec![vec![(0, 1.0)], vec![(2, 2.0), (3, 3.0)]]);
    }
}
