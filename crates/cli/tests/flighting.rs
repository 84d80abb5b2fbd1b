//! `funnel-lab optimise --over-time` (flighting) as a user runs it.

mod common;

use common::{SPEC, fails_with, json, ok_stdout};

fn run(args: &[&str]) -> std::process::Output {
    common::run(args, None)
}

#[test]
fn over_time_prints_the_plan_flat_flighted_gain_and_periods() {
    let v = json(&run(&["optimise", SPEC, "--objective", "new_customers", "--over-time", "--periods", "4"]));
    for key in ["plan", "flat", "flighted", "gain", "periods", "evaluations"] {
        assert!(v.get(key).is_some(), "{key} missing");
    }
    assert_eq!(v["plan"]["version"], 2);
    let phases = v["plan"]["plan"]["phases"].as_array().map_or(0, Vec::len);
    assert_eq!(phases, 4);
    assert_eq!(v["periods"].as_array().map_or(0, Vec::len), 4);
    assert!(v["flighted"]["objective"].as_f64() >= v["flat"]["objective"].as_f64());
    assert!(v["gain"]["absolute"].as_f64().is_some_and(|g| g >= 0.0));
    // The plan is a v2 scenario `simulate` accepts.
    let plan = serde_json::to_string(&v["plan"]).unwrap_or_default();
    let sim = common::run(&["simulate", "-"], Some(&plan));
    assert!(sim.status.success(), "{}", common::stderr(&sim));

    let total = json(&run(&[
        "optimise",
        SPEC,
        "--objective",
        "gross_profit",
        "--over-time",
        "--periods",
        "2",
        "--total",
        "500000",
        "--period-bounds",
        "5000..",
    ]));
    let spent: f64 = total["periods"].as_array().map_or(0.0, |p| p.iter().filter_map(|p| p["budget"].as_f64()).sum());
    assert!((spent - 500_000.0).abs() < 1e-6, "{spent}");
    let text = ok_stdout(&run(&[
        "optimise",
        SPEC,
        "--objective",
        "new_customers",
        "--over-time",
        "--periods",
        "3",
        "--format",
        "text",
    ]));
    assert!(text.contains("Flighting new_customers") && text.contains("budget/wk"), "{text}");
}

#[test]
fn over_time_usage_errors_name_the_flag() {
    fails_with(&run(&["optimise", SPEC, "--objective", "new_customers", "--over-time"]), "--periods");
    fails_with(&run(&["optimise", SPEC, "--objective", "cac", "--over-time", "--periods", "4"]), "--objective");
    fails_with(&run(&["optimise", SPEC, "--objective", "new_customers", "--periods", "4"]), "--over-time");
    fails_with(&run(&["optimise", SPEC, "--objective", "new_customers", "--over-time", "--periods", "0"]), "--periods");
    fails_with(
        &run(&["optimise", SPEC, "--objective", "new_customers", "--over-time", "--periods", "9999"]),
        "--periods",
    );
    fails_with(
        &run(&["optimise", SPEC, "--objective", "new_customers", "--over-time", "--periods", "4", "--budget", "1..2"]),
        "--budget",
    );
    fails_with(
        &run(&[
            "optimise",
            SPEC,
            "--objective",
            "new_customers",
            "--over-time",
            "--periods",
            "4",
            "--period-bounds",
            "9..1",
        ]),
        "--period-bounds",
    );
    fails_with(
        &run(&[
            "optimise",
            SPEC,
            "--objective",
            "new_customers",
            "--over-time",
            "--periods",
            "4",
            "--total",
            "100",
            "--period-bounds",
            "1000..",
        ]),
        "periods 1, 2, 3, 4",
    );
}
