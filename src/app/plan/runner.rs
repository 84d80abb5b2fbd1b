//! Runs the Plan pane's jobs (optimise, goal seek, sensitivity, Monte Carlo
//! comparison) off the main thread: on one dedicated Web Worker — the
//! Monte Carlo worker's wasm, started on the first job — so the page keeps
//! rendering while the engine searches. One job at a time: a new job
//! replaces one still waiting, and the answer to a job nobody waits for any
//! more is dropped. If the worker cannot start (no Worker support, a script
//! that fails, or none ready within [`START_TIMEOUT_MS`]), every job gets an
//! error reply saying why, and pointing to the command line, which has the
//! same tools. (Running them on the page would put the whole optimiser in
//! the first load, for browsers that all have workers.)

use std::cell::RefCell;
use std::collections::VecDeque;

use funnel_engine::decide::request::{self, Reply, Request};
use js_sys::{Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker};

use super::super::browser::{Timeout, now_ms};
use super::super::workers::{START_TIMEOUT_MS, WORKER_URL};
use yew::Callback;

/// Where a job ran.
#[derive(Clone, Debug, PartialEq)]
pub enum Ran {
    /// On the decision worker.
    Worker,
    /// Not run: the worker is unavailable, and why.
    Nowhere(String),
}

/// A finished job: its reply, where it ran, and how long it took (ms).
#[derive(Clone, Debug, PartialEq)]
pub struct Done {
    /// The answer or the error message.
    pub reply: Reply,
    /// Where it ran.
    pub ran: Ran,
    /// Wall time from submitting to the answer, in milliseconds.
    pub millis: f64,
}

/// A submitted job; dropping it means nobody waits for the answer (a job
/// still queued is dropped, one running is left to finish unheard).
pub struct Ticket {
    id: u64,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        DECIDER.with_borrow_mut(|d| {
            if let Some(d) = d.as_mut() {
                d.waiting.retain(|w| w.id != self.id);
                if let Some(r) = d.running.as_mut().filter(|r| r.id == self.id) {
                    r.on_done = None;
                }
            }
        });
    }
}

struct Job {
    id: u64,
    text: String,
    started: f64,
    on_done: Option<Callback<Done>>,
}

#[derive(Default)]
struct Decider {
    worker: Option<Worker>,
    ready: bool,
    /// Why the worker is not used (set once it failed).
    failed: Option<String>,
    running: Option<Job>,
    waiting: VecDeque<Job>,
    next_id: u64,
    _on_message: Option<Closure<dyn FnMut(MessageEvent)>>,
    _on_error: Option<Closure<dyn FnMut(web_sys::Event)>>,
    start_timer: Option<Timeout>,
    refuse_timer: Option<Timeout>,
}

thread_local! {
    static DECIDER: RefCell<Option<Decider>> = const { RefCell::new(None) };
}

/// Submits `request`; `on_done` gets the answer (unless the ticket is dropped first).
pub fn submit(request: &Request, on_done: Callback<Done>) -> Ticket {
    let text = request::to_json(request);
    let id = DECIDER.with_borrow_mut(|d| {
        let d = d.get_or_insert_with(start);
        d.next_id += 1;
        let id = d.next_id;
        d.waiting.push_back(Job { id, text, started: now_ms(), on_done: Some(on_done) });
        id
    });
    pump();
    Ticket { id }
}

fn start() -> Decider {
    let mut d = Decider::default();
    let worker = match Worker::new(WORKER_URL) {
        Ok(w) => w,
        Err(e) => {
            d.failed = Some(format!("Web Workers are not available here ({e:?})"));
            return d;
        }
    };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| on_message(&e.data()));
    let on_error =
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_| fail("the decision worker could not start".into()));
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    d.worker = Some(worker);
    d._on_message = Some(on_message);
    d._on_error = Some(on_error);
    d.start_timer = Some(Timeout::new(START_TIMEOUT_MS, || {
        let late = DECIDER.with_borrow(|d| d.as_ref().is_some_and(|d| !d.ready && d.failed.is_none()));
        if late {
            fail(format!("the decision worker did not start within {} s", START_TIMEOUT_MS / 1000));
        }
    }));
    d
}

fn field(data: &JsValue, name: &str) -> JsValue {
    Reflect::get(data, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn on_message(data: &JsValue) {
    if field(data, "ready").is_truthy() {
        let timer = DECIDER.with_borrow_mut(|d| {
            let d = d.as_mut()?;
            d.ready = true;
            d.start_timer.take()
        });
        drop(timer);
        pump();
        return;
    }
    let Some(text) = field(data, "answer").as_string() else { return };
    let job_id = field(data, "job").as_f64().map(|j| j as u64);
    let finished = DECIDER.with_borrow_mut(|d| {
        let d = d.as_mut()?;
        if d.running.as_ref().map(|r| r.id) != job_id {
            return None;
        }
        d.running.take()
    });
    if let Some(job) = finished {
        deliver(job, request::read_reply(&text), Ran::Worker);
    }
    pump();
}

/// The worker is unusable: every job from now on gets an error reply.
fn fail(reason: String) {
    let timer = DECIDER.with_borrow_mut(|d| {
        let d = d.as_mut()?;
        if d.failed.is_none() {
            d.failed = Some(reason);
        }
        if let Some(w) = d.worker.take() {
            w.terminate();
        }
        d.ready = false;
        // A job in flight on the dead worker is answered with the error too.
        if let Some(job) = d.running.take() {
            d.waiting.push_front(job);
        }
        d.start_timer.take()
    });
    drop(timer);
    pump();
}

/// Starts the next waiting job if nothing runs: on the worker once it is
/// ready; once the worker failed, the job is answered with the reason (in
/// a timer, outside the caller's event).
fn pump() {
    DECIDER.with_borrow_mut(|d| {
        let Some(d) = d.as_mut() else { return };
        if d.running.is_some() {
            return;
        }
        if d.failed.is_some() {
            let Some(job) = d.waiting.pop_front() else { return };
            let id = job.id;
            d.running = Some(job);
            d.refuse_timer = Some(Timeout::new(0, move || refuse(id)));
            return;
        }
        let (Some(worker), true) = (d.worker.as_ref(), d.ready) else { return };
        let Some(job) = d.waiting.pop_front() else { return };
        let message = Object::new();
        let _ = Reflect::set(&message, &JsValue::from_str("job"), &JsValue::from_f64(job.id as f64));
        let _ = Reflect::set(&message, &JsValue::from_str("decide"), &JsValue::from_str(&job.text));
        if worker.post_message(&message).is_err() {
            d.failed = Some("the decision worker refused the job".into());
            d.waiting.push_front(job);
            d.refuse_timer = Some(Timeout::new(0, pump));
            return;
        }
        d.running = Some(job);
    });
}

fn refuse(id: u64) {
    let taken = DECIDER.with_borrow_mut(|d| {
        let d = d.as_mut()?;
        let reason = d.failed.clone().unwrap_or_default();
        d.running.take_if(|r| r.id == id).map(|job| (job, reason))
    });
    if let Some((job, reason)) = taken {
        let reply = Err(format!(
            "the Plan tools run on a Web Worker, and {reason}. The command line has the same tools \
             (funnel-lab optimise, goal, sensitivity; see docs/cli.md)"
        ));
        deliver(job, reply, Ran::Nowhere(reason));
    }
    pump();
}

fn deliver(job: Job, reply: Reply, ran: Ran) {
    if let Some(on_done) = job.on_done {
        on_done.emit(Done { reply, ran, millis: now_ms() - job.started });
    }
}
