//! The furniture every x–y chart shares: title, legend, axes with few
//! gridlines, and the layout that leaves room for them.

use plotters::prelude::DrawingBackend;

use super::ChartError;
use super::paint::{Align, Baseline, DrawResult, Painter, TextStyle, size};
use super::palette::{GRID, INK, MUTED, Marker, Rgb, WHITE};
use super::scale::{fit_text, text_width, thin_labels};

/// The rectangle data is drawn in, in layout units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotArea {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl PlotArea {
    pub fn width(&self) -> f64 {
        self.right - self.left
    }

    pub fn height(&self) -> f64 {
        self.bottom - self.top
    }
}

/// How a legend entry shows its series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// A filled square (bars, areas).
    Swatch,
    /// A short thick line with the series' marker (line charts).
    Line(Option<Marker>),
    /// A dashed line (a secondary series).
    Dashed,
    /// A translucent band (Sankey ribbons), opacity in percent.
    Band(u8),
}

#[derive(Clone, Debug, PartialEq)]
pub struct LegendItem {
    pub name: String,
    pub color: Rgb,
    pub key: Key,
}

const KEY_WIDTH: f64 = 30.0;
const ITEM_GAP: f64 = 22.0;
const ROW_HEIGHT: f64 = 26.0;
pub const TITLE_TOP: f64 = 8.0;
pub const TITLE_HEIGHT: f64 = 32.0;

/// Where each legend entry goes: `(x, row)`, wrapping onto a new row when
/// the next entry would pass `width`.
pub fn legend_positions(items: &[LegendItem], left: f64, width: f64) -> Vec<(f64, usize)> {
    let mut x = left;
    let mut row = 0;
    items
        .iter()
        .map(|item| {
            let w = KEY_WIDTH + 8.0 + text_width(&item.name, size::LABEL);
            if x > left && x + w > left + width {
                x = left;
                row += 1;
            }
            let at = (x, row);
            x += w + ITEM_GAP;
            at
        })
        .collect()
}

/// Height of the title and legend block above a plot.
pub fn header_height(items: &[LegendItem], width: f64) -> f64 {
    let rows = legend_positions(items, 0.0, width).last().map_or(0, |(_, row)| row + 1);
    TITLE_TOP + TITLE_HEIGHT + rows as f64 * ROW_HEIGHT + 8.0
}

/// Margin left and right of a chart's title and legend.
const HEADER_MARGIN: f64 = 16.0;

/// Draws the chart's title and its legend across the top of the frame, and
/// returns the height they take: the plot starts below it.
pub fn draw_title_and_legend<DB: DrawingBackend>(p: &Painter<DB>, title: &str, legend: &[LegendItem]) -> Result<f64, ChartError> {
    draw_header(p, title, legend, HEADER_MARGIN)?;
    Ok(header_height(legend, p.frame().width - 2.0 * HEADER_MARGIN))
}

/// Draws the title at the top left and the legend under it.
fn draw_header<DB: DrawingBackend>(p: &Painter<DB>, title: &str, items: &[LegendItem], left: f64) -> DrawResult {
    let width = p.frame().width - 2.0 * left;
    let title = fit_text(title, size::TITLE * 1.05, width);
    p.text(&title, (left, TITLE_TOP), TextStyle::new(size::TITLE, INK).bold().baseline(Baseline::Top))?;
    let top = TITLE_TOP + TITLE_HEIGHT;
    for (item, (x, row)) in items.iter().zip(legend_positions(items, left, width)) {
        let y = top + row as f64 * ROW_HEIGHT + ROW_HEIGHT / 2.0;
        match item.key {
            Key::Swatch => p.rect((x + 4.0, y - 9.0), (x + KEY_WIDTH - 4.0, y + 9.0), item.color, 1.0)?,
            Key::Line(marker) => {
                p.line(&[(x, y), (x + KEY_WIDTH, y)], item.color, 4.0)?;
                if let Some(marker) = marker {
                    p.marker(marker, (x + KEY_WIDTH / 2.0, y), 5.5, item.color)?;
                }
            }
            Key::Dashed => p.dashed(&[(x, y), (x + KEY_WIDTH, y)], item.color, 3.0)?,
            Key::Band(alpha) => p.rect((x, y - 8.0), (x + KEY_WIDTH, y + 8.0), item.color, f64::from(alpha) / 100.0)?,
        }
        p.text(
            &fit_text(&item.name, size::LABEL, width - (x - left) - KEY_WIDTH - 8.0),
            (x + KEY_WIDTH + 8.0, y),
            TextStyle::new(size::LABEL, INK),
        )?;
    }
    Ok(())
}

/// A tick: its position in pixels along the axis and its label.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub at: f64,
    pub label: String,
}

/// Width the y-axis labels and title need left of the plot.
pub fn y_axis_width(ticks: &[Tick]) -> f64 {
    let widest = ticks.iter().map(|t| text_width(&t.label, size::TICK)).fold(0.0, f64::max);
    widest + 10.0 + 30.0
}

/// Height the x-axis labels and title need below the plot.
pub const X_AXIS_HEIGHT: f64 = 58.0;

/// Draws a y axis: light gridlines at the ticks, labels at the left, and
/// the axis title turned up the left edge.
pub fn draw_y_axis<DB: DrawingBackend>(p: &Painter<DB>, plot: PlotArea, ticks: &[Tick], title: &str) -> DrawResult {
    for tick in ticks {
        p.line(&[(plot.left, tick.at), (plot.right, tick.at)], GRID, 1.0)?;
        p.text(&tick.label, (plot.left - 8.0, tick.at), TextStyle::new(size::TICK, MUTED).align(Align::End))?;
    }
    p.text_vertical(
        &fit_text(title, size::LABEL, plot.height() + 20.0),
        (12.0, (plot.top + plot.bottom) / 2.0),
        TextStyle::new(size::LABEL, INK).align(Align::Middle).baseline(Baseline::Top),
    )
}

/// Draws an x axis: the baseline, tick marks and labels (thinned so they
/// never overlap) and the axis title centred below.
pub fn draw_x_axis<DB: DrawingBackend>(p: &Painter<DB>, plot: PlotArea, ticks: &[Tick], title: &str) -> DrawResult {
    draw_x_axis_with(p, plot, ticks, title, false)
}

/// Whether the labels of a categorical axis must alternate between two
/// rows to fit (every category keeps its label, unlike a numeric axis).
pub fn needs_stagger(ticks: &[Tick]) -> bool {
    let positions: Vec<f64> = ticks.iter().map(|t| t.at).collect();
    let widths: Vec<f64> = ticks.iter().map(|t| text_width(&t.label, size::TICK)).collect();
    thin_labels(&positions, &widths, 12.0).len() < ticks.len()
}

/// Height below the plot of a categorical axis whose labels alternate rows.
pub const X_AXIS_HEIGHT_STAGGERED: f64 = X_AXIS_HEIGHT + 20.0;

/// Draws an x axis whose every label is a category: when they do not fit
/// side by side, every other label goes one row lower.
pub fn draw_category_axis<DB: DrawingBackend>(p: &Painter<DB>, plot: PlotArea, ticks: &[Tick], title: &str) -> DrawResult {
    draw_x_axis_with(p, plot, ticks, title, needs_stagger(ticks))
}

fn draw_x_axis_with<DB: DrawingBackend>(p: &Painter<DB>, plot: PlotArea, ticks: &[Tick], title: &str, stagger: bool) -> DrawResult {
    p.line(&[(plot.left, plot.bottom), (plot.right, plot.bottom)], MUTED, 1.5)?;
    let positions: Vec<f64> = ticks.iter().map(|t| t.at).collect();
    let widths: Vec<f64> = ticks.iter().map(|t| text_width(&t.label, size::TICK)).collect();
    let shown: Vec<usize> = if stagger { (0..ticks.len()).collect() } else { thin_labels(&positions, &widths, 12.0) };
    for (k, i) in shown.into_iter().enumerate() {
        let tick = &ticks[i];
        let drop = if stagger && k % 2 == 1 { 20.0 } else { 0.0 };
        p.line(&[(tick.at, plot.bottom), (tick.at, plot.bottom + 6.0 + drop)], MUTED, 1.5)?;
        p.text(
            &tick.label,
            (tick.at, plot.bottom + 9.0 + drop),
            TextStyle::new(size::TICK, MUTED).align(Align::Middle).baseline(Baseline::Top),
        )?;
    }
    let height = if stagger { X_AXIS_HEIGHT_STAGGERED } else { X_AXIS_HEIGHT };
    p.text(
        title,
        ((plot.left + plot.right) / 2.0, plot.bottom + height - 4.0),
        TextStyle::new(size::LABEL, INK).align(Align::Middle).baseline(Baseline::Bottom),
    )
}

/// A label with a white plate behind it, readable over lines and ribbons.
pub fn plated_text<DB: DrawingBackend>(p: &Painter<DB>, text: &str, at: (f64, f64), style: TextStyle) -> DrawResult {
    let w = text_width(text, style.size);
    let x0 = match style.align {
        Align::Start => at.0,
        Align::Middle => at.0 - w / 2.0,
        Align::End => at.0 - w,
    };
    let (y0, y1) = match style.baseline {
        Baseline::Top => (at.1, at.1 + style.size * 1.2),
        Baseline::Middle => (at.1 - style.size * 0.6, at.1 + style.size * 0.6),
        Baseline::Bottom => (at.1 - style.size * 1.2, at.1),
    };
    p.rect((x0 - 3.0, y0 - 1.0), (x0 + w + 3.0, y1 + 1.0), WHITE, 0.8)?;
    p.text(text, at, style)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(name: &str) -> LegendItem {
        LegendItem { name: name.to_owned(), color: INK, key: Key::Swatch }
    }

    #[test]
    fn categories_stagger_only_when_they_do_not_fit() {
        let ticks = |gap: f64| -> Vec<Tick> {
            ["Contact", "Self-service", "Wait", "Agent", "Escalation", "Outcome"]
                .iter()
                .enumerate()
                .map(|(i, l)| Tick { at: i as f64 * gap, label: (*l).to_owned() })
                .collect()
        };
        assert!(!needs_stagger(&ticks(160.0)));
        assert!(needs_stagger(&ticks(70.0)));
    }

    #[test]
    fn legends_wrap_onto_new_rows_when_the_width_runs_out() {
        let items: Vec<_> = ["Current", "Improved", "Another design", "Yet another"].into_iter().map(item).collect();
        let wide = legend_positions(&items, 0.0, 2000.0);
        assert!(wide.iter().all(|(_, row)| *row == 0));
        assert!(wide.windows(2).all(|w| w[1].0 > w[0].0));
        let narrow = legend_positions(&items, 0.0, 300.0);
        assert!(narrow.last().unwrap().1 >= 1);
        assert_eq!(narrow[0], (0.0, 0));
        assert!(header_height(&items, 300.0) > header_height(&items, 2000.0));
    }
}
