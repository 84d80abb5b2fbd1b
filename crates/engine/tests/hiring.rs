//! `decide::rep_start_week` against a direct scan of every start week.

use funnel_engine::decide::{self, hiring::with_hire};
use funnel_engine::metrics::Metric;
use funnel_engine::plan::PlannedScenario;
use funnel_engine::{presets, simulate};

fn peak(p: &PlannedScenario) -> f64 {
    let o = simulate::expected_planned(p);
    o.trace.series(o.trace.total(), Metric::MqlBacklog).fold(0.0, f64::max)
}

#[test]
fn rep_start_week_is_the_latest_week_a_direct_scan_finds() {
    let mut plans: Vec<PlannedScenario> = presets::PLAN_PRESETS.iter().map(|p| (p.build)()).collect();
    let mut v1 = presets::default_scenario();
    v1.weeks = 26;
    plans.push(PlannedScenario::from(v1));
    for planned in &plans {
        let base = peak(planned);
        for limit in [base * 0.3, base * 0.7, base * 0.95, base * 2.0] {
            let r = decide::rep_start_week(planned, 2.0, limit).unwrap_or_else(|e| panic!("{e}"));
            let weeks = planned.scenario.weeks;
            let mut latest = None;
            for w in 1..=weeks {
                let hired = with_hire(planned, 2.0, w);
                hired.validate().unwrap_or_else(|e| panic!("week {w}: {e}"));
                let (a, b) = (hired.schedule(), planned.schedule());
                assert!(
                    a.budget.iter().zip(&b.budget).all(|(x, y)| (x - y).abs() <= 1e-9 * y.abs().max(1.0)),
                    "week {w}: budget"
                );
                assert_eq!(a.shares, b.shares, "week {w}: shares");
                let h = hired.schedule().headcount;
                let before = planned.schedule().headcount;
                assert!((h[w as usize - 1] - before[w as usize - 1] - 2.0).abs() < 1e-9);
                if w > 1 {
                    assert!((h[w as usize - 2] - before[w as usize - 2]).abs() < 1e-9);
                }
                let p = peak(&hired);
                assert_eq!(p, r.peaks[w as usize - 1]);
                if p <= limit {
                    latest = Some(w);
                }
            }
            assert_eq!(r.week, latest, "{} limit {limit}", planned.scenario.name);
            assert_eq!(r.week_1_suffices, r.peaks[0] <= limit);
            assert_eq!(r.needed, base > limit);
            assert_eq!(r.peak_backlog, latest.map(|w| r.peaks[w as usize - 1]));
            assert_eq!(r.plan.is_some(), latest.is_some());
        }
    }
}

#[test]
fn a_hire_at_week_one_lowers_the_backlog_and_bad_input_is_an_error() {
    let planned = PlannedScenario::from(presets::default_scenario());
    let r = decide::rep_start_week(&planned, 3.0, f64::MAX / 4.0).unwrap_or_else(|e| panic!("{e}"));
    assert!(r.peaks[0] <= r.peak_without_hire + 1e-9);
    assert!(r.week_1_suffices && !r.needed);
    for (extra, limit) in [(0.0, 10.0), (-1.0, 10.0), (f64::NAN, 10.0), (1.0, -1.0), (1.0, f64::INFINITY), (1e12, 10.0)]
    {
        assert!(decide::rep_start_week(&planned, extra, limit).is_err(), "{extra} {limit}");
    }
}
