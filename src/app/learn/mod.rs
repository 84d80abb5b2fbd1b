//! The Learn pane: the lesson picker (each lesson's title and a done
//! mark), the open lesson ([`lesson`]) and the glossary ([`glossary`]).
//!
//! - [`state`]: the pane's own state and reducer, the hook that keeps the
//!   learner's progress in `localStorage` (`funnel-lab.learn.v1`) and the
//!   `?lesson=ID` address read once at startup;
//! - [`lesson`]: one lesson's steps (idea, prediction, challenge, debrief);
//! - [`glossary`]: the glossary, the inline [`glossary::Term`] and the
//!   [`glossary::TeamTag`] the controls and KPI cards use too.
//!
//! Lessons are the engine's data ([`funnel_engine::learn`]): nothing here
//! decides whether a plan meets a goal.

pub mod card;
pub mod challenge;
pub mod glossary;
pub mod lesson;
pub mod state;

use std::rc::Rc;

use yew::prelude::*;

use self::challenge::{ChallengeMaker, ChallengeView};
use self::glossary::Glossary;
use self::lesson::LessonView;
use self::state::{LearnAction, LearnState, lessons_with_progress};
use super::outcomes::Derived;
use super::state::{Action, AppState};
use funnel_engine::learn::LESSONS;

/// Props of [`LearnPanel`].
#[derive(Properties, PartialEq)]
pub struct LearnPanelProps {
    /// The app state.
    pub state: UseReducerHandle<AppState>,
    /// The results of its scenario.
    pub derived: Rc<Derived>,
    /// Dispatches to the reducer.
    pub on_action: Callback<Action>,
    /// Dark colour scheme.
    pub dark: bool,
    /// The Learn pane's state (kept by the app, so switching tabs keeps it).
    pub learn: UseReducerHandle<LearnState>,
}

/// The Learn pane.
#[component]
pub fn LearnPanel(props: &LearnPanelProps) -> Html {
    let learn = &props.learn;
    let done = LESSONS.iter().filter(|l| learn.is_done(l.id)).count();
    let dismiss = learn.dispatcher().to_callback().reform(|_: MouseEvent| LearnAction::DismissUnknown);
    let dismiss_challenge =
        learn.dispatcher().to_callback().reform(|_: MouseEvent| LearnAction::DismissChallengeProblem);
    let back_to_challenge = learn.dispatcher().to_callback().reform(|_: MouseEvent| LearnAction::OpenChallenge);
    {
        // A lesson opened from the list or "Next lesson": the focus moves to
        // its title (not when the pane opens with one).
        let shown = use_mut_ref(|| learn.lesson);
        use_effect_with(learn.lesson, move |now| {
            let previous = std::mem::replace(&mut *shown.borrow_mut(), *now);
            if now.is_some() && previous != *now {
                crate::app::browser::focus("lesson-title");
            }
        });
    }
    html! {
        <section class="learn-panel" aria-label="Learn">
            if let Some(id) = learn.unknown.clone() {
                <div class="notice lesson-unknown" id="lesson-unknown" role="alert">
                    <p>{ format!("There is no lesson called “{id}” (the link may be old or mistyped). Pick one of the lessons below.") }</p>
                    <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
                </div>
            }
            if let Some(why) = learn.challenge_problem.clone() {
                <div class="notice challenge-damaged" id="challenge-damaged" role="alert">
                    <p>{ format!("The challenge link could not be opened: {why}. Ask for the link again; meanwhile the lessons below work as usual.") }</p>
                    <button type="button" onclick={dismiss_challenge}>{ "Dismiss" }</button>
                </div>
            }
            if let Some(problem) = learn.storage_problem.clone() {
                <p class="notice" id="lesson-storage" role="status">{ format!("Note: {problem}.") }</p>
            }
            <nav class="lesson-list" aria-labelledby="lessons-title">
                <h2 id="lessons-title">{ "Lessons" }</h2>
                <p class="note" id="lessons-progress">{ format!("{done} of {} completed", LESSONS.len()) }</p>
                <ol>
                    { for lessons_with_progress(learn).map(|(l, completed)| {
                        let id = l.id;
                        let onclick = learn.dispatcher().to_callback().reform(move |_: MouseEvent| LearnAction::Open(id));
                        let current = learn.lesson == Some(id);
                        html! {
                            <li key={id} data-lesson={id} data-done={completed.to_string()}>
                                <button type="button" class={classes!("lesson-pick", current.then_some("current"))}
                                    aria-current={current.then_some("true")} {onclick}>
                                    <span class="lesson-pick-title">{ l.title }</span>
                                    if completed {
                                        <span class="done-mark">{ " ✓" }<span class="visually-hidden">{ " completed" }</span></span>
                                    }
                                </button>
                            </li>
                        }
                    }) }
                </ol>
                if let Some(c) = learn.challenge.clone().filter(|_| learn.lesson.is_some()) {
                    <button type="button" id="challenge-back" onclick={back_to_challenge}>
                        { format!("Back to the challenge “{}”", c.title) }
                    </button>
                }
            </nav>
            if let Some(id) = learn.lesson {
                <LessonView key={id} {id} learn={learn.clone()} state={props.state.clone()} on_action={props.on_action.clone()} dark={props.dark} />
            } else if let Some(challenge) = learn.challenge.clone() {
                <ChallengeView {challenge} learn={learn.clone()} state={props.state.clone()} on_action={props.on_action.clone()} dark={props.dark} />
            } else {
                <p class="note lesson-none">{ "Pick a lesson to begin: each takes about five minutes." }</p>
            }
            <ChallengeMaker scenario={props.state.scenario.clone()} />
            <Glossary />
        </section>
    }
}
