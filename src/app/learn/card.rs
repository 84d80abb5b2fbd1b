//! The result card of a goal met (a lesson's or a teacher's challenge):
//! the engine's [`ResultCard`] as text to copy and as a picture drawn by
//! [`crate::charts::card`] on the usual [`ChartCanvas`], whose PNG button
//! downloads it.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::canvas::{Chart, ChartCanvas};
use crate::app::embed_dialog::copy_text;
use crate::charts::card::{self, CardData};
use funnel_engine::learn::ResultCard;

/// Today's date as `2026-12-02` (unambiguous in every locale).
pub fn today() -> String {
    let iso = String::from(js_sys::Date::new_0().to_iso_string());
    iso.get(..10).unwrap_or(&iso).to_string()
}

/// Props of [`ResultCardView`].
#[derive(Properties, PartialEq)]
pub struct ResultCardViewProps {
    /// The card.
    pub card: Rc<ResultCard>,
    /// Dark colour scheme.
    pub dark: bool,
}

/// The card: its text with a Copy button, and its picture with a PNG download.
#[component]
pub fn ResultCardView(props: &ResultCardViewProps) -> Html {
    let status = use_state(|| None::<AttrValue>);
    let text_ref = use_node_ref();
    let lines = props.card.lines();
    let text = lines.join("\n");
    let chart = use_memo(lines.clone(), |lines| Rc::new(Chart::Card(CardData { lines: lines.clone() })));
    let on_copy = {
        let (text, status, text_ref) = (text.clone(), status.clone(), text_ref.clone());
        Callback::from(move |_: MouseEvent| copy_text(text.clone(), status.clone(), text_ref.clone()))
    };
    html! {
        <section class="result-card" id="result-card" aria-labelledby="result-card-title">
            <h4 id="result-card-title">{ "Your result card" }</h4>
            <label for="result-card-text">{ "The card as text" }</label>
            <textarea id="result-card-text" ref={text_ref} readonly=true rows={lines.len().to_string()} value={text} />
            <div class="lesson-actions">
                <button type="button" id="result-card-copy" onclick={on_copy}>{ "Copy the card" }</button>
            </div>
            <p id="result-card-copy-status" role="status">{ (*status).clone().unwrap_or_default() }</p>
            <ChartCanvas chart={(*chart).clone()} name="result-card" dark={props.dark} class="result-card-picture"
                height={Some(card::height(lines.len()))}
                label={format!("Result card: {}", props.card.title)} />
        </section>
    }
}
