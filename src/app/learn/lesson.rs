//! One lesson's steps: the introduction, the prediction (a radio group that
//! must be answered before the model's answer is revealed), then the
//! challenge: the lesson's start loaded into the app, only its dials, a
//! live goal panel, hints one at a time, "Check my plan" with feedback on
//! what fails and by how much, and the debrief once the goal is met. Every
//! decision is the engine's ([`funnel_engine::learn`]); this only shows it.

use std::rc::Rc;

use yew::prelude::*;

use super::card::{ResultCardView, today};
use super::glossary::{TeamTag, Term};
use super::state::{LearnAction, LearnState, Step};
use crate::app::browser::focus;
use crate::app::controls::field::NumberField;
use crate::app::controls::input_checked;
use crate::app::state::{Action, AppState};
use funnel_engine::fields::{ChannelField, Field};
use funnel_engine::learn::{
    self, ConditionStatus, Lesson, ResultCard, breaches, feedback, kpi_label, kpi_text, lesson, next_lesson,
};

/// Props of [`LessonView`].
#[derive(Properties, PartialEq)]
pub struct LessonViewProps {
    /// The lesson's id.
    pub id: &'static str,
    /// The Learn pane's state.
    pub learn: UseReducerHandle<LearnState>,
    /// The app state (its scenario is the learner's plan).
    pub state: UseReducerHandle<AppState>,
    /// Dispatches to the app's reducer.
    pub on_action: Callback<Action>,
    /// Dark colour scheme (the result card's picture).
    #[prop_or_default]
    pub dark: bool,
}

/// The open lesson, step by step.
#[component]
pub fn LessonView(props: &LessonViewProps) -> Html {
    let id = props.id;
    let learn = &props.learn;
    let scenario = props.state.scenario.clone();
    // Runs of the start and the prediction's variants: once per lesson.
    let reveal = use_memo(id, |id| lesson(id).and_then(Lesson::reveal));
    let start_kpis = use_memo(id, |id| lesson(id).and_then(|l| learn::kpis(&l.goal, &l.start())));
    // The plan's run over the goal's horizon: on every change of the plan.
    let status = use_memo((id, scenario.clone(), start_kpis.clone()), |(id, plan, start)| {
        lesson(id).map(|l| {
            let status = learn::check_kpis(&l.goal, start.as_ref().as_ref(), learn::kpis(&l.goal, plan).as_ref());
            let broken = breaches(l, plan);
            (status, broken)
        })
    });
    let in_challenge = learn.step == Step::Challenge;
    let met = in_challenge && status.as_ref().as_ref().is_some_and(|(s, b)| s.met && b.is_empty());
    let debrief = use_memo((id, scenario.clone(), met), |(id, plan, met)| {
        if *met { lesson(id).map(|l| l.debrief(plan)).unwrap_or_default() } else { Vec::new() }
    });
    let card = use_memo((id, scenario.clone(), met), |(id, plan, met)| {
        let l = lesson(id).filter(|_| *met)?;
        Some(Rc::new(ResultCard::new(l.title, &today(), &l.check(plan), &l.start(), plan)))
    });
    {
        let learn = learn.clone();
        use_effect_with((id, met), move |(id, met)| {
            if *met {
                learn.dispatch(LearnAction::Complete(id));
            }
        });
    }
    {
        // The button pressed to move on disappears: the keyboard focus moves
        // to what it revealed (not on opening the lesson).
        let before = use_mut_ref(|| None::<(Step, bool)>);
        use_effect_with((learn.step, learn.revealed), move |now| {
            let previous = before.borrow_mut().replace(*now);
            if previous.is_some_and(|p| p != *now) {
                let target = match now {
                    (Step::Challenge, _) => "lesson-challenge-title",
                    (Step::Predict, true) => "lesson-reveal-text",
                    (Step::Predict, false) => "lesson-predict-title",
                    (Step::Intro, _) => "lesson-title",
                };
                focus(target);
            }
        });
    }
    let Some(l) = lesson(id) else { return Html::default() };

    let go = |step: Step| learn.dispatcher().to_callback().reform(move |_: MouseEvent| LearnAction::Go(step));
    let start_challenge = {
        let learn = learn.dispatcher();
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| {
            on_action.emit(Action::Load(Box::new(l.start().into())));
            learn.dispatch(LearnAction::Go(Step::Challenge));
        })
    };

    html! {
        <article class="lesson" aria-labelledby="lesson-title" data-lesson={id}>
            <h2 id="lesson-title" tabindex="-1">
                { l.title }
                if learn.is_done(id) { <span class="done-mark">{ " ✓" }<span class="visually-hidden">{ " (completed)" }</span></span> }
            </h2>
            <p class="lesson-teams">
                { "About: " }
                { for l.teams.iter().map(|t| html! { <TeamTag team={*t} role="Team: " /> }) }
            </p>
            <section class="lesson-step" aria-labelledby="lesson-intro-title">
                <h3 id="lesson-intro-title">{ "1. The idea" }</h3>
                <p>{ l.intro }</p>
                <p class="note"><a id="lesson-link" href={format!("?{}={id}", learn::play::LESSON_KEY)}>{ "Link to this lesson" }</a></p>
                <p class="lesson-concepts">
                    { "Terms: " }
                    { for l.concepts.iter().map(|c| html! { <Term id={*c} /> }) }
                </p>
                if learn.step == Step::Intro {
                    <button type="button" class="primary" id="lesson-to-prediction" onclick={go(Step::Predict)}>
                        { "Next: make a prediction" }
                    </button>
                }
            </section>
            if learn.step >= Step::Predict {
                { prediction(l, learn, reveal.as_ref().as_ref(), start_challenge.clone()) }
            }
            if in_challenge {
                { challenge(l, props, status.as_ref().as_ref(), met, &debrief, start_challenge) }
            }
            if let Some(card) = card.as_ref().clone().filter(|_| in_challenge) {
                <ResultCardView {card} dark={props.dark} />
            }
        </article>
    }
}

/// The prediction: a radio group, "Reveal the answer", then the verdict.
fn prediction(
    l: &'static Lesson,
    learn: &UseReducerHandle<LearnState>,
    reveal: Option<&learn::Reveal>,
    start: Callback<MouseEvent>,
) -> Html {
    let p = &l.prediction;
    let on_reveal = learn.dispatcher().to_callback().reform(|_: MouseEvent| LearnAction::Reveal);
    html! {
        <section class="lesson-step" aria-labelledby="lesson-predict-title">
            <h3 id="lesson-predict-title" tabindex="-1">{ "2. Predict" }</h3>
            <fieldset class="prediction" disabled={learn.revealed}>
                <legend>{ p.question }</legend>
                { for p.choices.iter().enumerate().map(|(i, c)| {
                    let onchange = learn.dispatcher().to_callback().reform(move |_: Event| LearnAction::Answer(i));
                    let right = learn.revealed && reveal.is_some_and(|r| r.answer == i);
                    html! {
                        <label class={classes!("choice", right.then_some("right"))} for={format!("prediction-{i}")}>
                            <input type="radio" name="prediction" id={format!("prediction-{i}")} value={i.to_string()}
                                checked={learn.answer == Some(i)} {onchange} />
                            { c.text }
                            if right { <span class="choice-mark">{ " ← the model's answer" }</span> }
                        </label>
                    }
                }) }
            </fieldset>
            if !learn.revealed {
                <button type="button" class="primary" id="lesson-reveal" disabled={learn.answer.is_none()} onclick={on_reveal}
                    aria-describedby="lesson-reveal-note">
                    { "Reveal the answer" }
                </button>
                <p class="note" id="lesson-reveal-note">{ "Choose an answer first: the model's answer shows after you commit." }</p>
            } else {
                <div class="reveal" id="lesson-reveal-text" role="status" tabindex="-1">
                    { verdict(learn.answer, reveal, l) }
                    if let Some(r) = reveal { <p>{ r.text.clone() }</p> }
                    <p>{ l.lesson }</p>
                </div>
                if learn.step == Step::Predict {
                    <button type="button" class="primary" id="lesson-start" onclick={start}>{ "Start the challenge" }</button>
                    <p class="note">{ "This replaces the simulator's scenario with the lesson's start: save yours first (Sources, saved & files) to keep it." }</p>
                }
            }
        </section>
    }
}

fn verdict(answer: Option<usize>, reveal: Option<&learn::Reveal>, l: &Lesson) -> Html {
    match (answer, reveal) {
        (Some(a), Some(r)) if a == r.answer => {
            html! { <p class="verdict right" data-verdict="right">{ "You were right." }</p> }
        }
        (_, Some(r)) => {
            let text = l.prediction.choices.get(r.answer).map_or("", |c| c.text);
            html! { <p class="verdict wrong" data-verdict="wrong">{ format!("Not quite: the model says “{text}”.") }</p> }
        }
        _ => html! { <p class="verdict" data-verdict="none">{ "The model could not answer for this start." }</p> },
    }
}

/// The challenge: dials, the live goal, checking, hints and the debrief.
fn challenge(
    l: &'static Lesson,
    props: &LessonViewProps,
    status: Option<&(learn::GoalStatus, Vec<String>)>,
    met: bool,
    debrief: &Rc<Vec<String>>,
    restart: Callback<MouseEvent>,
) -> Html {
    let learn = &props.learn;
    let state = &props.state;
    let generation = state.generation;
    let on_check = learn.dispatcher().to_callback().reform(move |_: MouseEvent| LearnAction::Check(generation));
    let on_hint = learn.dispatcher().to_callback().reform(|_: MouseEvent| LearnAction::Hint);
    let checked = learn.checked == Some(generation);
    let notes = status.map(|(s, b)| feedback(s, b)).unwrap_or_default();
    let hints_left = l.hints.len().saturating_sub(learn.hints);
    html! {
        <section class="lesson-step lesson-challenge" aria-labelledby="lesson-challenge-title">
            <h3 id="lesson-challenge-title" tabindex="-1">{ "3. Your challenge" }</h3>
            <p class="goal-text">{ l.goal.text }</p>
            <fieldset class="dials">
                <legend>{ "Your dials" }</legend>
                <p class="note">{ "The only assumptions this lesson lets you change." }</p>
                { for l.dials.iter().map(|d| dial(d, state, &props.on_action)) }
            </fieldset>
            { goal_panel(status) }
            if let Some((_, broken)) = status.filter(|(_, b)| !b.is_empty()) {
                <div class="notice" id="lesson-rules">
                    <p>{ "This plan does not count yet:" }</p>
                    <ul>{ for broken.iter().map(|b| html! { <li>{ b.clone() }</li> }) }</ul>
                </div>
            }
            <div class="lesson-actions">
                <button type="button" class="primary" id="lesson-check" onclick={on_check}>{ "Check my plan" }</button>
                <button type="button" id="lesson-hint" disabled={hints_left == 0} onclick={on_hint}>
                    { if hints_left == 0 { "No more hints".to_string() } else { format!("Show a hint ({hints_left} left)") } }
                </button>
                <button type="button" id="lesson-restart" onclick={restart}>{ "Start the challenge again" }</button>
            </div>
            { check_feedback(checked, met, &notes) }
            if learn.hints > 0 {
                <ol class="hints" aria-label="Hints">
                    { for l.hints.iter().take(learn.hints).map(|h| html! { <li>{ *h }</li> }) }
                </ol>
            }
            if met {
                { debrief_view(l, debrief, learn) }
            }
        </section>
    }
}

/// One dial: the field's control with the lesson's range (ids prefixed
/// `learn-`); channel shares get a lock, as in the channel mix.
fn dial(d: &learn::Dial, state: &AppState, on_action: &Callback<Action>) -> Html {
    let s = &state.scenario;
    let field = d.field;
    let note = format!(
        "This lesson allows {} to {}.",
        learn::play::field_text(field, d.min),
        learn::play::field_text(field, d.max)
    );
    let lock = match field {
        Field::Channel(i, ChannelField::Share) => {
            let locked = state.locked.get(i).copied().unwrap_or(false);
            let on_lock = on_action.reform(move |e: Event| Action::SetLocked(i, input_checked(&e)));
            let name = s.channels.get(i).map(|c| c.name.clone()).unwrap_or_default();
            html! {
                <span class="toggles">
                    <label class="toggle" for={format!("learn-channel-{i}-lock")}>
                        <input type="checkbox" id={format!("learn-channel-{i}-lock")} checked={locked} onchange={on_lock} />
                        { "Lock" }<span class="visually-hidden">{ format!(" {name} share") }</span>
                    </label>
                </span>
            }
        }
        _ => Html::default(),
    };
    let locked =
        matches!(field, Field::Channel(i, ChannelField::Share) if state.locked.get(i).copied().unwrap_or(false));
    html! {
        <NumberField {field} label={field.label(s)} value={field.get(s).unwrap_or(f64::NAN)}
            draft={state.drafts.get(&field).cloned()} disabled={locked} id_prefix="learn-"
            range={Some((d.min, d.max))} note={AttrValue::from(note)} on_action={on_action.clone()}>
            { lock }
        </NumberField>
    }
}

/// Each condition: the plan's value against the target, met or not.
pub(super) fn goal_panel(status: Option<&(learn::GoalStatus, Vec<String>)>) -> Html {
    let Some((status, broken)) = status else { return Html::default() };
    let all = status.met && broken.is_empty();
    html! {
        <section class="goal-panel" aria-labelledby="goal-title" data-goal-met={all.to_string()}>
            <h4 id="goal-title">
                { "Goal " }
                <span class={classes!("goal-state", if all { "met" } else { "not-met" })}>
                    { if all { "✓ met" } else { "✗ not met yet" } }
                </span>
            </h4>
            <ul class="goal-conditions">
                { for status.conditions.iter().enumerate().map(|(i, c)| condition(i, c)) }
            </ul>
        </section>
    }
}

pub(super) fn condition(i: usize, c: &ConditionStatus) -> Html {
    let kpi = c.condition.kpi;
    let show = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| kpi_text(kpi, v));
    html! {
        <li class={classes!("goal-condition", if c.met { "met" } else { "not-met" })} data-condition={i.to_string()}
            data-met={c.met.to_string()}>
            <span class="condition-mark" aria-hidden="true">{ if c.met { "✓" } else { "✗" } }</span>
            <span class="condition-kpi">{ kpi_label(kpi) }</span>
            <span class="condition-values">
                { format!("{} (goal {} {})", show(c.current), c.condition.compare.symbol(), show(c.target)) }
            </span>
            <span class="visually-hidden">{ if c.met { ", met" } else { ", not met" } }</span>
        </li>
    }
}

/// What happened, in the learner's numbers, and the way on.
fn debrief_view(l: &'static Lesson, debrief: &Rc<Vec<String>>, learn: &UseReducerHandle<LearnState>) -> Html {
    let next = next_lesson(l.id);
    html! {
        <section class="debrief" id="lesson-debrief" aria-labelledby="debrief-title">
            <h4 id="debrief-title">{ "Debrief: what happened in your plan" }</h4>
            { for debrief.iter().map(|p| html! { <p>{ p.clone() }</p> }) }
            if let Some(next) = next {
                <button type="button" class="primary" id="lesson-next"
                    onclick={learn.dispatcher().to_callback().reform(move |_: MouseEvent| LearnAction::Open(next.id))}>
                    { format!("Next lesson: {}", next.title) }
                </button>
            } else {
                <p>{ "That was the last lesson: well done." }</p>
            }
        </section>
    }
}

/// What "Check my plan" says: the goal met, or each rule broken and each
/// condition missed (nothing before the first check).
pub(super) fn check_feedback(checked: bool, met: bool, notes: &[String]) -> Html {
    html! {
        <div id="lesson-feedback" role="status">
            if checked && met {
                <p class="feedback met" data-feedback="met">{ "Goal met! Read the debrief below." }</p>
            } else if checked {
                <div class="feedback missed" data-feedback="missed">
                    <p>{ "Not yet:" }</p>
                    <ul>{ for notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
                </div>
            }
        </div>
    }
}
