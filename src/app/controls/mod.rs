//! The assumptions panel: every control is a native, labelled input with
//! its unit, and every change is an [`Action`] for the reducer.
//!
//! - [`field`]: one number as slider + number input (the building block);
//! - [`channels`]: the channel mix (shares, locks, on/off) and the advanced
//!   per-channel assumptions;
//! - [`simulation`]: expected vs Monte Carlo, runs and seed;
//! - this module: the panel and the budget, sales, revenue and market groups.

pub mod channels;
pub mod field;
pub mod simulation;

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use self::channels::ChannelMix;
use self::field::NumberField;
use self::simulation::SimulationControls;
use super::state::{Action, AppState};
use funnel_engine::fields::{Field, MarketField, RevenueField, SalesField};
use funnel_engine::format;

/// The `value` of the input an event came from ("" if none).
pub fn input_value(e: &Event) -> String {
    e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default()
}

/// Whether the checkbox an event came from is checked.
pub fn input_checked(e: &Event) -> bool {
    e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).is_some_and(|i| i.checked())
}

/// Props of [`Controls`] and its groups.
#[derive(Properties)]
pub struct ControlsProps {
    /// A snapshot of the app state.
    pub state: Rc<AppState>,
    /// Receives every edit (a stable callback: created once by the app).
    pub on_action: Callback<Action>,
}

/// Controls re-render only when what they show changes: not on Monte Carlo
/// progress or playback, which would re-diff every input many times a second.
impl PartialEq for ControlsProps {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&*self.state, &*other.state);
        self.on_action == other.on_action
            && Rc::ptr_eq(&a.scenario, &b.scenario)
            && a.drafts == b.drafts
            && a.locked == b.locked
            && a.enabled == b.enabled
            && a.plan == b.plan
    }
}

/// A [`NumberField`] for `field` with its current value, draft and label.
pub fn number_field(state: &AppState, field: Field, on_action: &Callback<Action>) -> Html {
    html! {
        <NumberField {field} label={field.label(&state.scenario)} value={field.get(&state.scenario).unwrap_or(f64::NAN)}
            draft={state.drafts.get(&field).cloned()} on_action={on_action.clone()} />
    }
}

/// Every control, grouped.
#[component]
pub fn Controls(props: &ControlsProps) -> Html {
    let state = &props.state;
    let on_action = &props.on_action;
    let s = &state.scenario;
    let per_week = s.budget.per_week;
    let monthly = format!("≈ {} per month (× 52 ÷ 12)", format::money(per_week * 52.0 / 12.0));
    let problems = state.errors().count();
    html! {
        // Also the "Assumptions" tab's pane (src/app/views.rs).
        <aside class="controls" id="pane-assumptions" role="tabpanel" aria-labelledby="tab-assumptions">
            <h2>{ "Assumptions" }</h2>
            if problems > 0 {
                <p class="notice">
                    { format!("{problems} value{} not applied: the results below use the last valid scenario.",
                        if problems == 1 { " is" } else { "s are" }) }
                </p>
            }
            if let Some(plan) = &state.plan {
                <p class="notice" id="plan-active-note">
                    { format!("A plan over time with {} phase{} is active (above the weekly charts): the budget, mix and reps here \
                               hold for the weeks whose phase leaves them blank.",
                        plan.phases.len(), if plan.phases.len() == 1 { "" } else { "s" }) }
                </p>
            }
            <fieldset>
                <legend>{ "Budget" }</legend>
                <NumberField field={Field::BudgetPerWeek} label={Field::BudgetPerWeek.label(s)} value={per_week}
                    draft={state.drafts.get(&Field::BudgetPerWeek).cloned()} note={AttrValue::from(monthly)}
                    on_action={on_action.clone()} />
            </fieldset>
            <ChannelMix state={state.clone()} on_action={on_action.clone()} />
            <fieldset>
                <legend>{ "Sales" }</legend>
                { for SalesField::ALL.iter().map(|f| number_field(state, Field::Sales(*f), on_action)) }
            </fieldset>
            <fieldset>
                <legend>{ "Revenue" }</legend>
                { for RevenueField::ALL.iter().map(|f| number_field(state, Field::Revenue(*f), on_action)) }
            </fieldset>
            <fieldset>
                <legend>{ "Market" }</legend>
                { number_field(state, Field::Market(MarketField::Size), on_action) }
                { number_field(state, Field::Market(MarketField::WordOfMouth), on_action) }
                { number_field(state, Field::Market(MarketField::ForgetRate), on_action) }
                { number_field(state, Field::Weeks, on_action) }
                <details>
                    <summary>{ "Starting point and organic traffic" }</summary>
                    { for MarketField::ALL[3..].iter().map(|f| number_field(state, Field::Market(*f), on_action)) }
                </details>
            </fieldset>
            <SimulationControls state={state.clone()} on_action={on_action.clone()} />
        </aside>
    }
}
