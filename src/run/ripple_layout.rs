//! Laying out the workshop's day in the centre off the page's thread: one
//! Web Worker per design runs the engine's `ripple::Ripple::of` (a
//! replication traced over the busiest hours) and answers with it, so the
//! page's own bundle carries no simulation.

use std::cell::RefCell;
use std::rc::Rc;

use journey_engine::Study;
use journey_engine::ripple::Ripple;
use journey_worker::{Request, Response};
use leptos::prelude::*;

use super::worker::{SimulationWorker, WorkerEvent};

/// What the layout has so far: a slot per design asked for, filled as its
/// worker answers, or the reason it failed.
pub type Layout = Result<Vec<Option<Ripple>>, String>;

/// The workers of the current layout; dropping it ends them.
#[derive(Default)]
pub struct RippleLayout {
    /// Held so the workers live until they answer or the layout goes.
    _workers: Vec<Rc<RefCell<Option<SimulationWorker>>>>,
}

impl RippleLayout {
    /// Lays out `designs` (indices into the study's designs) of `study`
    /// into `layout`, in their order.
    pub fn start(study: &Study, designs: &[usize], layout: RwSignal<Layout>) -> Self {
        let study_json = study.to_json();
        layout.set(Ok(vec![None; designs.len()]));
        let fail = move |message: String| layout.set(Err(message));
        let mut workers = Vec::new();
        for (slot, &design) in designs.iter().enumerate() {
            let cell: Rc<RefCell<Option<SimulationWorker>>> = Rc::new(RefCell::new(None));
            let me = Rc::downgrade(&cell);
            let request = Request::Ripple { run_id: slot as u64, study_json: study_json.clone(), design };
            let spawned = SimulationWorker::spawn(move |event| match event {
                WorkerEvent::Response(Response::Ready { .. }, _) => {
                    if let Some(cell) = me.upgrade()
                        && let Some(worker) = cell.borrow().as_ref()
                        && worker.send(&request).is_err()
                    {
                        fail("the day could not be laid out".to_owned());
                    }
                }
                WorkerEvent::Response(Response::Ripple { run_id, ripple, .. }, _) => {
                    layout.update(|l| {
                        if let Ok(slots) = l
                            && let Some(place) = slots.get_mut(run_id as usize)
                        {
                            *place = Some(ripple);
                        }
                    });
                    // Done: the worker ends (its handlers are freed later).
                    if let Some(cell) = me.upgrade() {
                        cell.borrow_mut().take();
                    }
                }
                WorkerEvent::Response(Response::Error { message, .. }, _) | WorkerEvent::Unreadable(message) | WorkerEvent::Crashed(message) => {
                    fail(format!("the day could not be laid out: {message}"));
                }
                WorkerEvent::Response(Response::Tally { .. } | Response::Staffed { .. } | Response::Sensitivity { .. } | Response::BreakEven { .. }, _) => {}
            });
            match spawned {
                Ok(worker) => {
                    *cell.borrow_mut() = Some(worker);
                    workers.push(cell);
                }
                Err(_) => fail("a worker to lay out the day could not be started".to_owned()),
            }
        }
        Self { _workers: workers }
    }
}
