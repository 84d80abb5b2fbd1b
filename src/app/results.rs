//! The results side of the page: Monte Carlo status, KPI panel, the funnel
//! with its week scrubber and Play button, the weekly, per-channel and
//! response charts, the Monte Carlo histograms and the results table.
//! Everything is derived with `use_memo` from the state's scenario (and the
//! Monte Carlo result once it is in).

use std::rc::Rc;

use yew::prelude::*;

use super::browser::Timeout;
use super::canvas::{Chart, ChartCanvas};
use super::compare::{overlay, use_pinned_derived, use_pinned_monte_carlo};
use super::compare_table::ComparePanel;
use super::monte_carlo::Runner;
use super::outcomes::{Derived, TimeChart};
use super::state::{Action, AppState, McStatus};
use super::table::ResultsTable;
use super::timeline::editor::TimelineEditor;
use crate::charts::{ChartStyle, Owner, Palette};
use funnel_engine::format;

/// Milliseconds per week while playing (a year takes about 8 seconds).
const PLAY_STEP_MS: u32 = 150;

/// Props of [`Results`].
#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    /// The app state.
    pub state: UseReducerHandle<AppState>,
    /// The results of its scenario ([`use_derived`]).
    pub derived: Rc<Derived>,
    /// Dark colour scheme.
    pub dark: bool,
}

/// Every chart and table of the results (the KPI strip and the status
/// line sit above the panes, in the app).
#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let state = &props.state;
    let dark = props.dark;
    let derived = props.derived.clone();
    // Compare: A's results, cached per pin (B's edits do not recompute them).
    let pinned = use_pinned_derived(state);
    use_pinned_monte_carlo(state);
    let week = state.week;
    let funnel = use_memo((derived.clone(), week), |(d, w)| Chart::Funnel(d.funnel(*w)));
    let pipeline = use_memo((derived.clone(), week), |(d, w)| Chart::Funnel(d.pipeline(*w)));
    let staged = derived.stage_count() > 1;
    // With A pinned, the weekly charts overlay A (dashed) and B (solid).
    let deps = (derived.clone(), week, pinned.clone());
    let weekly = |chart| {
        move |(d, w, a): &(Rc<Derived>, usize, Option<Rc<Derived>>)| {
            Chart::TimeSeries(overlay(d, a.as_deref(), chart, *w))
        }
    };
    let new_customers = use_memo(deps.clone(), weekly(TimeChart::NewCustomers));
    let revenue_cost = use_memo(deps.clone(), weekly(TimeChart::RevenueCost));
    let backlog = use_memo(deps, weekly(TimeChart::Backlog));
    let channels = use_memo(derived.clone(), |d| Chart::Channels(d.channels.clone()));
    let response = use_memo(derived.clone(), |d| Chart::Response(d.response.clone()));
    let histograms = use_memo(derived.clone(), |d| {
        d.histograms.clone().map(|(a, b)| (Rc::new(Chart::Histogram(a)), Rc::new(Chart::Histogram(b))))
    });
    {
        // Playback: one timer per shown week, dropped (cleared) when the week
        // changes or playback stops.
        let dispatcher = state.dispatcher();
        use_effect_with((state.playing, week), move |(playing, _)| {
            let timer = playing.then(|| Timeout::new(PLAY_STEP_MS, move || dispatcher.dispatch(Action::Tick)));
            move || drop(timer)
        });
    }

    let band = if derived.monte_carlo { ", with the P10–P90 band of the Monte Carlo runs" } else { "" };
    let band = if pinned.is_some() {
        format!("{band}; pinned scenario A dashed, current scenario B solid")
    } else {
        band.to_string()
    };
    let weeks = derived.weeks;
    // With a plan, the weekly charts also draw its budget or team (right axis)
    // and the weeks a phase starts.
    let plan_note = |what: &str| match &derived.plan {
        Some(p) if p.starts.is_empty() => format!(", with {what} of the plan (dashed, right axis)"),
        Some(p) => format!(
            ", with {what} of the plan (dashed, right axis) and phases starting in week {}",
            p.starts.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
        ),
        None => String::new(),
    };
    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |a: Action| dispatcher.dispatch(a))
    };
    html! {
        <section class="results" aria-label="Results">
            <section class="funnel-panel" aria-labelledby="funnel-title">
                <h2 id="funnel-title">{ "The funnel" }</h2>
                <FunnelExplainer derived={derived.clone()} {week} {dark} />
                <ChartCanvas chart={funnel} name="funnel" class="tall" {dark}
                    label={format!("Funnel: people at each stage from week 1 to week {week}, coloured by owner, with stage-to-stage conversion rates")} />
                <WeekControls {week} {weeks} playing={state.playing} dispatcher={state.dispatcher()} />
                if staged {
                    <ChartCanvas chart={pipeline} name="pipeline" {dark}
                        label={format!("Bar chart: open opportunities in each of the {} sales pipeline stages at the end of week {week}", derived.stage_count())} />
                }
            </section>
            <ComparePanel scenario={state.scenario.clone()} mc={state.mc.clone()} b={derived.clone()}
                pinned={state.pinned.clone()} a={pinned.clone()} dispatcher={state.dispatcher()} />
            <TimelineEditor scenario={state.scenario.clone()} plan={state.plan.clone()}
                drafts={state.plan_drafts.clone()} on_action={on_action} />
            <section class="chart-grid" aria-label="Weekly charts">
                <ChartCanvas chart={new_customers} name="new-customers" {dark}
                    label={format!("Line chart: new customers per week over {weeks} weeks{band}{}; marker at week {week}", plan_note("the budget per week"))} />
                <ChartCanvas chart={revenue_cost} name="revenue-cost" {dark}
                    label={format!("Line chart: revenue and cost per week{band}; marker at week {week}")} />
                <ChartCanvas chart={backlog} name="backlog" class="wide" {dark}
                    label={format!("Line chart: leads waiting for sales (MQL backlog) and leads gone cold per week{band}{}; marker at week {week}", plan_note("the reps at full speed"))} />
            </section>
            <section class="chart-grid" aria-label="Channel charts">
                <ChartCanvas chart={channels} name="channels" height={channel_rows_height(derived.channels.channels.len())} {dark}
                    label="Bar chart per channel (first touch, organic included): spend, leads, new customers, with CAC and ROI" />
                <ChartCanvas chart={response} name="response" class="tall" {dark}
                    label="Response curves: weekly spend against new aware people per week for each channel, current spend marked" />
            </section>
            if let Some((hist_customers, hist_roi)) = (*histograms).clone() {
                <section class="chart-grid" aria-label="Monte Carlo distributions">
                    <ChartCanvas chart={hist_customers} name="hist-new-customers" {dark}
                        label="Histogram: new customers over the Monte Carlo runs, mean marked" />
                    <ChartCanvas chart={hist_roi} name="hist-roi" {dark}
                        label="Histogram: ROI over the Monte Carlo runs, mean marked" />
                </section>
            }
            <ResultsTable derived={derived.clone()} />
        </section>
    }
}

/// The results to show for `state`, recomputed only when its scenario or
/// Monte Carlo result changes. The Monte Carlo job hands over its results
/// already summarised; the expected run is derived here (well under a
/// millisecond).
#[hook]
pub fn use_derived(state: &UseReducerHandle<AppState>) -> Rc<Derived> {
    // Ptr-compared: a partial result is replaced, never edited.
    let partial = state.mc_partial.clone().map(PtrEq);
    (*use_memo((state.planned(), state.mc.result().cloned(), partial), |(scenario, mc, partial)| match (mc, partial) {
        (Some(r), _) => r.derived.clone(),
        (None, Some(PtrEq(p))) => p.clone(),
        (None, None) => Rc::new(Derived::new(scenario, None)),
    }))
    .clone()
}

/// An `Rc` compared by identity (a memo key that must not deep-compare).
#[derive(Clone)]
struct PtrEq<T>(Rc<T>);

impl<T> PartialEq for PtrEq<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// CSS height of the channel chart: a header and one row per source.
pub(super) fn channel_rows_height(rows: usize) -> u32 {
    let rows = u32::try_from(rows).unwrap_or(u32::MAX).min(20);
    (44 + 38 * rows).max(180)
}

/// Props of [`McStatusBar`].
#[derive(Properties, PartialEq)]
pub struct McStatusProps {
    /// The Monte Carlo job's status.
    pub status: McStatus,
    /// While running: how many runs the results shown so far hold.
    #[prop_or_default]
    pub partial_runs: Option<usize>,
}

/// `data-mc-status` = off / running / done, with a progress bar while running.
#[component]
pub fn McStatusBar(props: &McStatusProps) -> Html {
    let name = props.status.name();
    html! {
        // aria-busy while running: screen readers wait for the result
        // instead of reading every progress step.
        <div class="mc-status" data-mc-status={name} role="status"
            data-mc-partial={props.partial_runs.filter(|_| matches!(props.status, McStatus::Running { .. })).map(|n| n.to_string())}
            aria-busy={matches!(props.status, McStatus::Running { .. }).then_some("true")}>
            { match &props.status {
                McStatus::Off => html! { <span>{ "Expected mode: one run with average flows." }</span> },
                McStatus::Running { done, total } => html! {
                    <>
                        <label for="mc-progress">
                            { format!("Monte Carlo: {} of {} runs", format::grouped(*done as f64), format::grouped(*total as f64)) }
                            if let Some(n) = props.partial_runs {
                                { format!(" — showing the first {} so far", format::grouped(n as f64)) }
                            }
                        </label>
                        <progress id="mc-progress" max={total.to_string()} value={done.to_string()}></progress>
                    </>
                },
                McStatus::Done(r) => html! {
                    <span data-mc-runner={runner_name(&r.runner)}>{ format!("Monte Carlo: {} runs done {}.", format::grouped(r.outcome.runs() as f64), r.runner.describe()) }</span>
                },
            } }
        </div>
    }
}

/// `workers` or `page`, for `data-mc-runner` (tests read it).
fn runner_name(runner: &Runner) -> &'static str {
    if matches!(runner, Runner::Workers(_)) { "workers" } else { "page" }
}

/// Props of [`FunnelExplainer`].
#[derive(Properties, PartialEq)]
struct ExplainerProps {
    derived: Rc<Derived>,
    week: usize,
    dark: bool,
}

/// One line for students, with the owner colours and the cold-lead count.
#[component]
fn FunnelExplainer(props: &ExplainerProps) -> Html {
    let palette = ChartStyle { dark: props.dark, pixel_ratio: 1.0 }.palette();
    let swatch = |owner: Owner| {
        let style = format!("background:{}", Palette::css(palette.owner(owner)));
        html! { <span class="swatch" {style} aria-hidden="true"></span> }
    };
    let cold = props.derived.cold_until(props.week);
    let leads = props.derived.leads_until(props.week);
    html! {
        <>
            <p class="explain">
                { swatch(Owner::Marketing) }<strong>{ "Marketing" }</strong>{ " fills the top of the funnel, " }
                { swatch(Owner::Sales) }<strong>{ "sales" }</strong>{ " works the bottom, " }
                { swatch(Owner::CustomerSuccess) }<strong>{ "customer success" }</strong>{ " keeps the customers. Leads nobody works in time go cold." }
            </p>
            <p class="cold-callout">
                <strong class="cold-count">{ format::count(cold) }</strong>
                { format!(" leads gone cold by week {} — of {} leads marketing brought in.", props.week, format::count(leads)) }
            </p>
        </>
    }
}

/// Props of [`WeekControls`].
#[derive(Properties, PartialEq)]
struct WeekProps {
    week: usize,
    weeks: usize,
    playing: bool,
    dispatcher: UseReducerDispatcher<AppState>,
}

/// The week scrubber and the Play/Pause button.
#[component]
fn WeekControls(props: &WeekProps) -> Html {
    let on_scrub = props.dispatcher.to_callback().reform(|e: InputEvent| {
        let week = super::controls::input_value(&e).parse::<usize>().unwrap_or(1);
        Action::Scrub(week)
    });
    let on_play = props.dispatcher.to_callback().reform(|_: MouseEvent| Action::TogglePlay);
    html! {
        <div class="week-controls">
            <button id="play" type="button" onclick={on_play}>
                { if props.playing { "Pause" } else { "Play" } }
            </button>
            <label for="week-scrubber">{ "Week" }</label>
            <input id="week-scrubber" type="range" min="1" max={props.weeks.max(1).to_string()} step="1"
                value={props.week.to_string()} oninput={on_scrub}
                aria-valuetext={format!("Week {} of {}", props.week, props.weeks)} />
            <output for="week-scrubber">{ format!("{} / {}", props.week, props.weeks) }</output>
        </div>
    }
}
