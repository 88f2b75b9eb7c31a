//! Messages about the study as a whole: a link or file that was refused,
//! an example that replaced the study (with a way back).
//!
//! One notice at a time, in a newtype context; the banner shows it until
//! the person dismisses it or the next one replaces it.

use journey_engine::Study;
use leptos::prelude::*;

use crate::state::StudyState;

use super::opening::Refusal;

/// A message for the banner.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub tone: Tone,
    pub title: String,
    /// Details, such as each problem of a refused study.
    pub lines: Vec<String>,
    /// The study before an action replaced it, for an "Undo" button.
    pub undo: Option<Study>,
    /// A study kept aside, for "Download it" and "Discard it" buttons.
    pub kept: Option<String>,
}

/// Whether a notice reports something refused or just informs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Refused,
    Info,
}

impl Notice {
    /// Something was refused (a link, a file) and the study was kept.
    pub fn refused(title: impl Into<String>, refusal: Refusal) -> Self {
        let mut lines = vec![refusal.message];
        lines.extend(refusal.problems);
        Self { tone: Tone::Refused, title: title.into(), lines, undo: None, kept: None }
    }

    /// The study was replaced by `what`; `previous` can come back.
    pub fn replaced(what: impl Into<String>, previous: Study) -> Self {
        Self { tone: Tone::Info, title: what.into(), lines: Vec::new(), undo: Some(previous), kept: None }
    }

    /// A study could not be opened and is kept aside (`json`), with why.
    pub fn kept(title: impl Into<String>, lines: Vec<String>, json: String) -> Self {
        Self { tone: Tone::Refused, title: title.into(), lines, undo: None, kept: Some(json) }
    }
}

/// The current notice, if any.
#[derive(Clone, Copy)]
pub struct Notices(RwSignal<Option<Notice>>);

impl Notices {
    pub fn provide(initial: Option<Notice>) -> Self {
        let notices = Self(RwSignal::new(initial));
        provide_context(notices);
        notices
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }

    pub fn show(&self, notice: Notice) {
        self.0.set(Some(notice));
    }

    pub fn dismiss(&self) {
        self.0.set(None);
    }

    pub fn current(&self) -> Option<Notice> {
        self.0.get()
    }
}

/// The banner that shows the current notice.
#[component]
pub fn NoticeBanner() -> impl IntoView {
    let notices = Notices::get();
    let state = StudyState::get();
    move || {
        notices.current().map(|notice| {
            let refused = notice.tone == Tone::Refused;
            let (first, rest) = match notice.lines.split_first() {
                Some((first, rest)) => (Some(first.clone()), rest.to_vec()),
                None => (None, Vec::new()),
            };
            let undo = notice.undo.clone().map(|previous| {
                view! {
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| {
                            state.load(previous.clone());
                            notices.dismiss();
                        }
                    >
                        "Undo"
                    </button>
                }
            });
            let kept = notice.kept.clone().map(|json| {
                let file_name = kept_file_name(&json);
                view! {
                    <button
                        type="button"
                        on:click=move |_| {
                            let _ = super::browser::download(&file_name, &json);
                        }
                    >
                        "Download it"
                    </button>
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| {
                            super::browser::discard_kept_study();
                            notices.dismiss();
                        }
                    >
                        "Discard it"
                    </button>
                }
            });
            view! {
                <div
                    class="notice"
                    class:notice-refused=refused
                    role=if refused { "alert" } else { "status" }
                    id="notice"
                >
                    <div class="notice-text">
                        <p class="notice-title">{notice.title.clone()}</p>
                        {first.map(|line| view! { <p>{line}</p> })}
                        {(!rest.is_empty())
                            .then(|| {
                                view! {
                                    <ul class="problem-lines">
                                        {rest.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                                    </ul>
                                }
                            })}
                    </div>
                    <div class="notice-actions">
                        {kept}
                        {undo}
                        <button type="button" class="secondary" on:click=move |_| notices.dismiss()>
                            "Dismiss"
                        </button>
                    </div>
                </div>
            }
        })
    }
}

/// The file name of a kept study: its title when it still reads as JSON
/// with one, else "kept-study.json".
fn kept_file_name(json: &str) -> String {
    let title = serde_json::from_str::<serde_json::Value>(json)
        .ok()
        .and_then(|v| v.get("title").and_then(|t| t.as_str()).map(str::to_owned))
        .unwrap_or_default();
    if title.trim().is_empty() { "kept-study.json".to_owned() } else { super::opening::export_file_name(&title) }
}
