//! The Funnel Lab web app (Yew, wasm32 only).
//!
//! One state, one way: [`state::AppState`] in a single `use_reducer`, changed
//! only by typed [`state::Action`]s through a pure reducer. Effects do the
//! rest: the sliced Monte Carlo job ([`monte_carlo`]), the playback timer
//! and chart redraws. Results are derived from the state with `use_memo`.
//!
//! - [`fields`]: every editable number (id, label, unit, range, parsing);
//! - [`state`]: the state, actions and reducer;
//! - [`controls`]: the assumptions panel;
//! - [`results`]: KPIs, charts, week scrubber, table ([`kpis`], [`table`],
//!   [`canvas`] for the chart component, [`outcomes`] for the derived data);
//! - [`monte_carlo`]: the Monte Carlo job of the current scenario, never
//!   freezing the page; [`workers`]: the Web Worker pool it runs on;
//! - [`scenarios`]: presets and their sources, saved scenarios, files;
//! - [`persistence`]: autosave and the address fragment (effects);
//! - [`downloads`]: JSON, CSV and PNG downloads;
//! - [`compare`], [`compare_table`]: A (pinned) against B;
//! - [`embed`], [`embed_params`], [`embed_dialog`]: the `?embed` widget and
//!   the dialog that writes its snippet;
//! - [`browser`]: timers, clock, colour scheme, element size;
//! - [`plan`]: the Plan pane (optimiser, goal seek, sensitivity,
//!   flighting, when to hire);
//! - [`timeline`]: the plan over time — the editor above the weekly charts
//!   and its reducer step;
//! - [`learn`]: the Learn pane (lessons, glossary);
//! - [`views`]: the tabs that bring a pane to the front (one at a time on a
//!   phone; the assumptions stay beside the others on a wide screen);
//! - [`bench`]: a wasm export the browser benchmark times.
//!
//! Presets, imports, links and storage dispatch [`state::Action::Load`];
//! autosave and the address fragment are effects on the scenario with its
//! plan ([`state::AppState::planned`]).

pub mod bench;
pub mod browser;
pub mod canvas;
pub mod compare;
pub mod compare_table;
pub mod controls;
pub mod downloads;
pub mod embed;
pub mod embed_dialog;
pub mod embed_params;
pub mod kpis;
pub mod learn;
pub mod monte_carlo;
pub mod outcomes;
pub mod persistence;
pub mod plan;
pub mod results;
pub mod scenarios;
pub mod state;
pub mod table;
pub mod timeline;
pub mod views;
pub mod workers;

use std::rc::Rc;

use yew::prelude::*;

use self::browser::use_prefers_dark;
use self::controls::Controls;
use self::kpis::KpiPanel;
use self::learn::LearnPanel;
use self::monte_carlo::use_monte_carlo;
use self::plan::PlanPanel;
use self::results::{McStatusBar, Results, use_derived};
use self::scenarios::ScenarioPanel;
use self::state::{Action, AppState, McStatus, View};
use self::views::{ViewTabs, pane_id, tab_id, use_kept_pane};

/// Props of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Keep the scenario: open with the autosave, autosave every change and
    /// keep the address showing the scenario. Off only for tests that mount
    /// many apps in one page.
    pub persist: bool,
}

impl Default for AppProps {
    fn default() -> Self {
        AppProps { persist: true }
    }
}

/// The whole simulator, results first: a compact toolbar (scenario menu,
/// presets, embed), then the assumptions beside (on a phone: a tab away
/// from) the KPI strip and the pane in front.
#[component]
pub fn App(props: &AppProps) -> Html {
    // What to open with (a link in the address, the autosave or the default), decided once.
    let startup = use_memo(props.persist, |persist| persistence::startup(*persist));
    let dark = use_prefers_dark();
    // A lesson link (`?lesson=ID`) opens the Learn tab with that lesson.
    let opened = use_memo((), |_| learn::state::opened_from_address());
    let learn = learn::state::use_learn((*opened).clone(), props.persist);
    learn::glossary::use_glossary_link(match &*opened {
        Some(learn::state::Opened::Glossary(term)) => Some(term.clone()),
        _ => None,
    });
    let (state, on_action) = use_simulator({
        let scenario = startup.scenario.clone();
        let lesson_link = opened.is_some();
        move || {
            let mut state = AppState::new(scenario);
            if lesson_link {
                state.view = View::Learn;
            }
            state
        }
    });
    let derived = use_derived(&state);
    let pending = matches!(state.mc, McStatus::Running { .. });
    let snapshot = Rc::new((*state).clone());
    let view = state.view;
    // The Plan pane keeps its results and Undo behind the other tabs.
    let plan_pane = use_kept_pane(view == View::Plan, (state.clone(), derived.clone()));
    html! {
        <main id="app" class={classes!("app", format!("view-{}", view.id()))}>
            <header class="toolbar">
                <div class="brand">
                    <h1>{ "Funnel Lab" }</h1>
                    <p class="tagline">{ "A market flowing from marketing to sales, week by week." }</p>
                </div>
                <ScenarioPanel scenario={state.planned()} mc={state.mc.result().cloned()}
                    running={pending} on_action={on_action.clone()}
                    persist={props.persist} notices={startup.notices.clone()} />
                <embed_dialog::EmbedDialog scenario={state.planned()} />
            </header>
            <div class="layout">
                <div class="strip">
                    <ViewTabs current={view} on_action={on_action.clone()} />
                    <McStatusBar status={state.mc.clone()} partial_runs={state.mc_partial.as_ref().map(|d| d.runs)} />
                    <KpiPanel derived={derived.clone()} {pending} />
                </div>
                <Controls state={snapshot} on_action={on_action.clone()} />
                <div class="pane pane-results" id={pane_id(View::Results)} role="tabpanel" aria-labelledby={tab_id(View::Results)}>
                    <Results state={state.clone()} derived={derived.clone()} {dark} />
                </div>
                <div class="pane pane-plan" id={pane_id(View::Plan)} role="tabpanel" aria-labelledby={tab_id(View::Plan)}>
                    if let Some((state, derived)) = plan_pane {
                        <PlanPanel {state} {derived} on_action={on_action.clone()} {dark} />
                    }
                </div>
                <div class="pane pane-learn" id={pane_id(View::Learn)} role="tabpanel" aria-labelledby={tab_id(View::Learn)}>
                    if view == View::Learn {
                        <LearnPanel state={state.clone()} derived={derived.clone()} on_action={on_action.clone()} {dark} {learn} />
                    }
                </div>
            </div>
        </main>
    }
}

/// The state of a simulator view (the full app or the embedded widget):
/// the reducer, started with `init()` on the first render; the Monte Carlo
/// job that follows its scenario; and one callback for every control,
/// stable across renders, so unchanged controls are not re-rendered.
#[hook]
pub fn use_simulator<F>(init: F) -> (UseReducerHandle<AppState>, Callback<Action>)
where
    F: FnOnce() -> AppState + 'static,
{
    let state = use_reducer_eq(init);
    use_monte_carlo(&state);
    let on_action = (*use_memo((), {
        let dispatcher = state.dispatcher();
        move |_| dispatcher.to_callback()
    }))
    .clone();
    (state, on_action)
}
