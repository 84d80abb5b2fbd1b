//! Shared helpers of the in-browser tests (`tests/*_wasm.rs`, each with
//! `mod support;`): mounting the app or a fixed results panel in a fresh
//! container, finding elements, acting as a person does (typing, clicking)
//! and reading what the page shows. A module under `tests/support/` is not a
//! test target of its own.
// Each test file uses only some of the helpers.
#![allow(dead_code)]

use std::rc::Rc;

use funnel_engine::{Mode, Scenario};
use funnel_lab::app::kpis::KpiPanel;
use funnel_lab::app::results::{McStatusBar, Results, use_derived};
use funnel_lab::app::state::{AppState, McStatus};
use funnel_lab::app::{App, AppProps};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;

// ---- mounting ----

/// A fresh container attached to the page (tests share one document).
pub fn container() -> Element {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let div = document.create_element("div").expect("a div");
    document.body().expect("a body").append_child(&div).expect("attached");
    div
}

/// Mounts the whole app in a fresh container and lets it render. With
/// `persist` false it reads and writes no storage or address, so every test
/// starts from the default scenario and leaves the runner's page alone.
pub async fn mount(persist: bool) -> (Element, yew::AppHandle<App>) {
    let root = container();
    let handle = yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps { persist }).render();
    yew::scheduler::flush().await;
    (root, handle)
}

/// Props of [`FixedResults`].
#[derive(Properties, PartialEq)]
pub struct Fixed {
    /// The state to show.
    pub state: Rc<AppState>,
}

/// Renders the results of a fixed state (no Monte Carlo job of its own):
/// the status line and KPI strip above the results pane, as in the app.
#[component]
pub fn FixedResults(props: &Fixed) -> Html {
    let initial = props.state.clone();
    let state = use_reducer_eq(move || (*initial).clone());
    let derived = use_derived(&state);
    let pending = matches!(state.mc, McStatus::Running { .. });
    html! {
        <>
            <McStatusBar status={state.mc.clone()} />
            <KpiPanel derived={derived.clone()} {pending} />
            <Results {state} {derived} dark=false />
        </>
    }
}

/// Mounts [`FixedResults`] for `state` in a fresh container and lets it render.
pub async fn mount_results(state: AppState) -> (Element, yew::AppHandle<FixedResults>) {
    let root = container();
    let handle =
        yew::Renderer::<FixedResults>::with_root_and_props(root.clone(), Fixed { state: Rc::new(state) }).render();
    yew::scheduler::flush().await;
    (root, handle)
}

/// The default scenario in Monte Carlo mode with `runs` runs.
pub fn mc_scenario(runs: u32) -> Scenario {
    let mut s = Scenario::default();
    s.simulation.mode = Mode::MonteCarlo;
    s.simulation.runs = runs;
    s
}

// ---- finding ----

/// The first element matching `selector`; panics naming the selector if none does.
pub fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).ok().flatten().unwrap_or_else(|| panic!("no element matches {selector}"))
}

/// Whether any element matches `selector`.
pub fn exists(root: &Element, selector: &str) -> bool {
    root.query_selector(selector).ok().flatten().is_some()
}

/// Every element matching `selector`, in document order.
pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("a node list");
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect()
}

/// The `<input>` matching `selector`.
pub fn input(root: &Element, selector: &str) -> HtmlInputElement {
    find(root, selector).dyn_into().expect("an <input>")
}

// ---- acting ----

/// Sets an input's value and fires `input`, as a person typing or dragging does.
pub async fn set(root: &Element, selector: &str, value: &str) {
    let el = input(root, selector);
    el.set_value(value);
    el.dispatch_event(&web_sys::Event::new("input").expect("an event")).expect("dispatched");
    yew::scheduler::flush().await;
}

/// Clicks the element matching `selector` and lets the app re-render.
pub async fn click(root: &Element, selector: &str) {
    find(root, selector).unchecked_into::<HtmlElement>().click();
    yew::scheduler::flush().await;
}

// ---- reading ----

/// An element's text, trimmed.
pub fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default().trim().to_string()
}

/// The text of every element matching `selector`, as it stands.
pub fn texts(root: &Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).expect("a node list");
    (0..list.length()).filter_map(|i| list.item(i)).map(|n| n.text_content().unwrap_or_default()).collect()
}

/// The text of every alert shown.
pub fn alerts(root: &Element) -> Vec<String> {
    texts(root, "[role=alert]")
}

/// An element's raw number (`data-value`); NaN if it has none.
pub fn number(el: &Element) -> f64 {
    el.get_attribute("data-value").and_then(|v| v.parse().ok()).unwrap_or(f64::NAN)
}

/// A KPI (`data-kpi="<name>"`): its displayed text and its raw value.
pub fn kpi(root: &Element, name: &str) -> (String, f64) {
    let el = find(root, &format!("[data-kpi=\"{name}\"]"));
    (el.text_content().unwrap_or_default(), number(&el))
}
