//! Spend → reach response curves: how many people one channel makes aware
//! per week at a given weekly spend, once its adstock has settled (E = I).
//! Diminishing returns come from the reach cap and Poisson reach.

use crate::model::reach_probability;
use crate::scenario::Scenario;

/// One point of a response curve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ResponsePoint {
    /// Weekly spend on the channel.
    pub spend: f64,
    /// Expected people made aware per week by this channel in a market
    /// where everyone not initially aware or a customer is still unaware.
    pub new_aware: f64,
}

/// Expected new-aware people per week for channel `channel` at weekly
/// `spend` (other channels ignored); 0 for an unknown channel.
pub fn new_aware_at(scenario: &Scenario, channel: usize, spend: f64) -> f64 {
    let Some(c) = scenario.channels.get(channel) else { return 0.0 };
    let m = &scenario.market;
    let unaware = (m.size - m.initially_aware * m.size - m.initial_customers).max(0.0);
    let impressions = 1000.0 * spend.max(0.0) / c.cpm;
    unaware * reach_probability(c.awareness_per_impression, c.reach_cap, impressions, m.size)
}

/// `points` evenly spaced points from 0 to `max_spend` per week.
pub fn curve(scenario: &Scenario, channel: usize, max_spend: f64, points: usize) -> Vec<ResponsePoint> {
    let points = points.max(2);
    (0..points)
        .map(|i| {
            let spend = max_spend * i as f64 / (points - 1) as f64;
            ResponsePoint { spend, new_aware: new_aware_at(scenario, channel, spend) }
        })
        .collect()
}

/// The channel's current operating point (its share of the weekly budget).
pub fn operating_point(scenario: &Scenario, channel: usize) -> ResponsePoint {
    let spend = scenario.channels.get(channel).map_or(0.0, |c| c.share * scenario.budget.per_week);
    ResponsePoint { spend, new_aware: new_aware_at(scenario, channel, spend) }
}
