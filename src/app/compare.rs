//! Compare: the scenario pinned as "A" while the person keeps editing "B".
//!
//! - [`Pinned`]: what the state keeps of A (its scenario and its Monte
//!   Carlo status), and the reducer steps for pinning, unpinning and A's
//!   Monte Carlo result (the one reducer in [`super::state`] calls them);
//! - [`use_pinned_derived`]: A's results, derived once and cached while B
//!   changes (A never changes);
//! - [`use_pinned_monte_carlo`]: finishes A's Monte Carlo runs when B has
//!   moved on before they were done;
//! - [`overlay`]: a weekly chart of B with A's lines added, dashed.
//!
//! The table and the buttons are in [`super::compare_table`]; the
//! statistics in [`funnel_engine::compare`].

use std::cell::Cell;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use super::monte_carlo::{McStatus, run_sliced};
use super::outcomes::{Derived, TimeChart};
use super::state::{Action, AppState, McResult};
use crate::charts::timeseries::{Series, TimeSeriesData};
use funnel_engine::plan::PlannedScenario;

/// The pinned scenario "A" and its results.
#[derive(Clone, Debug, PartialEq)]
pub struct Pinned {
    /// A's scenario and plan (never edited).
    pub scenario: Rc<PlannedScenario>,
    /// The state's generation when A was pinned: names A's Monte Carlo job
    /// (a report for another pin is ignored).
    pub generation: u64,
    /// A's Monte Carlo status: copied when pinned, finished by the current
    /// scenario's job or by A's own.
    pub mc: McStatus,
}

impl AppState {
    /// Pins the current scenario and its results as A (replacing any A).
    pub(super) fn pin(mut self) -> Self {
        self.pinned = Some(Pinned { scenario: self.planned(), generation: self.generation, mc: self.mc.clone() });
        self
    }

    /// Ends the comparison.
    pub(super) fn unpin(mut self) -> Self {
        self.pinned = None;
        self
    }

    /// A Monte Carlo result of the scenario at `generation`: A's too, if A
    /// was pinned then and is still waiting for it.
    pub(super) fn pinned_mc_done(mut self, generation: u64, result: &McResult) -> Self {
        if let Some(p) = self.pinned.as_mut().filter(|p| p.generation == generation)
            && matches!(p.mc, McStatus::Running { .. })
        {
            p.mc = McStatus::Done(result.clone());
        }
        self
    }
}

/// A's results (none when nothing is pinned), derived once per pin: B's
/// edits do not recompute them.
#[hook]
pub fn use_pinned_derived(state: &AppState) -> Option<Rc<Derived>> {
    let key = state.pinned.as_ref().map(|p| (p.scenario.clone(), p.mc.result().cloned()));
    (*use_memo(key, |key| {
        key.as_ref().map(|(scenario, mc)| {
            mc.as_ref().map_or_else(|| Rc::new(Derived::new(scenario, None)), |r| r.derived.clone())
        })
    }))
    .clone()
}

/// Runs A's Monte Carlo simulation when it is not finished and B has moved
/// on (while B is still A's scenario, B's own job finishes both).
#[hook]
pub fn use_pinned_monte_carlo(state: &UseReducerHandle<AppState>) {
    let dispatcher = state.dispatcher();
    let job = state.pinned.as_ref().and_then(|p| {
        let waiting = matches!(p.mc, McStatus::Running { .. }) && p.generation != state.generation;
        waiting.then(|| (p.generation, p.scenario.clone()))
    });
    use_effect_with(job, move |job| {
        let cancelled = Rc::new(Cell::new(false));
        if let Some((generation, scenario)) = job.clone() {
            let cancelled = cancelled.clone();
            spawn_local(async move {
                if let Some(result) = run_sliced(&scenario, &cancelled, |_, _| {}).await {
                    dispatcher.dispatch(Action::PinnedMcDone { generation, result });
                }
            });
        }
        move || cancelled.set(true)
    });
}

/// B's weekly chart at `week`; with A's results, A's lines are added: for
/// each line "A: …" dashed (without its band, which would hide B's) and
/// then "B: …" solid with its band.
pub fn overlay(b: &Derived, a: Option<&Derived>, chart: TimeChart, week: usize) -> TimeSeriesData {
    overlay_named(b, a, chart, week, ("A", "B"))
}

/// [`overlay`] with other names for the two plans (`(dashed, solid)`),
/// e.g. "now" and "plan" in the Plan pane.
pub fn overlay_named(
    b: &Derived,
    a: Option<&Derived>,
    chart: TimeChart,
    week: usize,
    names: (&str, &str),
) -> TimeSeriesData {
    let b = b.timeseries(chart, week);
    let Some(a) = a else { return b };
    let a = a.timeseries(chart, week);
    let (name_a, name_b) = names;
    let mut series = Vec::with_capacity(a.series.len() + b.series.len());
    for (sa, sb) in a.series.into_iter().zip(b.series) {
        series.push(Series { label: format!("{name_a}: {}", sa.label), band: None, dashed: true, ..sa });
        series.push(Series { label: format!("{name_b}: {}", sb.label), dashed: false, ..sb });
    }
    TimeSeriesData { title: format!("{} — {name_a} vs {name_b}", b.title), series, ..b }
}
