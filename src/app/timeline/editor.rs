//! The timeline editor above the weekly charts: a track with one block per
//! phase, and a labelled form per phase. On the track, dragging across
//! weeks adds a phase over them and dragging a boundary moves it (onto the
//! next boundary, or back onto the one before, removes a phase); boundaries
//! are sliders for the keyboard too. Everything the track does can be
//! typed in the forms. Every change is a [`TimelineEdit`] for the reducer.

use std::collections::BTreeMap;
use std::rc::Rc;

use web_sys::{Element, PointerEvent};
use yew::prelude::*;

use super::{PlanField, TimelineEdit};
use crate::app::controls::input_value;
use crate::app::plan::form::number;
use crate::app::state::{Action, Draft};
use funnel_engine::Scenario;
use funnel_engine::format;
use funnel_engine::plan::{Plan, PlannedScenario, QuotaUnit, Schedule};

/// Props of [`TimelineEditor`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The scenario the plan belongs to.
    pub scenario: Rc<Scenario>,
    /// The plan, if there is one.
    pub plan: Option<Rc<Plan>>,
    /// Typed plan texts and their messages.
    pub drafts: BTreeMap<PlanField, Draft>,
    /// Receives every edit.
    pub on_action: Callback<Action>,
}

/// What is being dragged on the track.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Drag {
    /// A new phase from one week to another.
    Add { from: u32, to: u32 },
    /// The end of phase `phase`, now at week `to_week`.
    Boundary { phase: usize, to_week: u32 },
}

/// The week (1..=weeks) under horizontal position `x` of a track starting
/// at `left` and `width` wide.
pub fn week_at(x: f64, left: f64, width: f64, weeks: u32) -> u32 {
    if width <= 0.0 || weeks == 0 {
        return 1;
    }
    let t = ((x - left) / width).clamp(0.0, 1.0);
    ((t * f64::from(weeks)).floor() as u32 + 1).min(weeks)
}

/// The week boundary (0..=weeks: after that many weeks) nearest to `x`.
pub fn boundary_at(x: f64, left: f64, width: f64, weeks: u32) -> u32 {
    if width <= 0.0 {
        return 0;
    }
    let t = ((x - left) / width).clamp(0.0, 1.0);
    (t * f64::from(weeks)).round() as u32
}

fn percent(weeks_before: u32, weeks: u32) -> String {
    format!("{:.3}%", 100.0 * f64::from(weeks_before) / f64::from(weeks.max(1)))
}

fn track_box(node: &NodeRef) -> Option<(f64, f64)> {
    let rect = node.cast::<Element>()?.get_bounding_client_rect();
    Some((rect.left(), rect.width()))
}

/// The plan over time: a button to start one, or the track and the forms.
#[component]
pub fn TimelineEditor(props: &TimelineProps) -> Html {
    let emit = {
        let on_action = props.on_action.clone();
        move |edit: TimelineEdit| on_action.emit(Action::Timeline(edit))
    };
    let Some(plan) = props.plan.clone() else {
        let start = {
            let emit = emit.clone();
            Callback::from(move |_: MouseEvent| emit(TimelineEdit::Start))
        };
        return html! {
            <section class="timeline" id="timeline" aria-labelledby="timeline-title">
                <div class="timeline-head">
                    <h2 id="timeline-title">{ "Plan over time" }</h2>
                    <button type="button" id="plan-start" onclick={start}>{ "Plan by phase" }</button>
                </div>
                <p class="hint">
                    { "Every week is the same now. Plan by phase to run a burst, launch a channel later, \
                       or hire reps who need weeks to ramp up (or open an example plan from the presets)." }
                </p>
            </section>
        };
    };
    let planned = PlannedScenario { scenario: (*props.scenario).clone(), plan: Some((*plan).clone()) };
    let schedule = planned.schedule();
    let weeks = props.scenario.weeks;
    let clear = {
        let emit = emit.clone();
        Callback::from(move |_: MouseEvent| emit(TimelineEdit::Clear))
    };
    html! {
        <section class="timeline" id="timeline" aria-labelledby="timeline-title">
            <div class="timeline-head">
                <h2 id="timeline-title">{ "Plan over time" }</h2>
                <button type="button" id="plan-clear" class="secondary" onclick={clear}>{ "Remove the plan" }</button>
            </div>
            <Track plan={plan.clone()} {weeks} on_action={props.on_action.clone()} />
            <p class="hint" id="timeline-help">
                { "Drag across the weeks to add a phase; drag a boundary to move it (onto the next one removes a phase), \
                   or use the arrow keys on it. Blank fields carry over from the phase before." }
            </p>
            <div class="phase-forms">
                { for plan.phases.iter().enumerate().map(|(i, _)| phase_form(props, &plan, &schedule, i)) }
            </div>
            { team_form(props, &plan) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct TrackProps {
    plan: Rc<Plan>,
    weeks: u32,
    on_action: Callback<Action>,
}

/// The phases as blocks along the weeks, with draggable boundaries.
#[component]
fn Track(props: &TrackProps) -> Html {
    let track = use_node_ref();
    let drag = use_state(|| None::<Drag>);
    let weeks = props.weeks;
    let plan = &props.plan;
    let dispatch = {
        let on_action = props.on_action.clone();
        move |edit: TimelineEdit| on_action.emit(Action::Timeline(edit))
    };

    let on_down = {
        let (track, drag) = (track.clone(), drag.clone());
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            let Some((left, width)) = track_box(&track) else { return };
            let week = week_at(f64::from(e.client_x()), left, width, weeks);
            if let Some(el) = track.cast::<Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            e.prevent_default();
            drag.set(Some(Drag::Add { from: week, to: week }));
        })
    };
    let on_move = {
        let (track, drag) = (track.clone(), drag.clone());
        Callback::from(move |e: PointerEvent| {
            let Some(now) = *drag else { return };
            let Some((left, width)) = track_box(&track) else { return };
            let x = f64::from(e.client_x());
            let next = match now {
                Drag::Add { from, .. } => Drag::Add { from, to: week_at(x, left, width, weeks) },
                Drag::Boundary { phase, .. } => Drag::Boundary { phase, to_week: boundary_at(x, left, width, weeks) },
            };
            if next != now {
                drag.set(Some(next));
            }
        })
    };
    let on_up = {
        let (drag, plan, dispatch) = (drag.clone(), plan.clone(), dispatch.clone());
        Callback::from(move |_: PointerEvent| {
            match *drag {
                // A click is not a drag: a new phase spans at least two weeks.
                Some(Drag::Add { from, to }) if from != to => dispatch(TimelineEdit::Add { from, to }),
                Some(Drag::Boundary { phase, to_week }) => {
                    let (lo, hi) = boundary_limits(&plan, phase);
                    let to_week = to_week.clamp(lo, hi);
                    if plan.phases.get(phase).is_some_and(|p| p.to_week != to_week) {
                        dispatch(TimelineEdit::MoveEnd { phase, to_week });
                    }
                }
                _ => {}
            }
            drag.set(None);
        })
    };
    let on_cancel = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| drag.set(None))
    };

    // Where each boundary is drawn: dragged, or where it is.
    let boundary_week = |i: usize| match *drag {
        Some(Drag::Boundary { phase, to_week }) if phase == i => {
            let (lo, hi) = boundary_limits(plan, i);
            to_week.clamp(lo, hi)
        }
        _ => plan.phases[i].to_week,
    };
    let blocks = plan.phases.iter().enumerate().map(|(i, p)| {
        let start = if i == 0 { 0 } else { boundary_week(i - 1) };
        let end = if i + 1 == plan.phases.len() { weeks } else { boundary_week(i) };
        let style = format!("left:{};width:{}", percent(start, weeks), percent(end.saturating_sub(start), weeks));
        let label = phase_title(i, &p.name);
        let span = if end > start { format!("weeks {}–{}", start + 1, end) } else { "removed".into() };
        html! {
            <div class={classes!("timeline-phase", format!("tone-{}", i % 4))} {style} data-phase={(i + 1).to_string()}
                title={format!("{label}: {span}")}>
                <span class="timeline-label">{ label }</span>
                <span class="timeline-weeks">{ span }</span>
            </div>
        }
    });
    let handles = (0..plan.phases.len().saturating_sub(1)).map(|i| {
        let at = boundary_week(i);
        let (lo, hi) = boundary_limits(plan, i);
        let on_handle_down = {
            let (track, drag) = (track.clone(), drag.clone());
            Callback::from(move |e: PointerEvent| {
                e.stop_propagation();
                e.prevent_default();
                if let Some(el) = track.cast::<Element>() {
                    let _ = el.set_pointer_capture(e.pointer_id());
                }
                drag.set(Some(Drag::Boundary { phase: i, to_week: at }));
            })
        };
        let on_key = {
            let (plan, dispatch) = (plan.clone(), dispatch.clone());
            Callback::from(move |e: KeyboardEvent| {
                let now = plan.phases[i].to_week;
                // The keyboard moves within the two phases (it never removes one).
                let (first, last) = (plan.phases[i].from_week, plan.phases[i + 1].to_week.saturating_sub(1));
                let to = match e.key().as_str() {
                    "ArrowLeft" | "ArrowDown" => now.saturating_sub(1).max(first),
                    "ArrowRight" | "ArrowUp" => (now + 1).min(last),
                    "PageDown" => now.saturating_sub(4).max(first),
                    "PageUp" => (now + 4).min(last),
                    "Home" => first,
                    "End" => last,
                    _ => return,
                };
                e.prevent_default();
                if to != now {
                    dispatch(TimelineEdit::MoveEnd { phase: i, to_week: to });
                }
            })
        };
        html! {
            <div class="timeline-handle" role="slider" tabindex="0" id={format!("boundary-{}", i + 1)}
                aria-label={format!("Last week of phase {}", i + 1)}
                aria-valuemin={lo.max(1).to_string()} aria-valuemax={hi.to_string()} aria-valuenow={at.to_string()}
                aria-valuetext={format!("phase {} ends in week {at}, phase {} starts in week {}", i + 1, i + 2, at + 1)}
                style={format!("left:{}", percent(at, weeks))}
                onpointerdown={on_handle_down} onkeydown={on_key}></div>
        }
    });
    let preview = match *drag {
        Some(Drag::Add { from, to }) if from != to => {
            let (a, b) = (from.min(to), from.max(to));
            html! {
                <div class="timeline-new" style={format!("left:{};width:{}", percent(a - 1, weeks), percent(b - a + 1, weeks))}>
                    { format!("new phase: weeks {a}–{b}") }
                </div>
            }
        }
        _ => html! {},
    };
    let ticks = [1, weeks / 4, weeks / 2, 3 * weeks / 4, weeks].into_iter().filter(|w| *w >= 1);
    html! {
        <div class="timeline-wrap">
            <div class="timeline-track" id="timeline-track" ref={track.clone()} aria-describedby="timeline-help"
                onpointerdown={on_down} onpointermove={on_move} onpointerup={on_up} onpointercancel={on_cancel}>
                { for blocks }
                { preview }
                { for handles }
            </div>
            <div class="timeline-scale" aria-hidden="true">
                { for ticks.map(|w| html! {
                    <span style={format!("left:{}", percent(w - 1, weeks))}>{ format!("w{w}") }</span>
                }) }
            </div>
        </div>
    }
}

/// How far the end of phase `i` may be dragged: back onto the week before
/// the phase (removing it) or onto the end of the next phase (removing that).
fn boundary_limits(plan: &Plan, i: usize) -> (u32, u32) {
    let lo = plan.phases.get(i).map_or(0, |p| p.from_week.saturating_sub(1));
    let hi = plan.phases.get(i + 1).map_or(lo, |p| p.to_week);
    (lo, hi)
}

fn phase_title(i: usize, name: &str) -> String {
    if name.trim().is_empty() { format!("Phase {}", i + 1) } else { format!("Phase {}: {}", i + 1, name.trim()) }
}

/// A text input of the plan: the typed text if any, else `value`;
/// `placeholder` says what a blank field carries over.
fn plan_input(props: &TimelineProps, field: PlanField, label: &str, value: String, placeholder: String) -> Html {
    let draft = props.drafts.get(&field);
    let error = draft.and_then(|d| d.error.clone());
    let text = draft.map_or(value, |d| d.text.clone());
    let id = field.id();
    let error_id = format!("{id}-error");
    let numeric = !matches!(field, PlanField::Name(_));
    let oninput = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: InputEvent| {
            on_action.emit(Action::Timeline(TimelineEdit::Text { field, text: input_value(&e) }));
        })
    };
    html! {
        <div class={classes!("plan-field", error.is_some().then_some("invalid"))}>
            <label for={id.clone()}>{ label.to_string() }</label>
            <input id={id.clone()} type="text" inputmode={numeric.then_some("decimal")} value={text} {placeholder} {oninput}
                aria-invalid={error.is_some().then_some("true")}
                aria-describedby={error.is_some().then(|| error_id.clone())} />
            if let Some(message) = error {
                <p class="field-error" id={error_id} role="alert">{ message }</p>
            }
        </div>
    }
}

fn blank_or(v: Option<f64>, show: impl Fn(f64) -> String) -> String {
    v.map(show).unwrap_or_default()
}

/// The form of phase `i`: weeks, name, budget (flat or a ramp), reps, mix.
fn phase_form(props: &TimelineProps, plan: &Plan, schedule: &Schedule, i: usize) -> Html {
    let p = &plan.phases[i];
    let t = (p.from_week as usize).saturating_sub(1);
    let k = schedule.channels;
    let carried = |what: &str, v: Option<f64>| v.map_or_else(String::new, |v| format!("{what} {}", number(v)));
    // What a blank field would give: the value in the phase's first week
    // before its own settings, i.e. the previous phase's last week.
    let before = t.checked_sub(1);
    let prior_budget = before.and_then(|b| schedule.budget.get(b).copied()).or(Some(props.scenario.budget.per_week));
    let prior_reps = before.and_then(|b| schedule.headcount.get(b).copied()).or(Some(props.scenario.sales.reps));
    let last = i + 1 == plan.phases.len();
    let emit = {
        let on_action = props.on_action.clone();
        move |edit: TimelineEdit| {
            let on_action = on_action.clone();
            Callback::from(move |_: MouseEvent| on_action.emit(Action::Timeline(edit.clone())))
        }
    };
    let half = p.from_week + (p.to_week - p.from_week).div_ceil(2);
    let shares = schedule.shares.get(t * k..(t + 1) * k).unwrap_or_default();
    let title = phase_title(i, &p.name);
    html! {
        <fieldset class="phase-form" id={format!("phase-{}", i + 1)}>
            <legend>{ format!("{title} · weeks {}–{}", p.from_week, p.to_week) }</legend>
            <div class="phase-grid">
                { plan_input(props, PlanField::Name(i), "Name", p.name.clone(), "e.g. Q4 burst".into()) }
                if last {
                    <p class="plan-field note">{ format!("Ends with the horizon (week {}).", p.to_week) }</p>
                } else {
                    { plan_input(props, PlanField::ToWeek(i), "Last week", p.to_week.to_string(), String::new()) }
                }
                { plan_input(props, PlanField::Budget(i), "Budget per week ($)",
                    blank_or(p.budget_per_week.or(p.budget_ramp.map(|r| r.from)), number),
                    carried("carries", prior_budget)) }
                { plan_input(props, PlanField::BudgetTo(i), "Ramp to, in the last week ($)",
                    blank_or(p.budget_ramp.map(|r| r.to), number), "no ramp".into()) }
                { plan_input(props, PlanField::Reps(i), "Sales reps",
                    blank_or(p.reps, number), carried("carries", prior_reps)) }
            </div>
            <div class="phase-mix" role="group" aria-label={format!("Channel mix of phase {}", i + 1)}>
                <p class="phase-mix-head">
                    { if p.shares.is_some() { "Channel mix (this phase's own)" } else { "Channel mix (carried over)" } }
                </p>
                { for props.scenario.channels.iter().enumerate().map(|(c, ch)| {
                    let share = number((shares.get(c).copied().unwrap_or(0.0) * 1000.0).round() / 10.0);
                    let value = if p.shares.is_some() { share.clone() } else { String::new() };
                    plan_input(props, PlanField::Share(i, c), &format!("{} (%)", ch.name), value, share)
                }) }
                if p.shares.is_some() {
                    <button type="button" class="link-button" onclick={emit(TimelineEdit::CarryShares(i))}>
                        { "Use the previous mix" }
                    </button>
                }
            </div>
            <div class="phase-actions">
                if p.to_week > p.from_week {
                    <button type="button" class="secondary" id={format!("phase-{}-split", i + 1)}
                        onclick={emit(TimelineEdit::Split { phase: i, at: half })}>
                        { format!("Split at week {half}") }
                    </button>
                }
                if plan.phases.len() > 1 {
                    <button type="button" class="secondary" id={format!("phase-{}-remove", i + 1)}
                        onclick={emit(TimelineEdit::Remove(i))}>{ format!("Remove phase {}", i + 1) }</button>
                }
            </div>
        </fieldset>
    }
}

/// Ramp-up of new reps and the sales quota.
fn team_form(props: &TimelineProps, plan: &Plan) -> Html {
    let unit = plan.quota.map_or(QuotaUnit::Deals, |q| q.unit);
    let on_unit = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            let unit =
                if crate::app::plan::select_value(&e) == "revenue" { QuotaUnit::Revenue } else { QuotaUnit::Deals };
            on_action.emit(Action::Timeline(TimelineEdit::QuotaUnit(unit)));
        })
    };
    let quota_label = match unit {
        QuotaUnit::Deals => "Quota per rep per quarter (won deals)",
        QuotaUnit::Revenue => "Quota per rep per quarter ($ won)",
    };
    html! {
        <fieldset class="phase-form team-form">
            <legend>{ "New reps and quota" }</legend>
            <div class="phase-grid">
                { plan_input(props, PlanField::RampWeeks, "Weeks a new rep needs to reach full speed",
                    plan.ramp_weeks.to_string(), "0".into()) }
                { plan_input(props, PlanField::Quota, quota_label,
                    blank_or(plan.quota.map(|q| q.per_rep_per_quarter), number), "no quota".into()) }
                <div class="plan-field">
                    <label for="plan-quota-unit">{ "Quota counts" }</label>
                    <select id="plan-quota-unit" onchange={on_unit} disabled={plan.quota.is_none()}
                        title={plan.quota.is_none().then_some("Type a quota first")}>
                        <option value="deals" selected={unit == QuotaUnit::Deals}>{ "won deals" }</option>
                        <option value="revenue" selected={unit == QuotaUnit::Revenue}>{ "revenue from won deals" }</option>
                    </select>
                </div>
            </div>
            <p class="hint">
                { format!("A rep hired in a later phase works {} of a full load in their first week and reaches full speed after the ramp-up; \
                           reps cost from the week they are hired. Removing reps takes effect at once.",
                    format::percent(funnel_engine::plan::ramp_share(1, plan.ramp_weeks))) }
            </p>
        </fieldset>
    }
}
