//! Simulation settings: expected vs Monte Carlo (radio buttons), the number
//! of runs, and the seed with a "New seed" button.

use yew::prelude::*;

use super::field::NumberField;
use super::{ControlsProps, number_field};
use crate::app::browser::random_seed;
use crate::app::learn::glossary::TeamTag;
use crate::app::state::Action;
use funnel_engine::Mode;
use funnel_engine::fields::Field;
use funnel_engine::learn::Team;

/// Mode, runs and seed.
#[component]
pub fn SimulationControls(props: &ControlsProps) -> Html {
    let state = &props.state;
    let on_action = &props.on_action;
    let mode = state.scenario.simulation.mode;
    let seed = state.scenario.simulation.seed;
    let radio = |id: &'static str, label: &'static str, value: Mode| {
        let onchange = on_action.reform(move |_: Event| Action::SetMode(value));
        html! {
            <label class="radio" for={id}>
                <input type="radio" name="sim-mode" {id} checked={mode == value} {onchange} />
                { label }
            </label>
        }
    };
    let on_new_seed = on_action.reform(|_: MouseEvent| Action::SetSeed(random_seed()));
    html! {
        <fieldset>
            <legend>{ "Simulation" }</legend>
            <fieldset class="radios">
                <legend class="visually-hidden">{ "Mode" }</legend>
                { radio("mode-expected", "Expected", Mode::Expected) }
                { radio("mode-monte-carlo", "Monte Carlo", Mode::MonteCarlo) }
                <TeamTag team={Team::Simulation} />
            </fieldset>
            <p class="note">
                { "Expected runs the average flows once. Monte Carlo draws every flow at random, many times, \
                   and shows the spread (P10–P90)." }
            </p>
            { number_field(state, Field::Runs, on_action) }
            <NumberField field={Field::Seed} label={Field::Seed.label(&state.scenario)} value={seed as f64}
                exact={AttrValue::from(seed.to_string())} number_only=true
                draft={state.drafts.get(&Field::Seed).cloned()} on_action={on_action.clone()}>
                <button type="button" id="sim-new-seed" onclick={on_new_seed}>{ "New seed" }</button>
            </NumberField>
        </fieldset>
    }
}
