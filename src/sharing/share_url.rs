//! Opening the study at start-up, and keeping the URL and this browser's
//! saved copy in step with the last valid study.
//!
//! ```text
//!  URL #fragment ─┐
//!  localStorage  ─┼─ open_study ─▶ StudyState ── valid study ─┬─▶ localStorage (every change)
//!  presets       ─┘                    ▲                      └─▶ URL #fragment (replaceState, debounced)
//!                                      └── hashchange (a link pasted into the address bar)
//! ```

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use journey_engine::{Study, link};
use leptos::prelude::*;

use super::browser;
use super::notice::{Notice, Notices};
use super::opening::{Kept, KeptBecause, Source, Starting, open_study, read_link};
use crate::state::StudyState;

/// How long the URL waits for typing to pause before it follows.
const URL_DELAY: Duration = Duration::from_millis(400);

/// Opens the study (link, else saved, else the first preset), provides the
/// [`StudyState`] and [`Notices`] contexts, and starts keeping the URL and
/// the saved copy up to date. Call once, at the app root.
pub fn provide_study() -> StudyState {
    // The boot guard: a mark left from the last start means the app stopped
    // while starting with that study; do not open it again. A mark whose
    // heartbeat is fresh is another tab still starting, not a crash.
    let crashed = match read_mark(browser::boot_mark().as_deref(), js_sys::Date::now()) {
        Some("link") => Some(Starting::Link),
        Some("saved") => Some(Starting::Saved),
        _ => None,
    };
    let opening = open_study(&browser::fragment(), browser::saved_study().as_deref(), crashed);
    let starting = match opening.source {
        Source::Link => Some("link"),
        Source::Saved => Some("saved"),
        Source::Preset(_) => None,
    };
    if let Some(kind) = starting {
        STARTING.with(|s| s.set(Some(kind)));
        beat();
        keep_beating();
    } else {
        browser::set_boot_mark(None);
    }
    let kept_notice = match &opening.kept {
        Some(kept) => {
            // Aside before anything saves over it.
            browser::keep_study(&kept.json);
            Some(kept_notice(kept, &opening.source))
        }
        // Kept on an earlier visit and neither downloaded nor discarded yet.
        None => browser::kept_study().map(|json| {
            Notice::kept(
                "A study that could not be opened is kept in this browser.",
                vec!["Download it to keep it as a file, or discard it.".to_owned()],
                json,
            )
        }),
    };
    let notice = match (opening.refused, opening.displaced) {
        (Some(refusal), _) => {
            let kept = match opening.source {
                Source::Preset(name) => format!("This link could not be opened. The example \u{201c}{name}\u{201d} is shown instead."),
                _ => "This link could not be opened. Your last study is shown instead.".to_owned(),
            };
            Some(Notice::refused(kept, refusal))
        }
        // Opening a link replaces the study this browser kept; say so, with
        // the way back.
        (None, Some(previous)) => Some(Notice::replaced(
            "Opened the study from the link. It replaces the study you had here; Undo brings that back.",
            previous,
        )),
        (None, None) => None,
    };
    provide_context(OpenedFrom(opening.source));
    let state = StudyState::provide(opening.study);
    // The kept study matters most: it is the person's work.
    let notices = Notices::provide(kept_notice.or(notice));
    keep_url_and_storage(state);
    open_pasted_links(state, notices);
    forget_mark_when_left();
    state
}

/// Tells the boot guard that this start succeeded: call once the first
/// results are on screen.
pub fn start_succeeded() {
    if STARTING.with(|s| s.take()).is_some() {
        browser::set_boot_mark(None);
    }
}

/// Set by the panic hook: the app has stopped because of a bug.
static STOPPED: AtomicBool = AtomicBool::new(false);

/// Tells the boot guard that the app stopped: the mark of this start stays
/// even if the page is then left normally, and it loses its heartbeat, so
/// the next start (however soon) takes it for the crash it is.
pub fn app_stopped() {
    STOPPED.store(true, Ordering::Relaxed);
    if let Some(kind) = STARTING.with(|s| s.get()) {
        browser::set_boot_mark(Some(kind));
    }
}

thread_local! {
    /// What this page is starting with ("link" or "saved") until its first
    /// results are on screen.
    static STARTING: std::cell::Cell<Option<&'static str>> = const { std::cell::Cell::new(None) };
}

/// How often a starting page renews its mark [ms], and how old a renewal
/// may be for the mark to be another page still starting rather than one
/// that stopped. Background tabs run timers about once a second.
const HEARTBEAT_MS: u64 = 1_000;
const HEARTBEAT_STALE_MS: f64 = 6_000.0;

/// The study kind a mark says a start stopped with: the mark's kind, unless
/// its heartbeat (`kind@ms`) is fresh at `now` (another tab still
/// starting). A mark without a heartbeat is a stop.
pub fn read_mark(mark: Option<&str>, now: f64) -> Option<&str> {
    let mark = mark?;
    match mark.split_once('@') {
        Some((kind, at)) => match at.parse::<f64>() {
            Ok(at) if now - at < HEARTBEAT_STALE_MS && now >= at => None,
            _ => Some(kind),
        },
        None => Some(mark),
    }
}

/// Renews this page's mark with the time now, while it is starting.
fn beat() {
    if let Some(kind) = STARTING.with(|s| s.get())
        && !STOPPED.load(Ordering::Relaxed)
    {
        browser::set_boot_mark(Some(&format!("{kind}@{}", js_sys::Date::now())));
    }
}

/// Renews the mark every HEARTBEAT_MS until the start succeeds or stops.
fn keep_beating() {
    set_timeout(
        || {
            if STARTING.with(|s| s.get()).is_some() && !STOPPED.load(Ordering::Relaxed) {
                beat();
                keep_beating();
            }
        },
        Duration::from_millis(HEARTBEAT_MS),
    );
}

/// A page left normally (reloaded, closed, navigated away) before its
/// first results came did not fail to start: a long first run is not a
/// crash. A page that panicked keeps its mark (and an aborted module never
/// gets here); a hung page never fires the event.
fn forget_mark_when_left() {
    let handle = window_event_listener(leptos::ev::pagehide, |_| {
        if !STOPPED.load(Ordering::Relaxed) {
            start_succeeded();
        }
    });
    on_cleanup(move || handle.remove());
}

/// The notice for a study kept aside at this start.
fn kept_notice(kept: &Kept, opened: &Source) -> Notice {
    let shown = match opened {
        Source::Preset(name) => format!("The example \u{201c}{name}\u{201d} is shown instead."),
        Source::Link => "The study from the link is shown instead.".to_owned(),
        Source::Saved => String::new(),
    };
    let (title, mut lines) = match &kept.why {
        KeptBecause::Crashed => (
            format!("Journey Simulator stopped while opening your last study, so it was not opened again. {shown}"),
            vec![
                "Your study is kept in this browser. Download it to keep it as a file (and, if you can, send it to us: it shows a bug we must fix).".to_owned(),
            ],
        ),
        KeptBecause::Unreadable(refusal) => {
            // The refusal's own headline says what the title already says.
            let mut lines = vec!["It is kept in this browser: download it to fix it in a text editor, or discard it.".to_owned()];
            lines.extend(refusal.problems.iter().cloned());
            (format!("Your saved study could not be opened. {shown}"), lines)
        }
    };
    lines.truncate(12);
    Notice::kept(title, lines, kept.json.clone())
}

/// Where the study shown at start-up came from (a context): the examples
/// stay folded away unless the app opened one for a first visit.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenedFrom(pub Source);

/// The link fragment of a study.
pub fn fragment_of(study: &Study) -> String {
    link::encode(&study.to_json())
}

/// Writes the valid study to the URL now (skipping the delay) and returns
/// the whole URL, for copying.
pub fn current_link(state: StudyState) -> String {
    browser::replace_fragment(&state.valid().with_untracked(fragment_of));
    browser::href()
}

/// Saves every valid study at once, and puts it in the URL when typing
/// pauses (and at once on start-up, so a refused link is replaced by the
/// study on screen straight away).
fn keep_url_and_storage(state: StudyState) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |first_done: Option<()>| {
        let json = state.valid().with(Study::to_json);
        browser::save_study(&json);
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let write = move || browser::replace_fragment(&link::encode(&json));
        if first_done.is_none() {
            write();
        } else {
            pending.set_value(set_timeout_with_handle(write, URL_DELAY).ok());
        }
    });
}

/// A link pasted into the address bar of an open app changes only the
/// fragment, so the page does not reload: open it here, with the same
/// checks as at start-up.
fn open_pasted_links(state: StudyState, notices: Notices) {
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let fragment = browser::fragment();
        let current = state.valid().with_untracked(fragment_of);
        if fragment == current {
            return;
        }
        if fragment.trim().is_empty() {
            browser::replace_fragment(&current);
            return;
        }
        match read_link(&fragment) {
            Ok(study) => {
                let previous = state.valid().get_untracked();
                state.load(study);
                notices.show(Notice::replaced("Opened the study from the link.", previous));
            }
            Err(refusal) => {
                notices.show(Notice::refused("This link could not be opened. Your study is unchanged.", refusal));
                browser::replace_fragment(&current);
            }
        }
    });
    // The app root lives as long as the page; the listener goes with it.
    on_cleanup(move || handle.remove());
}

#[cfg(test)]
mod tests {
    use super::read_mark;

    #[test]
    fn a_mark_is_a_stop_unless_its_heartbeat_is_fresh() {
        assert_eq!(read_mark(None, 10_000.0), None);
        // Written by a page that stopped (or by an older version): a stop.
        assert_eq!(read_mark(Some("saved"), 10_000.0), Some("saved"));
        // Another tab renewed it a second ago: still starting.
        assert_eq!(read_mark(Some("link@9000"), 10_000.0), None);
        // Its heartbeat stopped long ago, or is unreadable, or from the future: a stop.
        assert_eq!(read_mark(Some("link@1000"), 10_000.0), Some("link"));
        assert_eq!(read_mark(Some("link@soon"), 10_000.0), Some("link"));
        assert_eq!(read_mark(Some("saved@20000"), 10_000.0), Some("saved"));
    }
}
