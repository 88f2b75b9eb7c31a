//! The editing bar, fixed to the top of the study pane: which design is
//! being edited (its colour, its name, how many changes it makes), the
//! same field in another design one click away, and Undo / Redo (also
//! Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y anywhere on the page).

use leptos::prelude::*;

use super::design_tabs::tab_name;
use super::focus::OpenDesign;
use crate::results::charts::palette::design_color;
use crate::state::StudyState;

/// What the open design is, in words: `3 changes from Current`, given
/// the baseline's name and how many changes the open design makes.
fn changes_words(open: usize, baseline: &str, changes: usize) -> String {
    match (open, changes) {
        (0, _) => "the baseline: the other designs follow it".to_owned(),
        (_, 0) => format!("no changes from {baseline} yet"),
        (_, 1) => format!("1 change from {baseline}"),
        (_, n) => format!("{n} changes from {baseline}"),
    }
}

/// Whether the fields' help texts show under them (the editing bar's
/// "Show help"); the editor's root takes it as a class.
#[derive(Clone, Copy)]
pub struct ShowHelp(pub RwSignal<bool>);

#[component]
pub fn EditingBar() -> impl IntoView {
    let state = StudyState::get();
    let ShowHelp(show_help) = expect_context::<ShowHelp>();
    let open = OpenDesign::get();

    // Undo and Redo from the keyboard, wherever focus is: the browser's
    // own undo in a text box would undo that box only, not the edit.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        let key = ev.key().to_lowercase();
        let redo = key == "y" || (key == "z" && ev.shift_key());
        if redo {
            ev.prevent_default();
            state.redo();
        } else if key == "z" {
            ev.prevent_default();
            state.undo();
        }
    });
    on_cleanup(move || keys.remove());

    let name = move || state.draft().with(|d| tab_name(d, open.index.get()));
    let changes = move || {
        let baseline = state.draft().with(|d| tab_name(d, 0));
        changes_words(open.index.get(), &baseline, open.changes.with(Vec::len))
    };
    let others = move || (0..open.count.get()).filter(|i| *i != open.index.get()).collect::<Vec<_>>();
    view! {
        <div class="editing-bar">
            <p class="editing-what">
                <span class="design-swatch" aria-hidden="true" style:background=move || design_color(open.index.get()).css()></span>
                "Editing "
                <strong>{name}</strong>
                <span class="editing-changes">{move || format!(" \u{2014} {}", changes())}</span>
            </p>
            {move || {
                let others = others();
                (!others.is_empty())
                    .then(|| {
                        view! {
                            <div class="editing-jump" role="group" aria-label="The same field in another design">
                                <span class="editing-jump-label" aria-hidden="true">"Same field in:"</span>
                                {others
                                    .into_iter()
                                    .map(|i| {
                                        let label = move || state.draft().with(|d| tab_name(d, i));
                                        view! {
                                            <button
                                                type="button"
                                                class="link-button design-jump"
                                                aria-label=move || format!("Same field in {}", label())
                                                on:click=move |_| open.open_same_field(i)
                                            >
                                                <span class="design-swatch" aria-hidden="true" style:background=design_color(i).css()></span>
                                                {label}
                                            </button>
                                        }
                                    })
                                    .collect_view()}
                            </div>
                        }
                    })
            }}
            <div class="editing-undo">
                <button
                    type="button"
                    class="secondary"
                    aria-pressed=move || show_help.get().to_string()
                    title="Under every field: what it means, its unit and a typical range"
                    on:click=move |_| show_help.update(|s| *s = !*s)
                >
                    "Show help"
                </button>
                <button type="button" class="secondary" on:click=move |_| state.undo() disabled=move || !state.can_undo()
                    aria-label="Undo the last edit" aria-keyshortcuts="Control+Z" title="Undo the last edit, in every design it reached (Ctrl+Z)">
                    "Undo"
                </button>
                <button type="button" class="secondary" on:click=move |_| state.redo() disabled=move || !state.can_redo()
                    aria-label="Redo the edit undone" aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)">
                    "Redo"
                </button>
            </div>
        </div>
    }
}
