//! Laying out the workshop's day in the centre off the page's thread: one
//! Web Worker per design runs the engine's `ripple::Ripple::of` (a
//! replication traced over the busiest hours) and answers with it, so the
//! page's own bundle carries no simulation.

use journey_engine::Study;
use journey_engine::ripple::Ripple;
use journey_worker::{Request, Response};
use leptos::prelude::*;

use super::worker::{Heard, OneRequest};

/// What the layout has so far: a slot per design asked for, filled as its
/// worker answers, or the reason it failed.
pub type Layout = Result<Vec<Option<Ripple>>, String>;

/// The workers of the current layout; dropping it ends them.
#[derive(Default)]
pub struct RippleLayout {
    /// Held so the workers live until they answer or the layout goes.
    _workers: Vec<OneRequest>,
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
            let request = Request::Ripple { run_id: slot as u64, study_json: study_json.clone(), design };
            let started = OneRequest::start(request, move |heard| match heard {
                Heard::Answer(Response::Ripple { run_id, ripple, .. }) => layout.update(|l| {
                    if let Ok(slots) = l
                        && let Some(place) = slots.get_mut(run_id as usize)
                    {
                        *place = Some(ripple);
                    }
                }),
                Heard::Answer(_) => {}
                Heard::NotSent => fail("the day could not be laid out".to_owned()),
                Heard::Failed(message) => fail(format!("the day could not be laid out: {message}")),
            });
            match started {
                Ok(worker) => workers.push(worker),
                Err(_) => fail("a worker to lay out the day could not be started".to_owned()),
            }
        }
        Self { _workers: workers }
    }
}
