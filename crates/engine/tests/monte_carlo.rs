//! Monte Carlo against expected mode, and seeded determinism.

use funnel_engine::chunks::CHUNK_RUNS;
use funnel_engine::metrics::Metric;
use funnel_engine::scenario::Mode;
use funnel_engine::simulate::{self, MonteCarlo};
use funnel_engine::stats;
use funnel_engine::{Kpi, Scenario};

/// The default scenario made linear: no word of mouth and a sales team
/// that can always work every lead (MODEL.md: then MC's mean must match).
fn linear() -> Scenario {
    let mut s = Scenario::default();
    s.market.word_of_mouth = 0.0;
    s.sales.reps = 100.0;
    s.sales.leads_per_rep_per_week = 1000.0;
    s.simulation.mode = Mode::MonteCarlo;
    s.simulation.runs = 2000;
    s
}

fn within_four_standard_errors(kpi: Kpi) {
    let s = linear();
    let expected = simulate::expected(&s).kpis.get(kpi).unwrap_or(f64::NAN);
    let mc = simulate::monte_carlo(&s);
    let values = mc.kpi_values(kpi);
    let mean = stats::mean(&values).unwrap_or(f64::NAN);
    let se = stats::std_dev(&values).unwrap_or(f64::NAN) / (values.len() as f64).sqrt();
    assert!(se > 0.0, "{}: no spread across runs, so the test would prove nothing", kpi.name());
    let z = (mean - expected) / se;
    assert!(z.abs() < 4.0, "{}: MC mean {mean} vs expected {expected}, {z:.2} standard errors apart", kpi.name());
    // Capacity never bound: nothing went cold.
    assert_eq!(mc.kpi(Kpi::LeadsGoneCold).map(|x| x.p90), Some(0.0));
}

#[test]
fn mean_new_customers_matches_expected_mode() {
    within_four_standard_errors(Kpi::NewCustomers);
}

#[test]
fn mean_revenue_matches_expected_mode() {
    within_four_standard_errors(Kpi::Revenue);
}

#[test]
fn mean_weekly_leads_match_expected_mode() {
    let s = linear();
    let expected = simulate::expected(&s);
    let mc = simulate::monte_carlo(&s);
    let t = expected.trace.total();
    for week in [0, 10, 30, 51] {
        let e = expected.trace.get(week, t, Metric::Leads);
        let m = mc.mean(week, t, Metric::Leads);
        // Leads per week are Poisson-like: SD ≈ √e, so SE of the mean ≈ √(e / runs).
        let se = (e / 2000.0).sqrt();
        assert!((m - e).abs() < 5.0 * se + 1e-9, "week {}: MC {m} vs expected {e}", week + 1);
    }
}

#[test]
fn same_seed_gives_identical_results() {
    let mut s = Scenario::default();
    s.simulation.runs = 50;
    assert_eq!(simulate::monte_carlo(&s), simulate::monte_carlo(&s));
}

#[test]
fn different_seeds_give_different_results() {
    let mut s = Scenario::default();
    s.simulation.runs = 50;
    let a = simulate::monte_carlo(&s);
    s.simulation.seed += 1;
    let b = simulate::monte_carlo(&s);
    assert_ne!(a.kpi_values(Kpi::NewCustomers), b.kpi_values(Kpi::NewCustomers));
}

#[test]
fn slices_give_the_same_result_as_one_pass() {
    let mut s = Scenario::default();
    s.simulation.runs = 2 * CHUNK_RUNS as u32 + 12;
    let mut sliced = MonteCarlo::new(&s);
    // A slice runs whole chunks: asking for 5 runs does one chunk.
    assert!(!sliced.advance(5));
    assert_eq!(sliced.progress(), (CHUNK_RUNS, 2 * CHUNK_RUNS + 12));
    let mut slices = 1;
    while !sliced.advance(5) {
        slices += 1;
    }
    assert_eq!(slices, 2);
    assert_eq!(sliced.progress(), (2 * CHUNK_RUNS + 12, 2 * CHUNK_RUNS + 12));
    assert_eq!(sliced.finish(), simulate::monte_carlo(&s));
}

#[test]
fn run_i_uses_the_same_stream_whatever_the_run_count() {
    // Common random numbers: run 3 of a 10-run and of a 20-run simulation agree.
    let mut s = Scenario::default();
    s.simulation.runs = 10;
    let ten = simulate::monte_carlo(&s).kpi_values(Kpi::NewCustomers);
    s.simulation.runs = 20;
    let twenty = simulate::monte_carlo(&s).kpi_values(Kpi::NewCustomers);
    assert_eq!(ten[..], twenty[..10]);
    assert_eq!(simulate::single_run(&s, 3).kpis.get(Kpi::NewCustomers), Some(ten[3]));
}

#[test]
fn percentiles_bracket_the_median_and_histograms_count_every_run() {
    let mut s = Scenario::default();
    s.simulation.runs = 300;
    let mc = simulate::monte_carlo(&s);
    let x = mc.kpi(Kpi::NewCustomers).unwrap_or_else(|| panic!("no new customers summary"));
    assert!(x.p10 < x.p50 && x.p50 < x.p90, "{x:?}");
    let h = mc.histogram(Kpi::NewCustomers, 20).unwrap_or_else(|| panic!("no histogram"));
    assert_eq!(h.counts.iter().sum::<u32>(), 300);
    let week = mc.weekly(40, mc.sources(), Metric::Leads);
    assert!(week.p10 <= week.p50 && week.p50 <= week.p90 && week.p10 < week.p90, "{week:?}");
}

#[test]
fn deal_value_spread_only_changes_revenue_spread() {
    let mut s = linear();
    s.simulation.runs = 400;
    s.revenue.deal_value_cv = 0.0;
    let flat = simulate::monte_carlo(&s);
    s.revenue.deal_value_cv = 1.0;
    let spread = simulate::monte_carlo(&s);
    let sd = |o: &simulate::McOutcome| stats::std_dev(&o.kpi_values(Kpi::Revenue)).unwrap_or(0.0);
    assert!(sd(&spread) > sd(&flat), "cv 1 should widen revenue: {} vs {}", sd(&spread), sd(&flat));
}
