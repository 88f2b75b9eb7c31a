//! The ripple slide: a stretch of a day for the baseline and the variant
//! side by side, customers as dots moving through self-service, the queue,
//! the agents and "later" (a retry or a reply to come), so the room sees
//! the queue swell at the peak and shrink with the fix.
//!
//! The layout is the engine's [`Ripple`] (one replication's real event
//! sequence in a study with demand); this module only draws it on a
//! canvas, once a frame (`requestAnimationFrame`), with pause, restart and
//! speed. Each zone fills from the bottom in order of arrival there, so a
//! queue's column is its length. The canvas carries `data-frames`,
//! `data-draw-ms` (mean drawing time of a frame), `data-frame-ms` (mean
//! time between frames) and `data-dots` (dots in the last frame) for
//! measuring it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use journey_engine::Study;
use journey_engine::ripple::{Place, Ripple};
use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::results::charts::palette::design_color;
use crate::run::RippleLayout;

/// Simulated minutes a second at 1×.
const MINUTES_PER_SECOND: f64 = 4.0;
/// How quickly a dot reaches its new place [ms], as a time constant.
const GLIDE_MS: f64 = 110.0;
/// How long an ended customer stays visible, sinking away [simulated min].
const FADE_MINUTES: f64 = 2.0;

/// The zones of a design's half, left to right, with what they hold.
const ZONES: [(&str, &[Place]); 4] = [
    ("Self-service", &[Place::Contact, Place::SelfService]),
    ("Queue", &[Place::Queue]),
    ("Agents", &[Place::Agent, Place::Specialist]),
    ("Later", &[Place::Later]),
];

/// The ripple of the baseline and design `variant`, animated.
#[component]
pub fn RippleSlide(study: std::sync::Arc<Study>, variant: usize) -> impl IntoView {
    let designs: Vec<(String, usize)> = [0, variant]
        .into_iter()
        .filter_map(|d| study.designs.get(d).map(|spec| (spec.name.clone(), d)))
        .collect();
    let shared = study.demand.is_some();
    // Laid out by workers; the animation starts when every design's is in.
    let layout = RwSignal::new(Ok(Vec::new()));
    let indices: Vec<usize> = designs.iter().map(|&(_, d)| d).collect();
    let workers = StoredValue::new_local(Some(RippleLayout::start(&study, &indices, layout)));
    let ripples = Memo::new(move |_| {
        layout.with(|l| match l {
            Ok(slots) if !slots.is_empty() && slots.iter().all(Option::is_some) => {
                Some(Arc::new(slots.iter().flatten().cloned().collect::<Vec<Ripple>>()))
            }
            _ => None,
        })
    });
    let failed = move || layout.with(|l| l.as_ref().err().cloned());
    let day_minute = move || ripples.with(|r| r.as_ref().and_then(|r| r.first()).map_or(0.0, |r| r.day_minute));

    let canvas_ref = NodeRef::<Canvas>::new();
    let (playing, set_playing) = signal(true);
    let (speed, set_speed) = signal(1.0f64);
    // The simulated minute shown, as a whole minute (the text follows it;
    // the canvas follows the exact time).
    let (minute, set_minute) = signal(0i64);
    let clock = Rc::new(Cell::new(0.0f64));
    // Set by "From the start" and by the slide going away, read by the
    // next frame.
    let restart = Arc::new(AtomicBool::new(true));
    let alive = Arc::new(AtomicBool::new(true));

    {
        let (clock, restart, alive) = (clock.clone(), restart.clone(), alive.clone());
        let colors: Vec<String> = designs.iter().map(|&(_, d)| design_color(d).css()).collect();
        let names: Vec<String> = designs.iter().map(|(n, _)| n.clone()).collect();
        Effect::new(move |started: Option<bool>| {
            if started == Some(true) {
                return true;
            }
            let (Some(canvas), Some(ripples)) = (canvas_ref.get(), ripples.get()) else { return false };
            // The layout is in: the workers can go.
            workers.set_value(None);
            let length = ripples.first().map_or(1.0, |r| r.minutes);
            let animation = Rc::new(RefCell::new(Animation::new(canvas, ripples, names.clone(), colors.clone())));
            frame_loop(animation, clock.clone(), restart.clone(), alive.clone(), playing, speed, set_minute, set_playing, length);
            true
        });
    }
    {
        let alive = alive.clone();
        on_cleanup(move || alive.store(false, Ordering::Relaxed));
    }

    let names: Vec<String> = designs.iter().map(|(n, _)| n.clone()).collect();
    let status_names = names.clone();
    let status = move || {
        let m = minute.get() as f64;
        let Some(ripples) = ripples.get() else { return "Laying out the day\u{2026}".to_owned() };
        ripples
            .iter()
            .zip(&status_names)
            .map(|(r, name)| {
                let c = r.counts_at(m);
                format!(
                    "{name}: {} in the queue, {} with agents, {} hung up so far",
                    c[Place::Queue.index()],
                    c[Place::Agent.index()] + c[Place::Specialist.index()],
                    r.hang_ups_until(m)
                )
            })
            .collect::<Vec<_>>()
            .join(". ")
    };
    let queues = move || {
        let m = minute.get() as f64;
        ripples.get().map(|r| r.iter().map(|r| r.counts_at(m)[Place::Queue.index()]).collect::<Vec<_>>()).unwrap_or_default()
    };
    let restart_button = restart.clone();
    let clock_text = move || if ripples.with(Option::is_some) { time_of_day(day_minute() + minute.get() as f64) } else { "--:--".to_owned() };
    let what = move || match (shared, ripples.with(|r| r.as_ref().and_then(|r| r.first()).map_or(1, |r| r.per_dot))) {
        (true, 1) => "A day in the centre, its busiest four hours: every dot is a customer".to_owned(),
        (true, k) => format!("A day in the centre, its busiest four hours: every dot is {k} customers"),
        (false, _) => "Four hundred customers, each on their own clock: every dot is one".to_owned(),
    };
    view! {
        <div class="present-slide present-ripple">
            <p class="present-kicker">{what}</p>
            <div class="ripple-head">
                <span class="ripple-clock" aria-label="Time of day in the simulation">{clock_text}</span>
                <span class="ripple-queues">
                    "In the queue now: "
                    {move || {
                        names
                            .iter()
                            .zip(queues())
                            .enumerate()
                            .map(|(i, (n, q))| {
                                view! {
                                    <span class=format!("ripple-queue ripple-design-{i}")>
                                        <span class="ripple-swatch" style:background=design_color(if i == 0 { 0 } else { variant }).css()></span>
                                        {format!("{n} {q}")}
                                    </span>
                                }
                            })
                            .collect_view()
                    }}
                </span>
            </div>
            {move || failed().map(|message| view! { <p class="error" role="alert">{message}</p> })}
            <canvas node_ref=canvas_ref class="ripple-canvas" role="img"
                aria-label="Customers as dots moving through self-service, the queue, the agents and later, for both designs"></canvas>
            <p class="visually-hidden" aria-live="off" data-testid="ripple-status">{status}</p>
            <div class="ripple-controls">
                <button type="button" aria-pressed=move || playing.get().to_string()
                    on:click=move |_| set_playing.update(|p| *p = !*p)>
                    {move || if playing.get() { "Pause" } else { "Play" }}
                </button>
                <button type="button" class="secondary" on:click=move |_| {
                    restart_button.store(true, Ordering::Relaxed);
                    set_playing.set(true);
                }>
                    "\u{21ba} From the start"
                </button>
                <label class="present-choice">
                    "Speed "
                    <select on:change=move |ev| {
                        if let Ok(s) = event_target_value(&ev).parse::<f64>() {
                            set_speed.set(s);
                        }
                    }>
                        <option value="0.5">"\u{bd}\u{d7}"</option>
                        <option value="1" selected>"1\u{d7}"</option>
                        <option value="2">"2\u{d7}"</option>
                        <option value="4">"4\u{d7}"</option>
                    </select>
                </label>
                <span class="ripple-legend">
                    <span class="ripple-key key-queue">"Queue"</span>
                    <span class="ripple-key key-agent">"Agent"</span>
                    <span class="ripple-key key-later">"Later"</span>
                    <span class="ripple-key key-resolved">"Resolved"</span>
                    <span class="ripple-key key-gave-up">"Gave up"</span>
                </span>
            </div>
        </div>
    }
}

/// "10:42" for a minute of the day.
fn time_of_day(minute: f64) -> String {
    let m = minute.max(0.0) as i64 % (24 * 60);
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Schedules the frames until the slide goes away.
#[allow(clippy::too_many_arguments)]
fn frame_loop(
    animation: Rc<RefCell<Animation>>,
    clock: Rc<Cell<f64>>,
    restart: Arc<AtomicBool>,
    alive: Arc<AtomicBool>,
    playing: ReadSignal<bool>,
    speed: ReadSignal<f64>,
    set_minute: WriteSignal<i64>,
    set_playing: WriteSignal<bool>,
    length: f64,
) {
    request_animation_frame(move || {
        if !alive.load(Ordering::Relaxed) {
            return;
        }
        let now = window().performance().map_or(0.0, |p| p.now());
        {
            let mut a = animation.borrow_mut();
            let elapsed_ms = a.last_frame.map_or(0.0, |last| (now - last).clamp(0.0, 250.0));
            a.last_frame = Some(now);
            if restart.swap(false, Ordering::Relaxed) {
                clock.set(0.0);
                a.snap = true;
            } else if playing.get_untracked() {
                let t = clock.get() + elapsed_ms / 1000.0 * MINUTES_PER_SECOND * speed.get_untracked();
                clock.set(t.min(length));
                if t >= length {
                    set_playing.set(false);
                }
            }
            a.draw(clock.get(), elapsed_ms, now);
        }
        // The text follows whole minutes; the canvas every frame.
        let whole = clock.get().floor() as i64;
        if animation.borrow_mut().minute.replace(whole) != Some(whole) {
            set_minute.set(whole);
        }
        frame_loop(animation, clock, restart, alive, playing, speed, set_minute, set_playing, length);
    });
}

/// The drawing state: every dot's position, kept between frames so dots
/// glide to their new places.
struct Animation {
    canvas: HtmlCanvasElement,
    ripples: Arc<Vec<Ripple>>,
    names: Vec<String>,
    colors: Vec<String>,
    /// Per design, per track: where its dot is drawn [CSS px].
    dots: Vec<Vec<Option<(f64, f64)>>>,
    /// Place dots at once instead of gliding (first frame, restart).
    snap: bool,
    last_frame: Option<f64>,
    /// The whole simulated minute last shown as text.
    minute: Option<i64>,
    frames: u64,
    draw_ms: f64,
    frame_ms: f64,
    size: (u32, u32),
}

impl Animation {
    fn new(canvas: HtmlCanvasElement, ripples: Arc<Vec<Ripple>>, names: Vec<String>, colors: Vec<String>) -> Self {
        let dots = ripples.iter().map(|r| vec![None; r.tracks.len()]).collect();
        Self { canvas, ripples, names, colors, dots, snap: true, last_frame: None, minute: None, frames: 0, draw_ms: 0.0, frame_ms: 0.0, size: (0, 0) }
    }

    fn context(&self) -> Option<CanvasRenderingContext2d> {
        self.canvas.get_context("2d").ok().flatten()?.dyn_into::<CanvasRenderingContext2d>().ok()
    }

    /// Draws the designs at simulated minute `t`; `elapsed_ms` since the
    /// last frame.
    fn draw(&mut self, t: f64, elapsed_ms: f64, now: f64) {
        let window = window();
        let ratio = window.device_pixel_ratio().clamp(1.0, 3.0);
        let (w, h) = (f64::from(self.canvas.client_width()), f64::from(self.canvas.client_height()));
        if w < 10.0 || h < 10.0 {
            return;
        }
        let pixels = ((w * ratio).round() as u32, (h * ratio).round() as u32);
        if self.size != pixels {
            self.canvas.set_width(pixels.0);
            self.canvas.set_height(pixels.1);
            self.size = pixels;
            self.snap = true;
        }
        let Some(ctx) = self.context() else { return };
        let _ = ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
        ctx.clear_rect(0.0, 0.0, w, h);

        let glide = if self.snap { 1.0 } else { 1.0 - (-elapsed_ms / GLIDE_MS).exp() };
        self.snap = false;
        let halves = self.ripples.len().max(1) as f64;
        let half = w / halves;
        let font = (h / 16.0).clamp(16.0, 30.0);
        let ripples = self.ripples.clone();
        let mut drawn = 0;
        for (d, ripple) in ripples.iter().enumerate() {
            let left = d as f64 * half;
            let area = Half { left, width: half, height: h, font };
            drawn += draw_half(&ctx, ripple, &mut self.dots[d], area, t, glide, (&self.names[d], &self.colors[d]));
        }
        // Frame figures, for measuring the animation.
        let spent = window.performance().map_or(0.0, |p| p.now()) - now;
        self.frames += 1;
        let n = self.frames.min(120) as f64;
        self.draw_ms += (spent - self.draw_ms) / n;
        if self.frames > 1 {
            self.frame_ms += (elapsed_ms - self.frame_ms) / (n - 1.0).max(1.0);
        }
        if self.frames.is_multiple_of(30) {
            let _ = self.canvas.set_attribute("data-frames", &self.frames.to_string());
            let _ = self.canvas.set_attribute("data-draw-ms", &format!("{:.3}", self.draw_ms));
            let _ = self.canvas.set_attribute("data-frame-ms", &format!("{:.2}", self.frame_ms));
            let _ = self.canvas.set_attribute("data-dots", &drawn.to_string());
        }
    }
}

/// Where a design's half of the canvas is [CSS px].
#[derive(Clone, Copy)]
struct Half {
    left: f64,
    width: f64,
    height: f64,
    font: f64,
}

/// The colour of a dot at a place.
fn place_color(place: Place) -> &'static str {
    match place {
        Place::Contact | Place::SelfService => "#1b7f79",
        Place::Queue => "#c2410c",
        Place::Agent | Place::Specialist => "#1d4ed8",
        Place::Later => "#6b7280",
        Place::Resolved => "#15803d",
        Place::GaveUp => "#b91c1c",
    }
}

fn draw_half(
    ctx: &CanvasRenderingContext2d,
    ripple: &Ripple,
    dots: &mut [Option<(f64, f64)>],
    half: Half,
    t: f64,
    glide: f64,
    (design_name, design_color): (&str, &str),
) -> usize {
    let pad = 10.0;
    let zone_w = (half.width - 2.0 * pad) / ZONES.len() as f64;
    let head = half.font * 1.3;
    let top = head + half.font * 2.4;
    let bottom = half.height - half.font * 1.8;
    let spacing = (zone_w / 14.0).clamp(6.0, 12.0);
    let radius = spacing * 0.38;
    let columns = ((zone_w - 8.0) / spacing).floor().max(1.0) as usize;
    let rows = ((bottom - top - 4.0) / spacing).floor().max(1.0) as usize;

    // The design's name on a band in its colour.
    ctx.set_fill_style_str(design_color);
    ctx.fill_rect(half.left + pad, 0.0, half.width - 2.0 * pad, head - 2.0);
    ctx.set_fill_style_str("#fff");
    ctx.set_text_align("center");
    ctx.set_font(&format!("700 {:.0}px system-ui, sans-serif", half.font * 0.85));
    let _ = ctx.fill_text(design_name, half.left + half.width / 2.0, head * 0.74);

    // Who is where now: (zone, since, track) for the zones, and the ended.
    let last = ripple.tracks.partition_point(|tr| tr.points[0].0 <= t);
    let mut in_zone: Vec<Vec<(f64, usize, Place)>> = vec![Vec::new(); ZONES.len()];
    let mut ended: Vec<(usize, Place, f64)> = Vec::new();
    let (mut resolved, mut gave_up) = (0usize, 0usize);
    for (i, track) in ripple.tracks[..last].iter().enumerate() {
        let Some((since, place)) = track.at(t) else { continue };
        if place.is_end() {
            if since >= 0.0 {
                // A dot of a large centre stands for `per_dot` customers.
                if place == Place::Resolved {
                    resolved += ripple.per_dot as usize;
                } else {
                    gave_up += ripple.per_dot as usize;
                }
            }
            let age = t - since;
            if age < FADE_MINUTES && since >= 0.0 {
                ended.push((i, place, age));
            } else {
                dots[i] = None;
            }
            continue;
        }
        if let Some(z) = ZONES.iter().position(|(_, places)| places.contains(&place)) {
            in_zone[z].push((since, i, place));
        }
    }

    // Zone backgrounds and labels with their counts; a label narrower
    // zones cannot hold gets smaller type.
    ctx.set_text_align("center");
    for (z, (label, _)) in ZONES.iter().enumerate() {
        let x = half.left + pad + z as f64 * zone_w;
        ctx.set_fill_style_str(if z == 1 { "#fff4ec" } else { "#f3f5f7" });
        ctx.fill_rect(x + 2.0, top - 2.0, zone_w - 4.0, bottom - top + 4.0);
        ctx.set_fill_style_str("#111");
        set_font_to_fit(ctx, label, half.font * 0.8, zone_w - 6.0);
        let _ = ctx.fill_text(label, x + zone_w / 2.0, head + half.font * 0.95);
        ctx.set_font(&format!("700 {:.0}px system-ui, sans-serif", half.font));
        let _ = ctx.fill_text(&(in_zone[z].len() * ripple.per_dot as usize).to_string(), x + zone_w / 2.0, head + half.font * 2.05);
    }
    // Resolved and gave up, at the foot, each in its half of the width.
    let room = (half.width - 2.0 * pad) / 2.0 - 6.0;
    let (good, bad) = (format!("\u{2713} {resolved} resolved"), format!("\u{2717} {gave_up} gave up \u{b7} {} hung up", ripple.hang_ups_until(t)));
    ctx.set_text_align("left");
    ctx.set_fill_style_str(place_color(Place::Resolved));
    set_font_to_fit(ctx, &good, half.font * 0.8, room);
    let _ = ctx.fill_text(&good, half.left + pad, half.height - half.font * 0.45);
    ctx.set_text_align("right");
    ctx.set_fill_style_str(place_color(Place::GaveUp));
    set_font_to_fit(ctx, &bad, half.font * 0.8, room);
    let _ = ctx.fill_text(&bad, half.left + half.width - pad, half.height - half.font * 0.45);

    // Targets: each zone fills from the bottom, earliest arrival first (a
    // queue is first in, first out, so its column is its length).
    // Dots of one colour, drawn in one path: (x, y, alpha) each.
    type Dots = Vec<(f64, f64, f64)>;
    let mut batches: Vec<(&'static str, Dots)> = Vec::new();
    let mut push = |color: &'static str, x: f64, y: f64, alpha: f64| match batches.iter_mut().find(|(c, _)| *c == color) {
        Some((_, v)) => v.push((x, y, alpha)),
        None => batches.push((color, vec![(x, y, alpha)])),
    };
    let entrance = (half.left + pad, (top + bottom) / 2.0);
    for (z, members) in in_zone.iter_mut().enumerate() {
        members.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let x0 = half.left + pad + z as f64 * zone_w + (zone_w - columns as f64 * spacing) / 2.0 + spacing / 2.0;
        for (k, &(_, i, place)) in members.iter().enumerate() {
            // Beyond the zone's room, dots pile on its top row.
            let row = (k / columns).min(rows - 1);
            let target = (x0 + (k % columns) as f64 * spacing, bottom - spacing / 2.0 - row as f64 * spacing);
            let at = glide_to(&mut dots[i], entrance, target, glide);
            push(place_color(place), at.0, at.1, 1.0);
        }
    }
    // The ended sink into their counter at the foot.
    let foot = bottom + (half.height - bottom) * 0.3;
    for (i, place, age) in ended {
        let target = if place == Place::Resolved { (half.left + pad + zone_w * 0.3, foot) } else { (half.left + half.width - pad - zone_w * 0.3, foot) };
        let at = glide_to(&mut dots[i], entrance, target, glide * 0.5);
        push(place_color(place), at.0, at.1, (1.0 - age / FADE_MINUTES).clamp(0.0, 1.0));
    }
    let drawn = batches.iter().map(|(_, points)| points.len()).sum();
    for (color, points) in batches {
        ctx.set_fill_style_str(color);
        // Fully visible dots in one path; fading ones one by one.
        ctx.set_global_alpha(1.0);
        ctx.begin_path();
        for &(x, y, alpha) in &points {
            if alpha >= 1.0 {
                ctx.move_to(x + radius, y);
                let _ = ctx.arc(x, y, radius, 0.0, std::f64::consts::TAU);
            }
        }
        ctx.fill();
        for &(x, y, alpha) in points.iter().filter(|p| p.2 < 1.0) {
            ctx.set_global_alpha(alpha);
            ctx.begin_path();
            let _ = ctx.arc(x, y, radius, 0.0, std::f64::consts::TAU);
            ctx.fill();
        }
        ctx.set_global_alpha(1.0);
    }
    drawn
}

/// Sets bold type of `size` px, or smaller so that `text` fits `width`.
fn set_font_to_fit(ctx: &CanvasRenderingContext2d, text: &str, size: f64, width: f64) {
    let font = |px: f64| format!("700 {px:.0}px system-ui, sans-serif");
    ctx.set_font(&font(size));
    let measured = ctx.measure_text(text).map_or(0.0, |m| m.width());
    if measured > width && measured > 0.0 {
        ctx.set_font(&font((size * width / measured).floor().max(9.0)));
    }
}

/// Moves a dot part of the way to `target` (all the way with `glide` 1);
/// a new dot starts at `entrance`.
fn glide_to(dot: &mut Option<(f64, f64)>, entrance: (f64, f64), target: (f64, f64), glide: f64) -> (f64, f64) {
    let (x, y) = dot.unwrap_or(entrance);
    let at = (x + (target.0 - x) * glide, y + (target.1 - y) * glide);
    *dot = Some(at);
    at
}
