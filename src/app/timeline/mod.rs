//! The plan over time in the app: the edits a person makes with the
//! timeline editor ([`TimelineEdit`]) and the reducer step that applies
//! them to [`AppState`] (the one reducer in [`super::state`] calls it).
//! The phase arithmetic (split, add, move, remove, fit) is the engine's
//! [`funnel_engine::plan::edit`]; validation is the engine's too.
//!
//! Fields of a phase left blank carry over from the phase before (the
//! first phase: from the assumptions), exactly as in a version 2 file.
//! Typed text that is refused stays in its field with a message naming the
//! phase, the field and the allowed range; the plan keeps its last valid form.
//!
//! The editor itself is [`editor`].

pub mod editor;

use std::rc::Rc;

use super::state::{AppState, Draft, mc_start};
use funnel_engine::fields::{ChannelField, Field, SalesField};
use funnel_engine::format;
use funnel_engine::mix;
use funnel_engine::plan::{BudgetRamp, MAX_QUOTA, MAX_RAMP_WEEKS, Plan, PlannedScenario, Quota, QuotaUnit};

/// A field of the plan a person types into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlanField {
    /// Phase `i`'s label.
    Name(usize),
    /// Phase `i`'s last week (moves the start of the next phase).
    ToWeek(usize),
    /// Phase `i`'s budget per week (the start of a ramp, if it has one).
    Budget(usize),
    /// Phase `i`'s budget in its last week (blank: the same every week).
    BudgetTo(usize),
    /// Phase `i`'s reps on board.
    Reps(usize),
    /// Phase `i`'s share of channel `c`, in %.
    Share(usize, usize),
    /// Weeks a new rep needs to reach full speed.
    RampWeeks,
    /// Quota per rep per quarter (blank: none).
    Quota,
}

impl PlanField {
    /// The `id` of the field's input.
    pub fn id(self) -> String {
        match self {
            PlanField::Name(i) => format!("phase-{}-name", i + 1),
            PlanField::ToWeek(i) => format!("phase-{}-to", i + 1),
            PlanField::Budget(i) => format!("phase-{}-budget", i + 1),
            PlanField::BudgetTo(i) => format!("phase-{}-budget-to", i + 1),
            PlanField::Reps(i) => format!("phase-{}-reps", i + 1),
            PlanField::Share(i, c) => format!("phase-{}-share-{c}", i + 1),
            PlanField::RampWeeks => "plan-ramp-weeks".into(),
            PlanField::Quota => "plan-quota".into(),
        }
    }

    fn phase(self) -> Option<usize> {
        match self {
            PlanField::Name(i)
            | PlanField::ToWeek(i)
            | PlanField::Budget(i)
            | PlanField::BudgetTo(i)
            | PlanField::Reps(i)
            | PlanField::Share(i, _) => Some(i),
            PlanField::RampWeeks | PlanField::Quota => None,
        }
    }
}

/// One edit of the plan.
#[derive(Clone, Debug, PartialEq)]
pub enum TimelineEdit {
    /// Start a plan: one phase over the horizon that changes nothing.
    Start,
    /// Drop the plan: every week the same again.
    Clear,
    /// Split phase `phase` so a new phase starts in week `at`.
    Split {
        /// Phase index.
        phase: usize,
        /// First week of the new phase.
        at: u32,
    },
    /// A new phase over weeks `from..=to` (dragged on the track), ending
    /// where it started what it sets.
    Add {
        /// One end of the drag.
        from: u32,
        /// The other end.
        to: u32,
    },
    /// Move the end of phase `phase` to `to_week` (dragging a boundary);
    /// onto a neighbour's far end removes a phase.
    MoveEnd {
        /// Phase index.
        phase: usize,
        /// Its new last week.
        to_week: u32,
    },
    /// Remove phase `phase`; a neighbour takes its weeks.
    Remove(usize),
    /// Phase `phase` uses the mix of the phase before again.
    CarryShares(usize),
    /// Count the quota in deals or in revenue.
    QuotaUnit(QuotaUnit),
    /// Adopt a whole plan (a flighted budget from the Plan pane, or an
    /// undo); `None` drops the plan. A plan that does not fit the scenario
    /// is ignored.
    Adopt(Option<Box<Plan>>),
    /// Text typed into a field.
    Text {
        /// Which field.
        field: PlanField,
        /// What was typed.
        text: String,
    },
}

impl AppState {
    /// Applies a timeline edit: to a copy of the plan, kept only if the
    /// scenario with it validates.
    pub(super) fn timeline(mut self, edit: TimelineEdit) -> Self {
        let weeks = self.scenario.weeks;
        let mut plan = self.plan.as_deref().cloned().unwrap_or_else(|| Plan::single(weeks));
        let structural = !matches!(edit, TimelineEdit::Text { .. } | TimelineEdit::QuotaUnit(_));
        let outcome = match edit {
            TimelineEdit::Start if self.plan.is_some() => return self,
            TimelineEdit::Start => Ok(()),
            TimelineEdit::Clear => {
                self.plan_drafts.clear();
                return self.set_plan(None);
            }
            TimelineEdit::Split { phase, at } => plan.split(phase, at).map_err(|e| e.to_string()),
            TimelineEdit::Add { from, to } => plan.add(&self.scenario, from, to).map(|_| ()).map_err(|e| e.to_string()),
            TimelineEdit::MoveEnd { phase, to_week } => plan.move_boundary(phase, to_week).map_err(|e| e.to_string()),
            TimelineEdit::Remove(phase) => plan.remove(phase).map_err(|e| e.to_string()),
            TimelineEdit::CarryShares(phase) => {
                if let Some(p) = plan.phases.get_mut(phase) {
                    p.shares = None;
                }
                self.plan_drafts.retain(|f, _| !matches!(f, PlanField::Share(i, _) if *i == phase));
                Ok(())
            }
            TimelineEdit::QuotaUnit(unit) => {
                let per_rep = plan.quota.map_or(0.0, |q| q.per_rep_per_quarter);
                plan.quota = Some(Quota { per_rep_per_quarter: per_rep, unit });
                Ok(())
            }
            TimelineEdit::Adopt(next) => {
                let fits = next.as_deref().is_none_or(|p| {
                    PlannedScenario { scenario: (*self.scenario).clone(), plan: Some(p.clone()) }.validate().is_ok()
                });
                if !fits {
                    return self;
                }
                self.plan_drafts.clear();
                return self.set_plan(next.map(|p| *p));
            }
            TimelineEdit::Text { field, text } => return self.typed(plan, field, text),
        };
        if outcome.is_err() {
            // The editor only offers edits that fit; a refused one changes nothing.
            return self;
        }
        if structural {
            // Phase numbers moved: typed texts no longer belong to their phase.
            self.plan_drafts.clear();
        }
        self.set_plan(Some(plan))
    }

    /// Text typed into a plan field: parsed, applied to `plan`, validated.
    fn typed(mut self, mut plan: Plan, field: PlanField, text: String) -> Self {
        let draft = |error: Option<String>| Draft { text: text.clone(), error };
        let applied = apply_text(&self.scenario, &mut plan, field, &text).and_then(|()| {
            let planned = PlannedScenario { scenario: (*self.scenario).clone(), plan: Some(plan.clone()) };
            planned.validate().map_err(|e| {
                let errors = e.field_errors();
                let mine = errors
                    .iter()
                    .find(|fe| field.phase().is_none_or(|i| fe.field.starts_with(&format!("plan.phases[{i}]"))));
                let first =
                    mine.or(errors.first()).map_or_else(|| e.to_string(), |fe| format!("{}: {}", fe.field, fe.message));
                format!("{} was not applied: {first}", where_(field))
            })
        });
        match applied {
            Ok(()) => {
                self.plan_drafts.insert(field, draft(None));
                if matches!(field, PlanField::Share(..)) {
                    // Every share of the phase moved: other typed shares are stale.
                    self.plan_drafts.retain(|f, _| {
                        !matches!(f, PlanField::Share(i, _) if Some(*i) == field.phase()) || *f == field
                    });
                }
                self.set_plan(Some(plan))
            }
            Err(message) => {
                self.plan_drafts.insert(field, draft(Some(message)));
                self
            }
        }
    }

    /// Makes `plan` (valid) the plan; a new generation starts the runs again.
    fn set_plan(mut self, plan: Option<Plan>) -> Self {
        if self.plan.as_deref() == plan.as_ref() {
            return self;
        }
        self.plan = plan.map(Rc::new);
        self.generation += 1;
        self.mc = mc_start(&self.scenario);
        self.mc_partial = None;
        self
    }

    /// The message of a refused plan field, if any.
    pub fn plan_error(&self, field: PlanField) -> Option<&str> {
        self.plan_drafts.get(&field).and_then(|d| d.error.as_deref())
    }
}

/// "Phase 2 budget per week", "Ramp-up": where a message is about.
fn where_(field: PlanField) -> String {
    let what = match field {
        PlanField::Name(_) => "name",
        PlanField::ToWeek(_) => "last week",
        PlanField::Budget(_) => "budget per week",
        PlanField::BudgetTo(_) => "budget in the last week",
        PlanField::Reps(_) => "reps",
        PlanField::Share(..) => "channel share",
        PlanField::RampWeeks => return "Ramp-up weeks".into(),
        PlanField::Quota => return "Quota per rep per quarter".into(),
    };
    format!("Phase {} {what}", field.phase().map_or(0, |i| i + 1))
}

/// A number within `[lo, hi]` (whole if asked), or the message saying so.
fn number(text: &str, what: &str, lo: f64, hi: f64, whole: bool) -> Result<f64, String> {
    let cleaned: String = text.chars().filter(|c| !matches!(c, ',' | '$' | '%' | ' ' | '_')).collect();
    let kind = if whole { "a whole number" } else { "a number" };
    match cleaned.parse::<f64>() {
        Ok(v) if v.is_finite() && (lo..=hi).contains(&v) && (!whole || v.fract() == 0.0) => Ok(v),
        _ => Err(format!("{what} must be {kind} from {} to {}", format::grouped(lo), format::grouped(hi))),
    }
}

/// A main field's parse (same units and range as its slider), named by phase.
fn parsed(field: Field, text: &str, scenario: &funnel_engine::Scenario, at: PlanField) -> Result<f64, String> {
    field.parse(text, scenario).map_err(|e| format!("{}: {e}", where_(at)))
}

/// Writes typed text into a copy of the plan (the caller validates).
fn apply_text(scenario: &funnel_engine::Scenario, plan: &mut Plan, field: PlanField, text: &str) -> Result<(), String> {
    let blank = text.trim().is_empty();
    let weeks = scenario.weeks;
    if let Some(i) = field.phase()
        && i >= plan.phases.len()
    {
        return Err(format!("{}: there is no such phase any more", where_(field)));
    }
    match field {
        PlanField::Name(i) => plan.phases[i].name = text.trim().chars().take(60).collect(),
        PlanField::ToWeek(i) => {
            let last = i + 1 == plan.phases.len();
            let from = plan.phases[i].from_week;
            if last {
                return Err(format!("{}: the last phase ends with the horizon (week {weeks})", where_(field)));
            }
            let next_end = plan.phases[i + 1].to_week;
            let w = number(text, &where_(field), f64::from(from), f64::from(next_end.saturating_sub(1)), true)?;
            plan.move_boundary(i, w as u32).map_err(|e| e.to_string())?;
        }
        PlanField::Budget(i) | PlanField::BudgetTo(i) => {
            let p = &mut plan.phases[i];
            let value = if blank { None } else { Some(parsed(Field::BudgetPerWeek, text, scenario, field)?) };
            let from = p.budget_per_week.or(p.budget_ramp.map(|r| r.from));
            let to = p.budget_ramp.map(|r| r.to);
            let (from, to) = if matches!(field, PlanField::Budget(_)) { (value, to) } else { (from, value) };
            match (from, to) {
                (Some(from), Some(to)) => {
                    p.budget_per_week = None;
                    p.budget_ramp = Some(BudgetRamp { from, to });
                }
                (Some(from), None) => {
                    p.budget_ramp = None;
                    p.budget_per_week = Some(from);
                }
                (None, Some(_)) => {
                    return Err(format!(
                        "Phase {} budget in the last week needs a budget per week to ramp from",
                        i + 1
                    ));
                }
                (None, None) => {
                    p.budget_ramp = None;
                    p.budget_per_week = None;
                }
            }
        }
        PlanField::Reps(i) => {
            plan.phases[i].reps =
                if blank { None } else { Some(parsed(Field::Sales(SalesField::Reps), text, scenario, field)?) };
        }
        PlanField::Share(i, c) => {
            let k = scenario.channels.len();
            if c >= k {
                return Err(format!("{}: there is no channel {}", where_(field), c + 1));
            }
            let percent = parsed(Field::Channel(c, ChannelField::Share), text, scenario, field)?;
            // The phase's mix as it stands (its own, or carried over), then
            // the others move in proportion so the shares still sum to 100 %.
            let schedule = PlannedScenario { scenario: scenario.clone(), plan: Some(plan.clone()) }.schedule();
            let t = (plan.phases[i].from_week as usize).saturating_sub(1);
            let mut shares: Vec<f64> =
                schedule.shares.get(t * k..(t + 1) * k).map(<[f64]>::to_vec).unwrap_or_else(|| vec![0.0; k]);
            mix::set_share(&mut shares, &vec![false; k], &vec![true; k], c, percent / 100.0);
            plan.phases[i].shares = Some(
                scenario
                    .channels
                    .iter()
                    .zip(&shares)
                    .filter(|(_, v)| **v > 0.0)
                    .map(|(ch, v)| (ch.name.clone(), *v))
                    .collect(),
            );
        }
        PlanField::RampWeeks => {
            plan.ramp_weeks =
                if blank { 0 } else { number(text, "Ramp-up weeks", 0.0, f64::from(MAX_RAMP_WEEKS), true)? as u32 };
        }
        PlanField::Quota => {
            plan.quota = if blank {
                None
            } else {
                let unit = plan.quota.map_or(QuotaUnit::Deals, |q| q.unit);
                Some(Quota {
                    per_rep_per_quarter: number(text, "Quota per rep per quarter", 0.0, MAX_QUOTA, false)?,
                    unit,
                })
            };
        }
    }
    Ok(())
}
