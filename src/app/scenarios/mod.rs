//! The scenario part of the toolbar: the scenario's name, the preset
//! picker, and a menu with where the preset's numbers come from, named
//! saved scenarios and files (JSON import and export, weekly CSV); below
//! them the messages about all of it. It also runs the autosave and keeps the address showing the
//! scenario ([`super::persistence`]).
//!
//! - [`notice`]: the messages (alerts, statuses, undo);
//! - [`saved`]: save, list, open, rename, delete;
//! - [`files`]: export and import, by picker or by dropping a file on the page.

pub mod files;
pub mod notice;
pub mod saved;

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use self::files::Files;
use self::notice::{Notice, Notices, Undo};
use self::saved::SavedScenarios;
use super::persistence::{self, StorageError, use_address_link, use_autosave};
use super::state::{Action, McResult};
use funnel_engine::calibration::{self, Row};
use funnel_engine::plan::PlannedScenario;
use funnel_engine::presets::{PLAN_PRESETS, PRESETS, Preset};

/// Prefix of an example plan's option value in the preset picker.
const PLAN_OPTION: &str = "plan:";
use funnel_engine::link::LinkError;

/// Props of [`ScenarioPanel`].
#[derive(Properties, PartialEq)]
pub struct ScenarioPanelProps {
    /// The current scenario.
    pub scenario: Rc<PlannedScenario>,
    /// The finished Monte Carlo result, if any (for the CSV export).
    pub mc: Option<McResult>,
    /// Monte Carlo is still running.
    pub running: bool,
    /// Dispatches to the app's reducer.
    pub on_action: Callback<Action>,
    /// Autosave and keep the address up to date.
    pub persist: bool,
    /// Messages from opening the app (link, autosave).
    #[prop_or_default]
    pub notices: Rc<Vec<Notice>>,
}

/// Shows a message in the panel (replacing the previous action's).
pub type Report = Callback<Notice>;

/// The preset whose scenario carries this name, if any.
pub fn preset_named(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.label == name)
}

/// Name, presets, sources, saved scenarios, files and messages.
#[component]
pub fn ScenarioPanel(props: &ScenarioPanelProps) -> Html {
    // Messages from opening the app stay until dismissed; of the messages
    // about later actions only the latest is shown.
    let opening = use_state(|| props.notices.clone());
    let latest = use_state(|| None::<Notice>);
    // Bumped when the saved list changes outside its own component (an undone delete).
    let revision = use_state(|| 0u64);
    let scenario = props.scenario.clone();
    // Callbacks kept by listeners outlive this render: they read the
    // scenario of the latest render through this cell.
    let current = use_mut_ref(|| scenario.clone());
    *current.borrow_mut() = scenario.clone();
    let report: Report = {
        let latest = latest.clone();
        Callback::from(move |n: Notice| latest.set(Some(n)))
    };
    // Shown for as long as autosaving fails (cleared when it works again).
    let autosave_error = use_state_eq(|| None::<StorageError>);
    let on_storage_error = {
        let autosave_error = autosave_error.clone();
        Callback::from(move |e: Option<StorageError>| autosave_error.set(e))
    };
    use_autosave(scenario.clone(), props.persist, on_storage_error);
    // Replaces the scenario, with an undo in the message.
    let load: Callback<(PlannedScenario, String)> = {
        let (report, on_action, current) = (report.clone(), props.on_action.clone(), current.clone());
        Callback::from(move |(next, message): (PlannedScenario, String)| {
            let previous = (**current.borrow()).clone();
            report.emit(Notice::status(message).with_undo(previous, "Undo"));
            on_action.emit(Action::Load(Box::new(next)));
        })
    };
    let on_link = {
        let (report, load) = (report.clone(), load.clone());
        Callback::from(move |result: Result<PlannedScenario, LinkError>| match result {
            Ok(s) => load.emit((s, "Opened the scenario in the address.".into())),
            Err(e) => report.emit(
                Notice::alert(format!(
                    "The link in the address could not be opened: {}. Nothing was changed.",
                    e.short()
                ))
                .with_items(e.field_errors().iter().map(ToString::to_string)),
            ),
        })
    };
    use_address_link(scenario.clone(), props.persist, on_link);

    let shown: Rc<Vec<Notice>> = Rc::new(opening.iter().cloned().chain((*latest).clone()).collect());
    let remove = {
        let (opening, latest) = (opening.clone(), latest.clone());
        move |i: usize| {
            if i < opening.len() {
                let mut list: Vec<Notice> = (**opening).clone();
                list.remove(i);
                opening.set(Rc::new(list));
            } else {
                latest.set(None);
            }
        }
    };
    let on_undo = {
        let (remove, on_action, report, revision) =
            (remove.clone(), props.on_action.clone(), report.clone(), revision.clone());
        Callback::from(move |(i, undo): (usize, Undo)| {
            remove(i);
            match undo {
                Undo::Scenario(s) => on_action.emit(Action::Load(Box::new((*s).clone()))),
                Undo::Entry(entry) => {
                    let name = entry.name.clone();
                    match persistence::change_saved(move |list| {
                        list.restore(entry);
                        Ok(())
                    }) {
                        Ok(_) => {
                            revision.set(*revision + 1);
                            report.emit(Notice::status(format!("“{name}” is back in Saved scenarios.")));
                        }
                        Err(e) => report.emit(Notice::alert(format!("“{name}” could not be put back: {e}."))),
                    }
                }
            }
        })
    };
    let on_dismiss = Callback::from(remove);

    let preset = preset_named(&scenario.scenario.name);
    let example = PLAN_PRESETS.iter().find(|p| p.label == scenario.scenario.name);
    let edited = preset.is_some_and(|p| PlannedScenario::from((p.build)()) != *scenario);
    let on_preset = {
        let load = load.clone();
        Callback::from(move |e: Event| {
            let id = e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()).map(|s| s.value());
            let id = id.unwrap_or_default();
            if let Some(p) = id.strip_prefix(PLAN_OPTION).and_then(|id| PLAN_PRESETS.iter().find(|p| p.id == id)) {
                load.emit(((p.build)(), format!("Opened the example plan “{}”: {}", p.label, p.summary)));
            } else if let Some(p) = PRESETS.iter().find(|p| p.id == id) {
                load.emit(((p.build)().into(), format!("Loaded the preset “{}”.", p.label)));
            }
        })
    };
    let name = &scenario.scenario.name;
    let shown_name = if name.trim().is_empty() { "Untitled scenario".to_string() } else { name.clone() };

    // The menu closes with Escape, focus back on its button.
    let menu = use_node_ref();
    let on_menu_key = {
        let menu = menu.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape"
                && let Some(details) = menu.cast::<web_sys::HtmlDetailsElement>()
                && details.open()
            {
                details.set_open(false);
                if let Some(summary) =
                    details.first_element_child().and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = summary.focus();
                }
            }
        })
    };

    html! {
        <section class="scenario-panel" aria-labelledby="scenario-title">
            <div class="scenario-head">
                <div class="scenario-name">
                    <p class="eyebrow">{ "Scenario" }</p>
                    <h2 id="scenario-title"><span id="scenario-name">{ shown_name }</span></h2>
                </div>
                <div class="preset-picker">
                    <label for="preset">{ "Start from a preset" }</label>
                    <select id="preset" onchange={on_preset}>
                        if preset.is_none() && example.is_none() {
                            <option value="" selected=true>{ "— your own scenario —" }</option>
                        }
                        { for PRESETS.iter().map(|p| html! {
                            <option value={p.id} selected={preset.is_some_and(|c| c.id == p.id)}>{ p.label }</option>
                        }) }
                        <optgroup label="Example plans over time">
                            { for PLAN_PRESETS.iter().map(|p| html! {
                                <option value={format!("{PLAN_OPTION}{}", p.id)} selected={example.is_some_and(|c| c.id == p.id)}>
                                    { p.label }
                                </option>
                            }) }
                        </optgroup>
                    </select>
                </div>
                <details class="scenario-menu" id="scenario-menu" ref={menu} onkeydown={on_menu_key}>
                    <summary>{ "Sources, saved & files" }</summary>
                    <div class="menu-panel">
                        <Sources preset={preset.map(|p| p.id)} {edited} />
                        <div class="scenario-tools">
                            <SavedScenarios scenario={scenario.clone()} on_action={props.on_action.clone()} load={load.clone()}
                                report={report.clone()} revision={*revision} />
                            <Files scenario={scenario.clone()} mc={props.mc.clone()} running={props.running} {load} report={report.clone()} />
                        </div>
                    </div>
                </details>
            </div>
            if let Some(e) = (*autosave_error).clone() {
                <p class="message alert" role="alert" id="autosave-error">
                    { format!("Autosave failed: {e}. Nothing is lost while this page stays open; \
                               export the scenario as a file to keep it.") }
                </p>
            }
            <Notices notices={shown} {on_undo} {on_dismiss} />
        </section>
    }
}

/// Props of [`Sources`].
#[derive(Properties, PartialEq)]
struct SourcesProps {
    /// Id of the preset the scenario is (or was loaded from).
    preset: Option<&'static str>,
    /// Numbers were changed since.
    edited: bool,
}

/// "Where these numbers come from": the preset's summary, every source,
/// and the preset check — each headline figure of the preset's own run
/// against the range its source gives (rows from the engine's
/// `calibration` table).
#[component]
fn Sources(props: &SourcesProps) -> Html {
    let preset = props.preset.and_then(funnel_engine::presets::find);
    // One expected-mode run of the preset (microseconds), redone only when the preset changes.
    let check = use_memo(props.preset, |id| id.map(|id| (preset_weeks(id), Rc::new(calibration::rows_for(id)))));
    html! {
        <details class="sources" id="sources">
            <summary>{ "Where these numbers come from" }<span class="typical">{ "typical — varies widely" }</span></summary>
            if let Some(p) = preset {
                <p><strong>{ p.label }</strong>{ ": " }{ p.summary }</p>
                <p class="note">
                    { "Public benchmark figures, converted into the model's parameters. They are " }
                    <strong>{ "typical — they vary widely" }</strong>
                    { " by industry, country, year and offer: a starting point to argue with, not the truth about your market." }
                </p>
                if props.edited {
                    <p class="note">{ "You have changed numbers since: the sources describe the preset, not your changes." }</p>
                }
                <ul class="source-list">
                    { for p.sources.iter().map(|s| html! {
                        <li><span class="used-for">{ s.used_for }</span>{ " — " }<cite>{ s.citation }</cite></li>
                    }) }
                </ul>
                if let Some((weeks, rows)) = check.as_ref() {
                    <PresetCheck weeks={*weeks} rows={rows.clone()} />
                }
                <p class="note">{ "How each figure became a parameter: docs/presets.md in the Funnel Lab repository." }</p>
            } else {
                <p class="note">
                    { "This scenario is not one of the built-in presets (or was renamed), so Funnel Lab cannot say where its numbers come from. \
                       Pick a preset above to see its sources." }
                </p>
            }
        </details>
    }
}

/// The horizon of preset `id` (52 weeks if unknown).
fn preset_weeks(id: &str) -> u32 {
    funnel_engine::presets::find(id).map_or(52, |p| (p.build)().weeks)
}

/// Props of [`PresetCheck`].
#[derive(Properties, PartialEq)]
struct PresetCheckProps {
    /// The preset's horizon (for "not within N weeks").
    weeks: u32,
    /// The checks with the preset's values.
    rows: Rc<Vec<Row>>,
}

/// The preset check as a table: figure, the preset's value, the typical
/// range, and the source (or, for an assumption, the reasoning).
#[component]
fn PresetCheck(props: &PresetCheckProps) -> Html {
    html! {
        <div class="table-scroll">
            <table class="preset-check" id="preset-check">
                <caption>{ "The preset's own figures (expected mode) against public benchmarks" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Figure" }</th>
                        <th scope="col">{ "This preset" }</th>
                        <th scope="col">{ "Typical range" }</th>
                        <th scope="col">{ "Source" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for props.rows.iter().map(|row| html! {
                        <tr data-inside={if row.inside() { "yes" } else { "no" }}>
                            <th scope="row">{ row.check.figure.label() }</th>
                            <td>{ row.value_text(props.weeks) }</td>
                            <td>{ row.check.range_text() }</td>
                            <td>
                                if row.check.assumption {
                                    <em>{ "Assumption" }</em>{ ": " }{ row.check.why }
                                } else {
                                    <cite>{ row.check.source }</cite>{ ". " }<span class="why">{ row.check.why }</span>
                                }
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
