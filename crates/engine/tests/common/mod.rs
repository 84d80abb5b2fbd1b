//! Shared test support: random valid scenarios for property tests.
#![allow(dead_code)]

use funnel_engine::scenario::{Budget, Channel, Market, Mode, Revenue, Sales, Scenario, Simulation};
use proptest::prelude::*;

fn rate() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), Just(1.0), 0.0..=1.0]
}

fn channel(index: usize) -> impl Strategy<Value = Channel> {
    (1e-3..500.0f64, rate(), 0.01..=1.0f64, rate(), 0.0..=0.9f64, rate(), rate()).prop_map(
        move |(cpm, awareness, reach_cap, carryover, engagement, lead, purchase)| Channel {
            name: format!("Channel {index}"),
            share: 0.0,
            cpm,
            awareness_per_impression: awareness,
            reach_cap,
            carryover,
            engagement_rate: engagement,
            // purchase + lead ≤ 1
            lead_rate: lead * (1.0 - purchase),
            purchase_rate: purchase,
        },
    )
}

/// Any valid scenario: up to 4 channels, markets up to 1e6, horizons up to 30 weeks.
pub fn scenario() -> impl Strategy<Value = Scenario> {
    let market = (1.0..1e6f64, 0.0..0.5f64, 0.0..100.0f64, 0.0..=0.9f64, 0.0..5.0f64, rate(), rate(), rate()).prop_map(
        |(size, aware, customers, forget, wom, eng, lead, purchase)| {
            let size = size.round().max(1.0);
            Market {
                size,
                initially_aware: aware,
                initial_customers: customers.round().min((size * (1.0 - aware)).floor()).max(0.0),
                forget_rate: forget,
                word_of_mouth: wom,
                organic_engagement_rate: eng * (1.0 - forget),
                organic_lead_rate: lead * (1.0 - purchase),
                organic_purchase_rate: purchase,
            }
        },
    );
    let sales = (0u32..6, 0.0..60.0f64, 0.0..5000.0f64, rate(), rate(), rate(), 1.0..20.0f64, rate()).prop_map(
        |(reps, per_rep, cost, qual, opp, decay, cycle, win)| Sales {
            reps: f64::from(reps),
            leads_per_rep_per_week: per_rep,
            cost_per_rep_per_week: cost,
            qualification_rate: qual,
            opportunity_rate: opp,
            lead_decay: decay,
            cycle_weeks: cycle,
            win_rate: win,
            pipeline_stages: 1.0,
        },
    );
    let revenue = (0.0..50_000.0f64, 0.0..2.0f64, 0.0..500.0f64, 0.0..50.0f64, rate(), 0.0..0.2f64).prop_map(
        |(deal, cv, order, recurring, margin, churn)| Revenue {
            deal_value: deal,
            deal_value_cv: cv,
            order_value: order,
            recurring_per_week: recurring,
            gross_margin: margin,
            churn_rate: churn,
        },
    );
    let channels = (0usize..=4)
        .prop_flat_map(|k| ((0..k).map(channel).collect::<Vec<_>>(), proptest::collection::vec(0.01..1.0f64, k)));
    (1u32..=30, market, 0.0..100_000.0f64, channels, sales, revenue, any::<u64>()).prop_map(
        |(weeks, mut market, budget, (mut channels, weights), sales, revenue, seed)| {
            let total: f64 = weights.iter().sum();
            for (c, w) in channels.iter_mut().zip(&weights) {
                c.share = w / total;
            }
            // Engagement + forgetting ≤ 1 for every source.
            for c in &mut channels {
                c.engagement_rate *= 1.0 - market.forget_rate;
            }
            market.organic_engagement_rate = market.organic_engagement_rate.min(1.0 - market.forget_rate);
            Scenario {
                version: 1,
                name: "random".into(),
                weeks,
                market,
                budget: Budget { per_week: budget },
                channels,
                sales,
                revenue,
                simulation: Simulation { mode: Mode::MonteCarlo, runs: 3, seed },
            }
        },
    )
}
