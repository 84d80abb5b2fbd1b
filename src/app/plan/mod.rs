//! The Plan pane.

use std::rc::Rc;

use yew::prelude::*;

use super::outcomes::Derived;
use super::state::{Action, AppState};

/// Props of [`PlanPanel`].
#[derive(Properties, PartialEq)]
pub struct PlanPanelProps {
    /// The app state.
    pub state: UseReducerHandle<AppState>,
    /// The results of its scenario.
    pub derived: Rc<Derived>,
    /// Dispatches to the reducer.
    pub on_action: Callback<Action>,
    /// Dark colour scheme.
    pub dark: bool,
}

/// The Plan pane.
#[component]
pub fn PlanPanel(props: &PlanPanelProps) -> Html {
    let _ = props;
    html! { <section class="plan-panel" aria-label="Plan"></section> }
}
