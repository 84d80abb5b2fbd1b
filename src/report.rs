//! Results as files: JSON (weekly totals and per source, plus KPIs), weekly
//! CSV, and the per-run CSV of a Monte Carlo simulation. Pure functions
//! returning text, shared by the command line and the app's exports.
//!
//! In Monte Carlo mode every number becomes `{"mean", "p10", "p50", "p90"}`;
//! a KPI that is none (zero denominator) is `null`.

use serde_json::{Map, Value, json};

use crate::engine::kpi::{Kpi, Kpis, SourceKpi};
use crate::engine::metrics::Metric;
use crate::engine::scenario::Scenario;
use crate::engine::simulate::{McOutcome, Outcome};
use crate::engine::stats::Summary;

fn summary_json(s: Summary) -> Value {
    json!({ "mean": s.mean, "p10": s.p10, "p50": s.p50, "p90": s.p90 })
}

fn number(x: f64) -> Value {
    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
}

fn option(x: Option<f64>) -> Value {
    x.map_or(Value::Null, number)
}

/// Which metrics a row reports: all in total, per source the ones that
/// belong to a source. Utilisation is `null` without a sales team.
fn row_json(total: bool, has_sales_team: bool, mut value: impl FnMut(Metric) -> Value) -> Value {
    let mut row = Map::new();
    for m in Metric::ALL {
        if !total && !m.per_source() {
            continue;
        }
        let v = if m == Metric::SalesUtilization && !has_sales_team { Value::Null } else { value(m) };
        row.insert(m.name().into(), v);
    }
    Value::Object(row)
}

fn has_sales_team(scenario: &Scenario) -> bool {
    scenario.sales.reps * scenario.sales.leads_per_rep_per_week > 0.0
}

fn weeks_json(scenario: &Scenario, weeks: usize, mut value: impl FnMut(usize, usize, Metric) -> Value) -> Value {
    let sources = scenario.source_count();
    let team = has_sales_team(scenario);
    let rows = (0..weeks)
        .map(|w| {
            let mut by_source = Map::new();
            for s in 0..sources {
                by_source.insert(scenario.source_name(s).into(), row_json(false, team, |m| value(w, s, m)));
            }
            json!({
                "week": w + 1,
                "total": row_json(true, team, |m| value(w, sources, m)),
                "by_source": by_source,
            })
        })
        .collect();
    Value::Array(rows)
}

fn kpis_json(scenario: &Scenario, kpi: impl Fn(Kpi) -> Value, source_kpi: impl Fn(usize, SourceKpi) -> Value) -> Value {
    let mut out = Map::new();
    for &k in Kpi::ALL {
        out.insert(k.name().into(), kpi(k));
    }
    let mut by_source = Map::new();
    for s in 0..scenario.source_count() {
        let row: Map<String, Value> = SourceKpi::ALL.iter().map(|&k| (k.name().to_string(), source_kpi(s, k))).collect();
        by_source.insert(scenario.source_name(s).into(), Value::Object(row));
    }
    out.insert("by_source".into(), Value::Object(by_source));
    Value::Object(out)
}

/// Expected-mode results as JSON.
pub fn expected_json(scenario: &Scenario, outcome: &Outcome) -> Value {
    let t = &outcome.trace;
    let k: &Kpis = &outcome.kpis;
    json!({
        "scenario": scenario.name,
        "mode": "expected",
        "weeks": weeks_json(scenario, t.weeks(), |w, s, m| number(t.get(w, s, m))),
        "kpis": kpis_json(scenario, |kpi| option(k.get(kpi)), |s, kpi| option(k.by_source[s][kpi.index()])),
    })
}

/// Monte Carlo results as JSON (every number a summary).
pub fn monte_carlo_json(scenario: &Scenario, outcome: &McOutcome) -> Value {
    json!({
        "scenario": scenario.name,
        "mode": "monte-carlo",
        "runs": outcome.runs(),
        "weekly_percentiles_from_runs": outcome.sample_runs(),
        "weeks": weeks_json(scenario, outcome.weeks(), |w, s, m| summary_json(outcome.weekly(w, s, m))),
        "kpis": kpis_json(
            scenario,
            |kpi| outcome.kpi(kpi).map_or(Value::Null, summary_json),
            |s, kpi| outcome.source_kpi(s, kpi).map_or(Value::Null, summary_json),
        ),
    })
}

/// Quotes a CSV field when it needs it (RFC 4180).
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_string() }
}

fn csv_number(x: f64) -> String {
    if x.is_finite() { format!("{x}") } else { String::new() }
}

fn metric_header() -> String {
    Metric::ALL.iter().map(|m| m.name()).collect::<Vec<_>>().join(",")
}

/// Weekly results as CSV, one row per week and source (`total` last).
pub fn expected_csv(scenario: &Scenario, outcome: &Outcome) -> String {
    let t = &outcome.trace;
    let mut out = format!("week,source,{}\n", metric_header());
    for w in 0..t.weeks() {
        for s in 0..=t.sources() {
            let name = if s == t.sources() { "total" } else { scenario.source_name(s) };
            let values: Vec<String> = t.row(w, s).iter().map(|&v| csv_number(v)).collect();
            out.push_str(&format!("{},{},{}\n", w + 1, csv_field(name), values.join(",")));
        }
    }
    out
}

/// Monte Carlo weekly results as CSV: one row per week, source and
/// statistic (`mean`, `p10`, `p50`, `p90`).
pub fn monte_carlo_csv(scenario: &Scenario, outcome: &McOutcome) -> String {
    let sources = outcome.sources();
    let mut out = format!("week,source,stat,{}\n", metric_header());
    for w in 0..outcome.weeks() {
        for s in 0..=sources {
            let name = if s == sources { "total" } else { scenario.source_name(s) };
            let summaries: Vec<Summary> = Metric::ALL.iter().map(|&m| outcome.weekly(w, s, m)).collect();
            let stats: [(&str, fn(&Summary) -> f64); 4] =
                [("mean", |x| x.mean), ("p10", |x| x.p10), ("p50", |x| x.p50), ("p90", |x| x.p90)];
            for (stat, pick) in stats {
                let values: Vec<String> = summaries.iter().map(|x| csv_number(pick(x))).collect();
                out.push_str(&format!("{},{},{stat},{}\n", w + 1, csv_field(name), values.join(",")));
            }
        }
    }
    out
}

/// One row per Monte Carlo run with that run's horizon KPIs (empty where
/// a KPI is none in that run), for analysts who want the raw distribution.
pub fn per_run_csv(outcome: &McOutcome) -> String {
    let columns: Vec<Vec<f64>> = Kpi::ALL.iter().map(|&k| outcome.kpi_values(k)).collect();
    let header: Vec<&str> = Kpi::ALL.iter().map(|k| k.name()).collect();
    let mut out = format!("run,{}\n", header.join(","));
    for run in 0..outcome.runs() {
        let values: Vec<String> = columns.iter().map(|c| csv_number(c[run])).collect();
        out.push_str(&format!("{},{}\n", run + 1, values.join(",")));
    }
    out
}
