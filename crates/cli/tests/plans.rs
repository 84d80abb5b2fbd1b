//! `funnel-lab upgrade` and version 2 files (plans over time) as a user
//! runs them: the upgrade round-trips and simulates to the same numbers,
//! bad plans exit 2 naming the phase and the field.

mod common;

use common::{SPEC, fails_with, json, ok_stdout as stdout, run};
use serde_json::{Value, json};

#[test]
fn upgrade_writes_a_one_phase_plan_and_round_trips() {
    let upgraded = stdout(&run(&["upgrade", SPEC], None));
    let v: Value = serde_json::from_str(&upgraded).unwrap_or_default();
    assert_eq!(v["version"], 2);
    assert_eq!(
        v["plan"]["phases"],
        json!([{
            "from_week": 1, "to_week": 52, "budget_per_week": 20000.0,
            "shares": { "Paid search": 0.6, "Paid social": 0.4 }, "reps": 4.0
        }])
    );
    // Upgrading a version 2 file prints it unchanged.
    assert_eq!(stdout(&run(&["upgrade", "-"], Some(&upgraded))), upgraded);
    assert!(stdout(&run(&["validate", "-"], Some(&upgraded))).contains("1 phase"));
}

#[test]
fn a_file_and_its_upgrade_simulate_to_the_same_numbers() {
    let upgraded = stdout(&run(&["upgrade", SPEC], None));
    let strip = |mut v: Value| {
        for week in v["weeks"].as_array_mut().into_iter().flatten() {
            if let Some(w) = week.as_object_mut() {
                for key in ["phase", "reps", "capacity"] {
                    w.remove(key);
                }
            }
        }
        v
    };
    for mode in [&["--mode", "expected"][..], &["--mode", "monte-carlo", "--runs", "40", "--seed", "9"]] {
        let old = json(&run(&[&["simulate", SPEC], mode].concat(), None));
        let new = json(&run(&[&["simulate", "-"], mode].concat(), Some(&upgraded)));
        assert_eq!(new["weeks"][3]["phase"], 1);
        assert_eq!(old, strip(new), "{mode:?}");
    }
}

#[test]
fn a_plan_adds_phase_columns_to_the_csv() {
    let mut v: Value = serde_json::from_str(&stdout(&run(&["upgrade", SPEC], None))).unwrap_or_default();
    v["plan"]["phases"] = json!([
        { "name": "Launch", "from_week": 1, "to_week": 10, "budget_ramp": { "from": 5000, "to": 30000 } },
        { "from_week": 11, "to_week": 52, "reps": 6 }
    ]);
    v["plan"]["ramp_weeks"] = json!(4);
    let csv = stdout(&run(&["simulate", "-", "--format", "csv"], Some(&v.to_string())));
    let mut lines = csv.lines();
    assert!(lines.next().unwrap_or_default().ends_with(",phase,reps,capacity"));
    // Week 11: 4 reps at 30 leads plus two hires in their first week (25 %).
    assert!(csv.lines().any(|l| l.starts_with("11,total,") && l.ends_with(",2,6,135")), "{csv}");
}

#[test]
fn bad_plans_exit_2_naming_the_phase_and_the_field() {
    let mut v: Value = serde_json::from_str(&stdout(&run(&["upgrade", SPEC], None))).unwrap_or_default();
    v["plan"]["phases"] = json!([{ "from_week": 1, "to_week": 20 }, { "from_week": 22, "to_week": 52 }]);
    fails_with(&run(&["simulate", "-"], Some(&v.to_string())), "plan.phases[1].from_week must be 21");
    v["plan"]["phases"] = json!([{ "from_week": 1, "to_week": 52, "budget_per_week": -1 }]);
    fails_with(
        &run(&["upgrade", "-"], Some(&v.to_string())),
        "plan.phases[0].budget_per_week must be in [0, 1e12], got -1",
    );
    fails_with(
        &run(&["upgrade", "-"], Some(r#"{"version":1,"sales":{"win_rate":1.5}}"#)),
        "sales.win_rate must be in [0, 1], got 1.5",
    );
    fails_with(&run(&["upgrade", "-"], Some("not json")), "not a valid scenario file");
    fails_with(&run(&["upgrade", "/no/such/file.json"], None), "cannot read /no/such/file.json");
}

#[test]
fn decision_tools_refuse_a_plan_by_name() {
    let upgraded = stdout(&run(&["upgrade", SPEC], None));
    fails_with(&run(&["optimise", "-", "--objective", "revenue"], Some(&upgraded)), "plan: the decision tools");
    fails_with(&run(&["sensitivity", "-", "--kpi", "revenue"], Some(&upgraded)), "plan: the decision tools");
}

#[test]
fn hire_names_the_latest_start_week_or_says_why_not() {
    // The sales-led preset with four times the budget: more leads than five reps work.
    let mut busy: Value = serde_json::from_str(&stdout(&run(&["preset", "b2b-saas"], None))).unwrap_or_default();
    busy["budget"]["per_week"] = json!(40000.0);
    let plan = busy.to_string();
    let v = json(&run(&["hire", "-", "--reps", "3", "--max-backlog", "1e9"], Some(&plan)));
    assert_eq!(v["needed"], false, "an enormous limit needs no hire: {v}");
    // A limit below the peak without the hire: the answer is a week whose peak is within it.
    let peak = v["peak_without_hire"].as_f64().unwrap_or(f64::NAN);
    assert!(peak > 0.0, "the plan has a backlog: {v}");
    let limit = format!("{}", peak * 0.9);
    let v = json(&run(&["hire", "-", "--reps", "5", "--max-backlog", &limit], Some(&plan)));
    assert_eq!(v["needed"], true);
    let peaks: Vec<f64> =
        v["peaks"].as_array().map(|a| a.iter().filter_map(Value::as_f64).collect()).unwrap_or_default();
    if let Some(week) = v["week"].as_u64() {
        assert!(peaks[week as usize - 1] <= peak * 0.9, "{v}");
        assert!(peaks[week as usize..].iter().all(|p| *p > peak * 0.9), "the latest such week: {v}");
        let text =
            stdout(&run(&["hire", "-", "--reps", "5", "--max-backlog", &limit, "--format", "text"], Some(&plan)));
        assert!(text.contains(&format!("by week {week} at the latest")), "{text}");
    } else {
        assert!(peaks.iter().all(|p| *p > peak * 0.9), "no week works: {v}");
    }
    fails_with(&run(&["hire", "-", "--reps", "0", "--max-backlog", "10"], Some(&plan)), "--reps");
    fails_with(&run(&["hire", "-", "--reps", "x", "--max-backlog", "10"], Some(&plan)), "--reps must be a number");
}
