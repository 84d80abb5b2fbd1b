//! Editing a plan's phases as a timeline editor does: split a phase, add a
//! phase over a range of weeks, move the boundary between two phases
//! (dragging a phase down to nothing removes it), remove a phase, and fit
//! the phases to a new horizon. Every edit keeps the phases consecutive
//! and covering weeks `1..=weeks`, so a valid plan stays valid.
//!
//! Splitting and adding never change what is simulated: the pieces
//! resolve to the same budget, shares and reps week by week as the phase
//! they came from (a budget ramp is cut into two ramps). Only the
//! settings a person then gives a piece change the numbers.

use super::{BudgetRamp, Phase, Plan, Schedule};
use crate::scenario::Scenario;

/// Why an edit was refused; the text names the phase (1-based) and the
/// weeks allowed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EditError(pub String);

fn refuse<T>(message: String) -> Result<T, EditError> {
    Err(EditError(message))
}

impl Plan {
    /// A plan of one phase over the whole horizon that sets nothing: it
    /// simulates exactly like the scenario without a plan.
    pub fn single(weeks: u32) -> Plan {
        Plan {
            phases: vec![Phase { from_week: 1, to_week: weeks.max(1), ..Phase::default() }],
            ramp_weeks: 0,
            quota: None,
        }
    }

    /// The phase (0-based) that holds `week`.
    pub fn phase_at(&self, week: u32) -> Option<usize> {
        self.phases.iter().position(|p| (p.from_week..=p.to_week).contains(&week))
    }

    /// Splits phase `index` so that a new phase starts in week `at`. The
    /// new phase carries everything over, so the numbers do not change.
    pub fn split(&mut self, index: usize, at: u32) -> Result<(), EditError> {
        let Some(p) = self.phases.get(index) else {
            return refuse(format!("there is no phase {} to split", index + 1));
        };
        if at <= p.from_week || at > p.to_week {
            return refuse(format!(
                "phase {} (weeks {}–{}) can only be split at a week in [{}, {}], got {at}",
                index + 1,
                p.from_week,
                p.to_week,
                p.from_week + 1,
                p.to_week.max(p.from_week + 1)
            ));
        }
        let mut first = p.clone();
        let mut second = Phase { name: String::new(), from_week: at, to_week: p.to_week, ..Phase::default() };
        first.to_week = at - 1;
        if let Some(r) = p.budget_ramp {
            // Week t of the ramp is from + (to − from) × (t − first) / (len − 1):
            // cut it into two ramps through the same weekly values.
            let len = f64::from(p.to_week - p.from_week);
            let value = |week: u32| {
                if len == 0.0 { r.from } else { r.from + (r.to - r.from) * f64::from(week - p.from_week) / len }
            };
            first.budget_ramp = Some(BudgetRamp { from: r.from, to: value(at - 1) });
            second.budget_ramp = Some(BudgetRamp { from: value(at), to: r.to });
        }
        self.phases[index] = first;
        self.phases.insert(index + 1, second);
        Ok(())
    }

    /// Adds a phase over weeks `from..=to`, inside the phase that holds
    /// `from` (a range reaching past that phase is cut at its end). The
    /// weeks after the new phase keep their numbers explicitly, so what is
    /// set on the new phase ends with it (a burst, not a step). Returns the
    /// index of the new phase.
    pub fn add(&mut self, scenario: &Scenario, from: u32, to: u32) -> Result<usize, EditError> {
        let (from, to) = (from.min(to), from.max(to));
        let Some(index) = self.phase_at(from) else {
            return refuse(format!("week {from} is outside the horizon (weeks 1–{})", scenario.weeks));
        };
        let to = to.min(self.phases[index].to_week);
        let mut new = index;
        if from > self.phases[index].from_week {
            self.split(index, from)?;
            new += 1;
        }
        if to < self.phases[new].to_week {
            let schedule = Schedule::new(scenario, Some(self));
            self.split(new, to + 1)?;
            pin(&mut self.phases[new + 1], scenario, &schedule);
        }
        Ok(new)
    }

    /// Moves the end of phase `index` (and the start of the next one) to
    /// week `to_week`. Moving it onto the start of phase `index` less one
    /// removes phase `index`; onto the end of the next phase removes that
    /// one. Weeks beyond those limits are refused.
    pub fn move_boundary(&mut self, index: usize, to_week: u32) -> Result<(), EditError> {
        if index + 1 >= self.phases.len() {
            return refuse(format!("phase {} has no boundary after it to move", index + 1));
        }
        let (start, next_end) = (self.phases[index].from_week, self.phases[index + 1].to_week);
        let lowest = start - 1;
        if to_week < lowest || to_week > next_end {
            return refuse(format!(
                "the end of phase {} must be a week in [{lowest}, {next_end}], got {to_week}",
                index + 1
            ));
        }
        if to_week == lowest {
            self.phases[index + 1].from_week = start;
            self.phases.remove(index);
        } else if to_week == next_end {
            self.phases[index].to_week = next_end;
            self.phases.remove(index + 1);
        } else {
            self.phases[index].to_week = to_week;
            self.phases[index + 1].from_week = to_week + 1;
        }
        Ok(())
    }

    /// Removes phase `index`; the phase before it (or, for the first, the
    /// one after it) takes over its weeks. The last phase cannot go.
    pub fn remove(&mut self, index: usize) -> Result<(), EditError> {
        if self.phases.len() <= 1 {
            return refuse("a plan keeps at least one phase (remove the plan instead)".into());
        }
        if index >= self.phases.len() {
            return refuse(format!("there is no phase {} to remove", index + 1));
        }
        let gone = self.phases.remove(index);
        if index == 0 {
            self.phases[0].from_week = gone.from_week;
        } else {
            self.phases[index - 1].to_week = gone.to_week;
        }
        Ok(())
    }

    /// Fits the phases to a horizon of `weeks`: phases starting after it
    /// go, the last one ends with it.
    pub fn fit(&mut self, weeks: u32) {
        let weeks = weeks.max(1);
        self.phases.retain(|p| p.from_week <= weeks);
        match self.phases.last_mut() {
            Some(last) => last.to_week = weeks,
            None => *self = Plan { phases: Plan::single(weeks).phases, ..self.clone() },
        }
    }
}

/// Sets everything `phase` leaves unset to the values the schedule gives
/// its first week, so it no longer depends on the phase before it.
fn pin(phase: &mut Phase, scenario: &Scenario, schedule: &Schedule) {
    let t = (phase.from_week as usize).saturating_sub(1).min(schedule.budget.len().saturating_sub(1));
    if phase.budget_per_week.is_none() && phase.budget_ramp.is_none() {
        phase.budget_per_week = schedule.budget.get(t).copied();
    }
    let k = schedule.channels;
    let row = schedule.shares.get(t * k..(t + 1) * k).unwrap_or_default();
    if phase.shares.is_none() && row.iter().sum::<f64>() > 0.0 {
        phase.shares = Some(
            scenario.channels.iter().zip(row).filter(|(_, v)| **v > 0.0).map(|(c, v)| (c.name.clone(), *v)).collect(),
        );
    }
    if phase.reps.is_none() {
        phase.reps = schedule.headcount.get(t).copied();
    }
}
