//! The frozen baseline of scenario format version 1: the values a v1
//! scenario file or link leaves out.
//!
//! Links store only what differs from a baseline, and scenario files may
//! leave fields or whole sections out; both are filled from this scenario.
//! It is a copy, value for value, of the default preset as it was when the
//! format was published (the B2B SaaS preset before the presets were
//! recalibrated in issue 11), and it must never change: changing it would
//! silently change what every shared link and every partial file means.
//! Recalibrating the presets in [`crate::presets`] does not touch it.
//!
//! A later format version that wants a different baseline adds a function
//! here and [`for_version`] maps the version to it; version 1 keeps this one.
//!
//! `tests/links_v1.rs` checks that links and files made before the
//! recalibration still open as exactly the scenario they opened as then.

use crate::scenario::{Budget, Channel, Market, Mode, Revenue, Sales, Scenario, Simulation};

/// The baseline of format version `version`, or `None` for a version that
/// has none (this build reads only version 1).
pub fn for_version(version: u64) -> Option<Scenario> {
    (version == 1).then(v1)
}

/// The version 1 baseline. Every number is written out (rather than derived
/// from the preset formulas) so that editing a preset cannot move it; each
/// literal is the exact value the published default held.
pub fn v1() -> Scenario {
    let channel = |name: &str, share, cpm, awareness_per_impression, reach_cap, carryover, lead_rate| Channel {
        name: String::from(name),
        share,
        cpm,
        awareness_per_impression,
        reach_cap,
        carryover,
        engagement_rate: 0.05,
        lead_rate,
        purchase_rate: 0.0,
    };
    Scenario {
        version: 1,
        name: "B2B SaaS, sales-led".into(),
        weeks: 52,
        market: Market {
            size: 500_000.0,
            initially_aware: 0.02,
            initial_customers: 0.0,
            forget_rate: 0.05,
            word_of_mouth: 0.007_307_692_307_692_308,
            organic_engagement_rate: 0.05,
            organic_lead_rate: 0.0696,
            organic_purchase_rate: 0.0,
        },
        budget: Budget { per_week: 10_000.0 },
        channels: vec![
            channel("Paid search", 0.5, 299.171_999_999_999_97, 0.0642, 0.3, 0.1, 0.0696),
            channel("Paid social", 0.3, 16.919_999_999_999_998, 0.009, 0.7, 0.2, 0.085_532_302_092_811_64),
            channel("Display", 0.2, 2.898, 0.0046, 0.9, 0.3, 0.008),
        ],
        sales: Sales {
            reps: 4.0,
            leads_per_rep_per_week: 40.0,
            cost_per_rep_per_week: 2_500.0,
            qualification_rate: 0.3,
            opportunity_rate: 0.45,
            lead_decay: 0.2,
            cycle_weeks: 11.0,
            win_rate: 0.21,
            pipeline_stages: 1.0,
        },
        revenue: Revenue {
            deal_value: 12_000.0,
            deal_value_cv: 0.5,
            order_value: 0.0,
            recurring_per_week: 0.0,
            gross_margin: 0.8,
            churn_rate: 0.0025,
        },
        simulation: Simulation { mode: Mode::Expected, runs: 1000, seed: 42 },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_version_1_has_a_baseline() {
        assert_eq!(for_version(1), Some(v1()));
        assert_eq!(for_version(0), None);
        assert_eq!(for_version(2), None);
    }

    #[test]
    fn the_baseline_is_a_valid_scenario() {
        assert_eq!(v1().validate(), Ok(()));
    }
}
