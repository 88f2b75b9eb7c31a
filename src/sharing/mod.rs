//! Sharing and keeping work: the study in the URL fragment, the last study
//! in this browser's storage, study files in and out.
//!
//! - `opening.rs`: which study opens (link, saved, first preset); plain
//!   Rust, tested natively.
//! - `share_url.rs`: provides the study context at start-up and keeps the
//!   URL and storage in step with the valid study; opens pasted links.
//! - `copy_link.rs`, `import_export.rs`: the buttons.
//! - `notice.rs`: the banner for refused links and files, with Undo.
//! - `browser.rs`: the browser services all of this uses.
//!
//! No network requests: everything stays in the page, the URL and the
//! browser's storage.

mod browser;
mod copy_link;
mod import_export;
mod notice;
mod opening;
mod share_url;

pub use copy_link::CopyLink;
pub use import_export::{ExportStudy, ImportStudy};
pub use notice::{Notice, NoticeBanner, Notices};
pub use opening::Source;
pub use browser::copy_text;
pub use share_url::{OpenedFrom, app_stopped, current_link, provide_study, start_succeeded};

use leptos::prelude::*;

use crate::state::StudyState;

/// The study's share and file actions, side by side.
#[component]
pub fn SharingBar() -> impl IntoView {
    let state = StudyState::get();
    view! {
        <section class="sharing-bar" aria-label="Share and keep this study">
            <CopyLink />
            <div class="file-actions">
                <ImportStudy />
                <ExportStudy />
            </div>
            {move || {
                (!state.draft_is_valid())
                    .then(|| {
                        view! {
                            <p class="sharing-note">
                                "The link, the saved copy and exports hold the last valid version of the study. Fix the problems below to include your latest changes."
                            </p>
                        }
                    })
            }}
        </section>
    }
}
