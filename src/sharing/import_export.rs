//! Import a study file (checked by the engine's validator; nothing is
//! replaced when it has problems) and export the valid study as a file in
//! the command line's format.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::browser;
use super::notice::{Notice, Notices};
use super::opening::{Refusal, export_file_name, read_study};
use crate::state::StudyState;

/// A file input (styled as a button) that opens a study file.
#[component]
pub fn ImportStudy() -> impl IntoView {
    let state = StudyState::get();
    let notices = Notices::get();
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        let name = file.name();
        // Choosing the same file again must fire `change` again.
        input.set_value("");
        spawn_local(async move {
            let read = browser::read_text(file).await.map_err(|e| Refusal { message: format!("{name}: {e}."), problems: Vec::new() });
            let headline = format!("\u{201c}{name}\u{201d} is not a study this app can open. Your study is unchanged.");
            match read.and_then(|text| read_study(&text, "It has these problems:")) {
                Ok(study) => {
                    let previous = state.valid().get_untracked();
                    state.load(study);
                    notices.show(Notice::replaced(format!("Opened \u{201c}{name}\u{201d}."), previous));
                }
                Err(refusal) => notices.show(Notice::refused(headline, refusal)),
            }
        });
    };
    view! {
        <div class="import-study">
            <input
                type="file"
                id="import-study"
                class="visually-hidden"
                accept=".json,application/json"
                on:change=on_change
            />
            <label for="import-study" class="button-like">
                "Import study file"
            </label>
        </div>
    }
}

/// Downloads the valid study as `<title>.json`.
#[component]
pub fn ExportStudy() -> impl IntoView {
    let state = StudyState::get();
    let notices = Notices::get();
    let export = move |_| {
        let (name, json) = state.valid().with_untracked(|s| (export_file_name(&s.title), s.to_json_pretty()));
        if browser::download(&name, &json).is_err() {
            notices.show(Notice::refused(
                "The study file could not be downloaded.",
                Refusal { message: "The browser refused the download.".to_owned(), problems: Vec::new() },
            ));
        }
    };
    view! {
        <button type="button" class="secondary" on:click=export>
            "Export study file"
        </button>
    }
}
