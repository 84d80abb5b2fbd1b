//! The Plan pane: the engine's decision tools for a manager.
//!
//! - [`optimise`]: the best split of the budget (and optionally the budget
//!   and the reps) within per-channel bounds;
//! - [`goal`]: goal seek, the cheapest plan that reaches a target by a week,
//!   beside the classic reverse funnel;
//! - [`sensitivity`]: which assumption moves a KPI most (a tornado);
//! - [`flight`]: a total budget shaped over the horizon's periods, adopted
//!   as the plan over time;
//! - [`hire`]: the latest week new reps can start so the lead backlog stays
//!   under a limit, added to the plan over time;
//! - [`adopt`]: adopting a tool's plan over time, with Undo;
//! - [`proposal`]: a proposed plan beside the current one (charts, KPIs);
//! - [`form`]: the forms as values, and the requests they become;
//! - [`runner`]: the jobs run on a Web Worker of their own.
//!
//! Applying a plan is an [`Action::ApplyPlan`], so it autosaves and goes
//! into the link like any other edit; the pane keeps what it replaced for
//! Undo.

pub mod adopt;
pub mod flight;
pub mod form;
pub mod goal;
pub mod hire;
pub mod optimise;
pub mod proposal;
pub mod runner;
pub mod sensitivity;

use std::rc::Rc;

use yew::prelude::*;

use self::flight::FlightTool;
use self::goal::GoalTool;
use self::hire::HireTool;
use self::optimise::OptimiseTool;
use self::runner::{Done, Ran};
use self::sensitivity::SensitivityTool;
use super::outcomes::Derived;
use super::state::{Action, AppState};
use funnel_engine::Scenario;
use funnel_engine::format;

/// Props of [`PlanPanel`].
#[derive(Properties, PartialEq)]
pub struct PlanPanelProps {
    /// The app state.
    pub state: UseReducerHandle<AppState>,
    /// The results of its scenario.
    pub derived: Rc<Derived>,
    /// Dispatches to the reducer.
    pub on_action: Callback<Action>,
    /// Dark colour scheme.
    pub dark: bool,
}

/// A plan to adopt, and a few words on what it is ("the optimised mix").
pub type Apply = Callback<(Rc<Scenario>, String)>;

/// Props of the tools that propose a plan (optimiser, goal seek).
#[derive(Properties, PartialEq)]
pub struct ToolProps {
    /// The app state (scenario, locks, switches).
    pub state: UseReducerHandle<AppState>,
    /// Adopts a plan.
    pub on_apply: Apply,
    /// Dark colour scheme.
    pub dark: bool,
}

/// Props of the tools that change the plan over time (flighting, when to
/// hire): they adopt their answer through the reducer.
#[derive(Properties, PartialEq)]
pub struct TimelineToolProps {
    /// The app state.
    pub state: UseReducerHandle<AppState>,
    /// Dispatches to the reducer (adopting the answer into the plan).
    pub on_action: Callback<Action>,
    /// Dark colour scheme.
    pub dark: bool,
}

/// The last plan applied and the scenario it replaced.
#[derive(Clone, PartialEq)]
struct Applied {
    previous: Rc<Scenario>,
    what: String,
}

/// The three tools, and the Undo of the last applied plan.
#[component]
pub fn PlanPanel(props: &PlanPanelProps) -> Html {
    let applied = use_state(|| None::<Applied>);
    let undone = use_state(|| false);
    let on_apply: Apply = {
        let (applied, undone, on_action, current) =
            (applied.clone(), undone.clone(), props.on_action.clone(), props.state.scenario.clone());
        Callback::from(move |(plan, what): (Rc<Scenario>, String)| {
            applied.set(Some(Applied { previous: current.clone(), what }));
            undone.set(false);
            on_action.emit(Action::ApplyPlan(Box::new((*plan).clone())));
        })
    };
    let on_undo = {
        let (applied, undone, on_action) = (applied.clone(), undone.clone(), props.on_action.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(a) = (*applied).clone() {
                on_action.emit(Action::ApplyPlan(Box::new((*a.previous).clone())));
                applied.set(None);
                undone.set(true);
            }
        })
    };
    let state = &props.state;
    html! {
        <section class="plan-panel" aria-labelledby="plan-title">
            <h2 id="plan-title">{ "Plan" }</h2>
            <p class="note">
                { "The tools search the expected mode (one run with average flows, exact and fast) over the whole funnel: \
                   reach caps, carryover, sales capacity, cold leads and the sales cycle all count. \
                   In Monte Carlo mode the optimiser also checks its plan over paired runs." }
            </p>
            if state.plan.is_some() {
                <p class="notice" id="plan-flat-note">
                    { "The optimiser, goal seek and sensitivity plan one typical week: they use the assumptions without the plan over time, \
                       and applying their answer keeps the plan's phases (phases that set their own budget, mix or reps keep them)." }
                </p>
            }
            <div role="status" class="plan-applied">
                if let Some(a) = (*applied).clone() {
                    <p class="message status" id="plan-applied">
                        { format!("Applied {}. Every chart and KPI now shows it; it is autosaved and in the link. ", a.what) }
                        <button type="button" id="plan-undo" class="secondary" onclick={on_undo}>{ "Undo" }</button>
                    </p>
                } else if *undone {
                    <p class="message status" id="plan-undone">{ "Undone: the plan before is back." }</p>
                }
            </div>
            <OptimiseTool state={state.clone()} on_apply={on_apply.clone()} dark={props.dark} />
            <GoalTool state={state.clone()} on_apply={on_apply} dark={props.dark} />
            <FlightTool state={state.clone()} on_action={props.on_action.clone()} dark={props.dark} />
            <HireTool state={state.clone()} on_action={props.on_action.clone()} dark={props.dark} />
            <SensitivityTool scenario={state.scenario.clone()} dark={props.dark} />
        </section>
    }
}

/// One tool's job: the form's problems, whether it runs, and its last
/// result (`R`, built from the worker's answer). [`use_job`] makes one.
pub(crate) struct Job<R: 'static> {
    /// Why the form was refused (empty when it was not).
    pub errors: UseStateHandle<Vec<String>>,
    /// A job is on the worker.
    pub running: UseStateHandle<bool>,
    /// The last result.
    pub run: UseStateHandle<Option<R>>,
    ticket: Rc<std::cell::RefCell<Option<runner::Ticket>>>,
}

impl<R: 'static> Clone for Job<R> {
    fn clone(&self) -> Self {
        Job {
            errors: self.errors.clone(),
            running: self.running.clone(),
            run: self.run.clone(),
            ticket: self.ticket.clone(),
        }
    }
}

impl<R: 'static> Job<R> {
    /// Shows the form's problems, or sends `request` to the worker and keeps
    /// `to_run(answer)` as the result (a newer job replaces an older one).
    pub fn start(
        &self,
        request: Result<funnel_engine::decide::request::Request, Vec<String>>,
        to_run: impl Fn(Done) -> R + 'static,
    ) {
        let request = match request {
            Ok(r) => r,
            Err(list) => {
                self.errors.set(list);
                return;
            }
        };
        self.errors.set(Vec::new());
        self.running.set(true);
        let (running, run) = (self.running.clone(), self.run.clone());
        let on_done = Callback::from(move |done: Done| {
            running.set(false);
            run.set(Some(to_run(done)));
        });
        *self.ticket.borrow_mut() = Some(runner::submit(&request, on_done));
    }

    /// `running`, `done` or `idle`, for `data-state`.
    pub fn state(&self) -> &'static str {
        if *self.running {
            "running"
        } else if self.run.is_some() {
            "done"
        } else {
            "idle"
        }
    }
}

/// A [`Job`] for a tool's component.
#[hook]
pub(crate) fn use_job<R: 'static>() -> Job<R> {
    Job {
        errors: use_state(Vec::new),
        running: use_state(|| false),
        run: use_state(|| None),
        ticket: use_mut_ref(|| None),
    }
}

/// A callback that applies `f` with the new text to a copy of the form in
/// `form` and stores it (one per input of a form).
pub(crate) fn form_edit<F: Clone + 'static>(form: &UseStateHandle<F>, f: fn(&mut F, String)) -> Callback<String> {
    let form = form.clone();
    Callback::from(move |text: String| {
        let mut next = (*form).clone();
        f(&mut next, text);
        form.set(next);
    })
}

/// A labelled text input for a number (typed text is kept as typed).
pub(crate) fn number_input(id: &str, label: &str, value: &str, on_input: Callback<String>) -> Html {
    let oninput = on_input.reform(|e: InputEvent| super::controls::input_value(&e));
    html! {
        <div class="plan-field">
            <label for={id.to_string()}>{ label.to_string() }</label>
            <input id={id.to_string()} type="text" inputmode="decimal" value={value.to_string()} {oninput} />
        </div>
    }
}

/// The `value` of the `<select>` an event came from.
pub(crate) fn select_value(e: &Event) -> String {
    use wasm_bindgen::JsCast;
    e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()).map(|s| s.value()).unwrap_or_default()
}

/// Every problem with a form, as an alert list (nothing when there is none).
pub(crate) fn problems(id: &str, list: &[String]) -> Html {
    if list.is_empty() {
        return html! {};
    }
    html! {
        <div class="message alert" role="alert" id={id.to_string()}>
            <p>{ "Nothing was run: fix these first." }</p>
            <ul>{ for list.iter().map(|p| html! { <li>{ p.clone() }</li> }) }</ul>
        </div>
    }
}

/// "in 38 ms on a worker (234 runs of the model)".
pub(crate) fn ran_text(done: &Done, evaluations: Option<usize>) -> String {
    let runs = evaluations.map(|n| format!(", {} runs of the model", format::grouped(n as f64))).unwrap_or_default();
    match &done.ran {
        Ran::Worker => format!("in {} ms on a background worker{runs}", done.millis.round()),
        Ran::Nowhere(why) => format!("not run ({why})"),
    }
}

/// `after` against `before` as a signed percentage ("+26 %"), if both are numbers.
pub(crate) fn change(before: Option<f64>, after: Option<f64>) -> String {
    match (before, after) {
        (Some(b), Some(a)) if b != 0.0 && b.is_finite() && a.is_finite() => {
            let c = (a - b) / b.abs();
            let sign = if c > 0.0 { "+" } else { "" };
            format!("{sign}{}", format::percent(c))
        }
        _ => "—".to_string(),
    }
}
