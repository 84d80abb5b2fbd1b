//! Adopting a plan over time found by a Plan-pane tool (flighting, when to
//! hire): the button, and once pressed the status line with its Undo, which
//! gives back the plan that was there before (or none). The tool keeps the
//! [`Adopted`] state, so running it again starts over.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::state::{Action, TimelineEdit};
use funnel_engine::plan::Plan;

/// `Some(before)` once adopted: the plan it replaced (`None`: there was none).
pub type Adopted = UseStateHandle<Option<Option<Rc<Plan>>>>;

/// Props of [`AdoptPlan`].
#[derive(Properties, PartialEq)]
pub struct AdoptProps {
    /// Element id prefix: `{id}-adopt`, `{id}-adopted`, `{id}-undo`.
    pub id: AttrValue,
    /// The plan to adopt.
    pub plan: Rc<Plan>,
    /// The state's plan now (what Undo gives back).
    pub current: Option<Rc<Plan>>,
    /// Whether it was adopted, and what it replaced.
    pub adopted: Adopted,
    /// The answer is for an older scenario: it cannot be adopted.
    pub stale: bool,
    /// The button's text.
    pub label: AttrValue,
    /// What the status line says once adopted.
    pub done: AttrValue,
    /// Dispatches to the reducer.
    pub on_action: Callback<Action>,
}

/// The adopt button, or the status line with Undo.
#[component]
pub fn AdoptPlan(props: &AdoptProps) -> Html {
    let adopt = |plan: Option<Rc<Plan>>| Action::Timeline(TimelineEdit::Adopt(plan.map(|p| Box::new((*p).clone()))));
    let on_adopt = {
        let (on_action, adopted, plan, current) =
            (props.on_action.clone(), props.adopted.clone(), props.plan.clone(), props.current.clone());
        Callback::from(move |_: MouseEvent| {
            adopted.set(Some(current.clone()));
            on_action.emit(adopt(Some(plan.clone())));
        })
    };
    let on_undo = {
        let (on_action, adopted) = (props.on_action.clone(), props.adopted.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(before) = (*adopted).clone() {
                on_action.emit(adopt(before));
                adopted.set(None);
            }
        })
    };
    let id = &props.id;
    html! {
        <p class="plan-actions">
            if props.adopted.is_some() {
                <span class="message status" id={format!("{id}-adopted")} role="status">
                    { format!("{} ", props.done) }
                    <button type="button" id={format!("{id}-undo")} class="secondary" onclick={on_undo}>{ "Undo" }</button>
                </span>
            } else {
                <button type="button" id={format!("{id}-adopt")} onclick={on_adopt} disabled={props.stale}>{ props.label.clone() }</button>
            }
        </p>
    }
}
