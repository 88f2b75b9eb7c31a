//! The runner: a pool of simulation workers, the current run, and the
//! signals it publishes.
//!
//! ```text
//!            start(study) ─┐            ┌──────────── Tally { run_id, chunks } ─┐
//!                          ▼            │                                       │
//!   Plan::next_item ──▶ Run { run_id, study_json, chunks } ──▶ worker 1..N ─────┘
//!                                                                   │
//!   merged Tally ◀── merge (exact) ◀── run_id check ◀───────────────┘
//!        │
//!        └── report() (preview at once, then at most every REPORT_INTERVAL) ──▶ signals
//! ```
//!
//! - One work item per worker at a time; a worker that answers gets the
//!   next item at once, so faster workers do more and progress is smooth.
//! - Stopping a run (cancel, or a new study) terminates the busy workers
//!   and starts fresh ones in their place: the CPU is free at once, and no
//!   stale answer can arrive. Every answer is still checked against the
//!   current `run_id`, so results of an outdated study never show.
//! - Items lost to a cancel go back to the plan; `resume` carries on from
//!   the merged tally, so a resumed run ends with the figures of a plain
//!   full run.
//! - The main thread only decodes, merges and reports; reports are
//!   throttled to at most four a second, fewer when the page takes long to
//!   draw them (see `probe_render` and `docs/performance.md`).

use std::cell::RefCell;
use std::ops::Range;
use std::rc::{Rc, Weak};
use std::sync::Arc;
use std::time::Duration;

use journey_engine::{Report, Study, Tally, chunk_count};
use journey_worker::plan::{PREVIEW_CHUNKS, Plan, eta_seconds};
use journey_worker::{Request, Response};
use leptos::prelude::*;

use super::context::{ConvergencePoint, RunStatus, Unit};
use super::now_ms;
use super::worker::{SimulationWorker, WorkerEvent};

/// Shortest time between two reports of a refining run [ms].
const REPORT_INTERVAL_MS: f64 = 250.0;

/// Shortest time between two reports of a simulated centre's run [ms]. A
/// centre's whole run takes about a second, and every report drawn on the
/// page takes a core from the workers of a small machine: after the
/// preview, the figures wait for the end unless the run is long.
const CENTRE_REPORT_INTERVAL_MS: f64 = 1000.0;

/// Longest time between two reports of a refining run [ms].
const MAX_REPORT_INTERVAL_MS: f64 = 2000.0;

/// A report and the page's response to it (the results view redrawing)
/// may use at most 1 / RENDER_SHARE of the main thread while a run refines.
const RENDER_SHARE: f64 = 4.0;

/// Most workers, whatever the machine says.
const MAX_WORKERS: usize = 8;

/// Figures about the runner itself, for the run bar's data attributes and
/// the benchmarks in `e2e/bench.mjs` (see `docs/performance.md`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunDiagnostics {
    /// Id of the current (or last) run.
    pub run_id: u64,
    /// Workers in the pool, and how many have loaded.
    pub workers: usize,
    pub workers_ready: usize,
    /// Main-thread time to decode and merge the last answer, and the most
    /// any answer of this run took [ms].
    pub merge_ms: f64,
    pub max_merge_ms: f64,
    /// Main-thread time of the last report, and the most any took [ms].
    pub report_ms: f64,
    pub max_report_ms: f64,
    /// Main-thread time from publishing the last report until the page
    /// had drawn it (next animation frame, then a task) [ms], and the most.
    pub render_ms: f64,
    pub max_render_ms: f64,
    /// The least `report_interval_ms` can be for this run [ms]:
    /// REPORT_INTERVAL_MS, or CENTRE_REPORT_INTERVAL_MS for a centre.
    pub shortest_interval_ms: f64,
    /// Current shortest time between reports [ms]: REPORT_INTERVAL_MS, or
    /// more when the page takes long to draw a report.
    pub report_interval_ms: f64,
    /// From the start of the run to its first report (the preview) [ms].
    pub preview_ms: Option<f64>,
    /// Reports published in this run.
    pub reports: u32,
}

/// The signals the runner writes (read through `SimulationContext`).
#[derive(Clone, Copy)]
pub struct Outputs {
    pub report: WriteSignal<Option<Arc<Report>>>,
    pub study: WriteSignal<Option<Arc<Study>>>,
    pub status: WriteSignal<RunStatus>,
    pub convergence: WriteSignal<Vec<ConvergencePoint>>,
    pub diagnostics: WriteSignal<RunDiagnostics>,
}

/// Handle on the runner; clones share it.
#[derive(Clone)]
pub struct Runner(Rc<RefCell<Inner>>);

struct Inner {
    me: Weak<RefCell<Inner>>,
    out: Outputs,
    slots: Vec<Slot>,
    /// The latest valid study, run or about to be.
    study: Option<Arc<Study>>,
    run: Option<ActiveRun>,
    last_run_id: u64,
    /// Pending start of a debounced run.
    debounce: Option<TimeoutHandle>,
    /// Pending throttled report.
    report_timer: Option<TimeoutHandle>,
    diagnostics: RunDiagnostics,
}

struct Slot {
    worker: Option<SimulationWorker>,
    state: SlotState,
}

#[derive(Clone, Debug, PartialEq)]
enum SlotState {
    /// Spawned; its wasm is loading.
    Loading,
    Idle,
    Busy { run_id: u64, item: Range<u64>, sent_at: f64 },
    /// Could not be started, or failed to load.
    Dead,
}

struct ActiveRun {
    run_id: u64,
    study: Arc<Study>,
    study_json: String,
    plan: Plan,
    tally: Tally,
    /// When the run (or its resumption) started [ms], and the active time
    /// before that resumption [ms].
    started_at: f64,
    active_before: f64,
    /// Whether the run is stopped (cancelled, failed) rather than going.
    stopped: bool,
    /// Whether merged data has not been reported yet.
    unreported: bool,
    last_report_at: Option<f64>,
}

impl ActiveRun {
    fn complete(&self) -> bool {
        self.tally.chunks >= self.plan.total_chunks()
    }

    /// Work merged so far: journeys per design, or a centre's replications.
    fn work_done(&self) -> u64 {
        if self.study.is_centre() { self.tally.chunks } else { self.tally.journeys }
    }

    /// The run's whole work, in the same unit.
    fn work_total(&self) -> u64 {
        if self.study.is_centre() { self.plan.total_chunks() } else { self.study.journeys }
    }

    fn active_ms(&self, now: f64) -> f64 {
        self.active_before + if self.stopped { 0.0 } else { now - self.started_at }
    }
}

impl Runner {
    /// Starts the pool: one worker per logical core, 1 to [`MAX_WORKERS`].
    pub fn new(out: Outputs) -> Self {
        let workers = super::worker::cores_up_to(MAX_WORKERS, 1);
        let inner = Rc::new_cyclic(|me| {
            RefCell::new(Inner {
                me: me.clone(),
                out,
                slots: Vec::new(),
                study: None,
                run: None,
                last_run_id: 0,
                debounce: None,
                report_timer: None,
                diagnostics: RunDiagnostics { workers, ..Default::default() },
            })
        });
        {
            let mut this = inner.borrow_mut();
            for index in 0..workers {
                this.slots.push(Slot { worker: None, state: SlotState::Dead });
                this.respawn(index);
            }
            this.publish_diagnostics();
        }
        Self(inner)
    }

    /// Runs `study` now, dropping whatever ran before.
    pub fn start(&self, study: Study) {
        let mut this = self.0.borrow_mut();
        this.abandon(Arc::new(study));
        this.begin();
    }

    /// Runs `study` after `delay`, unless another study comes first; what
    /// ran before stops now and its results are cleared.
    pub fn start_after(&self, study: Study, delay: Duration) {
        let mut this = self.0.borrow_mut();
        this.abandon(Arc::new(study));
        let me = this.me.clone();
        this.debounce = set_timeout_with_handle(
            move || {
                if let Some(inner) = me.upgrade() {
                    let mut this = inner.borrow_mut();
                    this.debounce = None;
                    this.begin();
                }
            },
            delay,
        )
        .ok();
    }

    /// Stops the run now; the report keeps what was merged.
    pub fn cancel(&self) {
        self.0.borrow_mut().cancel();
    }

    /// Carries the current study's run on to its full journey count.
    pub fn resume(&self) {
        self.0.borrow_mut().resume();
    }
}

impl Inner {
    /// Replaces the worker in `index` by a fresh one.
    fn respawn(&mut self, index: usize) {
        let me = self.me.clone();
        let spawned = SimulationWorker::spawn(move |event| {
            if let Some(inner) = me.upgrade() {
                inner.borrow_mut().on_event(index, event);
            }
        });
        let slot = &mut self.slots[index];
        // Dropping the old worker terminates it.
        slot.worker = None;
        match spawned {
            Ok(worker) => {
                slot.worker = Some(worker);
                slot.state = SlotState::Loading;
            }
            Err(err) => {
                leptos::logging::error!("could not start a simulation worker: {err:?}");
                slot.state = SlotState::Dead;
            }
        }
    }

    /// Stops the current run and clears its results, for `study`.
    fn abandon(&mut self, study: Arc<Study>) {
        if let Some(handle) = self.debounce.take() {
            handle.clear();
        }
        self.stop_workers();
        self.clear_report_timer();
        self.run = None;
        self.out.report.set(None);
        self.out.study.set(None);
        self.out.convergence.set(Vec::new());
        self.out.status.set(RunStatus::Running {
            done: 0,
            total: if study.is_centre() { chunk_count(&study) } else { study.journeys },
            unit: Unit::of(&study),
            eta_seconds: None,
            preview: true,
        });
        self.study = Some(study);
    }

    /// Starts a run of the latest study from its first chunk.
    fn begin(&mut self) {
        let Some(study) = self.study.clone() else { return };
        self.last_run_id += 1;
        let workers = self.slots.len();
        let shortest_interval = if study.is_centre() { CENTRE_REPORT_INTERVAL_MS } else { REPORT_INTERVAL_MS };
        self.run = Some(ActiveRun {
            run_id: self.last_run_id,
            study_json: study.to_json(),
            plan: Plan::new(chunk_count(&study), PREVIEW_CHUNKS, workers),
            tally: Tally::new(&study),
            study,
            started_at: now_ms(),
            active_before: 0.0,
            stopped: false,
            unreported: false,
            last_report_at: None,
        });
        self.diagnostics = RunDiagnostics {
            run_id: self.last_run_id,
            workers,
            workers_ready: self.diagnostics.workers_ready,
            report_interval_ms: shortest_interval,
            shortest_interval_ms: shortest_interval,
            ..Default::default()
        };
        self.publish_diagnostics();
        if self.slots.iter().all(|s| s.state == SlotState::Dead) {
            self.fail("the simulation workers could not be started".to_owned());
            return;
        }
        self.dispatch();
    }

    fn cancel(&mut self) {
        if let Some(handle) = self.debounce.take() {
            // Cancelled before the run began: nothing was simulated.
            handle.clear();
            let unit = self.study.as_deref().map_or(Unit::Journeys, Unit::of);
            self.out.status.set(RunStatus::Cancelled { done: 0, unit, journeys: 0 });
            return;
        }
        let Some(run) = self.run.as_ref() else { return };
        if run.stopped || run.complete() {
            return;
        }
        self.stop_workers();
        self.clear_report_timer();
        let now = now_ms();
        let run = self.run.as_mut().expect("checked above");
        run.active_before = run.active_ms(now);
        run.stopped = true;
        if run.unreported {
            self.publish_report();
        }
        let (done, unit, journeys) =
            self.run.as_ref().map_or((0, Unit::Journeys, 0), |r| (r.work_done(), Unit::of(&r.study), r.tally.journeys));
        self.out.status.set(RunStatus::Cancelled { done, unit, journeys });
    }

    fn resume(&mut self) {
        match self.run.as_mut() {
            Some(run) if run.stopped && !run.complete() => {
                self.last_run_id += 1;
                run.run_id = self.last_run_id;
                run.stopped = false;
                run.started_at = now_ms();
                self.diagnostics.run_id = self.last_run_id;
                self.publish_diagnostics();
                self.publish_status();
                self.dispatch();
            }
            Some(_) => {}
            // Cancelled during the debounce: start afresh.
            None if self.debounce.is_none() => self.begin(),
            None => {}
        }
    }

    /// Terminates busy workers (their items go back to the plan) and
    /// starts fresh ones in their place.
    fn stop_workers(&mut self) {
        for index in 0..self.slots.len() {
            if let SlotState::Busy { run_id, item, .. } = self.slots[index].state.clone() {
                if let Some(run) = self.run.as_mut().filter(|r| r.run_id == run_id) {
                    run.plan.give_back(item);
                }
                self.respawn(index);
            }
        }
        self.count_ready();
    }

    /// Hands work items to idle workers while the plan has some.
    fn dispatch(&mut self) {
        let Some(run) = self.run.as_mut().filter(|r| !r.stopped) else { return };
        for slot in &mut self.slots {
            if slot.state != SlotState::Idle {
                continue;
            }
            let Some(item) = run.plan.next_item() else { break };
            let request = Request::Run { run_id: run.run_id, study_json: run.study_json.clone(), chunks: item.clone() };
            let sent = slot.worker.as_ref().map(|w| w.send(&request));
            match sent {
                Some(Ok(())) => slot.state = SlotState::Busy { run_id: run.run_id, item, sent_at: now_ms() },
                _ => {
                    run.plan.give_back(item);
                    slot.state = SlotState::Dead;
                }
            }
        }
    }

    fn on_event(&mut self, index: usize, event: WorkerEvent) {
        match event {
            WorkerEvent::Response(Response::Ready { .. }, _) => {
                self.slots[index].state = SlotState::Idle;
                self.count_ready();
                self.dispatch();
            }
            WorkerEvent::Response(Response::Tally { run_id, chunks, tally }, decode_ms) => {
                let sent_at = match &self.slots[index].state {
                    SlotState::Busy { sent_at, .. } => Some(*sent_at),
                    _ => None,
                };
                self.slots[index].state = SlotState::Idle;
                let current = self.run.as_ref().is_some_and(|r| r.run_id == run_id && !r.stopped);
                if current {
                    let started = now_ms();
                    let run = self.run.as_mut().expect("checked above");
                    if let Some(sent_at) = sent_at {
                        run.plan.record(chunks.end - chunks.start, (started - sent_at) / 1000.0);
                    }
                    run.tally.merge(&tally);
                    run.unreported = true;
                    let merge_ms = decode_ms + (now_ms() - started);
                    self.diagnostics.merge_ms = merge_ms;
                    self.diagnostics.max_merge_ms = self.diagnostics.max_merge_ms.max(merge_ms);
                }
                // Keep the workers busy first, then report.
                self.dispatch();
                if current {
                    self.after_merge();
                }
            }
            // The run's workers are never asked for staffing or ripples
            // (staffing_search.rs, ripple_layout.rs and sensitivity_search.rs have their own).
            WorkerEvent::Response(Response::Staffed { .. } | Response::Ripple { .. } | Response::Sensitivity { .. } | Response::BreakEven { .. }, _) => {
                self.slots[index].state = SlotState::Idle;
                self.dispatch();
            }
            WorkerEvent::Response(Response::Error { run_id, message }, _) => {
                self.slots[index].state = SlotState::Idle;
                let current = self.run.as_ref().is_some_and(|r| Some(r.run_id) == run_id && !r.stopped);
                if current || run_id.is_none() {
                    self.fail(message);
                } else {
                    self.dispatch();
                }
            }
            WorkerEvent::Unreadable(message) => {
                self.slots[index].state = SlotState::Idle;
                self.fail(message);
            }
            WorkerEvent::Crashed(message) => {
                let state = std::mem::replace(&mut self.slots[index].state, SlotState::Dead);
                // Terminated now; its handlers are freed on a later turn.
                self.slots[index].worker = None;
                self.count_ready();
                match state {
                    // A panic in the engine: it would happen again.
                    SlotState::Busy { run_id, .. } if self.run.as_ref().is_some_and(|r| r.run_id == run_id) => {
                        self.fail(format!("a simulation worker crashed: {message}"));
                    }
                    _ if self.slots.iter().all(|s| s.state == SlotState::Dead) => {
                        self.fail(format!("the simulation workers could not start: {message}"));
                    }
                    _ => {}
                }
            }
        }
    }

    /// Reports now or later, depending on what came in.
    fn after_merge(&mut self) {
        let Some(run) = self.run.as_ref() else { return };
        let now = now_ms();
        let preview_in = run.tally.chunks >= run.plan.preview_chunks();
        let due = match run.last_report_at {
            _ if run.complete() => true,
            None => preview_in,
            Some(at) => now - at >= self.diagnostics.report_interval_ms,
        };
        if due {
            self.publish_report();
        } else if let (Some(at), None) = (run.last_report_at, &self.report_timer) {
            let wait = (self.diagnostics.report_interval_ms - (now - at)).max(0.0);
            let me = self.me.clone();
            self.report_timer = set_timeout_with_handle(
                move || {
                    if let Some(inner) = me.upgrade() {
                        let mut this = inner.borrow_mut();
                        this.report_timer = None;
                        if this.run.as_ref().is_some_and(|r| r.unreported && !r.stopped) {
                            this.publish_report();
                        }
                    }
                },
                Duration::from_secs_f64(wait / 1000.0),
            )
            .ok();
        }
    }

    /// Reports the merged tally and publishes it with the run's status.
    fn publish_report(&mut self) {
        let Some(run) = self.run.as_mut() else { return };
        let started = now_ms();
        let report = Arc::new(journey_engine::report(&run.study, &run.tally));
        let finished = now_ms();
        run.unreported = false;
        let diagnostics = &mut self.diagnostics;
        diagnostics.report_ms = finished - started;
        diagnostics.max_report_ms = diagnostics.max_report_ms.max(diagnostics.report_ms);
        diagnostics.reports += 1;
        if diagnostics.preview_ms.is_none() {
            diagnostics.preview_ms = Some(finished - run.started_at + run.active_before);
        }
        let point = ConvergencePoint::of(&report);
        self.out.convergence.update(|points| points.push(point));
        if run.last_report_at.is_none() {
            self.out.study.set(Some(run.study.clone()));
        }
        self.out.report.set(Some(report));
        run.last_report_at = Some(finished);
        if run.complete() {
            self.clear_report_timer();
        } else {
            self.probe_render(finished);
        }
        self.publish_status();
        self.publish_diagnostics();
    }

    /// Measures how long the page takes to draw a report published at
    /// `published`, and spaces later reports so that drawing them takes at
    /// most 1 / RENDER_SHARE of the main thread. Leptos runs its effects
    /// as microtasks and canvas charts draw on the next animation frame, so
    /// a task queued from that frame runs once the report is on screen.
    fn probe_render(&self, published: f64) {
        let me = self.me.clone();
        let run_id = self.diagnostics.run_id;
        request_animation_frame(move || {
            set_timeout(
                move || {
                    let Some(inner) = me.upgrade() else { return };
                    let mut this = inner.borrow_mut();
                    if this.diagnostics.run_id != run_id {
                        return;
                    }
                    let render_ms = now_ms() - published;
                    let d = &mut this.diagnostics;
                    d.render_ms = render_ms;
                    d.max_render_ms = d.max_render_ms.max(render_ms);
                    d.report_interval_ms = (RENDER_SHARE * render_ms).clamp(d.shortest_interval_ms, MAX_REPORT_INTERVAL_MS);
                    this.publish_diagnostics();
                },
                Duration::ZERO,
            )
        });
    }

    fn publish_status(&mut self) {
        let Some(run) = self.run.as_ref() else { return };
        let now = now_ms();
        let unit = Unit::of(&run.study);
        let (done, total) = (run.work_done(), run.work_total());
        let status = if run.complete() {
            RunStatus::Done { seconds: run.active_ms(now) / 1000.0, done, unit, journeys: run.tally.journeys }
        } else {
            RunStatus::Running {
                done,
                total,
                unit,
                eta_seconds: eta_seconds(done, total, run.active_ms(now) / 1000.0),
                preview: run.tally.chunks <= run.plan.preview_chunks(),
            }
        };
        self.out.status.set(status);
    }

    fn fail(&mut self, message: String) {
        leptos::logging::error!("simulation failed: {message}");
        self.stop_workers();
        self.clear_report_timer();
        if let Some(run) = self.run.as_mut() {
            run.active_before = run.active_ms(now_ms());
            run.stopped = true;
        }
        self.out.status.set(RunStatus::Failed { message });
    }

    fn clear_report_timer(&mut self) {
        if let Some(handle) = self.report_timer.take() {
            handle.clear();
        }
    }

    fn count_ready(&mut self) {
        let ready = self.slots.iter().filter(|s| matches!(s.state, SlotState::Idle | SlotState::Busy { .. })).count();
        if ready != self.diagnostics.workers_ready {
            self.diagnostics.workers_ready = ready;
            self.publish_diagnostics();
        }
    }

    fn publish_diagnostics(&self) {
        self.out.diagnostics.set(self.diagnostics.clone());
    }
}
