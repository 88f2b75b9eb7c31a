//! The application shell: page header and main area.
//!
//! The study editor and the results will live in the main area; for now it
//! holds a placeholder and the simulation worker's status.

use leptos::prelude::*;

use crate::worker_status::WorkerStatus;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="app-header">
            <h1>"Journey Simulator"</h1>
            <p class="tagline">"Monte Carlo simulation of contact-centre customer journeys"</p>
        </header>
        <main id="main" class="app-main">
            <section class="panel" aria-labelledby="study-heading">
                <h2 id="study-heading">"Study"</h2>
                <p>"The study editor and the simulation results will appear here."</p>
            </section>
            <WorkerStatus />
        </main>
    }
}
