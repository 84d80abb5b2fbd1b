//! Playing a lesson in the app: what keeps a plan from counting (fields the
//! lesson does not let the learner change, dials outside their range),
//! feedback on a goal that is not met yet, the `?lesson=ID` address and the
//! learner's progress (the completed lessons, kept in the browser's storage
//! as a JSON list of ids). Pure, so the app only shows what this decides.

use std::collections::BTreeSet;

use super::goal::{Compare, ConditionStatus, GoalStatus};
use super::lessons::{LESSONS, Lesson, lesson};
use super::{kpi_label, kpi_text};
use crate::fields::{Field, Unit};
use crate::format;
use crate::kpi::Kpi;
use crate::scenario::Scenario;

/// The storage key of the learner's progress: a JSON list of the ids of
/// the lessons completed.
pub const PROGRESS_KEY: &str = "funnel-lab.learn.v1";

/// The query key of a lesson link (`?lesson=balance`).
pub const LESSON_KEY: &str = "lesson";

/// A value of `field` for people (`$16,000`, `30 %`, `7 reps`).
pub fn field_text(field: Field, value: f64) -> String {
    let unit = field.spec().unit;
    match unit {
        Unit::Money => format::money(value),
        _ => unit.bound((value * 1e6).round() / 1e6),
    }
}

/// Why `plan` does not count as an answer to `lesson`'s challenge, one
/// sentence per reason (empty: it counts). A dial outside the lesson's
/// range, or any other field changed from the lesson's start (the runs and
/// the seed are not business decisions and may change), breaks the rules.
pub fn breaches(lesson: &Lesson, plan: &Scenario) -> Vec<String> {
    let start = lesson.start();
    let mut out = Vec::new();
    if plan.channels.len() == start.channels.len() {
        for dial in lesson.dials {
            let label = dial.field.label(plan);
            match dial.field.get(plan) {
                Some(v) if v < dial.min - 1e-9 || v > dial.max + 1e-9 => out.push(format!(
                    "{label} is {}: this lesson allows {} to {}.",
                    field_text(dial.field, v),
                    field_text(dial.field, dial.min),
                    field_text(dial.field, dial.max)
                )),
                Some(_) => {}
                None => out.push(format!("{label} is missing from the plan.")),
            }
        }
    }
    out.extend(fixed_breaches(&start, plan, |f| lesson.allows(f), "lesson"));
    out
}

/// Fields of `plan` changed from `start` that `allowed` does not allow (the
/// runs and the seed always may change), one sentence each; a different
/// number of channels is one sentence on its own. `what` names the exercise
/// ("lesson", "challenge").
pub fn fixed_breaches(start: &Scenario, plan: &Scenario, allowed: impl Fn(Field) -> bool, what: &str) -> Vec<String> {
    let mut out = Vec::new();
    if plan.channels.len() != start.channels.len() {
        out.push(format!(
            "The plan has {} channels and the {what}'s start {}: start the challenge again.",
            plan.channels.len(),
            start.channels.len()
        ));
        return out;
    }
    for field in Field::all(start) {
        if allowed(field) || matches!(field, Field::Runs | Field::Seed) {
            continue;
        }
        let (was, now) = (field.get(start), field.get(plan));
        if !same_value(was, now) {
            let show = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| field_text(field, v));
            out.push(format!(
                "{} was changed from {} to {}: in this {what} only its dials may change.",
                field.label(plan),
                show(was),
                show(now)
            ));
        }
    }
    out
}

/// Whether two field values are the same (to rounding).
pub(crate) fn same_value(was: Option<f64>, now: Option<f64>) -> bool {
    match (was, now) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0),
        (None, None) => true,
        _ => false,
    }
}

/// What is missing for one condition, or `None` if it is met:
/// `Leads: 4,210, 1,090 short of the goal (≥ 5,300)`.
pub fn shortfall(status: &ConditionStatus) -> Option<String> {
    if status.met {
        return None;
    }
    let kpi = status.condition.kpi;
    let label = kpi_label(kpi);
    let symbol = status.condition.compare.symbol();
    let (Some(current), Some(target)) = (status.current, status.target) else {
        let target = status.target.map_or_else(|| "—".to_string(), |t| kpi_text(kpi, t));
        return Some(format!("{label}: no value for this plan, so the goal ({symbol} {target}) is not met."));
    };
    let gap = (target - current).abs();
    let gap_text = match kpi {
        Kpi::PaybackWeek => format!("{} weeks", format::grouped(gap)),
        _ => kpi_text(kpi, gap),
    };
    let side = match status.condition.compare {
        Compare::AtLeast => "short of",
        Compare::AtMost => "over",
    };
    Some(format!(
        "{label} is {}, {gap_text} {side} the goal ({symbol} {}).",
        kpi_text(kpi, current),
        kpi_text(kpi, target)
    ))
}

/// Feedback on a plan that does not meet the goal: the broken rules first,
/// then each condition that fails and by how much. Empty when the goal is
/// met and no rule is broken.
pub fn feedback(status: &GoalStatus, breaches: &[String]) -> Vec<String> {
    let mut out: Vec<String> = breaches.to_vec();
    out.extend(status.conditions.iter().filter_map(shortfall));
    if out.is_empty() && !status.met {
        out.push("The plan is not valid, so no goal can be met: check the assumptions.".into());
    }
    out
}

/// What a lesson link asks for.
#[derive(Clone, Copy, Debug)]
pub enum LessonLink<'a> {
    /// A lesson that exists.
    Known(&'static Lesson),
    /// An id no lesson has (as written in the address).
    Unknown(&'a str),
}

impl PartialEq for LessonLink<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (LessonLink::Known(a), LessonLink::Known(b)) => a.id == b.id,
            (LessonLink::Unknown(a), LessonLink::Unknown(b)) => a == b,
            _ => false,
        }
    }
}

/// The lesson asked for by the address's query (`?lesson=ID`, with or
/// without the leading `?`), if any.
pub fn lesson_link(query: &str) -> Option<LessonLink<'_>> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let value = query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == LESSON_KEY).then_some(value.trim())
    })?;
    Some(lesson(value).map_or(LessonLink::Unknown(value), LessonLink::Known))
}

/// The lesson after `id` in teaching order (`None` after the last).
pub fn next_lesson(id: &str) -> Option<&'static Lesson> {
    let at = LESSONS.iter().position(|l| l.id == id)?;
    LESSONS.get(at + 1)
}

/// Why stored progress could not be read.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("the stored lesson progress is not a JSON list of lesson ids ({0})")]
pub struct ProgressError(String);

/// Reads stored progress (`None`: nothing stored yet). Ids of lessons that
/// no longer exist are kept, so a newer version's progress is not lost.
pub fn parse_progress(text: Option<&str>) -> Result<BTreeSet<String>, ProgressError> {
    let Some(text) = text else { return Ok(BTreeSet::new()) };
    serde_json::from_str::<Vec<String>>(text).map(|v| v.into_iter().collect()).map_err(|e| ProgressError(e.to_string()))
}

/// Progress as stored: a JSON list of lesson ids.
pub fn progress_text(done: &BTreeSet<String>) -> String {
    serde_json::to_string(&done.iter().collect::<Vec<_>>()).unwrap_or_else(|_| "[]".into())
}
