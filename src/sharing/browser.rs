//! The few browser services sharing needs: the URL fragment, local
//! storage, the clipboard, downloads and reading a chosen file.
//!
//! Every function here fails softly (a private window without storage, a
//! refused clipboard) and reports it; nothing in this module panics on a
//! browser that says no.

use leptos::prelude::window;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Where the last study is kept in this browser.
pub const STORAGE_KEY: &str = "journey-simulator/study/v1";

/// The URL's fragment without its `#` (empty when there is none).
pub fn fragment() -> String {
    let hash = window().location().hash().unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_owned()
}

/// Replaces the fragment without adding a history entry or firing
/// `hashchange`.
pub fn replace_fragment(fragment: &str) {
    let _ = window().history().and_then(|h| h.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{fragment}"))));
}

/// The whole current URL.
pub fn href() -> String {
    window().location().href().unwrap_or_default()
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The study JSON kept in this browser, if any.
pub fn saved_study() -> Option<String> {
    storage()?.get_item(STORAGE_KEY).ok().flatten()
}

/// Keeps `json` as this browser's last study. Storage may be full or
/// switched off; the study then lives only in the URL.
pub fn save_study(json: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(STORAGE_KEY, json);
    }
}

/// Where a study the app could not open is kept aside, apart from the
/// last study (which the app goes on saving), until the person downloads
/// or discards it.
pub const KEPT_KEY: &str = "journey-simulator/kept-study/v1";

/// The study kept aside, if any.
pub fn kept_study() -> Option<String> {
    storage()?.get_item(KEPT_KEY).ok().flatten()
}

/// Keeps `json` aside (see [`KEPT_KEY`]).
pub fn keep_study(json: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(KEPT_KEY, json);
    }
}

/// Forgets the study kept aside.
pub fn discard_kept_study() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(KEPT_KEY);
    }
}

/// The boot guard's mark: which study the app is starting with, set
/// before it opens one and cleared once its first results are on screen.
/// Found at the next start, it means the app stopped while starting.
const BOOT_KEY: &str = "journey-simulator/starting/v1";

/// What the mark says: "link" or "saved", if set.
pub fn boot_mark() -> Option<String> {
    storage()?.get_item(BOOT_KEY).ok().flatten()
}

/// Sets the mark, or clears it with `None`.
pub fn set_boot_mark(starting: Option<&str>) {
    if let Some(storage) = storage() {
        let _ = match starting {
            Some(what) => storage.set_item(BOOT_KEY, what),
            None => storage.remove_item(BOOT_KEY),
        };
    }
}

/// Puts `text` on the clipboard. Fails where the browser has no clipboard
/// API (an insecure page) or refuses it (no permission, no focus).
pub async fn copy_text(text: &str) -> Result<(), ()> {
    let navigator = window().navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !has_clipboard {
        return Err(());
    }
    JsFuture::from(navigator.clipboard().write_text(text)).await.map(|_| ()).map_err(|_| ())
}

/// Offers `text` as a file download named `file_name` (JSON).
pub fn download(file_name: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = window().document().ok_or_else(|| JsValue::from_str("no document"))?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Give the browser a moment to start the download before the data goes.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

/// The text of a file the person chose.
pub async fn read_text(file: web_sys::File) -> Result<String, String> {
    let text = JsFuture::from(file.text()).await.map_err(|_| "the file could not be read".to_owned())?;
    text.as_string().ok_or_else(|| "the file is not text".to_owned())
}
