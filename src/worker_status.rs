//! Shows whether the simulation worker is up, and lets a person ping it.
//!
//! A de-risking aid for the worker pipeline: the page sends `Ping { n }`
//! once the worker says it is ready, and shows the answer.

use leptos::prelude::*;

use crate::use_worker::{WorkerState, use_worker};

#[component]
pub fn WorkerStatus() -> impl IntoView {
    let worker = use_worker();
    let (sent, set_sent) = signal(0u32);

    // Ping once as soon as the worker is ready: an effect, because it syncs
    // with the outside world (the worker), not with other signals.
    Effect::new(move |_| {
        if matches!(worker.state.get(), WorkerState::Ready { .. }) && sent.get_untracked() == 0 {
            set_sent.set(1);
            worker.ping.run(1);
        }
    });

    let ping_again = move |_| {
        let n = sent.get_untracked() + 1;
        set_sent.set(n);
        worker.ping.run(n);
    };

    let message = move || match worker.state.get() {
        WorkerState::Starting => "Starting the simulation worker…".to_owned(),
        WorkerState::Ready { version } => format!("Worker {version} ready."),
        WorkerState::Answered { version, n } => {
            format!("Worker {version} answered ping {n}.")
        }
        WorkerState::Failed { reason } => format!("Worker unavailable: {reason}"),
    };
    let failed = move || matches!(worker.state.get(), WorkerState::Failed { .. });
    let idle = move || !matches!(worker.state.get(), WorkerState::Answered { .. });

    view! {
        <section class="panel" aria-labelledby="worker-heading">
            <h2 id="worker-heading">"Simulation worker"</h2>
            <p id="worker-status" role="status" class:error=failed>
                {message}
            </p>
            <button type="button" id="worker-ping" on:click=ping_again disabled=idle>
                "Ping the worker"
            </button>
        </section>
    }
}
