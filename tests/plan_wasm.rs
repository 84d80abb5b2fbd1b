//! In-browser tests of the Plan pane's pure parts: its forms become the
//! engine's requests (or messages naming each bad field and its range),
//! and applying a plan through the reducer keeps locks and switches.
#![cfg(target_arch = "wasm32")]

use funnel_engine::Scenario;
use funnel_engine::decide::request::{self, Answer, Request};
use funnel_engine::decide::{BoundKind, GoalTarget, Objective};
use funnel_engine::presets;
use funnel_lab::app::plan::form::{FlightForm, GoalForm, HireForm, OptimiseForm, TargetKind};
use funnel_lab::app::state::{Action, AppState};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn eight() -> Scenario {
    presets::find("eight-channels").map(|p| (p.build)()).expect("the 8-channel preset")
}

#[wasm_bindgen_test]
fn an_optimise_form_becomes_the_request_it_shows() {
    let s = eight();
    let mut form = OptimiseForm::new(&s);
    form.objective = "cac".into();
    form.min_customers = "150".into();
    form.budget_free = true;
    form.mins[0] = "10".into();
    form.maxes[4] = "40".into();
    form.target = TargetKind::MinRoas;
    form.target_value = "1.5".into();
    let locked = vec![false; s.channels.len()];
    let Ok(Request::Optimise { spec, .. }) = form.request(&s, &locked, &vec![true; s.channels.len()]) else {
        panic!("a valid form gives an optimise request");
    };
    assert_eq!(spec.objective, Objective::Cac { min_customers: Some(150.0) });
    let budget = spec.budget.expect("the budget is free");
    assert_eq!((budget.min, budget.max), (s.budget.per_week * 0.5, s.budget.per_week * 2.0));
    assert_eq!(spec.bounds.len(), 2, "one bound per channel given");
    assert_eq!(spec.bounds[0].min, Some(0.1), "shares are typed in % and sent as fractions");
    assert_eq!(spec.bounds[1].max, Some(0.4));
    assert_eq!(spec.bound_kind, BoundKind::Share);
    assert!(spec.wider_bounds, "bounds get the ×3 answer");
}

#[wasm_bindgen_test]
fn bad_optimise_input_names_every_field_and_its_range() {
    let s = eight();
    let mut form = OptimiseForm::new(&s);
    form.mins[0] = "abc".into();
    form.maxes[1] = "-5".into();
    form.mins[2] = "30".into();
    form.maxes[2] = "20".into();
    form.reps_free = true;
    form.reps_min = "9".into();
    form.reps_max = "3".into();
    form.target = TargetKind::MaxCac;
    let Err(problems) = form.request(&s, &[], &[]) else { panic!("refused") };
    let text = problems.join("\n");
    for expected in [
        "Paid search minimum share (%): a number from 0 to 100",
        "LinkedIn ads maximum share (%): a number from 0 to 100",
        "Display: the minimum 30 is above the maximum 20",
        "Reps: from 9 is above to 3",
        "Target CAC is empty",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
}

#[wasm_bindgen_test]
fn a_goal_form_reads_the_target_and_refuses_weeks_outside_the_horizon() {
    let s = presets::default_scenario();
    let mut form = GoalForm::new(&s);
    form.value = "60".into();
    form.by_week = "13".into();
    let Ok(Request::Goal { spec, .. }) = form.request(&s) else { panic!("a goal request") };
    assert_eq!(spec.target, GoalTarget::NewCustomers(60.0));
    assert_eq!(spec.by_week, Some(13));
    assert!(spec.vary.budget && spec.vary.reps);
    form.by_week = "99".into();
    form.value = "".into();
    let Err(problems) = form.request(&s) else { panic!("refused") };
    assert!(problems.iter().any(|p| p.starts_with("By week: a number from 1 to")), "{problems:?}");
    assert!(problems.iter().any(|p| p.starts_with("Target new customers is empty")), "{problems:?}");
}

#[wasm_bindgen_test]
fn applying_a_plan_keeps_locks_and_switches_and_ignores_other_channels() {
    let s = eight();
    let state = AppState::new(s.clone().into()).apply(Action::SetLocked(1, true));
    let Ok(Answer::Optimise(o)) =
        request::answer(&OptimiseForm::new(&s).request(&s, &state.locked, &state.enabled).expect("a request"))
    else {
        panic!("an optimised plan");
    };
    let applied = state.clone().apply(Action::ApplyPlan(Box::new(o.scenario.clone())));
    assert_eq!(*applied.scenario, o.scenario);
    assert_eq!(applied.generation, state.generation + 1);
    assert!(applied.locked[1], "the lock stays");
    assert_eq!(applied.scenario.channels[1].share, s.channels[1].share, "the locked share did not move");
    let undone = applied.clone().apply(Action::ApplyPlan(Box::new(s.clone())));
    assert_eq!(*undone.scenario, s, "undo is applying the plan before");
    let other = presets::default_scenario();
    let ignored = undone.clone().apply(Action::ApplyPlan(Box::new(other)));
    assert_eq!(ignored, undone, "a plan for other channels is ignored");
}

#[wasm_bindgen_test]
fn a_flighting_form_becomes_its_request_or_names_each_bad_field() {
    let s = eight();
    let mut form = FlightForm::new(&s);
    form.total = "520,000".into();
    form.max = "20000".into();
    let Ok(Request::Flight { spec, .. }) = form.request(&s) else { panic!("a flighting request") };
    assert_eq!((spec.periods, spec.total), (4, Some(520_000.0)));
    assert_eq!(spec.bounds.len(), 1);
    assert_eq!((spec.bounds[0].min, spec.bounds[0].max), (0.0, 20_000.0));
    form.periods = "0".into();
    form.min = "30000".into();
    form.total = "lots".into();
    let problems = form.request(&s).expect_err("refused");
    let text = problems.join(" | ");
    assert!(text.contains("Periods: a number from 1 to 52"), "{text}");
    assert!(text.contains("Total budget over the horizon"), "{text}");
    assert!(text.contains("is above the highest"), "{text}");
}

#[wasm_bindgen_test]
fn a_hiring_form_becomes_its_request_or_names_each_bad_field() {
    let planned: funnel_engine::plan::PlannedScenario = eight().into();
    let form = HireForm { reps: "3".into(), max_backlog: "1,200".into() };
    let Ok(Request::Hire { extra_reps, max_backlog, planned: sent }) = form.request(&planned) else {
        panic!("a hiring request")
    };
    assert_eq!((extra_reps, max_backlog), (3.0, 1200.0));
    assert_eq!(sent, planned, "the scenario goes with its plan");
    let bad = HireForm { reps: "1.5".into(), max_backlog: "".into() };
    let text = bad.request(&planned).expect_err("refused").join(" | ");
    assert!(text.contains("Reps to hire: a whole number from 1 to 500"), "{text}");
    assert!(text.contains("Most leads waiting (MQL backlog) is empty"), "{text}");
}
