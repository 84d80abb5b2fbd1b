//! Built-in scenarios, calibrated from public benchmark figures
//! (`docs/presets.md` shows the arithmetic). Every figure is "typical —
//! varies widely": a starting point to argue with, not the truth.
//!
//! The conversions used throughout:
//! - `cpm = CPC × CTR × 1000`;
//! - `awareness_per_impression = CTR` (someone who clicked now knows us);
//! - `engagement_rate = forget_rate` for click-driven channels, so an aware
//!   person visits about once before forgetting (`e / f` visits), i.e. one
//!   visit per click;
//! - `lead_rate` = the visit → form-fill conversion; `qualification_rate` =
//!   MQL → SAL × SAL → SQL; `win_rate` = SQL → close;
//! - `cycle_weeks` = the sales cycle in days ÷ 7, rounded to whole weeks;
//! - `word_of_mouth = q / 52` with Bass imitation `q` per year.

use crate::scenario::{
    Budget, Channel, Market, Mode, Revenue, SCENARIO_VERSION, Sales, Scenario, Simulation,
};

/// Where one preset figure comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    /// The figure and what it became in the model.
    pub used_for: &'static str,
    /// Publisher or study, and year.
    pub citation: &'static str,
}

/// A named built-in scenario with its sources.
#[derive(Clone, Copy, Debug)]
pub struct Preset {
    /// Identifier used by `funnel-lab preset NAME` and the app's menu.
    pub id: &'static str,
    /// Menu label.
    pub label: &'static str,
    /// One sentence on what the scenario teaches.
    pub summary: &'static str,
    /// Builds the scenario.
    pub build: fn() -> Scenario,
    /// Where its numbers come from.
    pub sources: &'static [Source],
}

const SEARCH: Source = Source {
    used_for: "Paid search: CTR 6.42 %, CPC $4.66 → CPM ≈ $299; visit → lead 6.96 %",
    citation: "LocaliQ / WordStream search advertising benchmarks (2024)",
};
const SOCIAL: Source = Source {
    used_for: "Paid social: CTR 0.90 %, CPC $1.72 → CPM ≈ $15.5",
    citation: "WordStream Facebook ads benchmarks (2017)",
};
const LEAD_ADS: Source = Source {
    used_for: "Lead ads: CPC $1.88, cost per lead $21.98 → visit → lead ≈ 8.6 %",
    citation: "LocaliQ Facebook ads benchmarks (2024)",
};
const DISPLAY: Source = Source {
    used_for: "Display: CTR ≈ 0.46 % (other reports 0.05–0.08 %)",
    citation: "Google Ads benchmark summaries (various years)",
};
const EMAIL: Source = Source {
    used_for: "Email: open 22.71 %, click 2.91 %",
    citation: "Mailchimp email marketing benchmarks (data to Oct 2019)",
};
const DIRECT_MAIL: Source = Source {
    used_for: "Direct mail: ROI 112 % on prospect lists, 161 % on house lists",
    citation: "ANA Response Rate Report (2021, 2023)",
};
const WATERFALL: Source = Source {
    used_for: "MQL → SAL 40–60 %, SAL → SQL 50–70 % → qualification 0.5 × 0.6 = 0.3",
    citation: "SiriusDecisions demand waterfall, as summarised in glossaries",
};
const LEAD_TO_OPPORTUNITY: Source = Source {
    used_for: "13 % of leads become opportunities → opportunity rate 0.13 / 0.3 ≈ 0.45",
    citation: "Implisit lead-to-opportunity study",
};
const SHERPA: Source = Source {
    used_for: "≈ 5 sales per 100 B2B leads; 44 % report cycles over 6 months",
    citation: "MarketingSherpa B2B benchmarks (2009)",
};
const WIN_RATE: Source =
    Source { used_for: "Win rate ≈ 21 %", citation: "HubSpot survey of 1,000+ sales reps" };
const CYCLE: Source = Source {
    used_for: "Sales cycle: SMB 30–60 days, mid-market 60–90 days, enterprise 6–12 months",
    citation: "sales-cycle benchmark summaries",
};
const CARRYOVER: Source = Source {
    used_for: "Carryover θ: digital 0–0.3; OOH, print, radio 0.1–0.4; TV 0.3–0.8",
    citation: "Meta Robyn documentation (adstock guidance)",
};
const BASS: Source = Source {
    used_for: "Word of mouth: Bass imitation q ≈ 0.38 per year → 0.38 / 52 per week",
    citation: "Sultan, Farley & Lehmann meta-analysis of Bass-model fits (1990)",
};
const LEAD_RESPONSE: Source = Source {
    used_for: "Lead decay: leads reached within an hour were ~7× likelier to qualify",
    citation: "Oldroyd, McElheran & Elkington, Harvard Business Review (2011)",
};

/// Every built-in scenario, the default first.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "b2b-saas",
        label: "B2B SaaS, sales-led",
        summary: "Mid-market software: search, social and display fill the top; six reps work the leads. \
                  Double the budget and watch the backlog go cold.",
        build: b2b_saas,
        sources: &[SEARCH, SOCIAL, LEAD_ADS, DISPLAY, WATERFALL, LEAD_TO_OPPORTUNITY, WIN_RATE, CYCLE, CARRYOVER, BASS, LEAD_RESPONSE],
    },
    Preset {
        id: "b2b-enterprise",
        label: "B2B enterprise, few large deals",
        summary: "A niche market of 20,000 accounts: events and direct outreach, a long cycle, \
                  and a single sale worth a lot.",
        build: b2b_enterprise,
        sources: &[EMAIL, DIRECT_MAIL, SOCIAL, WATERFALL, LEAD_TO_OPPORTUNITY, SHERPA, WIN_RATE, CYCLE, CARRYOVER, BASS],
    },
    Preset {
        id: "dtc-shop",
        label: "Direct-to-consumer shop, no sales team",
        summary: "A beauty/fashion web shop: social, search and email bring visitors who buy online. \
                  Digital commerce needs no sales department (reps = 0).",
        build: dtc_shop,
        sources: &[SOCIAL, SEARCH, EMAIL, CARRYOVER, BASS],
    },
    Preset {
        id: "local-services",
        label: "Local services business",
        summary: "A local trade with a small budget: search, direct mail and radio, \
                  one person answering enquiries, and word of mouth doing much of the work.",
        build: local_services,
        sources: &[SEARCH, DIRECT_MAIL, CARRYOVER, BASS, WIN_RATE],
    },
    Preset {
        id: "eight-channels",
        label: "Every channel (8-channel mix)",
        summary: "The B2B SaaS funnel fed by all eight channel types at once; also the benchmark scenario.",
        build: eight_channel_benchmark,
        sources: &[SEARCH, SOCIAL, LEAD_ADS, DISPLAY, EMAIL, DIRECT_MAIL, WATERFALL, WIN_RATE, CYCLE, CARRYOVER, BASS],
    },
];

/// Looks a preset up by id.
pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// The scenario the app and the CLI start from.
pub fn default_scenario() -> Scenario {
    b2b_saas()
}

/// Weekly forgetting used by every preset: awareness half-life ≈ 14 weeks.
const FORGET: f64 = 0.05;
/// Bass imitation per year, per week.
const WORD_OF_MOUTH: f64 = 0.38 / 52.0;

/// A click-driven channel: CPM from CPC × CTR, awareness = CTR, about one
/// visit per aware person (engagement = forgetting).
fn clicked(name: &str, share: f64, cpc: f64, ctr: f64, reach_cap: f64, carryover: f64, lead_rate: f64, purchase_rate: f64) -> Channel {
    Channel {
        name: name.into(),
        share,
        cpm: cpc * ctr * 1000.0,
        awareness_per_impression: ctr,
        reach_cap,
        carryover,
        engagement_rate: FORGET,
        lead_rate,
        purchase_rate,
    }
}

fn market(size: f64, word_of_mouth: f64, organic_lead_rate: f64, organic_purchase_rate: f64) -> Market {
    Market {
        size,
        initially_aware: 0.02,
        initial_customers: 0.0,
        forget_rate: FORGET,
        word_of_mouth,
        organic_engagement_rate: FORGET,
        organic_lead_rate,
        organic_purchase_rate,
    }
}

fn scenario(name: &str, market: Market, budget: f64, channels: Vec<Channel>, sales: Sales, revenue: Revenue) -> Scenario {
    Scenario {
        version: SCENARIO_VERSION,
        name: name.into(),
        weeks: 52,
        market,
        budget: Budget { per_week: budget },
        channels,
        sales,
        revenue,
        simulation: Simulation { mode: Mode::Expected, runs: 1000, seed: 42 },
    }
}

/// The B2B demand waterfall: MQL → SQL 0.5 × 0.6, SQL → opportunity 0.45, win 21 %.
fn b2b_sales(reps: f64, leads_per_rep: f64, cost_per_rep: f64, cycle_weeks: f64) -> Sales {
    Sales {
        reps,
        leads_per_rep_per_week: leads_per_rep,
        cost_per_rep_per_week: cost_per_rep,
        qualification_rate: 0.5 * 0.6,
        opportunity_rate: 0.45,
        lead_decay: 0.2,
        cycle_weeks,
        win_rate: 0.21,
        pipeline_stages: 1.0,
    }
}

fn b2b_saas() -> Scenario {
    scenario(
        "B2B SaaS, sales-led",
        market(500_000.0, WORD_OF_MOUTH, 0.0696, 0.0),
        10_000.0,
        vec![
            clicked("Paid search", 0.5, 4.66, 0.0642, 0.3, 0.1, 0.0696, 0.0),
            // Lead ads: CPC / cost per lead = visit → lead.
            clicked("Paid social", 0.3, 1.88, 0.009, 0.7, 0.2, 1.88 / 21.98, 0.0),
            // Display CPC ≈ $0.63 (WordStream display benchmarks), visit → lead ≈ 0.8 %.
            clicked("Display", 0.2, 0.63, 0.0046, 0.9, 0.3, 0.008, 0.0),
        ],
        // 11 weeks ≈ 75 days, the middle of the mid-market 60–90 days; an SDR/AE blend at $130k a year.
        b2b_sales(4.0, 40.0, 2_500.0, 11.0),
        Revenue {
            deal_value: 12_000.0,
            deal_value_cv: 0.5,
            order_value: 0.0,
            recurring_per_week: 0.0,
            gross_margin: 0.8,
            // ≈ 12 % of customers a year.
            churn_rate: 0.0025,
        },
    )
}

fn b2b_enterprise() -> Scenario {
    let events = Channel {
        name: "Events".into(),
        share: 0.4,
        // A $20,000 trade-show presence → about 200 booth conversations: $100 per contact.
        cpm: 100_000.0,
        awareness_per_impression: 0.9,
        reach_cap: 0.3,
        carryover: 0.3,
        engagement_rate: 0.2,
        lead_rate: 0.15,
        purchase_rate: 0.0,
    };
    let outreach = Channel {
        name: "Direct mail & outreach".into(),
        share: 0.35,
        // About $2 a personalised piece; a few per cent respond (ANA).
        cpm: 2_000.0,
        awareness_per_impression: 0.3,
        reach_cap: 0.6,
        carryover: 0.3,
        engagement_rate: 0.1,
        lead_rate: 0.05,
        purchase_rate: 0.0,
    };
    scenario(
        "B2B enterprise, few large deals",
        market(20_000.0, WORD_OF_MOUTH, 0.05, 0.0),
        8_000.0,
        vec![events, outreach, clicked("LinkedIn ads", 0.25, 5.0, 0.004, 0.8, 0.2, 0.05, 0.0)],
        // 39 weeks ≈ 9 months, the middle of 6–12; enterprise AEs at ≈ $200k a year, each deep in few accounts.
        Sales { lead_decay: 0.1, ..b2b_sales(2.0, 10.0, 4_000.0, 39.0) },
        Revenue {
            deal_value: 150_000.0,
            deal_value_cv: 0.8,
            order_value: 0.0,
            recurring_per_week: 0.0,
            gross_margin: 0.75,
            churn_rate: 0.0015,
        },
    )
}

fn dtc_shop() -> Scenario {
    let email = Channel {
        name: "Email".into(),
        share: 0.15,
        // Sends to a rented or partner list ≈ $5 per thousand; opens make people aware, clicks visit.
        cpm: 5.0,
        awareness_per_impression: 0.2271,
        reach_cap: 0.2,
        carryover: 0.1,
        engagement_rate: 0.0291 / 0.2271 * FORGET * 4.0,
        lead_rate: 0.0,
        purchase_rate: 0.02,
    };
    scenario(
        "Direct-to-consumer shop, no sales team",
        // Shoppers: word of mouth at the Bass average.
        market(5_000_000.0, WORD_OF_MOUTH, 0.0, 0.02),
        15_000.0,
        vec![
            // Store visit → purchase ≈ 1–3 % (e-commerce conversion), no leads.
            clicked("Paid social", 0.55, 1.72, 0.009, 0.8, 0.2, 0.0, 0.012),
            clicked("Paid search", 0.3, 1.2, 0.0642, 0.3, 0.1, 0.0, 0.02),
            email,
        ],
        Sales {
            reps: 0.0,
            leads_per_rep_per_week: 0.0,
            cost_per_rep_per_week: 0.0,
            qualification_rate: 0.3,
            opportunity_rate: 0.45,
            lead_decay: 0.5,
            cycle_weeks: 1.0,
            win_rate: 0.21,
            pipeline_stages: 1.0,
        },
        Revenue {
            deal_value: 0.0,
            deal_value_cv: 0.0,
            order_value: 60.0,
            // Repeat purchases: a customer orders about every 4 months ($60 / 17 weeks).
            recurring_per_week: 60.0 / 17.0,
            gross_margin: 0.6,
            churn_rate: 0.02,
        },
    )
}

fn local_services() -> Scenario {
    let mail = Channel {
        name: "Direct mail".into(),
        share: 0.3,
        // Postcards at ≈ $0.60 each to households in the service area.
        cpm: 600.0,
        awareness_per_impression: 0.3,
        reach_cap: 0.8,
        carryover: 0.3,
        engagement_rate: 0.03,
        lead_rate: 0.1,
        purchase_rate: 0.0,
    };
    let radio = Channel {
        name: "Local radio".into(),
        share: 0.2,
        cpm: 10.0,
        awareness_per_impression: 0.01,
        reach_cap: 0.6,
        carryover: 0.3,
        engagement_rate: 0.02,
        lead_rate: 0.1,
        purchase_rate: 0.0,
    };
    scenario(
        "Local services business",
        // Word of mouth at the top of the Bass range (q ≈ 1 a year): neighbours recommend.
        market(50_000.0, 1.0 / 52.0, 0.15, 0.0),
        600.0,
        vec![clicked("Local search", 0.5, 6.0, 0.0642, 0.3, 0.1, 0.15, 0.0), mail, radio],
        Sales {
            reps: 1.0,
            leads_per_rep_per_week: 25.0,
            // A part-time office manager answering enquiries.
            cost_per_rep_per_week: 500.0,
            // A call-back that books a visit; half the quotes are accepted.
            qualification_rate: 0.7,
            opportunity_rate: 0.8,
            lead_decay: 0.5,
            cycle_weeks: 1.0,
            win_rate: 0.5,
            pipeline_stages: 1.0,
        },
        Revenue {
            deal_value: 600.0,
            deal_value_cv: 0.6,
            order_value: 0.0,
            // Repeat jobs: about $250 a year per customer.
            recurring_per_week: 250.0 / 52.0,
            gross_margin: 0.5,
            churn_rate: 0.01,
        },
    )
}

/// The B2B SaaS scenario with all eight channel types (search, social,
/// display, email, content/SEO, events, direct mail, radio): the benchmark
/// scenario.
pub fn eight_channel_benchmark() -> Scenario {
    let base = b2b_saas();
    let [search, social, display] = [0, 1, 2].map(|i| base.channels[i].clone());
    let enterprise = b2b_enterprise();
    let channel = |name: &str, share, cpm, awareness, reach_cap, carryover, engagement, lead_rate| Channel {
        name: String::from(name),
        share,
        cpm,
        awareness_per_impression: awareness,
        reach_cap,
        carryover,
        engagement_rate: engagement,
        lead_rate,
        purchase_rate: 0.0,
    };
    Scenario {
        name: "Every channel (8-channel mix)".into(),
        budget: Budget { per_week: 20_000.0 },
        channels: vec![
            Channel { share: 0.25, ..search },
            Channel { share: 0.15, ..social },
            Channel { share: 0.10, ..display },
            channel("Email", 0.10, 5.0, 0.2271, 0.2, 0.1, 0.0291 / 0.2271 * FORGET * 4.0, 0.05),
            // Content production per thousand organic views; slow build-up (high carryover).
            channel("Content / SEO", 0.10, 20.0, 0.03, 0.4, 0.6, FORGET, 0.03),
            Channel { share: 0.15, cpm: 20_000.0, ..enterprise.channels[0].clone() },
            Channel { name: "Direct mail".into(), share: 0.10, ..enterprise.channels[1].clone() },
            channel("Radio", 0.05, 8.0, 0.002, 0.8, 0.3, 0.01, 0.01),
        ],
        sales: Sales { reps: 8.0, ..base.sales },
        simulation: Simulation { mode: Mode::MonteCarlo, ..base.simulation },
        ..base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_valid_and_named() {
        for p in PRESETS {
            let s = (p.build)();
            assert!(s.validate().is_ok(), "{}: {:?}", p.id, s.validate());
            assert_eq!(s.name, p.label, "{}", p.id);
            assert!(!p.sources.is_empty(), "{} has no sources", p.id);
        }
        assert_eq!(find("b2b-saas").map(|p| p.id), Some("b2b-saas"));
        assert!(find("nope").is_none());
    }

    #[test]
    fn the_shop_has_no_sales_team() {
        let s = dtc_shop();
        assert_eq!(s.sales.reps, 0.0);
        assert!(s.channels.iter().all(|c| c.purchase_rate > 0.0));
    }
}
