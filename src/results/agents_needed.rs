//! Agents needed: the fewest agents per hour of day that meet a chosen
//! service-level target, for every live staffed pool of every design,
//! found by the engine in Web Workers of their own (`run/staffing_search.rs`),
//! shown as agent hours a week and what a variant frees against the
//! baseline, and applied to a design with one click.

use journey_engine::Study;
use journey_engine::agents_needed::{DesignNeed, Target};
use leptos::prelude::*;
use serde_json::{Value, json};

use super::format::count;
use crate::run::{SearchState, StaffingSearch};
use crate::state::StudyState;

/// "Improved frees 1,393 agent hours a week against Current." for each
/// variant that has an answer.
pub fn frees_lines(needs: &[Option<Option<DesignNeed>>]) -> Vec<String> {
    let Some(Some(Some(base))) = needs.first() else { return Vec::new() };
    needs
        .iter()
        .skip(1)
        .filter_map(|n| n.as_ref().and_then(Option::as_ref))
        .map(|n| {
            let delta = i64::from(base.needed_agent_hours_per_week()) - i64::from(n.needed_agent_hours_per_week());
            let verb = if delta >= 0 { "frees" } else { "needs" };
            let more = if delta >= 0 { "" } else { " more" };
            format!("{} {verb} {}{more} agent hours a week against {} at this target.", n.design, count(delta.unsigned_abs()), base.design)
        })
        .collect()
}

/// Writes the found rosters of `need` into design `design` of the study
/// draft: each pool's `staffing.agents` becomes its 24 hours. Pools are
/// found by channel name and tier; any that is gone is left.
pub fn apply(draft: &mut Value, design: usize, need: &DesignNeed) {
    let Some(channels) = draft.pointer_mut(&format!("/designs/{design}/channels")).and_then(Value::as_array_mut) else { return };
    for pool in &need.pools {
        let Some(channel) = channels.iter_mut().find(|c| c.get("name").and_then(Value::as_str) == Some(pool.channel.as_str())) else {
            continue;
        };
        let staffing = match pool.tier {
            1 => channel.pointer_mut("/agent/staffing"),
            _ => channel.pointer_mut("/agent/tier2/staffing"),
        };
        if let Some(staffing) = staffing.and_then(Value::as_object_mut) {
            staffing.insert("agents".to_owned(), json!(pool.needed.to_vec()));
        }
    }
}

/// The agents-needed panel, for a simulated centre.
#[component]
pub fn AgentsNeeded(#[prop(into)] study: Signal<Option<std::sync::Arc<Study>>>) -> impl IntoView {
    let state = StudyState::get();
    let search = RwSignal::new(SearchState::default());
    let workers = StoredValue::new_local(StaffingSearch::default());
    let share = RwSignal::new("80".to_owned());
    let seconds = RwSignal::new(String::new());
    let is_centre = Memo::new(move |_| study.with(|s| s.as_ref().is_some_and(|s| s.is_centre())));
    let default_seconds = move || study.with(|s| s.as_ref().and_then(|s| s.demand.as_ref()).map_or(20.0, |d| d.service_level_seconds));
    let target = move || -> Result<Target, String> {
        let share: f64 = share.get().trim().trim_end_matches('%').replace(',', ".").parse().map_err(|_| "The share must be a percentage such as 80.".to_owned())?;
        let text = seconds.get();
        let seconds: f64 = if text.trim().is_empty() { default_seconds() } else { text.trim().replace(',', ".").parse().map_err(|_| "The time must be a number of seconds such as 20.".to_owned())? };
        if !(share > 0.0 && share <= 100.0) {
            return Err("The share must be above 0% and at most 100%.".to_owned());
        }
        if !(seconds > 0.0 && seconds <= 604_800.0) {
            return Err("The time must be above 0 seconds and at most a week.".to_owned());
        }
        Ok(Target { share: share / 100.0, seconds })
    };
    let problem = Memo::new(move |_| target().err());
    let find = move |_| {
        let (Ok(target), Some(study)) = (target(), study.get_untracked()) else { return };
        workers.update_value(|w| w.start(study, target, search));
    };
    // Whether the answers are for the study now on screen.
    let current = Memo::new(move |_| search.with(|s| study.with(|st| st.is_some() && *st == s.study)));
    view! {
        // Built only for a centre: hidden inputs would be fields without a
        // visible label.
        <Show when=move || is_centre.get()>
        <section class="results-section agents-needed" aria-labelledby="agents-needed-heading">
            <h3 id="agents-needed-heading">"Agents needed"</h3>
            <p class="section-note">
                "The fewest agents in each hour of the day that meet a service-level target in every live pool, found by simulating each design again and again with the same customers: one agent fewer in any open hour misses the target. Closed hours stay closed. It takes tens of runs: about a minute for the examples."
            </p>
            <div class="fields agents-target">
                <div class="field">
                    <label for="agents-share">"Answered within target" <span class="unit">" (%)"</span></label>
                    <input id="agents-share" type="text" inputmode="decimal" prop:value=share on:input=move |ev| share.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="agents-seconds">"Target time" <span class="unit">" (seconds)"</span></label>
                    <input
                        id="agents-seconds"
                        type="text"
                        inputmode="decimal"
                        placeholder=move || number_text(default_seconds())
                        prop:value=seconds
                        on:input=move |ev| seconds.set(event_target_value(&ev))
                    />
                </div>
                <button type="button" on:click=find disabled=move || problem.with(Option::is_some) || search.with(SearchState::searching)>
                    "Find the agents needed"
                </button>
            </div>
            {move || problem.get().map(|p| view! { <p class="field-problem">{p}</p> })}
            <p class="agents-status" role="status">
                {move || {
                    search.with(|s| {
                        if let Some(e) = &s.error {
                            e.clone()
                        } else if s.searching() {
                            let done = s.needs.iter().filter(|n| n.is_some()).count();
                            format!("Searching: {done} of {} designs done…", s.needs.len())
                        } else if !s.needs.is_empty() && !current.get() {
                            "The study has changed since this search: find again for its figures.".to_owned()
                        } else {
                            String::new()
                        }
                    })
                }}
            </p>
            <ul class="agents-frees">{move || search.with(|s| frees_lines(&s.needs)).into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            {move || {
                search
                    .get()
                    .needs
                    .into_iter()
                    .enumerate()
                    .filter_map(|(d, n)| n.flatten().map(|n| (d, n)))
                    .map(|(d, need)| {
                        let applied = need.clone();
                        let apply_click = move |_| state.edit(|draft| apply(draft, d, &applied));
                        view! {
                            <div class="agents-design" data-design=need.design.clone()>
                                <h4>
                                    {format!("{}: {} agent hours a week", need.design, count(u64::from(need.needed_agent_hours_per_week())))}
                                </h4>
                                <div class="table-scroll">
                                    <table class="agents-table">
                                        <caption class="visually-hidden">{format!("Agents needed by hour of day, {}", need.design)}</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">"Pool"</th>
                                                {(0..24).map(|h| view! { <th scope="col">{format!("{h:02}")}</th> }).collect_view()}
                                                <th scope="col">"h/week"</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {need
                                                .pools
                                                .iter()
                                                .flat_map(|p| {
                                                    let name = if p.tier == 1 { p.channel.clone() } else { format!("{} tier 2", p.channel) };
                                                    [
                                                        (format!("{name}: now"), p.current, p.current_agent_hours_per_week, "agents-now"),
                                                        (format!("{name}: needs"), p.needed, p.needed_agent_hours_per_week, "agents-needs"),
                                                    ]
                                                })
                                                .map(|(label, hours, week, class)| {
                                                    view! {
                                                        <tr class=class>
                                                            <th scope="row">{label}</th>
                                                            {hours.iter().map(|a| view! { <td>{a.to_string()}</td> }).collect_view()}
                                                            <td>{count(u64::from(week))}</td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                <button type="button" class="secondary" on:click=apply_click disabled=move || !current.get()>
                                    {format!("Apply to {}", need.design)}
                                </button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </section>
        </Show>
    }
}

/// A number as a placeholder shows it: `20`, `12.5`.
fn number_text(x: f64) -> String {
    if x.fract() == 0.0 { format!("{x:.0}") } else { x.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use journey_engine::agents_needed::PoolNeed;

    fn need(design: &str, hours: u32) -> DesignNeed {
        let mut needed = [0; 24];
        needed[9] = hours;
        DesignNeed {
            design: design.to_owned(),
            pools: vec![PoolNeed {
                channel: "Phone".to_owned(),
                tier: 1,
                current: [1; 24],
                needed,
                service_level: [None; 24],
                current_agent_hours_per_week: 168,
                needed_agent_hours_per_week: 7 * hours,
            }],
            evaluations: 3,
            met: true,
        }
    }

    #[test]
    fn a_variant_frees_the_hours_it_needs_fewer() {
        let needs = vec![Some(Some(need("Current", 10))), Some(Some(need("Improved", 6))), Some(Some(need("Worse", 12)))];
        assert_eq!(
            frees_lines(&needs),
            vec![
                "Improved frees 28 agent hours a week against Current at this target.".to_owned(),
                "Worse needs 14 more agent hours a week against Current at this target.".to_owned()
            ]
        );
        assert!(frees_lines(&[None, Some(Some(need("Improved", 6)))]).is_empty(), "nothing until the baseline is in");
    }

    #[test]
    fn applying_writes_each_pools_24_hours_into_its_design() {
        let preset = journey_engine::presets::find("password-reset").unwrap();
        let mut draft: Value = serde_json::to_value(Study::from_json(preset.json).unwrap()).unwrap();
        apply(&mut draft, 1, &need("Improved", 7));
        let phone = draft["designs"][1]["channels"].as_array().unwrap().iter().find(|c| c["name"] == "Phone").unwrap();
        let agents = phone["agent"]["staffing"]["agents"].as_array().unwrap();
        assert_eq!(agents.len(), 24);
        assert_eq!(agents[9], json!(7));
        // Current is untouched, and the study stays valid.
        assert_ne!(draft["designs"][0], draft["designs"][1]);
        Study::from_value(&draft).unwrap();
    }
}
