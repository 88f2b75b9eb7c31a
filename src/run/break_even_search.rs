//! A break-even search off the page's thread: one Web Worker runs the
//! engine's `break_even` (a sequence of runs, each narrowing the last) and
//! answers with the value found.

use std::cell::RefCell;
use std::rc::Rc;

use journey_engine::Study;
use journey_engine::break_even::BreakEven;
use journey_worker::{Request, Response};
use leptos::prelude::*;

use super::worker::{SimulationWorker, WorkerEvent};

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
    _worker: Option<Rc<RefCell<Option<SimulationWorker>>>>,
}

impl BreakEvenSearch {
    /// Starts the search for the value of `input` of design `design` at
    /// which `kpi` reaches `target`, its answer into `state`.
    pub fn start(study: &Study, design: usize, input: &str, kpi: &str, target: f64, state: RwSignal<BreakEvenState>) -> Self {
        state.set(BreakEvenState::Running);
        let request = Request::BreakEven { run_id: 0, study_json: study.to_json(), design, input: input.to_owned(), kpi: kpi.to_owned(), target };
        let cell: Rc<RefCell<Option<SimulationWorker>>> = Rc::new(RefCell::new(None));
        let me = Rc::downgrade(&cell);
        let fail = move |message: String| state.set(BreakEvenState::Failed(message));
        let spawned = SimulationWorker::spawn(move |event| match event {
            WorkerEvent::Response(Response::Ready { .. }, _) => {
                if let Some(cell) = me.upgrade()
                    && let Some(worker) = cell.borrow().as_ref()
                    && worker.send(&request).is_err()
                {
                    fail("the search could not be started".to_owned());
                }
            }
            WorkerEvent::Response(Response::BreakEven { found, .. }, _) => {
                state.set(match found {
                    Ok(found) => BreakEvenState::Done(found),
                    Err(message) => BreakEvenState::Failed(message),
                });
                if let Some(cell) = me.upgrade() {
                    cell.borrow_mut().take();
                }
            }
            WorkerEvent::Response(Response::Error { message, .. }, _) | WorkerEvent::Unreadable(message) | WorkerEvent::Crashed(message) => {
                fail(format!("the search failed: {message}"));
            }
            WorkerEvent::Response(Response::Tally { .. } | Response::Staffed { .. } | Response::Ripple { .. } | Response::Sensitivity { .. }, _) => {}
        });
        match spawned {
            Ok(worker) => {
                *cell.borrow_mut() = Some(worker);
                Self { _worker: Some(cell) }
            }
            Err(_) => {
                state.set(BreakEvenState::Failed("a worker for the search could not be started".to_owned()));
                Self::default()
            }
        }
    }
}
