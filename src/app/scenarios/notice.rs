//! Messages of the scenario panel: an alert (`role="alert"`, announced at
//! once) for what went wrong, a status (inside a polite live region) for
//! what happened; either may carry a list (every validation error) and an
//! undo (the scenario that was replaced, or a deleted saved entry).

use std::rc::Rc;

use yew::prelude::*;

use funnel_engine::plan::PlannedScenario;
use funnel_engine::saved::SavedEntry;

/// How a message is announced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Something went wrong (`role="alert"`).
    Alert,
    /// Something happened (polite status).
    Status,
}

/// What an undo button gives back.
#[derive(Clone, Debug, PartialEq)]
pub enum Undo {
    /// Load this scenario again.
    Scenario(Rc<PlannedScenario>),
    /// Put this deleted saved entry back.
    Entry(SavedEntry),
}

/// One message.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// Alert or status.
    pub tone: Tone,
    /// The sentence.
    pub text: String,
    /// Details, one per line (e.g. every field error).
    pub items: Vec<String>,
    /// An undo and its button label.
    pub undo: Option<(Undo, String)>,
}

impl Notice {
    /// Something went wrong.
    pub fn alert(text: impl Into<String>) -> Notice {
        Notice { tone: Tone::Alert, text: text.into(), items: Vec::new(), undo: None }
    }

    /// Something happened.
    pub fn status(text: impl Into<String>) -> Notice {
        Notice { tone: Tone::Status, text: text.into(), items: Vec::new(), undo: None }
    }

    /// With details, one per line.
    pub fn with_items(mut self, items: impl IntoIterator<Item = String>) -> Notice {
        self.items.extend(items);
        self
    }

    /// With a button that loads `scenario` again.
    pub fn with_undo(mut self, scenario: PlannedScenario, label: impl Into<String>) -> Notice {
        self.undo = Some((Undo::Scenario(Rc::new(scenario)), label.into()));
        self
    }

    /// With a button that puts a deleted saved entry back.
    pub fn with_restore(mut self, entry: SavedEntry, label: impl Into<String>) -> Notice {
        self.undo = Some((Undo::Entry(entry), label.into()));
        self
    }
}

/// Props of [`Notices`].
#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    /// The messages, oldest first.
    pub notices: Rc<Vec<Notice>>,
    /// An undo button was pressed on message `index`.
    pub on_undo: Callback<(usize, Undo)>,
    /// Message `index` was dismissed.
    pub on_dismiss: Callback<usize>,
}

/// Every message: alerts first, then the status region (always present,
/// so screen readers announce what appears in it).
#[component]
pub fn Notices(props: &NoticesProps) -> Html {
    let view = |(i, n): (usize, &Notice)| {
        let undo = n.undo.clone().map(|(undo, label)| {
            let onclick = props.on_undo.reform(move |_: MouseEvent| (i, undo.clone()));
            html! { <button type="button" class="link-button" {onclick}>{ label }</button> }
        });
        let dismiss = props.on_dismiss.reform(move |_: MouseEvent| i);
        html! {
            <div class={classes!("message", if n.tone == Tone::Alert { "alert" } else { "status" })}
                role={(n.tone == Tone::Alert).then_some("alert")}>
                <p>{ n.text.clone() }</p>
                if !n.items.is_empty() {
                    <ul>{ for n.items.iter().map(|item| html! { <li>{ item.clone() }</li> }) }</ul>
                }
                <p class="message-actions">
                    { for undo }
                    <button type="button" class="link-button" onclick={dismiss}>{ "Dismiss" }</button>
                </p>
            </div>
        }
    };
    let all = props.notices.iter().enumerate();
    html! {
        <div class="messages">
            { for all.clone().filter(|(_, n)| n.tone == Tone::Alert).map(view) }
            <div role="status" class="status-region">
                { for all.filter(|(_, n)| n.tone == Tone::Status).map(view) }
            </div>
        </div>
    }
}
