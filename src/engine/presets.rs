//! Built-in scenarios, calibrated from public benchmark figures
//! (`docs/presets.md` shows the arithmetic). Every figure is "typical —
//! varies widely": a starting point to argue with, not the truth.

use crate::engine::scenario::{
    Budget, Channel, Market, Mode, Revenue, SCENARIO_VERSION, Sales, Scenario, Simulation,
};

/// Where one preset number comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    /// What the figure is used for.
    pub used_for: &'static str,
    /// Publisher / study and year.
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
    used_for: "Paid search: CTR 6.42 %, CPC $4.66 → CPM ≈ $299; conversion 6.96 %",
    citation: "LocaliQ / WordStream search advertising benchmarks (2024)",
};
const SOCIAL: Source = Source {
    used_for: "Paid social: CTR 0.90 %, CPC $1.72 → CPM ≈ $15.5; lead ads CPC $1.88, CPL $21.98 → 8.6 % click → lead",
    citation: "WordStream Facebook benchmarks (2017); LocaliQ (2024)",
};
const DISPLAY: Source = Source {
    used_for: "Display: CTR ≈ 0.46 % (other reports 0.05–0.08 %)",
    citation: "Google Ads benchmark summaries (various years)",
};
const WATERFALL: Source = Source {
    used_for: "Inquiry → MQL 10–25 %, MQL → SAL 40–60 %, SAL → SQL 50–70 %",
    citation: "SiriusDecisions demand waterfall, as summarised in glossaries",
};
const WIN_RATE: Source =
    Source { used_for: "Win rate ≈ 21 %", citation: "HubSpot survey of 1,000+ sales reps" };
const CYCLE: Source = Source {
    used_for: "Sales cycle: SMB 30–60 days, mid-market 60–90 days, enterprise 6–12 months",
    citation: "sales-cycle benchmark summaries",
};
const CARRYOVER: Source = Source {
    used_for: "Carryover θ: digital 0–0.3; OOH, print, radio 0.1–0.4; TV 0.3–0.8",
    citation: "Meta Robyn documentation",
};
const BASS: Source = Source {
    used_for: "Word of mouth = Bass imitation q ≈ 0.38 / year ÷ 52",
    citation: "Sultan, Farley & Lehmann meta-analysis (1990)",
};
const LEAD_RESPONSE: Source = Source {
    used_for: "Lead decay: late-worked leads qualify far less often",
    citation: "Oldroyd, McElheran & Elkington, HBR (2011)",
};

/// Every built-in scenario, the default first.
pub const PRESETS: &[Preset] = &[Preset {
    id: "b2b-saas",
    label: "B2B SaaS, sales-led",
    summary: "Mid-market software: paid search, social and display feed a small team of reps.",
    build: b2b_saas,
    sources: &[SEARCH, SOCIAL, DISPLAY, WATERFALL, WIN_RATE, CYCLE, CARRYOVER, BASS, LEAD_RESPONSE],
}, Preset {
    id: "eight-channels",
    label: "Every channel (8-channel mix)",
    summary: "The B2B funnel fed by all eight channel types at once; also the benchmark scenario.",
    build: eight_channel_benchmark,
    sources: &[SEARCH, SOCIAL, DISPLAY, WATERFALL, WIN_RATE, CYCLE, CARRYOVER, BASS, LEAD_RESPONSE],
}];

/// Looks a preset up by id.
pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// The scenario the app and the CLI start from.
pub fn default_scenario() -> Scenario {
    b2b_saas()
}

/// Inquiry → MQL share taken as the middle of the 10–25 % waterfall range:
/// a form fill counts as a lead (MQL) only this often.
const INQUIRY_TO_MQL: f64 = 0.175;

fn b2b_saas() -> Scenario {
    Scenario {
        version: SCENARIO_VERSION,
        name: "B2B SaaS, sales-led".into(),
        weeks: 52,
        market: Market {
            size: 500_000.0,
            initially_aware: 0.02,
            initial_customers: 0.0,
            // Awareness half-life ≈ 14 weeks.
            forget_rate: 0.05,
            word_of_mouth: 0.38 / 52.0,
            organic_engagement_rate: 0.03,
            organic_lead_rate: 0.05 * INQUIRY_TO_MQL * 4.0,
            organic_purchase_rate: 0.0,
        },
        budget: Budget { per_week: 10_000.0 },
        channels: vec![
            Channel {
                name: "Paid search".into(),
                share: 0.5,
                cpm: 4.66 * 0.0642 * 1000.0,
                awareness_per_impression: 0.0642,
                reach_cap: 0.3,
                carryover: 0.1,
                engagement_rate: 0.10,
                lead_rate: 0.0696 * INQUIRY_TO_MQL * 4.0,
                purchase_rate: 0.0,
            },
            Channel {
                name: "Paid social".into(),
                share: 0.3,
                cpm: 1.72 * 0.009 * 1000.0,
                awareness_per_impression: 0.009,
                reach_cap: 0.7,
                carryover: 0.2,
                engagement_rate: 0.05,
                lead_rate: 0.086 * INQUIRY_TO_MQL * 2.0,
                purchase_rate: 0.0,
            },
            Channel {
                name: "Display".into(),
                share: 0.2,
                cpm: 3.0,
                awareness_per_impression: 0.0046,
                reach_cap: 0.9,
                carryover: 0.3,
                engagement_rate: 0.03,
                lead_rate: 0.01,
                purchase_rate: 0.0,
            },
        ],
        sales: Sales {
            reps: 2.0,
            leads_per_rep_per_week: 25.0,
            cost_per_rep_per_week: 2_500.0,
            qualification_rate: 0.5,
            opportunity_rate: 0.6,
            lead_decay: 0.2,
            cycle_weeks: 10.0,
            win_rate: 0.21,
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

/// The B2B scenario with all eight channel types (search, social, display,
/// email, content/SEO, events, direct mail, radio): the benchmark scenario.
pub fn eight_channel_benchmark() -> Scenario {
    let base = b2b_saas();
    let search = base.channels[0].clone();
    let social = base.channels[1].clone();
    let display = base.channels[2].clone();
    let channel = |name: &str, share, cpm, awareness, reach_cap, carryover, engagement, lead_rate| Channel {
        name: name.into(),
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
            // Email: Mailchimp open 22.71 %, click 2.91 % of sends; a send to a rented list ≈ $5 CPM.
            channel("Email", 0.10, 5.0, 0.2271, 0.2, 0.1, 0.0291 * 2.0, 0.03),
            // Content/SEO: production cost per thousand organic views; slow build-up (high carryover).
            channel("Content / SEO", 0.10, 20.0, 0.03, 0.4, 0.6, 0.04, 0.03),
            // Events: expensive contacts, strong engagement.
            channel("Events", 0.15, 2_000.0, 0.5, 0.05, 0.3, 0.2, 0.1),
            // Direct mail: about $1 a piece; ANA response rates of a few per cent.
            channel("Direct mail", 0.10, 1_000.0, 0.3, 0.3, 0.2, 0.05, 0.03),
            // Radio: cheap reach, weak response, carryover like other broadcast (0.1–0.4).
            channel("Radio", 0.05, 8.0, 0.002, 0.8, 0.3, 0.01, 0.005),
        ],
        sales: Sales { reps: 4.0, ..base.sales },
        simulation: Simulation { mode: Mode::MonteCarlo, ..base.simulation },
        ..base
    }
}
