//! Taking results away: the browser downloads that the CSV, the SVG and
//! the PNG exports go through.
//!
//! The CSV itself is the engine's (`journey_engine::csv`, one-table layout:
//! one header row, a row per design and KPI, the difference columns filled
//! on a variant's rows), so the app and the command line write numbers the
//! same way.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// A file name from a study title: "Password reset fix" → "password-reset-fix".
pub fn file_slug(title: &str) -> String {
    let slug: String = title
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() { "study".to_owned() } else { slug.chars().take(60).collect() }
}

/// Offers `text` as a download named `file_name`.
pub fn download_text(file_name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    download_url(file_name, &url);
    // Give the browser a moment to start the download before the data goes.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
}

/// Offers the resource at `url` (an object or data URL) as a download.
pub fn download_url(file_name: &str, url: &str) {
    let Some(document) = window().document() else { return };
    let Ok(anchor) = document.create_element("a") else { return };
    let anchor: web_sys::HtmlAnchorElement = anchor.unchecked_into();
    anchor.set_href(url);
    anchor.set_download(file_name);
    anchor.click();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(file_slug("Password reset fix"), "password-reset-fix");
        assert_eq!(file_slug("  Help centre — still calls!  "), "help-centre-still-calls");
        assert_eq!(file_slug("***"), "study");
    }
}
