//! Runs the Monte Carlo simulation of the current scenario without freezing
//! the page: the engine's [`MonteCarlo::advance`] runs in time-boxed slices
//! (about 12 ms each), yielding to the browser between slices, reporting
//! progress, and stopping as soon as the scenario changes (the effect's
//! teardown cancels the job; the reducer also ignores reports from an older
//! scenario version). Summarising the runs for display (percentiles) is
//! sliced the same way, so the finished result renders without a long task.
//! [`McStatus`] and [`McResult`] are what the state keeps of it.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use yew::platform::spawn_local;
use yew::platform::time::sleep;
use yew::prelude::*;

use super::browser::now_ms;
use super::outcomes::{Derived, McSteps};
use super::state::{Action, AppState};
use funnel_engine::{McOutcome, Mode, MonteCarlo, Scenario};

/// Longest stretch of runs between two yields to the browser, in ms: well
/// under the 50 ms that counts as a long task, with room for the render and
/// the browser's ≥ 4 ms clamp on chained zero-delay timeouts.
const SLICE_MS: f64 = 12.0;

/// Shortest time between two progress reports, in ms.
const PROGRESS_MS: f64 = 100.0;

/// A finished Monte Carlo result and its summary for display, compared by
/// identity (the data is large).
#[derive(Clone, Debug)]
pub struct McResult {
    /// The engine's summary of the runs.
    pub outcome: Rc<McOutcome>,
    /// Everything the panels show, derived from it.
    pub derived: Rc<Derived>,
}

impl McResult {
    /// Wraps an outcome, deriving its display summary at once (the app's
    /// job derives it in slices and builds the struct itself).
    pub fn new(scenario: &Scenario, outcome: McOutcome) -> McResult {
        let derived = Rc::new(Derived::new(scenario, Some(&outcome)));
        McResult { outcome: Rc::new(outcome), derived }
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

/// Starts a sliced Monte Carlo job whenever the scenario changes in Monte
/// Carlo mode, and cancels the previous one.
#[hook]
pub fn use_monte_carlo(state: &UseReducerHandle<AppState>) {
    let dispatcher = state.dispatcher();
    use_effect_with((state.generation, state.scenario.clone()), move |(generation, scenario)| {
        let cancelled = Rc::new(Cell::new(false));
        if scenario.simulation.mode == Mode::MonteCarlo {
            spawn_local(run(scenario.clone(), *generation, cancelled.clone(), dispatcher));
        }
        move || cancelled.set(true)
    });
}

async fn run(
    scenario: Rc<Scenario>,
    generation: u64,
    cancelled: Rc<Cell<bool>>,
    dispatcher: UseReducerDispatcher<AppState>,
) {
    let progress = |done, total| dispatcher.dispatch(Action::McProgress { generation, done, total });
    if let Some(result) = run_sliced(&scenario, &cancelled, progress).await {
        // The render of the result gets a task of its own.
        sleep(Duration::ZERO).await;
        if !cancelled.get() {
            dispatcher.dispatch(Action::McDone { generation, result });
        }
    }
}

/// Runs every Monte Carlo run of `scenario` in time-boxed slices, reporting
/// `progress(done, total)` between slices, and summarises the result; `None`
/// once `cancelled` is set. Shared by the current scenario's job and the
/// pinned scenario's ([`super::compare`]).
pub async fn run_sliced(
    scenario: &Scenario,
    cancelled: &Cell<bool>,
    mut progress: impl FnMut(usize, usize),
) -> Option<McResult> {
    // Yield first, so the render that started the job finishes in its own
    // task, and the job's set-up (buffers for the runs) gets a task of its own.
    sleep(Duration::ZERO).await;
    if cancelled.get() {
        return None;
    }
    let mut job = MonteCarlo::new(scenario);
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
async fn summarise(scenario: &Scenario, outcome: McOutcome, cancelled: &Cell<bool>) -> Option<McResult> {
    let mut steps = McSteps::default();
    loop {
        let start = now_ms();
        while now_ms() - start < SLICE_MS {
            if let Some(derived) = steps.step(scenario, &outcome) {
                return Some(McResult { outcome: Rc::new(outcome), derived: Rc::new(derived) });
            }
        }
        sleep(Duration::ZERO).await;
        if cancelled.get() {
            return None;
        }
    }
}
