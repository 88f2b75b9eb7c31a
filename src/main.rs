//! Browser entry point: mounts the app and does nothing else.

mod app;
mod editor;
mod results;
mod run;
mod sharing;
mod state;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
