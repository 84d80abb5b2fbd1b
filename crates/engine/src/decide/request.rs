//! One decision-tool job as data, so it can cross a thread or a Web Worker
//! boundary as JSON: the web app posts a [`Request`] to its decision
//! worker, which answers with [`answer_json`]; the page reads the
//! [`Answer`] back. The same function runs on the page when workers are
//! unavailable, so both paths give the same result.

use serde::{Deserialize, Serialize};

use super::flighting::{Flighted, FlightingSpec, flighting};
use super::hiring::{RepStart, rep_start_week};
use super::{
    DecideError, GoalResult, GoalSpec, McComparison, OptimiseSpec, Optimised, Range, SensitivityRow, compare_outcomes,
    goal_seek, kpi_by_name, optimise, sensitivity,
};
use crate::plan::PlannedScenario;
use crate::scenario::{Mode, Scenario};
use crate::simulate;

/// A job for the decision tools.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "tool", rename_all = "snake_case")]
pub enum Request {
    /// Optimise the plan.
    Optimise {
        /// The plan given.
        scenario: Scenario,
        /// What to optimise, within which bounds.
        spec: OptimiseSpec,
    },
    /// The cheapest plan that reaches a target.
    Goal {
        /// The plan given.
        scenario: Scenario,
        /// The target and what may change.
        spec: GoalSpec,
    },
    /// Every assumption moved down and up.
    Sensitivity {
        /// The plan given.
        scenario: Scenario,
        /// The KPI's name (`new_customers`, `cac`…).
        kpi: String,
        /// The relative move, in (0, 1).
        delta: f64,
    },
    /// A total budget shaped over the horizon's periods (flighting).
    Flight {
        /// The plan given (its plan over time, if any, is not used).
        scenario: Scenario,
        /// The objective, the periods, the total and the bounds.
        spec: FlightingSpec,
    },
    /// The latest week `extra_reps` new reps can start so the MQL backlog
    /// never exceeds `max_backlog`.
    Hire {
        /// The scenario with its plan over time (if any).
        #[serde(with = "crate::plan::planned_json")]
        planned: PlannedScenario,
        /// Reps hired.
        extra_reps: f64,
        /// The backlog limit.
        max_backlog: f64,
    },
    /// Two plans in Monte Carlo over the same runs (the first one's seed and
    /// runs), compared on one KPI.
    Compare {
        /// The plan before.
        before: Scenario,
        /// The plan after.
        after: Scenario,
        /// The KPI's name.
        kpi: String,
    },
}

/// The answer to a [`Request`], of the same kind. On the wire (the page's
/// decision worker and the page) it is externally tagged,
/// `{"optimise": {…}}`: an internally or adjacently tagged enum is read
/// through serde's buffered content, which doubles the reading code of
/// every answer type in the page's bundle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// From [`optimise`].
    Optimise(Box<Optimised>),
    /// From [`goal_seek`].
    Goal(Box<GoalResult>),
    /// From [`sensitivity`].
    Sensitivity(Vec<SensitivityRow>),
    /// From [`compare_outcomes`].
    Compare(McComparison),
    /// From [`flighting`].
    Flight(Box<Flighted>),
    /// From [`rep_start_week`].
    Hire(Box<RepStart>),
}

/// Runs one job (on the calling thread).
pub fn answer(request: &Request) -> Result<Answer, DecideError> {
    match request {
        Request::Optimise { scenario, spec } => {
            for (what, range) in [("budget", spec.budget), ("reps", spec.reps)] {
                if let Some(r) = range {
                    Range::new(what, r.min, r.max)?;
                }
            }
            optimise(scenario, spec).map(|o| Answer::Optimise(Box::new(o)))
        }
        Request::Goal { scenario, spec } => goal_seek(scenario, spec).map(|g| Answer::Goal(Box::new(g))),
        Request::Sensitivity { scenario, kpi, delta } => {
            let kpi = kpi_by_name(kpi).ok_or_else(|| DecideError::Invalid(format!("unknown KPI {kpi:?}")))?;
            sensitivity(scenario, kpi, *delta).map(Answer::Sensitivity)
        }
        Request::Flight { scenario, spec } => flighting(scenario, spec).map(|f| Answer::Flight(Box::new(f))),
        Request::Hire { planned, extra_reps, max_backlog } => {
            rep_start_week(planned, *extra_reps, *max_backlog).map(|h| Answer::Hire(Box::new(h)))
        }
        Request::Compare { before, after, kpi } => {
            let kpi = kpi_by_name(kpi).ok_or_else(|| DecideError::Invalid(format!("unknown KPI {kpi:?}")))?;
            before.validate()?;
            after.validate()?;
            let mut a = before.clone();
            a.simulation.mode = Mode::MonteCarlo;
            let mut b = after.clone();
            b.simulation = a.simulation.clone();
            Ok(Answer::Compare(compare_outcomes(kpi, &simulate::monte_carlo(&a), &simulate::monte_carlo(&b))))
        }
    }
}

/// A job's outcome on the wire: the answer, or the message saying why not.
pub type Reply = Result<Answer, String>;

/// Reads a JSON [`Request`], runs it and writes the JSON [`Reply`]. Never
/// panics: unreadable requests are an error reply.
pub fn answer_json(request: &str) -> String {
    let reply: Reply = match serde_json::from_str::<Request>(request) {
        Ok(r) => answer(&r).map_err(|e| e.to_string()),
        Err(e) => Err(format!("the request could not be read: {e}")),
    };
    serde_json::to_string(&reply).unwrap_or_else(|e| format!("{{\"Err\":\"the answer could not be written: {e}\"}}"))
}

/// A request as the JSON [`answer_json`] reads.
pub fn to_json(request: &Request) -> String {
    serde_json::to_string(request).unwrap_or_default()
}

/// Reads a JSON [`Reply`] (from [`answer_json`]).
pub fn read_reply(text: &str) -> Reply {
    serde_json::from_str::<Reply>(text).unwrap_or_else(|e| Err(format!("the answer could not be read: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::{GoalTarget, Objective};
    use crate::presets;

    fn round_trip(request: &Request) -> Answer {
        let text = serde_json::to_string(request).expect("requests serialise");
        let reply = read_reply(&answer_json(&text));
        let direct = answer(request).expect("the job runs");
        let via_json = reply.expect("the reply is an answer");
        assert_eq!(via_json, direct, "the JSON path gives the same answer as a direct call");
        via_json
    }

    #[test]
    fn every_tool_answers_the_same_through_json() {
        let scenario = presets::default_scenario();
        let a = round_trip(&Request::Optimise {
            scenario: scenario.clone(),
            spec: OptimiseSpec::new(Objective::NewCustomers),
        });
        assert!(matches!(a, Answer::Optimise(_)));
        let g = round_trip(&Request::Goal {
            scenario: scenario.clone(),
            spec: GoalSpec::new(GoalTarget::NewCustomers(60.0)),
        });
        assert!(matches!(g, Answer::Goal(_)));
        let s =
            round_trip(&Request::Sensitivity { scenario: scenario.clone(), kpi: "new_customers".into(), delta: 0.2 });
        assert!(matches!(s, Answer::Sensitivity(rows) if !rows.is_empty()));
        let mut small = scenario.clone();
        small.simulation.runs = 20;
        let mut more = small.clone();
        more.budget.per_week *= 2.0;
        let c = round_trip(&Request::Compare { before: small, after: more, kpi: "new_customers".into() });
        assert!(matches!(c, Answer::Compare(m) if m.runs == 20 && m.after_better_share > 0.5));
        let spec = crate::decide::flighting::FlightingSpec::new(Objective::NewCustomers, 4);
        let f = round_trip(&Request::Flight { scenario: scenario.clone(), spec });
        assert!(matches!(f, Answer::Flight(f) if f.periods.len() == 4 && f.plan.plan.is_some()));
        let planned = (presets::PLAN_PRESETS[2].build)();
        let h = round_trip(&Request::Hire { planned, extra_reps: 2.0, max_backlog: 50.0 });
        assert!(matches!(h, Answer::Hire(h) if h.peaks.len() == 52));
    }

    #[test]
    fn bad_requests_are_error_replies_not_panics() {
        for text in [
            "",
            "{",
            "{\"tool\":\"nope\"}",
            "[1,2]",
            "{\"tool\":\"sensitivity\",\"scenario\":{\"version\":1},\"kpi\":\"x\",\"delta\":0.2}",
        ] {
            assert!(read_reply(&answer_json(text)).is_err(), "{text}");
        }
        let mut spec = OptimiseSpec::new(Objective::NewCustomers);
        spec.budget = Some(Range { min: 10.0, max: 1.0 });
        let reply = answer(&Request::Optimise { scenario: presets::default_scenario(), spec });
        assert!(reply.is_err_and(|e| e.to_string().contains("budget")));
        assert!(read_reply("not json").is_err());
    }
}
