//! Keeping the scenario: typed access to `localStorage` (a full or disabled
//! storage is an error value, never a panic), what the app opens with, and
//! the two effects on the current scenario — the autosave and the address.
//!
//! On opening, a reload of the tab shows what the tab last showed; else a
//! scenario link in the address (`#s=…`, see [`funnel_engine::link`]) comes first,
//! then the autosave, then the default scenario. Nothing is
//! dropped on the way: an autosave a link replaces is kept as a named saved
//! scenario, and a stored value that cannot be read is copied aside
//! (`<key>.unreadable`) before it is overwritten.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{EventTarget, Storage};
use yew::prelude::*;

use super::browser::Timeout;
use super::scenarios::notice::Notice;
use funnel_engine::ScenarioError;
use funnel_engine::link::{self, LinkError};
use funnel_engine::plan::PlannedScenario;
use funnel_engine::presets;
use funnel_engine::saved::{self, AUTOSAVE_KEY, SAVED_KEY, SavedError, SavedList, TAB_KEY, UNREADABLE_SUFFIX};

/// Milliseconds the address waits after the last change before it is
/// rewritten: dragging a slider re-encodes the scenario once, not 60 times
/// a second.
pub const ADDRESS_DELAY_MS: u32 = 250;

/// Why the browser's storage did not do what was asked.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum StorageError {
    /// No `localStorage` here (disabled, or blocked in this private window).
    #[error("this browser does not allow Funnel Lab to store anything here (storage is disabled or blocked)")]
    Unavailable,
    /// The browser's quota for this site is used up.
    #[error("the browser's storage for this site is full")]
    Full,
    /// Any other refusal, with the browser's words.
    #[error("the browser refused to store it ({0})")]
    Refused(String),
}

fn storage() -> Result<Storage, StorageError> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten()).ok_or(StorageError::Unavailable)
}

fn refusal(e: &wasm_bindgen::JsValue) -> StorageError {
    match e.dyn_ref::<js_sys::Error>() {
        Some(err) if String::from(err.name()).contains("Quota") => StorageError::Full,
        Some(err) => StorageError::Refused(String::from(err.message())),
        None => StorageError::Refused("unknown reason".into()),
    }
}

/// The value under `key` (`None` if nothing is stored there).
pub fn read(key: &str) -> Result<Option<String>, StorageError> {
    storage()?.get_item(key).map_err(|e| refusal(&e))
}

/// Stores `value` under `key`.
pub fn write(key: &str, value: &str) -> Result<(), StorageError> {
    storage()?.set_item(key, value).map_err(|e| refusal(&e))
}

/// Copies an unreadable stored value aside (once), so replacing it loses nothing.
fn keep_unreadable(key: &str, raw: &str) -> String {
    let aside = format!("{key}{UNREADABLE_SUFFIX}");
    if read(&aside).ok().flatten().is_none() {
        let _ = write(&aside, raw);
    }
    aside
}

/// The saved list as stored; an unreadable one is copied aside and an empty
/// list is used in its place (a warning says so).
pub fn read_saved() -> Result<(SavedList, Option<String>), StorageError> {
    let raw = read(SAVED_KEY)?;
    match SavedList::parse(raw.as_deref()) {
        Ok(list) => Ok((list, None)),
        Err(e) => {
            let aside = keep_unreadable(SAVED_KEY, raw.as_deref().unwrap_or_default());
            Ok((SavedList::default(), Some(format!("{e}; the stored copy is kept under “{aside}”"))))
        }
    }
}

/// Why a change to the saved list did not happen.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SaveListError {
    /// Storage refused.
    #[error("{0}")]
    Storage(#[from] StorageError),
    /// The change itself was refused (name taken, not found…).
    #[error("{0}")]
    Saved(#[from] SavedError),
}

/// Reads the saved list, applies `change`, writes it back: all or nothing.
pub fn change_saved<T>(
    change: impl FnOnce(&mut SavedList) -> Result<T, SavedError>,
) -> Result<(T, SavedList), SaveListError> {
    let (mut list, _) = read_saved()?;
    let out = change(&mut list)?;
    write(SAVED_KEY, &list.to_text())?;
    Ok((out, list))
}

/// What the app opens with.
#[derive(Clone, Debug, PartialEq)]
pub struct Startup {
    /// The scenario (always valid).
    pub scenario: PlannedScenario,
    /// What to tell the person about where it came from.
    pub notices: Rc<Vec<Notice>>,
}

fn location_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// This tab's storage (`sessionStorage`), if the browser allows it.
fn tab_storage() -> Option<Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

/// Whether this page load reloads (or goes back or forward to) this tab's page.
fn returning() -> bool {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else { return false };
    let entry = performance.get_entries_by_type("navigation").get(0);
    let kind = js_sys::Reflect::get(&entry, &"type".into()).ok().and_then(|t| t.as_string());
    matches!(kind.as_deref(), Some("reload" | "back_forward"))
}

/// Decides what the app opens with: on a reload (with `persist`) what this
/// tab showed; else the link in the address, else (with `persist`) the
/// autosave, else the default.
pub fn startup(persist: bool) -> Startup {
    if persist && returning() {
        let shown = tab_storage().and_then(|s| s.get_item(TAB_KEY).ok().flatten());
        if let Some(scenario) = shown.and_then(|text| saved::read_autosave(&text).ok()) {
            return Startup { scenario, notices: Rc::new(Vec::new()) };
        }
    }
    let link = link::from_fragment(&location_hash());
    let (autosaved, mut notices) = if persist { read_autosave() } else { (None, Vec::new()) };
    let scenario = match link {
        Some(Ok(scenario)) => {
            notices.extend(opened_link(&scenario, autosaved));
            scenario
        }
        Some(Err(error)) => {
            notices.push(broken_link(&error, autosaved));
            PlannedScenario::from(presets::default_scenario())
        }
        None => autosaved.unwrap_or_else(|| presets::default_scenario().into()),
    };
    let scenario =
        if scenario.validate().is_ok() { scenario } else { PlannedScenario::from(presets::default_scenario()) };
    Startup { scenario, notices: Rc::new(notices) }
}

/// The autosaved scenario, or notices on why there is none to use.
fn read_autosave() -> (Option<PlannedScenario>, Vec<Notice>) {
    match read(AUTOSAVE_KEY) {
        Ok(None) => (None, Vec::new()),
        Ok(Some(text)) => match saved::read_autosave(&text) {
            Ok(scenario) => (Some(scenario), Vec::new()),
            Err(e) => {
                let aside = keep_unreadable(AUTOSAVE_KEY, &text);
                let why = match &e {
                    ScenarioError::Syntax(message) => message.clone(),
                    ScenarioError::Invalid(errors) => format!("{} broken rule(s), listed below", errors.len()),
                };
                let notice = Notice::alert(format!(
                    "Your autosaved scenario could not be read ({why}), so the default scenario is shown. \
                     The unreadable copy is kept in this browser's storage under “{aside}”."
                ))
                .with_items(e.field_errors().iter().map(ToString::to_string));
                (None, vec![notice])
            }
        },
        Err(e) => {
            let notice = Notice::alert(format!(
                "Changes will not be kept when you close this page: {e}. Export the scenario as a file to keep it."
            ));
            (None, vec![notice])
        }
    }
}

/// Keeps an autosaved scenario a link replaces as a named saved scenario
/// (the autosave itself is about to be overwritten); says where it went.
fn keep_replaced(previous: &PlannedScenario) -> String {
    let wanted = format!("Before opening a link, {}", local_time(js_sys::Date::now()));
    let kept = change_saved(|list| {
        let name = list.free_name(&wanted);
        list.save(&name, previous, js_sys::Date::now()).map(|_| name)
    });
    match kept {
        Ok((name, _)) => format!(" Your previous scenario is kept under Saved scenarios as “{name}”."),
        Err(e) => format!(" Your previous scenario could not be saved ({e}); use the button to go back to it."),
    }
}

/// What to say about opening a link: nothing when it is the autosaved
/// scenario anyway (a reload), else that it was opened.
fn opened_link(scenario: &PlannedScenario, autosaved: Option<PlannedScenario>) -> Option<Notice> {
    let opened = "Opened the scenario in this page's address (a link comes before your autosaved scenario).";
    match autosaved {
        Some(a) if a == *scenario => None,
        None => Some(Notice::status(opened)),
        Some(previous) => {
            let kept = keep_replaced(&previous);
            Some(Notice::status(format!("{opened}{kept}")).with_undo(previous, "Go back to your previous scenario"))
        }
    }
}

/// The alert for a link that could not be opened.
fn broken_link(error: &LinkError, autosaved: Option<PlannedScenario>) -> Notice {
    let text = format!(
        "The link in the address could not be opened: {}. The default scenario is shown instead.",
        error.short()
    );
    let items = error.field_errors().iter().map(ToString::to_string);
    match autosaved.filter(|a| *a != PlannedScenario::from(presets::default_scenario())) {
        Some(previous) => {
            let kept = keep_replaced(&previous);
            Notice::alert(format!("{text}{kept}"))
                .with_items(items)
                .with_undo(previous, "Open your previous scenario instead")
        }
        None => Notice::alert(text).with_items(items),
    }
}

/// A moment (milliseconds since 1970) as local `YYYY-MM-DD HH:MM`.
pub fn local_time(ms: f64) -> String {
    let d = js_sys::Date::new(&ms.into());
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// An event listener removed when dropped.
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    callback: Closure<dyn FnMut(web_sys::Event)>,
}

impl Listener {
    /// Listens for `kind` events on `target`.
    pub fn new(target: &EventTarget, kind: &'static str, f: impl FnMut(web_sys::Event) + 'static) -> Listener {
        let callback = Closure::<dyn FnMut(web_sys::Event)>::new(f);
        let _ = target.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref());
        Listener { target: target.clone(), kind, callback }
    }

    /// Listens on the window (`None` outside a browser window).
    pub fn on_window(kind: &'static str, f: impl FnMut(web_sys::Event) + 'static) -> Option<Listener> {
        web_sys::window().map(|w| Listener::new(&w, kind, f))
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback(self.kind, self.callback.as_ref().unchecked_ref());
    }
}

/// Autosaves every change of `scenario` (when `persist`); the first error
/// is reported once through `on_error` (and cleared with `None` when
/// saving works again).
#[hook]
pub fn use_autosave(scenario: Rc<PlannedScenario>, persist: bool, on_error: Callback<Option<StorageError>>) {
    let failing = use_mut_ref(|| false);
    use_effect_with(scenario, move |scenario| {
        if persist {
            let text = saved::autosave_text(scenario);
            // Best effort: without it a reload falls back to the address and the autosave.
            if let Some(tab) = tab_storage() {
                let _ = tab.set_item(TAB_KEY, &text);
            }
            let result = write(AUTOSAVE_KEY, &text);
            let failed = result.is_err();
            if failed != *failing.borrow() {
                *failing.borrow_mut() = failed;
                on_error.emit(result.err());
            }
        }
    });
}

/// Puts `fragment` in the address without a new history entry.
fn replace_address(fragment: &str) {
    let Some(window) = web_sys::window() else { return };
    if location_hash() == fragment {
        return;
    }
    let location = window.location();
    let url = if fragment.is_empty() {
        format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default())
    } else {
        fragment.to_string()
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Keeps the address showing `scenario` (debounced; written at once when
/// the page is left), and reports scenario links typed into the address
/// while the page is open through `on_link`.
#[hook]
pub fn use_address_link(
    scenario: Rc<PlannedScenario>,
    enabled: bool,
    on_link: Callback<Result<PlannedScenario, LinkError>>,
) {
    let pending: Rc<RefCell<Option<String>>> = use_mut_ref(|| None);
    {
        let pending = pending.clone();
        use_effect_with(scenario, move |scenario| {
            let timer = enabled.then(|| {
                // Too large to open again (a huge name): the address shows no scenario.
                *pending.borrow_mut() = Some(link::fragment(scenario).unwrap_or_default());
                Timeout::new(ADDRESS_DELAY_MS, move || flush(&pending))
            });
            move || drop(timer)
        });
    }
    use_effect_with(enabled, move |enabled| {
        let listeners = enabled.then(|| {
            let on_leave = {
                let pending = pending.clone();
                Listener::on_window("pagehide", move |_| flush(&pending))
            };
            let on_hash = Listener::on_window("hashchange", move |_| {
                if let Some(result) = link::from_fragment(&location_hash()) {
                    on_link.emit(result);
                }
            });
            (on_leave, on_hash, pending)
        });
        move || {
            if let Some((_, _, pending)) = listeners {
                flush(&pending);
            }
        }
    });
}

fn flush(pending: &RefCell<Option<String>>) {
    let fragment = pending.borrow_mut().take();
    if let Some(fragment) = fragment {
        replace_address(&fragment);
    }
}
