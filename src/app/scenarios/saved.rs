//! Named saved scenarios: save the current one under a name, and open,
//! rename or delete any saved one. Every change reads the stored list
//! afresh, changes it and writes it back (another tab may have changed it);
//! a storage error leaves everything as it was and says so.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::Report;
use super::notice::Notice;
use crate::app::persistence::{self, local_time};
use crate::app::state::Action;
use funnel_engine::plan::PlannedScenario;
use funnel_engine::saved::{MAX_NAME_CHARS, Saved, SavedError, SavedList};

/// Props of [`SavedScenarios`].
#[derive(Properties, PartialEq)]
pub struct SavedProps {
    /// The current scenario.
    pub scenario: Rc<PlannedScenario>,
    /// Dispatches to the app's reducer (renaming the current scenario).
    pub on_action: Callback<Action>,
    /// Replaces the current scenario, with a message.
    pub load: Callback<(PlannedScenario, String)>,
    /// Shows a message.
    pub report: Report,
    /// Changes when the stored list changed elsewhere: read it again.
    pub revision: u64,
}

/// What the list shows: the entries, or why they cannot be shown.
#[derive(Clone, Debug, PartialEq)]
struct View {
    list: SavedList,
    problem: Option<String>,
}

fn read_view() -> View {
    match persistence::read_saved() {
        Ok((list, problem)) => View { list, problem },
        Err(e) => {
            View { list: SavedList::default(), problem: Some(format!("Saved scenarios are not available: {e}.")) }
        }
    }
}

fn value_of(node: &NodeRef) -> String {
    node.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default()
}

/// Save as, and the list of saved scenarios.
#[component]
pub fn SavedScenarios(props: &SavedProps) -> Html {
    let view = use_state_eq(read_view);
    let editing = use_state_eq(|| None::<String>);
    let save_input = use_node_ref();
    let rename_input = use_node_ref();
    {
        let view = view.clone();
        use_effect_with(props.revision, move |_| view.set(read_view()));
    }
    {
        // Focus the rename box when it opens.
        let rename_input = rename_input.clone();
        use_effect_with((*editing).clone(), move |editing| {
            if editing.is_some()
                && let Some(input) = rename_input.cast::<HtmlInputElement>()
            {
                let _ = input.focus();
                input.select();
            }
        });
    }

    let on_save = {
        let (view, input, scenario) = (view.clone(), save_input.clone(), props.scenario.clone());
        let (report, on_action) = (props.report.clone(), props.on_action.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let wanted = value_of(&input);
            let mut replaced = None;
            let result = persistence::change_saved(|list| {
                let name = funnel_engine::saved::clean_name(&wanted)?;
                replaced = list.entries().iter().find(|e| e.name == name).cloned();
                list.save(&name, &scenario, js_sys::Date::now()).map(|saved| (name, saved))
            });
            match result {
                Ok(((name, saved), list)) => {
                    view.set(View { list, problem: None });
                    if name != scenario.scenario.name {
                        on_action.emit(Action::Rename(name.clone()));
                    }
                    let notice = match (saved, replaced) {
                        (Saved::Replaced, Some(old)) => {
                            Notice::status(format!("Replaced the saved “{name}” with the current scenario."))
                                .with_restore(old, "Keep the old one too")
                        }
                        _ => Notice::status(format!("Saved as “{name}”.")),
                    };
                    report.emit(notice);
                }
                Err(e) => report.emit(Notice::alert(format!(
                    "The scenario was not saved: {e}. Nothing was lost: the current scenario is unchanged \
                     (export it as a file to keep a copy)."
                ))),
            }
        })
    };

    let open = {
        let (view, load, report) = (view.clone(), props.load.clone(), props.report.clone());
        move |name: String| {
            let (view, load, report) = (view.clone(), load.clone(), report.clone());
            Callback::from(move |_: MouseEvent| match view.list.scenario(&name) {
                Ok(s) => load.emit((s, format!("Opened the saved scenario “{name}”."))),
                Err(e) => {
                    let items = match &e {
                        SavedError::Broken { error, .. } => {
                            error.field_errors().iter().map(ToString::to_string).collect()
                        }
                        _ => Vec::new(),
                    };
                    report.emit(Notice::alert(format!("{e}. Nothing was changed.")).with_items(items));
                }
            })
        }
    };
    let delete = {
        let (view, report, editing) = (view.clone(), props.report.clone(), editing.clone());
        move |name: String| {
            let (view, report, editing) = (view.clone(), report.clone(), editing.clone());
            Callback::from(move |_: MouseEvent| match persistence::change_saved(|list| list.delete(&name)) {
                Ok((entry, list)) => {
                    view.set(View { list, problem: None });
                    editing.set(None);
                    report.emit(Notice::status(format!("Deleted “{name}”.")).with_restore(entry, "Undo"));
                }
                Err(e) => report.emit(Notice::alert(format!("“{name}” was not deleted: {e}."))),
            })
        }
    };
    let start_rename = {
        let editing = editing.clone();
        move |name: String| {
            let editing = editing.clone();
            Callback::from(move |_: MouseEvent| editing.set(Some(name.clone())))
        }
    };
    let on_rename = {
        let (view, editing, input) = (view.clone(), editing.clone(), rename_input.clone());
        let (report, on_action, scenario) = (props.report.clone(), props.on_action.clone(), props.scenario.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(from) = (*editing).clone() else { return };
            let to = value_of(&input);
            match persistence::change_saved(|list| {
                let to = funnel_engine::saved::clean_name(&to)?;
                list.rename(&from, &to).map(|()| to)
            }) {
                Ok((to, list)) => {
                    view.set(View { list, problem: None });
                    editing.set(None);
                    if scenario.scenario.name == from && from != to {
                        on_action.emit(Action::Rename(to.clone()));
                    }
                    report.emit(Notice::status(format!("Renamed “{from}” to “{to}”.")));
                }
                Err(e) => report.emit(Notice::alert(format!("“{from}” was not renamed: {e}."))),
            }
        })
    };
    let on_cancel = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(None))
    };

    let entries = view.list.entries();
    html! {
        <section class="saved" aria-labelledby="saved-title">
            <h3 id="saved-title">{ "Saved scenarios" }</h3>
            <form class="inline-form" onsubmit={on_save}>
                <label for="save-name">{ "Save as" }</label>
                <input id="save-name" type="text" ref={save_input} value={props.scenario.scenario.name.clone()}
                    maxlength={MAX_NAME_CHARS.to_string()} autocomplete="off" required=true />
                <button id="save-scenario" type="submit">{ "Save" }</button>
            </form>
            if let Some(problem) = view.problem.clone() {
                <p class="message alert" role="alert">{ problem }</p>
            }
            if entries.is_empty() {
                <p class="note">{ "Nothing saved yet. Saved scenarios stay in this browser." }</p>
            } else {
                <ul class="saved-list" id="saved-list">
                    { for entries.iter().map(|entry| {
                        let name = entry.name.clone();
                        if editing.as_deref() == Some(name.as_str()) {
                            html! {
                                <li class="saved-item editing" data-name={name.clone()}>
                                    <form class="inline-form" onsubmit={on_rename.clone()}>
                                        <label class="visually-hidden" for="rename-name">{ format!("New name for “{name}”") }</label>
                                        <input id="rename-name" type="text" ref={rename_input.clone()} value={name.clone()}
                                            maxlength={MAX_NAME_CHARS.to_string()} autocomplete="off" required=true />
                                        <button type="submit" id="rename-confirm">{ "Rename" }</button>
                                        <button type="button" class="secondary" onclick={on_cancel.clone()}>{ "Cancel" }</button>
                                    </form>
                                </li>
                            }
                        } else {
                            html! {
                                <li class="saved-item" data-name={name.clone()}>
                                    <span class="saved-name">{ name.clone() }</span>
                                    <span class="note">{ local_time(entry.saved_at) }</span>
                                    <span class="saved-actions">
                                        <button type="button" class="secondary" data-action="open"
                                            aria-label={format!("Open “{name}”")} onclick={open(name.clone())}>{ "Open" }</button>
                                        <button type="button" class="secondary" data-action="rename"
                                            aria-label={format!("Rename “{name}”")} onclick={start_rename(name.clone())}>{ "Rename" }</button>
                                        <button type="button" class="secondary" data-action="delete"
                                            aria-label={format!("Delete “{name}”")} onclick={delete(name.clone())}>{ "Delete" }</button>
                                    </span>
                                </li>
                            }
                        }
                    }) }
                </ul>
            }
        </section>
    }
}
