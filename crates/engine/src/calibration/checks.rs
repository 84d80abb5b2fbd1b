//! The preset check's data: one [`Check`] per preset and headline figure,
//! with its range, its source and the reasoning behind the range
//! (`docs/presets.md` shows the derivations). The logic that evaluates the
//! rows lives in the parent module.

use super::{Check, Figure};

const fn cited(
    preset: &'static str,
    figure: Figure,
    min: f64,
    max: f64,
    source: &'static str,
    why: &'static str,
) -> Check {
    Check { preset, figure, min, max, none_ok: false, source, why, assumption: false }
}

const fn assumed(preset: &'static str, figure: Figure, min: f64, max: f64, why: &'static str) -> Check {
    Check { preset, figure, min, max, none_ok: false, source: ASSUMPTION, why, assumption: true }
}

const fn or_later(check: Check) -> Check {
    Check { none_ok: true, ..check }
}

/// The `source` of a check no public figure covers.
pub const ASSUMPTION: &str = "assumption";

const SAAS: &str = "b2b-saas";
const ENTERPRISE: &str = "b2b-enterprise";
const SHOP: &str = "dtc-shop";
const LOCAL: &str = "local-services";
const EIGHT: &str = "eight-channels";
const INF: f64 = f64::INFINITY;

const VISIT_TO_LEAD_SRC: &str = "Unbounce conversion benchmarks (2024); LocaliQ / WordStream search benchmarks (2024)";
const VISIT_TO_LEAD_WHY: &str = "SaaS landing pages turn a median 3.8 % of visitors into leads (Unbounce), search clicks 6.96 % \
                                 (LocaliQ), and lead-gen forms convert 2–3× a website form: 2–10 %.";
const LEAD_TO_CUSTOMER_SRC: &str = "Implisit lead-to-opportunity study; HubSpot sales survey; MarketingSherpa (2009)";
const LEAD_TO_CUSTOMER_WHY: &str = "13 % of leads become opportunities (Implisit) and 21 % of those are won (HubSpot): 2.7 %; \
                                    MarketingSherpa counts about 5 sales per 100 B2B leads. 1–6 %: the low end leaves room for \
                                    deals still in the pipeline when the horizon ends.";
const WIN_RATE_SRC: &str = "HubSpot sales survey; SiriusDecisions demand waterfall";
const WIN_RATE_WHY: &str =
    "About 21 % of decided opportunities are won (HubSpot); SQL → close 20–30 % (SiriusDecisions).";
const CPL_SRC: &str = "LocaliQ / WordStream (2024); HubSpot demand-generation benchmarks";
const CPL_WHY: &str = "Search leads cost $66.69 and social lead ads $21.98 (LocaliQ 2024); HubSpot's survey averages about \
                       $198 a lead across industries: a mix of these lands between $40 and $250.";
const CAC_SRC: &str = "KBCM Technology Group private SaaS company survey (2019)";
const CAC_WHY: &str = "The median SaaS company spends $1.14 of sales and marketing per $1 of new ARR (KBCM); the range is \
                       half to twice that times the annual contract value, since this CAC counts only media and the sales team.";
const LTV_CAC_SRC: &str = "Skok, For Entrepreneurs (2012); Benchmarkit SaaS metrics (2025)";
const LTV_CAC_WHY: &str = "3:1 is the usual healthy target (Skok); the median 18-month CAC payback (Benchmarkit) gives about \
                           2.4 with this LTV; far above 5 a company is usually under-investing in growth: 2–6.";
const PAYBACK_SRC: &str = "Benchmarkit SaaS metrics (2025); SaaS benchmark summaries (2024)";
const PAYBACK_WHY: &str = "Median CAC payback 18 months in 2024 (Benchmarkit), best in class 5–7 months, and beyond 24 months \
                           it strains cash: 5–24 months, 22–104 weeks.";
const PLAN_PAYBACK_SAAS: &str = "A subscription plan started from nothing pays back only after its first customers have repaid \
                                 their CAC (at least 5 months, see CAC payback), so not in its first half-year, and usually \
                                 not within the first year.";
const PLAN_PAYBACK_ENTERPRISE: &str = "Not within the first sales cycle: deals take 39 weeks on average and their CAC takes months \
                                       more to repay, so a payback inside the first year would not be believed.";
const COLD_WHY: &str =
    "The team is sized to the lead flow: at most a few per cent of leads go cold, in the busiest weeks.";
const LIFETIME_ROI_WHY: &str = "Over its customers' lifetime each paid channel should at least come close to paying for itself \
                                (no worse than −25 %), media and its share of the sales team included; above +900 % (10× its cost) \
                                the channel would be under-funded, since a mix planned on diminishing returns equalises marginal \
                                returns across channels (as Meta Robyn's and Google Meridian's budget allocators do).";
const FREQUENCY_EMAIL_WHY: &str =
    "A list is mailed at most once a week per address; more sends than that overfill the pool.";
const FREQUENCY_MAIL_WHY: &str = "Letters and postcards go to a household or account at most about once a month.";
const CLICK_WHY: &str = "A visit needs a click, so visits per impression stay at or below the click-through rate; with people \
                         acting some weeks after the impression, about half of the year's clicks fall inside it, and below \
                         40 % of the rate the channel is buying impressions its pool cannot use.";
const EVENTS_CPL_SRC: &str =
    "CEIR cost-effectiveness of exhibition participation (2009); trade-show cost-per-lead estimates";
const EVENTS_CPL_WHY: &str = "A face-to-face contact at an exhibition costs about $215 (CEIR); published trade-show cost-per-lead \
                              estimates run from about $100 to $1,100.";

/// Every preset's checks, in the order the panel shows them. Ranges are
/// inclusive. See `docs/presets.md` for the derivations.
pub const CHECKS: &[Check] = &[
    // B2B SaaS, sales-led.
    cited(SAAS, Figure::VisitToLead, 0.02, 0.10, VISIT_TO_LEAD_SRC, VISIT_TO_LEAD_WHY),
    cited(SAAS, Figure::LeadToCustomer, 0.01, 0.06, LEAD_TO_CUSTOMER_SRC, LEAD_TO_CUSTOMER_WHY),
    cited(SAAS, Figure::WinRate, 0.15, 0.30, WIN_RATE_SRC, WIN_RATE_WHY),
    cited(SAAS, Figure::CostPerLead, 40.0, 250.0, CPL_SRC, CPL_WHY),
    cited(SAAS, Figure::Cac, 6_000.0, 24_000.0, CAC_SRC, CAC_WHY),
    cited(SAAS, Figure::LtvToCac, 2.0, 6.0, LTV_CAC_SRC, LTV_CAC_WHY),
    cited(SAAS, Figure::CacPaybackWeeks, 22.0, 104.0, PAYBACK_SRC, PAYBACK_WHY),
    or_later(assumed(SAAS, Figure::PaybackWeek, 26.0, INF, PLAN_PAYBACK_SAAS)),
    assumed(SAAS, Figure::ColdShare, 0.0, 0.05, COLD_WHY),
    assumed(SAAS, Figure::ChannelRoi("Paid search"), -0.25, 9.0, LIFETIME_ROI_WHY),
    assumed(SAAS, Figure::ChannelRoi("LinkedIn ads"), -0.25, 9.0, LIFETIME_ROI_WHY),
    assumed(SAAS, Figure::ChannelRoi("Paid social"), -0.25, 9.0, LIFETIME_ROI_WHY),
    cited(
        SAAS,
        Figure::ChannelVisitRate("Paid search"),
        0.4 * 0.0642,
        0.0642,
        "LocaliQ / WordStream (2024): CTR 6.42 %",
        CLICK_WHY,
    ),
    cited(
        SAAS,
        Figure::ChannelVisitRate("LinkedIn ads"),
        0.4 * 0.0044,
        0.0065,
        "LinkedIn sponsored content: CTR 0.44–0.65 % (benchmark summaries, 2022–2026)",
        CLICK_WHY,
    ),
    cited(
        SAAS,
        Figure::ChannelVisitRate("Paid social"),
        0.4 * 0.009,
        0.009,
        "WordStream Facebook benchmarks (2017): CTR 0.90 %",
        CLICK_WHY,
    ),
    // B2B enterprise, few large deals.
    cited(ENTERPRISE, Figure::LeadToCustomer, 0.01, 0.06, LEAD_TO_CUSTOMER_SRC, LEAD_TO_CUSTOMER_WHY),
    cited(
        ENTERPRISE,
        Figure::WinRate,
        0.10,
        0.20,
        "B2B funnel benchmark summaries (2026); HubSpot sales survey",
        "Enterprise opportunities close at 10–20 %, below the 21 % HubSpot reports across all deals.",
    ),
    cited(
        ENTERPRISE,
        Figure::CostPerLead,
        150.0,
        1_000.0,
        "HubSpot demand-generation benchmarks; CEIR (2009)",
        "IT and services leads cost about $370 (HubSpot); a trade-show contact about $215 (CEIR); enterprise programmes \
           reach $1,000 a lead.",
    ),
    cited(ENTERPRISE, Figure::Cac, 75_000.0, 300_000.0, CAC_SRC, CAC_WHY),
    cited(ENTERPRISE, Figure::LtvToCac, 2.0, 6.0, LTV_CAC_SRC, LTV_CAC_WHY),
    cited(ENTERPRISE, Figure::CacPaybackWeeks, 22.0, 104.0, PAYBACK_SRC, PAYBACK_WHY),
    or_later(assumed(ENTERPRISE, Figure::PaybackWeek, 52.0, INF, PLAN_PAYBACK_ENTERPRISE)),
    assumed(ENTERPRISE, Figure::ColdShare, 0.0, 0.05, COLD_WHY),
    cited(ENTERPRISE, Figure::ChannelCostPerLead("Events"), 100.0, 1_100.0, EVENTS_CPL_SRC, EVENTS_CPL_WHY),
    assumed(ENTERPRISE, Figure::ChannelRoi("Events"), -0.25, 9.0, LIFETIME_ROI_WHY),
    assumed(ENTERPRISE, Figure::ChannelRoi("Direct mail & outreach"), -0.25, 9.0, LIFETIME_ROI_WHY),
    assumed(ENTERPRISE, Figure::ChannelRoi("LinkedIn ads"), -0.25, 9.0, LIFETIME_ROI_WHY),
    assumed(ENTERPRISE, Figure::ChannelFrequency("Direct mail & outreach"), 0.0, 0.25, FREQUENCY_MAIL_WHY),
    cited(
        ENTERPRISE,
        Figure::ChannelVisitRate("LinkedIn ads"),
        0.4 * 0.0044,
        0.0065,
        "LinkedIn sponsored content: CTR 0.44–0.65 % (benchmark summaries, 2022–2026)",
        CLICK_WHY,
    ),
    // Direct-to-consumer shop.
    cited(
        SHOP,
        Figure::VisitToPurchase,
        0.01,
        0.04,
        "Monetate e-commerce quarterly (Q2 2019)",
        "Online shops convert 1–4 % of visits, 2.58 % on average worldwide.",
    ),
    cited(
        SHOP,
        Figure::Cac,
        10.0,
        100.0,
        "LocaliQ / WordStream (2024); WordStream Facebook benchmarks (2017)",
        "Apparel search ads cost about $83 per conversion (LocaliQ); apparel social clicks cost $0.45 (WordStream), \
           $11–$45 per buyer at 1–4 % conversion.",
    ),
    cited(
        SHOP,
        Figure::LtvToCac,
        2.0,
        6.0,
        "Skok, For Entrepreneurs (2012); e-commerce unit-economics guides",
        "The 3:1 rule is used for repeat-purchase shops too; below 2 paid growth barely pays, far above 5 it is under-funded.",
    ),
    assumed(
        SHOP,
        Figure::CacPaybackWeeks,
        0.0,
        26.0,
        "A repeat-purchase shop recovers a customer's cost from the first order and a few repeats, within half a year.",
    ),
    assumed(
        SHOP,
        Figure::PaybackWeek,
        1.0,
        52.0,
        "With CAC repaid within months, the plan as a whole pays back within the year.",
    ),
    assumed(SHOP, Figure::ChannelRoi("Paid social"), -0.25, 9.0, LIFETIME_ROI_WHY),
    assumed(SHOP, Figure::ChannelRoi("Paid search"), -0.25, 9.0, LIFETIME_ROI_WHY),
    assumed(SHOP, Figure::ChannelRoi("Email"), -0.25, 9.0, LIFETIME_ROI_WHY),
    cited(
        SHOP,
        Figure::ChannelVisitRate("Paid social"),
        0.4 * 0.0124,
        0.0124,
        "WordStream Facebook benchmarks (2017): apparel CTR 1.24 %",
        CLICK_WHY,
    ),
    cited(
        SHOP,
        Figure::ChannelVisitRate("Paid search"),
        0.4 * 0.06,
        0.06,
        "LocaliQ / WordStream (2024): apparel CTR 6 %",
        CLICK_WHY,
    ),
    cited(
        SHOP,
        Figure::ChannelVisitRate("Email"),
        0.4 * 0.0192,
        0.0192,
        "Mailchimp benchmarks (2019): beauty & personal care click rate 1.92 %",
        CLICK_WHY,
    ),
    assumed(SHOP, Figure::ChannelFrequency("Email"), 0.0, 1.0, FREQUENCY_EMAIL_WHY),
    // Local services business.
    cited(
        LOCAL,
        Figure::VisitToLead,
        0.037,
        0.177,
        "LocaliQ home-services search benchmarks (2025)",
        "Home-services search clicks convert 10.2 % on average, from 3.7 % (roofing) to 17.7 % (cleaning).",
    ),
    cited(
        LOCAL,
        Figure::LeadToCustomer,
        0.10,
        0.35,
        "home-service sales benchmark summaries (2025)",
        "Trades turn 10–18 % (healthy) to 25–35 % (with systematic follow-up) of enquiries into booked jobs.",
    ),
    cited(
        LOCAL,
        Figure::WinRate,
        0.25,
        0.45,
        "home-service sales benchmark summaries (2025)",
        "25–45 % of quoted visits become jobs; homeowners who ask for several quotes accept fewer.",
    ),
    cited(
        LOCAL,
        Figure::CostPerLead,
        45.0,
        228.0,
        "LocaliQ home-services search benchmarks (2025)",
        "A home-services search lead costs from $45 (pool and spa) to $228 (roofing).",
    ),
    cited(
        LOCAL,
        Figure::ColdShare,
        0.10,
        0.35,
        "CallRail (2025); BrightLocal and ServiceTitan call data",
        "This preset means to show leads going cold: businesses miss about 28 % of inbound calls (CallRail), 26 % of \
           contractor calls go unanswered and 85 % of those callers do not try again.",
    ),
    assumed(
        LOCAL,
        Figure::LtvToCac,
        1.5,
        6.0,
        "A local trade lives on repeat work and referrals; below 1.5 it would not cover its overheads. (3:1 is a SaaS rule.)",
    ),
    assumed(
        LOCAL,
        Figure::CacPaybackWeeks,
        0.0,
        52.0,
        "A customer's cost is repaid by the first job's margin and a year of servicing.",
    ),
    assumed(
        LOCAL,
        Figure::PaybackWeek,
        1.0,
        52.0,
        "With the first job repaying its customer's cost, the plan pays back within the year.",
    ),
    assumed(LOCAL, Figure::ChannelRoi("Local search"), -0.25, 9.0, LIFETIME_ROI_WHY),
    assumed(LOCAL, Figure::ChannelRoi("Direct mail"), -0.25, 9.0, LIFETIME_ROI_WHY),
    assumed(LOCAL, Figure::ChannelRoi("Local radio"), -0.25, 9.0, LIFETIME_ROI_WHY),
    cited(
        LOCAL,
        Figure::ChannelVisitRate("Local search"),
        0.4 * 0.0462,
        0.0462,
        "LocaliQ home-services search benchmarks (2022): CTR 4.62 %",
        CLICK_WHY,
    ),
    assumed(LOCAL, Figure::ChannelFrequency("Direct mail"), 0.0, 0.25, FREQUENCY_MAIL_WHY),
    // Every channel (the benchmark scenario).
    cited(EIGHT, Figure::VisitToLead, 0.02, 0.10, VISIT_TO_LEAD_SRC, VISIT_TO_LEAD_WHY),
    cited(EIGHT, Figure::LeadToCustomer, 0.01, 0.06, LEAD_TO_CUSTOMER_SRC, LEAD_TO_CUSTOMER_WHY),
    cited(EIGHT, Figure::WinRate, 0.15, 0.30, WIN_RATE_SRC, WIN_RATE_WHY),
    cited(EIGHT, Figure::CostPerLead, 40.0, 250.0, CPL_SRC, CPL_WHY),
    cited(EIGHT, Figure::Cac, 6_000.0, 24_000.0, CAC_SRC, CAC_WHY),
    cited(EIGHT, Figure::LtvToCac, 2.0, 6.0, LTV_CAC_SRC, LTV_CAC_WHY),
    cited(EIGHT, Figure::CacPaybackWeeks, 22.0, 104.0, PAYBACK_SRC, PAYBACK_WHY),
    or_later(assumed(EIGHT, Figure::PaybackWeek, 26.0, INF, PLAN_PAYBACK_SAAS)),
    assumed(EIGHT, Figure::ColdShare, 0.0, 0.05, COLD_WHY),
    assumed(EIGHT, Figure::ChannelRoi("Paid search"), -0.25, 9.0, LIFETIME_ROI_WHY),
    assumed(EIGHT, Figure::ChannelRoi("LinkedIn ads"), -0.25, 9.0, LIFETIME_ROI_WHY),
    assumed(EIGHT, Figure::ChannelRoi("Display"), -0.25, 9.0, LIFETIME_ROI_WHY),
    assumed(EIGHT, Figure::ChannelRoi("Email"), -0.25, 9.0, LIFETIME_ROI_WHY),
    assumed(EIGHT, Figure::ChannelRoi("Content / SEO"), -0.25, 9.0, LIFETIME_ROI_WHY),
    assumed(EIGHT, Figure::ChannelRoi("Events"), -0.25, 9.0, LIFETIME_ROI_WHY),
    assumed(EIGHT, Figure::ChannelRoi("Direct mail"), -0.25, 9.0, LIFETIME_ROI_WHY),
    assumed(EIGHT, Figure::ChannelRoi("Radio"), -0.25, 9.0, LIFETIME_ROI_WHY),
    cited(
        EIGHT,
        Figure::ChannelVisitRate("Paid search"),
        0.4 * 0.0642,
        0.0642,
        "LocaliQ / WordStream (2024): CTR 6.42 %",
        CLICK_WHY,
    ),
    cited(
        EIGHT,
        Figure::ChannelVisitRate("LinkedIn ads"),
        0.4 * 0.0044,
        0.0065,
        "LinkedIn sponsored content: CTR 0.44–0.65 % (benchmark summaries, 2022–2026)",
        CLICK_WHY,
    ),
    cited(
        EIGHT,
        Figure::ChannelVisitRate("Display"),
        0.4 * 0.0005,
        0.0008,
        "Smart Insights display CTR summary of Google benchmarks (2018); Criteo: 0.05–0.08 %",
        CLICK_WHY,
    ),
    cited(
        EIGHT,
        Figure::ChannelVisitRate("Email"),
        0.4 * 0.0291,
        0.0291,
        "Mailchimp benchmarks (2019): click rate 2.91 %",
        CLICK_WHY,
    ),
    assumed(EIGHT, Figure::ChannelFrequency("Email"), 0.0, 1.0, FREQUENCY_EMAIL_WHY),
    assumed(EIGHT, Figure::ChannelFrequency("Direct mail"), 0.0, 0.25, FREQUENCY_MAIL_WHY),
    cited(EIGHT, Figure::ChannelCostPerLead("Events"), 100.0, 1_100.0, EVENTS_CPL_SRC, EVENTS_CPL_WHY),
];
