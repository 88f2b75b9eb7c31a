//! A chart as an SVG document: the same drawing as the canvas, into
//! plotters' SVG backend.

use plotters::prelude::{IntoDrawingArea, SVGBackend};

use super::{Chart, ChartError, Frame};

/// The chart drawn `width` layout units wide, at its own height.
pub fn to_svg(chart: &Chart, width: f64) -> Result<String, ChartError> {
    let frame = Frame::svg(width, chart.height(width));
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, frame.pixels()).into_drawing_area();
        chart.draw(&area, frame)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::charts::{convergence, day, emotion_curve, histogram, pain_points, sankey};
    use crate::results::test_support::{centre_report_of, report_of};
    use crate::run::ConvergencePoint;

    /// Every chart of a report, as the results view builds them.
    fn all_charts() -> Vec<Chart> {
        let report = report_of("pro-photographer", 4096);
        let mut charts = Vec::new();
        for metric in histogram::Metric::ALL {
            for mode in [histogram::Mode::Histogram, histogram::Mode::Cdf] {
                charts.push(Chart::Distribution(histogram::distribution(&report, metric, mode)));
            }
        }
        for (i, d) in report.designs.iter().enumerate() {
            let channels: Vec<String> = d.by_channel.iter().map(|c| c.name.clone()).collect();
            charts.push(Chart::Sankey(sankey::Sankey::new(&d.name, i, &d.flow, &channels)));
        }
        charts.push(Chart::Emotion(emotion_curve::emotion_curve(&report)));
        charts.push(Chart::PainPoints(pain_points::pain_points(&report)));
        charts.push(Chart::Convergence(convergence::convergence(&[ConvergencePoint::of(&report)], &report.currency)));
        let centre = centre_report_of("password-reset", 2, 1);
        charts.extend(day::day_chart(&centre, "Phone", 1, "20 s").map(Chart::Day));
        charts
    }

    #[test]
    fn every_chart_draws_into_an_svg_with_its_title_and_series() {
        for chart in all_charts() {
            let svg = to_svg(&chart, 960.0).unwrap_or_else(|e| panic!("{}: {e}", chart.kind()));
            assert!(svg.starts_with("<svg"), "{}", chart.kind());
            assert!(svg.trim_end().ends_with("</svg>"));
            assert!(svg.contains(&chart.title().replace('&', "&amp;")), "{}: title missing", chart.kind());
            for name in chart.series() {
                assert!(svg.contains(&name), "{}: {name} missing", chart.kind());
            }
            assert!(svg.contains("<text"), "{}", chart.kind());
        }
    }

    #[test]
    fn svg_fonts_are_scaled_to_match_the_canvas() {
        // plotters' SVG backend divides the font size by 1.24; the frame
        // asks for 1.24 × so a 21-unit title is written as 21.
        let chart = all_charts().remove(0);
        let svg = to_svg(&chart, 960.0).unwrap();
        assert!(svg.contains("font-size=\"21\""), "{}", &svg[..svg.len().min(2000)]);
    }

    #[test]
    fn every_chart_draws_at_narrow_and_wide_sizes() {
        for chart in all_charts() {
            for width in [320.0, 640.0, 1280.0] {
                to_svg(&chart, width).unwrap_or_else(|e| panic!("{} at {width}: {e}", chart.kind()));
            }
        }
    }

    /// Native stand-in for the redraw budget (50 ms in the browser): all
    /// charts of a report, drawn into SVG strings.
    #[test]
    fn drawing_every_chart_is_fast() {
        let charts = all_charts();
        let start = std::time::Instant::now();
        for chart in &charts {
            to_svg(chart, 1100.0).unwrap();
        }
        let per_chart = start.elapsed().as_secs_f64() * 1000.0 / charts.len() as f64;
        eprintln!("native SVG draw: {per_chart:.2} ms per chart ({} charts)", charts.len());
        assert!(per_chart < 50.0, "{per_chart} ms per chart");
    }
}
