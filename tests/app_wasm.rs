//! In-browser tests of the web app: the App mounts with the default
//! scenario, shows every KPI and labelled chart, responds to slider input
//! in the expected direction, refuses bad input with a message naming the
//! field while keeping the last valid scenario, and the reducer behaves
//! (mix rules, stale Monte Carlo reports, playback).
#![cfg(target_arch = "wasm32")]

mod support;

use funnel_engine::Scenario;
use funnel_engine::fields::{ChannelField, Field, SalesField};
use funnel_engine::simulate::monte_carlo;
use funnel_lab::app::state::{Action, AppState, McResult, McStatus, Source};
use support::{alerts, find, input, kpi, mc_scenario, mount, mount_results, number, set};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// The KPIs the panel must show (engine names).
const KPIS: [&str; 12] = [
    "new_customers",
    "revenue",
    "cost",
    "cac",
    "marketing_cac",
    "roas",
    "roi",
    "cost_per_lead",
    "leads_gone_cold",
    "sales_utilization",
    "payback_week",
    "sales_velocity",
];

/// Charts shown in expected mode.
const CHARTS: [&str; 6] = ["funnel", "new-customers", "revenue-cost", "backlog", "channels", "response"];

// ---- the mounted app ----

#[wasm_bindgen_test]
async fn mounts_with_every_kpi_and_labelled_chart() {
    let (root, handle) = mount(false).await;
    assert_eq!(find(&root, "main").id(), "app");
    for name in KPIS {
        let (text, _) = kpi(&root, name);
        assert!(!text.trim().is_empty(), "KPI {name} is empty");
    }
    let (_, customers) = kpi(&root, "new_customers");
    assert!(customers > 0.0, "the default scenario wins customers, got {customers}");
    for chart in CHARTS {
        let canvas = find(&root, &format!("[data-chart=\"{chart}\"] canvas"));
        let label = canvas.get_attribute("aria-label").unwrap_or_default();
        assert!(label.len() > 10, "chart {chart} has no useful aria-label: {label:?}");
    }
    assert_eq!(find(&root, "[data-mc-status]").get_attribute("data-mc-status").as_deref(), Some("off"));
    for id in ["budget-per-week", "sales-win-rate", "sales-reps", "sim-runs", "week-scrubber", "channel-0-share"] {
        let el = input(&root, &format!("#{id}"));
        assert_eq!(el.type_(), "range", "#{id} is a slider");
        let label = find(&root, &format!("label[for=\"{id}\"]")).text_content().unwrap_or_default();
        assert!(!label.is_empty(), "#{id} has a label");
    }
    assert_eq!(find(&root, "label[for=\"budget-per-week\"]").text_content().as_deref(), Some("Budget per week"));
    assert_eq!(find(&root, "label[for=\"sales-win-rate\"]").text_content().as_deref(), Some("Win rate"));
    for id in ["mode-expected", "mode-monte-carlo", "channel-0-lock", "channel-0-enabled", "channel-0-cpm", "play"] {
        find(&root, &format!("#{id}"));
    }
    handle.destroy();
}

#[wasm_bindgen_test]
async fn more_budget_wins_more_customers_and_a_lower_win_rate_fewer() {
    let (root, handle) = mount(false).await;
    let (_, before) = kpi(&root, "new_customers");
    set(&root, "#budget-per-week", "30000").await;
    let (_, more) = kpi(&root, "new_customers");
    assert!(more > before, "budget up: {before} → {more}");
    assert_eq!(input(&root, "#budget-per-week-number").value(), "30000", "number input follows the slider");
    set(&root, "#sales-win-rate", "5").await;
    let (_, fewer) = kpi(&root, "new_customers");
    assert!(fewer < more, "win rate down: {more} → {fewer}");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn invalid_input_names_the_field_and_keeps_the_last_valid_scenario() {
    let (root, handle) = mount(false).await;
    set(&root, "#budget-per-week", "20000").await;
    let (text_before, value_before) = kpi(&root, "new_customers");
    assert!(alerts(&root).is_empty(), "no alert yet: {:?}", alerts(&root));

    set(&root, "#sales-win-rate-number", "150").await;
    let shown = alerts(&root);
    assert!(
        shown.iter().any(|a| a.contains("Win rate") && a.contains("between 0 % and 100 %")),
        "alert names the field and range: {shown:?}"
    );
    assert_eq!(input(&root, "#sales-win-rate-number").value(), "150", "the person's text stays");
    assert_eq!(input(&root, "#sales-win-rate-number").get_attribute("aria-invalid").as_deref(), Some("true"));
    let error_id = input(&root, "#sales-win-rate-number").get_attribute("aria-describedby").unwrap_or_default();
    assert!(find(&root, &format!("#{error_id}")).text_content().unwrap_or_default().contains("Win rate"));
    assert_eq!(kpi(&root, "new_customers"), (text_before.clone(), value_before), "results unchanged");
    assert_eq!(input(&root, "#budget-per-week-number").value(), "20000", "other values kept");

    // An empty (or non-numeric) field is refused too.
    let reps = input(&root, "#sales-reps-number").value();
    set(&root, "#sales-reps-number", "").await;
    assert!(alerts(&root).iter().any(|a| a.contains("Sales reps")), "{:?}", alerts(&root));

    // Fixing the values clears the alerts and applies them.
    set(&root, "#sales-win-rate-number", "40").await;
    set(&root, "#sales-reps-number", &reps).await;
    assert!(alerts(&root).is_empty(), "alerts cleared: {:?}", alerts(&root));
    let (_, value_after) = kpi(&root, "new_customers");
    assert!(value_after > value_before, "win rate 21 % → 40 % wins more: {value_before} → {value_after}");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn share_sliders_keep_the_mix_at_one_hundred_percent() {
    let (root, handle) = mount(false).await;
    set(&root, "#channel-0-share", "80").await;
    let share =
        |i: usize| input(&root, &format!("#channel-{i}-share-number")).value().parse::<f64>().unwrap_or(f64::NAN);
    let total: f64 = (0..3).map(share).sum();
    assert!(
        (share(0) - 80.0).abs() < 1e-9 && (total - 100.0).abs() < 1e-6,
        "shares {:?}",
        (0..3).map(share).collect::<Vec<_>>()
    );
    // Switching a channel off zeroes its share and disables its slider.
    input(&root, "#channel-1-enabled").unchecked_into::<HtmlElement>().click();
    yew::scheduler::flush().await;
    assert_eq!(share(1), 0.0);
    assert!(input(&root, "#channel-1-share").disabled());
    // The inputs show 6 significant digits: 90.9091 + 9.09091.
    let total: f64 = (0..3).map(share).sum();
    assert!((total - 100.0).abs() < 1e-3, "total {total}");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn monte_carlo_mode_starts_a_run_with_progress() {
    let (root, handle) = mount(false).await;
    input(&root, "#mode-monte-carlo").unchecked_into::<HtmlElement>().click();
    yew::scheduler::flush().await;
    assert_eq!(find(&root, "[data-mc-status]").get_attribute("data-mc-status").as_deref(), Some("running"));
    find(&root, "progress#mc-progress");
    // Back to expected: the job is dropped, the status is off.
    input(&root, "#mode-expected").unchecked_into::<HtmlElement>().click();
    yew::scheduler::flush().await;
    assert_eq!(find(&root, "[data-mc-status]").get_attribute("data-mc-status").as_deref(), Some("off"));
    handle.destroy();
}

/// A finished Monte Carlo state of the default scenario.
fn monte_carlo_state(runs: u32) -> AppState {
    let scenario = mc_scenario(runs);
    let result = McResult::new(&scenario.clone().into(), monte_carlo(&scenario));
    AppState::new(scenario.into()).apply(Action::McDone { generation: 0, result })
}

#[wasm_bindgen_test]
async fn finished_monte_carlo_shows_ranges_and_histograms() {
    let state = monte_carlo_state(60);
    assert!(matches!(state.mc, McStatus::Done(_)));
    let (root, handle) = mount_results(state).await;
    assert_eq!(find(&root, "[data-mc-status]").get_attribute("data-mc-status").as_deref(), Some("done"));
    for chart in ["hist-new-customers", "hist-roi"] {
        let label = find(&root, &format!("[data-chart=\"{chart}\"] canvas")).get_attribute("aria-label");
        assert!(label.is_some_and(|l| !l.is_empty()), "{chart}");
    }
    let range = find(&root, "[data-kpi=\"new_customers\"] + .kpi-range").text_content().unwrap_or_default();
    assert!(range.starts_with("P10–P90"), "{range}");
    handle.destroy();
}

// ---- the reducer ----

#[wasm_bindgen_test]
async fn runs_finished_so_far_are_shown_with_bands_until_the_whole_result_is_in() {
    let scenario = mc_scenario(50);
    let mut early = scenario.clone();
    early.simulation.runs = 25;
    let partial = McResult::new(&early.clone().into(), monte_carlo(&early)).derived;
    let state = AppState::new(scenario.clone().into());
    // A partial result of another scenario version is dropped.
    let stale = state.clone().apply(Action::McPartial { generation: 9, derived: partial.clone() });
    assert!(stale.mc_partial.is_none());
    let shown = state.apply(Action::McPartial { generation: 0, derived: partial.clone() });
    assert!(shown.mc_partial.is_some() && matches!(shown.mc, McStatus::Running { .. }));
    let (root, handle) = mount_results(shown.clone()).await;
    let note = find(&root, ".kpis .note").text_content().unwrap_or_default();
    assert!(note.contains("25 Monte Carlo runs finished so far"), "{note}");
    let range = find(&root, "[data-kpi=\"new_customers\"] + .kpi-range").text_content().unwrap_or_default();
    assert!(range.starts_with("P10–P90"), "bands from the runs so far: {range}");
    assert_eq!(number(&find(&root, "[data-kpi=\"new_customers\"]")), partial.kpis[0].value.unwrap_or(f64::NAN));
    handle.destroy();
    // The whole result replaces it; an edit drops it.
    let result = McResult::new(&scenario.clone().into(), monte_carlo(&scenario));
    let done = shown.clone().apply(Action::McDone { generation: 0, result });
    assert!(done.mc_partial.is_none() && matches!(done.mc, McStatus::Done(_)));
    let late = done.apply(Action::McPartial { generation: 0, derived: partial.clone() });
    assert!(late.mc_partial.is_none(), "a partial result after the whole one is ignored");
    let edited = shown.apply(Action::Edit {
        field: Field::Sales(SalesField::WinRate),
        text: "30".into(),
        source: Source::Slider,
    });
    assert!(edited.mc_partial.is_none(), "a new scenario starts without the old runs");
}

#[wasm_bindgen_test]
fn stale_monte_carlo_reports_are_ignored() {
    let scenario = mc_scenario(20);
    let result = McResult::new(&scenario.clone().into(), monte_carlo(&scenario));
    let state = AppState::new(scenario.into());
    let edited = state.clone().apply(Action::Edit {
        field: Field::Sales(SalesField::WinRate),
        text: "30".into(),
        source: Source::Slider,
    });
    assert_eq!(edited.generation, 1);
    assert!(matches!(edited.mc, McStatus::Running { done: 0, .. }));
    let stale = edited.clone().apply(Action::McDone { generation: 0, result: result.clone() });
    assert!(matches!(stale.mc, McStatus::Running { .. }), "a report for the old scenario is dropped");
    let stale = edited.clone().apply(Action::McProgress { generation: 0, done: 5, total: 20 });
    assert!(matches!(stale.mc, McStatus::Running { done: 0, .. }));
    let fresh = edited.apply(Action::McDone { generation: 1, result });
    assert!(matches!(fresh.mc, McStatus::Done(_)));
}

#[wasm_bindgen_test]
fn locked_shares_stay_and_invalid_loads_change_nothing() {
    let state = AppState::default().apply(Action::SetLocked(1, true));
    let share = |s: &AppState, i: usize| s.scenario.channels[i].share;
    let before = share(&state, 1);
    let moved = state.apply(Action::Edit {
        field: Field::Channel(0, ChannelField::Share),
        text: "90".into(),
        source: Source::Slider,
    });
    assert_eq!(share(&moved, 1), before, "the locked share kept its value");
    let total: f64 = moved.scenario.channels.iter().map(|c| c.share).sum();
    assert!((total - 1.0).abs() < 1e-9);
    assert!(moved.scenario.validate().is_ok());

    let mut broken = Scenario::default();
    broken.sales.win_rate = 3.0;
    let loaded = moved.clone().apply(Action::Load(Box::new(broken.into())));
    assert_eq!(loaded, moved, "an invalid scenario is not loaded");
}

#[wasm_bindgen_test]
fn playback_steps_week_by_week_and_stops_at_the_end() {
    let state = AppState::default();
    let weeks = state.scenario.weeks as usize;
    assert_eq!(state.week, weeks, "starts at the end of the horizon");
    let playing = state.apply(Action::TogglePlay);
    assert!(playing.playing && playing.week == 1, "play from the end restarts at week 1");
    let mut s = playing.apply(Action::Tick);
    assert_eq!(s.week, 2);
    for _ in 0..weeks + 5 {
        s = s.apply(Action::Tick);
    }
    assert_eq!(s.week, weeks);
    assert!(!s.playing, "stops at the last week");
    let scrubbed = s.apply(Action::Scrub(10_000));
    assert_eq!(scrubbed.week, weeks, "scrubbing is clamped");
}

#[wasm_bindgen_test]
fn a_value_breaking_a_cross_field_rule_is_refused_with_the_reason() {
    use funnel_engine::fields::MarketField;
    let state = AppState::default();
    let forget = Field::Market(MarketField::ForgetRate);
    // Forgetting 100 % a week leaves no room for visits (engagement + forgetting ≤ 100 %).
    let refused = state.clone().apply(Action::Edit { field: forget, text: "100".into(), source: Source::Typed });
    let message = refused.error(forget).unwrap_or_default().to_string();
    assert!(message.starts_with("Forgetting per week 100 % was not applied"), "{message}");
    assert!(message.contains("forget_rate"), "names the rule: {message}");
    assert_eq!(refused.scenario, state.scenario, "the last valid scenario stays");
    assert_eq!(refused.drafts.get(&forget).map(|d| d.text.as_str()), Some("100"), "the text stays");

    // A typed value that is applied keeps the person's text (no reformatting mid-typing).
    let typed = state.apply(Action::Edit { field: forget, text: "5.50".into(), source: Source::Typed });
    assert_eq!(typed.error(forget), None);
    assert!((typed.scenario.market.forget_rate - 0.055).abs() < 1e-12);
    assert_eq!(typed.drafts.get(&forget).map(|d| d.text.as_str()), Some("5.50"));
    let committed = typed.apply(Action::Commit(forget));
    assert!(!committed.drafts.contains_key(&forget), "leaving the field shows the value tidily");
}
