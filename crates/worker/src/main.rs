//! The simulation Web Worker.
//!
//! Trunk builds this binary (`data-type="worker"`, wasm-bindgen target
//! `no-modules`) and writes a loader shim, `journey-worker_loader.js`, that
//! `importScripts` the bindings and instantiates the wasm. wasm-bindgen runs
//! `main` once the module is instantiated: it installs the message handler
//! and tells the page it is ready. The protocol itself is in `lib.rs`.
//!
//! Requests arrive as JSON text; responses leave as CBOR bytes in an
//! `ArrayBuffer` that is transferred to the page (not copied).

#[cfg(target_arch = "wasm32")]
fn main() {
    use std::cell::RefCell;

    use wasm_bindgen::{JsCast, closure::Closure};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    console_error_panic_hook::set_once();

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post = {
        let scope = scope.clone();
        move |bytes: Vec<u8>| {
            let array = js_sys::Uint8Array::from(bytes.as_slice());
            let buffer = array.buffer();
            let transfer = js_sys::Array::of1(&buffer);
            if let Err(err) = scope.post_message_with_transfer(&buffer, &transfer) {
                web_sys::console::error_2(&"journey-worker: postMessage failed".into(), &err);
            }
        }
    };

    // One worker state per worker: it remembers the last study it parsed.
    let worker = RefCell::new(journey_worker::Worker::new());
    let on_message = {
        let post = post.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let reply = match event.data().as_string() {
                Some(text) => worker.borrow_mut().handle_json(&text),
                None => journey_worker::encode_response(&journey_worker::Response::Error {
                    run_id: None,
                    message: "requests must be JSON text".to_owned(),
                }),
            };
            post(reply);
        })
    };
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker does.
    on_message.forget();

    post(journey_worker::encode_response(&journey_worker::ready()));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("journey-worker runs only inside a browser Web Worker; Trunk builds it.");
    std::process::exit(2);
}
