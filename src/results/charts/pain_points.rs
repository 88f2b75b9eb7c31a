//! Where journeys break, per 1,000 customers: a bar per design for each
//! pain point, worst first.
//!
//! The engine ranks each design's pain points; the chart ranks them by the
//! worst figure any design has, so the rows stay in one order and a
//! variant's bar sits right under the baseline's.

use journey_engine::Report;
use plotters::prelude::DrawingBackend;

use super::DataTable;
use super::axes::{self, Key, LegendItem, PlotArea, Tick, X_AXIS_HEIGHT};
use super::paint::{Align, Baseline, DrawResult, Painter, TextStyle, size};
use super::palette::{GRID, INK, MUTED, WHITE, design_color};
use super::scale::{Linear, nice_axis, text_width};
use crate::results::format::number;

#[derive(Clone, Debug, PartialEq)]
pub struct PainSeries {
    pub name: String,
    pub design: usize,
    /// Per 1,000 customers, in the order of [`PainPoints::labels`].
    pub values: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PainPoints {
    pub labels: Vec<String>,
    pub series: Vec<PainSeries>,
}

pub fn pain_points(report: &Report) -> PainPoints {
    let mut labels: Vec<&str> = Vec::new();
    for d in &report.designs {
        for p in &d.pain_points {
            if !labels.contains(&p.label) {
                labels.push(p.label);
            }
        }
    }
    let value =
        |d: &journey_engine::DesignReport, label: &str| d.pain_points.iter().find(|p| p.label == label).map_or(0.0, |p| p.per_thousand);
    let worst = |label: &str| report.designs.iter().map(|d| value(d, label)).fold(0.0, f64::max);
    labels.sort_by(|a, b| worst(b).total_cmp(&worst(a)));
    let series = report
        .designs
        .iter()
        .enumerate()
        .map(|(i, d)| PainSeries { name: d.name.clone(), design: i, values: labels.iter().map(|l| value(d, l)).collect() })
        .collect();
    PainPoints { labels: labels.into_iter().map(str::to_owned).collect(), series }
}

const BAR: f64 = 24.0;
const GROUP_GAP: f64 = 16.0;

impl PainPoints {
    pub fn title(&self) -> String {
        "Pain points per 1,000 customers, worst first".to_owned()
    }

    /// Height that gives every bar the same thickness.
    pub fn height(&self, width: f64) -> f64 {
        let groups = self.labels.len() as f64;
        let bars = groups * self.series.len() as f64;
        axes::header_height(&self.legend(), width - 32.0) + 8.0 + bars * BAR + groups * GROUP_GAP + X_AXIS_HEIGHT
    }

    pub fn summary(&self) -> String {
        let worst = self.labels.first().map_or("none".to_owned(), |l| l.clone());
        let figures: Vec<String> =
            self.series.iter().map(|s| format!("{} {}", s.name, number(s.values.first().copied().unwrap_or(0.0), 0, false))).collect();
        format!("{}. Worst: {worst} ({} per 1,000).", self.title(), figures.join(", "))
    }

    pub fn table(&self) -> DataTable {
        let mut headers = vec!["Pain point".to_owned()];
        headers.extend(self.series.iter().map(|s| format!("{} (per 1,000)", s.name)));
        let rows = self
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut row = vec![l.clone()];
                row.extend(self.series.iter().map(|s| number(s.values[i], 1, false)));
                row
            })
            .collect();
        DataTable { caption: self.title(), headers, rows }
    }

    fn legend(&self) -> Vec<LegendItem> {
        self.series.iter().map(|s| LegendItem { name: s.name.clone(), color: design_color(s.design), key: Key::Swatch }).collect()
    }

    pub fn draw<DB: DrawingBackend>(&self, p: &Painter<DB>) -> DrawResult {
        let frame = p.frame();
        p.clear(WHITE)?;
        let top = axes::draw_title_and_legend(p, &self.title(), &self.legend())? + 8.0;
        let max = self.series.iter().flat_map(|s| s.values.iter().copied()).fold(0.0, f64::max);
        let axis = nice_axis(0.0, max.max(1.0), 5);
        let label_width = self.labels.iter().map(|l| text_width(l, size::LABEL)).fold(0.0, f64::max).min(frame.width * 0.4);
        let value_room = text_width("1,000.0", size::TICK) + 10.0;
        let plot =
            PlotArea { left: 16.0 + label_width + 14.0, top, right: frame.width - 16.0 - value_room, bottom: frame.height - X_AXIS_HEIGHT };
        let x = Linear::new((0.0, axis.max), (plot.left, plot.right));
        for &t in &axis.ticks {
            p.line(&[(x.map(t), plot.top), (x.map(t), plot.bottom)], GRID, 1.0)?;
        }
        let ticks: Vec<Tick> = axis.ticks.iter().map(|&t| Tick { at: x.map(t), label: number(t, 0, false) }).collect();
        axes::draw_x_axis(p, plot, &ticks, "Events per 1,000 customers")?;

        let k = self.series.len() as f64;
        let mut y = plot.top;
        for (i, label) in self.labels.iter().enumerate() {
            let group = k * BAR;
            p.text(
                &super::scale::fit_text(label, size::LABEL, label_width),
                (plot.left - 14.0, y + group / 2.0),
                TextStyle::new(size::LABEL, INK).align(Align::End),
            )?;
            for (j, s) in self.series.iter().enumerate() {
                let y0 = y + j as f64 * BAR;
                let v = s.values[i];
                p.rect((plot.left, y0 + 2.0), (x.map(v).max(plot.left + 1.0), y0 + BAR - 2.0), design_color(s.design), 1.0)?;
                p.text(
                    &number(v, 0, false),
                    (x.map(v) + 6.0, y0 + BAR / 2.0),
                    TextStyle::new(size::TICK, MUTED).baseline(Baseline::Middle),
                )?;
            }
            y += group + GROUP_GAP;
        }
        p.line(&[(plot.left, plot.top), (plot.left, plot.bottom)], MUTED, 1.5)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::test_support::report_of;

    #[test]
    fn rows_run_worst_first_over_all_designs_and_keep_every_figure() {
        let report = report_of("help-centre-still-calls", 4096);
        let chart = pain_points(&report);
        let worst: Vec<f64> = (0..chart.labels.len()).map(|i| chart.series.iter().map(|s| s.values[i]).fold(0.0, f64::max)).collect();
        assert!(worst.windows(2).all(|w| w[0] >= w[1]));
        for (s, d) in chart.series.iter().zip(&report.designs) {
            for p in &d.pain_points {
                let i = chart.labels.iter().position(|l| l == p.label).unwrap();
                assert_eq!(s.values[i], p.per_thousand);
            }
        }
        assert!(chart.height(900.0) > 200.0);
        assert_eq!(chart.table().rows.len(), chart.labels.len());
    }
}
