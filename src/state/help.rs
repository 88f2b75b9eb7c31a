//! Short help for every field of the study editor: what the field means for
//! the customer or the centre, its unit, and a typical range, in plain words
//! for a customer-experience strategist. The editor shows it beside each
//! input.
//!
//! Help is looked up by the field's validator path (the same string a
//! problem carries, see `path.rs`), with list indices and channel names
//! taken out, so one text serves `designs[0]…` and `designs[3]…` alike.
//! Typical ranges come from the shipped presets (`docs/presets.md`) and
//! MODEL.md's bounds.

/// The help for the field at `path`, a validator path string such as
/// `designs[1].channels[0].agent.resolution` or
/// `designs[0].personas[2].channel_mix["Phone"]` or `demand.customers_per_day`.
pub fn help_for(path: &str) -> Option<&'static str> {
    let text = match normalise(path).as_str() {
        // The study as a whole.
        "title" => "The study’s name, so you and others can tell studies apart. Plain text, such as “Password reset fix”; it changes no numbers.",
        "currency" => "The currency every cost in the study is written in, such as USD, EUR or GBP. Nothing is converted, so enter all costs in this one currency.",
        "seed" => "The starting number for the simulation’s random draws: the same study and seed always give the same results. Any whole number from 0; change it to see how much results move by chance.",
        "journeys" => "How many simulated customers go through each design. A whole number from 1 to 10,000,000; 20,000 gives steady figures. Not used when Volume simulates the centre.",

        // Satisfaction: points off a score out of 100. The presets all use
        // MODEL.md's example weights, so those are the typical values.
        "satisfaction" => "How much each poor experience costs a customer’s satisfaction: points taken off their persona’s starting score, which runs from 0 to 100.",
        "satisfaction.extra_contact" => "Points taken off for each contact after the first, because the customer had to come back. Points out of 100; the examples use 15.",
        "satisfaction.hold_minute" => "Points taken off for each minute of total hold beyond the persona’s hold tolerance. Points per minute; the examples use 2, so 10 minutes over costs 20 points.",
        "satisfaction.escalation" => "Points taken off each time the customer is passed on to tier 2 specialists. Points out of 100; the examples use 5.",
        "satisfaction.switch" => "Points taken off each time the customer changes channel, say from the help centre to the phone. Points out of 100; the examples use 5.",
        "satisfaction.repeat_explanation" => "Points taken off each time the customer must explain their problem again to a new agent, when context does not carry over. Points out of 100; the examples use 5.",
        "satisfaction.unresolved" => "Points taken off when the journey ends without the problem solved. Points out of 100; usually the largest weight, 40 in the examples.",
        "satisfaction.satisfied_threshold" => "A customer counts as satisfied when their final score is at or above this. A score from 0 to 100; the examples use 70.",

        // Volume (MODEL.md `demand`). The checkbox that turns it on sits at
        // the section's own path, so the section has help of its own.
        "demand" => "Simulates the centre: customers arrive over the day and wait for the agents on duty, so waits and abandonment follow from load. Needed before any channel can be staffed.",
        "demand.customers_per_day" => "New customers who start a journey on an average day, all personas and channels together; their retries come on top. More than 0; the examples use 1,800–3,000.",
        "demand.hourly_profile" => "How a day’s arrivals spread over its 24 hours, midnight first, as weights compared with each other. Typically 0 at night with peaks of about 10 mid-morning and mid-afternoon.",
        "demand.weekday_profile" => "How arrivals spread over the week, Monday first, as 7 weights compared with each other. Typically Monday 1.2, Tuesday to Thursday 1, Friday 0.9, Saturday 0.5, Sunday 0.3.",
        "demand.days" => "How many days each run measures; day 1 is a Monday. A whole number from 1 to 28; 7, a full week, catches the weekly pattern.",
        "demand.warmup_days" => "Days simulated before day 1 but not measured, so measuring starts with queues already built up rather than an empty centre. 0 to 7; 1 is usually enough.",
        "demand.replications" => "How many times the whole period is simulated, each with different customers, to show how much results vary by chance. 2 to 1,000; 20 is typical, more narrows the ranges.",
        "demand.service_level_seconds" => "The answer target for live queues: service level is the share of contacts answered within it. Seconds; 20 is the classic “80% in 20 seconds” target.",

        // A design.
        "designs[].name" => "The design’s name, shown on its tab and in the results. The first design is the baseline, usually “Current”; the others are compared with it.",
        "designs[].context_carryover" => "Tick when the customer’s history travels with them, so nobody explains twice. Unticked, every agent or tier 2 contact after the first adds repeat explanation time.",
        "designs[].repeat_explanation_minutes" => "Extra handle time each time a customer tells their story again to a new agent or to tier 2, when context does not carry over. Minutes; typically 0.5–4, most often about 1.5.",

        // A persona: who the customers are and how they behave.
        "designs[].personas[].name" => "What to call this group of customers, such as “Business admin”. Plain text; names must differ within a design.",
        "designs[].personas[].share" => "How large this persona is among all customers, as a weight compared with the other personas’: shares need not add up to 1. For example 0.6 and 0.4.",
        "designs[].personas[].channel_mix" => "Which channel this persona tries first, as weights compared with each other. When they switch channel, the next one follows the same weights without the one just tried.",
        "designs[].personas[].channel_mix[name]" => "How likely this persona is to try this channel first, as a weight compared with the other channels’; they need not add up to 1. Leave empty for a channel they never start in.",
        "designs[].personas[].patience" => "How long this persona waits in a queue for an agent before giving up, drawn afresh at every wait. Minutes; the examples have a median of 4–10 with 1 in 10 waiting 10–30.",
        "designs[].personas[].hold_tolerance" => "Total minutes of hold this persona accepts before their satisfaction starts to fall. Minutes; typically 2–5.",
        "designs[].personas[].retry_after_abandon" => "Chance that a customer who gave up, in a queue or in self-service, tries again. A rate from 0 to 1 (or type 60%); typically 0.5–0.9.",
        "designs[].personas[].retry_after_failure" => "Chance that a customer whose contact failed (not solved, or the fix did not hold) tries again. A rate from 0 to 1 (or type 80%); typically 0.6–0.95, higher when they cannot do without.",
        "designs[].personas[].switch_on_retry" => "Chance that a returning customer tries another channel; from a channel with no agents they always switch. A rate from 0 to 1 (or type 30%); typically 0.2–0.7.",
        "designs[].personas[].max_contacts" => "The most attempts a customer makes, the first included, before giving up for good. A whole number from 1 to 10; typically 4–6.",
        "designs[].personas[].retry_gap_hours" => "How long a customer waits before trying again after an attempt fails. Hours; on average from half an hour for urgent customers to a day, typically 1–8.",
        "designs[].personas[].baseline_satisfaction" => "The satisfaction score this persona starts with, before points come off for a poor experience. A score from 0 to 100; typically 75–85.",

        // A channel and its optional self-service.
        "designs[].channels[].name" => "The channel’s name, such as “Phone” or “Help centre”. Personas’ channel mixes refer to it and follow a rename; names must differ within a design.",
        "designs[].channels[].kind" => "What sort of channel this is: phone, chat, email, social, SMS, web, chatbot or other. It picks icons and defaults only, never how customers behave.",
        "designs[].channels[].self_service" => "Tick when something serves customers before any agent: an IVR menu, a chatbot, an FAQ or a help centre. A channel needs self-service, agents or both.",
        "designs[].channels[].self_service.name" => "What the self-service step is called, such as “IVR”, “Chatbot” or “Help articles”. Plain text, shown in journeys and results.",
        "designs[].channels[].self_service.containment" => "Share of customers the IVR, bot or help centre fully serves, so they need no agent. A rate from 0 to 1 (or type 20%); IVRs typically contain 5–35%, good help centres more.",
        "designs[].channels[].self_service.abandonment" => "Share of self-service attempts the customer quits part-way. A rate from 0 to 1 (or type 5%); typically 0–12%. Containment and abandonment together are at most 1.",
        "designs[].channels[].self_service.minutes" => "How long a customer spends in the self-service step on each attempt. Minutes; typically 1–4 in an IVR, 2–12 on a help centre or reset page.",
        "designs[].channels[].self_service.live_fallback" => "Tick when customers the self-service does not serve go on to an agent in the same channel (pressing 0, a bot hand-off). Unticked, they must retry or switch channel.",
        "designs[].channels[].self_service.cost" => "What one self-service attempt costs, in the study’s currency. Typically 0.05–0.10 for web pages, 0.15 for a chatbot and 0.35 for an IVR with its telephony.",

        // Tier-1 agents.
        "designs[].channels[].agent" => "Tick when live agents answer this channel. Without agents, customers the self-service does not serve must try another channel, if they try again.",
        "designs[].channels[].agent.hold_minutes" => "How long a customer waits for an agent to answer, when this channel is not staffed. Minutes; averages of 1.5–6 are common. Unused while staffed: waits then come from load.",
        "designs[].channels[].agent.handle_minutes" => "Agent time spent on one contact, from answer to wrap-up. Minutes; phone is typically a median of 6–8 with 1 in 10 over 15, chat 10–12 as typing is slower.",
        "designs[].channels[].agent.resolution" => "Share of agent contacts that solve the problem. A rate from 0 to 1 (or type 75%); first-contact benchmarks sit around 70–80%. Resolution and escalation together are at most 1.",
        "designs[].channels[].agent.escalation" => "Share of agent contacts passed to tier 2; those neither resolved nor escalated end unsolved. A rate from 0 to 1 (or type 10%); typically 5–10%, up to 30% in technical support.",
        "designs[].channels[].agent.reopen" => "Chance that a problem solved by this channel’s agents or tier 2 comes back, so the customer must return. A rate from 0 to 1 (or type 5%); typically 5–10%.",
        "designs[].channels[].agent.response_delay_hours" => "For channels answered later, such as email: time from the agent’s handling to the customer seeing the answer. Hours; often about a day. Unused in a staffed backlog queue, where the wait emerges.",
        "designs[].channels[].agent.cost_per_contact" => "Fixed cost of each contact an agent answers, in the study’s currency, on top of the cost per minute. Typically 0.30–1.00, more for email.",
        "designs[].channels[].agent.cost_per_minute" => "Cost of each minute an agent handles, in the study’s currency. Unstaffed it includes pay (about 0.9); staffed, pay is per agent hour, so only systems (about 0.05).",

        // Tier 2: specialists behind the agents. Separate texts because
        // their waits, times and pay differ from tier 1's.
        "designs[].channels[].agent.tier2" => "Tick when specialists take the contacts tier 1 escalates. Needed whenever escalation is above 0; they have their own waits, handle time and resolution.",
        "designs[].channels[].agent.tier2.hold_minutes" => "How long an escalated customer waits for a specialist, when tier 2 is not staffed. Minutes; averages of 8–15 are common. Unused while staffed: waits then come from load.",
        "designs[].channels[].agent.tier2.handle_minutes" => "Specialist time spent on one escalated contact. Minutes; typically 12–20 on average, longer than tier 1.",
        "designs[].channels[].agent.tier2.resolution" => "Share of escalated contacts the specialists solve; the rest end unsolved. A rate from 0 to 1 (or type 85%); typically 80–90%.",
        "designs[].channels[].agent.tier2.cost_per_minute" => "Cost of each minute a specialist handles, in the study’s currency. Unstaffed it includes pay (about 1.4); staffed, pay is per agent hour, so only systems (0–0.05).",

        // Staffing (MODEL.md schema 2): on tier 1 or on tier 2.
        "designs[].channels[].agent.staffing" => "Tick to staff this channel’s agents: waits then come from the agents on duty and the load, not from the hold time above. Needs the study’s Volume.",
        "designs[].channels[].agent.tier2.staffing" => "Tick to staff tier 2: escalated customers then wait in turn for the specialists on duty, not for a drawn hold time. Needs the study’s Volume.",
        "designs[].channels[].agent.staffing.agents" => "Agents on duty: one number for all hours, 24 by hour of day, or 168 by hour of week from Monday 00:00. Whole numbers up to 100,000; the examples peak at 7–22.",
        "designs[].channels[].agent.tier2.staffing.agents" => "Specialists on duty: one number for all hours, 24 by hour of day, or 168 by hour of week from Monday 00:00. Whole numbers up to 100,000; the examples have 1–8.",
        "designs[].channels[].agent.staffing.concurrency" | "designs[].channels[].agent.tier2.staffing.concurrency" => {
            "How many contacts one agent works at once: 1 on the phone, often 2–3 in chat. A whole number from 1 to 10; capacity is agents times this."
        }
        "designs[].channels[].agent.staffing.queue" => "Live: customers wait on the line, may give up, and find the queue closed when no agent is on duty. Backlog (email, social, SMS): contacts wait until an agent takes them.",
        "designs[].channels[].agent.tier2.staffing.queue" => "Live or backlog, used only when tier 1 is not staffed; otherwise tier 2 follows tier 1’s queue. Live callers may give up; backlog contacts wait until taken.",
        "designs[].channels[].agent.staffing.cost_per_agent_hour" | "designs[].channels[].agent.tier2.staffing.cost_per_agent_hour" => {
            "Pay for each hour an agent is on duty, busy or not, in the study’s currency. Fully loaded, typically 28–32 for tier 1 and 45–48 for tier 2."
        }
        "designs[].channels[].agent.staffing.service_level_seconds" | "designs[].channels[].agent.tier2.staffing.service_level_seconds" => {
            "This queue’s own answer target. Seconds; leave empty to use the study’s target (often 20) for a live queue, or a day (86,400) for a backlog."
        }

        _ => return None,
    };
    Some(text)
}

/// `path` with every list index written `[]` and every quoted name
/// written `[name]`: `designs[1].personas[0].channel_mix["Phone"]` →
/// `designs[].personas[].channel_mix[name]`. A name ends at the first `"]`,
/// so it may hold `]` or `.` (escaped quotes do not occur in names).
fn normalise(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        if let Some(quoted) = after.strip_prefix('"')
            && let Some(end) = quoted.find("\"]")
        {
            out.push_str("[name]");
            rest = &quoted[end + 2..];
        } else if let Some(close) = after.find(']')
            && close > 0
            && after[..close].bytes().all(|b| b.is_ascii_digit())
        {
            out.push_str("[]");
            rest = &after[close + 1..];
        } else {
            // Not an index nor a name: keep the bracket as written, so an
            // odd path finds no help rather than someone else's.
            out.push('[');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One real path per entry, spelt as the validator writes it.
    const REAL_PATHS: &[&str] = &[
        "title",
        "currency",
        "seed",
        "journeys",
        "satisfaction",
        "satisfaction.extra_contact",
        "satisfaction.hold_minute",
        "satisfaction.escalation",
        "satisfaction.switch",
        "satisfaction.repeat_explanation",
        "satisfaction.unresolved",
        "satisfaction.satisfied_threshold",
        "demand",
        "demand.customers_per_day",
        "demand.hourly_profile",
        "demand.weekday_profile",
        "demand.days",
        "demand.warmup_days",
        "demand.replications",
        "demand.service_level_seconds",
        "designs[0].name",
        "designs[1].context_carryover",
        "designs[0].repeat_explanation_minutes",
        "designs[0].personas[2].name",
        "designs[0].personas[0].share",
        "designs[1].personas[0].channel_mix",
        "designs[0].personas[2].channel_mix[\"Phone\"]",
        "designs[0].personas[0].patience",
        "designs[0].personas[0].hold_tolerance",
        "designs[0].personas[1].retry_after_abandon",
        "designs[0].personas[1].retry_after_failure",
        "designs[0].personas[1].switch_on_retry",
        "designs[0].personas[1].max_contacts",
        "designs[0].personas[1].retry_gap_hours",
        "designs[0].personas[1].baseline_satisfaction",
        "designs[0].channels[0].name",
        "designs[0].channels[0].kind",
        "designs[0].channels[1].self_service",
        "designs[0].channels[1].self_service.name",
        "designs[0].channels[1].self_service.containment",
        "designs[0].channels[1].self_service.abandonment",
        "designs[0].channels[1].self_service.minutes",
        "designs[0].channels[1].self_service.live_fallback",
        "designs[0].channels[1].self_service.cost",
        "designs[1].channels[0].agent",
        "designs[1].channels[0].agent.hold_minutes",
        "designs[1].channels[0].agent.handle_minutes",
        "designs[1].channels[0].agent.resolution",
        "designs[1].channels[0].agent.escalation",
        "designs[1].channels[0].agent.reopen",
        "designs[1].channels[2].agent.response_delay_hours",
        "designs[1].channels[0].agent.cost_per_contact",
        "designs[1].channels[0].agent.cost_per_minute",
        "designs[1].channels[0].agent.tier2",
        "designs[1].channels[0].agent.tier2.hold_minutes",
        "designs[1].channels[0].agent.tier2.handle_minutes",
        "designs[1].channels[0].agent.tier2.resolution",
        "designs[1].channels[0].agent.tier2.cost_per_minute",
        "designs[0].channels[0].agent.staffing",
        "designs[0].channels[0].agent.tier2.staffing",
        "designs[0].channels[0].agent.staffing.agents",
        "designs[0].channels[0].agent.tier2.staffing.agents",
        "designs[0].channels[1].agent.staffing.concurrency",
        "designs[0].channels[1].agent.tier2.staffing.concurrency",
        "designs[0].channels[2].agent.staffing.queue",
        "designs[0].channels[2].agent.tier2.staffing.queue",
        "designs[0].channels[0].agent.staffing.cost_per_agent_hour",
        "designs[0].channels[0].agent.tier2.staffing.cost_per_agent_hour",
        "designs[0].channels[0].agent.staffing.service_level_seconds",
        "designs[0].channels[0].agent.tier2.staffing.service_level_seconds",
    ];

    #[test]
    fn normalises_indices_and_quoted_names() {
        assert_eq!(normalise("designs[12].channels[0].agent.resolution"), "designs[].channels[].agent.resolution");
        assert_eq!(normalise("designs[0].personas[2].channel_mix[\"Phone\"]"), "designs[].personas[].channel_mix[name]");
        // A name ends at the first `"]`, whatever it holds before that.
        assert_eq!(normalise("designs[0].personas[0].channel_mix[\"a.b[c]\"]"), "designs[].personas[].channel_mix[name]");
        assert_eq!(normalise("designs[0].personas[0].channel_mix[\"x]y\"]"), "designs[].personas[].channel_mix[name]");
        assert_eq!(normalise("designs[3].personas[1].channel_mix[\"Help centre\"].z"), "designs[].personas[].channel_mix[name].z");
        assert_eq!(normalise("demand.customers_per_day"), "demand.customers_per_day");
        assert_eq!(normalise(""), "");
        // What is neither an index nor a closed name is kept as written.
        assert_eq!(normalise("a[x].b[]"), "a[x].b[]");
        assert_eq!(normalise("a[\"open"), "a[\"open");
    }

    #[test]
    fn help_follows_the_field_whatever_its_index_or_name() {
        let phone = help_for("designs[0].personas[2].channel_mix[\"Phone\"]");
        assert!(phone.is_some());
        assert_eq!(help_for("designs[5].personas[11].channel_mix[\"Help. centre]\"]"), phone);
        assert_eq!(
            help_for("designs[1].channels[0].agent.resolution"),
            help_for("designs[0].channels[7].agent.resolution")
        );
    }

    #[test]
    fn every_text_is_short_and_a_full_sentence() {
        for path in REAL_PATHS {
            let text = help_for(path).unwrap_or_default();
            assert!(!text.trim().is_empty(), "{path}: empty");
            assert!(text.chars().count() <= 240, "{path}: {} characters", text.chars().count());
            assert!(text.ends_with('.'), "{path}: no full stop at the end");
        }
    }

    #[test]
    fn every_field_of_the_editor_has_help() {
        for path in REAL_PATHS {
            assert!(help_for(path).is_some(), "no help for {path}");
        }
        // One path per entry: two would mean an entry is listed twice and
        // another, perhaps, not at all.
        let mut normalised: Vec<String> = REAL_PATHS.iter().map(|p| normalise(p)).collect();
        normalised.sort();
        normalised.dedup();
        assert_eq!(normalised.len(), REAL_PATHS.len());
    }

    #[test]
    fn no_help_for_what_is_not_a_field() {
        assert_eq!(help_for("designs[0].personas[0].patience.median"), None);
        assert_eq!(help_for("designs[0].channels[0].agent.hold_minutes.kind"), None);
        assert_eq!(help_for("nonsense"), None);
        assert_eq!(help_for(""), None);
    }
}
