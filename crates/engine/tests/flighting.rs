//! Flighting (a total budget over time): never worse than the flat plan,
//! the total and the bounds hold, never worse than a brute-force grid on a
//! small case, and infeasible bounds name the periods.

use funnel_engine::decide::{self, DecideError, FlightingSpec, Objective, Range, flighting::period_weeks};
use funnel_engine::{Scenario, presets, simulate};

fn spent(r: &decide::Flighted) -> f64 {
    r.periods.iter().map(|p| p.budget_per_week * f64::from(p.weeks)).sum()
}

fn check(s: &Scenario, spec: &FlightingSpec) -> decide::Flighted {
    let r = decide::flighting(s, spec).unwrap_or_else(|e| panic!("{}: {e}", s.name));
    let total = spec.total.unwrap_or(s.budget.per_week * f64::from(s.weeks));
    assert!((spent(&r) - total).abs() <= 1e-9 * total.max(1.0), "{}: spent {} of {total}", s.name, spent(&r));
    for p in &r.periods {
        assert!(p.budget_per_week >= p.min - 1e-9 && p.budget_per_week <= p.max + 1e-9, "{}: {p:?}", s.name);
    }
    let (flat, best) =
        (r.flat.objective.unwrap_or(f64::NEG_INFINITY), r.flighted.objective.unwrap_or(f64::NEG_INFINITY));
    if r.flat_within_bounds {
        assert!(best >= flat, "{}: flighted {best} < flat {flat}", s.name);
    }
    // The plan is a valid v2 scenario that simulates to the reported value.
    r.plan.validate().unwrap_or_else(|e| panic!("{}: {e}", s.name));
    let again = simulate::expected_planned(&r.plan).kpis.get(spec.objective.kpi());
    assert_eq!(again, r.flighted.objective);
    let json = serde_json::to_value(&r).unwrap_or_default();
    assert_eq!(json["plan"]["version"], 2);
    r
}

#[test]
fn never_worse_than_flat_on_the_presets() {
    for preset in presets::PRESETS {
        let s = (preset.build)();
        for (objective, periods) in [(Objective::NewCustomers, 4), (Objective::GrossProfit, 3)] {
            let r = check(&s, &FlightingSpec::new(objective, periods));
            assert!(r.flat_within_bounds);
            eprintln!(
                "{:<28} {:?} P={periods}: flat {:?} flighted {:?} gain {:?} % ({} runs)",
                preset.id, objective, r.flat.objective, r.flighted.objective, r.gain.percent, r.evaluations
            );
        }
    }
}

#[test]
fn bounds_and_a_given_total_hold() {
    let s = presets::default_scenario();
    let flat = s.budget.per_week;
    let spec = FlightingSpec {
        total: Some(flat * f64::from(s.weeks) * 1.3),
        bounds: vec![Range { min: flat * 0.5, max: flat * 1.6 }],
        ..FlightingSpec::new(Objective::NewCustomers, 4)
    };
    check(&s, &spec);
    // Per-period bounds, one of them pinning its period.
    let mut bounds = vec![Range { min: 0.0, max: flat * 3.0 }; 4];
    bounds[2] = Range { min: flat * 0.25, max: flat * 0.25 };
    let r = check(&s, &FlightingSpec { bounds, ..FlightingSpec::new(Objective::GrossProfit, 4) });
    assert!((r.periods[2].budget_per_week - flat * 0.25).abs() < 1e-9 * flat);
}

/// 2 channels, 8 weeks.
fn small() -> Scenario {
    let mut s = presets::default_scenario();
    s.weeks = 8;
    s.channels.truncate(2);
    s.channels[0].share = 0.6;
    s.channels[1].share = 0.4;
    s.validate().unwrap_or_else(|e| panic!("{e}"));
    s
}

#[test]
fn never_worse_than_a_brute_force_grid() {
    let s = small();
    let spans = period_weeks(8, 4);
    assert_eq!(spans, vec![(1, 2), (3, 4), (5, 6), (7, 8)]);
    for (objective, total) in
        [(Objective::NewCustomers, 8.0 * s.budget.per_week), (Objective::GrossProfit, 20.0 * s.budget.per_week)]
    {
        let unit = total / 8.0;
        let mut grid_best = f64::NEG_INFINITY;
        let mut count = 0;
        for a in 0..=8u32 {
            for b in 0..=8 - a {
                for c in 0..=8 - a - b {
                    let d = 8 - a - b - c;
                    let budgets: Vec<f64> = [a, b, c, d].iter().map(|n| f64::from(*n) * unit / 2.0).collect();
                    let plan = decide::flighting::flighted_plan(&s, &spans, &budgets);
                    let v = simulate::expected_planned(&plan).kpis.get(objective.kpi()).unwrap_or(f64::NEG_INFINITY);
                    grid_best = grid_best.max(v);
                    count += 1;
                }
            }
        }
        assert_eq!(count, 165);
        let r = check(&s, &FlightingSpec { total: Some(total), ..FlightingSpec::new(objective, 4) });
        let best = r.flighted.objective.unwrap_or(f64::NEG_INFINITY);
        assert!(best >= grid_best - 1e-3 * grid_best.abs(), "{objective:?}: flighted {best} < grid {grid_best}");
        eprintln!("{objective:?}: grid {grid_best} flighted {best} flat {:?}", r.flat.objective);
        // Per-week periods too.
        check(&s, &FlightingSpec { total: Some(total), ..FlightingSpec::new(objective, 8) });
    }
}

#[test]
fn infeasible_bounds_name_the_periods() {
    let s = small();
    let total = 8.0 * s.budget.per_week;
    let mut bounds = vec![Range { min: 0.0, max: 1e9 }; 4];
    bounds[1].min = total;
    bounds[3].min = total;
    let e = decide::flighting(
        &s,
        &FlightingSpec { total: Some(total), bounds, ..FlightingSpec::new(Objective::NewCustomers, 4) },
    );
    match e {
        Err(DecideError::Infeasible { message, channels }) => {
            assert!(message.contains("minimum") && message.contains("periods 2, 4"), "{message}");
            assert_eq!(channels, vec!["period 2", "period 4"]);
        }
        other => panic!("{other:?}"),
    }
    let low = vec![Range { min: 0.0, max: s.budget.per_week * 0.1 }];
    let e = decide::flighting(
        &s,
        &FlightingSpec { total: Some(total), bounds: low, ..FlightingSpec::new(Objective::NewCustomers, 4) },
    );
    match e {
        Err(DecideError::Infeasible { message, .. }) => {
            assert!(message.contains("maximum") && message.contains("periods 1, 2, 3, 4"), "{message}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn bad_settings_are_errors_not_panics() {
    let s = small();
    let bad = |spec: FlightingSpec| assert!(decide::flighting(&s, &spec).is_err(), "{spec:?}");
    bad(FlightingSpec::new(Objective::NewCustomers, 0));
    bad(FlightingSpec::new(Objective::NewCustomers, 9));
    bad(FlightingSpec::new(Objective::Cac { min_customers: None }, 4));
    bad(FlightingSpec { total: Some(f64::NAN), ..FlightingSpec::new(Objective::NewCustomers, 4) });
    bad(FlightingSpec { total: Some(-1.0), ..FlightingSpec::new(Objective::NewCustomers, 4) });
    bad(FlightingSpec { bounds: vec![Range { min: 5.0, max: 1.0 }], ..FlightingSpec::new(Objective::NewCustomers, 4) });
    bad(FlightingSpec {
        bounds: vec![Range { min: 0.0, max: 1.0 }; 3],
        ..FlightingSpec::new(Objective::NewCustomers, 4)
    });
    // A zero total is fine: nothing to move.
    let r = check(&s, &FlightingSpec { total: Some(0.0), ..FlightingSpec::new(Objective::NewCustomers, 4) });
    assert_eq!(r.gain.absolute, Some(0.0));
}
