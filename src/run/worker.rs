//! One simulation Web Worker, seen from the page.
//!
//! Trunk builds `crates/worker` with `data-type="worker"` and
//! `data-loader-shim`, which writes `journey-worker_loader.js` (worker
//! outputs are never file-hashed, so the name is known here). The shim is a
//! classic script (`importScripts` of wasm-bindgen's `no-modules` output),
//! so the worker is started as a classic worker. Requests go out as JSON
//! text, responses come back as CBOR bytes (see `journey_worker`).

use std::cell::RefCell;
use std::rc::Rc;

use journey_worker::{Request, Response};
use leptos::prelude::set_timeout;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

/// Where Trunk's loader shim for the worker lands, relative to the page.
const WORKER_LOADER: &str = "./journey-worker_loader.js";

/// What a worker told the page.
pub enum WorkerEvent {
    /// A response, decoded, with the main-thread time decoding took [ms].
    Response(Response, f64),
    /// The worker sent something that is not a response.
    Unreadable(String),
    /// The worker failed to load, or crashed (a panic in the engine).
    Crashed(String),
}

/// A running worker; dropping it terminates the worker.
pub struct SimulationWorker {
    worker: Worker,
    on_message: Option<Closure<dyn FnMut(MessageEvent)>>,
    on_error: Option<Closure<dyn FnMut(web_sys::ErrorEvent)>>,
}

impl SimulationWorker {
    /// Starts a worker whose events go to `on_event`.
    pub fn spawn(on_event: impl FnMut(WorkerEvent) + 'static) -> Result<Self, JsValue> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Classic);
        let worker = Worker::new_with_options(WORKER_LOADER, &options)?;

        let on_event = std::rc::Rc::new(std::cell::RefCell::new(on_event));
        let on_message = {
            let on_event = on_event.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let started = super::now_ms();
                let data = event.data();
                let decoded = match data.dyn_into::<js_sys::ArrayBuffer>() {
                    Ok(buffer) => {
                        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                        journey_worker::decode_response(&bytes)
                            .map_err(|err| format!("unreadable message from a worker: {err}"))
                    }
                    Err(_) => Err("a worker sent something other than bytes".to_owned()),
                };
                let event = match decoded {
                    Ok(response) => WorkerEvent::Response(response, super::now_ms() - started),
                    Err(reason) => WorkerEvent::Unreadable(reason),
                };
                (on_event.borrow_mut())(event);
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));

        let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
            // Keep the page's console clean of the worker's own report.
            event.prevent_default();
            let message = event.message();
            let reason = if message.is_empty() { "a simulation worker failed to load or crashed".to_owned() } else { message };
            (on_event.borrow_mut())(WorkerEvent::Crashed(reason));
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));

        Ok(Self { worker, on_message: Some(on_message), on_error: Some(on_error) })
    }

    /// Sends a request.
    pub fn send(&self, request: &Request) -> Result<(), JsValue> {
        self.worker.post_message(&JsValue::from_str(&journey_worker::encode_request(request)))
    }
}

impl Drop for SimulationWorker {
    fn drop(&mut self) {
        self.worker.terminate();
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        // A worker is often dropped from inside its own handler (a crash,
        // a cancel decided there); freeing a closure while it runs is an
        // error, so the handlers are freed on a later turn of the loop.
        let handlers = (self.on_message.take(), self.on_error.take());
        set_timeout(move || drop(handlers), std::time::Duration::ZERO);
    }
}

/// The machine's logical cores, 1 to `most`; `unknown` when the browser
/// does not say. How many workers a run or a search starts.
pub fn cores_up_to(most: usize, unknown: usize) -> usize {
    let cores = web_sys::window().map_or(f64::NAN, |w| w.navigator().hardware_concurrency());
    if cores.is_finite() { (cores as usize).clamp(1, most) } else { unknown }
}

/// What a worker started for one request heard.
pub enum Heard {
    /// Its answer (any response but `Ready` or `Error`); the worker ends.
    Answer(Response),
    /// The worker answered with an error, sent something unreadable, or
    /// failed (its message).
    Failed(String),
    /// The request could not be sent to the loaded worker.
    NotSent,
}

/// A worker of its own for one request (a staffing search, a ripple, a
/// sensitivity or break-even search): the request goes out once the
/// worker is ready, and its first answer ends it. Dropping this ends it
/// sooner.
pub struct OneRequest {
    _worker: Rc<RefCell<Option<SimulationWorker>>>,
}

impl OneRequest {
    /// Starts a worker for `request`; `on_heard` is told what it hears.
    pub fn start(request: Request, mut on_heard: impl FnMut(Heard) + 'static) -> Result<Self, JsValue> {
        let cell: Rc<RefCell<Option<SimulationWorker>>> = Rc::new(RefCell::new(None));
        let me = Rc::downgrade(&cell);
        let worker = SimulationWorker::spawn(move |event| match event {
            WorkerEvent::Response(Response::Ready { .. }, _) => {
                let refused = me.upgrade().is_some_and(|cell| cell.borrow().as_ref().is_some_and(|w| w.send(&request).is_err()));
                if refused {
                    on_heard(Heard::NotSent);
                }
            }
            WorkerEvent::Response(Response::Error { message, .. }, _) | WorkerEvent::Unreadable(message) | WorkerEvent::Crashed(message) => {
                on_heard(Heard::Failed(message));
            }
            WorkerEvent::Response(answer, _) => {
                on_heard(Heard::Answer(answer));
                // Done: the worker ends (its handlers are freed later).
                if let Some(cell) = me.upgrade() {
                    cell.borrow_mut().take();
                }
            }
        })?;
        *cell.borrow_mut() = Some(worker);
        Ok(Self { _worker: cell })
    }
}
