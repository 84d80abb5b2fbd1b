//! The full app's "Embed" button (`#embed-open`) and its `<dialog>`: pick
//! the widget's size, controls and chart(s), and copy the `<iframe>` snippet
//! for the current scenario plus the small script that sizes the frame to
//! the height the widget reports (see docs/embed.md). The form is this
//! dialog's own business (local state); it only reads the scenario.

use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlDialogElement, HtmlSelectElement};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::controls::{input_checked, input_value};
use super::embed_params::{EmbedChart, EmbedParams, iframe_snippet, resize_script};
use funnel_engine::Scenario;
use funnel_engine::fields::{ChannelField, Field, MarketField, RevenueField, SalesField};
use funnel_engine::link;
use funnel_engine::plan::PlannedScenario;

/// Widths and heights the form accepts, in CSS pixels.
const WIDTHS: (u32, u32) = (280, 3000);
const HEIGHTS: (u32, u32) = (200, 5000);

/// Props of [`EmbedDialog`].
#[derive(Properties, PartialEq)]
pub struct EmbedDialogProps {
    /// The scenario the widget will show.
    pub scenario: Rc<PlannedScenario>,
}

/// What the person chose in the dialog.
#[derive(Clone, Debug, PartialEq)]
struct Choice {
    width: u32,
    height: u32,
    controls: Vec<Field>,
    chart: EmbedChart,
    second: Option<EmbedChart>,
}

impl Default for Choice {
    fn default() -> Self {
        let params = EmbedParams::default();
        Choice {
            width: 480,
            height: 720,
            controls: params.controls,
            chart: params.charts.first().copied().unwrap_or(EmbedChart::Funnel),
            second: None,
        }
    }
}

/// The controls offered as checkboxes (any field id works in the query).
fn offered(scenario: &Scenario) -> Vec<Field> {
    let mut fields = vec![Field::BudgetPerWeek];
    fields.extend((0..scenario.channels.len()).map(|i| Field::Channel(i, ChannelField::Share)));
    fields.extend([
        Field::Sales(SalesField::Reps),
        Field::Sales(SalesField::LeadsPerRepPerWeek),
        Field::Sales(SalesField::WinRate),
        Field::Sales(SalesField::CycleWeeks),
        Field::Revenue(RevenueField::DealValue),
        Field::Revenue(RevenueField::OrderValue),
        Field::Market(MarketField::Size),
        Field::Weeks,
    ]);
    fields
}

/// The button and the dialog it opens.
#[component]
pub fn EmbedDialog(props: &EmbedDialogProps) -> Html {
    let dialog = use_node_ref();
    let snippet_ref = use_node_ref();
    let open = use_state_eq(|| false);
    let choice = use_state_eq(Choice::default);
    let status = use_state_eq(|| None::<AttrValue>);

    let on_open = {
        let (dialog, open, status) = (dialog.clone(), open.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = dialog.cast::<HtmlDialogElement>()
                && d.show_modal().is_ok()
            {
                open.set(true);
                status.set(None);
            }
        })
    };
    let on_close = {
        let open = open.clone();
        Callback::from(move |_: Event| open.set(false))
    };
    // Every form input updates the choice through this one helper.
    let update = |f: fn(&mut Choice, &Event)| {
        let choice = choice.clone();
        Callback::from(move |e: Event| {
            let mut next = (*choice).clone();
            f(&mut next, &e);
            choice.set(next);
        })
    };
    let on_width = update(|c, e| c.width = clamp(&input_value(e), WIDTHS, c.width));
    let on_height = update(|c, e| c.height = clamp(&input_value(e), HEIGHTS, c.height));
    let on_chart = update(|c, e| c.chart = EmbedChart::from_name(&select_value(e)).unwrap_or(c.chart));
    let on_second = update(|c, e| c.second = EmbedChart::from_name(&select_value(e)));

    let planned = &props.scenario;
    let scenario = &planned.scenario;
    let c = &*choice;
    // The snippet is only built while the dialog is open (it encodes the scenario).
    let texts = open.then(|| {
        let location = web_sys::window().map(|w| w.location());
        let read = |f: fn(&web_sys::Location) -> Result<String, JsValue>| {
            location.as_ref().and_then(|l| f(l).ok()).unwrap_or_default()
        };
        let origin = read(web_sys::Location::origin);
        let charts = std::iter::once(c.chart).chain(c.second.filter(|s| *s != c.chart)).collect();
        let params = EmbedParams { controls: c.controls.clone(), charts, ignored: Vec::new() };
        let fragment = link::fragment(planned);
        let src = format!(
            "{origin}{}{}{}",
            read(web_sys::Location::pathname),
            params.query(),
            fragment.clone().unwrap_or_default()
        );
        (iframe_snippet(&src, &scenario.name, c.width, c.height), resize_script(&origin), src, fragment.is_none())
    });
    let copy = |text: Option<String>| {
        let (status, snippet_ref) = (status.clone(), snippet_ref.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(text) = text.clone() {
                copy_text(text, status.clone(), snippet_ref.clone());
            }
        })
    };
    let on_copy = copy(texts.as_ref().map(|t| t.0.clone()));
    let on_copy_script = copy(texts.as_ref().map(|t| t.1.clone()));

    html! {
        <>
            <button id="embed-open" type="button" class="secondary" onclick={on_open} aria-haspopup="dialog">{ "Embed" }</button>
            <dialog ref={dialog} id="embed-dialog" class="embed-dialog" aria-labelledby="embed-dialog-title" onclose={on_close}>
                <h2 id="embed-dialog-title">{ "Embed this scenario" }</h2>
                <p class="note">{ "Paste the snippet into a blog post or page: readers get a small live simulator of the current scenario." }</p>
                <fieldset class="embed-size">
                    <legend>{ "Size (CSS pixels)" }</legend>
                    <label for="embed-width">{ "Width" }</label>
                    <input id="embed-width" type="number" min={WIDTHS.0.to_string()} max={WIDTHS.1.to_string()} step="10"
                        value={c.width.to_string()} onchange={on_width} />
                    <label for="embed-height">{ "Height" }</label>
                    <input id="embed-height" type="number" min={HEIGHTS.0.to_string()} max={HEIGHTS.1.to_string()} step="10"
                        value={c.height.to_string()} onchange={on_height} />
                    <p class="note">{ "The frame never gets wider than its column; with the script below its height follows the widget." }</p>
                </fieldset>
                <fieldset class="embed-controls-choice">
                    <legend>{ "Controls in the widget" }</legend>
                    { for offered(scenario).into_iter().map(|field| {
                        let id = format!("embed-control-{}", field.id());
                        let onchange = {
                            let choice = choice.clone();
                            Callback::from(move |e: Event| {
                                let mut next = (*choice).clone();
                                next.controls.retain(|f| *f != field);
                                if input_checked(&e) {
                                    next.controls.push(field);
                                }
                                choice.set(next);
                            })
                        };
                        html! {
                            <label class="toggle" for={id.clone()}>
                                <input type="checkbox" id={id} checked={c.controls.contains(&field)} {onchange} />
                                { field.label(scenario) }
                            </label>
                        }
                    }) }
                </fieldset>
                <fieldset class="embed-charts-choice">
                    <legend>{ "Charts" }</legend>
                    <label for="embed-chart-1">{ "Chart" }</label>
                    <select id="embed-chart-1" onchange={on_chart}>
                        { for EmbedChart::ALL.iter().map(|ch| html! {
                            <option value={ch.name()} selected={*ch == c.chart}>{ ch.label() }</option>
                        }) }
                    </select>
                    <label for="embed-chart-2">{ "Second chart" }</label>
                    <select id="embed-chart-2" onchange={on_second}>
                        <option value="" selected={c.second.is_none()}>{ "None" }</option>
                        { for EmbedChart::ALL.iter().map(|ch| html! {
                            <option value={ch.name()} selected={Some(*ch) == c.second}>{ ch.label() }</option>
                        }) }
                    </select>
                </fieldset>
                if let Some((snippet, script, src, too_long)) = texts {
                    if too_long {
                        <p class="notice" role="alert">{ "This scenario is too large for a link: the widget will show the default scenario." }</p>
                    }
                    <label for="embed-snippet">{ "Snippet" }</label>
                    <textarea ref={snippet_ref} id="embed-snippet" readonly=true rows="4" value={snippet} />
                    <div class="embed-actions">
                        <button id="embed-copy" type="button" onclick={on_copy}>{ "Copy snippet" }</button>
                        <a id="embed-preview" href={src} target="_blank" rel="noopener">{ "Preview the widget ↗" }</a>
                    </div>
                    <label for="embed-script">{ "Auto-sizing script (once per page, optional)" }</label>
                    <textarea id="embed-script" readonly=true rows="9" value={script} />
                    <div class="embed-actions">
                        <button id="embed-copy-script" type="button" onclick={on_copy_script}>{ "Copy script" }</button>
                    </div>
                }
                <p id="embed-copy-status" role="status">{ (*status).clone().unwrap_or_default() }</p>
                <form method="dialog" class="embed-actions">
                    <button id="embed-close" class="secondary">{ "Close" }</button>
                </form>
            </dialog>
        </>
    }
}

/// A whole number of pixels within `range`; `fallback` if not a number.
fn clamp(text: &str, range: (u32, u32), fallback: u32) -> u32 {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map_or(fallback, |v| v.round().clamp(f64::from(range.0), f64::from(range.1)) as u32)
}

fn select_value(e: &Event) -> String {
    e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()).map(|s| s.value()).unwrap_or_default()
}

/// Copies through the asynchronous clipboard API; where that is missing or
/// refused, selects the snippet so the person can copy it by hand.
pub(crate) fn copy_text(text: String, status: UseStateHandle<Option<AttrValue>>, snippet: NodeRef) {
    spawn_local(async move {
        let copied = match clipboard_write(&text) {
            Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
            None => false,
        };
        if !copied && let Some(el) = snippet.cast::<Element>() {
            call0(&el, "select");
        }
        status.set(Some(AttrValue::from(if copied {
            "Copied to the clipboard."
        } else {
            "Could not copy automatically: the snippet is selected, press Ctrl+C (⌘C) to copy it."
        })));
    });
}

/// `navigator.clipboard.writeText(text)`, if the browser offers it.
fn clipboard_write(text: &str) -> Option<js_sys::Promise> {
    let window: JsValue = web_sys::window()?.into();
    let get =
        |on: &JsValue, key: &str| js_sys::Reflect::get(on, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined());
    let clipboard = get(&get(&window, "navigator")?, "clipboard")?;
    let write: js_sys::Function = get(&clipboard, "writeText")?.dyn_into().ok()?;
    write.call1(&clipboard, &JsValue::from_str(text)).ok()?.dyn_into().ok()
}

/// Calls a method without arguments, ignoring failures.
fn call0(on: &JsValue, method: &str) {
    if let Ok(f) = js_sys::Reflect::get(on, &JsValue::from_str(method)).and_then(|f| f.dyn_into::<js_sys::Function>()) {
        let _ = f.call0(on);
    }
}
