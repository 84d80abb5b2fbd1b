//! Property tests over random valid scenarios, both modes: the population
//! is conserved every week, no stock goes negative, nothing is NaN, and
//! every KPI is finite or none.

mod common;

use funnel_engine::metrics::{Metric, Trace};
use funnel_engine::simulate;
use funnel_engine::{Kpi, Kpis, Scenario};
use proptest::prelude::*;

fn check_trace(s: &Scenario, trace: &Trace, whole_numbers: bool) -> Result<(), TestCaseError> {
    let n = s.market.size;
    // Expected mode sums many real flows: allow rounding at 1e-9 of the market.
    let slack = 1e-9 * n;
    for w in 0..trace.weeks() {
        let total: f64 = Metric::PEOPLE.iter().map(|&m| trace.get(w, trace.total(), m)).sum();
        prop_assert!((total - n).abs() <= slack.max(1e-6), "week {}: stocks sum to {total}, market is {n}", w + 1);
        for row in 0..=trace.sources() {
            for &m in Metric::ALL.iter() {
                let v = trace.get(w, row, m);
                prop_assert!(v.is_finite(), "week {} row {row} {} is {v}", w + 1, m.name());
                if m != Metric::GrossProfit {
                    prop_assert!(v >= -slack, "week {} row {row} {} is negative: {v}", w + 1, m.name());
                }
                if whole_numbers && Metric::PEOPLE.contains(&m) {
                    prop_assert_eq!(v, v.round(), "week {} {} is not whole in Monte Carlo", w + 1, m.name());
                }
            }
        }
    }
    Ok(())
}

fn check_kpis(kpis: &Kpis) -> Result<(), TestCaseError> {
    for &k in Kpi::ALL {
        if let Some(v) = kpis.get(k) {
            prop_assert!(v.is_finite(), "{} is {v}", k.name());
        }
    }
    for row in &kpis.by_source {
        for v in row.iter().flatten() {
            prop_assert!(v.is_finite());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn generated_scenarios_are_valid(s in common::scenario()) {
        prop_assert!(s.validate().is_ok(), "{:?}", s.validate());
    }

    #[test]
    fn expected_mode_conserves_people(s in common::scenario()) {
        let out = simulate::expected(&s);
        check_trace(&s, &out.trace, false)?;
        check_kpis(&out.kpis)?;
    }

    #[test]
    fn monte_carlo_conserves_people(s in common::scenario(), run in 0u64..1000) {
        let out = simulate::single_run(&s, run);
        check_trace(&s, &out.trace, true)?;
        check_kpis(&out.kpis)?;
    }

    #[test]
    fn monte_carlo_summaries_are_finite(s in common::scenario()) {
        let out = simulate::monte_carlo(&s);
        for &k in Kpi::ALL {
            if let Some(x) = out.kpi(k) {
                prop_assert!(x.mean.is_finite() && x.p10 <= x.p50 && x.p50 <= x.p90, "{}: {x:?}", k.name());
            }
        }
    }
}
