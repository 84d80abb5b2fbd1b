//! `NumberField`: one assumption as a labelled slider plus a number input
//! with its unit. The slider has the field's id (`sales-win-rate`), the
//! number input `<id>-number`; both report on every `input` event. Refused
//! text stays in the number input, which is marked `aria-invalid` and
//! described by an inline `role="alert"` message. Beside the label (never
//! inside it) sit the team that decides the field and, where the glossary
//! explains it, a small “i” [`Term`] button. The Learn pane reuses the field
//! with an id prefix (so ids stay unique beside the assumptions) and the
//! lesson's dial range.

use yew::prelude::*;

use super::input_value;
use crate::app::learn::glossary::{TeamTag, Term};
use crate::app::state::{Action, Draft, Source};
use funnel_engine::fields::{Field, input_text};
use funnel_engine::learn::{field_team, term_for_field};

/// Props of [`NumberField`].
#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    /// The field.
    pub field: Field,
    /// Label text a person reads.
    pub label: AttrValue,
    /// The applied value, in shown units.
    pub value: f64,
    /// Exact text for the value when it has no draft (default: the value,
    /// rounded to 6 significant digits; the seed needs all its digits).
    #[prop_or_default]
    pub exact: Option<AttrValue>,
    /// Typed text and its error, if any.
    #[prop_or_default]
    pub draft: Option<Draft>,
    /// Not editable right now (a locked or switched-off share).
    #[prop_or_default]
    pub disabled: bool,
    /// A short note under the inputs (e.g. the monthly equivalent).
    #[prop_or_default]
    pub note: Option<AttrValue>,
    /// No slider, only the number input (e.g. the seed).
    #[prop_or_default]
    pub number_only: bool,
    /// Receives the edits.
    pub on_action: Callback<Action>,
    /// Extra content after the inputs (lock and on/off switches).
    #[prop_or_default]
    pub children: Html,
    /// Prefix of the inputs' ids (the Learn pane's dials: `learn-`), so a
    /// second copy of a field keeps ids unique.
    #[prop_or_default]
    pub id_prefix: AttrValue,
    /// The slider's and number input's range in shown units, when narrower
    /// than the field's (a lesson's dial); linear fields only.
    #[prop_or_default]
    pub range: Option<(f64, f64)>,
}

/// A labelled slider + number input for one field.
#[component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let field = props.field;
    let spec = field.spec();
    let id = format!("{}{}", props.id_prefix, field.id());
    let number_id = if props.number_only { id.clone() } else { format!("{id}-number") };
    let label_id = format!("{id}-label");
    let error_id = format!("{id}-error");
    let note_id = format!("{id}-note");
    let error = props.draft.as_ref().and_then(|d| d.error.clone());
    let text = match (&props.draft, &props.exact) {
        (Some(d), _) => d.text.clone(),
        (None, Some(exact)) => exact.to_string(),
        (None, None) => input_text(props.value),
    };

    let on_slider = props.on_action.reform(move |e: InputEvent| {
        let shown = spec.from_slider(input_value(&e).parse().unwrap_or(f64::NAN));
        Action::Edit { field, text: input_text(shown), source: Source::Slider }
    });
    let on_number = props.on_action.reform(move |e: InputEvent| Action::Edit {
        field,
        text: input_value(&e),
        source: Source::Typed,
    });
    let on_commit = props.on_action.reform(move |_: Event| Action::Commit(field));

    let mut described: Vec<&str> = Vec::new();
    if error.is_some() {
        described.push(&error_id);
    }
    if props.note.is_some() {
        described.push(&note_id);
    }
    let described = (!described.is_empty()).then(|| described.join(" "));
    let invalid = error.as_ref().map(|_| "true");
    let (lo, hi) =
        props.range.map_or_else(|| spec.slider_bounds(), |(lo, hi)| (spec.to_slider(lo), spec.to_slider(hi)));
    let (number_min, number_max) = props.range.unwrap_or((spec.min, spec.max));
    let unit = spec.unit;
    let number_label = format!("{} ({})", props.label, if unit.suffix().is_empty() { "$" } else { unit.suffix() });
    let number_label =
        if unit.prefix().is_empty() && unit.suffix().is_empty() { props.label.to_string() } else { number_label };

    html! {
        <div class={classes!("field", error.as_ref().map(|_| "has-error"))}>
            <div class="field-head">
                <label id={label_id} for={if props.number_only { number_id.clone() } else { id.clone() }}>{ props.label.clone() }</label>
                if let Some(term) = term_for_field(field) {
                    <Term id={term.id} icon=true />
                }
                <TeamTag team={field_team(field)} />
            </div>
            <div class="field-inputs">
                if !props.number_only {
                    <input type="range" id={id.clone()} min={num(lo)} max={num(hi)} step={spec.slider_step()}
                        value={num(spec.to_slider(props.value))} disabled={props.disabled}
                        aria-describedby={described.clone()} aria-invalid={invalid}
                        aria-valuetext={format!("{}{}{}", unit.prefix(), input_text(props.value), suffix(unit.suffix()))}
                        oninput={on_slider} />
                }
                <span class="number">
                    if !unit.prefix().is_empty() { <span class="unit" aria-hidden="true">{ unit.prefix() }</span> }
                    <input type="number" id={number_id} inputmode="decimal" step="any"
                        min={num(number_min)} max={num(number_max)} value={text} disabled={props.disabled}
                        aria-label={number_label} aria-describedby={described} aria-invalid={invalid}
                        oninput={on_number} onchange={on_commit} />
                    if !unit.suffix().is_empty() { <span class="unit" aria-hidden="true">{ unit.suffix() }</span> }
                </span>
                { props.children.clone() }
            </div>
            if let Some(note) = props.note.clone() {
                <p class="note" id={note_id}>{ note }</p>
            }
            if let Some(error) = error {
                <p class="field-error" id={error_id} role="alert">{ error }</p>
            }
        </div>
    }
}

fn num(v: f64) -> String {
    if v.is_finite() { v.to_string() } else { String::new() }
}

fn suffix(s: &str) -> String {
    if s.is_empty() { String::new() } else { format!(" {s}") }
}
