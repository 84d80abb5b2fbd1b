//! Pipeline stages (MODEL.md 1.1): one stage is today's model to the bit;
//! with k stages the weeks follow the stage recurrence, no deal is won
//! before its k-th week, and the mean time to decision is `cycle_weeks`.

use funnel_engine::metrics::Metric;
use funnel_engine::pipeline::Pipeline;
use funnel_engine::report;
use funnel_engine::sampler::{Expected, Random};
use funnel_engine::scenario::{Mode, Sales};
use funnel_engine::simulate::{self, McOutcome};
use funnel_engine::{Scenario, stats};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/data/one_stage/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn text(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    report::to_text(write)
}

/// Outputs written by the engine before pipeline stages existed (files in
/// tests/data/one_stage): a scenario without the field, and with it set to
/// 1, still gives them byte for byte, in both modes. The Monte Carlo files
/// were rewritten once since, when small trial counts started drawing from
/// a cdf table (other random numbers, the same law); they had matched the
/// pre-stage engine to the bit until then, and the expected-mode file
/// still is that engine's output.
#[test]
fn one_stage_is_the_model_before_stages_to_the_bit() {
    for preset in ["b2b-saas", "b2b-enterprise"] {
        let file = fixture(&format!("{preset}.scenario.json"));
        assert!(!file.contains("pipeline_stages"), "the fixture predates the field");
        let mut s = Scenario::from_json(&file).unwrap_or_else(|e| panic!("{preset}: {e}"));
        assert_eq!(s.sales.pipeline_stages, 1.0, "missing means one stage");
        for explicit in [false, true] {
            if explicit {
                s = Scenario::from_json(&s.to_json()).unwrap_or_else(|e| panic!("{e}"));
            }
            let e = simulate::expected(&s);
            assert!(
                text(|w| report::write_expected_csv(w, &s, &e)) == fixture(&format!("{preset}.expected.csv")),
                "{preset}: expected mode changed"
            );
            let mut mc_s = s.clone();
            mc_s.simulation.mode = Mode::MonteCarlo;
            let mc = simulate::monte_carlo(&mc_s);
            assert!(
                text(|w| report::write_monte_carlo_csv(w, &mc_s, &mc)) == fixture(&format!("{preset}.mc.csv")),
                "{preset}: Monte Carlo changed"
            );
            assert!(
                text(|w| report::write_per_run_csv(w, &mc)) == fixture(&format!("{preset}.runs.csv")),
                "{preset}: per-run KPIs changed"
            );
        }
    }
}

fn staged(stages: f64, cycle: f64) -> Scenario {
    let mut s = Scenario { weeks: 40, ..Scenario::default() };
    s.sales.pipeline_stages = stages;
    s.sales.cycle_weeks = cycle;
    s
}

/// Week by week in expected mode, the stage stocks and the won deals follow
/// the recurrence worked out here from the model's own opportunities.
#[test]
fn three_stages_follow_the_stage_recurrence() {
    let (k, cycle) = (3.0, 9.0);
    let s = staged(k, cycle);
    let out = simulate::expected(&s).trace;
    let (a, win) = (k / cycle, s.sales.win_rate);
    let total = out.total();
    let mut stage = [0.0f64; 3];
    for week in 0..s.weeks as usize {
        let opened = out.get(week, total, Metric::Opportunities);
        let moved = [stage[0] * a, stage[1] * a];
        let (won, lost) = (stage[2] * a * win, stage[2] * a * (1.0 - win));
        stage = [stage[0] + opened - moved[0], stage[1] + moved[0] - moved[1], stage[2] + moved[1] - won - lost];
        let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(1.0);
        assert!(
            close(out.get(week, total, Metric::Won), won),
            "week {}: won {} vs {won}",
            week + 1,
            out.get(week, total, Metric::Won)
        );
        assert!(close(out.get(week, total, Metric::Lost), lost), "week {}: lost", week + 1);
        for (j, &v) in stage.iter().enumerate() {
            assert!(
                close(out.stage_row(week)[j], v),
                "week {}: stage {} holds {} vs {v}",
                week + 1,
                j + 1,
                out.stage_row(week)[j]
            );
        }
        let open: f64 = stage.iter().sum();
        assert!(close(out.get(week, total, Metric::OpenOpportunities), open), "week {}: open", week + 1);
    }
}

/// No deal is decided before its k-th week: in expected mode and in every
/// Monte Carlo run, nothing is won until k weeks after the first opening.
#[test]
fn no_deal_is_won_before_week_k_after_the_first_opportunity() {
    for k in [2.0, 4.0, 6.0] {
        let mut s = staged(k, 12.0);
        let check = |trace: &funnel_engine::Trace, what: &str| {
            let total = trace.total();
            let first = (0..trace.weeks()).find(|&w| trace.get(w, total, Metric::Opportunities) > 0.0);
            let Some(first) = first else { return false };
            for week in 0..(first + k as usize).min(trace.weeks()) {
                assert_eq!(
                    trace.get(week, total, Metric::Won),
                    0.0,
                    "k = {k}, {what}: won in week {} (first opened in week {})",
                    week + 1,
                    first + 1
                );
            }
            (first + k as usize..trace.weeks()).any(|w| trace.get(w, total, Metric::Won) > 0.0)
        };
        assert!(check(&simulate::expected(&s).trace, "expected mode"), "k = {k}: no deal was ever won");
        s.simulation.mode = Mode::MonteCarlo;
        let mut later = 0;
        for run in 0..40 {
            later += usize::from(check(&simulate::single_run(&s, run).trace, &format!("run {run}")));
        }
        assert!(later > 30, "k = {k}: deals were won in only {later} of 40 runs");
    }
}

/// A pulse of opportunities through the pipeline: the mean time to
/// decision is `cycle_weeks`, within 4 standard errors of the sum of k
/// geometric waits, and none is decided before week k.
#[test]
fn mean_time_to_decision_is_the_cycle() {
    for (k, cycle) in [(1.0, 8.0), (4.0, 10.0), (12.0, 26.0)] {
        let sales = Sales { pipeline_stages: k, cycle_weeks: cycle, ..Sales::default() };
        let pipeline = Pipeline::new(&sales);
        let n = 4000.0;
        let mut sampler = Random::for_run(11, k as u64);
        let mut open = vec![0.0; pipeline.stages()];
        let mut moved = vec![0.0; pipeline.stages()];
        pipeline.update(&mut open, &moved, n, 0.0, 0.0);
        let (mut sum, mut decided, mut week) = (0.0, 0.0, 0.0);
        while decided < n && week < 10_000.0 {
            week += 1.0;
            let (won, lost) = pipeline.draw(&mut sampler, &open, &mut moved);
            if week < k {
                assert_eq!(won + lost, 0.0, "k = {k}: decided in week {week}");
            }
            sum += week * (won + lost);
            decided += won + lost;
            pipeline.update(&mut open, &moved, 0.0, won, lost);
        }
        assert_eq!(decided, n, "every opportunity is decided");
        let mean = sum / n;
        let a = k / cycle;
        let se = (k * (1.0 - a) / (a * a)).sqrt() / n.sqrt();
        assert!((mean - cycle).abs() < 4.0 * se, "k = {k}: mean time {mean} vs cycle {cycle} (SE {se})");
        // The expected-mode flows give the same mean exactly.
        let mut open = vec![0.0; pipeline.stages()];
        pipeline.update(&mut open, &moved, 1.0, 0.0, 0.0);
        let mut exact = 0.0;
        for week in 1..=5000 {
            let (won, lost) = pipeline.draw(&mut Expected, &open, &mut moved);
            exact += week as f64 * (won + lost);
            pipeline.update(&mut open, &moved, 0.0, won, lost);
        }
        assert!((exact - cycle).abs() < 1e-6, "k = {k}: expected mode mean {exact}");
    }
}

/// The Monte Carlo mean of the stage stocks matches expected mode where the
/// model is linear, and the stages add up to the open opportunities.
#[test]
fn stage_stocks_add_up_and_match_expected_mode() {
    let mut s = staged(4.0, 12.0);
    s.market.word_of_mouth = 0.0;
    s.sales.reps = 100.0;
    s.sales.leads_per_rep_per_week = 1000.0;
    s.simulation.mode = Mode::MonteCarlo;
    s.simulation.runs = 400;
    let e = simulate::expected(&s).trace;
    let mc: McOutcome = simulate::monte_carlo(&s);
    assert_eq!(mc.stages(), 4);
    let week = 30;
    let total: f64 = (0..4).map(|j| mc.stage_weekly(week, j).mean).sum();
    let open = mc.mean(week, mc.sources(), Metric::OpenOpportunities);
    assert!((total - open).abs() < 1e-9 * open.max(1.0), "stages {total} vs open {open}");
    for j in 0..4 {
        let values: Vec<f64> =
            (0..s.simulation.runs as u64).map(|r| simulate::single_run(&s, r).trace.stage_row(week)[j]).collect();
        let se = stats::std_dev(&values).unwrap_or(0.0) / (values.len() as f64).sqrt();
        let m = mc.stage_weekly(week, j).mean;
        assert!(
            (m - e.stage_row(week)[j]).abs() < 4.0 * se.max(1e-9),
            "stage {}: MC {m} vs expected {}",
            j + 1,
            e.stage_row(week)[j]
        );
    }
}
