//! Runs the Monte Carlo simulation of the current scenario without freezing
//! the page: on the Web Workers ([`super::workers`]) when they can start,
//! else on the page in time-boxed slices of the engine's
//! [`MonteCarlo::advance`] (about 12 ms each), yielding to the browser
//! between slices. Either way progress is reported, and the job stops as
//! soon as the scenario changes (the effect's teardown cancels it; the
//! reducer also ignores reports from an older scenario version).
//! Summarising the runs for display (percentiles) is sliced too, so the
//! finished result renders without a long task. [`McStatus`] and
//! [`McResult`] are what the state keeps of it.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use yew::platform::spawn_local;
use yew::platform::time::sleep;
use yew::prelude::*;

use super::browser::now_ms;
use super::outcomes::{Derived, McSteps};
use super::state::{Action, AppState};
use super::workers::{self, JobHandle, PoolEvent};
use funnel_engine::chunks::SampleRows;
use funnel_engine::plan::PlannedScenario;
use funnel_engine::{McOutcome, Mode, MonteCarlo};

/// Longest stretch of runs between two yields to the browser, in ms: well
/// under the 50 ms that counts as a long task, with room for the render and
/// the browser's ≥ 4 ms clamp on chained zero-delay timeouts.
const SLICE_MS: f64 = 12.0;

/// Shortest time between two progress reports, in ms.
const PROGRESS_MS: f64 = 100.0;

/// Where the runs of a result were computed, for the status line.
#[derive(Clone, Debug, PartialEq)]
pub enum Runner {
    /// On this many Web Workers.
    Workers(usize),
    /// On the page, in slices; with the reason when workers were wanted but
    /// could not be used.
    Page(Option<Rc<str>>),
}

impl Runner {
    /// "on 3 workers", "on the page (…)".
    pub fn describe(&self) -> String {
        match self {
            Runner::Workers(1) => "on 1 worker".into(),
            Runner::Workers(n) => format!("on {n} workers"),
            Runner::Page(None) => "on the page".into(),
            Runner::Page(Some(reason)) => format!("on the page ({reason})"),
        }
    }
}

/// A finished Monte Carlo result and its summary for display, compared by
/// identity (the data is large).
#[derive(Clone, Debug)]
pub struct McResult {
    /// The engine's summary of the runs.
    pub outcome: Rc<McOutcome>,
    /// Everything the panels show, derived from it.
    pub derived: Rc<Derived>,
    /// Where the runs were computed.
    pub runner: Runner,
}

impl McResult {
    /// Wraps an outcome, deriving its display summary at once (the app's
    /// job derives it in slices and builds the struct itself).
    pub fn new(scenario: &PlannedScenario, outcome: McOutcome) -> McResult {
        let derived = Rc::new(Derived::new(scenario, Some(&outcome)));
        McResult { outcome: Rc::new(outcome), derived, runner: Runner::Page(None) }
    }
}

impl PartialEq for McResult {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.outcome, &other.outcome) && Rc::ptr_eq(&self.derived, &other.derived)
    }
}

/// Where the Monte Carlo simulation of the current scenario stands.
#[derive(Clone, Debug, PartialEq)]
pub enum McStatus {
    /// Expected mode: nothing to run.
    Off,
    /// Running: runs done so far and runs in all.
    Running {
        /// Runs done.
        done: usize,
        /// Runs in all.
        total: usize,
    },
    /// All runs are done.
    Done(McResult),
}

impl McStatus {
    /// `off`, `running` or `done`, for `data-mc-status`.
    pub fn name(&self) -> &'static str {
        match self {
            McStatus::Off => "off",
            McStatus::Running { .. } => "running",
            McStatus::Done(_) => "done",
        }
    }
    /// The finished result, if any.
    pub fn result(&self) -> Option<&McResult> {
        if let McStatus::Done(r) = self { Some(r) } else { None }
    }
}

/// Starts a Monte Carlo job whenever the scenario changes in Monte Carlo
/// mode (on the workers, else in slices on the page), and cancels the
/// previous one.
#[hook]
pub fn use_monte_carlo(state: &UseReducerHandle<AppState>) {
    let dispatcher = state.dispatcher();
    use_effect_with((state.generation, state.planned()), move |(generation, scenario)| {
        let job = Job {
            scenario: scenario.clone(),
            generation: *generation,
            cancelled: Rc::new(Cell::new(false)),
            dispatcher,
        };
        let cancelled = job.cancelled.clone();
        let handle = (scenario.scenario.simulation.mode == Mode::MonteCarlo).then(|| job.start()).flatten();
        move || {
            cancelled.set(true);
            drop(handle);
        }
    });
}

/// One Monte Carlo job of the current scenario.
#[derive(Clone)]
struct Job {
    scenario: Rc<PlannedScenario>,
    generation: u64,
    cancelled: Rc<Cell<bool>>,
    dispatcher: UseReducerDispatcher<AppState>,
}

impl Job {
    /// Hands the job to the workers; if they cannot take it, runs it on the
    /// page. The handle (workers only) cancels the job when dropped.
    fn start(self) -> Option<JobHandle> {
        let job = self.clone();
        let last_progress = Cell::new(0.0);
        let submitted = workers::submit(&self.scenario, move |event| match event {
            PoolEvent::Progress(done, total, snapshot) => {
                // At most one progress render every PROGRESS_MS.
                if now_ms() - last_progress.get() >= PROGRESS_MS {
                    last_progress.set(now_ms());
                    job.progress(done, total);
                }
                // Bands refine as chunks arrive: the runs so far, summarised
                // in slices like the final result.
                if let Some(outcome) = snapshot.filter(|o| o.runs() > 0) {
                    spawn_local(job.clone().report_partial(outcome));
                }
            }
            PoolEvent::Finished(outcome) => {
                let job = job.clone();
                spawn_local(async move {
                    job.summarise_and_report(outcome, Runner::Workers(workers::running_workers().max(1))).await
                });
            }
            PoolEvent::Unavailable(reason) => spawn_local(job.clone().run_on_page(Some(reason.into()))),
        });
        match submitted {
            Ok(handle) => Some(handle),
            Err(reason) => {
                spawn_local(self.run_on_page(Some(reason.into())));
                None
            }
        }
    }

    fn progress(&self, done: usize, total: usize) {
        if !self.cancelled.get() {
            self.dispatcher.dispatch(Action::McProgress { generation: self.generation, done, total });
        }
    }

    async fn run_on_page(self, reason: Option<Rc<str>>) {
        if let Some(mut result) = run_sliced(&self.scenario, &self.cancelled, |d, t| self.progress(d, t)).await {
            result.runner = Runner::Page(reason);
            self.report(result).await;
        }
    }

    async fn report_partial(self, outcome: McOutcome) {
        if let Some(result) = summarise(&self.scenario, outcome, &self.cancelled).await
            && !self.cancelled.get()
        {
            self.dispatcher.dispatch(Action::McPartial { generation: self.generation, derived: result.derived });
        }
    }

    async fn summarise_and_report(self, outcome: McOutcome, runner: Runner) {
        if let Some(mut result) = summarise(&self.scenario, outcome, &self.cancelled).await {
            result.runner = runner;
            self.report(result).await;
        }
    }

    async fn report(&self, result: McResult) {
        // The render of the result gets a task of its own.
        sleep(Duration::ZERO).await;
        if !self.cancelled.get() {
            self.dispatcher.dispatch(Action::McDone { generation: self.generation, result });
        }
    }
}

/// Runs every Monte Carlo run of `scenario` in time-boxed slices, reporting
/// `progress(done, total)` between slices, and summarises the result; `None`
/// once `cancelled` is set. Shared by the current scenario's job and the
/// pinned scenario's ([`super::compare`]).
pub async fn run_sliced(
    scenario: &PlannedScenario,
    cancelled: &Cell<bool>,
    mut progress: impl FnMut(usize, usize),
) -> Option<McResult> {
    // Yield first, so the render that started the job finishes in its own
    // task, and the job's set-up (buffers for the runs) gets a task of its own.
    sleep(Duration::ZERO).await;
    if cancelled.get() {
        return None;
    }
    let mut job = MonteCarlo::planned_with_rows(scenario, SampleRows::Total);
    let mut last_progress = now_ms();
    loop {
        // Yield before every slice, so pending input is handled between slices.
        sleep(Duration::ZERO).await;
        if cancelled.get() {
            return None;
        }
        let start = now_ms();
        let mut done = job.is_done();
        while !done && now_ms() - start < SLICE_MS {
            done = job.advance(1);
        }
        if done {
            return summarise(scenario, job.finish(), cancelled).await;
        }
        // A progress report re-renders the page, so it gets a task of its
        // own (never added to a slice) and comes at most every PROGRESS_MS.
        if now_ms() - last_progress >= PROGRESS_MS {
            sleep(Duration::ZERO).await;
            if cancelled.get() {
                return None;
            }
            let (done, total) = job.progress();
            progress(done, total);
            last_progress = now_ms();
        }
    }
}

/// Summarises the runs for display in time-boxed steps (percentiles sort
/// every run's values); `None` if cancelled meanwhile.
async fn summarise(scenario: &PlannedScenario, outcome: McOutcome, cancelled: &Cell<bool>) -> Option<McResult> {
    let mut steps = McSteps::default();
    loop {
        let start = now_ms();
        while now_ms() - start < SLICE_MS {
            if let Some(derived) = steps.step(scenario, &outcome) {
                return Some(McResult {
                    outcome: Rc::new(outcome),
                    derived: Rc::new(derived),
                    runner: Runner::Page(None),
                });
            }
        }
        sleep(Duration::ZERO).await;
        if cancelled.get() {
            return None;
        }
    }
}
