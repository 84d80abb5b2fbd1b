#![cfg(target_arch = "wasm32")]
//! In-browser tests of compare and embed: pinning shows the compare table
//! with A, B and the difference, and unpinning hides it; the weekly charts
//! overlay A (dashed) and B; Monte Carlo adds the paired columns only for
//! the same seed and runs; the reducer keeps A while B changes; the embed
//! widget renders only the chosen controls and charts, and its query and
//! snippet are read and written consistently.

mod support;

use std::rc::Rc;

use funnel_engine::Scenario;
use funnel_engine::fields::{ChannelField, Field, SalesField};
use funnel_engine::link;
use funnel_engine::plan::PlannedScenario;
use funnel_engine::simulate::monte_carlo;
use funnel_lab::app::compare::overlay;
use funnel_lab::app::embed::{EmbedView, EmbedViewProps};
use funnel_lab::app::embed_params::{EmbedChart, EmbedParams, iframe_snippet};
use funnel_lab::app::outcomes::{Derived, TimeChart};
use funnel_lab::app::state::{Action, AppState, McResult, McStatus, Source};
use support::{all, click, container, exists, find, input, mc_scenario, mount, mount_results, number, set, text};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

// ---- helpers ----

/// The A, B and B − A cells of a KPI's row in the compare table.
fn row(root: &Element, kpi: &str) -> (Element, Element, Element) {
    let tr = format!("#compare-table tr[data-compare-kpi=\"{kpi}\"]");
    let cell = |col: &str| find(root, &format!("{tr} td[data-col=\"{col}\"]"));
    (cell("a"), cell("b"), cell("diff"))
}

/// The raw value of a KPI in the KPI panel (not in the compare table).
fn kpi_value(root: &Element, name: &str) -> f64 {
    number(&find(root, &format!(".kpis [data-kpi=\"{name}\"]")))
}

// ---- the mounted app ----

#[wasm_bindgen_test]
async fn pinning_shows_a_b_and_the_difference_and_unpinning_hides_them() {
    // No persistence: this test must not write the runner page's storage or address.
    let (root, handle) = mount(false).await;
    assert!(!exists(&root, "#compare-table"), "no table before pinning");
    assert!(!exists(&root, "#unpin-a"));
    let a_customers = kpi_value(&root, "new_customers");
    let a_cost = kpi_value(&root, "cost");
    let budget: f64 = input(&root, "#budget-per-week").value().parse().expect("a number");

    click(&root, "#pin-a").await;
    let table = find(&root, "#compare-table");
    assert!(!text(&find(&table, "caption")).is_empty(), "the table has a caption");
    let headers: Vec<String> = all(&table, "thead th[scope=\"col\"]").iter().map(text).collect();
    assert_eq!(headers, ["KPI", "A", "B", "B − A"], "expected mode: no Monte Carlo columns");
    assert_eq!(all(&table, "tbody th[scope=\"row\"]").len(), 10, "one row per headline KPI");
    let (a, b, diff) = row(&root, "new_customers");
    assert_eq!((number(&a), number(&b)), (a_customers, a_customers), "just pinned: A = B");
    assert_eq!(number(&diff), 0.0);

    // Raise the budget: B follows, A stays, the difference is B − A.
    set(&root, "#budget-per-week", &(budget * 3.0).to_string()).await;
    let b_customers = kpi_value(&root, "new_customers");
    assert!(b_customers > a_customers, "more budget wins more customers: {a_customers} → {b_customers}");
    let (a, b, diff) = row(&root, "new_customers");
    assert_eq!(number(&a), a_customers, "A is unchanged");
    assert_eq!(number(&b), b_customers, "B is the current scenario");
    assert!((number(&diff) - (b_customers - a_customers)).abs() < 1e-9);
    assert!(text(&diff).starts_with('+'), "a signed difference: {}", text(&diff));
    assert_eq!(diff.get_attribute("data-better").as_deref(), Some("b"), "more customers is better");
    let (a, b, diff) = row(&root, "cost");
    assert_eq!(number(&a), a_cost);
    assert!(number(&b) > a_cost);
    assert_eq!(diff.get_attribute("data-better").as_deref(), Some("a"), "more cost is worse");
    // The weekly charts overlay A and B while A is pinned.
    let label = find(&root, "[data-chart=\"new-customers\"] canvas").get_attribute("aria-label").unwrap_or_default();
    assert!(label.contains("A dashed"), "{label}");

    click(&root, "#unpin-a").await;
    assert!(!exists(&root, "#compare-table"), "unpinning hides the table");
    assert!(!exists(&root, "#unpin-a"));
    let label = find(&root, "[data-chart=\"new-customers\"] canvas").get_attribute("aria-label").unwrap_or_default();
    assert!(!label.contains("A dashed"), "{label}");
    handle.destroy();
}

// ---- Monte Carlo comparison ----

/// A pinned with its Monte Carlo result, then B = A with `edit` applied and
/// B's result in.
fn compared(runs: u32, edit: Action) -> AppState {
    let a: PlannedScenario = mc_scenario(runs).into();
    let result = McResult::new(&a, monte_carlo(&a.scenario));
    let state = AppState::new(a).apply(Action::McDone { generation: 0, result }).apply(Action::PinA).apply(edit);
    let b = (*state.planned()).clone();
    let result = McResult::new(&b, monte_carlo(&b.scenario));
    let generation = state.generation;
    state.apply(Action::McDone { generation, result })
}

fn budget(value: &str) -> Action {
    Action::Edit { field: Field::BudgetPerWeek, text: value.into(), source: Source::Slider }
}

#[wasm_bindgen_test]
async fn paired_monte_carlo_runs_say_who_wins_and_whether_it_is_noise() {
    let state = compared(40, budget("30000"));
    assert!(matches!(state.mc, McStatus::Done(_)) && state.pinned.as_ref().is_some_and(|p| p.mc.result().is_some()));
    let (root, handle) = mount_results(state).await;
    let headers: Vec<String> = all(&root, "#compare-table thead th").iter().map(text).collect();
    assert_eq!(headers, ["KPI", "A", "B", "B − A", "B beats A in", "Difference vs noise"]);
    let cell = |kpi: &str, col: &str| find(&root, &format!("tr[data-compare-kpi=\"{kpi}\"] td[data-col=\"{col}\"]"));
    // Three times the budget wins more customers in nearly every paired run, clearly.
    assert!(number(&cell("new_customers", "beats")) > 0.9, "{}", text(&cell("new_customers", "beats")));
    assert_eq!(cell("new_customers", "noise").get_attribute("data-verdict").as_deref(), Some("clear"));
    assert!(text(&cell("new_customers", "noise")).contains("B better"));
    // …and costs more in every run: B never beats A on cost.
    assert_eq!(number(&cell("cost", "beats")), 0.0);
    assert!(text(&cell("cost", "noise")).contains("A better"));
    handle.destroy();
}

#[wasm_bindgen_test]
async fn different_seeds_get_no_paired_columns_but_say_why() {
    let state = compared(20, Action::SetSeed(7));
    let (root, handle) = mount_results(state).await;
    assert_eq!(all(&root, "#compare-table thead th").len(), 4, "no paired columns across seeds");
    assert!(text(&find(&root, ".compare")).contains("same seed"), "{}", text(&find(&root, ".compare")));
    handle.destroy();
}

// ---- the reducer and the overlay ----

#[wasm_bindgen_test]
fn a_stays_while_b_changes_and_gets_its_monte_carlo_result() {
    let a: PlannedScenario = mc_scenario(10).into();
    let pinned = AppState::new(a.clone()).apply(Action::PinA);
    let p = pinned.pinned.clone().expect("pinned");
    assert!(matches!(p.mc, McStatus::Running { .. }), "A was still running when pinned");

    let edited = pinned.apply(budget("25000")).apply(Action::Edit {
        field: Field::Sales(SalesField::WinRate),
        text: "30".into(),
        source: Source::Slider,
    });
    assert_eq!(*edited.pinned.as_ref().expect("pinned").scenario, a, "A is never edited");
    assert_ne!(*edited.scenario, a.scenario);

    // A report for another pin is ignored; A's own completes it.
    let result = McResult::new(&a, monte_carlo(&a.scenario));
    let stale = edited.clone().apply(Action::PinnedMcDone { generation: 99, result: result.clone() });
    assert!(matches!(stale.pinned.as_ref().expect("pinned").mc, McStatus::Running { .. }));
    let done = edited.apply(Action::PinnedMcDone { generation: p.generation, result });
    assert!(matches!(done.pinned.as_ref().expect("pinned").mc, McStatus::Done(_)));
    assert!(matches!(done.mc, McStatus::Running { .. }), "B's own status is untouched");

    // Loading another scenario keeps A (compare two plans); unpinning ends it.
    let loaded = done.apply(Action::Load(Box::new(Scenario::default().into())));
    assert_eq!(*loaded.pinned.as_ref().expect("still pinned").scenario, a);
    assert!(loaded.apply(Action::UnpinA).pinned.is_none());
}

#[wasm_bindgen_test]
fn the_current_job_finishes_a_pinned_while_running() {
    let a: PlannedScenario = mc_scenario(10).into();
    let pinned = AppState::new(a.clone()).apply(Action::PinA);
    let result = McResult::new(&a, monte_carlo(&a.scenario));
    let done = pinned.apply(Action::McDone { generation: 0, result });
    assert!(matches!(done.mc, McStatus::Done(_)));
    assert!(matches!(done.pinned.as_ref().expect("pinned").mc, McStatus::Done(_)), "one job, both results");
}

#[wasm_bindgen_test]
fn overlay_adds_a_dashed_and_b_solid() {
    let a = Derived::new(&Scenario::default().into(), None);
    let mut more = Scenario::default();
    more.budget.per_week *= 2.0;
    let b = Derived::new(&more.clone().into(), None);
    let alone = overlay(&b, None, TimeChart::RevenueCost, 10);
    assert_eq!(alone, b.timeseries(TimeChart::RevenueCost, 10), "nothing pinned: B's chart as it is");
    let both = overlay(&b, Some(&a), TimeChart::RevenueCost, 10);
    let labels: Vec<(&str, bool)> = both.series.iter().map(|s| (s.label.as_str(), s.dashed)).collect();
    assert_eq!(labels, [("A: Revenue", true), ("B: Revenue", false), ("A: Cost", true), ("B: Cost", false)]);
    assert_eq!(both.series[0].values, a.timeseries(TimeChart::RevenueCost, 10).series[0].values);
    assert_eq!(both.series[1].values, alone.series[0].values);
}

// ---- embed ----

fn embed_props(query: &str, scenario: Scenario) -> EmbedViewProps {
    EmbedViewProps {
        params: Rc::new(EmbedParams::parse(query, &scenario)),
        scenario: Rc::new(scenario.into()),
        problem: None,
        app_url: "https://lab.example/app/".into(),
    }
}

/// Mounts the widget in a fresh container and lets it render.
async fn mount_embed(props: EmbedViewProps) -> (Element, yew::AppHandle<EmbedView>) {
    let root = container();
    let handle = yew::Renderer::<EmbedView>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    (root, handle)
}

#[wasm_bindgen_test]
async fn the_widget_renders_only_the_chosen_controls_and_charts() {
    let props =
        embed_props("?embed&controls=sales-win-rate,channel-1-share,nonsense&charts=revenue-cost", Scenario::default());
    let (root, handle) = mount_embed(props).await;
    let sliders: Vec<String> = all(&root, "input[type=\"range\"]").iter().map(|e| e.id()).collect();
    assert_eq!(sliders, ["sales-win-rate", "channel-1-share"], "only the chosen controls");
    let charts: Vec<String> = all(&root, "[data-chart]").iter().filter_map(|e| e.get_attribute("data-chart")).collect();
    assert_eq!(charts, ["revenue-cost"], "only the chosen chart");
    assert!(exists(&root, "[data-kpi=\"new_customers\"]") && exists(&root, "[data-kpi=\"roi\"]"));
    assert!(text(&find(&root, ".embed-ignored")).contains("nonsense"), "unknown names are reported");

    // Editing in the widget changes its KPIs and the link to the full app.
    let before = number(&find(&root, "[data-kpi=\"new_customers\"]"));
    set(&root, "#sales-win-rate-number", "40").await;
    assert!(number(&find(&root, "[data-kpi=\"new_customers\"]")) > before);
    let href = find(&root, "a#embed-full").get_attribute("href").unwrap_or_default();
    let (base, fragment) = href.split_once('#').expect("a fragment");
    assert_eq!(base, "https://lab.example/app/");
    let scenario = link::from_fragment(fragment).expect("a scenario").expect("a valid one");
    assert!((scenario.scenario.sales.win_rate - 0.4).abs() < 1e-12, "the link carries the edit");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn the_widget_shows_a_link_problem_and_no_controls_when_asked_for_none() {
    let props = EmbedViewProps {
        problem: Some("The link could not be opened".into()),
        ..embed_props("embed&controls=", Scenario::default())
    };
    let (root, handle) = mount_embed(props).await;
    assert!(all(&root, "input").is_empty(), "controls= (empty) means none");
    assert_eq!(all(&root, "[data-chart]").len(), 1, "the default chart");
    assert!(text(&find(&root, "[role=\"alert\"]")).contains("could not be opened"));
    handle.destroy();
}

#[wasm_bindgen_test]
fn embed_queries_round_trip_and_tolerate_anything() {
    let s = Scenario::default();
    assert!(EmbedParams::requested("?embed") && EmbedParams::requested("?x=1&embed=1"));
    assert!(!EmbedParams::requested("?embedded") && !EmbedParams::requested(""));
    assert_eq!(EmbedParams::parse("?embed", &s), EmbedParams::default(), "defaults");
    let params = EmbedParams {
        controls: vec![Field::BudgetPerWeek, Field::Channel(2, ChannelField::Share), Field::Sales(SalesField::Reps)],
        charts: vec![EmbedChart::Funnel, EmbedChart::Channels],
        ignored: Vec::new(),
    };
    assert_eq!(EmbedParams::parse(&params.query(), &s), params, "query → parse round-trips");
    // Percent-encoded commas, duplicates, a third chart, a channel that does not exist, the seed, junk.
    let p = EmbedParams::parse(
        "?embed&controls=sales-reps%2Csales-reps,channel-9-share,sim-seed&charts=funnel,backlog,response&%zz=%",
        &s,
    );
    assert_eq!(p.controls, [Field::Sales(SalesField::Reps)]);
    assert_eq!(p.charts, [EmbedChart::Funnel, EmbedChart::Backlog]);
    assert_eq!(p.ignored.len(), 3, "{:?}", p.ignored);
}

#[wasm_bindgen_test]
fn the_snippet_escapes_the_scenario_name() {
    let snippet = iframe_snippet("https://lab.example/?embed&charts=funnel#s=abc", "<b>\"Plan\" & co</b>", 400, 600);
    assert!(snippet.starts_with("<iframe src=\"https://lab.example/?embed&amp;charts=funnel#s=abc\""), "{snippet}");
    assert!(snippet.contains("title=\"Funnel Lab: &lt;b&gt;&quot;Plan&quot; &amp; co&lt;/b&gt;\""), "{snippet}");
    assert!(snippet.contains("width=\"400\" height=\"600\""));
    assert!(!snippet.contains("<b>"));
}
