//! The study run again with another design as the reference, so that the
//! comparison can show every design against it (two variants compared
//! directly, with paired intervals): the engine's `Study::against`, its
//! chunks split over a few Web Workers of their own, merged exactly and
//! reported on the page.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use journey_engine::{Report, Study, Tally, chunk_count, report};
use journey_worker::{Request, Response};
use leptos::prelude::*;

use super::worker::{Heard, OneRequest};

/// Where a run against a reference is.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum ReferenceState {
    #[default]
    Idle,
    Running,
    /// The report of the reordered study: its first design is the
    /// reference.
    Done(Arc<Report>),
    Failed(String),
}

/// The workers of the current run; dropping it ends them.
#[derive(Default)]
pub struct ReferenceRun {
    _workers: Vec<OneRequest>,
}

impl ReferenceRun {
    /// Runs `study` with design `reference` first, its report into `state`.
    pub fn start(study: &Study, reference: usize, state: RwSignal<ReferenceState>) -> Self {
        let Some(study) = study.against(reference) else {
            state.set(ReferenceState::Failed("there is no such design".to_owned()));
            return Self::default();
        };
        let chunks = chunk_count(&study);
        let parts = (super::worker::cores_up_to(4, 2) as u64).min(chunks.max(1));
        state.set(ReferenceState::Running);
        let study = Rc::new(study);
        let study_json = study.to_json();
        let merged: Rc<RefCell<(Option<Tally>, u64)>> = Rc::new(RefCell::new((None, 0)));
        let mut workers = Vec::new();
        for part in 0..parts {
            let range = chunks * part / parts..chunks * (part + 1) / parts;
            let request = Request::Run { run_id: part, study_json: study_json.clone(), chunks: range };
            let (merged, study) = (merged.clone(), study.clone());
            let fail = move |message: String| state.set(ReferenceState::Failed(message));
            let started = OneRequest::start(request, move |heard| match heard {
                Heard::Answer(Response::Tally { tally, .. }) => {
                    let mut merged = merged.borrow_mut();
                    match merged.0.as_mut() {
                        Some(whole) => whole.merge(&tally),
                        None => merged.0 = Some(tally),
                    }
                    merged.1 += 1;
                    if merged.1 == parts
                        && let Some(whole) = merged.0.as_ref()
                    {
                        state.set(ReferenceState::Done(Arc::new(report(&study, whole))));
                    }
                }
                Heard::Answer(_) => {}
                Heard::NotSent => fail("the comparison could not be started".to_owned()),
                Heard::Failed(message) => fail(format!("the comparison failed: {message}")),
            });
            match started {
                Ok(worker) => workers.push(worker),
                Err(_) => fail("a worker for the comparison could not be started".to_owned()),
            }
        }
        Self { _workers: workers }
    }
}
