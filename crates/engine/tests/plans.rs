//! Plans over time (format version 2): a version 1 scenario and its
//! upgrade give the same numbers; weeks across a phase boundary, ramp-up
//! and quota attainment worked out by hand; random plans conserve people;
//! validation names the phase and the field.

mod common;

use funnel_engine::chunks::{McPlan, SampleRows};
use funnel_engine::metrics::{Metric, Trace};
use funnel_engine::plan::{BudgetRamp, Phase, Plan, PlanColumn, PlannedScenario, Quota, QuotaUnit};
use funnel_engine::scenario::{Budget, Channel, Market, Mode, Revenue, Sales, Scenario, Simulation};
use funnel_engine::{Kpi, SourceKpi, presets, report, simulate};
use proptest::prelude::*;

const SPEC: &str = include_str!("data/spec_example.json");

fn phase(from_week: u32, to_week: u32) -> Phase {
    Phase { from_week, to_week, ..Phase::default() }
}

fn planned(scenario: Scenario, phases: Vec<Phase>, ramp_weeks: u32, quota: Option<Quota>) -> PlannedScenario {
    PlannedScenario { scenario, plan: Some(Plan { phases, ramp_weeks, quota }) }
}

fn same_bits(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits()
}

/// Every metric of every row of every week, bit for bit (the plan block aside).
fn assert_same_trace(label: &str, a: &Trace, b: &Trace) {
    assert_eq!((a.weeks(), a.sources(), a.stages()), (b.weeks(), b.sources(), b.stages()), "{label}");
    for w in 0..a.weeks() {
        for row in 0..=a.sources() {
            for m in Metric::ALL {
                assert!(
                    same_bits(a.get(w, row, m), b.get(w, row, m)),
                    "{label}: week {} row {row} {}",
                    w + 1,
                    m.name()
                );
            }
        }
        for (x, y) in a.stage_row(w).iter().zip(b.stage_row(w)) {
            assert!(same_bits(*x, *y), "{label}: week {} stages", w + 1);
        }
    }
}

fn v1_scenarios() -> Vec<(String, Scenario)> {
    let mut list: Vec<(String, Scenario)> = presets::PRESETS.iter().map(|p| (p.id.to_string(), (p.build)())).collect();
    list.push(("spec example".into(), Scenario::from_json(SPEC).unwrap_or_else(|e| panic!("{e}"))));
    list
}

#[test]
fn a_v1_scenario_and_its_upgrade_give_identical_expected_results() {
    for (label, s) in v1_scenarios() {
        let upgraded = PlannedScenario::upgrade(&s);
        assert_eq!(upgraded.validate(), Ok(()), "{label}");
        let text = upgraded.to_json();
        assert!(text.contains("\"version\": 2"), "{label}");
        let read = PlannedScenario::from_json(&text).unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(read, upgraded, "{label}: the v2 file reads back as written");
        let a = simulate::expected(&s);
        let b = simulate::expected_planned(&read);
        assert_same_trace(&label, &a.trace, &b.trace);
        assert_eq!(a.kpis, b.kpis, "{label}: KPIs");
    }
}

#[test]
fn a_v1_scenario_and_its_upgrade_give_bit_identical_monte_carlo_for_a_seed() {
    for (label, mut s) in v1_scenarios().into_iter().take(3) {
        s.simulation = Simulation { mode: Mode::MonteCarlo, runs: 60, seed: 2026 };
        let upgraded = PlannedScenario::upgrade(&s);
        let a = McPlan::new(&s, SampleRows::All);
        let b = McPlan::planned(&upgraded, SampleRows::All);
        let (a, b) = (funnel_engine::chunks::run_parallel(&a, 1), funnel_engine::chunks::run_parallel(&b, 2));
        for &k in Kpi::ALL {
            let (x, y) = (a.kpi_values(k), b.kpi_values(k));
            assert!(x.iter().zip(&y).all(|(p, q)| same_bits(*p, *q)) && x.len() == y.len(), "{label}: {}", k.name());
        }
        for src in 0..a.sources() {
            for &k in SourceKpi::ALL {
                assert!(
                    a.source_kpi_values(src, k).iter().zip(b.source_kpi_values(src, k)).all(|(p, q)| same_bits(*p, q)),
                    "{label}: source {src} {}",
                    k.name()
                );
            }
        }
        for w in 0..a.weeks() {
            for row in 0..=a.sources() {
                for m in Metric::ALL {
                    assert_eq!(a.weekly(w, row, m), b.weekly(w, row, m), "{label}: week {} {}", w + 1, m.name());
                }
            }
        }
    }
}

#[test]
fn without_a_plan_files_and_reports_are_exactly_version_1() {
    let s = Scenario::from_json(SPEC).unwrap_or_else(|e| panic!("{e}"));
    let file = PlannedScenario::from(s.clone());
    assert_eq!(file.version(), 1);
    assert_eq!(file.to_json(), s.to_json());
    assert_eq!(PlannedScenario::from_json(SPEC), Ok(file.clone()));
    let old = report::to_text(|o| report::write_expected_json(o, &s, &simulate::expected(&s)));
    let new = report::to_text(|o| report::write_expected_json(o, &s, &simulate::expected_planned(&file)));
    assert_eq!(old, new);
    assert!(!new.contains("\"phase\"") && !new.contains("\"quota\""));
}

/// One channel, no organic activity, nobody engages: only reach moves.
fn reach_only(weeks: u32) -> Scenario {
    Scenario {
        version: 1,
        name: "reach only".into(),
        weeks,
        market: Market {
            size: 1000.0,
            initially_aware: 0.0,
            initial_customers: 0.0,
            forget_rate: 0.0,
            word_of_mouth: 0.0,
            organic_engagement_rate: 0.0,
            organic_lead_rate: 0.0,
            organic_purchase_rate: 0.0,
        },
        budget: Budget { per_week: 100.0 },
        channels: vec![Channel {
            name: "Burst".into(),
            share: 1.0,
            cpm: 10.0,
            awareness_per_impression: 0.01,
            reach_cap: 1.0,
            carryover: 0.5,
            engagement_rate: 0.0,
            lead_rate: 0.0,
            purchase_rate: 0.0,
        }],
        sales: Sales { reps: 0.0, ..Sales::default() },
        revenue: Revenue::default(),
        simulation: Simulation::default(),
    }
}

#[test]
fn a_burst_keeps_working_after_its_phase_ends() {
    // Weeks 1–2 spend 100 a week, weeks 3–4 nothing. Impressions in the
    // burst: 1000 × 100 / 10 = 10,000 a week. Adstock with θ = 0.5:
    // E1 = 0.5 × 10,000 = 5,000; E2 = 0.5 × 10,000 + 0.5 × 5,000 = 7,500;
    // E3 = 0.5 × 7,500 = 3,750; E4 = 1,875. Reach: p = 1 − exp(−0.01 E / 1000),
    // so p1 = 1 − e^−0.05, p2 = 1 − e^−0.075, p3 = 1 − e^−0.0375,
    // p4 = 1 − e^−0.01875; nobody forgets, so U(t+1) = U(t)(1 − p(t)).
    let off = Phase { budget_per_week: Some(0.0), ..phase(3, 4) };
    let p = planned(reach_only(4), vec![phase(1, 2), off], 0, None);
    assert_eq!(p.validate(), Ok(()));
    let out = simulate::expected_planned(&p);
    let t = &out.trace;
    let total = t.total();
    let reach = [0.05f64, 0.075, 0.0375, 0.01875].map(|x| 1.0 - (-x).exp());
    let mut unaware = 1000.0;
    for (w, p) in reach.iter().enumerate() {
        let new_aware = unaware * p;
        let spend = if w < 2 { 100.0 } else { 0.0 };
        assert_eq!(t.get(w, 0, Metric::Spend), spend, "week {} spend", w + 1);
        assert_eq!(t.get(w, 0, Metric::Impressions), spend * 100.0, "week {} impressions", w + 1);
        let got = t.get(w, total, Metric::NewAware);
        assert!((got - new_aware).abs() < 1e-9, "week {}: new aware {got}, by hand {new_aware}", w + 1);
        unaware -= new_aware;
        assert!((t.get(w, total, Metric::Unaware) - unaware).abs() < 1e-9, "week {} unaware", w + 1);
        assert_eq!(t.plan_value(w, PlanColumn::Phase), if w < 2 { 1.0 } else { 2.0 });
    }
    // Week 3 spends nothing and still makes people aware (≈ 33 of them).
    assert!(t.get(2, total, Metric::NewAware) > 30.0);
    assert_eq!(out.kpis.get(Kpi::MarketingSpend), Some(200.0));
}

#[test]
fn a_channel_off_in_one_phase_starts_in_the_next_and_a_budget_ramps() {
    let mut s = reach_only(6);
    s.channels.push(Channel { name: "Launch".into(), share: 0.0, ..s.channels[0].clone() });
    let first = Phase { budget_ramp: Some(BudgetRamp { from: 100.0, to: 300.0 }), ..phase(1, 3) };
    let launch = Phase { shares: Some(vec![("Burst".into(), 0.25), ("Launch".into(), 0.75)]), ..phase(4, 6) };
    let p = planned(s, vec![first, launch], 0, None);
    assert_eq!(p.validate(), Ok(()));
    let t = simulate::expected_planned(&p).trace;
    // Ramp 100 → 300 over weeks 1–3, then 300 carried over.
    let budget = [100.0, 200.0, 300.0, 300.0, 300.0, 300.0];
    for (w, b) in budget.iter().enumerate() {
        let (burst, launch) = if w < 3 { (*b, 0.0) } else { (0.25 * b, 0.75 * b) };
        assert_eq!(t.get(w, 0, Metric::Spend), burst, "week {} Burst", w + 1);
        assert_eq!(t.get(w, 1, Metric::Spend), launch, "week {} Launch", w + 1);
        assert_eq!(t.get(w, 1, Metric::NewAware) > 0.0, w >= 3, "week {}: Launch reaches only once on", w + 1);
    }
}

/// A team that can never catch up with its leads, and a pipeline that wins
/// every opportunity a week after it opens: won(t) = capacity(t − 1).
fn capacity_bound(weeks: u32) -> Scenario {
    let mut s = reach_only(weeks);
    s.channels.clear();
    s.budget.per_week = 0.0;
    s.market = Market {
        size: 100_000.0,
        initially_aware: 0.5,
        organic_engagement_rate: 0.5,
        organic_lead_rate: 1.0,
        ..s.market
    };
    s.sales = Sales {
        reps: 2.0,
        leads_per_rep_per_week: 10.0,
        cost_per_rep_per_week: 100.0,
        qualification_rate: 1.0,
        opportunity_rate: 1.0,
        lead_decay: 0.0,
        cycle_weeks: 1.0,
        win_rate: 1.0,
        pipeline_stages: 1.0,
    };
    s.revenue = Revenue { deal_value: 1000.0, deal_value_cv: 0.0, churn_rate: 0.0, ..Revenue::default() };
    s
}

fn hiring_plan(unit: QuotaUnit, per_rep_per_quarter: f64) -> PlannedScenario {
    // 2 reps in weeks 1–4, 4 from week 5; new reps need 4 weeks.
    let hire = Phase { reps: Some(4.0), ..phase(5, 26) };
    planned(capacity_bound(26), vec![phase(1, 4), hire], 4, Some(Quota { per_rep_per_quarter, unit }))
}

#[test]
fn hired_reps_ramp_up_week_by_week_and_quota_attainment_is_as_worked_by_hand() {
    let p = hiring_plan(QuotaUnit::Deals, 100.0);
    assert_eq!(p.validate(), Ok(()));
    let out = simulate::expected_planned(&p);
    let t = &out.trace;
    let total = t.total();
    // Capacity: 2 × 10 = 20 in weeks 1–4; the two hires add 25 %, 50 %, 75 %,
    // 100 % of 10 leads each in weeks 5–8: 25, 30, 35, then 40.
    let capacity = |w: usize| match w {
        0..=3 => 20.0,
        4 => 25.0,
        5 => 30.0,
        6 => 35.0,
        _ => 40.0,
    };
    for w in 0..26 {
        assert_eq!(t.plan_value(w, PlanColumn::Capacity), capacity(w), "week {} capacity", w + 1);
        assert_eq!(t.get(w, total, Metric::Worked), capacity(w), "week {} worked", w + 1);
        let reps = if w < 4 { 2.0 } else { 4.0 };
        assert_eq!(t.plan_value(w, PlanColumn::Reps), reps, "week {} reps", w + 1);
        // Reps cost from the week they are hired, ramping or not.
        assert_eq!(t.get(w, total, Metric::Cost), reps * 100.0, "week {} cost", w + 1);
        let won = if w == 0 { 0.0 } else { capacity(w - 1) };
        assert_eq!(t.get(w, total, Metric::Won), won, "week {} won", w + 1);
    }
    // Quarter 1 (weeks 1–13): won 0 + 4 × 20 + 25 + 30 + 35 + 5 × 40 = 370;
    // rep-weeks 4 × 2 + 9 × 4 = 44, target 44 × 100 / 13.
    // Quarter 2 (weeks 14–26): won 13 × 40 = 520; rep-weeks 52, target 400.
    let quota = out.quota.clone().unwrap_or_else(|| panic!("no quota KPIs"));
    let q1 = 370.0 / (44.0 * 100.0 / 13.0);
    let close = |a: Option<f64>, b: f64| a.is_some_and(|a| (a - b).abs() < 1e-12);
    assert!(close(quota.quarters[0], q1), "{:?} vs {q1}", quota.quarters);
    assert!(close(quota.quarters[1], 1.3), "{:?}", quota.quarters);
    assert!(close(quota.attainment, 890.0 / (96.0 * 100.0 / 13.0)), "{:?}", quota.attainment);

    // The same in revenue: deals of 1,000 against 100,000 per rep per quarter.
    let by_revenue = simulate::expected_planned(&hiring_plan(QuotaUnit::Revenue, 100_000.0)).quota;
    assert!(by_revenue.is_some_and(|r| close(r.quarters[1], 1.3) && close(r.quarters[0], q1)));

    // Utilisation counts the weeks the team had capacity: all busy.
    assert_eq!(out.kpis.get(Kpi::SalesUtilization), Some(1.0));
}

#[test]
fn monte_carlo_reports_the_share_of_runs_on_target() {
    // Every probability here is 0 or 1 and capacity is whole, so each run is
    // the expected one: attainment ≈ 1.21 in every run.
    let mut p = hiring_plan(QuotaUnit::Deals, 100.0);
    p.scenario.simulation = Simulation { mode: Mode::MonteCarlo, runs: 30, seed: 7 };
    let out = simulate::monte_carlo_planned(&p);
    assert_eq!(out.runs_on_target(), Some(1.0));
    let attainment = out.quota_attainment(None).map(|s| s.mean).unwrap_or_default();
    assert!((attainment - 890.0 / (96.0 * 100.0 / 13.0)).abs() < 1e-9, "{attainment}");
    assert_eq!(out.plan_weekly(5, PlanColumn::Capacity).mean, 30.0);
    // The app keeps weekly percentiles of the total row only: the plan
    // block is kept with it, at its own offset.
    let total_only = funnel_engine::chunks::run_parallel(&McPlan::planned(&p, SampleRows::Total), 2);
    for w in [0, 4, 5, 25] {
        for c in PlanColumn::ALL {
            assert_eq!(total_only.plan_weekly(w, c), out.plan_weekly(w, c), "week {} {}", w + 1, c.name());
        }
        assert_eq!(total_only.weekly(w, 1, Metric::Won), out.weekly(w, 1, Metric::Won));
        assert_eq!(total_only.stage_weekly(w, 0), out.stage_weekly(w, 0));
    }
    // A quota twice as high is missed in every run.
    let mut hard = p.clone();
    if let Some(q) = hard.plan.as_mut().and_then(|plan| plan.quota.as_mut()) {
        q.per_rep_per_quarter = 200.0;
    }
    assert_eq!(simulate::monte_carlo_planned(&hard).runs_on_target(), Some(0.0));

    let json = report::to_text(|o| report::write_monte_carlo_json(o, &p.scenario, &out));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    assert_eq!(v["kpis"]["quota"]["runs_on_target"], 1.0);
    assert_eq!(v["kpis"]["quota"]["unit"], "deals");
    assert_eq!(v["weeks"][4]["phase"], 2);
    assert_eq!(v["weeks"][4]["capacity"]["mean"], 25.0);
    let runs = report::to_text(|o| report::write_per_run_csv(o, &out));
    assert!(
        runs.lines().next().unwrap_or_default().ends_with(",quota_attainment,quota_attainment_q1,quota_attainment_q2")
    );
    let csv = report::to_text(|o| report::write_expected_csv(o, &p.scenario, &simulate::expected_planned(&p)));
    assert!(csv.lines().next().unwrap_or_default().ends_with(",churned_total,phase,reps,capacity"));
    assert!(csv.lines().any(|l| l.starts_with("5,total,") && l.ends_with(",2,4,25")), "{csv}");
}

#[test]
fn letting_reps_go_removes_the_least_ramped_first() {
    // 2 reps, 4 hired in week 3 (ramp 4 weeks), back to 3 in week 5: the
    // newest hires go first, so 2 full reps and 1 hire in its 3rd week.
    let mut s = capacity_bound(6);
    s.sales.leads_per_rep_per_week = 4.0;
    let phases = vec![phase(1, 2), Phase { reps: Some(6.0), ..phase(3, 4) }, Phase { reps: Some(3.0), ..phase(5, 6) }];
    let t = simulate::expected_planned(&planned(s, phases, 4, None)).trace;
    let capacity: Vec<f64> = (0..6).map(|w| t.plan_value(w, PlanColumn::Capacity)).collect();
    assert_eq!(capacity, [8.0, 8.0, 12.0, 16.0, 11.0, 12.0]);
}

#[test]
fn links_carry_a_plan_and_old_links_open_as_before() {
    use funnel_engine::link::{self, LinkError};
    let hire = Phase { name: "Hiring".into(), reps: Some(6.0), ..phase(20, 52) };
    let p = planned(
        presets::default_scenario(),
        vec![phase(1, 19), hire],
        8,
        Some(Quota { per_rep_per_quarter: 12.0, unit: QuotaUnit::Deals }),
    );
    assert_eq!(p.validate(), Ok(()));
    let code = link::encode_planned(&p);
    assert_eq!(link::decode_planned(&code), Ok(p.clone()));
    // The version 1 reader refuses it as a newer format.
    assert!(matches!(link::decode(&code), Err(LinkError::FutureVersion { found: 2, supported: 1 })));
    // Without a plan: the version 1 link, to the byte, and the same scenario.
    let s = presets::default_scenario();
    let plain = PlannedScenario::from(s.clone());
    assert_eq!(link::encode_planned(&plain), link::encode(&s));
    assert_eq!(link::decode_planned(&link::encode(&s)), Ok(plain));
    // A bad plan in a link names its field.
    let mut bad = p.clone();
    if let Some(plan) = bad.plan.as_mut() {
        plan.phases[1].from_week = 22;
    }
    let error = link::decode_planned(&link::encode_planned(&bad)).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.contains("plan.phases[1].from_week must be 20"), "{error}");
}

#[test]
fn the_plan_presets_are_valid_and_do_what_they_say() {
    for preset in presets::PLAN_PRESETS {
        let p = (preset.build)();
        assert_eq!(p.validate(), Ok(()), "{}", preset.id);
        assert_eq!(PlannedScenario::from_json(&p.to_json()).as_ref(), Ok(&p), "{}", preset.id);
        assert_eq!(presets::find_plan(preset.id).map(|f| f.id), Some(preset.id));
    }
    // The launch burst: LinkedIn (channel 1) silent before week 10, reaching after.
    let burst = simulate::expected_planned(&presets::launch_burst());
    assert_eq!(burst.trace.get(8, 1, Metric::NewAware), 0.0);
    assert!(burst.trace.get(9, 1, Metric::NewAware) > 0.0);
    let flat = simulate::expected(&presets::default_scenario());
    assert!(burst.kpis.get(Kpi::Leads) > flat.kpis.get(Kpi::Leads));
    // The season: spend peaks in week 47 at three times the base.
    let season = simulate::expected_planned(&presets::seasonal_retailer()).trace;
    let spend: Vec<f64> = season.series(season.total(), Metric::Spend).collect();
    assert_eq!(spend[46], 3.0 * spend[0]);
    assert_eq!(spend[47], 2.0 * spend[0]);
    // Two waves: capacity climbs for eight weeks after each wave.
    let waves = simulate::expected_planned(&presets::two_hiring_waves());
    let capacity: Vec<f64> = (0..52).map(|w| waves.trace.plan_value(w, PlanColumn::Capacity)).collect();
    assert_eq!(capacity[12], 200.0);
    assert_eq!(capacity[13], 210.0);
    assert_eq!(capacity[20], 280.0);
    assert_eq!(capacity[51], 360.0);
    let attainment = waves.quota.and_then(|q| q.attainment).unwrap_or_default();
    assert!((0.3..3.0).contains(&attainment), "{attainment}");
}

fn field_errors(p: &PlannedScenario) -> Vec<String> {
    match p.validate() {
        Ok(()) => Vec::new(),
        Err(e) => e.field_errors().iter().map(ToString::to_string).collect(),
    }
}

fn assert_error(p: &PlannedScenario, needle: &str) {
    let errors = field_errors(p);
    assert!(errors.iter().any(|e| e.contains(needle)), "expected {needle:?} in {errors:?}");
}

#[test]
fn validation_names_the_phase_and_the_field() {
    let s = Scenario::from_json(SPEC).unwrap_or_else(|e| panic!("{e}"));
    let with = |phases: Vec<Phase>| planned(s.clone(), phases, 0, None);
    assert_error(&with(vec![phase(1, 10), phase(12, 52)]), "plan.phases[1].from_week must be 11");
    assert_error(&with(vec![phase(1, 10), phase(8, 52)]), "plan.phases[1].from_week must be 11");
    assert_error(&with(vec![phase(2, 52)]), "plan.phases[0].from_week must be 1");
    assert_error(&with(vec![phase(1, 40)]), "plan.phases[0].to_week must be the last week of the horizon (52)");
    assert_error(&with(vec![phase(1, 60)]), "plan.phases[0].to_week must be a week of the horizon, in [1, 52]");
    assert_error(
        &with(vec![phase(1, 10), Phase { budget_per_week: Some(-5.0), ..phase(11, 52) }]),
        "plan.phases[1].budget_per_week must be in [0, 1e12], got -5",
    );
    assert_error(
        &with(vec![Phase { reps: Some(2.5), ..phase(1, 52) }]),
        "plan.phases[0].reps must be a whole number in [0, 1000000], got 2.5",
    );
    let shares = |list: &[(&str, f64)]| Some(list.iter().map(|(n, v)| (n.to_string(), *v)).collect());
    assert_error(
        &with(vec![Phase { shares: shares(&[("Paid search", 0.5)]), ..phase(1, 52) }]),
        "plan.phases[0].shares must sum to 1",
    );
    assert_error(
        &with(vec![Phase { shares: shares(&[("TV", 1.0)]), ..phase(1, 52) }]),
        "plan.phases[0].shares.TV is not a channel",
    );
    assert_error(
        &with(vec![Phase { shares: shares(&[("Paid search", 1.5)]), ..phase(1, 52) }]),
        "plan.phases[0].shares.Paid search must be in [0, 1]",
    );
    let both =
        Phase { budget_per_week: Some(1.0), budget_ramp: Some(BudgetRamp { from: 1.0, to: 2.0 }), ..phase(1, 52) };
    assert_error(&with(vec![both]), "plan.phases[0].budget_ramp cannot be set together with budget_per_week");
    assert_error(&with(vec![]), "plan.phases must hold at least one phase");
    assert_error(
        &planned(s.clone(), vec![phase(1, 52)], 500, None),
        "plan.ramp_weeks must be a whole number in [0, 104]",
    );
    let quota = Some(Quota { per_rep_per_quarter: -1.0, unit: QuotaUnit::Deals });
    assert_error(
        &planned(s.clone(), vec![phase(1, 52)], 0, quota),
        "plan.quota.per_rep_per_quarter must be in [0, 1e12]",
    );
}

fn read_error(text: &str) -> String {
    match PlannedScenario::from_json(text) {
        Ok(_) => panic!("accepted: {text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn reading_a_file_names_the_field_at_fault() {
    let mut v: serde_json::Value = serde_json::from_str(SPEC).unwrap_or_default();
    v["plan"] = serde_json::json!({ "phases": [{ "from_week": 1, "to_week": 52 }] });
    assert!(read_error(&v.to_string()).contains("plan needs \"version\": 2"));
    v["version"] = 2.into();
    assert!(PlannedScenario::from_json(&v.to_string()).is_ok());
    v["plan"]["phases"][0]["budget"] = 5.into();
    assert!(
        read_error(&v.to_string()).contains("plan.phases[0].budget is invalid: unknown field"),
        "{}",
        read_error(&v.to_string())
    );
    v["plan"]["phases"][0] = serde_json::json!({ "from_week": 1.5, "to_week": 52 });
    assert!(read_error(&v.to_string()).contains("plan.phases[0].from_week is invalid"));
    v["plan"]["phases"][0] = serde_json::json!({ "from_week": 1, "to_week": 52, "shares": { "Paid search": "all" } });
    assert!(read_error(&v.to_string()).contains("plan.phases[0].shares is invalid"));
    v["plan"]["phases"][0] = serde_json::json!([1, 52]);
    assert!(read_error(&v.to_string()).contains("plan.phases[0] must be a JSON object"));
    v["plan"] = serde_json::json!({ "phases": [{ "from_week": 1, "to_week": 52 }], "quota": { "per_rep_per_quarter": 5, "unit": "calls" } });
    assert!(read_error(&v.to_string()).contains("plan.quota.unit is invalid"));
    v.as_object_mut().map(|o| o.remove("plan"));
    assert!(read_error(&v.to_string()).contains("version 2 is not supported without a \"plan\""));
    // Problems in the scenario part still name their own field.
    assert!(read_error(r#"{"version":2,"sales":{"win_rate":3},"plan":{"phases":[]}}"#).contains("sales.win_rate"));
}

/// A random plan over a random scenario: 1–4 phases, budgets, shares,
/// headcounts and a ramp.
fn planned_scenario() -> impl Strategy<Value = PlannedScenario> {
    (
        common::scenario(),
        proptest::collection::vec(
            (0.0..1.0f64, 0.0..50_000.0f64, 0u32..12, proptest::collection::vec(0.0..1.0f64, 4), any::<bool>()),
            1..5,
        ),
        0u32..10,
        0.0..50.0f64,
    )
        .prop_map(|(mut s, raw, ramp_weeks, quota)| {
            // common::scenario() draws cpm from 0.001, below the field
            // table's 0.01 (rarely drawn; its own test has not hit it).
            for c in &mut s.channels {
                c.cpm = c.cpm.max(0.01);
            }
            let weeks = s.weeks;
            // Phase starts: sorted cut points in 2..=weeks.
            let mut starts: Vec<u32> = raw
                .iter()
                .map(|r| 2 + (r.0 * f64::from(weeks.saturating_sub(1))) as u32)
                .filter(|&w| w <= weeks)
                .collect();
            starts.sort_unstable();
            starts.dedup();
            starts.insert(0, 1);
            let phases = starts
                .iter()
                .enumerate()
                .map(|(i, &from)| {
                    let to = starts.get(i + 1).map_or(weeks, |next| next - 1);
                    let (_, budget, reps, weights, ramp) = &raw[i.min(raw.len() - 1)];
                    let total: f64 = weights.iter().take(s.channels.len()).sum();
                    let shares = (total > 0.0)
                        .then(|| s.channels.iter().zip(weights).map(|(c, w)| (c.name.clone(), w / total)).collect());
                    Phase {
                        name: String::new(),
                        from_week: from,
                        to_week: to,
                        budget_per_week: (!ramp).then_some(*budget),
                        budget_ramp: ramp.then_some(BudgetRamp { from: *budget, to: budget / 2.0 }),
                        shares,
                        reps: Some(f64::from(*reps)),
                    }
                })
                .collect();
            let quota = Some(Quota { per_rep_per_quarter: quota, unit: QuotaUnit::Deals });
            planned(s, phases, ramp_weeks, quota)
        })
}

fn check(p: &PlannedScenario, t: &Trace) -> Result<(), TestCaseError> {
    let n = p.scenario.market.size;
    let slack = (1e-9 * n).max(1e-6);
    for w in 0..t.weeks() {
        let people: f64 = Metric::PEOPLE.iter().map(|&m| t.get(w, t.total(), m)).sum();
        prop_assert!((people - n).abs() <= slack, "week {}: {people} people, market {n}", w + 1);
        for row in 0..=t.sources() {
            for m in Metric::ALL {
                let v = t.get(w, row, m);
                prop_assert!(v.is_finite(), "week {} {} is {v}", w + 1, m.name());
                if m != Metric::GrossProfit {
                    prop_assert!(v >= -slack, "week {} {} is negative: {v}", w + 1, m.name());
                }
            }
        }
        for c in PlanColumn::ALL {
            let v = t.plan_value(w, c);
            prop_assert!(v.is_finite() && v >= 0.0, "week {} {} is {v}", w + 1, c.name());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, .. ProptestConfig::default() })]

    #[test]
    fn random_plans_are_valid_and_conserve_people_in_both_modes(p in planned_scenario(), run in 0u64..1000) {
        prop_assert_eq!(p.validate(), Ok(()));
        let out = simulate::expected_planned(&p);
        check(&p, &out.trace)?;
        let quota = out.quota.unwrap_or_else(|| panic!("no quota"));
        prop_assert!(quota.attainment.is_none_or(f64::is_finite));
        let mut mc = p.clone();
        mc.scenario.simulation = Simulation { mode: Mode::MonteCarlo, runs: 2, seed: run };
        let plan = McPlan::planned(&mc, SampleRows::Total);
        let mut merge = plan.merger();
        let mut scratch = funnel_engine::chunks::Scratch::default();
        let chunk = plan.run_chunk(0, &mut scratch);
        prop_assert!(chunk.sums.iter().all(|v| v.is_finite()));
        prop_assert!(merge.add(chunk).is_ok());
        let outcome = merge.finish();
        prop_assert!(outcome.runs_on_target().is_none_or(|r| (0.0..=1.0).contains(&r)));
        // One run's trace in Monte Carlo: people conserved, nothing negative.
        check(&mc, &simulate::single_run_planned(&mc, run).trace)?;
        // The file reads back as written.
        prop_assert_eq!(PlannedScenario::from_json(&mc.to_json()), Ok(mc.clone()));
    }
}

/// Any number, including the ones validation must refuse.
fn wild() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), Just(-1.0), Just(1.5), Just(1e13), Just(f64::MAX), -10.0..1e6f64]
}

fn wild_phase() -> impl Strategy<Value = Phase> {
    (
        0u32..80,
        0u32..80,
        proptest::option::of(wild()),
        proptest::option::of((wild(), wild())),
        proptest::option::of(wild()),
        proptest::option::of(wild()),
    )
        .prop_map(|(from_week, to_week, budget, ramp, reps, share)| Phase {
            name: String::new(),
            from_week,
            to_week,
            budget_per_week: budget,
            budget_ramp: ramp.map(|(from, to)| BudgetRamp { from, to }),
            shares: share.map(|v| vec![("Paid search".to_string(), v), ("Nope".to_string(), 1.0 - v)]),
            reps,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    /// Whatever a plan holds, reading it never panics, and the engine does
    /// not panic even on a plan nobody validated.
    #[test]
    fn any_plan_is_read_or_refused_and_never_panics(phases in proptest::collection::vec(wild_phase(), 0..5), ramp_weeks in 0u32..300) {
        let mut s = Scenario::from_json(SPEC).unwrap_or_else(|e| panic!("{e}"));
        s.weeks = 30;
        let p = planned(s, phases, ramp_weeks, Some(Quota { per_rep_per_quarter: 3.0, unit: QuotaUnit::Revenue }));
        let read = PlannedScenario::from_json(&p.to_json());
        if let Err(e) = &read {
            prop_assert!(e.field_errors().iter().all(|f| f.field.starts_with("plan")), "{e}");
        }
        let out = simulate::expected_planned(&p);
        prop_assert_eq!(out.trace.weeks(), 30);
        let mut mc = p.clone();
        mc.scenario.simulation.runs = 2;
        let _ = simulate::single_run_planned(&mc, 1);
    }
}
