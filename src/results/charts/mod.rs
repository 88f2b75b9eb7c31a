//! The results plots, drawn with plotters.
//!
//! ```text
//!  Report ──(plain Rust: bins, layout, scales; native tests)──▶ Chart
//!  Chart::draw<B: DrawingBackend>(area, frame)
//!     ├─▶ canvas.rs: the page's <canvas> (plotters-canvas), redrawn on new results
//!     └─▶ svg.rs:    an SVG file (plotters' SVGBackend), the same drawing
//! ```
//!
//! Each chart also gives its numbers as a [`DataTable`] (a visually hidden
//! table beside the canvas, for screen readers and tests) and a one-line
//! summary for the canvas's accessible name.

pub mod axes;
pub mod canvas;
pub mod convergence;
pub mod day;
pub mod emotion_curve;
pub mod histogram;
pub mod pain_points;
pub mod paint;
pub mod palette;
pub mod sankey;
pub mod scale;
pub mod svg;

#[cfg(test)]
mod summaries;

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

pub use paint::{ChartError, Frame};

/// The numbers behind a chart, as text.
#[derive(Clone, Debug, PartialEq)]
pub struct DataTable {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl DataTable {
    /// The table as HTML: a caption, a header row, and a row per entry
    /// whose first cell heads the row. Every text is escaped.
    pub fn to_html(&self) -> String {
        let mut out = String::with_capacity(64 * (self.rows.len() + 2) * (self.headers.len() + 1));
        out.push_str("<table class=\"chart-data\"><caption>");
        escape_into(&mut out, &self.caption);
        out.push_str("</caption><thead><tr>");
        for h in &self.headers {
            out.push_str("<th scope=\"col\">");
            escape_into(&mut out, h);
            out.push_str("</th>");
        }
        out.push_str("</tr></thead><tbody>");
        for row in &self.rows {
            out.push_str("<tr>");
            for (i, cell) in row.iter().enumerate() {
                out.push_str(if i == 0 { "<th scope=\"row\">" } else { "<td>" });
                escape_into(&mut out, cell);
                out.push_str(if i == 0 { "</th>" } else { "</td>" });
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
        out
    }
}

/// Appends `text` with the characters that mean something in HTML escaped.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Any of the results plots.
#[derive(Clone, Debug, PartialEq)]
pub enum Chart {
    Distribution(histogram::Distribution),
    Sankey(sankey::Sankey),
    Emotion(emotion_curve::EmotionCurve),
    PainPoints(pain_points::PainPoints),
    Convergence(convergence::Convergence),
    Day(day::DayChart),
}

impl Chart {
    /// A stable name for data attributes and file names.
    pub fn kind(&self) -> &'static str {
        match self {
            Chart::Distribution(_) => "distribution",
            Chart::Sankey(_) => "sankey",
            Chart::Emotion(_) => "emotion-curve",
            Chart::PainPoints(_) => "pain-points",
            Chart::Convergence(_) => "convergence",
            Chart::Day(_) => "day",
        }
    }

    pub fn title(&self) -> String {
        match self {
            Chart::Distribution(c) => c.title(),
            Chart::Sankey(c) => c.title(),
            Chart::Emotion(c) => c.title(),
            Chart::PainPoints(c) => c.title(),
            Chart::Convergence(c) => c.title(),
            Chart::Day(c) => c.title(),
        }
    }

    pub fn summary(&self) -> String {
        match self {
            Chart::Distribution(c) => c.summary(),
            Chart::Sankey(c) => c.summary(),
            Chart::Emotion(c) => c.summary(),
            Chart::PainPoints(c) => c.summary(),
            Chart::Convergence(c) => c.summary(),
            Chart::Day(c) => c.summary(),
        }
    }

    pub fn table(&self) -> DataTable {
        match self {
            Chart::Distribution(c) => c.table(),
            Chart::Sankey(c) => c.table(),
            Chart::Emotion(c) => c.table(),
            Chart::PainPoints(c) => c.table(),
            Chart::Convergence(c) => c.table(),
            Chart::Day(c) => c.table(),
        }
    }

    /// The names of the series (designs, or the design of a Sankey).
    pub fn series(&self) -> Vec<String> {
        match self {
            Chart::Distribution(c) => c.series.iter().map(|s| s.name.clone()).collect(),
            Chart::Sankey(c) => vec![c.graph.design.clone()],
            Chart::Emotion(c) => c.series.iter().map(|s| s.name.clone()).collect(),
            Chart::PainPoints(c) => c.series.iter().map(|s| s.name.clone()).collect(),
            Chart::Convergence(c) => c.panels.first().map(|p| p.series.iter().map(|s| s.name.clone()).collect()).unwrap_or_default(),
            Chart::Day(c) => c.series.iter().map(|s| s.name.clone()).collect(),
        }
    }

    /// The narrowest layout the chart is drawn at (layout units); a
    /// narrower place on the page shows it scaled down. The Sankey needs
    /// room for its eight columns and their labels.
    pub fn min_width(&self) -> f64 {
        match self {
            Chart::Sankey(_) => 600.0,
            _ => 360.0,
        }
    }

    /// The height the chart wants at `width` (layout units).
    pub fn height(&self, width: f64) -> f64 {
        match self {
            Chart::Distribution(_) => 380.0,
            Chart::Sankey(_) => (width * 0.45).clamp(400.0, 520.0),
            Chart::Emotion(_) => 380.0,
            Chart::PainPoints(c) => c.height(width),
            Chart::Convergence(_) => 330.0,
            Chart::Day(c) => c.height(width),
        }
    }

    /// Draws the chart over the whole of `area`.
    pub fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>, frame: Frame) -> Result<(), ChartError> {
        let p = paint::Painter::new(area, frame);
        match self {
            Chart::Distribution(c) => c.draw(&p),
            Chart::Sankey(c) => c.draw(&p),
            Chart::Emotion(c) => c.draw(&p),
            Chart::PainPoints(c) => c.draw(&p),
            Chart::Convergence(c) => c.draw(&p),
            Chart::Day(c) => c.draw(&p),
        }?;
        area.present().map_err(|e| ChartError(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_html_with_every_name_escaped() {
        let evil = "<img src=x onerror=alert(1)>";
        let table = DataTable {
            caption: "Paths & \"outcomes\"".into(),
            headers: vec!["From".into(), evil.into()],
            rows: vec![vec![evil.into(), "12.5%".into()], vec!["Phone".into(), "'1'".into()]],
        };
        let html = table.to_html();
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("<caption>Paths &amp; &quot;outcomes&quot;</caption>"));
        assert!(html.contains("<th scope=\"row\">Phone</th><td>&#39;1&#39;</td>"));
        assert_eq!(html.matches("<tr>").count(), 3);
    }
}
