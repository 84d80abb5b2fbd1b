//! Teacher challenges in the Learn pane: [`ChallengeMaker`], the small form
//! that turns the current scenario, a goal and optionally the dials allowed
//! into a `?challenge=CODE` link, and [`ChallengeView`], which plays a challenge opened from such a
//! link like a lesson's challenge step (live goal, "Check my plan",
//! debrief, result card). The challenge, its code, its check and its
//! debrief are the engine's ([`funnel_engine::learn::challenge`]).

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::card::{ResultCardView, today};
use super::lesson::goal_panel;
use super::state::{LearnAction, LearnState, Step};
use crate::app::controls::field::NumberField;
use crate::app::controls::input_checked;
use crate::app::embed_dialog::copy_text;
use crate::app::state::{Action, AppState};
use funnel_engine::fields::Field;
use funnel_engine::learn::challenge::{MAX_CONDITIONS, MAX_TITLE, kpi_named, shown_in_percent, target_from_shown};
use funnel_engine::learn::{Challenge, Compare, Condition, ResultCard, Target, feedback, kpi_label};
use funnel_engine::{Kpi, Scenario};

/// Props of [`ChallengeView`].
#[derive(Properties, PartialEq)]
pub struct ChallengeViewProps {
    /// The challenge.
    pub challenge: Rc<Challenge>,
    /// The Learn pane's state.
    pub learn: UseReducerHandle<LearnState>,
    /// The app state (its scenario is the learner's plan).
    pub state: UseReducerHandle<AppState>,
    /// Dispatches to the app's reducer.
    pub on_action: Callback<Action>,
    /// Dark colour scheme.
    pub dark: bool,
}

/// A teacher's challenge, opened from its link.
#[component]
pub fn ChallengeView(props: &ChallengeViewProps) -> Html {
    let c = props.challenge.clone();
    let learn = &props.learn;
    let plan = props.state.scenario.clone();
    let start_kpis = use_memo(c.clone(), |c| c.kpis(&c.start));
    let status = use_memo((c.clone(), plan.clone(), start_kpis.clone()), |(c, plan, start)| {
        (c.check_kpis(start.as_ref().as_ref(), c.kpis(plan).as_ref()), c.breaches(plan))
    });
    let playing = learn.step == Step::Challenge;
    let met = playing && status.0.met && status.1.is_empty();
    let debrief =
        use_memo((c.clone(), plan.clone(), met), |(c, plan, met)| if *met { c.debrief(plan) } else { Vec::new() });
    let card = use_memo((c.clone(), plan.clone(), met), |(c, plan, met)| {
        met.then(|| Rc::new(ResultCard::new(&c.title, &today(), &c.check(plan), &c.start, plan)))
    });
    {
        let before = use_mut_ref(|| None::<Step>);
        use_effect_with(learn.step, move |now| {
            if before.borrow_mut().replace(*now).is_some_and(|p| p != *now) && *now == Step::Challenge {
                crate::app::browser::focus("lesson-challenge-title");
            }
        });
    }
    let start = {
        let (learn, on_action, c) = (learn.dispatcher(), props.on_action.clone(), c.clone());
        Callback::from(move |_: MouseEvent| {
            on_action.emit(Action::Load(Box::new(c.start.clone().into())));
            learn.dispatch(LearnAction::StartChallenge);
        })
    };
    let generation = props.state.generation;
    let on_check = learn.dispatcher().to_callback().reform(move |_: MouseEvent| LearnAction::Check(generation));
    let checked = learn.checked == Some(generation);
    let notes = feedback(&status.0, &status.1);
    let state = &props.state;
    html! {
        <article class="lesson challenge" aria-labelledby="challenge-title" data-challenge="open">
            <h2 id="challenge-title" tabindex="-1">{ format!("Challenge: {}", c.title) }</h2>
            <p class="note">{ "A challenge set by your teacher, on a scenario of their own." }</p>
            <p class="goal-text" id="challenge-goal">{ format!("Goal: {}", c.goal_text()) }</p>
            // Written again from the decoded challenge: the same link, to share on.
            <p class="note"><a id="challenge-self-link" href={c.link("")}>{ "Link to this challenge" }</a></p>
            if !playing {
                <button type="button" class="primary" id="challenge-start" onclick={start.clone()}>{ "Start the challenge" }</button>
                <p class="note">{ "This replaces the simulator's scenario with the challenge's start: save yours first (Sources, saved & files) to keep it." }</p>
            } else {
                <section class="lesson-step lesson-challenge" aria-labelledby="lesson-challenge-title">
                    <h3 id="lesson-challenge-title" tabindex="-1">{ "Your challenge" }</h3>
                    if c.dials.is_empty() {
                        <p class="note" id="challenge-any">{ "Any assumption may change: use the Assumptions panel (on a phone, the Assumptions tab)." }</p>
                    } else {
                        <fieldset class="dials">
                            <legend>{ "Your dials" }</legend>
                            <p class="note">{ "The only assumptions this challenge lets you change." }</p>
                            { for c.dials.iter().map(|f| {
                                let s = &state.scenario;
                                html! {
                                    <NumberField field={*f} label={f.label(s)} value={f.get(s).unwrap_or(f64::NAN)}
                                        draft={state.drafts.get(f).cloned()} id_prefix="learn-" on_action={props.on_action.clone()} />
                                }
                            }) }
                        </fieldset>
                    }
                    { goal_panel(Some(&*status)) }
                    if !status.1.is_empty() {
                        <div class="notice" id="lesson-rules">
                            <p>{ "This plan does not count yet:" }</p>
                            <ul>{ for status.1.iter().map(|b| html! { <li>{ b.clone() }</li> }) }</ul>
                        </div>
                    }
                    <div class="lesson-actions">
                        <button type="button" class="primary" id="lesson-check" onclick={on_check}>{ "Check my plan" }</button>
                        <button type="button" id="lesson-restart" onclick={start}>{ "Start the challenge again" }</button>
                    </div>
                    { super::lesson::check_feedback(checked, met, &notes) }
                    if met {
                        <section class="debrief" id="lesson-debrief" aria-labelledby="debrief-title">
                            <h4 id="debrief-title">{ "Debrief: what happened in your plan" }</h4>
                            { for debrief.iter().map(|p| html! { <p>{ p.clone() }</p> }) }
                        </section>
                    }
                </section>
                if let Some(card) = (*card).clone() {
                    <ResultCardView {card} dark={props.dark} />
                }
            }
        </article>
    }
}

/// One condition of the form, as typed.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    kpi: Kpi,
    compare: Compare,
    /// `true`: the value is a multiple of the start's.
    times: bool,
    value: String,
}

impl Default for Row {
    fn default() -> Self {
        Row { kpi: Kpi::NewCustomers, compare: Compare::AtLeast, times: true, value: "1.5".into() }
    }
}

/// What the form holds.
#[derive(Clone, Debug, PartialEq)]
struct Draft {
    title: String,
    rows: Vec<Row>,
    weeks: String,
    /// The only fields the learner may change (none: any).
    dials: Vec<Field>,
}

/// The challenge the form describes on `start`, or what is wrong with it.
fn build(draft: &Draft, start: &Scenario) -> Result<Challenge, Vec<String>> {
    let mut problems = Vec::new();
    let title = draft.title.trim();
    if title.is_empty() || title.chars().count() > MAX_TITLE {
        problems.push(format!("Give the challenge a title (at most {MAX_TITLE} characters)."));
    }
    let mut conditions = Vec::new();
    for (i, row) in draft.rows.iter().enumerate() {
        match row.value.trim().parse::<f64>().ok().filter(|v| v.is_finite() && (!row.times || *v > 0.0)) {
            Some(v) => conditions.push(Condition {
                kpi: row.kpi,
                compare: row.compare,
                target: if row.times { Target::TimesStart(v) } else { Target::Value(target_from_shown(row.kpi, v)) },
            }),
            None => problems.push(format!(
                "Condition {}: the value of {} must be a number{}.",
                i + 1,
                kpi_label(row.kpi),
                if row.times { " above 0" } else { "" }
            )),
        }
    }
    let weeks = match draft.weeks.trim() {
        "" => None,
        text => match text.parse::<u32>() {
            Ok(w) if w >= 1 && w <= start.weeks => Some(w),
            _ => {
                problems.push(format!(
                    "By week: a whole number from 1 to {} (the scenario's horizon), or empty.",
                    start.weeks
                ));
                None
            }
        },
    };
    if start.validate().is_err() {
        problems.push("The current scenario is not valid: fix it in the Assumptions panel first.".into());
    }
    if problems.is_empty() {
        let dials = draft.dials.iter().copied().filter(|f| f.get(start).is_some()).collect();
        Ok(Challenge { title: title.to_string(), start: start.clone(), conditions, weeks, dials })
    } else {
        Err(problems)
    }
}

fn input_value(e: &Event) -> String {
    e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default()
}

/// Props of [`ChallengeMaker`].
#[derive(Properties, PartialEq)]
pub struct ChallengeMakerProps {
    /// The current scenario: the challenge's start.
    pub scenario: Rc<Scenario>,
}

/// "Make a challenge link": title, one to three conditions and a horizon;
/// the current scenario is the start.
#[component]
pub fn ChallengeMaker(props: &ChallengeMakerProps) -> Html {
    let draft = use_state(|| Draft {
        title: String::new(),
        rows: vec![Row::default()],
        weeks: String::new(),
        dials: Vec::new(),
    });
    let made = use_state(|| None::<Result<String, Vec<String>>>);
    let status = use_state(|| None::<AttrValue>);
    let link_ref = use_node_ref();
    // Text fields follow every keystroke, so a click right after typing
    // (on "Make the link") sees what was typed.
    let update = |f: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let mut d = (*draft).clone();
            f(&mut d, input_value(&e));
            draft.set(d);
        })
    };
    let row_update = |i: usize, f: fn(&mut Row, String)| {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let value = if let Some(s) = e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) {
                s.value()
            } else {
                input_value(&e)
            };
            let mut d = (*draft).clone();
            if let Some(row) = d.rows.get_mut(i) {
                f(row, value);
            }
            draft.set(d);
        })
    };
    let row_input = |i: usize, f: fn(&mut Row, String)| row_update(i, f).reform(|e: InputEvent| Event::from(e));
    let on_add = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            let mut d = (*draft).clone();
            if d.rows.len() < MAX_CONDITIONS {
                d.rows.push(Row { kpi: Kpi::Cac, compare: Compare::AtMost, times: true, value: "1".into() });
            }
            draft.set(d);
        })
    };
    let on_make = {
        let (draft, made, status, scenario) = (draft.clone(), made.clone(), status.clone(), props.scenario.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let location = web_sys::window().map(|w| w.location());
            let base = location
                .map(|l| format!("{}{}", l.origin().unwrap_or_default(), l.pathname().unwrap_or_default()))
                .unwrap_or_default();
            status.set(None);
            made.set(Some(build(&draft, &scenario).map(|c| c.link(&base))));
        })
    };
    let on_copy = {
        let (made, status, link_ref) = (made.clone(), status.clone(), link_ref.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(Ok(link)) = (*made).clone() {
                copy_text(link, status.clone(), link_ref.clone());
            }
        })
    };
    let on_dial = |field: Field| {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let mut d = (*draft).clone();
            d.dials.retain(|f| *f != field);
            if input_checked(&e) {
                d.dials.push(field);
            }
            draft.set(d);
        })
    };
    let s = &*props.scenario;
    let d = &*draft;
    html! {
        <details class="challenge-maker" id="challenge-maker">
            <summary>{ "Make a challenge link" }</summary>
            <p class="note">{ "For teachers: the scenario in the simulator now becomes the start; add a goal and share the link." }</p>
            <form onsubmit={on_make} novalidate=true>
                <div class="field">
                    <label for="challenge-title-input">{ "Title" }</label>
                    <input type="text" id="challenge-title-input" maxlength={MAX_TITLE.to_string()} value={d.title.clone()}
                        oninput={update(|d, v| d.title = v)} />
                </div>
                { for d.rows.iter().enumerate().map(|(i, row)| {
                    let n = i + 1;
                    let unit = if row.times { "× the start" } else if shown_in_percent(row.kpi) { "%" } else { "" };
                    html! {
                        <fieldset class="challenge-condition" data-row={i.to_string()}>
                            <legend>{ format!("Condition {n}") }</legend>
                            <label for={format!("challenge-kpi-{i}")}>{ "KPI" }</label>
                            <select id={format!("challenge-kpi-{i}")} onchange={row_update(i, |r, v| if let Some(k) = kpi_named(&v) { r.kpi = k })}>
                                { for Kpi::ALL.iter().map(|k| html! {
                                    <option value={k.name()} selected={*k == row.kpi}>{ kpi_label(*k) }</option>
                                }) }
                            </select>
                            <label for={format!("challenge-compare-{i}")}>{ "must be" }</label>
                            <select id={format!("challenge-compare-{i}")}
                                onchange={row_update(i, |r, v| r.compare = if v == "most" { Compare::AtMost } else { Compare::AtLeast })}>
                                <option value="least" selected={row.compare == Compare::AtLeast}>{ "at least" }</option>
                                <option value="most" selected={row.compare == Compare::AtMost}>{ "at most" }</option>
                            </select>
                            <label for={format!("challenge-value-{i}")}>{ "Value" }</label>
                            <input type="text" inputmode="decimal" id={format!("challenge-value-{i}")} value={row.value.clone()}
                                oninput={row_input(i, |r, v| r.value = v)} />
                            <label for={format!("challenge-kind-{i}")} class="visually-hidden">{ format!("Condition {n} value is") }</label>
                            <select id={format!("challenge-kind-{i}")} onchange={row_update(i, |r, v| r.times = v == "times")}>
                                <option value="times" selected={row.times}>{ "× the start" }</option>
                                <option value="value" selected={!row.times}>{ "a value" }</option>
                            </select>
                            <span class="note">{ unit }</span>
                        </fieldset>
                    }
                }) }
                if d.rows.len() < MAX_CONDITIONS {
                    <button type="button" id="challenge-add" onclick={on_add}>{ "Add a condition" }</button>
                }
                <div class="field">
                    <label for="challenge-weeks">{ "By week (empty: the whole horizon)" }</label>
                    <input type="text" inputmode="numeric" id="challenge-weeks" value={d.weeks.clone()}
                        oninput={update(|d, v| d.weeks = v)} />
                </div>
                <fieldset class="challenge-dials">
                    <legend>{ "Dials the learner may turn (none ticked: any assumption)" }</legend>
                    <div class="challenge-dials-list">
                        { for Field::all(s).into_iter().filter(|f| !matches!(f, Field::Runs | Field::Seed)).map(|f| {
                            let id = format!("challenge-dial-{}", f.id());
                            html! {
                                <label class="toggle" for={id.clone()}>
                                    <input type="checkbox" id={id} checked={d.dials.contains(&f)} onchange={on_dial(f)} />
                                    { f.label(s) }
                                </label>
                            }
                        }) }
                    </div>
                </fieldset>
                <button type="submit" class="primary" id="challenge-make">{ "Make the link" }</button>
            </form>
            { match (*made).clone() {
                Some(Ok(link)) => html! {
                    <div class="challenge-link">
                        <label for="challenge-link">{ "The challenge link" }</label>
                        <input type="text" id="challenge-link" readonly=true value={link} ref={link_ref.clone()} />
                        <button type="button" id="challenge-copy" onclick={on_copy}>{ "Copy the link" }</button>
                        <p id="challenge-copy-status" role="status">{ (*status).clone().unwrap_or_default() }</p>
                    </div>
                },
                Some(Err(problems)) => html! {
                    <div class="notice" id="challenge-problems" role="alert">
                        <ul>{ for problems.iter().map(|p| html! { <li>{ p.clone() }</li> }) }</ul>
                    </div>
                },
                None => Html::default(),
            } }
        </details>
    }
}
