//! Old links and files keep their meaning. `data/links_v1.json` holds link
//! codes and partial scenario files made by Funnel Lab *before* the presets
//! were recalibrated (issue 11), each with the full scenario it opened as
//! then and that scenario's expected-mode KPIs. Whatever the presets become,
//! each must still open as exactly that scenario, with exactly those
//! numbers: links and files are read against the frozen version-1 baseline
//! (`funnel_engine::baseline`), never against the current default preset.

use funnel_engine::kpi::{Kpi, SourceKpi};
use funnel_engine::{Scenario, baseline, link, presets, simulate};
use serde_json::Value;

const FIXTURES: &str = include_str!("data/links_v1.json");

fn fixtures() -> Value {
    serde_json::from_str(FIXTURES).unwrap_or(Value::Null)
}

fn entries(kind: &str) -> Vec<Value> {
    let list = fixtures().get(kind).and_then(Value::as_array).cloned().unwrap_or_default();
    assert!(!list.is_empty(), "no {kind} in data/links_v1.json");
    list
}

fn text<'a>(entry: &'a Value, key: &str) -> &'a str {
    entry.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn as_json(scenario: &Scenario) -> Value {
    serde_json::to_value(scenario).unwrap_or(Value::Null)
}

/// Asserts that `scenario` is the fixture's scenario and that its
/// expected-mode KPIs are the fixture's, number for number.
fn assert_same(label: &str, scenario: &Scenario, entry: &Value) {
    assert_eq!(&as_json(scenario), entry.get("scenario").unwrap_or(&Value::Null), "{label}: a different scenario");
    let outcome = simulate::expected(scenario);
    let kpis = entry.get("kpis").and_then(Value::as_object).cloned().unwrap_or_default();
    assert!(!kpis.is_empty(), "{label}: no KPIs stored");
    for (name, stored) in &kpis {
        let kpi = Kpi::ALL.iter().find(|k| k.name() == name);
        let Some(kpi) = kpi else { panic!("{label}: KPI {name} no longer exists") };
        assert_eq!(outcome.kpis.get(*kpi), stored.as_f64(), "{label}: {name}");
    }
    let sources = entry.get("by_source").and_then(Value::as_array).cloned().unwrap_or_default();
    assert_eq!(outcome.kpis.by_source.len(), sources.len(), "{label}: number of sources");
    for (s, (row, stored)) in outcome.kpis.by_source.iter().zip(&sources).enumerate() {
        for kpi in SourceKpi::ALL {
            let want = stored.get(kpi.name()).and_then(Value::as_f64);
            assert_eq!(row[kpi.index()], want, "{label}: {} of source {s}", kpi.name());
        }
    }
}

#[test]
fn links_made_before_the_recalibration_open_as_the_same_scenario_with_the_same_numbers() {
    for entry in entries("links") {
        let label = text(&entry, "label");
        let scenario = link::decode(text(&entry, "code"));
        let Ok(scenario) = scenario else { panic!("{label}: {scenario:?}") };
        assert_same(label, &scenario, &entry);
    }
}

#[test]
fn partial_files_made_before_the_recalibration_fill_in_the_same_values() {
    for entry in entries("files") {
        let label = text(&entry, "label");
        let scenario = Scenario::from_json(text(&entry, "text"));
        let Ok(scenario) = scenario else { panic!("{label}: {scenario:?}") };
        assert_same(label, &scenario, &entry);
    }
}

#[test]
fn the_frozen_baseline_is_the_default_the_old_links_were_made_against() {
    let links = entries("links");
    let default = links.iter().find(|e| text(e, "code") == "eyJ2ZXJzaW9uIjoxfQ");
    let Some(default) = default else { panic!("the fixtures lack the link {{\"version\":1}}") };
    assert_eq!(Some(&as_json(&baseline::v1())), default.get("scenario"));
    assert_eq!(Scenario::default(), baseline::v1());
    // The baseline still encodes as the shortest link.
    assert_eq!(link::encode(&baseline::v1()), "eyJ2ZXJzaW9uIjoxfQ");
}

#[test]
fn the_starting_preset_links_and_round_trips_whatever_it_is() {
    // The default preset may differ from the baseline; its link then
    // carries the differences, and opens as the preset.
    let start = presets::default_scenario();
    assert_eq!(link::decode(&link::encode(&start)), Ok(start));
}
