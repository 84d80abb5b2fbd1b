//! The channel mix: one share slider per channel ("<channel> share"), a
//! lock and an on/off switch each (the reducer keeps the shares summing to
//! 100 %), and the per-channel assumptions in an "advanced" `<details>`.

use yew::prelude::*;

use super::field::NumberField;
use super::{ControlsProps, input_checked, number_field};
use crate::app::state::Action;
use funnel_engine::fields::{ChannelField, Field};
use funnel_engine::format;

/// Shares, locks and switches, then the advanced assumptions.
#[component]
pub fn ChannelMix(props: &ControlsProps) -> Html {
    let state = &props.state;
    let on_action = &props.on_action;
    let s = &state.scenario;
    let total: f64 = s.channels.iter().map(|c| c.share).sum();
    let rows = s.channels.iter().enumerate().map(|(i, channel)| {
        let field = Field::Channel(i, ChannelField::Share);
        let locked = state.locked.get(i).copied().unwrap_or(false);
        let enabled = state.enabled.get(i).copied().unwrap_or(true);
        // The last channel on (or one whose share has nowhere to go) cannot be switched off.
        let switch_fixed = enabled && !state.can_switch_off(i);
        let on_lock = on_action.reform(move |e: Event| Action::SetLocked(i, input_checked(&e)));
        let on_enable = on_action.reform(move |e: Event| Action::SetEnabled(i, input_checked(&e)));
        let why = switch_fixed.then(|| {
            AttrValue::from("This channel cannot be switched off: another channel must be on and unlocked to take its share.")
        });
        html! {
            <div class={classes!("channel-row", (!enabled).then_some("off"))} key={i}>
                <NumberField {field} label={field.label(s)} value={channel.share * 100.0}
                    draft={state.drafts.get(&field).cloned()} disabled={locked || !enabled}
                    on_action={on_action.clone()}>
                    <span class="toggles">
                        <label class="toggle" for={format!("channel-{i}-lock")}>
                            <input type="checkbox" id={format!("channel-{i}-lock")} checked={locked} onchange={on_lock} />
                            { "Lock" }<span class="visually-hidden">{ format!(" {} share", channel.name) }</span>
                        </label>
                        <label class="toggle" for={format!("channel-{i}-enabled")} title={why.clone()}>
                            <input type="checkbox" role="switch" id={format!("channel-{i}-enabled")} checked={enabled}
                                disabled={switch_fixed} onchange={on_enable} />
                            { "On" }<span class="visually-hidden">{ format!(": {}", channel.name) }</span>
                        </label>
                    </span>
                </NumberField>
            </div>
        }
    });
    html! {
        <fieldset>
            <legend>{ "Channel mix" }</legend>
            <p class="note">
                { format!("Shares of the budget add up to {}. Moving one rescales the others that are on and unlocked.",
                    format::percent(total)) }
            </p>
            { for rows }
            <details class="advanced">
                <summary>{ "Advanced: per-channel assumptions" }</summary>
                { for s.channels.iter().enumerate().map(|(i, channel)| html! {
                    <fieldset key={i}>
                        <legend>{ channel.name.clone() }</legend>
                        { for ChannelField::ADVANCED.iter().map(|f| number_field(state, Field::Channel(i, *f), on_action)) }
                    </fieldset>
                }) }
            </details>
        </fieldset>
    }
}
