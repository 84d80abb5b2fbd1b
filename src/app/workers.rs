//! Monte Carlo on dedicated Web Workers, so the page's main thread only
//! renders.
//!
//! One pool per page, started on the first Monte Carlo job: one worker per
//! core less one (at least 1, at most [`MAX_WORKERS`]), each its own wasm
//! instance (`crates/worker`, built by Trunk as `data-type="worker"`, so its
//! wasm is not part of the first load). Plain workers: no SharedArrayBuffer,
//! no cross-origin isolation, so any static host and the embed iframe work.
//!
//! The page hands out chunks of runs, keeping [`IN_FLIGHT`] queued at each
//! worker so none waits while the page draws, and merges the chunks that come back with the engine's
//! [`McMerge`], in chunk order, so the result is bit-identical to one
//! thread's. A changed input cancels the job at once: chunks of an old job
//! are dropped when they arrive, and no worker gets another one. If the
//! workers cannot start (no Worker support, a script that fails or does not
//! arrive within [`START_TIMEOUT_MS`]), the job runs in slices on the page
//! instead and the status line says why.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use funnel_engine::chunks::{McChunk, McMerge, McPlan, SampleRows};
use funnel_engine::plan::PlannedScenario;
use funnel_engine::simulate::McOutcome;
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker};

/// Most workers started, whatever the core count.
pub const MAX_WORKERS: usize = 8;

/// The worker's loader script, next to index.html (Trunk's loader shim).
pub const WORKER_URL: &str = "./funnel-lab-worker_loader.js";

/// How long the workers may take to load before the page gives up on them
/// (a script that never arrives raises no error event).
pub const START_TIMEOUT_MS: u32 = 10_000;

/// Chunks a worker holds at once: while the page handles one result (and
/// draws interim bands), the worker already runs the next, so it never
/// waits on the main thread. A changed input wastes at most this many
/// chunks of a worker's time (about 10 ms each).
const IN_FLIGHT: usize = 2;

/// Shortest time between two interim results (the runs merged so far, for
/// bands that refine while the rest run), in ms.
pub const REFINE_MS: f64 = 150.0;

/// What a job reports, in this order: progress (any number of times), then
/// either the merged runs or the reason the workers gave up.
pub enum PoolEvent {
    /// Runs merged so far and runs in all, and at most every [`REFINE_MS`]
    /// the runs merged so far themselves.
    Progress(usize, usize, Option<McOutcome>),
    /// Every run is in.
    Finished(McOutcome),
    /// The workers failed (could not load, or refused the job): run it on
    /// the page instead. The text says why, for the status line.
    Unavailable(String),
}

/// A submitted job; dropping it cancels the job.
pub struct JobHandle {
    id: u64,
}

impl Drop for JobHandle {
    fn drop(&mut self) {
        with_pool(|pool| {
            if let Some(pool) = pool {
                let mut p = pool.borrow_mut();
                if p.job.as_ref().is_some_and(|j| j.id == self.id) {
                    p.job = None;
                }
            }
        });
    }
}

type Listener = Rc<dyn Fn(PoolEvent)>;

struct Slot {
    worker: Worker,
    ready: bool,
    /// Chunks posted to it and not answered yet (at most [`IN_FLIGHT`]).
    in_flight: usize,
    // Kept for as long as the worker: dropping them would detach the handlers.
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

struct Job {
    id: u64,
    json: String,
    chunks: usize,
    next_chunk: usize,
    merge: McMerge,
    listener: Listener,
    /// When the job started or last handed out an interim result (ms).
    refined_at: f64,
}

#[derive(Default)]
struct Pool {
    slots: Vec<Slot>,
    job: Option<Job>,
    next_id: u64,
    /// Set once the workers failed; every later job runs on the page.
    broken: Option<String>,
    /// Gives up on the workers if none is ready in time; dropped when one is.
    start_timer: Option<super::browser::Timeout>,
}

thread_local! {
    static POOL: RefCell<Option<Rc<RefCell<Pool>>>> = const { RefCell::new(None) };
}

fn with_pool<T>(f: impl FnOnce(Option<&Rc<RefCell<Pool>>>) -> T) -> T {
    POOL.with_borrow(|p| f(p.as_ref()))
}

/// How many workers this device gets: cores less one, within
/// 1..=MAX_WORKERS. The address may ask for a number (`?workers=3`, for
/// tests and for trying a slower or faster set-up); it is kept in range.
pub fn worker_count() -> usize {
    let window = web_sys::window();
    let asked = window
        .as_ref()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| super::embed_params::query_value(&q, "workers"))
        .and_then(|v| v.parse::<usize>().ok());
    let cores = window.map_or(2.0, |w| w.navigator().hardware_concurrency());
    let cores = if cores.is_finite() && cores >= 1.0 { cores as usize } else { 2 };
    asked.unwrap_or(cores.saturating_sub(1)).clamp(1, MAX_WORKERS)
}

/// Workers started so far (0 before the first job or when they failed).
pub fn running_workers() -> usize {
    with_pool(|p| p.map_or(0, |p| if p.borrow().broken.is_some() { 0 } else { p.borrow().slots.len() }))
}

/// Starts `scenario`'s Monte Carlo runs on the workers, replacing any job
/// they had. `Err` (with the reason) when workers cannot be used here; the
/// caller then runs the job on the page.
pub fn submit(scenario: &PlannedScenario, listener: impl Fn(PoolEvent) + 'static) -> Result<JobHandle, String> {
    let pool = pool()?;
    let plan = McPlan::planned(scenario, SampleRows::Total);
    let id = {
        let mut p = pool.borrow_mut();
        if let Some(reason) = &p.broken {
            return Err(reason.clone());
        }
        p.next_id += 1;
        let id = p.next_id;
        p.job = Some(Job {
            id,
            json: scenario.to_json(),
            chunks: plan.chunk_count(),
            next_chunk: 0,
            merge: plan.merger(),
            listener: Rc::new(listener),
            refined_at: super::browser::now_ms(),
        });
        id
    };
    feed(&pool);
    Ok(JobHandle { id })
}

fn pool() -> Result<Rc<RefCell<Pool>>, String> {
    if let Some(pool) = with_pool(|p| p.cloned()) {
        return Ok(pool);
    }
    let pool = Rc::new(RefCell::new(Pool::default()));
    for index in 0..worker_count() {
        let slot = start_worker(Rc::downgrade(&pool), index)?;
        pool.borrow_mut().slots.push(slot);
    }
    let weak = Rc::downgrade(&pool);
    let timer = super::browser::Timeout::new(START_TIMEOUT_MS, move || {
        if let Some(pool) = weak.upgrade() {
            let none_ready = pool.borrow().slots.iter().all(|s| !s.ready);
            if none_ready {
                fail(&pool, format!("the Monte Carlo workers did not start within {} s", START_TIMEOUT_MS / 1000));
            }
        }
    });
    pool.borrow_mut().start_timer = Some(timer);
    POOL.with_borrow_mut(|p| *p = Some(pool.clone()));
    Ok(pool)
}

fn start_worker(pool: Weak<RefCell<Pool>>, index: usize) -> Result<Slot, String> {
    let worker = Worker::new(WORKER_URL).map_err(|e| format!("Web Workers are not available here ({e:?})"))?;
    let on_message = {
        let pool = pool.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let Some(pool) = pool.upgrade() {
                on_message(&pool, index, &e.data());
            }
        })
    };
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if let Some(pool) = pool.upgrade() {
            fail(&pool, "the Monte Carlo workers could not start".into());
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Slot { worker, ready: false, in_flight: 0, _on_message: on_message, _on_error: on_error })
}

fn field(data: &JsValue, name: &str) -> JsValue {
    Reflect::get(data, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn on_message(pool: &Rc<RefCell<Pool>>, index: usize, data: &JsValue) {
    if field(data, "ready").is_truthy() {
        let timer = {
            let mut p = pool.borrow_mut();
            if let Some(slot) = p.slots.get_mut(index) {
                slot.ready = true;
            }
            p.start_timer.take()
        };
        // Dropped outside the borrow: it is a browser timer, nothing re-enters.
        drop(timer);
        feed(pool);
        return;
    }
    if let Some(slot) = pool.borrow_mut().slots.get_mut(index) {
        slot.in_flight = slot.in_flight.saturating_sub(1);
    }
    let job = field(data, "job").as_f64().map(|j| j as u64);
    if let Some(message) = field(data, "error").as_string() {
        let current = pool.borrow().job.as_ref().map(|j| j.id);
        if job == current {
            fail(pool, format!("a Monte Carlo worker refused the job: {message}"));
        }
        return;
    }
    let bytes = field(data, "chunk").dyn_into::<Uint8Array>().map(|a| a.to_vec());
    // Work out what to report while the pool is borrowed; report after, as
    // a listener may start or cancel a job.
    let event = {
        let mut p = pool.borrow_mut();
        match (p.job.as_mut(), bytes) {
            (Some(j), Ok(bytes)) if Some(j.id) == job => {
                match McChunk::from_bytes(&bytes)
                    .map_err(|e| e.to_string())
                    .and_then(|c| j.merge.add(c).map_err(|e| e.to_string()))
                {
                    Ok(()) if j.merge.is_done() => {
                        let Some(done) = p.job.take() else { return };
                        Some((done.listener, PoolEvent::Finished(done.merge.finish())))
                    }
                    Ok(()) => {
                        let now = super::browser::now_ms();
                        let snapshot = (now - j.refined_at >= REFINE_MS).then(|| {
                            j.refined_at = now;
                            j.merge.snapshot()
                        });
                        Some((
                            j.listener.clone(),
                            PoolEvent::Progress(j.merge.done_runs(), j.merge.total_runs(), snapshot),
                        ))
                    }
                    Err(message) => {
                        drop(p);
                        fail(pool, message);
                        return;
                    }
                }
            }
            _ => None, // a stale job's chunk, or nothing running
        }
    };
    feed(pool);
    if let Some((listener, event)) = event {
        listener(event);
    }
}

/// Gives every ready worker the next chunks of the current job, up to
/// [`IN_FLIGHT`] each.
fn feed(pool: &Rc<RefCell<Pool>>) {
    let mut p = pool.borrow_mut();
    let Pool { slots, job, .. } = &mut *p;
    let Some(job) = job.as_mut() else { return };
    for slot in slots.iter_mut().filter(|s| s.ready) {
        while slot.in_flight < IN_FLIGHT && job.next_chunk < job.chunks {
            if !post_chunk(slot, job) {
                return;
            }
        }
    }
}

/// Posts the job's next chunk to a worker; false if the browser refused.
fn post_chunk(slot: &mut Slot, job: &mut Job) -> bool {
    let message = Object::new();
    let set = |k: &str, v: &JsValue| Reflect::set(&message, &JsValue::from_str(k), v).is_ok();
    let ok = set("job", &JsValue::from_f64(job.id as f64))
        && set("scenario", &JsValue::from_str(&job.json))
        && set("rows", &JsValue::from_str("total"))
        && set("chunk", &JsValue::from_f64(job.next_chunk as f64));
    if ok && slot.worker.post_message(&message).is_ok() {
        slot.in_flight += 1;
        job.next_chunk += 1;
        return true;
    }
    false
}

/// The workers are unusable: stop them, and tell the current job to run on
/// the page.
fn fail(pool: &Rc<RefCell<Pool>>, reason: String) {
    let job = {
        let mut p = pool.borrow_mut();
        p.broken = Some(reason.clone());
        for slot in &p.slots {
            slot.worker.terminate();
        }
        p.job.take()
    };
    if let Some(job) = job {
        (job.listener)(PoolEvent::Unavailable(reason));
    }
}
