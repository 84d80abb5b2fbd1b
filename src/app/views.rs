//! The tabs that bring a pane to the front (WAI-ARIA tabs: arrow keys,
//! Home and End move between them). On a phone they switch between the
//! assumptions and the other panes; on a wide screen the assumptions stay
//! beside the chosen pane and their tab is hidden (styles/main.css).
//!
//! A pane with work of its own (the Plan pane's results and Undo) stays
//! mounted once opened, hidden behind the others ([`use_kept_pane`]).

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

/// What a pane that stays mounted is drawn from: `None` until it is first
/// in front, then `current` while it is in front, and the value it had
/// when it was last in front while another pane is. A pane behind another
/// keeps what it showed (a tool's result, its Undo) and, with unchanged
/// props, is not re-rendered on every edit made elsewhere.
#[hook]
pub fn use_kept_pane<T: Clone + 'static>(in_front: bool, current: T) -> Option<T> {
    let kept = use_mut_ref(|| None::<T>);
    if in_front {
        *kept.borrow_mut() = Some(current);
    }
    kept.borrow().clone()
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
                "ArrowRight" => {
                    if at == last {
                        0
                    } else {
                        at + 1
                    }
                }
                "ArrowLeft" => {
                    if at == 0 {
                        last
                    } else {
                        at - 1
                    }
                }
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
