//! The emotion curve: how customers feel through their first contact, and
//! at the end of their journey, a line per design, in the manner of a
//! journey map.
//!
//! Every point averages **every** customer (see the engine's `emotion.rs`):
//! a customer's score at the first visit of each stage of their first
//! contact, carried forward over the stages they skip, and their final
//! score at the outcome. Scores only fall, so the lines never rise, and a
//! rise on the chart would be a recovery no customer had. Stages no
//! customer of any design reaches are left out; the data table says how
//! many customers reached each stage.

use journey_engine::Report;
use plotters::prelude::DrawingBackend;

use super::DataTable;
use super::axes::{self, Key, LegendItem, PlotArea, Tick, X_AXIS_HEIGHT};
use super::paint::{Align, Baseline, DrawResult, Painter, TextStyle, size};
use super::palette::{WHITE, design_color, design_marker};
use super::scale::{Linear, nice_axis, text_width};
use crate::results::format::{count, number};

#[derive(Clone, Debug, PartialEq)]
pub struct EmotionSeries {
    pub name: String,
    pub design: usize,
    /// Average score of every customer at each of the curve's stages.
    pub means: Vec<Option<f64>>,
    /// Customers who reached each stage in their first contact.
    pub reached: Vec<u64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EmotionCurve {
    pub stages: Vec<String>,
    pub series: Vec<EmotionSeries>,
}

/// What every point of the curve averages, in words for the page.
pub const WHAT_IT_AVERAGES: &str = "Each point averages every customer: their score at that stage of their first contact (a customer who skips a stage keeps the score they had), and at Outcome their final score, after any further contacts. Scores only ever fall, so the lines never rise.";

pub fn emotion_curve(report: &Report) -> EmotionCurve {
    let all: Vec<&str> = report.designs.first().map(|d| d.stages.iter().map(|s| s.stage).collect()).unwrap_or_default();
    let reached = |i: usize| report.designs.iter().any(|d| d.stages.get(i).is_some_and(|s| s.reached > 0 && s.mean.is_some()));
    let keep: Vec<usize> = (0..all.len()).filter(|&i| reached(i)).collect();
    let series = report
        .designs
        .iter()
        .enumerate()
        .map(|(d, design)| EmotionSeries {
            name: design.name.clone(),
            design: d,
            means: keep.iter().map(|&i| design.stages.get(i).and_then(|s| s.mean)).collect(),
            reached: keep.iter().map(|&i| design.stages.get(i).map_or(0, |s| s.reached)).collect(),
        })
        .collect();
    EmotionCurve { stages: keep.iter().map(|&i| all[i].to_owned()).collect(), series }
}

impl EmotionCurve {
    pub fn title(&self) -> String {
        "Satisfaction through the first contact".to_owned()
    }

    pub fn summary(&self) -> String {
        let ends: Vec<String> = self
            .series
            .iter()
            .map(|s| {
                let first = s.means.iter().flatten().next();
                let last = s.means.iter().flatten().last();
                match (first, last) {
                    (Some(a), Some(b)) => format!("{} from {} to {}", s.name, number(*a, 1, false), number(*b, 1, false)),
                    _ => format!("{}: no data", s.name),
                }
            })
            .collect();
        format!(
            "{}: average satisfaction of all customers at {} stages. {}.",
            self.title(),
            self.stages.len(),
            ends.join("; ")
        )
    }

    pub fn table(&self) -> DataTable {
        let mut headers = vec!["Stage".to_owned()];
        headers.extend(
            self.series.iter().map(|s| format!("{} (average score of all customers; customers who reached the stage)", s.name)),
        );
        let rows = self
            .stages
            .iter()
            .enumerate()
            .map(|(i, stage)| {
                let mut row = vec![stage.clone()];
                row.extend(self.series.iter().map(|s| match s.means[i] {
                    Some(m) => format!("{} ({})", number(m, 1, false), count(s.reached[i])),
                    None => "no customers yet".to_owned(),
                }));
                row
            })
            .collect();
        DataTable { caption: format!("{}. {WHAT_IT_AVERAGES}", self.title()), headers, rows }
    }

    fn legend(&self) -> Vec<LegendItem> {
        self.series
            .iter()
            .map(|s| LegendItem { name: s.name.clone(), color: design_color(s.design), key: Key::Line(Some(design_marker(s.design))) })
            .collect()
    }

    pub fn draw<DB: DrawingBackend>(&self, p: &Painter<DB>) -> DrawResult {
        let frame = p.frame();
        p.clear(WHITE)?;
        let top = axes::draw_title_and_legend(p, &self.title(), &self.legend())? + 10.0;
        let values: Vec<f64> = self.series.iter().flat_map(|s| s.means.iter().flatten().copied()).collect();
        if values.is_empty() {
            return p.text(
                "No journeys yet.",
                (frame.width / 2.0, (top + frame.height) / 2.0),
                TextStyle::new(size::LABEL, super::palette::MUTED).align(Align::Middle),
            );
        }
        // Zoom to the data (the changes are what matter), never past 0–100.
        let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let axis = nice_axis((lo - 5.0).max(0.0), (hi + 2.0).min(100.0), 4);
        let ticks_for =
            |y: &Linear| -> Vec<Tick> { axis.ticks.iter().map(|&t| Tick { at: y.map(t), label: number(t, 0, false) }).collect() };
        // The y labels' width does not depend on where the plot ends.
        let left = 16.0 + axes::y_axis_width(&ticks_for(&Linear::new((axis.min, axis.max), (1.0, 0.0))));
        // Room on the right for the end values.
        let right = frame.width - 16.0 - text_width("100.0", size::LABEL) - 14.0;
        let n = self.stages.len();
        let band = (right - left) / n as f64;
        let x = |i: usize| left + band * (i as f64 + 0.5);
        let ticks: Vec<Tick> = self.stages.iter().enumerate().map(|(i, s)| Tick { at: x(i), label: s.clone() }).collect();
        // Every stage keeps its name: narrow charts put them on two rows.
        let axis_height = if axes::needs_stagger(&ticks) { axes::X_AXIS_HEIGHT_STAGGERED } else { X_AXIS_HEIGHT };
        let plot = PlotArea { left, top, right, bottom: frame.height - axis_height };
        let y = Linear::new((axis.min, axis.max), (plot.bottom, plot.top));
        axes::draw_y_axis(p, plot, &ticks_for(&y), "Average satisfaction")?;
        axes::draw_category_axis(p, plot, &ticks, "Stage of the journey")?;

        // Each design's points at the stages it reaches; every line first,
        // then the markers, so no line crosses a marker.
        let curves: Vec<(usize, Vec<(f64, f64)>)> = self
            .series
            .iter()
            .map(|s| (s.design, s.means.iter().enumerate().filter_map(|(i, m)| m.map(|m| (x(i), y.map(m)))).collect()))
            .collect();
        for (design, points) in &curves {
            p.line(points, design_color(*design), 4.0)?;
        }
        for (design, points) in &curves {
            for &at in points {
                p.marker(design_marker(*design), at, 6.0, design_color(*design))?;
            }
        }
        // The final score of each design at the right, nudged apart.
        let mut ends: Vec<(f64, f64, usize)> =
            self.series.iter().filter_map(|s| s.means.iter().flatten().last().map(|m| (y.map(*m), *m, s.design))).collect();
        ends.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal));
        let mut last_y = f64::NEG_INFINITY;
        for (at, value, design) in ends {
            let at = at.max(last_y + size::LABEL + 2.0);
            last_y = at;
            p.text(
                &number(value, 1, false),
                (plot.right + 12.0, at),
                TextStyle::new(size::LABEL, design_color(design)).bold().baseline(Baseline::Middle),
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::test_support::report_of;

    #[test]
    fn stages_no_design_reaches_are_left_out() {
        let report = report_of("password-reset", 4096);
        let curve = emotion_curve(&report);
        assert!(curve.stages.first().is_some_and(|s| s == "Contact"));
        assert!(curve.stages.last().is_some_and(|s| s == "Outcome"));
        for s in &curve.series {
            assert_eq!(s.means.len(), curve.stages.len());
            assert!(s.means.iter().flatten().all(|m| (0.0..=100.0).contains(m)));
        }
        // Every kept stage is reached by some design.
        for i in 0..curve.stages.len() {
            assert!(curve.series.iter().any(|s| s.means[i].is_some()));
        }
        let t = curve.table();
        assert_eq!(t.rows.len(), curve.stages.len());
    }

    #[test]
    fn no_line_rises_and_the_table_says_what_it_averages() {
        for id in ["password-reset", "pro-photographer", "help-centre-still-calls", "omnichannel-continuity"] {
            let curve = emotion_curve(&report_of(id, 4096));
            for s in &curve.series {
                let means: Vec<f64> = s.means.iter().flatten().copied().collect();
                assert!(means.windows(2).all(|w| w[1] <= w[0]), "{id} / {}: {means:?}", s.name);
            }
            assert!(curve.table().caption.contains("averages every customer"));
        }
    }

    #[test]
    fn the_outcome_stage_is_the_mean_final_satisfaction() {
        let report = report_of("pro-photographer", 4096);
        let curve = emotion_curve(&report);
        let last = curve.stages.len() - 1;
        for (s, d) in curve.series.iter().zip(&report.designs) {
            let mean = d.kpis.get("satisfaction").unwrap().estimate.unwrap();
            assert!((s.means[last].unwrap() - mean).abs() < 1e-6, "{} vs {mean}", s.means[last].unwrap());
        }
    }
}
