//! Small bridges to the browser the components share: a clock, a
//! cancellable timeout, a random seed, and hooks for the colour scheme and
//! an element's size. Every listener and timer is removed when its owner is
//! dropped (never `forget()`-ed).

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, MediaQueryList, ResizeObserver};
use yew::prelude::*;

/// Milliseconds from a monotonic clock (`performance.now()`).
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or_else(js_sys::Date::now, |p| p.now())
}

/// A fresh seed for the "New seed" button (below 2^53 so it survives JSON in
/// every language).
pub fn random_seed() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_992.0).floor() as u64
}

/// `setTimeout` that is cleared when dropped.
pub struct Timeout {
    handle: Option<i32>,
    _callback: Closure<dyn FnMut()>,
}

impl Timeout {
    /// Calls `f` once after `millis` milliseconds, unless dropped first.
    pub fn new(millis: u32, f: impl FnOnce() + 'static) -> Timeout {
        let mut f = Some(f);
        let callback = Closure::<dyn FnMut()>::new(move || {
            if let Some(f) = f.take() {
                f();
            }
        });
        let handle = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.as_ref().unchecked_ref(),
                i32::try_from(millis).unwrap_or(i32::MAX),
            )
            .ok()
        });
        Timeout { handle, _callback: callback }
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        if let (Some(handle), Some(window)) = (self.handle, web_sys::window()) {
            window.clear_timeout_with_handle(handle);
        }
    }
}

const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

fn dark_query() -> Option<MediaQueryList> {
    web_sys::window()?.match_media(DARK_QUERY).ok().flatten()
}

/// Whether the person prefers a dark colour scheme, following changes live.
#[hook]
pub fn use_prefers_dark() -> bool {
    let dark = use_state_eq(|| dark_query().is_some_and(|q| q.matches()));
    {
        let dark = dark.clone();
        use_effect_with((), move |_| {
            let query = dark_query();
            let listener = query.as_ref().map(|q| {
                let q2 = q.clone();
                let callback = Closure::<dyn FnMut()>::new(move || dark.set(q2.matches()));
                let _ = q.add_event_listener_with_callback("change", callback.as_ref().unchecked_ref());
                callback
            });
            move || {
                if let (Some(q), Some(callback)) = (query, listener) {
                    let _ = q.remove_event_listener_with_callback("change", callback.as_ref().unchecked_ref());
                }
            }
        });
    }
    *dark
}

/// An element's CSS size in whole pixels and the device pixel ratio.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Size {
    /// CSS width.
    pub width: u32,
    /// CSS height.
    pub height: u32,
    /// `window.devicePixelRatio` when measured.
    pub ratio: f64,
}

fn measure(element: &Element) -> Size {
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    let ratio = if ratio.is_finite() && ratio > 0.0 { ratio } else { 1.0 };
    Size { width: element.client_width().max(0) as u32, height: element.client_height().max(0) as u32, ratio }
}

/// The size of the element behind `node`, updated by a `ResizeObserver`
/// (disconnected when the component goes away).
#[hook]
pub fn use_element_size(node: NodeRef) -> Size {
    let size = use_state_eq(Size::default);
    {
        let size = size.clone();
        use_effect_with(node, move |node| {
            let element = node.cast::<Element>();
            let observer = element.as_ref().and_then(|element| {
                size.set(measure(element));
                let watched = element.clone();
                let size = size.clone();
                // `use_state_eq`: an unchanged size does not re-render.
                let callback = Closure::<dyn FnMut()>::new(move || size.set(measure(&watched)));
                let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
                observer.observe(element);
                Some((observer, callback))
            });
            move || {
                if let Some((observer, _callback)) = observer {
                    observer.disconnect();
                }
            }
        });
    }
    *size
}

/// Moves the keyboard focus to the element with this id, if it exists.
pub fn focus(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}
