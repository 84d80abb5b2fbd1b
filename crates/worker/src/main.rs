//! The Monte Carlo Web Worker: a thin shell over the engine's
//! [`ChunkRunner`]. It says `{ready: true}` once its wasm is running, then
//! answers every `{job, scenario, rows, chunk}` message with
//! `{job, chunk: Uint8Array}` (the chunk's bytes, transferred, not copied)
//! or `{job, error}`. The page decides which chunk each worker runs, so a
//! stale job costs at most the chunks already queued (two). A `{job, decide}` message (a
//! JSON decision-tool request, see `funnel_engine::decide::request`) is
//! answered with `{job, answer}` (the JSON reply): the page's Plan pane
//! runs its optimiser, goal seek and sensitivity on a worker of its own.

#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::RefCell;

    use funnel_engine::chunks::{ChunkRunner, SampleRows};
    use js_sys::{Array, Object, Reflect, Uint8Array};
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    thread_local! {
        static RUNNER: RefCell<ChunkRunner> = RefCell::new(ChunkRunner::default());
        // The handler lives as long as the worker: kept here, not leaked.
        static HANDLER: RefCell<Option<Closure<dyn FnMut(MessageEvent)>>> = const { RefCell::new(None) };
    }

    fn field(data: &JsValue, name: &str) -> JsValue {
        Reflect::get(data, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    }

    fn reply(scope: &DedicatedWorkerGlobalScope, pairs: &[(&str, &JsValue)], transfer: Option<&JsValue>) {
        let message = Object::new();
        for (name, value) in pairs {
            let _ = Reflect::set(&message, &JsValue::from_str(name), value);
        }
        let sent = match transfer {
            Some(buffer) => scope.post_message_with_transfer(&message, &Array::of1(buffer)),
            None => scope.post_message(&message),
        };
        if sent.is_err() {
            web_sys::console::warn_1(&JsValue::from_str("funnel-lab-worker: could not post a message"));
        }
    }

    fn on_message(scope: &DedicatedWorkerGlobalScope, event: MessageEvent) {
        let data = event.data();
        let job = field(&data, "job");
        if let Some(request) = field(&data, "decide").as_string() {
            let answer = funnel_engine::decide::request::answer_json(&request);
            reply(scope, &[("job", &job), ("answer", &JsValue::from_str(&answer))], None);
            return;
        }
        let scenario = field(&data, "scenario").as_string().unwrap_or_default();
        let rows = if field(&data, "rows").as_string().as_deref() == Some("all") {
            SampleRows::All
        } else {
            SampleRows::Total
        };
        let chunk = field(&data, "chunk").as_f64().filter(|c| *c >= 0.0 && c.fract() == 0.0);
        let (Some(job_id), Some(chunk)) = (job.as_f64(), chunk) else {
            reply(scope, &[("job", &job), ("error", &JsValue::from_str("a job needs a numeric job and chunk"))], None);
            return;
        };
        let result = RUNNER.with_borrow_mut(|runner| runner.run(job_id as u64, &scenario, rows, chunk as usize));
        match result {
            Ok(bytes) => {
                let array = Uint8Array::from(bytes.as_slice());
                let buffer = array.buffer();
                reply(scope, &[("job", &job), ("chunk", &array)], Some(&buffer));
            }
            Err(message) => reply(scope, &[("job", &job), ("error", &JsValue::from_str(&message))], None),
        }
    }

    /// Installs the message handler and tells the page the worker is ready.
    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let handler_scope = scope.clone();
        let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |e| on_message(&handler_scope, e));
        scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        HANDLER.with_borrow_mut(|h| *h = Some(handler));
        reply(&scope, &[("ready", &JsValue::TRUE)], None);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

/// The worker exists only in the browser.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("funnel-lab-worker is the browser app's Monte Carlo worker; it does nothing natively.");
    std::process::exit(2);
}
