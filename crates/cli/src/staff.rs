//! `journey-sim staff`: the fewest agents per hour of day that meet a
//! service-level target, for every live staffed pool of every design
//! (`journey_engine::agents_needed`, whose module docs give the method),
//! and the agent hours each variant frees against the baseline.

use journey_engine::agents_needed::{DesignNeed, Target, agents_needed};
use serde::Serialize;

use crate::args::{Format, StaffArgs, default_threads};
use crate::error::CliError;
use crate::format::thousands;
use crate::table::align;
use crate::{input, override_replications, print, warn};

/// The JSON answer.
#[derive(Serialize)]
struct Answer<'a> {
    title: &'a str,
    seed: u64,
    replications: u32,
    target: Target,
    designs: &'a [DesignNeed],
    /// Agent hours a week each variant needs fewer than the baseline
    /// (negative: more).
    frees: Vec<Frees>,
}

#[derive(Serialize)]
struct Frees {
    design: String,
    baseline: String,
    agent_hours_per_week: i64,
}

pub fn staff(args: StaffArgs) -> Result<(), CliError> {
    let format = args.format.unwrap_or(Format::Table);
    if format == Format::Csv {
        return Err(CliError::Input("staff prints a table or JSON (--format table or json)".to_owned()));
    }
    let (source, mut study) = input::load(&args.study)?;
    override_replications(&mut study, args.replications)?;
    let Some(demand) = &study.demand else {
        return Err(CliError::Input(
            "staff needs a simulated centre: this study has no demand (volume), so its waits are drawn, not staffed".to_owned(),
        ));
    };
    let replications = demand.replications;
    warn(&source.label(), &study);
    let threads = args.threads.unwrap_or_else(default_threads);
    let needs: Vec<DesignNeed> = (0..study.designs.len()).filter_map(|d| agents_needed(&study, d, args.target, threads)).collect();
    if needs.is_empty() {
        return Err(CliError::Input("no design has a live staffed pool (agents with staffing and a live queue) to staff".to_owned()));
    }
    let frees = needs
        .iter()
        .skip(1)
        .filter(|_| needs[0].design == study.designs[0].name)
        .map(|n| Frees { design: n.design.clone(), baseline: needs[0].design.clone(), agent_hours_per_week: i64::from(needs[0].needed_agent_hours_per_week()) - i64::from(n.needed_agent_hours_per_week()) })
        .collect::<Vec<_>>();
    let text = match format {
        Format::Json => {
            let answer = Answer { title: &study.title, seed: study.seed, replications, target: args.target, designs: &needs, frees };
            let mut text = serde_json::to_string_pretty(&answer).map_err(|e| CliError::Internal(format!("the answer could not be written as JSON: {e}")))?;
            text.push('\n');
            text
        }
        _ => table(&study.title, replications, args.target, &needs, &frees),
    };
    print(&text)
}

fn table(title: &str, replications: u32, target: Target, needs: &[DesignNeed], frees: &[Frees]) -> String {
    let mut out = format!(
        "{title}\nAgents needed to answer {}% of contacts within {} s, by hour of day (every day), {} replications per evaluation\n\n",
        target.share * 100.0,
        target.seconds,
        replications
    );
    let mut header = vec!["Pool and design".to_owned()];
    header.extend((0..24).map(|h| format!("{h:02}")));
    header.push("hours/week".to_owned());
    let mut lines = vec![header];
    // Pools in the baseline's order, then any a variant adds.
    let mut pools: Vec<(String, u8)> = Vec::new();
    for need in needs {
        for p in &need.pools {
            if !pools.contains(&(p.channel.clone(), p.tier)) {
                pools.push((p.channel.clone(), p.tier));
            }
        }
    }
    for (channel, tier) in &pools {
        lines.push(vec![format!("{channel} (tier {tier})")]);
        for need in needs {
            let Some(pool) = need.pools.iter().find(|p| p.channel == *channel && p.tier == *tier) else { continue };
            let mut now = vec![format!("  {} now", need.design)];
            now.extend(pool.current.iter().map(u32::to_string));
            now.push(thousands(u64::from(pool.current_agent_hours_per_week)));
            lines.push(now);
            let mut needed = vec![format!("  {} needs", need.design)];
            needed.extend(pool.needed.iter().map(u32::to_string));
            needed.push(thousands(u64::from(pool.needed_agent_hours_per_week)));
            lines.push(needed);
        }
    }
    out.push_str(&align(&lines));
    out.push('\n');
    let runs: u32 = needs.iter().map(|n| n.evaluations).sum();
    out.push_str(&format!("Found in {runs} simulations of the centre.\n"));
    for need in needs {
        if !need.met {
            out.push_str(&format!("{}: some hour still misses the target at the most agents a pool may have.\n", need.design));
        }
    }
    for f in frees {
        let verb = if f.agent_hours_per_week >= 0 { "frees" } else { "needs" };
        out.push_str(&format!(
            "{} {verb} {} agent hours a week against {} at this target.\n",
            f.design,
            thousands(f.agent_hours_per_week.unsigned_abs()),
            f.baseline
        ));
    }
    out.push_str(
        "Each hour's service level counts the contacts that entered the queue in that hour over the measured days;\n\
         closed hours stay closed and open hours keep at least one agent. One agent fewer in any open hour misses\n\
         the target in the same runs (common random numbers: every roster meets the same customers).\n",
    );
    out
}
