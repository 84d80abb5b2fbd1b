//! Files: export the scenario as a JSON v1 file and the weekly results as
//! CSV; import a scenario file with the file picker or by dropping it
//! anywhere on the page. A file that is not a valid scenario changes
//! nothing and every problem in it is listed, each naming its field.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{DragEvent, File, HtmlInputElement};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::Report;
use super::notice::Notice;
use crate::app::downloads::{download_text, read_text};
use crate::app::persistence::Listener;
use crate::app::state::McResult;
use funnel_engine::plan::PlannedScenario;
use funnel_engine::report;
use funnel_engine::saved::file_stem;
use funnel_engine::simulate::expected_planned;
use funnel_engine::{Mode, ScenarioError};

/// Props of [`Files`].
#[derive(Properties, PartialEq)]
pub struct FilesProps {
    /// The current scenario.
    pub scenario: Rc<PlannedScenario>,
    /// The finished Monte Carlo result of this scenario, if any.
    pub mc: Option<McResult>,
    /// Monte Carlo is still running (the CSV waits for it).
    pub running: bool,
    /// Replaces the current scenario, with a message.
    pub load: Callback<(PlannedScenario, String)>,
    /// Shows a message.
    pub report: Report,
}

/// Every problem of a refused file, one line each, naming the field.
pub fn problems(error: &ScenarioError) -> Vec<String> {
    match error {
        ScenarioError::Syntax(message) => vec![format!("not a valid scenario file: {message}")],
        ScenarioError::Invalid(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

/// Reads `file` and loads it, or reports why it was not.
fn import(file: File, load: Callback<(PlannedScenario, String)>, report: Report) {
    spawn_local(async move {
        let name = file.name();
        let refused = |why: String, items: Vec<String>| {
            Notice::alert(format!("“{name}” was not imported, so nothing was changed: {why}")).with_items(items)
        };
        match read_text(&file).await {
            Err(why) => report.emit(refused(format!("{why}."), Vec::new())),
            Ok(text) => match PlannedScenario::from_json(&text) {
                Ok(scenario) => load.emit((scenario, format!("Imported “{name}”."))),
                Err(e) => {
                    let items = problems(&e);
                    let count =
                        if items.len() == 1 { "1 problem".to_string() } else { format!("{} problems", items.len()) };
                    report.emit(refused(format!("{count}."), items));
                }
            },
        }
    });
}

/// Whether a drag carries files (not text or a link from the page).
fn carries_files(e: &DragEvent) -> bool {
    e.data_transfer().is_some_and(|dt| dt.types().iter().any(|t| t.as_string().as_deref() == Some("Files")))
}

/// Export and import buttons, and the page-wide drop target.
#[component]
pub fn Files(props: &FilesProps) -> Html {
    let dragging = use_state_eq(|| false);
    {
        let (dragging, load, report) = (dragging.clone(), props.load.clone(), props.report.clone());
        use_effect_with((), move |_| {
            let over = {
                let dragging = dragging.clone();
                Listener::on_window("dragover", move |e| {
                    if let Some(e) = e.dyn_ref::<DragEvent>().filter(|e| carries_files(e)) {
                        // Without this the browser opens the file instead of handing it over.
                        e.prevent_default();
                        if let Some(dt) = e.data_transfer() {
                            dt.set_drop_effect("copy");
                        }
                        dragging.set(true);
                    }
                })
            };
            let leave = {
                let dragging = dragging.clone();
                Listener::on_window("dragleave", move |e| {
                    // Leaving the window has no element to go to.
                    if e.dyn_ref::<DragEvent>().is_some_and(|e| e.related_target().is_none()) {
                        dragging.set(false);
                    }
                })
            };
            let on_drop = Listener::on_window("drop", move |e| {
                let Some(e) = e.dyn_ref::<DragEvent>().filter(|e| carries_files(e)) else { return };
                e.prevent_default();
                dragging.set(false);
                let files = e.data_transfer().and_then(|dt| dt.files());
                if let Some(file) = files.as_ref().and_then(|f| f.get(0)) {
                    if files.as_ref().is_some_and(|f| f.length() > 1) {
                        report.emit(Notice::status("Only the first of the dropped files is imported."));
                    }
                    import(file, load.clone(), report.clone());
                }
            });
            // Dropping the listeners unregisters them.
            move || drop((over, leave, on_drop))
        });
    }

    let on_pick = {
        let (load, report) = (props.load.clone(), props.report.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                import(file, load.clone(), report.clone());
            }
            // Picking the same file again must fire `change` again.
            input.set_value("");
        })
    };
    let stem = file_stem(&props.scenario.scenario.name);
    let on_export_json = {
        let (scenario, report, stem) = (props.scenario.clone(), props.report.clone(), stem.clone());
        Callback::from(move |_: MouseEvent| {
            if let Err(e) = download_text(&format!("{stem}.json"), "application/json", &scenario.to_json()) {
                report.emit(Notice::alert(format!("The scenario could not be exported: {e}.")));
            }
        })
    };
    let on_export_csv = {
        let (scenario, mc, report) = (props.scenario.clone(), props.mc.clone(), props.report.clone());
        Callback::from(move |_: MouseEvent| {
            let s = &scenario.scenario;
            let csv = match (&mc, s.simulation.mode) {
                (Some(r), Mode::MonteCarlo) => report::to_text(|w| report::write_monte_carlo_csv(w, s, &r.outcome)),
                _ => report::to_text(|w| report::write_expected_csv(w, s, &expected_planned(&scenario))),
            };
            if let Err(e) = download_text(&format!("{stem}-weekly.csv"), "text/csv", &csv) {
                report.emit(Notice::alert(format!("The results could not be exported: {e}.")));
            }
        })
    };
    let waiting = props.running && props.scenario.scenario.simulation.mode == Mode::MonteCarlo;
    html! {
        <section class="files" aria-labelledby="files-title">
            <h3 id="files-title">{ "Files" }</h3>
            <div class="file-buttons">
                <button type="button" id="export-json" class="secondary" onclick={on_export_json}>{ "Export scenario (JSON)" }</button>
                <input type="file" id="import-file" class="file-input" accept=".json,application/json" onchange={on_pick} />
                <label for="import-file" class="file-label">{ "Import scenario (JSON)…" }</label>
                <button type="button" id="export-csv" class="secondary" onclick={on_export_csv} disabled={waiting}
                    aria-describedby={waiting.then_some("export-csv-note")}>{ "Export weekly results (CSV)" }</button>
            </div>
            <p class="note">
                { "Or drop a scenario file anywhere on this page." }
                if waiting {
                    <span id="export-csv-note">{ " The CSV is ready when the Monte Carlo runs finish." }</span>
                }
            </p>
            if *dragging {
                <div class="drop-overlay" aria-hidden="true"><p>{ "Drop the scenario file to import it" }</p></div>
            }
        </section>
    }
}
