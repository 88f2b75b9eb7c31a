//! Reading the capacity model's sections (`demand` and `staffing`,
//! MODEL.md "Capacity"), and the advice a valid study may deserve.
//!
//! Problems here stop a study like any other; **advice** does not: a
//! staffed agent that still has `hold_minutes` (kept, unused), a backlog
//! queue with a response delay (the delay emerges), hours in which
//! customers arrive but every channel they use is closed. The command line
//! prints advice as warnings; the app shows it at the field.

use serde_json::Value;

use super::{Obj, Problem, Reader, describe, join, pretty};
use crate::study::*;

/// What a roster list may hold, in words.
const ROSTER_SHAPES: &str = "one number (always), 24 (by hour of day, midnight first) or 168 (by hour of the week, Monday 00:00 first)";

impl Reader {
    /// The study's `demand`.
    pub(super) fn demand(&mut self, value: &Value) -> Option<Demand> {
        let o = self.object(
            value,
            "demand",
            &["customers_per_day", "hourly_profile", "weekday_profile", "days", "warmup_days", "replications", "service_level_seconds"],
        )?;
        let defaults = Demand::with_volume(1.0);
        let customers = self.non_negative(&o, "customers_per_day", None).and_then(|x| {
            if x > 0.0 {
                Some(x)
            } else {
                self.problem(&o.field("customers_per_day"), "must be above 0 (customers who start a journey on an average day)");
                None
            }
        });
        let hourly = self.weights(&o, "hourly_profile", defaults.hourly_profile, "one per hour, midnight first");
        let weekday = self.weights(&o, "weekday_profile", defaults.weekday_profile, "one per day, Monday first");
        let days = self.whole(&o, "days", Some(u64::from(defaults.days)), 1, u64::from(MAX_DAYS));
        let warmup = self.whole(&o, "warmup_days", Some(u64::from(defaults.warmup_days)), 0, u64::from(MAX_WARMUP_DAYS));
        let replications = self.whole(
            &o,
            "replications",
            Some(u64::from(defaults.replications)),
            u64::from(MIN_REPLICATIONS),
            u64::from(MAX_REPLICATIONS),
        );
        let target = self.seconds(&o, "service_level_seconds", Some(defaults.service_level_seconds));
        let demand = Demand {
            customers_per_day: customers?,
            hourly_profile: hourly?,
            weekday_profile: weekday?,
            days: days? as u32,
            warmup_days: warmup? as u32,
            replications: replications? as u32,
            service_level_seconds: target?,
        };
        let arrivals = demand.most_expected_arrivals();
        if arrivals > MAX_ARRIVALS {
            let most = demand.customers_per_day * MAX_ARRIVALS / arrivals;
            self.problem(
                &o.field("customers_per_day"),
                format!(
                    "a replication could see {} arrivals (warm-up, measured days and up to {MAX_RUN_OUT_DAYS} days of run-out); \
                     at most 10,000,000 are simulated: lower the volume to at most {} a day, or the days",
                    pretty(arrivals.round()),
                    pretty(most.floor()),
                ),
            );
            return None;
        }
        Some(demand)
    }

    /// A list of `N` weights ≥ 0, at least one above 0; `default` when
    /// absent.
    fn weights<const N: usize>(&mut self, o: &Obj, key: &str, default: [f64; N], what: &str) -> Option<[f64; N]> {
        let path = o.field(key);
        let Some(value) = o.get(key) else { return Some(default) };
        let Value::Array(items) = value else {
            self.problem(&path, format!("must be a list of {N} weights ({what}), not {}", describe(value)));
            return None;
        };
        if items.len() != N {
            self.problem(&path, format!("{N} values expected ({what}), got {}", items.len()));
            return None;
        }
        let mut weights = [0.0; N];
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match item.as_f64() {
                Some(w) if w.is_finite() && (0.0..=MAX_VALUE).contains(&w) => weights[i] = w,
                Some(w) => {
                    self.problem(&format!("{path}[{i}]"), format!("{} is not a weight (it must be from 0 to 1,000,000,000)", pretty(w)));
                    ok = false;
                }
                None => {
                    self.problem(&format!("{path}[{i}]"), format!("must be a number, not {}", describe(item)));
                    ok = false;
                }
            }
        }
        if ok && weights.iter().all(|w| *w == 0.0) {
            self.problem(&path, "at least one weight must be above 0");
            return None;
        }
        ok.then_some(weights)
    }

    /// An answer target in seconds: above 0, at most a week.
    fn seconds(&mut self, o: &Obj, key: &str, default: Option<f64>) -> Option<f64> {
        let x = self.non_negative(o, key, default)?;
        if x <= 0.0 || x > 7.0 * 86_400.0 {
            self.problem(&o.field(key), format!("{} is not an answer target (it must be above 0 and at most 604,800 s, a week)", pretty(x)));
            return None;
        }
        Some(x)
    }

    /// The `staffing` of an agent or tier 2: `Some(None)` when absent,
    /// `None` when it has problems (see `optional`).
    pub(super) fn staffing_of(&mut self, o: &Obj) -> Option<Option<Staffing>> {
        let Some(value) = o.get("staffing") else { return Some(None) };
        let path = o.field("staffing");
        if !self.has_demand {
            self.problem(
                &path,
                "needs the study's demand (customers per day): staffed agents answer the customers who arrive. \
                 Add a demand section, or remove the staffing to draw waits from hold_minutes",
            );
            return None;
        }
        let s = self.object(value, &path, &["agents", "concurrency", "queue", "cost_per_agent_hour", "service_level_seconds"])?;
        let agents = self.roster(&s);
        let concurrency = self.whole(&s, "concurrency", Some(1), 1, u64::from(MAX_CONCURRENCY));
        let queue = match s.get("queue") {
            None => Some(None),
            Some(_) => self.text(&s, "queue", None).and_then(|q| match q.as_str() {
                "live" => Some(Some(QueueKind::Live)),
                "backlog" => Some(Some(QueueKind::Backlog)),
                other => {
                    self.problem(&s.field("queue"), format!("\"{other}\" is not a queue (use live or backlog)"));
                    None
                }
            }),
        };
        let cost = self.non_negative(&s, "cost_per_agent_hour", Some(0.0));
        let target = match s.get("service_level_seconds") {
            None => Some(None),
            Some(_) => self.seconds(&s, "service_level_seconds", None).map(Some),
        };
        Some(Some(Staffing {
            agents: agents?,
            concurrency: concurrency? as u32,
            queue: queue?,
            cost_per_agent_hour: cost?,
            service_level_seconds: target?,
        }))
    }

    /// `agents`: one whole number, or 24 or 168 of them; not all 0.
    fn roster(&mut self, o: &Obj) -> Option<Roster> {
        let path = o.field("agents");
        let roster = match o.get("agents") {
            None => {
                self.problem(&path, format!("is missing: the agents on duty, as {ROSTER_SHAPES}"));
                return None;
            }
            Some(Value::Number(_)) => Roster::Constant(self.whole(o, "agents", None, 0, u64::from(MAX_AGENTS))? as u32),
            Some(Value::Array(items)) => {
                let expected = if items.len().abs_diff(24) <= items.len().abs_diff(WEEK_HOURS) { 24 } else { WEEK_HOURS };
                if items.len() != expected {
                    let what = if expected == 24 { "one per hour" } else { "one per hour of the week" };
                    self.problem(&path, format!("{expected} values expected ({what}), got {}", items.len()));
                    return None;
                }
                let mut hours = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    match item.as_u64().filter(|n| *n <= u64::from(MAX_AGENTS)) {
                        Some(n) => hours.push(n as u32),
                        None => self.problem(
                            &format!("{path}[{i}]"),
                            format!("must be a whole number of agents from 0 to 100,000, not {}", describe(item)),
                        ),
                    }
                }
                if hours.len() != items.len() {
                    return None;
                }
                match <[u32; 24]>::try_from(hours.as_slice()) {
                    Ok(day) => Roster::ByHour(day),
                    Err(_) => Roster::ByWeekHour(Box::new(std::array::from_fn(|h| hours[h]))),
                }
            }
            Some(other) => {
                self.problem(&path, format!("must be {ROSTER_SHAPES}, not {}", describe(other)));
                return None;
            }
        };
        if roster.week().iter().all(|n| *n == 0) {
            self.problem(&path, "at least one hour needs an agent on duty (a pool with no agents is never open)");
            return None;
        }
        Some(roster)
    }
}

/// Advice on a valid study: what it holds that will not be used, and what
/// looks like a mistake without being one. Each with the path it is about.
pub fn advice(study: &Study) -> Vec<Problem> {
    let mut advice = Vec::new();
    let mut say = |path: String, message: &str| advice.push(Problem { path, message: message.to_owned() });
    for (d, design) in study.designs.iter().enumerate() {
        for (c, channel) in design.channels.iter().enumerate() {
            let Some(agent) = &channel.agent else { continue };
            let path = format!("designs[{d}].channels[{c}].agent");
            if let Some(staffing) = &agent.staffing {
                if agent.hold_minutes.is_some() {
                    say(join(&path, "hold_minutes"), "is kept but not used: this agent is staffed, so its waits come from its queue");
                }
                if staffing.queue() == QueueKind::Backlog && agent.response_delay_hours.is_some() {
                    say(
                        join(&path, "response_delay_hours"),
                        "is kept but not used: in a backlog queue the time to an answer emerges from the agents on duty",
                    );
                }
                // Telephony or licences per handled minute are expected on
                // top of paid hours; a per-minute cost at half the hourly
                // pay or more looks like the agent's pay counted twice.
                if staffing.cost_per_agent_hour > 0.0 && agent.cost_per_minute * 60.0 >= staffing.cost_per_agent_hour / 2.0 {
                    say(
                        join(&path, "cost_per_minute"),
                        "is paid on top of cost_per_agent_hour and is at least half of it an hour: in a staffed study it should hold only what is not paid agent time (telephony, say)",
                    );
                }
            }
            let Some(tier2) = &agent.tier2 else { continue };
            let path = join(&path, "tier2");
            if let Some(staffing) = &tier2.staffing {
                if tier2.hold_minutes.is_some() {
                    say(join(&path, "hold_minutes"), "is kept but not used: this tier 2 is staffed, so its waits come from its queue");
                }
                if let Some(tier1) = &agent.staffing
                    && let Some(own) = staffing.queue
                    && own != tier1.queue()
                {
                    let words = match tier1.queue() {
                        QueueKind::Live => "is not used: a tier 2 takes its staffed tier 1's queue, live",
                        QueueKind::Backlog => "is not used: a tier 2 takes its staffed tier 1's queue, backlog",
                    };
                    say(join(&path, "staffing.queue"), words);
                }
            }
        }
        if let Some(demand) = &study.demand
            && let Some(hours) = closed_hours(design, demand)
        {
            say(
                format!("designs[{d}]"),
                &format!(
                    "customers arrive {hours} but no channel they can choose first has anyone on duty then: they all find it closed"
                ),
            );
        }
    }
    advice
}

/// The hours of the week with arrivals in which every channel a customer
/// may choose first is closed (a staffed live agent with no one on duty
/// and no self-service in front), in words, or `None`.
fn closed_hours(design: &Design, demand: &Demand) -> Option<String> {
    let rates = demand.rates_per_minute();
    let used: Vec<usize> = (0..design.channels.len())
        .filter(|c| {
            design.personas.iter().any(|p| p.share > 0.0 && p.channel_mix.entries.iter().any(|(i, _, w)| i == c && *w > 0.0))
        })
        .collect();
    let open = |c: usize, hour: usize| {
        let channel = &design.channels[c];
        channel.self_service.is_some()
            || channel.agent.as_ref().is_none_or(|a| match &a.staffing {
                None => true,
                Some(s) => s.queue() == QueueKind::Backlog || s.agents.agents(hour) > 0,
            })
    };
    let closed: Vec<bool> = (0..WEEK_HOURS).map(|h| rates[h] > 0.0 && !used.iter().any(|&c| open(c, h))).collect();
    if !closed.contains(&true) {
        return None;
    }
    const DAYS: [&str; 7] = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"];
    let mut spans = Vec::new();
    let mut h = 0;
    while h < WEEK_HOURS {
        if !closed[h] {
            h += 1;
            continue;
        }
        let start = h;
        while h < WEEK_HOURS && closed[h] && h / 24 == start / 24 {
            h += 1;
        }
        spans.push(format!("{} {:02}:00–{:02}:00", DAYS[start / 24], start % 24, (h - 1) % 24 + 1));
    }
    let more = spans.len().saturating_sub(4);
    spans.truncate(4);
    let mut words = spans.join(", ");
    if more > 0 {
        words.push_str(&format!(" and {more} more spans"));
    }
    Some(words)
}
