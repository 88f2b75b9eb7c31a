//! Finding the agents a simulated centre needs, off the page's thread: one
//! Web Worker per design runs the engine's search
//! (`journey_engine::agents_needed`) and answers with its rosters.
//!
//! The search is tens of full runs of a design, so it has workers of its
//! own, started on demand and ended when they answer (or when a new search
//! or the page replaces them); the run's pool keeps refining meanwhile.

use journey_engine::Study;
use journey_engine::agents_needed::{DesignNeed, Target};
use journey_worker::{Request, Response};
use leptos::prelude::*;

use super::worker::{Heard, OneRequest};

/// What a search has found so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchState {
    /// One entry per design: `None` while searching, then its answer
    /// (`Some(None)`: the design has no live staffed pool).
    pub needs: Vec<Option<Option<DesignNeed>>>,
    /// The study searched (to tell whether the study changed since).
    pub study: Option<std::sync::Arc<Study>>,
    pub target: Option<Target>,
    pub error: Option<String>,
}

impl SearchState {
    pub fn searching(&self) -> bool {
        self.error.is_none() && self.needs.iter().any(Option::is_none)
    }
}

/// The workers of the current search; dropping it ends them.
#[derive(Default)]
pub struct StaffingSearch {
    workers: Vec<OneRequest>,
}

impl StaffingSearch {
    /// Starts a search of every design of `study` for `target`, whose
    /// progress and answers go to `state`. Ends any search before it.
    pub fn start(&mut self, study: std::sync::Arc<Study>, target: Target, state: RwSignal<SearchState>) {
        self.workers.clear();
        let study_json = study.to_json();
        let designs = study.designs.len();
        state.set(SearchState { needs: vec![None; designs], study: Some(study), target: Some(target), error: None });
        for design in 0..designs {
            let request = Request::Staff { run_id: design as u64, study_json: study_json.clone(), design, share: target.share, seconds: target.seconds };
            let started = OneRequest::start(request, move |heard| match heard {
                Heard::Answer(Response::Staffed { design, need, .. }) => state.update(|s| {
                    if let Some(slot) = s.needs.get_mut(design) {
                        *slot = Some(need);
                    }
                }),
                Heard::Answer(_) => {}
                Heard::NotSent => state.update(|s| s.error = Some("a staffing search could not be started".to_owned())),
                Heard::Failed(message) => state.update(|s| s.error = Some(format!("the staffing search failed: {message}"))),
            });
            match started {
                Ok(worker) => self.workers.push(worker),
                Err(_) => state.update(|s| s.error = Some("a worker for the staffing search could not be started".to_owned())),
            }
        }
    }
}
