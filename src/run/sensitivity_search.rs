//! Which input matters most, off the page's thread: the engine's
//! sensitivity split into parts, one Web Worker each (as many as the
//! machine has cores, up to four), merged as they answer.

use std::cell::RefCell;
use std::rc::Rc;

use journey_engine::Study;
use journey_engine::sensitivity::Sensitivity;
use journey_worker::{Request, Response};
use leptos::prelude::*;

use super::worker::{Heard, OneRequest};

/// Where a search is.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum SensitivityState {
    #[default]
    Idle,
    /// `done` of `parts` parts have answered.
    Running { done: usize, parts: usize },
    Done(Sensitivity),
    Failed(String),
}

/// The workers of the current search; dropping it ends them.
#[derive(Default)]
pub struct SensitivitySearch {
    /// Held so the workers live until they answer or a new search comes.
    _workers: Vec<OneRequest>,
}

impl SensitivitySearch {
    /// Starts the sensitivity of `kpi` of design `design`, its progress
    /// and answer into `state`.
    pub fn start(study: &Study, design: usize, kpi: &str, state: RwSignal<SensitivityState>) -> Self {
        let parts = super::worker::cores_up_to(4, 2);
        let study_json = study.to_json();
        state.set(SensitivityState::Running { done: 0, parts });
        let answers: Rc<RefCell<Vec<Sensitivity>>> = Rc::new(RefCell::new(Vec::new()));
        let mut workers = Vec::new();
        for part in 0..parts {
            let request = Request::Sensitivity { run_id: part as u64, study_json: study_json.clone(), design, kpi: kpi.to_owned(), part, parts };
            let answers = answers.clone();
            let fail = move |message: String| state.set(SensitivityState::Failed(message));
            let started = OneRequest::start(request, move |heard| match heard {
                Heard::Answer(Response::Sensitivity { sensitivity, .. }) => {
                    let done = {
                        let mut all = answers.borrow_mut();
                        all.push(sensitivity);
                        all.len()
                    };
                    if done == parts {
                        match Sensitivity::merge(answers.take()) {
                            Some(whole) => state.set(SensitivityState::Done(whole)),
                            None => fail("no input could be tried".to_owned()),
                        }
                    } else {
                        state.set(SensitivityState::Running { done, parts });
                    }
                }
                Heard::Answer(_) => {}
                Heard::NotSent => fail("the inputs could not be tried".to_owned()),
                Heard::Failed(message) => fail(format!("the inputs could not be tried: {message}")),
            });
            match started {
                Ok(worker) => workers.push(worker),
                Err(_) => state.set(SensitivityState::Failed("a worker to try the inputs could not be started".to_owned())),
            }
        }
        Self { _workers: workers }
    }
}
