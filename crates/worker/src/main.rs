//! The simulation Web Worker.
//!
//! Trunk builds this binary (`data-type="worker"`, wasm-bindgen target
//! `no-modules`) and writes a loader shim, `journey-worker_loader.js`, that
//! `importScripts` the bindings and instantiates the wasm. wasm-bindgen runs
//! `main` once the module is instantiated: it installs the message handler
//! and tells the page it is ready. The protocol itself is in `lib.rs`.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::{JsCast, JsValue, closure::Closure};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    console_error_panic_hook::set_once();

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post = {
        let scope = scope.clone();
        move |text: String| {
            if let Err(err) = scope.post_message(&JsValue::from_str(&text)) {
                web_sys::console::error_2(&"journey-worker: postMessage failed".into(), &err);
            }
        }
    };

    let on_message = {
        let post = post.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let reply = match event.data().as_string() {
                Some(text) => journey_worker::handle_json(&text),
                None => journey_worker::encode(&journey_worker::Response::Error {
                    message: "requests must be JSON text".to_owned(),
                }),
            };
            post(reply);
        })
    };
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker does.
    on_message.forget();

    post(journey_worker::encode(&journey_worker::ready()));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("journey-worker runs only inside a browser Web Worker; Trunk builds it.");
    std::process::exit(2);
}
