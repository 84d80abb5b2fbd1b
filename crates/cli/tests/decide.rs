//! The decision-tool subcommands as a user runs them: JSON shape, text
//! tables, and exit status 2 with one line naming the flag on bad input.

mod common;

use common::{SPEC, fails_with, json};

fn run(args: &[&str]) -> std::process::Output {
    common::run(args, None)
}

#[test]
fn optimise_prints_the_plan_the_kpis_and_the_channels() {
    let v = json(&run(&["optimise", SPEC, "--objective", "new_customers", "--bounds", "Paid search=0.2..0.7"]));
    for key in
        ["scenario", "objective", "before", "after", "channels", "wider_bounds", "objective_before", "objective_after"]
    {
        assert!(v.get(key).is_some(), "{key} missing");
    }
    assert_eq!(v["scenario"]["version"], 1);
    let shares: f64 =
        v["scenario"]["channels"].as_array().map_or(0.0, |c| c.iter().filter_map(|c| c["share"].as_f64()).sum());
    assert!((shares - 1.0).abs() < 1e-9);
    let search = v["channels"][0]["share_after"].as_f64().unwrap_or(-1.0);
    assert!((0.2 - 1e-9..=0.7 + 1e-9).contains(&search), "{search}");
    assert!(v["after"]["new_customers"].as_f64() >= v["before"]["new_customers"].as_f64());
    assert!(v["channels"][0]["binding"].is_string() && v["channels"][0].get("marginal_customers_per_1k").is_some());
    // The plan is a complete scenario the other commands accept.
    let text =
        run(&["optimise", SPEC, "--objective=cac", "--budget", "5000..40000", "--reps", "2..6", "--format", "text"]);
    assert!(text.status.success(), "{}", String::from_utf8_lossy(&text.stderr));
    assert!(String::from_utf8_lossy(&text.stdout).contains("Paid social"));
}

#[test]
fn optimise_with_monte_carlo_adds_paired_quantiles() {
    let v = json(&run(&["optimise", SPEC, "--objective", "revenue", "--monte-carlo", "--threads", "2"]));
    let mc = &v["monte_carlo"];
    assert_eq!(mc["kpi"], "revenue");
    for q in ["p10", "p50", "p90"] {
        assert!(mc["before"][q].is_number() && mc["after"][q].is_number(), "{q}");
    }
    assert!(mc["after_better_share"].is_number());
}

#[test]
fn goal_prints_the_cheapest_plan_and_the_reverse_funnel() {
    let v = json(&run(&["goal", SPEC, "--target", "new_customers=30", "--by-week", "40", "--vary", "budget,reps"]));
    assert_eq!(v["feasible"], true);
    assert_eq!(v["scenario"]["version"], 1);
    assert!(v["total_cost"].as_f64().is_some_and(|c| c > 0.0));
    assert!(v["achieved"].as_f64() >= Some(30.0));
    for key in ["customers", "opportunities", "sqls", "mqls", "visits", "budget_per_week", "reps"] {
        assert!(v["reverse_funnel"].get(key).is_some(), "reverse_funnel.{key}");
    }
    assert!(v["reasons"].is_array());
    let unreachable = json(&run(&["goal", SPEC, "--target", "new_customers=100000000"]));
    assert_eq!(unreachable["feasible"], false);
    assert!(unreachable["limits"].as_array().is_some_and(|l| !l.is_empty()));
    let text = run(&["goal", SPEC, "--target=revenue=500000", "--format=text"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("Reverse funnel"));
}

#[test]
fn sensitivity_is_a_sorted_list_of_fields() {
    let v = json(&run(&["sensitivity", SPEC, "--kpi", "new_customers", "--delta", "0.1"]));
    let rows = v.as_array().cloned().unwrap_or_default();
    assert!(rows.len() > 10);
    for key in ["field", "label", "low", "high", "kpi_low", "kpi_high", "kpi_base", "elasticity"] {
        assert!(rows[0].get(key).is_some(), "{key} missing");
    }
    let impact: Vec<f64> = rows.iter().filter_map(|r| r["impact"].as_f64()).collect();
    assert!(impact.windows(2).all(|w| w[0] >= w[1]));
    assert!(rows.iter().any(|r| r["field"] == "channels[1].cpm"));
}

#[test]
fn bad_decision_flags_exit_2_naming_the_flag() {
    fails_with(
        &run(&["optimise", SPEC, "--objective", "new_customers", "--bounds", "TikTok=0..0.5"]),
        "unknown channel \"TikTok\"",
    );
    fails_with(
        &run(&["optimise", SPEC, "--objective", "new_customers", "--bounds", "Paid search=0.5..0.2"]),
        "--bounds",
    );
    fails_with(
        &run(&["optimise", SPEC, "--objective", "new_customers", "--budget", "9000..1000"]),
        "--budget must be MIN..MAX",
    );
    fails_with(
        &run(&["optimise", SPEC, "--objective", "reach"]),
        "--objective must be new_customers, revenue, gross_profit or cac",
    );
    fails_with(
        &run(&["optimise", SPEC, "--objective", "new_customers", "--bounds", "Paid search=0.8..,Paid social=0.5.."]),
        "Paid search, Paid social",
    );
    fails_with(
        &run(&["optimise", SPEC, "--objective", "cac", "--target-cac", "10", "--target-roas", "2"]),
        "--target-cac",
    );
    fails_with(&run(&["sensitivity", SPEC, "--kpi", "happiness"]), "--kpi must be one of new_customers");
    fails_with(&run(&["sensitivity", SPEC, "--kpi", "cac", "--delta", "1.5"]), "--delta must be a number in (0, 1)");
    fails_with(&run(&["goal", SPEC, "--target", "customers=5"]), "--target must be new_customers=N or revenue=X");
    fails_with(
        &run(&["goal", SPEC, "--target", "new_customers=5", "--by-week", "99"]),
        "--by-week must be a whole number in 1..=52",
    );
    fails_with(&run(&["goal", SPEC, "--target", "new_customers=5", "--vary", "luck"]), "--vary must be");
}
