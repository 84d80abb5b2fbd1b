//! The plan over time in the app: the reducer's timeline edits (a plan that
//! changes nothing, splits and drags that keep the numbers, typed values
//! that are refused with the phase, the field and the range, a horizon
//! that shrinks), and the editor as a person uses it (start a plan, type a
//! burst, see the results and the charts follow, remove it again).
#![cfg(target_arch = "wasm32")]

mod support;

use funnel_engine::fields::{Field, SalesField};
use funnel_engine::plan::{PlannedScenario, QuotaUnit};
use funnel_engine::{Scenario, presets};
use funnel_lab::app::state::{Action, AppState, PlanField, Source, TimelineEdit};
use funnel_lab::app::timeline::editor::{boundary_at, week_at};
use support::{all, click, exists, find, mount_results, number, set, text};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn timeline(state: AppState, edit: TimelineEdit) -> AppState {
    state.apply(Action::Timeline(edit))
}

fn typed(state: AppState, field: PlanField, text: &str) -> AppState {
    timeline(state, TimelineEdit::Text { field, text: text.into() })
}

fn new_customers(state: &AppState) -> f64 {
    funnel_engine::simulate::expected_planned(&state.planned())
        .kpis
        .get(funnel_engine::Kpi::NewCustomers)
        .unwrap_or(f64::NAN)
}

fn phases(state: &AppState) -> Vec<(u32, u32)> {
    state.plan.as_ref().map(|p| p.phases.iter().map(|p| (p.from_week, p.to_week)).collect()).unwrap_or_default()
}

#[wasm_bindgen_test]
fn starting_splitting_and_adding_change_no_number_until_a_phase_is_given_one() {
    let state = AppState::default();
    let flat = new_customers(&state);
    let started = timeline(state, TimelineEdit::Start);
    assert_eq!(phases(&started), vec![(1, 52)]);
    assert_eq!(new_customers(&started), flat, "a one-phase plan is the scenario");
    let generation = started.generation;
    let split = timeline(started, TimelineEdit::Add { from: 20, to: 27 });
    assert_eq!(phases(&split), vec![(1, 19), (20, 27), (28, 52)]);
    assert_eq!(new_customers(&split), flat, "adding a phase changes no week");
    assert!(split.generation > generation, "a new plan starts the runs again");

    let burst = typed(split, PlanField::Budget(1), "30,000");
    assert_eq!(burst.plan_error(PlanField::Budget(1)), None);
    assert_eq!(burst.plan.as_ref().and_then(|p| p.phases[1].budget_per_week), Some(30_000.0));
    assert!(new_customers(&burst) > flat, "a burst wins customers");
    // The weeks after the burst went back to the budget before it.
    let schedule = burst.planned().schedule();
    assert_eq!(schedule.budget[18], schedule.budget[27]);
    assert_eq!(schedule.budget[19], 30_000.0);
}

#[wasm_bindgen_test]
fn refused_text_names_the_phase_the_field_and_the_range_and_keeps_the_plan() {
    let state = timeline(timeline(AppState::default(), TimelineEdit::Start), TimelineEdit::Split { phase: 0, at: 27 });
    let before = state.plan.clone();
    let refused = typed(state, PlanField::Reps(1), "-3");
    let message = refused.plan_error(PlanField::Reps(1)).unwrap_or_default().to_string();
    assert!(message.starts_with("Phase 2 reps") && message.contains("between"), "{message}");
    assert_eq!(refused.plan, before, "nothing applied");
    assert_eq!(refused.plan_drafts.get(&PlanField::Reps(1)).map(|d| d.text.as_str()), Some("-3"), "the text is kept");
    let wrong_week = typed(refused, PlanField::ToWeek(0), "60");
    let message = wrong_week.plan_error(PlanField::ToWeek(0)).unwrap_or_default().to_string();
    assert!(message.contains("Phase 1 last week") && message.contains("from 1 to 51"), "{message}");
    let ramp_alone = typed(wrong_week, PlanField::BudgetTo(0), "5000");
    assert!(ramp_alone.plan_error(PlanField::BudgetTo(0)).unwrap_or_default().contains("ramp from"));
    let quota = typed(ramp_alone, PlanField::Quota, "lots");
    assert!(quota.plan_error(PlanField::Quota).unwrap_or_default().contains("Quota per rep per quarter"));
}

#[wasm_bindgen_test]
fn a_ramp_a_hire_a_launch_and_a_quota_are_typed_in() {
    let mut state = timeline(AppState::default(), TimelineEdit::Start);
    state = timeline(state, TimelineEdit::Split { phase: 0, at: 14 });
    state = typed(state, PlanField::Budget(1), "8000");
    state = typed(state, PlanField::BudgetTo(1), "16000");
    state = typed(state, PlanField::Reps(1), "8");
    state = typed(state, PlanField::RampWeeks, "4");
    state = typed(state, PlanField::Share(1, 2), "40");
    state = typed(state, PlanField::Quota, "6");
    state = timeline(state, TimelineEdit::QuotaUnit(QuotaUnit::Deals));
    assert!(state.plan_drafts.values().all(|d| d.error.is_none()), "{:?}", state.plan_drafts);
    let schedule = state.planned().schedule();
    assert_eq!((schedule.budget[13], schedule.budget[51]), (8000.0, 16000.0), "the ramp runs over the phase");
    assert_eq!(schedule.headcount[13], 8.0);
    assert!(schedule.effective_reps[13] < 6.0, "three new reps start at a quarter speed");
    let k = schedule.channels;
    assert!((schedule.shares[13 * k + 2] - 0.4).abs() < 1e-9, "the phase's own mix");
    assert!((schedule.shares[13 * k..14 * k].iter().sum::<f64>() - 1.0).abs() < 1e-9, "still 100 %");
    let outcome = funnel_engine::simulate::expected_planned(&state.planned());
    assert!(outcome.quota.as_ref().and_then(|q| q.attainment).is_some(), "quota attainment is computed");
    let carried = timeline(state, TimelineEdit::CarryShares(1));
    assert!(carried.plan.as_ref().is_some_and(|p| p.phases[1].shares.is_none()));
}

#[wasm_bindgen_test]
fn dragging_a_boundary_onto_a_neighbour_removes_a_phase_and_the_horizon_carries_the_plan() {
    let mut state = timeline(AppState::default(), TimelineEdit::Add { from: 10, to: 20 });
    assert_eq!(phases(&state), vec![(1, 9), (10, 20), (21, 52)], "a drag on an empty timeline starts a plan");
    state = timeline(state, TimelineEdit::MoveEnd { phase: 1, to_week: 9 });
    assert_eq!(phases(&state), vec![(1, 9), (10, 52)]);
    state = timeline(state, TimelineEdit::MoveEnd { phase: 0, to_week: 30 });
    assert_eq!(phases(&state), vec![(1, 30), (31, 52)]);
    // A shorter horizon (the weeks slider) drops what falls outside.
    state = state.apply(Action::Edit { field: Field::Weeks, text: "26".into(), source: Source::Slider });
    assert_eq!(phases(&state), vec![(1, 26)]);
    assert_eq!(state.planned().validate(), Ok(()));
    state = timeline(state, TimelineEdit::Clear);
    assert!(state.plan.is_none());
}

#[wasm_bindgen_test]
fn loading_a_plan_preset_and_pinning_keep_the_plan() {
    let planned: PlannedScenario = (presets::PLAN_PRESETS[2].build)();
    let state = AppState::default().apply(Action::Load(Box::new(planned.clone())));
    assert_eq!(*state.planned(), planned);
    let pinned = state.apply(Action::PinA);
    assert_eq!(pinned.pinned.as_ref().map(|p| (*p.scenario).clone()), Some(planned.clone()));
    // Editing the team size of the assumptions leaves the phases as they are.
    let edited =
        pinned.apply(Action::Edit { field: Field::Sales(SalesField::Reps), text: "3".into(), source: Source::Slider });
    assert_eq!(edited.plan.as_deref(), planned.plan.as_ref());
    let plain = edited.apply(Action::Load(Box::new(Scenario::default().into())));
    assert!(plain.plan.is_none(), "a scenario without a plan has none");
}

#[wasm_bindgen_test]
fn edits_of_phases_or_channels_that_do_not_exist_change_nothing_and_never_panic() {
    let state = timeline(AppState::default(), TimelineEdit::Start);
    let before = state.plan.clone();
    let edits = [
        TimelineEdit::Split { phase: 9, at: 3 },
        TimelineEdit::Split { phase: 0, at: 99 },
        TimelineEdit::Add { from: 70, to: 90 },
        TimelineEdit::MoveEnd { phase: 0, to_week: 10 },
        TimelineEdit::MoveEnd { phase: 7, to_week: 1 },
        TimelineEdit::Remove(0),
        TimelineEdit::Remove(5),
        TimelineEdit::CarryShares(4),
    ];
    let mut s = state;
    for edit in edits {
        s = timeline(s, edit.clone());
        assert_eq!(s.plan, before, "{edit:?} changes nothing");
    }
    for (field, text) in [
        (PlanField::Budget(3), "100"),
        (PlanField::Share(0, 40), "10"),
        (PlanField::Share(6, 0), "10"),
        (PlanField::ToWeek(0), "10"),
        (PlanField::Reps(0), "1e400"),
        (PlanField::Budget(0), "NaN"),
        (PlanField::RampWeeks, "-1"),
        (PlanField::RampWeeks, "2.5"),
    ] {
        s = typed(s, field, text);
        assert!(s.plan_error(field).is_some_and(|m| !m.is_empty()), "{field:?} = {text:?} is refused with a message");
        assert_eq!(s.plan, before, "{field:?} = {text:?} changes nothing");
    }
    let adopted = timeline(s, TimelineEdit::Adopt(Some(Box::new(funnel_engine::plan::Plan::single(10)))));
    assert_eq!(adopted.plan, before, "a plan for another horizon is not adopted");
}

#[wasm_bindgen_test]
fn pointer_positions_map_to_weeks_and_boundaries() {
    assert_eq!(week_at(0.0, 0.0, 520.0, 52), 1);
    assert_eq!(week_at(9.99, 0.0, 520.0, 52), 1);
    assert_eq!(week_at(10.0, 0.0, 520.0, 52), 2);
    assert_eq!(week_at(5000.0, 0.0, 520.0, 52), 52, "past the end: the last week");
    assert_eq!(week_at(-40.0, 100.0, 520.0, 52), 1);
    assert_eq!(week_at(50.0, 0.0, 0.0, 52), 1, "no width: no panic");
    assert_eq!(boundary_at(104.0, 0.0, 520.0, 52), 10);
    assert_eq!(boundary_at(106.0, 0.0, 520.0, 52), 11);
    assert_eq!(boundary_at(900.0, 0.0, 520.0, 52), 52);
}

#[wasm_bindgen_test]
async fn the_editor_builds_a_burst_and_the_charts_and_kpis_follow() {
    let (root, handle) = mount_results(AppState::default()).await;
    assert!(!exists(&root, "#timeline-track"), "no plan: no track");
    let flat = number(&find(&root, "[data-kpi=\"new_customers\"]"));
    let chart_label = |root: &web_sys::Element| {
        find(root, "[data-chart=\"new-customers\"] canvas").get_attribute("aria-label").unwrap_or_default()
    };
    click(&root, "#plan-start").await;
    assert!(exists(&root, "#timeline-track"));
    assert_eq!(all(&root, ".timeline-phase").len(), 1);
    click(&root, "#phase-1-split").await;
    assert_eq!(all(&root, ".timeline-phase").len(), 2);
    assert_eq!(all(&root, ".timeline-handle").len(), 1, "one boundary to drag");
    assert!(text(&find(&root, "#phase-2 legend")).contains("weeks 27–52"), "{}", text(&find(&root, "#phase-2 legend")));
    set(&root, "#phase-2-budget", "30000").await;
    assert!(!exists(&root, "#phase-2-budget-error"));
    assert!(number(&find(&root, "[data-kpi=\"new_customers\"]")) > flat, "the KPIs follow the plan");
    assert!(chart_label(&root).contains("budget"), "the chart says it draws the budget: {}", chart_label(&root));
    set(&root, "#phase-2-reps", "abc").await;
    let error = text(&find(&root, "#phase-2-reps-error"));
    assert!(error.contains("Phase 2 reps"), "{error}");
    assert_eq!(find(&root, "#phase-2-reps").get_attribute("aria-invalid").as_deref(), Some("true"));
    click(&root, "#phase-2-remove").await;
    assert_eq!(all(&root, ".timeline-phase").len(), 1);
    click(&root, "#plan-clear").await;
    assert!(!exists(&root, "#timeline-track"));
    assert_eq!(number(&find(&root, "[data-kpi=\"new_customers\"]")), flat, "back to the flat plan");
    handle.destroy();
}
