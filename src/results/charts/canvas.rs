//! A chart on the page: a `<canvas>` that plotters-canvas draws into,
//! redrawn when the chart's data or the page width changes.
//!
//! Beside the canvas: a visually hidden table with the chart's numbers
//! (screen readers, tests), data attributes naming the chart, its series
//! and the time the last draw took, and buttons that download the chart as
//! SVG (the same drawing into plotters' SVG backend) or PNG (the same
//! drawing at twice the size on screen, or 1920 pixels wide, for slides).

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::ev;
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use super::{Chart, ChartError, Frame, svg};
use crate::results::export;

/// How long the hidden table waits for the chart to settle.
const TABLE_DELAY: std::time::Duration = std::time::Duration::from_millis(300);

/// Numbers the figures of the page, for their ids.
static NEXT_ID: AtomicUsize = AtomicUsize::new(1);

/// Draws `chart` on `canvas`, laid out `layout_width` wide (by default its
/// `css_width` in CSS pixels) and scaled to the canvas; returns the
/// milliseconds the drawing took (sizing the canvas included).
pub fn draw_on_canvas(canvas: &HtmlCanvasElement, chart: &Chart, css_width: f64, layout_width: Option<f64>) -> Result<f64, ChartError> {
    let window = window();
    let started = window.performance().map(|p| p.now());
    let width = layout_width.unwrap_or(css_width).max(chart.min_width());
    // Pixels enough for the shown size: a chart laid out narrower than it
    // is shown (the Present view's, large for a room) stays sharp.
    let ratio = window.device_pixel_ratio().clamp(1.0, 3.0) * (css_width / width).max(1.0);
    let frame = Frame::canvas(width, chart.height(width).round(), ratio);
    let (w, h) = frame.pixels();
    // The canvas's CSS is `width: 100%; height: auto`, so its shown height
    // follows these pixel dimensions: no inline style (the CSP forbids it).
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or_else(|| ChartError("no 2D context".into()))?;
    chart.draw(&backend.into_drawing_area(), frame)?;
    let ended = window.performance().map(|p| p.now());
    Ok(match (started, ended) {
        (Some(a), Some(b)) => b - a,
        _ => 0.0,
    })
}

/// `chart` drawn into a canvas of its own, laid out `layout_width` wide
/// (as on screen) and `pixels` wide, for a PNG fit for slides.
fn export_canvas(chart: &Chart, layout_width: f64, pixels: f64) -> Result<HtmlCanvasElement, ChartError> {
    use wasm_bindgen::JsCast;
    let canvas = document()
        .create_element("canvas")
        .ok()
        .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok())
        .ok_or_else(|| ChartError("no canvas to draw the picture on".into()))?;
    let frame = Frame::canvas(layout_width, chart.height(layout_width).round(), pixels / layout_width);
    let (w, h) = frame.pixels();
    canvas.set_width(w);
    canvas.set_height(h);
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or_else(|| ChartError("no 2D context".into()))?;
    chart.draw(&backend.into_drawing_area(), frame)?;
    Ok(canvas)
}

/// A chart with its hidden data table and download buttons.
#[component]
pub fn ChartFigure(
    /// The chart to show; `None` shows nothing but keeps the place.
    #[prop(into)]
    chart: Signal<Option<Chart>>,
    /// Base of the download file names, e.g. "distribution-cost".
    #[prop(into)]
    file_stem: Signal<String>,
    /// Lay the chart out this wide and scale it to the canvas (larger
    /// text on a wide canvas); by default it is laid out as wide as shown.
    #[prop(optional)]
    layout_width: Option<f64>,
) -> impl IntoView {
    let canvas_ref = NodeRef::<Canvas>::new();
    // The canvas is named by the chart's title and described by its
    // summary (both in the figure, visually hidden), rather than carrying
    // the summary as its label: a label is what `getByLabel` and screen
    // readers' form navigation match, and the summary's words ("journeys
    // per design") are also the editor's labels.
    let id = format!("chart-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    let (title_id, summary_id) = (format!("{id}-title"), format!("{id}-summary"));
    let (resized, set_resized) = signal(0u32);
    let (draw_ms, set_draw_ms) = signal(None::<f64>);
    let (error, set_error) = signal(None::<String>);
    // The layout width, measured once and again only when the window
    // resizes: reading it on every redraw would force the browser to lay
    // the page out first (new results change the page), in the timed draw.
    let width = StoredValue::new(0.0f64);

    let handle = window_event_listener(ev::resize, move |_| {
        if let Some(canvas) = canvas_ref.get_untracked() {
            let w = f64::from(canvas.client_width());
            if w > 0.0 && w != width.get_value() {
                width.set_value(w);
                set_resized.update(|n| *n += 1);
            }
        }
    });
    on_cleanup(move || handle.remove());

    // Tries left to measure a canvas that is not laid out yet (hidden).
    let measure_tries = StoredValue::new(10u8);

    // Drawing on a canvas is a side effect on the outside world: an effect.
    Effect::new(move |_| {
        resized.track();
        let Some(canvas) = canvas_ref.get() else { return };
        chart.with(|chart| {
            if let Some(chart) = chart {
                if width.get_value() <= 0.0 {
                    let w = f64::from(canvas.client_width());
                    if w > 0.0 {
                        width.set_value(w);
                    } else if measure_tries.get_value() > 0 {
                        // Not laid out yet: draw at the chart's minimum now
                        // and measure again on the next frame.
                        measure_tries.update_value(|n| *n -= 1);
                        request_animation_frame(move || set_resized.update(|n| *n += 1));
                    }
                }
                match draw_on_canvas(&canvas, chart, width.get_value(), layout_width) {
                    Ok(ms) => {
                        set_draw_ms.set(Some(ms));
                        set_error.set(None);
                    }
                    Err(e) => set_error.set(Some(e.to_string())),
                }
            }
        });
    });

    let kind = move || chart.with(|c| c.as_ref().map(|c| c.kind()));
    let title = move || chart.with(|c| c.as_ref().map(Chart::title).unwrap_or_default());
    let summary = move || chart.with(|c| c.as_ref().map(Chart::summary).unwrap_or_default());
    let series = move || chart.with(|c| c.as_ref().map(|c| c.series().join("|")).unwrap_or_default());
    let table = Memo::new(move |_| chart.with(|c| c.as_ref().map(Chart::table)));
    // The hidden table follows the chart a moment later: while a run
    // refines, reports come several times a second, and rebuilding every
    // table for each would cost more than all the drawing. The first table
    // comes at once.
    let (shown_table, set_shown_table) = signal(None::<super::DataTable>);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let next = table.get();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        if shown_table.with_untracked(Option::is_none) || next.is_none() {
            set_shown_table.set(next);
        } else {
            let handle = set_timeout_with_handle(move || set_shown_table.set(next), TABLE_DELAY).ok();
            pending.set_value(handle);
        }
    });

    let download_svg = move |_| {
        chart.with_untracked(|c| {
            if let Some(c) = c {
                match svg::to_svg(c, width.get_value().max(c.min_width())) {
                    Ok(text) => export::download_text(&format!("{}.svg", file_stem.get_untracked()), "image/svg+xml", &text),
                    Err(e) => set_error.set(Some(e.to_string())),
                }
            }
        });
    };
    // PNGs for slides: drawn afresh into a canvas of their own at twice
    // the shown size, or 1920 pixels wide, not copied from the screen.
    let download_png = move |pixels: Option<f64>| {
        chart.with_untracked(|c| {
            let Some(c) = c else { return };
            let shown = width.get_value().max(c.min_width());
            let wide = pixels.unwrap_or(2.0 * shown);
            match export_canvas(c, shown, wide).and_then(|canvas| canvas.to_data_url_with_type("image/png").map_err(|_| ChartError("the picture could not be encoded".into()))) {
                Ok(url) => {
                    let suffix = pixels.map_or(String::new(), |p| format!("-{p:.0}"));
                    export::download_url(&format!("{}{suffix}.png", file_stem.get_untracked()), &url);
                }
                Err(e) => set_error.set(Some(e.to_string())),
            }
        });
    };

    view! {
        <figure
            class="chart"
            data-chart=kind
            data-series=series
            data-rows=move || shown_table.with(|t| t.as_ref().map_or(0, |t| t.rows.len()))
            data-draw-ms=move || draw_ms.get().map(|ms| format!("{ms:.1}"))
        >
            <figcaption class="visually-hidden" id=title_id.clone()>{title}</figcaption>
            <p class="visually-hidden chart-summary" id=summary_id.clone()>{summary}</p>
            <canvas node_ref=canvas_ref class="chart-canvas" role="img" aria-labelledby=title_id aria-describedby=summary_id></canvas>
            <p class="error" role="alert" hidden=move || error.with(Option::is_none)>
                {move || error.get()}
            </p>
            <div class="chart-actions no-print">
                <button type="button" class="secondary small" on:click=download_svg aria-label=move || format!("Download “{}” as SVG", title())>
                    "SVG"
                </button>
                <button type="button" class="secondary small" on:click=move |_| download_png(None)
                    aria-label=move || format!("Download “{}” as PNG", title()) title="Twice the size on screen">
                    "PNG"
                </button>
                <button type="button" class="secondary small" on:click=move |_| download_png(Some(1920.0))
                    aria-label=move || format!("Download “{}” as PNG, 1920 pixels wide", title())>
                    "PNG 1920"
                </button>
            </div>
            {move || shown_table.get().map(|t| view! { <DataTableView table=t /> })}
        </figure>
    }
}

/// A chart's numbers as a table, hidden from sight but not from screen
/// readers.
///
/// Written as one piece of HTML (every text escaped by
/// [`super::DataTable::to_html`]) rather than node by node: a table of a
/// few hundred cells, rebuilt with every report of a refining run, costs
/// the browser one parse instead of thousands of calls from wasm.
#[component]
fn DataTableView(table: super::DataTable) -> impl IntoView {
    // The wrapper is what is hidden: a table grows to its rows whatever
    // height it is given, and would stretch the page (and add a printed
    // page) even when clipped.
    view! { <div class="visually-hidden" inner_html=table.to_html()></div> }
}
