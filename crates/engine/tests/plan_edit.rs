//! The timeline editor's edits (`plan::edit`): splitting and adding keep
//! every week's budget, shares and reps; moving a boundary onto a
//! neighbour removes a phase; removing and fitting keep the phases
//! covering the horizon; random edit sequences leave a valid plan.

use funnel_engine::plan::{BudgetRamp, Phase, Plan, PlannedScenario};
use funnel_engine::presets;
use funnel_engine::scenario::Scenario;
use proptest::prelude::*;

fn scenario() -> Scenario {
    presets::default_scenario()
}

fn with_plan(s: &Scenario, plan: &Plan) -> PlannedScenario {
    PlannedScenario { scenario: s.clone(), plan: Some(plan.clone()) }
}

/// What a schedule simulates, week by week (the phase numbers aside).
fn numbers(s: &funnel_engine::plan::Schedule) -> (Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>) {
    (s.budget.clone(), s.shares.clone(), s.headcount.clone(), s.effective_reps.clone())
}

fn weeks_of(plan: &Plan) -> Vec<(u32, u32)> {
    plan.phases.iter().map(|p| (p.from_week, p.to_week)).collect()
}

/// A burst plan: weeks 1–10 as the scenario, 11–20 a ramp, the rest 2 reps more.
fn three_phases(s: &Scenario) -> Plan {
    let w = s.weeks;
    Plan {
        phases: vec![
            Phase { from_week: 1, to_week: 10, ..Phase::default() },
            Phase {
                from_week: 11,
                to_week: 20,
                budget_ramp: Some(BudgetRamp { from: 1000.0, to: 5500.0 }),
                ..Phase::default()
            },
            Phase { from_week: 21, to_week: w, reps: Some(s.sales.reps + 2.0), ..Phase::default() },
        ],
        ramp_weeks: 4,
        quota: None,
    }
}

#[test]
fn a_single_phase_plan_simulates_like_no_plan() {
    let s = scenario();
    let plan = Plan::single(s.weeks);
    let planned = with_plan(&s, &plan);
    assert_eq!(planned.validate(), Ok(()));
    assert_eq!(numbers(&planned.schedule()), numbers(&PlannedScenario::from(s.clone()).schedule()));
    let a = funnel_engine::simulate::expected(&s).kpis;
    let b = funnel_engine::simulate::expected_planned(&planned).kpis;
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
}

#[test]
fn splitting_keeps_every_week_and_cuts_a_ramp_into_two() {
    let s = scenario();
    let mut plan = three_phases(&s);
    let before = with_plan(&s, &plan).schedule();
    plan.split(1, 15).unwrap();
    assert_eq!(weeks_of(&plan)[1..3], [(11, 14), (15, 20)]);
    assert_eq!(with_plan(&s, &plan).validate(), Ok(()));
    let after = with_plan(&s, &plan).schedule();
    for (t, (a, b)) in before.budget.iter().zip(&after.budget).enumerate() {
        assert!((a - b).abs() < 1e-9, "week {}: budget {a} became {b}", t + 1);
    }
    assert_eq!(before.headcount, after.headcount);
    assert_eq!(before.effective_reps, after.effective_reps);
    assert_eq!(before.shares, after.shares);
    // Hand check: the ramp climbs 500 a week (1000 → 5500 over 10 weeks).
    assert_eq!(plan.phases[1].budget_ramp, Some(BudgetRamp { from: 1000.0, to: 2500.0 }));
    assert_eq!(plan.phases[2].budget_ramp, Some(BudgetRamp { from: 3000.0, to: 5500.0 }));
}

#[test]
fn a_split_outside_the_phase_is_refused_with_the_weeks_allowed() {
    let s = scenario();
    let mut plan = three_phases(&s);
    let err = plan.split(0, 1).unwrap_err().to_string();
    assert!(err.contains("phase 1") && err.contains("[2, 10]"), "{err}");
    assert!(plan.split(0, 11).is_err());
    assert!(plan.split(7, 3).unwrap_err().to_string().contains("no phase 8"));
    assert_eq!(plan, three_phases(&s), "a refused edit changes nothing");
}

#[test]
fn adding_a_burst_keeps_the_numbers_and_what_it_sets_ends_with_it() {
    let s = scenario();
    let mut plan = Plan::single(s.weeks);
    let before = with_plan(&s, &plan).schedule();
    let new = plan.add(&s, 20, 30).unwrap();
    assert_eq!(new, 1);
    assert_eq!(weeks_of(&plan), vec![(1, 19), (20, 30), (31, s.weeks)]);
    assert_eq!(numbers(&with_plan(&s, &plan).schedule()), numbers(&before), "adding a phase changes no week");
    // Setting the burst's budget changes weeks 20–30 only.
    plan.phases[1].budget_per_week = Some(before.budget[0] * 3.0);
    let after = with_plan(&s, &plan).schedule();
    for t in 0..s.weeks as usize {
        let expected = if (19..30).contains(&t) { before.budget[t] * 3.0 } else { before.budget[t] };
        assert_eq!(after.budget[t], expected, "week {}", t + 1);
    }
    // Dragged backwards gives the same phase; a range past the phase is cut at its end.
    let mut back = Plan::single(s.weeks);
    back.add(&s, 30, 20).unwrap();
    assert_eq!(weeks_of(&back), weeks_of(&plan));
    let mut edge = Plan::single(s.weeks);
    assert_eq!(edge.add(&s, 1, 5).unwrap(), 0);
    assert_eq!(weeks_of(&edge), vec![(1, 5), (6, s.weeks)]);
    assert!(edge.add(&s, s.weeks + 1, s.weeks + 3).is_err());
}

#[test]
fn moving_a_boundary_onto_a_neighbour_removes_a_phase() {
    let s = scenario();
    let mut plan = three_phases(&s);
    plan.move_boundary(0, 12).unwrap();
    assert_eq!(weeks_of(&plan), vec![(1, 12), (13, 20), (21, s.weeks)]);
    let err = plan.move_boundary(0, 21).unwrap_err().to_string();
    assert!(err.contains("phase 1") && err.contains("[0, 20]"), "{err}");
    // Dragging phase 2's end onto its own start less one: phase 2 goes.
    plan.move_boundary(1, 12).unwrap();
    assert_eq!(weeks_of(&plan), vec![(1, 12), (13, s.weeks)]);
    assert_eq!(plan.phases[1].reps, Some(s.sales.reps + 2.0), "the next phase keeps its settings");
    // Dragging phase 1's end onto the end of phase 2: phase 2 goes.
    plan.move_boundary(0, s.weeks).unwrap();
    assert_eq!(weeks_of(&plan), vec![(1, s.weeks)]);
    assert!(plan.move_boundary(0, 3).is_err(), "one phase has no boundary");
}

#[test]
fn removing_gives_the_weeks_to_a_neighbour_and_keeps_one_phase() {
    let s = scenario();
    let mut plan = three_phases(&s);
    plan.remove(1).unwrap();
    assert_eq!(weeks_of(&plan), vec![(1, 20), (21, s.weeks)]);
    plan.remove(0).unwrap();
    assert_eq!(weeks_of(&plan), vec![(1, s.weeks)]);
    assert_eq!(plan.phases[0].reps, Some(s.sales.reps + 2.0));
    assert!(plan.remove(0).unwrap_err().to_string().contains("at least one phase"));
}

#[test]
fn fitting_to_a_new_horizon_drops_and_stretches_phases() {
    let s = scenario();
    let mut plan = three_phases(&s);
    plan.fit(15);
    assert_eq!(weeks_of(&plan), vec![(1, 10), (11, 15)]);
    plan.fit(80);
    assert_eq!(weeks_of(&plan), vec![(1, 10), (11, 80)]);
    let mut empty = Plan { phases: vec![], ramp_weeks: 3, quota: None };
    empty.fit(12);
    assert_eq!((weeks_of(&empty), empty.ramp_weeks), (vec![(1, 12)], 3));
}

#[derive(Clone, Debug)]
enum Edit {
    Split(usize, u32),
    Add(u32, u32),
    Move(usize, u32),
    Remove(usize),
    Fit(u32),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0usize..6, 1u32..60).prop_map(|(i, w)| Edit::Split(i, w)),
        (1u32..60, 1u32..60).prop_map(|(a, b)| Edit::Add(a, b)),
        (0usize..6, 0u32..60).prop_map(|(i, w)| Edit::Move(i, w)),
        (0usize..6).prop_map(Edit::Remove),
        (4u32..60).prop_map(Edit::Fit),
    ]
}

proptest! {
    /// Any sequence of edits, refused or not, leaves a plan that validates
    /// for the scenario's horizon; splits and adds never change a week.
    #[test]
    fn random_edits_keep_the_plan_valid(edits in proptest::collection::vec(edit(), 1..12)) {
        let mut s = scenario();
        let mut plan = three_phases(&s);
        for e in edits {
            let before = with_plan(&s, &plan).schedule();
            let keeps_weeks = matches!(e, Edit::Split(..) | Edit::Add(..));
            let done = match e {
                Edit::Split(i, w) => plan.split(i, w).is_ok(),
                Edit::Add(a, b) => plan.add(&s, a, b).is_ok(),
                Edit::Move(i, w) => plan.move_boundary(i, w).is_ok(),
                Edit::Remove(i) => plan.remove(i).is_ok(),
                Edit::Fit(w) => { s.weeks = w; plan.fit(w); true }
            };
            let planned = with_plan(&s, &plan);
            prop_assert_eq!(planned.validate(), Ok(()), "after {:?}", e);
            if keeps_weeks && done {
                let after = planned.schedule();
                prop_assert_eq!(&before.headcount, &after.headcount);
                for (a, b) in before.budget.iter().zip(&after.budget) {
                    prop_assert!((a - b).abs() < 1e-6, "{:?}: budget {} became {}", e, a, b);
                }
            }
        }
    }
}
