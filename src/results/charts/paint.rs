//! A thin pen over a plotters drawing area, in layout units.
//!
//! Charts lay themselves out in CSS pixels (a chart 900 wide is 900 units
//! wide whatever the screen); the painter multiplies by the backend's
//! pixel ratio, so the same drawing code fills a high-density canvas, a
//! projector's canvas and an SVG file. It draws with plotters' core
//! elements only (rectangles, paths, polygons, circles, text); the charts
//! do their own layout with `scale.rs` rather than plotters' chart
//! builder, whose label measuring in the browser adds a DOM element per
//! label and forces a page layout each time.

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle, FontTransform};

use super::palette::{Marker, Rgb};

/// The font every chart uses: the page's own system font stack.
pub const FONT_FAMILY: &str = "system-ui, Liberation Sans, Arial, sans-serif";

/// Text sizes in layout units, large enough for a projector.
pub mod size {
    pub const TITLE: f64 = 21.0;
    pub const LABEL: f64 = 17.0;
    pub const TICK: f64 = 15.0;
    pub const SMALL: f64 = 14.0;
}

/// A drawing failed (the backend said no).
#[derive(Debug, Clone, PartialEq)]
pub struct ChartError(pub String);

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the chart could not be drawn: {}", self.0)
    }
}

pub type DrawResult = Result<(), ChartError>;

/// The size of the drawing in layout units, and how backends map them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    /// Backend pixels per layout unit (the device pixel ratio on a canvas).
    pub scale: f64,
    /// Extra factor on font sizes: plotters' SVG backend writes
    /// `font-size` as the requested size / 1.24 while its canvas backend
    /// writes the size itself, so SVG exports ask for 1.24 × to match.
    pub text_scale: f64,
}

impl Frame {
    /// A frame for a canvas of `width` × `height` CSS pixels at `ratio`
    /// device pixels per CSS pixel.
    pub fn canvas(width: f64, height: f64, ratio: f64) -> Self {
        Self { width, height, scale: ratio, text_scale: 1.0 }
    }

    /// A frame for an SVG of `width` × `height`.
    pub fn svg(width: f64, height: f64) -> Self {
        Self { width, height, scale: 1.0, text_scale: 1.24 }
    }

    /// Backend pixels.
    pub fn pixels(&self) -> (u32, u32) {
        ((self.width * self.scale).round() as u32, (self.height * self.scale).round() as u32)
    }
}

/// Horizontal text anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Start,
    Middle,
    End,
}

/// Vertical text anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Baseline {
    Top,
    Middle,
    Bottom,
}

/// How a piece of text looks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextStyle {
    pub size: f64,
    pub bold: bool,
    pub color: Rgb,
    pub align: Align,
    pub baseline: Baseline,
}

impl TextStyle {
    pub fn new(size: f64, color: Rgb) -> Self {
        Self { size, bold: false, color, align: Align::Start, baseline: Baseline::Middle }
    }

    pub fn bold(mut self) -> Self {
        self.bold = true;
        self
    }

    pub fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }

    pub fn baseline(mut self, baseline: Baseline) -> Self {
        self.baseline = baseline;
        self
    }
}

/// Draws on `area` in layout units.
pub struct Painter<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    frame: Frame,
}

fn err<E: std::error::Error + Send + Sync>(e: plotters::drawing::DrawingAreaErrorKind<E>) -> ChartError {
    ChartError(e.to_string())
}

fn rgba(color: Rgb, alpha: f64) -> RGBAColor {
    RGBAColor(color.0, color.1, color.2, alpha)
}

impl<'a, DB: DrawingBackend> Painter<'a, DB> {
    pub fn new(area: &'a DrawingArea<DB, Shift>, frame: Frame) -> Self {
        Self { area, frame }
    }

    pub fn frame(&self) -> Frame {
        self.frame
    }

    fn px(&self, v: f64) -> i32 {
        (v * self.frame.scale).round() as i32
    }

    fn pt(&self, (x, y): (f64, f64)) -> (i32, i32) {
        (self.px(x), self.px(y))
    }

    fn width_px(&self, w: f64) -> u32 {
        (w * self.frame.scale).round().max(1.0) as u32
    }

    /// Paints the whole area.
    pub fn clear(&self, color: Rgb) -> DrawResult {
        self.area.fill(&rgba(color, 1.0)).map_err(err)
    }

    /// A filled rectangle between two corners.
    pub fn rect(&self, (x0, y0): (f64, f64), (x1, y1): (f64, f64), color: Rgb, alpha: f64) -> DrawResult {
        let style = ShapeStyle { color: rgba(color, alpha), filled: true, stroke_width: 1 };
        let (a, b) = (self.pt((x0.min(x1), y0.min(y1))), self.pt((x0.max(x1), y0.max(y1))));
        self.area.draw(&Rectangle::new([a, b], style)).map_err(err)
    }

    /// A polyline.
    pub fn line(&self, points: &[(f64, f64)], color: Rgb, width: f64) -> DrawResult {
        self.line_alpha(points, color, 1.0, width)
    }

    pub fn line_alpha(&self, points: &[(f64, f64)], color: Rgb, alpha: f64, width: f64) -> DrawResult {
        let style = ShapeStyle { color: rgba(color, alpha), filled: false, stroke_width: self.width_px(width) };
        let points: Vec<(i32, i32)> = points.iter().map(|&p| self.pt(p)).collect();
        self.area.draw(&PathElement::new(points, style)).map_err(err)
    }

    /// A dashed polyline.
    pub fn dashed(&self, points: &[(f64, f64)], color: Rgb, width: f64) -> DrawResult {
        let style = ShapeStyle { color: rgba(color, 1.0), filled: false, stroke_width: self.width_px(width) };
        let points: Vec<(i32, i32)> = points.iter().map(|&p| self.pt(p)).collect();
        let (dash, gap) = (self.px(8.0).max(1), self.px(5.0).max(1));
        self.area.draw(&DashedPathElement::new(points, dash, gap, style)).map_err(err)
    }

    /// A filled polygon.
    pub fn polygon(&self, points: &[(f64, f64)], color: Rgb, alpha: f64) -> DrawResult {
        let style = ShapeStyle { color: rgba(color, alpha), filled: true, stroke_width: 1 };
        let points: Vec<(i32, i32)> = points.iter().map(|&p| self.pt(p)).collect();
        self.area.draw(&Polygon::new(points, style)).map_err(err)
    }

    /// A marker of `radius` centred at `at`, white-edged so it stands out
    /// on lines.
    pub fn marker(&self, shape: Marker, at: (f64, f64), radius: f64, color: Rgb) -> DrawResult {
        let (x, y) = at;
        let outline = |r: f64| -> Vec<(f64, f64)> {
            match shape {
                Marker::Circle => Vec::new(),
                Marker::Square => vec![(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)],
                Marker::Triangle => vec![(x, y - r * 1.2), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)],
                Marker::Diamond => vec![(x, y - r * 1.25), (x + r * 1.25, y), (x, y + r * 1.25), (x - r * 1.25, y)],
            }
        };
        for (r, c) in [(radius + 2.0, super::palette::WHITE), (radius, color)] {
            if shape == Marker::Circle {
                let style = ShapeStyle { color: rgba(c, 1.0), filled: true, stroke_width: 1 };
                self.area.draw(&Circle::new(self.pt((x, y)), self.width_px(r), style)).map_err(err)?;
            } else {
                self.polygon(&outline(r), c, 1.0)?;
            }
        }
        Ok(())
    }

    /// Text anchored at `at`.
    pub fn text(&self, text: &str, at: (f64, f64), style: TextStyle) -> DrawResult {
        self.text_rotated(text, at, style, false)
    }

    /// Text turned to read bottom-to-top (a y-axis title), anchored at `at`.
    pub fn text_vertical(&self, text: &str, at: (f64, f64), style: TextStyle) -> DrawResult {
        self.text_rotated(text, at, style, true)
    }

    fn text_rotated(&self, text: &str, at: (f64, f64), style: TextStyle, vertical: bool) -> DrawResult {
        if text.is_empty() {
            return Ok(());
        }
        let size = style.size * self.frame.scale * self.frame.text_scale;
        let weight = if style.bold { FontStyle::Bold } else { FontStyle::Normal };
        let font = FontDesc::new(FontFamily::Name(FONT_FAMILY), size, weight);
        let color = rgba(style.color, 1.0);
        let h = match style.align {
            Align::Start => HPos::Left,
            Align::Middle => HPos::Center,
            Align::End => HPos::Right,
        };
        let v = match style.baseline {
            Baseline::Top => VPos::Top,
            Baseline::Middle => VPos::Center,
            Baseline::Bottom => VPos::Bottom,
        };
        let mut text_style = plotters::style::TextStyle::from(font).color(&color).pos(Pos::new(h, v));
        if vertical {
            text_style = text_style.transform(FontTransform::Rotate270);
        }
        self.area.draw(&Text::new(text, self.pt(at), text_style)).map_err(err)
    }
}

/// Points along a cubic Bézier curve from `p0` to `p3` with horizontal
/// tangents at both ends (the shape of a Sankey ribbon's edge).
pub fn s_curve(p0: (f64, f64), p3: (f64, f64), steps: usize) -> Vec<(f64, f64)> {
    let mid = (p0.0 + p3.0) / 2.0;
    let (p1, p2) = ((mid, p0.1), (mid, p3.1));
    (0..=steps)
        .map(|i| {
            let t = i as f64 / steps as f64;
            let u = 1.0 - t;
            let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
            (a * p0.0 + b * p1.0 + c * p2.0 + d * p3.0, a * p0.1 + b * p1.1 + c * p2.1 + d * p3.1)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s_curves_start_and_end_where_asked_and_stay_between() {
        let points = s_curve((0.0, 10.0), (100.0, 50.0), 16);
        assert_eq!(points.first(), Some(&(0.0, 10.0)));
        let last = points.last().unwrap();
        assert!((last.0 - 100.0).abs() < 1e-9 && (last.1 - 50.0).abs() < 1e-9);
        assert!(points.iter().all(|&(x, y)| (0.0..=100.0).contains(&x) && (10.0..=50.0).contains(&y)));
        // Monotone in both directions: no loops.
        assert!(points.windows(2).all(|w| w[1].0 >= w[0].0 && w[1].1 >= w[0].1));
    }

    #[test]
    fn frames_scale_to_backend_pixels() {
        assert_eq!(Frame::canvas(600.0, 300.0, 2.0).pixels(), (1200, 600));
        assert_eq!(Frame::svg(600.0, 300.0).pixels(), (600, 300));
    }
}
