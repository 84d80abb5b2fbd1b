//! In-browser tests of the Learn pane: its reducer (an answer before the
//! reveal, the challenge only after it, hints one at a time up to the
//! lesson's, completions kept when another lesson opens) and, in the
//! mounted app, the Learn tab playing a lesson's first steps and an inline
//! term opening and closing.
#![cfg(target_arch = "wasm32")]

mod support;

use std::collections::BTreeSet;

use funnel_engine::learn::{LESSONS, lesson};
use funnel_lab::app::learn::state::{LearnAction, LearnState, Opened, Step, opened_from_query};
use support::{click, exists, find, mount, text};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn opened(id: &'static str) -> LearnState {
    LearnState::new(Some(&Opened::Lesson(id)), BTreeSet::new(), None)
}

#[wasm_bindgen_test]
fn the_prediction_must_be_answered_before_the_reveal_and_the_challenge_follows_it() {
    let s = opened("balance");
    assert_eq!((s.lesson, s.step), (Some("balance"), Step::Intro));
    let s = s.apply(LearnAction::Reveal);
    assert!(!s.revealed, "no reveal without an answer");
    let s = s.apply(LearnAction::Go(Step::Challenge));
    assert_eq!(s.step, Step::Intro, "no challenge before the reveal");
    let s = s.apply(LearnAction::Go(Step::Predict)).apply(LearnAction::Answer(2)).apply(LearnAction::Reveal);
    assert!(s.revealed);
    let s = s.apply(LearnAction::Answer(0));
    assert_eq!(s.answer, Some(2), "the answer is locked once revealed");
    let s = s.apply(LearnAction::Go(Step::Challenge));
    assert_eq!(s.step, Step::Challenge);
}

#[wasm_bindgen_test]
fn hints_open_one_at_a_time_up_to_the_lessons_and_completions_survive_opening_another() {
    let hints = lesson("retention").map_or(0, |l| l.hints.len());
    let mut s = opened("retention");
    for _ in 0..hints + 3 {
        s = s.apply(LearnAction::Hint);
    }
    assert_eq!(s.hints, hints);
    let s = s.apply(LearnAction::Complete("retention")).apply(LearnAction::Complete("retention"));
    assert_eq!(s.done.len(), 1);
    let s = s.apply(LearnAction::Open(LESSONS[0].id));
    assert_eq!((s.lesson, s.hints, s.step, s.answer), (Some(LESSONS[0].id), 0, Step::Intro, None));
    assert!(s.is_done("retention"), "progress is kept");
    let s = s.apply(LearnAction::Open("nope"));
    assert_eq!(s.lesson, Some(LESSONS[0].id), "an unknown id changes nothing");
}

#[wasm_bindgen_test]
fn an_unknown_link_is_noted_until_a_lesson_opens() {
    let s = LearnState::new(Some(&Opened::Unknown("nope".into())), BTreeSet::new(), None);
    assert_eq!((s.lesson, s.unknown.as_deref()), (None, Some("nope")));
    let s = s.apply(LearnAction::Open("balance"));
    assert_eq!((s.lesson, s.unknown), (Some("balance"), None));
}

#[wasm_bindgen_test]
fn a_challenge_link_opens_the_challenge_and_a_lesson_keeps_the_way_back() {
    use funnel_engine::learn::{Challenge, Compare, Condition, Target};
    use funnel_engine::{Kpi, Scenario};
    let challenge = Challenge {
        title: "Twice the leads".into(),
        start: Scenario::default(),
        conditions: vec![Condition { kpi: Kpi::Leads, compare: Compare::AtLeast, target: Target::TimesStart(2.0) }],
        weeks: None,
        dials: Vec::new(),
    };
    let query = format!("?challenge={}", challenge.encode());
    let Some(Opened::Challenge(read)) = opened_from_query(&query) else { panic!("a challenge") };
    assert_eq!(*read, challenge, "the link round-trips");
    let s = LearnState::new(Some(&Opened::Challenge(read)), BTreeSet::new(), None);
    assert_eq!((s.lesson, s.step), (None, Step::Intro));
    let s = s.apply(LearnAction::StartChallenge);
    assert_eq!(s.step, Step::Challenge);
    let s = s.apply(LearnAction::Open("balance"));
    assert_eq!((s.lesson, s.step), (Some("balance"), Step::Intro));
    assert!(s.challenge.is_some(), "the challenge is kept for the way back");
    let s = s.apply(LearnAction::OpenChallenge);
    assert_eq!((s.lesson, s.step), (None, Step::Intro));

    let Some(bad) = opened_from_query("?challenge=abc") else { panic!("a damaged challenge") };
    let s = LearnState::new(Some(&bad), BTreeSet::new(), None);
    assert!(s.challenge.is_none() && s.challenge_problem.is_some());
    let s = s.apply(LearnAction::StartChallenge).apply(LearnAction::DismissChallengeProblem);
    assert_eq!((s.step, s.challenge_problem), (Step::Intro, None));
}

#[wasm_bindgen_test]
async fn the_learn_tab_opens_a_lesson_and_a_term_opens_inline() {
    let (root, _app) = mount(false).await;
    click(&root, "#tab-learn").await;
    assert_eq!(root.query_selector_all(".lesson-list li").map(|l| l.length()).unwrap_or(0) as usize, LESSONS.len());
    click(&root, ".lesson-list li[data-lesson='balance'] button").await;
    assert!(exists(&root, "article.lesson[data-lesson='balance']"));
    click(&root, "#lesson-to-prediction").await;
    assert!(find(&root, "#lesson-reveal").has_attribute("disabled"), "no reveal before an answer");
    click(&root, "#prediction-0").await;
    click(&root, "#lesson-reveal").await;
    assert!(exists(&root, "#lesson-reveal-text .verdict"));

    let term = find(&root, ".kpi:has([data-kpi='cac']) button.term");
    assert_eq!(term.get_attribute("aria-expanded").as_deref(), Some("false"));
    term.clone().unchecked_into::<HtmlElement>().click();
    yew::scheduler::flush().await;
    assert_eq!(term.get_attribute("aria-expanded").as_deref(), Some("true"));
    let pop = find(&root, &format!("#{}", term.get_attribute("aria-controls").unwrap_or_default()));
    assert!(!pop.has_attribute("hidden"));
    assert!(text(&pop).contains("CAC"));
}
