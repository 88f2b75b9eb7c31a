//! Browser entry point: mounts the app and does nothing else.

mod app;
mod editor;
mod present;
mod results;
mod run;
mod sharing;
mod state;

fn main() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        sharing::app_stopped();
        show_stopped_banner();
    }));
    leptos::mount::mount_to_body(app::App);
}

/// A bug stopped the app (the release build aborts on a panic): say so on
/// the page instead of leaving it blank or frozen. Plain DOM calls, since
/// nothing of the app can run any more. The boot guard keeps the study.
fn show_stopped_banner() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let (Ok(banner), Some(body)) = (document.create_element("div"), document.body()) else { return };
    banner.set_class_name("stopped-banner");
    let _ = banner.set_attribute("role", "alert");
    banner.set_text_content(Some(
        "Journey Simulator has stopped because of a bug. Reload the page to go on: your study is kept in this browser \
         (if it was the cause, it is offered for download instead of being opened again).",
    ));
    let _ = body.prepend_with_node_1(&banner);
}
