//! In-browser tests of keeping scenarios: the app opens with the autosave,
//! a link in the address beats it (and the replaced autosave is kept), a
//! damaged link or autosave shows an alert and opens the default, every
//! change is autosaved and reaches the address, a name with markup stays
//! text, named saves work, and a full storage is reported without losing
//! anything.
#![cfg(target_arch = "wasm32")]

mod support;

use funnel_engine::Scenario;
use funnel_engine::link;
use funnel_engine::plan::PlannedScenario;
use funnel_engine::saved::{AUTOSAVE_KEY, SAVED_KEY, SavedList, UNREADABLE_SUFFIX, autosave_text};
use funnel_lab::app::App;
use funnel_lab::app::state::{Action, AppState};
use support::{all, click, find, input, mount, set, texts};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, Storage};

wasm_bindgen_test_configure!(run_in_browser);

// ---- helpers ----

fn window() -> web_sys::Window {
    web_sys::window().expect("a window")
}

fn storage() -> Storage {
    window().local_storage().ok().flatten().expect("localStorage")
}

/// A clean slate: no stored values, no fragment in the address.
fn reset(hash: &str) {
    storage().clear().expect("cleared");
    if let Some(tab) = window().session_storage().ok().flatten() {
        tab.clear().expect("cleared");
    }
    let location = window().location();
    let bare = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    let url = if hash.is_empty() { bare } else { format!("{bare}{hash}") };
    window().history().expect("history").replace_state_with_url(&JsValue::NULL, "", Some(&url)).expect("replaced");
}

/// Unmounts and lets the teardown run now: it writes the address, which
/// must happen before the next test resets it.
async fn unmount(handle: yew::AppHandle<App>) {
    handle.destroy();
    yew::scheduler::flush().await;
}

fn budget(root: &Element) -> String {
    input(root, "#budget-per-week-number").value()
}

fn with_budget(per_week: f64) -> PlannedScenario {
    let mut s = Scenario::default();
    s.budget.per_week = per_week;
    s.into()
}

fn stored_autosave() -> Option<Scenario> {
    storage().get_item(AUTOSAVE_KEY).ok().flatten().and_then(|t| Scenario::from_json(&t).ok())
}

fn saved_list() -> SavedList {
    SavedList::parse(storage().get_item(SAVED_KEY).ok().flatten().as_deref()).unwrap_or_default()
}

// ---- opening ----

#[wasm_bindgen_test]
async fn opens_with_the_autosave_and_autosaves_every_change() {
    reset("");
    storage().set_item(AUTOSAVE_KEY, &autosave_text(&with_budget(12_345.0))).expect("stored");
    let (root, handle) = mount(true).await;
    assert_eq!(budget(&root), "12345", "the autosaved scenario is open");
    assert!(texts(&root, "[role=alert]").is_empty(), "{:?}", texts(&root, "[role=alert]"));

    set(&root, "#budget-per-week", "30000").await;
    assert_eq!(stored_autosave().map(|s| s.budget.per_week), Some(30_000.0), "the change is autosaved");

    // Leaving the page writes the pending address at once (no waiting for the debounce).
    unmount(handle).await;
    let hash = window().location().hash().unwrap_or_default();
    let from_address = link::from_fragment(&hash).and_then(Result::ok);
    assert_eq!(
        from_address.map(|s| s.scenario.budget.per_week),
        Some(30_000.0),
        "the address holds the scenario: {hash}"
    );
}

#[wasm_bindgen_test]
async fn a_link_beats_the_autosave_which_is_kept_as_a_saved_scenario() {
    let fragment = link::fragment(&with_budget(22_222.0)).expect("a fragment");
    reset(&fragment);
    storage().set_item(AUTOSAVE_KEY, &autosave_text(&with_budget(11_111.0))).expect("stored");
    let (root, handle) = mount(true).await;
    assert_eq!(budget(&root), "22222", "the link wins");
    let status = texts(&root, ".message.status").join(" ");
    assert!(status.contains("Opened the scenario in this page's address"), "{status}");
    let list = saved_list();
    let kept = list.entries().first().map(|e| e.name.clone()).unwrap_or_default();
    assert!(kept.starts_with("Before opening a link"), "{kept}");
    assert_eq!(list.scenario(&kept).map(|s| s.scenario.budget.per_week), Ok(11_111.0), "the old autosave is kept");
    assert!(texts(&root, ".saved-name").contains(&kept), "and listed");
    assert_eq!(stored_autosave().map(|s| s.budget.per_week), Some(22_222.0));
    unmount(handle).await;
}

#[wasm_bindgen_test]
async fn a_damaged_link_shows_an_alert_opens_the_default_and_keeps_working() {
    let code = link::encode(&with_budget(22_222.0).scenario);
    reset(&format!("#s={}", &code[..code.len() - 3]));
    let (root, handle) = mount(true).await;
    let alerts = texts(&root, "[role=alert]");
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    assert!(alerts[0].contains("could not be opened") && alerts[0].contains("default scenario is shown"), "{alerts:?}");
    assert_eq!(budget(&root), "10000", "the default scenario");
    set(&root, "#budget-per-week", "15000").await;
    assert_eq!(budget(&root), "15000", "still working");
    unmount(handle).await;
}

#[wasm_bindgen_test]
async fn an_invalid_link_lists_every_broken_rule_by_field() {
    let text = r#"{"version":1,"weeks":0,"sales":{"win_rate":4}}"#;
    reset(&format!("#s={}", link::base64url::encode(text.as_bytes())));
    let (root, handle) = mount(true).await;
    let items = texts(&root, "[role=alert] li");
    assert!(
        items.iter().any(|i| i.starts_with("weeks")) && items.iter().any(|i| i.starts_with("sales.win_rate")),
        "{items:?}"
    );
    unmount(handle).await;
}

#[wasm_bindgen_test]
async fn an_unreadable_autosave_is_kept_aside_and_the_default_opens() {
    reset("");
    storage().set_item(AUTOSAVE_KEY, "{\"version\":1,\"weeks\":").expect("stored");
    let (root, handle) = mount(true).await;
    let alerts = texts(&root, "[role=alert]").join(" ");
    assert!(alerts.contains("autosaved scenario could not be read"), "{alerts}");
    assert_eq!(budget(&root), "10000");
    let aside = storage().get_item(&format!("{AUTOSAVE_KEY}{UNREADABLE_SUFFIX}")).ok().flatten();
    assert_eq!(aside.as_deref(), Some("{\"version\":1,\"weeks\":"), "the unreadable copy is kept");
    unmount(handle).await;
}

#[wasm_bindgen_test]
async fn a_name_with_markup_is_shown_as_text() {
    let scenario = Scenario { name: "<img src=x onerror=alert(1)><b>bold</b>".into(), ..Scenario::default() };
    reset(&link::fragment(&scenario.clone().into()).expect("a fragment"));
    let (root, handle) = mount(true).await;
    let name = find(&root, "#scenario-name");
    assert_eq!(name.text_content().as_deref(), Some(scenario.name.as_str()));
    assert_eq!(name.child_element_count(), 0, "no element was made from the name");
    assert_eq!(input(&root, "#save-name").value(), scenario.name);
    unmount(handle).await;
}

// ---- presets and saved scenarios ----

#[wasm_bindgen_test]
async fn the_preset_menu_loads_a_preset_and_lists_its_sources() {
    reset("");
    let (root, handle) = mount(true).await;
    let select: web_sys::HtmlSelectElement = find(&root, "#preset").dyn_into().expect("a <select>");
    let presets = funnel_engine::presets::PRESETS.len();
    assert_eq!(
        select.length() as usize,
        presets + funnel_engine::presets::PLAN_PRESETS.len(),
        "the presets, then the example plans"
    );
    assert_eq!(all(&root, "#preset optgroup option").len(), funnel_engine::presets::PLAN_PRESETS.len());
    select.set_value("local-services");
    select.dispatch_event(&web_sys::Event::new("change").expect("an event")).expect("dispatched");
    yew::scheduler::flush().await;
    let preset = funnel_engine::presets::find("local-services").expect("a preset");
    assert_eq!(find(&root, "#scenario-name").text_content().as_deref(), Some(preset.label));
    let sources = texts(&root, "#sources .source-list li");
    assert_eq!(sources.len(), preset.sources.len());
    for (shown, source) in sources.iter().zip(preset.sources) {
        assert!(shown.contains(source.used_for) && shown.contains(source.citation), "{shown}");
    }
    assert!(find(&root, "#sources summary").text_content().unwrap_or_default().contains("typical — varies widely"));
    // The preset check: the engine's rows, each with the preset's value and its range.
    let rows = texts(&root, "#preset-check tbody tr");
    let expected = funnel_engine::calibration::rows_for("local-services");
    assert_eq!(rows.len(), expected.len());
    for (shown, row) in rows.iter().zip(&expected) {
        let weeks = (preset.build)().weeks;
        for part in [row.check.figure.label(), row.value_text(weeks), row.check.range_text()] {
            assert!(shown.contains(&part), "{shown} lacks {part}");
        }
    }
    unmount(handle).await;
}

#[wasm_bindgen_test]
async fn save_rename_open_and_delete_named_scenarios() {
    reset("");
    let (root, handle) = mount(true).await;
    input(&root, "#save-name").set_value("Plan A");
    click(&root, "#save-scenario").await;
    assert_eq!(texts(&root, ".saved-name"), ["Plan A"]);
    assert_eq!(find(&root, "#scenario-name").text_content().as_deref(), Some("Plan A"));

    set(&root, "#budget-per-week", "40000").await;
    click(&root, "[data-name='Plan A'] [data-action=rename]").await;
    input(&root, "#rename-name").set_value("Cheap plan");
    click(&root, "#rename-confirm").await;
    assert_eq!(texts(&root, ".saved-name"), ["Cheap plan"]);
    assert_eq!(saved_list().scenario("Cheap plan").map(|s| s.scenario.name), Ok("Cheap plan".to_string()));

    click(&root, "[data-name='Cheap plan'] [data-action=open]").await;
    assert_eq!(budget(&root), "10000", "the saved numbers are back");

    click(&root, "[data-name='Cheap plan'] [data-action=delete]").await;
    assert!(texts(&root, ".saved-name").is_empty());
    assert!(saved_list().entries().is_empty(), "deleted from storage");
    let undo = all(&root, ".message.status button").into_iter().find(|b| b.text_content().as_deref() == Some("Undo"));
    undo.expect("an undo button").unchecked_into::<HtmlElement>().click();
    yew::scheduler::flush().await;
    assert_eq!(texts(&root, ".saved-name"), ["Cheap plan"], "the delete is undone");
    unmount(handle).await;
}

#[wasm_bindgen_test]
async fn a_full_storage_is_reported_and_nothing_is_lost() {
    reset("");
    let (root, handle) = mount(true).await;
    // Make every write fail the way a full storage does.
    let prototype = js_sys::Reflect::get(&js_sys::global(), &"Storage".into())
        .and_then(|s| js_sys::Reflect::get(&s, &"prototype".into()))
        .expect("Storage.prototype");
    let original = js_sys::Reflect::get(&prototype, &"setItem".into()).expect("setItem");
    let failing = js_sys::Function::new_no_args("throw new DOMException('quota', 'QuotaExceededError');");
    js_sys::Reflect::set(&prototype, &"setItem".into(), &failing).expect("replaced");

    set(&root, "#budget-per-week", "25000").await;
    input(&root, "#save-name").set_value("Full");
    click(&root, "#save-scenario").await;
    js_sys::Reflect::set(&prototype, &"setItem".into(), &original).expect("restored");

    let alerts = texts(&root, "[role=alert]").join(" ");
    assert!(alerts.contains("Autosave failed") && alerts.contains("storage for this site is full"), "{alerts}");
    assert!(alerts.contains("was not saved") && alerts.contains("Nothing was lost"), "{alerts}");
    assert_eq!(budget(&root), "25000", "the scenario on screen is kept");
    assert!(texts(&root, ".saved-name").is_empty(), "nothing half-saved is listed");
    // Storage works again: the next change is autosaved and the alert goes.
    set(&root, "#budget-per-week", "26000").await;
    assert_eq!(stored_autosave().map(|s| s.budget.per_week), Some(26_000.0));
    assert!(root.query_selector("#autosave-error").ok().flatten().is_none());
    unmount(handle).await;
}

// ---- the reducer ----

#[wasm_bindgen_test]
fn renaming_keeps_every_number() {
    let state = AppState::default();
    let renamed = state.clone().apply(Action::Rename("Plan C".into()));
    assert_eq!(renamed.scenario.name, "Plan C");
    let mut expected = (*state.scenario).clone();
    expected.name = "Plan C".into();
    assert_eq!(*renamed.scenario, expected);
}
