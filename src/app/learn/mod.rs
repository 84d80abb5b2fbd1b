//! The Learn pane.

use std::rc::Rc;

use yew::prelude::*;

use super::outcomes::Derived;
use super::state::{Action, AppState};

/// Props of [`LearnPanel`].
#[derive(Properties, PartialEq)]
pub struct LearnPanelProps {
    /// The app state.
    pub state: UseReducerHandle<AppState>,
    /// The results of its scenario.
    pub derived: Rc<Derived>,
    /// Dispatches to the reducer.
    pub on_action: Callback<Action>,
    /// Dark colour scheme.
    pub dark: bool,
}

/// The Learn pane.
#[component]
pub fn LearnPanel(props: &LearnPanelProps) -> Html {
    let _ = props;
    html! { <section class="learn-panel" aria-label="Learn"></section> }
}
