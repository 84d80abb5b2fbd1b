//! The `funnel-lab` binary as a user runs it: exit codes, JSON shape, CSV.

mod common;

use common::{SPEC, fails_with, json, run, stderr, stdout};
use serde_json::Value;

#[test]
fn help_lists_the_commands() {
    let o = run(&["--help"], None);
    assert!(o.status.success());
    for word in ["simulate", "validate", "preset", "--per-run"] {
        assert!(stdout(&o).contains(word), "{word} missing from --help");
    }
}

#[test]
fn expected_json_has_weeks_sources_and_kpis() {
    let o = run(&["simulate", SPEC], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    let weeks = v["weeks"].as_array().map_or(0, Vec::len);
    assert_eq!(weeks, 52);
    let w1 = &v["weeks"][0];
    assert_eq!(w1["week"], 1);
    for field in [
        "spend",
        "impressions",
        "new_aware",
        "visits",
        "purchases",
        "leads",
        "worked",
        "sql",
        "opportunities",
        "won",
        "lost",
        "cold",
        "churned",
        "revenue",
        "cost",
        "unaware",
        "aware",
        "mql_backlog",
        "open_opportunities",
        "customers",
        "churned_total",
        "sales_utilization",
    ] {
        assert!(w1["total"][field].is_number(), "total.{field} missing");
    }
    for source in ["Paid search", "Paid social", "organic"] {
        assert!(w1["by_source"][source]["leads"].is_number(), "{source} missing");
    }
    for kpi in ["new_customers", "cac", "marketing_cac", "roas", "roi", "cost_per_lead", "cost_per_sql", "payback_week"]
    {
        assert!(v["kpis"].get(kpi).is_some(), "kpi {kpi} missing");
    }
    // Organic has no spend: its CAC is 0 and its ROI is none (null), never NaN.
    assert!(v["kpis"]["by_source"]["organic"]["roi"].is_null());
}

#[test]
fn monte_carlo_json_numbers_are_summaries_and_flags_override_the_file() {
    let dir = std::env::temp_dir().join(format!("funnel-lab-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let per_run = dir.join("runs.csv");
    let per_run_arg = per_run.to_string_lossy().into_owned();
    let o = run(
        &["simulate", SPEC, "--mode", "monte-carlo", "--runs", "40", "--seed", "7", "--per-run", &per_run_arg],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["runs"], 40);
    let leads = &v["weeks"][20]["total"]["leads"];
    for stat in ["mean", "p10", "p50", "p90"] {
        assert!(leads[stat].is_number(), "{stat} missing in {leads}");
    }
    assert!(v["kpis"]["new_customers"]["p90"].as_f64() >= v["kpis"]["new_customers"]["p10"].as_f64());
    let csv = std::fs::read_to_string(&per_run).unwrap_or_default();
    let mut lines = csv.lines();
    let header = lines.next().unwrap_or_default();
    for column in ["run", "new_customers", "revenue", "cost", "leads", "won", "purchases"] {
        assert!(header.split(',').any(|c| c == column), "{column} missing from {header}");
    }
    assert_eq!(lines.count(), 40);
    // Same seed, same numbers; another seed, other numbers.
    let again = run(&["simulate", SPEC, "--mode=monte-carlo", "--runs=40", "--seed=7"], None);
    assert_eq!(json(&again)["kpis"], v["kpis"]);
    let other = run(&["simulate", SPEC, "--mode=monte-carlo", "--runs=40", "--seed=8"], None);
    assert_ne!(json(&other)["kpis"], v["kpis"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn csv_has_a_header_and_a_row_per_week_and_source() {
    let o = run(&["simulate", SPEC, "--format", "csv"], None);
    assert!(o.status.success());
    let text = stdout(&o);
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    assert!(header.starts_with("week,source,spend,impressions,new_aware,visits"), "{header}");
    // 52 weeks × (2 channels + organic + total)
    assert_eq!(lines.count(), 52 * 4);
    let mc = run(&["simulate", SPEC, "--format", "csv", "--mode", "monte-carlo", "--runs", "5"], None);
    assert!(stdout(&mc).starts_with("week,source,stat,spend"));
}

#[test]
fn validate_and_stdin() {
    let o = run(&["validate", SPEC], None);
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("ok:"));
    let text = std::fs::read_to_string(SPEC).unwrap_or_default();
    let o = run(&["simulate", "-"], Some(&text));
    assert!(o.status.success());
    assert_eq!(json(&o)["scenario"], "Mid-market SaaS");
}

#[test]
fn presets_print_valid_scenarios() {
    let list = run(&["preset"], None);
    assert!(stdout(&list).contains("b2b-saas"));
    for line in stdout(&list).lines() {
        let id = line.split_whitespace().next().unwrap_or_default();
        let o = run(&["preset", id], None);
        assert!(o.status.success(), "{id}: {}", stderr(&o));
        let check = run(&["validate", "-"], Some(&stdout(&o)));
        assert!(check.status.success(), "preset {id} is invalid: {}", stderr(&check));
    }
    fails_with(&run(&["preset", "nope"], None), "unknown preset nope");
}

#[test]
fn bad_input_exits_2_with_one_line_naming_the_field() {
    fails_with(
        &run(&["validate", "-"], Some(r#"{"version":1,"sales":{"win_rate":1.5}}"#)),
        "sales.win_rate must be in [0, 1], got 1.5",
    );
    fails_with(
        &run(&["simulate", "-"], Some(r#"{"version":1,"channels":[{"name":"x","share":"a"}]}"#)),
        "channels[0].share",
    );
    fails_with(&run(&["simulate", "-"], Some("not json")), "not a valid scenario file");
    fails_with(&run(&["simulate", "-"], Some(r#"{"version":9}"#)), "version 9 is not supported");
    fails_with(&run(&["simulate", SPEC, "--runs", "0"], None), "--runs must be a whole number in 1..=100000");
    fails_with(&run(&["simulate", SPEC, "--mode", "fast"], None), "--mode must be expected or monte-carlo");
    fails_with(&run(&["simulate", SPEC, "--seed", "-1"], None), "--seed");
    fails_with(&run(&["simulate", SPEC, "--bogus"], None), "unknown option --bogus");
    fails_with(&run(&["simulate", SPEC, "--per-run", "x.csv"], None), "--per-run needs monte-carlo");
    fails_with(&run(&["simulate", "/no/such/file.json"], None), "cannot read /no/such/file.json");
    fails_with(&run(&["frobnicate"], None), "unknown command frobnicate");
    fails_with(&run(&[], None), "no command given");
}

#[test]
fn pipeline_stages_show_in_json_and_csv() {
    let mut scenario: Value =
        serde_json::from_str(&std::fs::read_to_string(SPEC).unwrap_or_default()).unwrap_or_default();
    scenario["sales"]["pipeline_stages"] = Value::from(3);
    let text = scenario.to_string();
    for mode in ["expected", "monte-carlo"] {
        let o = run(&["simulate", "-", "--mode", mode, "--runs", "40"], Some(&text));
        assert!(o.status.success(), "{}", stderr(&o));
        let v = json(&o);
        assert_eq!(v["pipeline_stages"].as_array().map(Vec::len), Some(3), "{mode}: stage names");
        let week = &v["weeks"][30];
        let stages = week["open_opportunities_by_stage"].as_array().cloned().unwrap_or_default();
        assert_eq!(stages.len(), 3, "{mode}: three stages in week 31");
        let value = |x: &Value| x.as_f64().or_else(|| x["mean"].as_f64()).unwrap_or(f64::NAN);
        let sum: f64 = stages.iter().map(value).sum();
        let open = value(&week["total"]["open_opportunities"]);
        assert!(open > 0.0 && (sum - open).abs() < 1e-6 * open, "{mode}: stages sum {sum} vs open {open}");

        let o = run(&["simulate", "-", "--mode", mode, "--runs", "40", "--format", "csv"], Some(&text));
        let csv = stdout(&o);
        let header: Vec<&str> = csv.lines().next().unwrap_or_default().split(',').collect();
        assert_eq!(&header[header.len() - 3..], ["open_stage_1", "open_stage_2", "open_stage_3"], "{mode}");
        let total = csv.lines().find(|l| l.starts_with("31,total,")).unwrap_or_default();
        assert_eq!(total.split(',').count(), header.len(), "{mode}: total rows fill the stage columns");
    }
    // One stage keeps the columns it always had.
    let o = run(&["simulate", SPEC, "--format", "csv"], None);
    assert!(!stdout(&o).lines().next().unwrap_or_default().contains("open_stage"));
    // Out of range: a field-naming error.
    scenario["sales"]["pipeline_stages"] = Value::from(13);
    fails_with(&run(&["simulate", "-"], Some(&scenario.to_string())), "sales.pipeline_stages");
    scenario["sales"]["pipeline_stages"] = Value::from(4);
    scenario["sales"]["cycle_weeks"] = Value::from(3);
    fails_with(&run(&["simulate", "-"], Some(&scenario.to_string())), "sales.cycle_weeks");
}
