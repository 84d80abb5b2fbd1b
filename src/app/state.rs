//! The app's one state ([`AppState`]) and its pure reducer: every change a
//! person (or a timer, or the Monte Carlo job) makes is an [`Action`].
//! No storage, timers or DOM here: effects in the components do that and
//! dispatch actions.
//!
//! The scenario held here, with its plan over time, is always valid (the
//! engine's [`Scenario::validate`] and [`PlannedScenario::validate`] accept
//! it), so everything derived from it can run. Text a person typed that is
//! not (yet) acceptable is kept as a [`Draft`] with its message, shown in
//! the field, and does not reach the scenario or the plan. The plan's own
//! edits are the reducer step in [`super::timeline`].

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::Reducible;

use super::compare::Pinned;
pub use super::monte_carlo::{McResult, McStatus};
pub use super::timeline::{PlanField, TimelineEdit};
use funnel_engine::fields::{ChannelField, Field};
use funnel_engine::mix;
use funnel_engine::plan::{Plan, PlannedScenario};
use funnel_engine::{Mode, Scenario};

/// Text typed into a field, kept as typed, and why it is not applied (if it is not).
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// What the person typed.
    pub text: String,
    /// What is wrong with it; `None` when it was applied.
    pub error: Option<String>,
}

/// Where an edit came from: a typed number keeps the person's text in the
/// field; a slider shows the value it set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Typed into a number input.
    Typed,
    /// Moved a slider.
    Slider,
}

/// Which pane is in front. On a phone one pane shows at a time (tabs); on
/// a wide screen the assumptions stay beside whichever other pane is chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// The assumptions (controls).
    Assumptions,
    /// KPIs, funnel and charts.
    #[default]
    Results,
    /// Decision tools: optimiser, goal seek, sensitivity.
    Plan,
    /// Lessons and the glossary.
    Learn,
}

impl View {
    /// Every view, in tab order.
    pub const ALL: [View; 4] = [View::Assumptions, View::Results, View::Plan, View::Learn];

    /// The id used in element ids and classes (`tab-…`, `view-…`).
    pub fn id(self) -> &'static str {
        match self {
            View::Assumptions => "assumptions",
            View::Results => "results",
            View::Plan => "plan",
            View::Learn => "learn",
        }
    }

    /// The tab's label.
    pub fn label(self) -> &'static str {
        match self {
            View::Assumptions => "Assumptions",
            View::Results => "Results",
            View::Plan => "Plan",
            View::Learn => "Learn",
        }
    }
}

/// Everything that can change the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A field's new text (from a number input or a slider).
    Edit {
        /// Which field.
        field: Field,
        /// The text of the input.
        text: String,
        /// Which input.
        source: Source,
    },
    /// The person left a number input: show the applied value tidily.
    Commit(Field),
    /// Lock or unlock a channel's share.
    SetLocked(usize, bool),
    /// Switch a channel on or off.
    SetEnabled(usize, bool),
    /// Expected or Monte Carlo.
    SetMode(Mode),
    /// A new seed (the caller draws it: the reducer has no randomness).
    SetSeed(u64),
    /// Replace the whole scenario and its plan (presets, imports, links,
    /// storage). An invalid one is ignored: callers validate and show why first.
    Load(Box<PlannedScenario>),
    /// An edit of the plan over time (the timeline editor).
    Timeline(TimelineEdit),
    /// Adopt a plan from the Plan pane (or undo one): the same channels
    /// with new numbers. Locks, switches and the pinned A stay; an invalid
    /// plan, or one with other channels, is ignored.
    ApplyPlan(Box<Scenario>),
    /// Give the scenario a new name (saving it under a name); every number stays.
    Rename(String),
    /// Show the funnel as of this week (1-based); stops playback.
    Scrub(usize),
    /// Play or pause the week-by-week animation.
    TogglePlay,
    /// One animation step (from the playback timer).
    Tick,
    /// Monte Carlo progress of scenario version `generation`.
    McProgress {
        /// The scenario version the job was started for.
        generation: u64,
        /// Runs done.
        done: usize,
        /// Runs in all.
        total: usize,
    },
    /// The runs of scenario version `generation` finished so far,
    /// summarised: shown (bands included) until the whole result is in.
    McPartial {
        /// The scenario version the job was started for.
        generation: u64,
        /// The results of the runs so far.
        derived: Rc<super::outcomes::Derived>,
    },
    /// Monte Carlo result of scenario version `generation`.
    McDone {
        /// The scenario version the job was started for.
        generation: u64,
        /// The result.
        result: McResult,
    },
    /// Bring a pane to the front.
    Show(View),
    /// Pin the current scenario and its results as "A" (compare).
    PinA,
    /// End the comparison.
    UnpinA,
    /// Monte Carlo result of A, pinned at state generation `generation`.
    PinnedMcDone {
        /// The generation A was pinned at.
        generation: u64,
        /// The result.
        result: McResult,
    },
}

/// The whole state of the simulator.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The last valid scenario: everything shown is derived from it (and
    /// from `plan`).
    pub scenario: Rc<Scenario>,
    /// The plan over time (phases, ramp-up, quota), valid for `scenario`;
    /// `None`: every week is the same.
    pub plan: Option<Rc<Plan>>,
    /// Text typed into the plan's fields that is not applied, with why.
    pub plan_drafts: BTreeMap<PlanField, Draft>,
    /// Bumped whenever `scenario` changes; stale Monte Carlo reports carry an old one.
    pub generation: u64,
    /// Per channel: its share is locked.
    pub locked: Vec<bool>,
    /// Per channel: it is switched on.
    pub enabled: Vec<bool>,
    /// Per channel: the share it had when it was switched off (given back when switched on).
    pub remembered: Vec<f64>,
    /// Typed text per field that differs from (or is not yet) the applied value.
    pub drafts: BTreeMap<Field, Draft>,
    /// Week shown by the funnel and the markers, 1..=weeks.
    pub week: usize,
    /// Whether the week animation runs.
    pub playing: bool,
    /// Monte Carlo progress or result for `scenario`.
    pub mc: McStatus,
    /// While `mc` runs: the results of the runs finished so far, if any.
    pub mc_partial: Option<Rc<super::outcomes::Derived>>,
    /// The scenario pinned as "A" for comparison, if any.
    pub pinned: Option<Pinned>,
    /// The pane in front.
    pub view: View,
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new(funnel_engine::presets::default_scenario().into())
    }
}

impl AppState {
    /// A fresh state for a (valid) scenario and its plan.
    pub fn new(planned: PlannedScenario) -> Self {
        let PlannedScenario { scenario, plan } = planned;
        let n = scenario.channels.len();
        let mc = mc_start(&scenario);
        AppState {
            week: scenario.weeks as usize,
            remembered: scenario.channels.iter().map(|c| c.share).collect(),
            scenario: Rc::new(scenario),
            plan: plan.map(Rc::new),
            plan_drafts: BTreeMap::new(),
            generation: 0,
            locked: vec![false; n],
            enabled: vec![true; n],
            drafts: BTreeMap::new(),
            playing: false,
            mc,
            mc_partial: None,
            pinned: None,
            view: View::default(),
        }
    }

    /// The scenario with its plan: what is simulated, saved and linked.
    pub fn planned(&self) -> Rc<PlannedScenario> {
        Rc::new(PlannedScenario { scenario: (*self.scenario).clone(), plan: self.plan.as_deref().cloned() })
    }

    /// The error shown for a field, if its typed text was refused.
    pub fn error(&self, field: Field) -> Option<&str> {
        self.drafts.get(&field).and_then(|d| d.error.as_deref())
    }

    /// Every refused field and its message, in field order.
    pub fn errors(&self) -> impl Iterator<Item = (Field, &str)> {
        self.drafts.iter().filter_map(|(f, d)| d.error.as_deref().map(|e| (*f, e)))
    }

    /// Whether channel `i`'s switch may be turned off now.
    pub fn can_switch_off(&self, i: usize) -> bool {
        mix::can_switch_off(&self.shares(), &self.locked, &self.enabled, i)
    }

    fn shares(&self) -> Vec<f64> {
        self.scenario.channels.iter().map(|c| c.share).collect()
    }

    /// Applies one action.
    pub fn apply(mut self, action: Action) -> Self {
        match action {
            Action::Edit { field, text, source } => self.edit(field, text, source),
            Action::Commit(field) => {
                if self.drafts.get(&field).is_some_and(|d| d.error.is_none()) {
                    self.drafts.remove(&field);
                }
                self
            }
            Action::SetLocked(i, on) => {
                if let Some(l) = self.locked.get_mut(i) {
                    *l = on;
                }
                self
            }
            Action::SetEnabled(i, on) => self.switch(i, on),
            Action::SetMode(mode) => self.change(|s| s.simulation.mode = mode),
            Action::SetSeed(seed) => {
                self.drafts.remove(&Field::Seed);
                self.change(|s| s.simulation.seed = seed)
            }
            Action::Load(planned) => {
                if planned.validate().is_err() {
                    return self;
                }
                let generation = self.generation + 1;
                // A pinned scenario stays: compare it with the one loaded; so
                // does the pane in front.
                AppState { generation, pinned: self.pinned.take(), view: self.view, ..AppState::new(*planned) }
            }
            Action::Timeline(edit) => self.timeline(edit),
            Action::ApplyPlan(plan) => {
                let same_channels = plan.channels.len() == self.scenario.channels.len()
                    && plan.channels.iter().zip(&self.scenario.channels).all(|(a, b)| a.name == b.name);
                if !same_channels || plan.validate().is_err() {
                    return self;
                }
                self.drafts.clear();
                for ((r, c), on) in self.remembered.iter_mut().zip(&plan.channels).zip(&self.enabled) {
                    if *on {
                        *r = c.share;
                    }
                }
                self.commit(*plan)
            }
            Action::Rename(name) => self.change(|s| s.name = name),
            Action::Scrub(week) => {
                self.week = week.clamp(1, self.weeks());
                self.playing = false;
                self
            }
            Action::TogglePlay => {
                if !self.playing && self.week >= self.weeks() {
                    self.week = 1;
                }
                self.playing = !self.playing;
                self
            }
            Action::Tick => {
                if self.playing {
                    self.week = (self.week + 1).min(self.weeks());
                    self.playing = self.week < self.weeks();
                }
                self
            }
            Action::McProgress { generation, done, total } => {
                if generation == self.generation && matches!(self.mc, McStatus::Running { .. }) {
                    self.mc = McStatus::Running { done, total };
                }
                self
            }
            Action::McPartial { generation, derived } => {
                if generation == self.generation && matches!(self.mc, McStatus::Running { .. }) {
                    self.mc_partial = Some(derived);
                }
                self
            }
            Action::McDone { generation, result } => {
                self = self.pinned_mc_done(generation, &result);
                if generation == self.generation && self.scenario.simulation.mode == Mode::MonteCarlo {
                    self.mc = McStatus::Done(result);
                    self.mc_partial = None;
                }
                self
            }
            Action::Show(view) => {
                self.view = view;
                self
            }
            Action::PinA => self.pin(),
            Action::UnpinA => self.unpin(),
            Action::PinnedMcDone { generation, result } => self.pinned_mc_done(generation, &result),
        }
    }

    pub(super) fn weeks(&self) -> usize {
        (self.scenario.weeks as usize).max(1)
    }

    /// An edit of one field: parse, apply to a copy, validate, keep or refuse.
    fn edit(mut self, field: Field, text: String, source: Source) -> Self {
        let draft = |error: Option<String>| Draft { text: text.clone(), error };
        let value = match field.parse(&text, &self.scenario) {
            Ok(v) => v,
            Err(message) => {
                self.drafts.insert(field, draft(Some(message)));
                return self;
            }
        };
        let mut candidate = (*self.scenario).clone();
        let applied = match field {
            Field::Channel(i, ChannelField::Share) => {
                let mut shares = self.shares();
                mix::set_share(&mut shares, &self.locked, &self.enabled, i, value / 100.0);
                for (c, s) in candidate.channels.iter_mut().zip(&shares) {
                    c.share = *s;
                }
                // Every share slider moved: typed share texts are stale now.
                self.drafts.retain(|f, _| !matches!(f, Field::Channel(_, ChannelField::Share)));
                field.get(&candidate).is_some_and(|now| (now - value).abs() < 1e-9)
            }
            Field::Seed => {
                // `parse` accepted it as a u64 (ignoring separators); read it exactly.
                let digits: String = text.chars().filter(char::is_ascii_digit).collect();
                candidate.simulation.seed = digits.parse().unwrap_or(candidate.simulation.seed);
                true
            }
            _ => {
                field.set(&mut candidate, value);
                true
            }
        };
        match candidate.validate() {
            Ok(()) => {
                // A typed value that was applied as typed keeps the typed text (no
                // cursor jumps); a slider or a clamped value shows the value itself.
                if source == Source::Typed && applied {
                    self.drafts.insert(field, draft(None));
                } else {
                    self.drafts.remove(&field);
                }
                self.commit(candidate)
            }
            Err(e) => {
                let message = explain(field, &text, &self.scenario, e.field_errors());
                self.drafts.insert(field, draft(Some(message)));
                self
            }
        }
    }

    /// Switches a channel on or off through the mix rules.
    fn switch(mut self, i: usize, on: bool) -> Self {
        let mut shares = self.shares();
        let changed = if on {
            let wanted = self.remembered.get(i).copied().unwrap_or(0.0);
            mix::switch_on(&mut shares, &self.locked, &mut self.enabled, i, wanted)
        } else {
            if let Some(r) = self.remembered.get_mut(i) {
                *r = shares[i];
            }
            mix::switch_off(&mut shares, &self.locked, &mut self.enabled, i)
        };
        if !changed {
            return self;
        }
        self.drafts.retain(|f, _| !matches!(f, Field::Channel(_, ChannelField::Share)));
        self.change(|s| {
            for (c, share) in s.channels.iter_mut().zip(&shares) {
                c.share = *share;
            }
        })
    }

    /// Applies a change that keeps the scenario valid by construction.
    fn change(self, f: impl FnOnce(&mut Scenario)) -> Self {
        let mut candidate = (*self.scenario).clone();
        f(&mut candidate);
        if candidate.validate().is_err() {
            return self;
        }
        self.commit(candidate)
    }

    /// Makes `candidate` (valid) the scenario, then retries refused drafts:
    /// a cross-field rule broken before may hold now.
    fn commit(mut self, candidate: Scenario) -> Self {
        if candidate == *self.scenario {
            return self;
        }
        let weeks_before = self.weeks();
        if let Some(plan) = self.plan.as_mut().filter(|p| p.phases.last().map(|l| l.to_week) != Some(candidate.weeks)) {
            // The horizon changed: the phases follow it.
            Rc::make_mut(plan).fit(candidate.weeks);
            self.plan_drafts.clear();
        }
        self.scenario = Rc::new(candidate);
        self.generation += 1;
        let pending: Vec<(Field, String)> = self
            .drafts
            .iter()
            .filter(|(f, d)| d.error.is_some() && !matches!(f, Field::Channel(_, ChannelField::Share) | Field::Seed))
            .map(|(f, d)| (*f, d.text.clone()))
            .collect();
        for (field, text) in pending {
            let Ok(value) = field.parse(&text, &self.scenario) else { continue };
            let mut retry = (*self.scenario).clone();
            field.set(&mut retry, value);
            if field.get(&retry).is_some() && retry.validate().is_ok() {
                self.drafts.insert(field, Draft { text, error: None });
                self.scenario = Rc::new(retry);
            }
        }
        // Stay at the end of the horizon if the person was there.
        let weeks = self.weeks();
        self.week = if self.week >= weeks_before { weeks } else { self.week.clamp(1, weeks) };
        self.mc = mc_start(&self.scenario);
        self.mc_partial = None;
        self
    }
}

pub(super) fn mc_start(scenario: &Scenario) -> McStatus {
    match scenario.simulation.mode {
        Mode::Expected => McStatus::Off,
        Mode::MonteCarlo => McStatus::Running { done: 0, total: scenario.simulation.runs as usize },
    }
}

/// Rules quoted in full in a refusal message; more are counted.
const RULES_SHOWN: usize = 2;

/// The message for a value that parses but breaks a rule of the engine
/// (usually one linking two fields): names the field edited and the rules,
/// each by the label of the field it concerns.
fn explain(field: Field, text: &str, scenario: &Scenario, errors: &[funnel_engine::FieldError]) -> String {
    let label = field.label(scenario);
    let unit = field.spec().unit;
    let percent = if unit.suffix() == "%" { " %" } else { "" };
    let rules: Vec<String> = errors
        .iter()
        .map(|e| {
            let name = Field::from_path(scenario, &e.field).map_or_else(|| e.field.clone(), |f| f.label(scenario));
            format!("{name}: {} {}", e.field, e.message)
        })
        .collect();
    let mut why = rules.iter().take(RULES_SHOWN).cloned().collect::<Vec<_>>().join("; ");
    if rules.len() > RULES_SHOWN {
        why.push_str(&format!("; and {} more", rules.len() - RULES_SHOWN));
    }
    if why.is_empty() {
        why = "the scenario would be invalid".into();
    }
    format!("{label} {}{}{percent} was not applied: {why}", unit.prefix(), text.trim())
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Rc::unwrap_or_clone(self).apply(action))
    }
}
