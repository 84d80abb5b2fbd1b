//! The decision tools against brute force: the optimiser is never worse
//! than a 1 % grid over the shares (2 and 3 channels) nor than 1,000 random
//! feasible plans; bounds, locks and switched-off channels hold; goal seek
//! is the cheapest on a budget × reps grid; sensitivity has the right signs.

use funnel_engine::decide::{
    self, Binding, BoundKind, ChannelBound, DecideError, EfficiencyTarget, GoalSpec, GoalTarget, Objective,
    OptimiseSpec, Range, Vary, goal::by_week,
};
use funnel_engine::metrics::Metric;
use funnel_engine::scenario::{Channel, Mode};
use funnel_engine::{Kpi, Scenario, presets, simulate};

/// splitmix64: a tiny seeded generator for test scenarios.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.next()
    }
}

/// A random valid scenario with `n` channels whose responses differ:
/// reach caps, capacity kinks, word of mouth.
fn toy(n: usize, seed: u64) -> Scenario {
    let mut r = Rng(seed);
    let mut s = presets::default_scenario();
    s.simulation.mode = Mode::Expected;
    s.weeks = 20;
    s.market.size = 50_000.0;
    s.market.initial_customers = 0.0;
    s.market.word_of_mouth = r.range(0.0, 0.5);
    s.budget.per_week = r.range(2_000.0, 20_000.0);
    s.sales.reps = (r.range(1.0, 5.0)).round();
    s.sales.leads_per_rep_per_week = 20.0;
    s.sales.pipeline_stages = 1.0;
    s.sales.cycle_weeks = r.range(1.0, 6.0);
    s.channels = (0..n)
        .map(|i| {
            let purchase = r.range(0.0, 0.02);
            Channel {
                name: format!("C{i}"),
                share: 1.0 / n as f64,
                cpm: r.range(5.0, 60.0),
                awareness_per_impression: r.range(0.005, 0.05),
                reach_cap: r.range(0.03, 0.6),
                carryover: r.range(0.0, 0.5),
                engagement_rate: r.range(0.02, 0.05),
                lead_rate: r.range(0.02, 0.1),
                purchase_rate: purchase,
            }
        })
        .collect();
    assert!(s.validate().is_ok(), "{:?}", s.validate());
    s
}

fn with_shares(s: &Scenario, shares: &[f64]) -> Scenario {
    let mut t = s.clone();
    for (c, &v) in t.channels.iter_mut().zip(shares) {
        c.share = v;
    }
    t
}

fn objective_of(o: &simulate::Outcome, obj: Objective) -> f64 {
    o.kpis.get(obj.kpi()).unwrap_or(f64::NAN)
}

/// Every point of the 1 % grid over `n` shares.
fn grid(n: usize) -> Vec<Vec<f64>> {
    let mut out = Vec::new();
    match n {
        2 => (0..=100).for_each(|a| out.push(vec![a as f64 / 100.0, 1.0 - a as f64 / 100.0])),
        3 => {
            for a in 0..=100 {
                for b in 0..=(100 - a) {
                    out.push(vec![a as f64 / 100.0, b as f64 / 100.0, (100 - a - b) as f64 / 100.0]);
                }
            }
        }
        _ => unreachable!(),
    }
    out
}

fn close_or_better(opt: f64, reference: f64, maximise: bool) -> bool {
    let slack = 1e-3 * reference.abs() + 1e-9;
    if maximise { opt >= reference - slack } else { opt <= reference + slack }
}

#[test]
fn optimiser_is_never_worse_than_a_one_percent_grid() {
    let objectives =
        [Objective::NewCustomers, Objective::GrossProfit, Objective::Revenue, Objective::Cac { min_customers: None }];
    for case in 0..10u64 {
        let n = if case % 4 == 3 { 3 } else { 2 };
        let s = toy(n, 1000 + case);
        let objective = objectives[case as usize % objectives.len()];
        let points: Vec<(f64, f64)> = grid(n)
            .iter()
            .map(|x| {
                let o = simulate::expected(&with_shares(&s, x));
                (objective_of(&o, Objective::NewCustomers), o.kpis.get(objective.kpi()).unwrap_or(f64::NAN))
            })
            .collect();
        let objective = match objective {
            Objective::Cac { .. } => {
                let top = points.iter().map(|p| p.0).fold(0.0, f64::max);
                Objective::Cac { min_customers: Some(0.6 * top) }
            }
            other => other,
        };
        let best_grid = match objective {
            Objective::Cac { min_customers: Some(m) } => {
                points.iter().filter(|p| p.0 >= m && p.1.is_finite()).map(|p| p.1).fold(f64::INFINITY, f64::min)
            }
            _ => points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max),
        };
        let spec = OptimiseSpec::new(objective);
        let r = decide::optimise(&s, &spec).unwrap_or_else(|e| panic!("case {case}: {e}"));
        let got = r.objective_after.unwrap_or(f64::NAN);
        assert!(
            close_or_better(got, best_grid, objective.maximises()),
            "case {case} ({n} channels, {objective:?}): optimiser {got} vs grid {best_grid}"
        );
        assert!(r.constraints_met, "case {case}: constraints not met");
        assert!(r.scenario.validate().is_ok());
    }
}

#[test]
fn optimiser_beats_a_thousand_random_plans_within_bounds() {
    let mut s = presets::eight_channel_benchmark();
    s.simulation.mode = Mode::Expected;
    s.weeks = 26;
    let bounds = vec![
        ChannelBound { channel: "Paid search".into(), min: Some(0.05), max: Some(0.4) },
        ChannelBound { channel: "Events".into(), min: None, max: Some(0.1) },
        ChannelBound { channel: "Radio".into(), min: Some(0.02), max: None },
    ];
    let spec = OptimiseSpec { bounds: bounds.clone(), ..OptimiseSpec::new(Objective::GrossProfit) };
    let r = decide::optimise(&s, &spec).unwrap_or_else(|e| panic!("{e}"));
    let got = r.objective_after.unwrap_or(f64::NAN);
    let (lo, hi) = ([0.05, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.02], [0.4, 1.0, 1.0, 1.0, 1.0, 0.1, 1.0, 1.0]);
    let mut rng = Rng(7);
    let mut tried = 0;
    while tried < 1000 {
        // Random point of the simplex, kept only when inside the bounds.
        let raw: Vec<f64> = (0..8).map(|_| -rng.next().max(1e-12).ln()).collect();
        let total: f64 = raw.iter().sum();
        let x: Vec<f64> = raw.iter().map(|v| v / total).collect();
        if x.iter().zip(lo.iter().zip(&hi)).any(|(v, (l, h))| v < l || v > h) {
            continue;
        }
        tried += 1;
        let v = simulate::expected(&with_shares(&s, &x)).kpis.get(Kpi::GrossProfit).unwrap_or(f64::NAN);
        assert!(close_or_better(got, v, true), "random plan {x:?} gives {v}, optimiser {got}");
    }
    let wider = r.wider_bounds.unwrap_or_else(|| panic!("bounds were given"));
    assert!(wider.objective.unwrap_or(f64::NAN) >= got - 1e-6 * got.abs(), "wider bounds cannot do worse");
}

#[test]
fn marginal_returns_are_equal_at_an_interior_optimum() {
    // Plenty of reps (no capacity kink), no word of mouth, three channels
    // with diminishing returns: the optimum is interior.
    let mut s = toy(3, 42);
    s.market.word_of_mouth = 0.0;
    s.sales.reps = 200.0;
    s.budget.per_week = 8_000.0;
    // Identical channels but for their reach caps (so no channel steals
    // better prospects from another through first touch).
    for (c, cap) in s.channels.iter_mut().zip([0.1, 0.15, 0.25]) {
        c.reach_cap = cap;
        c.cpm = 20.0;
        c.awareness_per_impression = 0.03;
        c.carryover = 0.2;
        c.engagement_rate = 0.04;
        c.lead_rate = 0.05;
        c.purchase_rate = 0.01;
    }
    let r = decide::optimise(&s, &OptimiseSpec::new(Objective::NewCustomers)).unwrap_or_else(|e| panic!("{e}"));
    let interior: Vec<f64> =
        r.channels.iter().filter(|c| c.binding == Binding::None).filter_map(|c| c.marginal_customers_per_1k).collect();
    assert!(interior.len() >= 2, "expected an interior optimum: {:?}", r.channels);
    let (lo, hi) = interior.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
    assert!(hi - lo <= 0.02 * hi.abs(), "marginal returns differ: {interior:?}");
}

#[test]
fn bounds_locks_and_switched_off_channels_hold() {
    let mut s = presets::eight_channel_benchmark();
    s.simulation.mode = Mode::Expected;
    s.weeks = 26;
    // Switch "Radio" off (share 0 given to the others) and lock "Email".
    let mut shares: Vec<f64> = s.channels.iter().map(|c| c.share).collect();
    let mut enabled = vec![true; 8];
    let locked = vec![false, false, false, true, false, false, false, false];
    assert!(funnel_engine::mix::switch_off(&mut shares, &locked, &mut enabled, 7));
    let s = with_shares(&s, &shares);
    for kind in [BoundKind::Share, BoundKind::Spend] {
        let scale = if kind == BoundKind::Spend { s.budget.per_week } else { 1.0 };
        let bounds = vec![
            ChannelBound { channel: "Paid search".into(), min: Some(0.1 * scale), max: Some(0.2 * scale) },
            ChannelBound { channel: "Display".into(), min: Some(0.15 * scale), max: None },
            ChannelBound { channel: "Events".into(), min: None, max: Some(0.05 * scale) },
        ];
        let spec = OptimiseSpec {
            bounds,
            bound_kind: kind,
            locked: locked.clone(),
            enabled: enabled.clone(),
            ..OptimiseSpec::new(Objective::NewCustomers)
        };
        let r = decide::optimise(&s, &spec).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        let after: Vec<f64> = r.scenario.channels.iter().map(|c| c.share).collect();
        assert!((after.iter().sum::<f64>() - 1.0).abs() < 1e-9, "{after:?}");
        assert!(r.scenario.validate().is_ok());
        assert!((0.1 - 1e-9..=0.2 + 1e-9).contains(&after[0]), "{kind:?} search {}", after[0]);
        assert!(after[2] >= 0.15 - 1e-9, "{kind:?} display {}", after[2]);
        assert!(after[5] <= 0.05 + 1e-9, "{kind:?} events {}", after[5]);
        assert_eq!(after[3], shares[3], "locked channel moved");
        assert_eq!(after[7], 0.0, "switched-off channel got budget");
        assert_eq!(r.channels[3].binding, Binding::Locked);
        assert_eq!(r.channels[7].binding, Binding::Off);
        assert!(r.objective_after >= r.objective_before.map(|v| v * (1.0 - 1e-9)), "worse than the plan given");
    }
}

#[test]
fn infeasible_bounds_name_the_channels() {
    let mut s = presets::eight_channel_benchmark();
    s.simulation.mode = Mode::Expected;
    let bound = |c: &str, min: Option<f64>, max: Option<f64>| ChannelBound { channel: c.into(), min, max };
    let err = |bounds: Vec<ChannelBound>, kind: BoundKind| {
        let spec = OptimiseSpec { bounds, bound_kind: kind, ..OptimiseSpec::new(Objective::NewCustomers) };
        match decide::optimise(&s, &spec) {
            Err(e) => e,
            Ok(_) => panic!("expected an error"),
        }
    };
    let e = err(vec![bound("Paid search", Some(0.6), None), bound("Events", Some(0.5), None)], BoundKind::Share);
    assert!(matches!(&e, DecideError::Infeasible { channels, .. } if channels.len() == 2), "{e}");
    assert!(e.to_string().contains("Paid search") && e.to_string().contains("Events"), "{e}");
    let caps: Vec<ChannelBound> = s.channels.iter().map(|c| bound(&c.name, None, Some(0.1))).collect();
    let e = err(caps, BoundKind::Share);
    assert!(e.to_string().contains("maximum shares") && e.to_string().contains("Radio"), "{e}");
    let e = err(vec![bound("Email", Some(0.3), Some(0.2))], BoundKind::Share);
    assert!(e.to_string().contains("Email") && e.to_string().contains("above its maximum"), "{e}");
    let e = err(vec![bound("TikTok", None, Some(0.2))], BoundKind::Share);
    assert!(matches!(e, DecideError::UnknownChannel { .. }) && e.to_string().contains("TikTok"), "{e}");
    let e = err(vec![bound("Display", Some(15_000.0), None), bound("Radio", Some(10_000.0), None)], BoundKind::Spend);
    assert!(e.to_string().contains("Display, Radio") && e.to_string().contains("minimum spends"), "{e}");
}

#[test]
fn a_free_budget_and_reps_find_the_profit_optimum_of_a_grid() {
    let s = toy(2, 5);
    let spec = OptimiseSpec {
        budget: Some(Range { min: 1_000.0, max: 30_000.0 }),
        reps: Some(Range { min: 0.0, max: 6.0 }),
        ..OptimiseSpec::new(Objective::GrossProfit)
    };
    let r = decide::optimise(&s, &spec).unwrap_or_else(|e| panic!("{e}"));
    let got = r.objective_after.unwrap_or(f64::NAN);
    for reps in 0..=6 {
        for b in 0..=29 {
            let budget = 1_000.0 + 1_000.0 * f64::from(b);
            for a in (0..=100).step_by(5) {
                let mut t = with_shares(&s, &[a as f64 / 100.0, 1.0 - a as f64 / 100.0]);
                t.budget.per_week = budget;
                t.sales.reps = f64::from(reps);
                let v = simulate::expected(&t).kpis.get(Kpi::GrossProfit).unwrap_or(f64::NAN);
                assert!(close_or_better(got, v, true), "reps {reps} budget {budget} share {a} %: {v} > {got}");
            }
        }
    }
    assert_eq!(r.scenario.sales.reps.fract(), 0.0);
}

#[test]
fn an_efficiency_target_is_met_or_reported() {
    let s = toy(3, 9);
    let before = simulate::expected(&s).kpis.get(Kpi::Roas).unwrap_or(0.0);
    let spec = OptimiseSpec {
        target: Some(EfficiencyTarget::MinRoas(before * 1.01)),
        ..OptimiseSpec::new(Objective::NewCustomers)
    };
    let r = decide::optimise(&s, &spec).unwrap_or_else(|e| panic!("{e}"));
    let status = r.efficiency.unwrap_or_else(|| panic!("status missing"));
    assert_eq!(status.met, status.after.is_some_and(|v| v >= before * 1.01 * (1.0 - 1e-9)));
    let impossible =
        OptimiseSpec { target: Some(EfficiencyTarget::MaxCac(0.01)), ..OptimiseSpec::new(Objective::NewCustomers) };
    let r = decide::optimise(&s, &impossible).unwrap_or_else(|e| panic!("{e}"));
    assert!(!r.constraints_met && r.efficiency.is_some_and(|e| !e.met));
}

#[test]
fn monte_carlo_comparison_pairs_the_runs() {
    let s = toy(2, 3);
    let r = decide::optimise(&s, &OptimiseSpec::new(Objective::NewCustomers)).unwrap_or_else(|e| panic!("{e}"));
    let mut before = s.clone();
    before.simulation.runs = 200;
    let c = decide::monte_carlo_compare(&before, &r.scenario, Kpi::NewCustomers, 2);
    assert_eq!(c.runs, 200);
    let (b, a) = (c.before.unwrap_or_else(|| panic!("before")), c.after.unwrap_or_else(|| panic!("after")));
    assert!(b.p10 <= b.p50 && b.p50 <= b.p90 && a.p10 <= a.p50 && a.p50 <= a.p90);
    assert!((0.0..=1.0).contains(&c.after_better_share));
    // The same plan against itself ties in every paired run.
    let same = decide::monte_carlo_compare(&before, &before, Kpi::NewCustomers, 1);
    assert_eq!((same.after_better_share, same.tie_share), (0.0, 1.0));
}

fn goal_scenario() -> Scenario {
    let mut s = toy(2, 11);
    s.weeks = 26;
    s.sales.cost_per_rep_per_week = 2_000.0;
    s
}

#[test]
fn goal_seek_meets_the_target_and_is_the_cheapest_on_a_grid() {
    let s = goal_scenario();
    let now = by_week(&simulate::expected(&s), Metric::NewCustomers, 20);
    let target = (now * 1.5).max(1.0);
    let spec = GoalSpec {
        by_week: Some(20),
        vary: Vary { budget: true, reps: true, mix: false },
        ..GoalSpec::new(GoalTarget::NewCustomers(target))
    };
    let g = decide::goal_seek(&s, &spec).unwrap_or_else(|e| panic!("{e}"));
    assert!(g.feasible, "{:?}", g.limits);
    assert!(g.monotone);
    let reached = by_week(&simulate::expected(&g.scenario), Metric::NewCustomers, 20);
    assert!(reached >= target, "{reached} < {target}");
    assert!((g.achieved - reached).abs() < 1e-9 * reached);
    for reps in 0..=12 {
        for b in 1..=40 {
            let mut t = s.clone();
            t.budget.per_week = 1_000.0 * f64::from(b);
            t.sales.reps = f64::from(reps);
            let o = simulate::expected(&t);
            if by_week(&o, Metric::NewCustomers, 20) >= target {
                let cost = o.kpis.get(Kpi::Cost).unwrap_or(f64::NAN);
                assert!(
                    g.total_cost <= cost * (1.0 + 1e-4),
                    "grid plan (reps {reps}, ${b}k) costs {cost} < {}",
                    g.total_cost
                );
            }
        }
    }
    assert!(g.reverse_funnel.mqls > 0.0 && g.reverse_funnel.budget_per_week.is_some());
    assert!(!g.reasons.is_empty());
}

#[test]
fn goal_seek_with_the_mix_is_no_dearer_than_without() {
    let s = goal_scenario();
    let target = by_week(&simulate::expected(&s), Metric::NewCustomers, 26) * 1.3;
    let plain = GoalSpec::new(GoalTarget::NewCustomers(target));
    let with_mix = GoalSpec { vary: Vary { budget: true, reps: false, mix: true }, ..plain.clone() };
    let a = decide::goal_seek(&s, &plain).unwrap_or_else(|e| panic!("{e}"));
    let b = decide::goal_seek(&s, &with_mix).unwrap_or_else(|e| panic!("{e}"));
    assert!(a.feasible && b.feasible);
    assert!(b.total_cost <= a.total_cost * (1.0 + 1e-4), "mix {} vs fixed mix {}", b.total_cost, a.total_cost);
}

#[test]
fn unreachable_goals_report_the_best_value_and_the_limits() {
    let s = goal_scenario();
    let spec = GoalSpec { by_week: Some(3), ..GoalSpec::new(GoalTarget::NewCustomers(1e6)) };
    let g = decide::goal_seek(&s, &spec).unwrap_or_else(|e| panic!("{e}"));
    assert!(!g.feasible);
    assert!(g.achieved > 0.0 && g.achieved < 1e6);
    assert!(!g.limits.is_empty());
    let reps_only = GoalSpec {
        vary: Vary { budget: false, reps: true, mix: false },
        reps_range: Some(Range { min: 0.0, max: 3.0 }),
        ..GoalSpec::new(GoalTarget::NewCustomers(1e5))
    };
    let g = decide::goal_seek(&s, &reps_only).unwrap_or_else(|e| panic!("{e}"));
    assert!(!g.feasible && g.limits.iter().any(|l| l.contains("budget fixed") || l.contains("reps")), "{:?}", g.limits);
}

#[test]
fn new_customers_do_not_fall_with_more_budget() {
    for seed in 0..16 {
        let s = toy(1 + (seed as usize % 3), 500 + seed);
        let mut last = f64::NEG_INFINITY;
        for k in 0..=20 {
            let mut t = s.clone();
            t.budget.per_week = 2_500.0 * f64::from(k);
            let v = by_week(&simulate::expected(&t), Metric::NewCustomers, 15);
            assert!(v >= last - 1e-9 * v.abs(), "seed {seed}: budget {} gives {v} < {last}", t.budget.per_week);
            last = v;
        }
    }
}

#[test]
fn sensitivity_signs_and_clamping() {
    let mut s = presets::default_scenario();
    s.simulation.mode = Mode::Expected;
    s.sales.win_rate = 0.9;
    let rows = decide::sensitivity(&s, Kpi::NewCustomers, 0.2).unwrap_or_else(|e| panic!("{e}"));
    let row = |path: &str| rows.iter().find(|r| r.field == path).unwrap_or_else(|| panic!("{path} missing"));
    let budget = row("budget.per_week");
    assert!(budget.kpi_high >= budget.kpi_low, "more budget, fewer customers: {budget:?}");
    let win = row("sales.win_rate");
    assert_eq!((win.low, win.high), (0.9 * 0.8, 1.0), "the high end is clamped to 100 %");
    assert!(win.clamped && win.kpi_high > win.kpi_low);
    let won = decide::sensitivity(&s, Kpi::Won, 0.2).unwrap_or_else(|e| panic!("{e}"));
    let w = won.iter().find(|r| r.field == "sales.win_rate").unwrap_or_else(|| panic!("win rate"));
    assert!(w.kpi_high > w.kpi_low && w.elasticity.is_some_and(|e| e > 0.0));
    assert!(rows.windows(2).all(|p| p[0].impact >= p[1].impact), "not sorted by impact");
    assert!(rows.iter().any(|r| r.field == "channels[0].share"));
    assert!(!rows.iter().any(|r| r.field == "weeks" || r.field == "simulation.seed"));
    // Whole-number fields stay whole.
    assert!(row("sales.reps").high.fract() == 0.0);
    assert!(matches!(decide::sensitivity(&s, Kpi::NewCustomers, 1.5), Err(DecideError::Invalid(_))));
}
