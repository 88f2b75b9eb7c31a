//! A break-even search off the page's thread: one Web Worker runs the
//! engine's `break_even` (a sequence of runs, each narrowing the last) and
//! answers with the value found.

use journey_engine::Study;
use journey_engine::break_even::BreakEven;
use journey_worker::{Request, Response};
use leptos::prelude::*;

use super::worker::{Heard, OneRequest};

/// Where a search is.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum BreakEvenState {
    #[default]
    Idle,
    Running,
    Done(BreakEven),
    Failed(String),
}

/// The worker of the current search; dropping it ends it.
#[derive(Default)]
pub struct BreakEvenSearch {
    /// Held so the worker lives until it answers or a new search comes.
    _worker: Option<OneRequest>,
}

impl BreakEvenSearch {
    /// Starts the search for the value of `input` of design `design` at
    /// which `kpi` reaches `target`, its answer into `state`.
    pub fn start(study: &Study, design: usize, input: &str, kpi: &str, target: f64, state: RwSignal<BreakEvenState>) -> Self {
        state.set(BreakEvenState::Running);
        let request = Request::BreakEven { run_id: 0, study_json: study.to_json(), design, input: input.to_owned(), kpi: kpi.to_owned(), target };
        let fail = move |message: String| state.set(BreakEvenState::Failed(message));
        let started = OneRequest::start(request, move |heard| match heard {
            Heard::Answer(Response::BreakEven { found, .. }) => state.set(match found {
                Ok(found) => BreakEvenState::Done(found),
                Err(message) => BreakEvenState::Failed(message),
            }),
            Heard::Answer(_) => {}
            Heard::NotSent => fail("the search could not be started".to_owned()),
            Heard::Failed(message) => fail(format!("the search failed: {message}")),
        });
        if started.is_err() {
            fail("a worker for the search could not be started".to_owned());
        }
        Self { _worker: started.ok() }
    }
}
