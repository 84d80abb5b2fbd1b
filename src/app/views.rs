//! The tabs that bring a pane to the front (WAI-ARIA tabs: arrow keys,
//! Home and End move between them). On a phone they switch between the
//! assumptions and the other panes; on a wide screen the assumptions stay
//! beside the chosen pane and their tab is hidden (styles/main.css).

use yew::prelude::*;

use super::browser::focus;
use super::state::{Action, View};

/// Props of [`ViewTabs`].
#[derive(Properties, PartialEq)]
pub struct ViewTabsProps {
    /// The pane in front.
    pub current: View,
    /// Receives [`Action::Show`].
    pub on_action: Callback<Action>,
}

/// The element id of a view's tab.
pub fn tab_id(view: View) -> String {
    format!("tab-{}", view.id())
}

/// The element id of a view's pane.
pub fn pane_id(view: View) -> String {
    format!("pane-{}", view.id())
}

/// One button per view; the current one is selected.
#[component]
pub fn ViewTabs(props: &ViewTabsProps) -> Html {
    let current = props.current;
    let on_key = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: KeyboardEvent| {
            let at = View::ALL.iter().position(|v| *v == current).unwrap_or(0);
            let last = View::ALL.len() - 1;
            let next = match e.key().as_str() {
                "ArrowRight" => if at == last { 0 } else { at + 1 },
                "ArrowLeft" => if at == 0 { last } else { at - 1 },
                "Home" => 0,
                "End" => last,
                _ => return,
            };
            e.prevent_default();
            let view = View::ALL[next];
            on_action.emit(Action::Show(view));
            focus(&tab_id(view));
        })
    };
    html! {
        <div class="view-tabs" role="tablist" aria-label="Show" onkeydown={on_key}>
            { for View::ALL.iter().map(|&view| {
                let selected = view == current;
                let onclick = props.on_action.reform(move |_: MouseEvent| Action::Show(view));
                html! {
                    <button type="button" role="tab" id={tab_id(view)} class={classes!("view-tab", format!("tab-{}", view.id()))}
                        aria-selected={if selected { "true" } else { "false" }} aria-controls={pane_id(view)}
                        tabindex={if selected { "0" } else { "-1" }} {onclick}>
                        { view.label() }
                    </button>
                }
            }) }
        </div>
    }
}
