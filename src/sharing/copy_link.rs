//! "Copy link": the study's URL onto the clipboard, or into a selected
//! text field when the browser refuses the clipboard.

use journey_engine::Study;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::browser;
use super::share_url::current_link;
use crate::state::StudyState;

/// What the last press of the button did.
#[derive(Clone, Debug, PartialEq)]
enum Copied {
    Nothing,
    /// The link to this study is on the clipboard.
    OnClipboard(Study),
    /// The clipboard said no: the link is shown for copying by hand.
    ByHand(Study, String),
}

#[component]
pub fn CopyLink() -> impl IntoView {
    let state = StudyState::get();
    let copied = RwSignal::new(Copied::Nothing);
    let manual: NodeRef<html::Input> = NodeRef::new();

    let copy = move |_| {
        let href = current_link(state);
        let study = state.valid().get_untracked();
        spawn_local(async move {
            match browser::copy_text(&href).await {
                Ok(()) => copied.set(Copied::OnClipboard(study)),
                Err(()) => {
                    copied.set(Copied::ByHand(study, href));
                    // Select the link once the field is on the page.
                    request_animation_frame(move || {
                        if let Some(input) = manual.get_untracked() {
                            let _ = input.focus();
                            input.select();
                        }
                    });
                }
            }
        });
    };

    // A later edit makes a copied link stale, so the note shows only while
    // the study is still the one that was copied.
    let current = move |study: &Study| state.valid().with(|v| v == study);

    view! {
        <div class="copy-link">
            <button type="button" on:click=copy aria-describedby="copy-link-status">
                "Copy link"
            </button>
            <p id="copy-link-status" class="copy-link-status" role="status">
                {move || match copied.get() {
                    Copied::OnClipboard(study) if current(&study) => {
                        "Link copied. Anyone who opens it sees this study.".into_any()
                    }
                    Copied::ByHand(study, href) if current(&study) => {
                        view! {
                            <label for="manual-link">
                                "The browser did not allow copying. Copy this link yourself (it is selected):"
                            </label>
                            <input
                                id="manual-link"
                                class="manual-link"
                                type="text"
                                readonly
                                prop:value=href
                                node_ref=manual
                            />
                        }
                            .into_any()
                    }
                    _ => ().into_any(),
                }}
            </p>
        </div>
    }
}
