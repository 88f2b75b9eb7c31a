//! `use_worker`: starts the simulation Web Worker and exposes its state.
//!
//! Trunk builds `crates/worker` with `data-type="worker"` and
//! `data-loader-shim`, which writes `journey-worker_loader.js` (worker
//! outputs are never file-hashed, so the name is known here). The shim is a
//! classic script (`importScripts` of wasm-bindgen's `no-modules` output), so
//! the worker is started as a classic worker. Messages are JSON text shaped
//! by `journey_worker::{Request, Response}`.

use journey_worker::{Request, Response};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

/// Where Trunk's loader shim for the worker lands, relative to the page.
const WORKER_LOADER: &str = "./journey-worker_loader.js";

/// What the page knows about its worker.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkerState {
    /// Spawned; its wasm is still loading.
    Starting,
    /// Loaded and accepting requests; no answer received yet.
    Ready { version: String },
    /// Answered `Ping { n }`.
    Answered { version: String, n: u32 },
    /// The worker could not be started, crashed, or reported an error.
    Failed { reason: String },
}

impl WorkerState {
    /// The state after the worker sent `response`.
    fn after(&self, response: Response) -> WorkerState {
        let version = match self {
            WorkerState::Ready { version } | WorkerState::Answered { version, .. } => {
                version.clone()
            }
            WorkerState::Starting | WorkerState::Failed { .. } => String::new(),
        };
        match response {
            Response::Ready { version } => WorkerState::Ready { version },
            Response::Pong { n } => WorkerState::Answered { version, n },
            Response::Error { message } => WorkerState::Failed { reason: message },
        }
    }
}

/// Handle returned by [`use_worker`].
#[derive(Clone, Copy)]
pub struct UseWorker {
    /// Current state, updated as messages arrive.
    pub state: ReadSignal<WorkerState>,
    /// Sends `Ping { n }`; the answer shows up in `state`.
    pub ping: Callback<u32>,
}

/// Spawns the worker for the lifetime of the calling component.
pub fn use_worker() -> UseWorker {
    let (state, set_state) = signal(WorkerState::Starting);

    // web_sys::Worker is not Send; the app is single-threaded, and
    // SendWrapper checks that at run time.
    let worker = match spawn(set_state) {
        Ok(worker) => Some(SendWrapper::new(worker)),
        Err(err) => {
            set_state.set(WorkerState::Failed {
                reason: format!("could not start the worker: {err:?}"),
            });
            None
        }
    };

    let ping = {
        let worker = worker.clone();
        Callback::new(move |n: u32| {
            let Some(worker) = worker.as_ref() else {
                return;
            };
            let message = JsValue::from_str(&journey_worker::encode(&Request::Ping { n }));
            if let Err(err) = worker.post_message(&message) {
                set_state.set(WorkerState::Failed {
                    reason: format!("could not message the worker: {err:?}"),
                });
            }
        })
    };

    on_cleanup(move || {
        if let Some(worker) = worker {
            worker.terminate();
        }
    });

    UseWorker { state, ping }
}

/// Starts the worker and routes its messages into `set_state`.
fn spawn(set_state: WriteSignal<WorkerState>) -> Result<Worker, JsValue> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Classic);
    let worker = Worker::new_with_options(WORKER_LOADER, &options)?;

    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let decoded = event
            .data()
            .as_string()
            .ok_or_else(|| "the worker sent something other than text".to_owned())
            .and_then(|text| {
                journey_worker::decode::<Response>(&text)
                    .map_err(|err| format!("unreadable message from the worker: {err}"))
            });
        set_state.update(|state| {
            *state = match decoded {
                Ok(response) => state.after(response),
                Err(reason) => WorkerState::Failed { reason },
            }
        });
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // Handlers live as long as the worker; it is terminated on cleanup and
    // calls neither again.
    on_message.forget();

    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
        set_state.set(WorkerState::Failed {
            reason: "the worker failed to load or crashed".to_owned(),
        });
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();

    Ok(worker)
}
