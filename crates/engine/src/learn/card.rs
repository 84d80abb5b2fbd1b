//! The result card a learner gets when a lesson's or a challenge's goal is
//! met: the title, the date, each condition with the learner's value and
//! the key changes from the start (fields compared through the field
//! table). As text here; the app draws the same lines as a PNG.

use super::challenge::key_changes;
use super::goal::GoalStatus;
use super::{kpi_label, kpi_text};
use crate::scenario::Scenario;

/// One goal condition on the card.
#[derive(Clone, Debug, PartialEq)]
pub struct CardCondition {
    /// The KPI's name (`New customers`).
    pub label: String,
    /// The learner's value (`104`).
    pub value: String,
    /// The target (`≥ 103`).
    pub goal: String,
    /// Whether it holds.
    pub met: bool,
}

/// A result card.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultCard {
    /// The lesson's or challenge's title.
    pub title: String,
    /// When the goal was met, as the app shows dates.
    pub date: String,
    /// The conditions, in the goal's order.
    pub conditions: Vec<CardCondition>,
    /// What the learner changed from the start (`Budget per week: $20,000 → $32,000`).
    pub changes: Vec<String>,
}

impl ResultCard {
    /// The card for `plan` (started from `start`) with the goal's `status`.
    pub fn new(title: &str, date: &str, status: &GoalStatus, start: &Scenario, plan: &Scenario) -> ResultCard {
        let show = |kpi, v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| kpi_text(kpi, v));
        let conditions = status
            .conditions
            .iter()
            .map(|c| {
                let kpi = c.condition.kpi;
                CardCondition {
                    label: kpi_label(kpi).to_string(),
                    value: show(kpi, c.current),
                    goal: format!("{} {}", c.condition.compare.symbol(), show(kpi, c.target)),
                    met: c.met,
                }
            })
            .collect();
        ResultCard { title: title.to_string(), date: date.to_string(), conditions, changes: key_changes(start, plan) }
    }

    /// The card's lines, as the text and the picture show them.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!("Funnel Lab · {}", self.title), format!("Goal met on {}", self.date), String::new()];
        out.push("The goal".into());
        for c in &self.conditions {
            let mark = if c.met { "✓" } else { "✗" };
            out.push(format!("{mark} {}: {} (goal {})", c.label, c.value, c.goal));
        }
        out.push(String::new());
        out.push("What I changed".into());
        if self.changes.is_empty() {
            out.push("Nothing: the start already met the goal".into());
        }
        out.extend(self.changes.iter().map(|c| format!("• {c}")));
        out
    }

    /// The card as plain text (one line each).
    pub fn text(&self) -> String {
        self.lines().join("\n")
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::learn::lesson;

    #[test]
    fn a_solved_lesson_card_lists_its_numbers_and_changes() {
        let l = lesson("balance").unwrap();
        let plan = l.solved();
        let status = l.check(&plan);
        assert!(status.met);
        let card = ResultCard::new(l.title, "2 December 2026", &status, &l.start(), &plan);
        let text = card.text();
        assert!(text.contains(l.title) && text.contains("2 December 2026"), "{text}");
        assert_eq!(card.conditions.len(), l.goal.conditions.len());
        assert!(card.conditions.iter().all(|c| c.met));
        assert!(text.contains(&format!("{}: {}", card.conditions[0].label, card.conditions[0].value)), "{text}");
        assert!(!card.changes.is_empty() && card.changes.iter().all(|c| c.contains('→')), "{:?}", card.changes);
    }
}
