//! Teacher challenges: any scenario as the start, a goal of one to three
//! KPI conditions (at least / at most a value, or a multiple of the
//! start's), an optional horizon ("by week 26") and optionally the only
//! fields the learner may change. A challenge travels as a link
//! (`?challenge=CODE`); the code reuses the scenario link's codec
//! ([`crate::link`]): base64url of minified JSON whose `scenario` is the
//! link payload (only what differs from the frozen baseline), so the same
//! versioning and the same rules of the scenario format apply. Decoding
//! never panics: every problem is a [`ChallengeError`].

use serde_json::{Map, Value, json};

use super::debrief::{self, Facts};
use super::goal::{self, Compare, Condition, GoalStatus, Target};
use super::play::{field_text, fixed_breaches, same_value};
use super::{kpi_label, kpi_text};
use crate::fields::Field;
use crate::kpi::{Kpi, Kpis};
use crate::link::{self, LinkError, base64url};
use crate::scenario::Scenario;

/// The query key of a challenge link (`?challenge=CODE`).
pub const CHALLENGE_KEY: &str = "challenge";

/// The challenge format this build writes and reads.
pub const CHALLENGE_VERSION: u64 = 1;

/// Most conditions in a challenge.
pub const MAX_CONDITIONS: usize = 3;

/// Longest title, in characters.
pub const MAX_TITLE: usize = 120;

/// A teacher's challenge.
#[derive(Clone, Debug, PartialEq)]
pub struct Challenge {
    /// What the learner reads as the challenge's name.
    pub title: String,
    /// The scenario the learner starts from.
    pub start: Scenario,
    /// One to three conditions, all of which must hold.
    pub conditions: Vec<Condition>,
    /// Measure over the first `weeks` weeks; `None`: the whole horizon.
    pub weeks: Option<u32>,
    /// The only fields the learner may change (empty: any field).
    pub dials: Vec<Field>,
}

/// Why a challenge code could not be read. The messages finish the
/// sentence "The challenge link could not be opened: …".
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ChallengeError {
    /// Nothing after `challenge=`.
    #[error("it holds no challenge (nothing follows \"challenge=\")")]
    Empty,
    /// Damaged, cut short, too long, or its start scenario is invalid.
    #[error("{0}")]
    Link(#[from] LinkError),
    /// Made by a newer Funnel Lab, or not a challenge at all.
    #[error("it is not a challenge this version of Funnel Lab reads (challenge format {0})")]
    Version(String),
    /// A part of the challenge is missing or wrong.
    #[error("its {0}")]
    Invalid(String),
}

/// Whether `kpi` is shown as a percentage (its targets are typed in percent).
pub fn shown_in_percent(kpi: Kpi) -> bool {
    kpi_text(kpi, 0.5).contains('%')
}

/// A target typed by a person (percent for rates) in the KPI's units.
pub fn target_from_shown(kpi: Kpi, shown: f64) -> f64 {
    if shown_in_percent(kpi) { shown / 100.0 } else { shown }
}

/// The KPI with this name ([`Kpi::name`]).
pub fn kpi_named(name: &str) -> Option<Kpi> {
    Kpi::ALL.iter().copied().find(|k| k.name() == name)
}

/// A condition in words: `New customers ≥ 1.5 × the start`, `CAC ≤ $600`.
pub fn condition_text(c: &Condition) -> String {
    let target = match c.target {
        Target::Value(v) => kpi_text(c.kpi, v),
        // Two decimals at most, none when whole: `1.25`, `1.5`, `3`.
        Target::TimesStart(f) => format!("{} × the start", (f * 100.0).round() / 100.0),
    };
    format!("{} {} {target}", kpi_label(c.kpi), c.compare.symbol())
}

impl Challenge {
    /// The goal in words: `New customers ≥ 1.5 × the start and CAC ≤ $600, by week 26`.
    pub fn goal_text(&self) -> String {
        let list = self.conditions.iter().map(condition_text).collect::<Vec<_>>().join(" and ");
        match self.weeks {
            Some(w) => format!("{list}, by week {w}."),
            None => format!("{list}, over the whole horizon ({} weeks).", self.start.weeks),
        }
    }

    /// The KPIs of `scenario` over the challenge's horizon.
    pub fn kpis(&self, scenario: &Scenario) -> Option<Kpis> {
        goal::measure(scenario, self.weeks).map(|o| o.kpis)
    }

    /// The goal's state from KPIs measured with [`Challenge::kpis`].
    pub fn check_kpis(&self, start: Option<&Kpis>, current: Option<&Kpis>) -> GoalStatus {
        goal::check_conditions(&self.conditions, start, current)
    }

    /// The goal's state for `plan` (runs the start and the plan).
    pub fn check(&self, plan: &Scenario) -> GoalStatus {
        self.check_kpis(self.kpis(&self.start).as_ref(), self.kpis(plan).as_ref())
    }

    /// Whether the learner may change `field`.
    pub fn allows(&self, field: Field) -> bool {
        self.dials.is_empty() || self.dials.contains(&field)
    }

    /// Why `plan` does not count (empty: it counts).
    pub fn breaches(&self, plan: &Scenario) -> Vec<String> {
        fixed_breaches(&self.start, plan, |f| self.allows(f), "challenge")
    }

    /// The debrief of `plan`: each condition with the learner's value, what
    /// they changed, and each team's numbers.
    pub fn debrief(&self, plan: &Scenario) -> Vec<String> {
        let Some(after) = Facts::of(plan, self.weeks) else {
            let why = plan.validate().err().map_or_else(String::new, |e| format!(": {e}"));
            return vec![format!("This plan cannot be run{why}. Fix it and run it again.")];
        };
        let status = self.check(plan);
        let list = status.conditions.iter().map(|c| c.text()).collect::<Vec<_>>().join("; ");
        let verdict = if status.met { "You met the goal" } else { "Not there yet" };
        let mut out = vec![format!("{verdict} over {}: {list}.", after.horizon())];
        let changes = key_changes(&self.start, plan);
        if changes.is_empty() {
            out.push("You changed nothing: the start already meets the goal.".into());
        } else {
            out.push(format!("What you changed: {}.", changes.join("; ")));
        }
        out.push(debrief::scorecard(&after));
        out
    }

    /// The challenge as a code for `?challenge=` (URL-safe).
    pub fn encode(&self) -> String {
        let conditions: Vec<Value> = self
            .conditions
            .iter()
            .map(|c| {
                let mut o = Map::new();
                o.insert("kpi".into(), c.kpi.name().into());
                o.insert("at".into(), if c.compare == Compare::AtLeast { "least" } else { "most" }.into());
                match c.target {
                    Target::Value(v) => o.insert("value".into(), json!(v)),
                    Target::TimesStart(f) => o.insert("times".into(), json!(f)),
                };
                Value::Object(o)
            })
            .collect();
        let mut out = Map::new();
        out.insert("challenge".into(), CHALLENGE_VERSION.into());
        out.insert("title".into(), self.title.clone().into());
        out.insert("scenario".into(), link::payload(&self.start));
        out.insert("goal".into(), Value::Array(conditions));
        if let Some(w) = self.weeks {
            out.insert("weeks".into(), w.into());
        }
        if !self.dials.is_empty() {
            out.insert("dials".into(), self.dials.iter().map(|f| Value::from(f.path())).collect());
        }
        base64url::encode(Value::Object(out).to_string().as_bytes())
    }

    /// Reads a code made by [`Challenge::encode`].
    pub fn decode(code: &str) -> Result<Challenge, ChallengeError> {
        if code.trim().is_empty() {
            return Err(ChallengeError::Empty);
        }
        let Value::Object(mut o) = link::diff_of(code)? else { return Err(LinkError::NotAnObject.into()) };
        match o.get("challenge") {
            Some(v) if v.as_u64() == Some(CHALLENGE_VERSION) => {}
            Some(v) => return Err(ChallengeError::Version(v.to_string())),
            None => return Err(ChallengeError::Version("missing".into())),
        }
        let invalid = |what: &str| ChallengeError::Invalid(what.to_string());
        let title = match o.get("title") {
            Some(Value::String(t)) if !t.trim().is_empty() && t.chars().count() <= MAX_TITLE => t.trim().to_string(),
            _ => return Err(invalid(&format!("title is missing or longer than {MAX_TITLE} characters"))),
        };
        let Some(Value::Object(scenario)) = o.remove("scenario") else {
            return Err(invalid("start scenario is missing"));
        };
        let start = link::scenario_of(scenario)?;
        let Some(Value::Array(goal)) = o.get("goal") else { return Err(invalid("goal is missing")) };
        if goal.is_empty() || goal.len() > MAX_CONDITIONS {
            return Err(invalid(&format!("goal has {} conditions (1 to {MAX_CONDITIONS} are allowed)", goal.len())));
        }
        let conditions = goal.iter().map(condition_of).collect::<Result<Vec<_>, _>>().map_err(|e| invalid(&e))?;
        let weeks = match o.get("weeks") {
            None => None,
            Some(v) => match v.as_u64() {
                Some(w) if w >= 1 && w <= u64::from(start.weeks) => Some(w as u32),
                _ => return Err(invalid(&format!("week {v} is not within the start's 1 to {} weeks", start.weeks))),
            },
        };
        let dials = match o.get("dials") {
            None => Vec::new(),
            Some(Value::Array(list)) => {
                let mut dials = Vec::new();
                for item in list {
                    let field = item.as_str().and_then(|p| Field::from_path(&start, p));
                    match field {
                        Some(f) if !dials.contains(&f) => dials.push(f),
                        Some(_) => {}
                        None => return Err(invalid(&format!("dial {item} is not a field of the start scenario"))),
                    }
                }
                dials
            }
            Some(_) => return Err(invalid("dials are not a list of fields")),
        };
        Ok(Challenge { title, start, conditions, weeks, dials })
    }

    /// The address of this challenge: `?challenge=CODE` after `base`.
    pub fn link(&self, base: &str) -> String {
        format!("{base}?{CHALLENGE_KEY}={}", self.encode())
    }
}

/// One condition of an encoded goal.
fn condition_of(value: &Value) -> Result<Condition, String> {
    let kpi_name = value.get("kpi").and_then(Value::as_str).unwrap_or("");
    let kpi = kpi_named(kpi_name).ok_or_else(|| format!("goal names no KPI “{kpi_name}”"))?;
    let compare = match value.get("at").and_then(Value::as_str) {
        Some("least") => Compare::AtLeast,
        Some("most") => Compare::AtMost,
        _ => return Err(format!("goal on {} says neither at least nor at most", kpi_label(kpi))),
    };
    let number = |key: &str| value.get(key).and_then(Value::as_f64).filter(|v| v.is_finite());
    let target = match (number("value"), number("times")) {
        (Some(v), None) => Target::Value(v),
        (None, Some(f)) if f > 0.0 => Target::TimesStart(f),
        _ => return Err(format!("goal on {} has no usable target", kpi_label(kpi))),
    };
    Ok(Condition { kpi, compare, target })
}

/// The challenge a query asks for (`?challenge=CODE`, the `?` optional):
/// `None` when there is no such key, else the challenge or why not.
pub fn challenge_link(query: &str) -> Option<Result<Challenge, ChallengeError>> {
    let query = query.strip_prefix('?').unwrap_or(query);
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == CHALLENGE_KEY).then(|| Challenge::decode(value))
    })
}

/// The fields changed from `start` in `plan`, for people:
/// `Budget per week: $20,000 → $32,000` (the runs and seed left out).
pub fn key_changes(start: &Scenario, plan: &Scenario) -> Vec<String> {
    if start.channels.len() != plan.channels.len() {
        return vec![format!("Channels: {} → {}", start.channels.len(), plan.channels.len())];
    }
    Field::all(start)
        .into_iter()
        .filter(|f| !matches!(f, Field::Runs | Field::Seed))
        .filter_map(|f| {
            let (was, now) = (f.get(start), f.get(plan));
            if same_value(was, now) {
                return None;
            }
            let show = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| field_text(f, v));
            Some(format!("{}: {} → {}", f.label(plan), show(was), show(now)))
        })
        .collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::fields::SalesField;
    use crate::presets::PRESETS;

    fn sample(start: Scenario) -> Challenge {
        Challenge {
            title: "Grow without burning cash".into(),
            start,
            conditions: vec![
                Condition { kpi: Kpi::NewCustomers, compare: Compare::AtLeast, target: Target::TimesStart(1.5) },
                Condition { kpi: Kpi::Cac, compare: Compare::AtMost, target: Target::Value(9_000.5) },
                Condition { kpi: Kpi::Roi, compare: Compare::AtLeast, target: Target::Value(0.15) },
            ],
            weeks: Some(26),
            dials: vec![Field::BudgetPerWeek, Field::Sales(SalesField::Reps)],
        }
    }

    #[test]
    fn every_preset_round_trips_as_a_challenge() {
        for preset in PRESETS {
            let c = sample((preset.build)());
            let code = c.encode();
            assert!(code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "URL-safe: {code}");
            assert_eq!(Challenge::decode(&code), Ok(c.clone()), "preset {}", preset.id);
            let link = c.link("https://example.org/");
            assert_eq!(challenge_link(link.split_once('?').unwrap().1), Some(Ok(c)));
        }
        let plain = Challenge { weeks: None, dials: Vec::new(), ..sample(Scenario::default()) };
        assert_eq!(Challenge::decode(&plain.encode()), Ok(plain));
    }

    #[test]
    fn a_challenge_is_checked_and_debriefed_from_its_start() {
        let c = sample(Scenario::default());
        assert_eq!(c.goal_text(), "New customers ≥ 1.5 × the start and CAC ≤ $9,001 and ROI ≥ 15 %, by week 26.");
        let status = c.check(&c.start);
        assert_eq!(status.conditions.len(), 3);
        assert!(!status.conditions[0].met, "1.5 × the start is not met by the start");
        let mut plan = c.start.clone();
        plan.sales.win_rate += 0.05;
        assert_eq!(c.breaches(&plan).len(), 1, "win rate is not a dial");
        plan.sales.win_rate = c.start.sales.win_rate;
        plan.budget.per_week *= 1.5;
        assert!(c.breaches(&plan).is_empty());
        let changes = key_changes(&c.start, &plan);
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert!(changes[0].starts_with("Budget per week: $"), "{changes:?}");
        let debrief = c.debrief(&plan);
        assert!(debrief[0].contains("New customers:"), "{debrief:?}");
        assert!(debrief[1].contains("Budget per week"), "{debrief:?}");
    }

    #[test]
    fn damaged_and_hostile_codes_are_errors() {
        let code = sample(Scenario::default()).encode();
        assert_eq!(Challenge::decode(""), Err(ChallengeError::Empty));
        for cut in [1, code.len() / 2, code.len() - 3] {
            assert!(Challenge::decode(&code[..cut]).is_err(), "cut at {cut}");
        }
        let enc = |v: Value| base64url::encode(v.to_string().as_bytes());
        let base = json!({ "challenge": 1, "title": "T", "scenario": { "version": 1 },
            "goal": [{ "kpi": "leads", "at": "least", "value": 10.0 }] });
        assert!(Challenge::decode(&enc(base.clone())).is_ok());
        let bad = |patch: &dyn Fn(&mut Value)| {
            let mut v = base.clone();
            patch(&mut v);
            Challenge::decode(&enc(v))
        };
        assert!(matches!(bad(&|v| v["challenge"] = json!(2)), Err(ChallengeError::Version(_))));
        assert!(matches!(bad(&|v| v["title"] = json!("")), Err(ChallengeError::Invalid(_))));
        assert!(matches!(bad(&|v| v["goal"] = json!([])), Err(ChallengeError::Invalid(_))));
        assert!(matches!(bad(&|v| v["goal"][0]["kpi"] = json!("nope")), Err(ChallengeError::Invalid(_))));
        assert!(matches!(bad(&|v| v["goal"][0]["value"] = json!("x")), Err(ChallengeError::Invalid(_))));
        assert!(matches!(bad(&|v| v["goal"][0]["at"] = json!(3)), Err(ChallengeError::Invalid(_))));
        assert!(matches!(bad(&|v| v["weeks"] = json!(0)), Err(ChallengeError::Invalid(_))));
        assert!(matches!(bad(&|v| v["weeks"] = json!(99_999)), Err(ChallengeError::Invalid(_))));
        assert!(matches!(bad(&|v| v["dials"] = json!(["sales.nope"])), Err(ChallengeError::Invalid(_))));
        assert!(matches!(bad(&|v| v["scenario"] = json!({ "version": 1, "weeks": -1 })), Err(ChallengeError::Link(_))));
        assert!(matches!(bad(&|v| v["scenario"] = json!({ "version": 9 })), Err(ChallengeError::Link(_))));
        assert!(matches!(Challenge::decode("not base64 !"), Err(ChallengeError::Link(_))));
        assert!(Challenge::decode(&"A".repeat(link::MAX_LEN + 1)).is_err());
    }

    proptest! {
        #[test]
        fn any_text_is_read_or_refused(text in ".{0,200}") {
            let _ = Challenge::decode(&text);
            let _ = challenge_link(&text);
        }

        #[test]
        fn any_bytes_behind_a_valid_base64_are_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = Challenge::decode(&base64url::encode(&bytes));
        }
    }
}
