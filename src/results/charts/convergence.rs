//! How precise the figures are as journeys accumulate: the half-width of
//! the 95% interval of a few KPIs against journeys per design.
//!
//! One panel per KPI (each in its own unit): a solid line per design, and
//! a dashed line per variant for the paired difference from the baseline,
//! the interval that decides a verdict. Halving a half-width takes four
//! times the journeys: a faint line from each series' last point shows
//! that expectation out to four times the journeys, on a log axis.

use journey_engine::kpi::kpi;
use plotters::prelude::DrawingBackend;

use super::DataTable;
use super::axes::{self, Key, LegendItem, PlotArea, Tick, X_AXIS_HEIGHT};
use super::paint::{Align, Baseline, DrawResult, Painter, TextStyle, size};
use super::palette::{INK, MUTED, WHITE, design_color, design_marker};
use super::scale::{Linear, Log, log_ticks_125, nice_axis, text_width};
use crate::results::format::{NumberFormat, count};
use crate::run::ConvergencePoint;

/// How far the faint projection runs: four times the journeys, where an
/// interval is expected to be half as wide.
const PROJECTION: f64 = 4.0;

/// The KPIs shown, one panel each.
pub const KPI_KEYS: [&str; 3] = ["resolution_rate", "satisfaction", "cost_per_journey"];

#[derive(Clone, Debug, PartialEq)]
pub struct ConvergenceSeries {
    pub name: String,
    pub design: usize,
    /// The paired difference of a variant from the baseline.
    pub difference: bool,
    /// `(journeys, half-width)` in the KPI's unit.
    pub points: Vec<(u64, f64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Panel {
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub series: Vec<ConvergenceSeries>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Convergence {
    pub currency: String,
    pub panels: Vec<Panel>,
    pub journeys: Vec<u64>,
}

pub fn convergence(history: &[ConvergencePoint], currency: &str) -> Convergence {
    let designs = history.last().map_or(0, |p| p.designs.len());
    let comparisons = history.last().map_or(0, |p| p.comparisons.len());
    let half = |hw: &crate::run::KpiHalfWidths, key: &str| hw.half_widths.iter().find(|(k, _)| *k == key).and_then(|(_, v)| *v);
    let panels = KPI_KEYS
        .iter()
        .filter_map(|&key| kpi(key))
        .map(|info| {
            let mut series = Vec::new();
            for d in 0..designs {
                let name = history.last().map_or(String::new(), |p| p.designs[d].name.clone());
                let points = history.iter().filter_map(|p| Some((p.journeys, half(p.designs.get(d)?, info.key)?))).collect();
                series.push(ConvergenceSeries { name, design: d, difference: false, points });
            }
            for c in 0..comparisons {
                let last = history.last().map(|p| &p.comparisons[c]);
                let name =
                    format!("{} − {}", last.map_or("", |h| h.name.as_str()), history.last().map_or("", |p| p.designs[0].name.as_str()));
                let points = history.iter().filter_map(|p| Some((p.journeys, half(p.comparisons.get(c)?, info.key)?))).collect();
                series.push(ConvergenceSeries { name, design: c + 1, difference: true, points });
            }
            Panel { key: info.key, label: info.label, unit: info.unit, series }
        })
        .collect();
    Convergence { currency: currency.to_owned(), panels, journeys: history.iter().map(|p| p.journeys).collect() }
}

impl Convergence {
    pub fn title(&self) -> String {
        "Precision: 95% interval half-width against journeys".to_owned()
    }

    fn format(&self, panel: &Panel) -> NumberFormat {
        let reference = panel.series.iter().flat_map(|s| s.points.iter().map(|p| p.1)).fold(0.0, f64::max);
        NumberFormat::new(panel.unit, &self.currency, reference)
    }

    /// The half-width in display units (percentage points for rates).
    fn display(panel: &Panel, v: f64) -> f64 {
        if panel.unit == "%" { v * 100.0 } else { v }
    }

    pub fn summary(&self) -> String {
        let Some(&journeys) = self.journeys.last() else {
            return format!("{}: no run yet.", self.title());
        };
        let parts: Vec<String> = self
            .panels
            .iter()
            .filter_map(|panel| {
                let s = panel.series.iter().find(|s| s.difference).or(panel.series.first())?;
                let (_, hw) = s.points.last()?;
                Some(format!("{} {} ±{}", panel.label, s.name, self.format(panel).change(*hw).trim_start_matches('+')))
            })
            .collect();
        format!("{} After {} journeys per design: {}.", self.title(), count(journeys), parts.join("; "))
    }

    pub fn table(&self) -> DataTable {
        let mut headers = vec!["Journeys per design".to_owned()];
        for panel in &self.panels {
            for s in &panel.series {
                headers.push(format!("{} ± ({})", panel.label, s.name));
            }
        }
        let rows = self
            .journeys
            .iter()
            .map(|&n| {
                let mut row = vec![count(n)];
                for panel in &self.panels {
                    let f = self.format(panel);
                    for s in &panel.series {
                        row.push(
                            s.points
                                .iter()
                                .find(|p| p.0 == n)
                                .map_or("–".to_owned(), |p| f.change(p.1).trim_start_matches('+').to_owned()),
                        );
                    }
                }
                row
            })
            .collect();
        DataTable { caption: self.title(), headers, rows }
    }

    fn legend(&self) -> Vec<LegendItem> {
        self.panels
            .first()
            .map(|panel| {
                panel
                    .series
                    .iter()
                    .map(|s| LegendItem {
                        name: if s.difference { format!("{} (paired)", s.name) } else { s.name.clone() },
                        color: design_color(s.design),
                        key: if s.difference { Key::Dashed } else { Key::Line(Some(design_marker(s.design))) },
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn draw<DB: DrawingBackend>(&self, p: &Painter<DB>) -> DrawResult {
        let frame = p.frame();
        p.clear(WHITE)?;
        let top = axes::draw_title_and_legend(p, &self.title(), &self.legend())? + 30.0;
        if self.journeys.is_empty() || self.panels.is_empty() {
            return p.text(
                "No run yet.",
                (frame.width / 2.0, (top + frame.height) / 2.0),
                TextStyle::new(size::LABEL, MUTED).align(Align::Middle),
            );
        }
        // The axis runs on to four times the last run's journeys, where each
        // interval's expected half-width (half of today's) is drawn faintly.
        let lo = self.journeys.iter().copied().min().unwrap_or(1) as f64;
        let hi = PROJECTION * self.journeys.iter().copied().max().unwrap_or(1) as f64;
        let log_x = true;
        let n = self.panels.len() as f64;
        let panel_width = (frame.width - 16.0) / n;
        for (k, panel) in self.panels.iter().enumerate() {
            let x0 = 16.0 + panel_width * k as f64;
            let f = self.format(panel);
            let unit = match f.unit_label(true) {
                u if !u.is_empty() => u,
                _ if panel.key == "satisfaction" => "points".to_owned(),
                _ => "per journey".to_owned(),
            };
            p.text(
                &format!("{} (± {unit})", panel.label),
                (x0, top - 22.0),
                TextStyle::new(size::LABEL, INK).bold().baseline(Baseline::Middle),
            )?;
            let max = panel.series.iter().flat_map(|s| s.points.iter().map(|pt| Self::display(panel, pt.1))).fold(0.0, f64::max) * 1.1;
            let axis = nice_axis(0.0, max.max(1e-9), 4);
            let bottom = frame.height - X_AXIS_HEIGHT;
            let labels: Vec<String> = axis.ticks.iter().map(|t| super::super::format::trim_zeros(*t, 3)).collect();
            let label_width = labels.iter().map(|l| text_width(l, size::TICK)).fold(0.0, f64::max);
            let plot = PlotArea { left: x0 + label_width + 12.0, top, right: x0 + panel_width - 22.0, bottom };
            let y = Linear::new((0.0, axis.max), (plot.bottom, plot.top));
            for (t, label) in axis.ticks.iter().zip(&labels) {
                p.line(&[(plot.left, y.map(*t)), (plot.right, y.map(*t))], super::palette::GRID, 1.0)?;
                p.text(label, (plot.left - 6.0, y.map(*t)), TextStyle::new(size::TICK, MUTED).align(Align::End))?;
            }
            let span = (lo * 0.8, hi * 1.05);
            let xs: Box<dyn Fn(f64) -> f64> = if log_x {
                let s = Log::new(span, (plot.left + 6.0, plot.right - 6.0));
                Box::new(move |v| s.map(v))
            } else {
                let s = Linear::new(span, (plot.left + 6.0, plot.right - 6.0));
                Box::new(move |v| s.map(v))
            };
            let candidates: Vec<f64> = if log_x { log_ticks_125(span.0, span.1) } else { nice_axis(span.0, span.1, 3).ticks };
            let ticks: Vec<Tick> =
                candidates.iter().filter(|&&v| v >= span.0 && v <= span.1).map(|&v| Tick { at: xs(v), label: compact(v) }).collect();
            axes::draw_x_axis(p, plot, &ticks, "Journeys per design")?;
            for s in &panel.series {
                let color = design_color(s.design);
                let points: Vec<(f64, f64)> = s.points.iter().map(|&(j, hw)| (xs(j as f64), y.map(Self::display(panel, hw)))).collect();
                if let Some(&(n, hw)) = s.points.last() {
                    let (n, hw) = (n as f64, Self::display(panel, hw));
                    let projected: Vec<(f64, f64)> =
                        (0..=8).map(|i| n * PROJECTION.powf(f64::from(i) / 8.0)).map(|m| (xs(m), y.map(hw * (n / m).sqrt()))).collect();
                    p.line_alpha(&projected, color, 0.35, 2.0)?;
                }
                if s.difference {
                    p.dashed(&points, color, 3.0)?;
                    for &pt in &points {
                        p.marker(design_marker(s.design), pt, 3.0, color)?;
                    }
                } else {
                    p.line(&points, color, 3.0)?;
                    for &pt in &points {
                        p.marker(design_marker(s.design), pt, 4.5, color)?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// 4096 → "4.1k", 20000 → "20k", 1500000 → "1.5M".
fn compact(v: f64) -> String {
    use crate::results::format::trim_zeros;
    if v >= 1e6 {
        format!("{}M", trim_zeros(v / 1e6, 1))
    } else if v >= 1e3 {
        format!("{}k", trim_zeros(v / 1e3, 1))
    } else {
        trim_zeros(v, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::test_support::report_of;

    #[test]
    fn panels_follow_the_history_with_a_line_per_design_and_comparison() {
        let small = report_of("password-reset", 4096);
        let large = report_of("password-reset", 16384);
        let history = vec![ConvergencePoint::of(&small), ConvergencePoint::of(&large)];
        let chart = convergence(&history, "USD");
        assert_eq!(chart.panels.len(), KPI_KEYS.len());
        for panel in &chart.panels {
            assert_eq!(panel.series.len(), small.designs.len() + small.comparisons.len());
            for s in &panel.series {
                assert_eq!(s.points.len(), 2);
                // Four times the journeys, about half the width.
                let ratio = s.points[1].1 / s.points[0].1;
                assert!(ratio > 0.3 && ratio < 0.75, "{} {}: {ratio}", panel.key, s.name);
            }
        }
        assert_eq!(chart.table().rows.len(), 2);
        assert!(chart.summary().contains("16,384"));
    }

    #[test]
    fn compact_numbers() {
        assert_eq!(compact(4096.0), "4.1k");
        assert_eq!(compact(20000.0), "20k");
        assert_eq!(compact(1_500_000.0), "1.5M");
        assert_eq!(compact(500.0), "500");
    }
}
