//! The designs of the study as tabs: Current first, then the variants;
//! add (a copy of Current), duplicate, delete (not the last), at most
//! six.

use journey_engine::MAX_DESIGNS;
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

use super::focus::{OpenDesign, focus_id};
use super::templates;
use crate::sharing::{Notice, Notices};
use crate::state::{FieldPath, StudyState, path};

fn designs() -> FieldPath {
    FieldPath::root().key("designs")
}

/// The name a tab shows for design `index` of the draft.
pub(super) fn tab_name(draft: &Value, index: usize) -> String {
    match path::get(draft, &FieldPath::design(index).key("name")) {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        _ => format!("Design {}", index + 1),
    }
}

/// Adds a copy of `source` named after `base`, and opens it.
fn add_copy(state: StudyState, open: OpenDesign, source: usize, base: impl Fn(&Value) -> String) {
    let mut added = None;
    state.edit(|d| {
        let taken = templates::names(path::get(d, &designs()));
        let Some(design) = path::get(d, &FieldPath::design(source)).cloned() else { return };
        let name = templates::unique_name(&base(&design), &taken);
        if let Some(Value::Array(items)) = path::get_mut(d, &designs())
            && items.len() < MAX_DESIGNS
        {
            items.push(templates::design_copy(&design, name));
            added = Some(items.len() - 1);
        }
    });
    if let Some(index) = added {
        open.open(index);
    }
}

#[component]
pub fn DesignTabs() -> impl IntoView {
    let state = StudyState::get();
    let open = OpenDesign::get();

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        // Arrows move from the tab that has focus, which a click or Tab
        // may have put somewhere other than the open one.
        let focused = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.id().strip_prefix("design-tab-").and_then(|i| i.parse::<usize>().ok()));
        let (n, i) = (open.count.get_untracked(), focused.unwrap_or_else(|| open.index.get_untracked()));
        if n == 0 {
            return;
        }
        let next = match ev.key().as_str() {
            "ArrowRight" => (i + 1) % n,
            "ArrowLeft" => (i + n - 1) % n,
            "Home" => 0,
            "End" => n - 1,
            _ => return,
        };
        ev.prevent_default();
        open.open(next);
        request_animation_frame(move || {
            focus_id(&format!("design-tab-{next}"));
        });
    };

    view! {
        <div class="design-tabs-bar">
            <div class="design-tabs" role="tablist" aria-label="Designs" on:keydown=on_key>
                <For
                    each=move || 0..open.count.get()
                    key=|index| *index
                    children=move |index| {
                        let selected = move || open.index.get() == index;
                        view! {
                            <button
                                type="button"
                                role="tab"
                                class="design-tab"
                                id=format!("design-tab-{index}")
                                aria-selected=move || if selected() { "true" } else { "false" }
                                aria-controls="design-panel"
                                tabindex=move || if selected() { "0" } else { "-1" }
                                on:click=move |_| open.open(index)
                            >
                                {move || state.draft().with(|d| tab_name(d, index))}
                                {(index == 0).then(|| view! { <span class="tab-badge">"baseline"</span> })}
                            </button>
                        }
                    }
                />
            </div>
            <button
                type="button"
                class="secondary"
                on:click=move |_| add_copy(state, open, 0, |_| "New design".to_owned())
                disabled=move || { open.count.get() >= MAX_DESIGNS }
            >
                "Add design"
            </button>
            {move || {
                (open.count.get() >= MAX_DESIGNS)
                    .then(|| view! { <span class="note">{format!("A study compares at most {MAX_DESIGNS} designs.")}</span> })
            }}
        </div>
    }
}

/// Moves design `from` to place `to` (0 makes it the baseline) and keeps
/// it open. Nothing follows: a new order changes no design's values.
fn move_design(state: StudyState, open: OpenDesign, from: usize, to: usize) {
    let mut moved = false;
    state.edit(|d| {
        if let Some(Value::Array(items)) = path::get_mut(d, &designs())
            && from < items.len()
            && to < items.len()
        {
            let design = items.remove(from);
            items.insert(to, design);
            moved = true;
        }
    });
    if moved {
        open.open(to);
    }
}

/// Duplicate, reorder and delete for the open design.
#[component]
pub fn DesignActions(design: usize) -> impl IntoView {
    let state = StudyState::get();
    let open = OpenDesign::get();
    let notices = Notices::get();
    let duplicate = move |_| add_copy(state, open, design, |d| format!("{} copy", d.get("name").and_then(Value::as_str).unwrap_or("Design")));
    let delete = move |_| {
        let previous = state.valid().get_untracked();
        let name = state.draft().with_untracked(|d| tab_name(d, design));
        state.edit(|d| {
            path::remove(d, &FieldPath::design(design));
        });
        open.open(design.saturating_sub(1));
        notices.show(Notice::replaced(format!("Deleted the design \u{201c}{name}\u{201d}."), previous));
    };
    let last = move || open.count.get().saturating_sub(1);
    view! {
        <div class="design-actions">
            {(design > 0)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="secondary"
                            title="Make this design the one every other design is compared with"
                            on:click=move |_| move_design(state, open, design, 0)
                        >
                            "Make baseline"
                        </button>
                    }
                })}
            <button type="button" class="secondary" aria-label="Move design left" title="Move this design one place left"
                on:click=move |_| move_design(state, open, design, design.saturating_sub(1)) disabled={design == 0}>
                "\u{2190} Move"
            </button>
            <button type="button" class="secondary" aria-label="Move design right" title="Move this design one place right"
                on:click=move |_| move_design(state, open, design, design + 1) disabled={move || design >= last()}>
                "Move \u{2192}"
            </button>
            <button type="button" class="secondary" on:click=duplicate disabled=move || { open.count.get() >= MAX_DESIGNS }>
                "Duplicate design"
            </button>
            <button type="button" class="secondary danger" on:click=delete disabled=move || { open.count.get() <= 1 }>
                "Delete design"
            </button>
        </div>
    }
}
