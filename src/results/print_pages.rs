//! The printed report's later pages (print only; `print.rs` is the first
//! page, the answer). After the answer come the paths and the experience
//! (the results' own sections, shown in print by `public/results.css`),
//! then, from here: one customer told in every design, and the appendix:
//! what the study assumes, how the figures were made, and how to get the
//! same numbers again.

use std::sync::Arc;

use journey_engine::{Channel, KPIS, Report, SmallestChanges, Study};
use leptos::prelude::*;

use super::format::{count, number};
use super::stories::{CustomerPick, StorySide, pick_story, story_side};

/// The customer told in print: the one the first variant changes most,
/// in every design.
pub fn printed_story(report: &Report, study: &Study) -> Option<(String, Vec<StorySide>)> {
    let story = pick_story(report, 1.min(report.designs.len().saturating_sub(1)), CustomerPick::MostChanged, 0)?;
    let persona = report.designs.first()?.stories.get(story)?.persona.clone();
    let sides: Vec<StorySide> = (0..report.designs.len()).filter_map(|d| story_side(report, study, d, story)).collect();
    (!sides.is_empty()).then_some((persona, sides))
}

/// One customer, in every design, step by step.
#[component]
pub fn PrintStory(#[prop(into)] report: Signal<Option<Arc<Report>>>, #[prop(into)] study: Signal<Option<Arc<Study>>>) -> impl IntoView {
    move || {
        let (report, study) = (report.get()?, study.get()?);
        let (persona, sides) = printed_story(&report, &study)?;
        Some(view! {
            <section class="print-only print-story" aria-hidden="true">
                <h2>{format!("One customer in every design ({persona})")}</h2>
                <p class="print-note">
                    "The same simulated customer, with the same luck, meeting each design: the one whose journey the first variant changes most. "
                    "The number after each step is their satisfaction (0 to 100)."
                </p>
                <div class="print-story-sides">
                    {sides
                        .into_iter()
                        .map(|side| {
                            view! {
                                <div class="print-story-side">
                                    <h3>{side.design.clone()}</h3>
                                    <ol>
                                        {side
                                            .steps
                                            .iter()
                                            .map(|s| view! { <li>{format!("{}: {} ({})", s.elapsed, s.text, number(s.score, 0, false))}</li> })
                                            .collect_view()}
                                    </ol>
                                    <p><strong>{format!("{}; satisfaction {}.", side.outcome, number(side.satisfaction, 0, false))}</strong></p>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </section>
        })
    }
}

/// The study's inputs in brief, per channel of a design: (channel,
/// self-service containment, agent resolution, agents at the busiest hour).
fn channel_lines(channels: &[Channel]) -> Vec<[String; 4]> {
    let percent = |p: f64| format!("{}%", number(p * 100.0, 0, false));
    channels
        .iter()
        .map(|c| {
            let containment = c.self_service.as_ref().map_or("none".to_owned(), |s| format!("{}, contains {}", s.name, percent(s.containment)));
            let agent = c.agent.as_ref().map_or("none".to_owned(), |a| {
                format!("resolves {}, handle {} min on average", percent(a.resolution), number(a.handle_minutes.mean(), 1, false))
            });
            let peak = match c.agent.as_ref().map(|a| a.staffing.as_ref()) {
                None => "none".to_owned(),
                Some(None) => "wait drawn, not staffed".to_owned(),
                Some(Some(s)) => format!("{} at the busiest hour", s.agents.week().iter().max().copied().unwrap_or(0)),
            };
            [c.name.clone(), containment, agent, peak]
        })
        .collect()
}

/// Whether `report` is the study's whole run (not one stopped early).
fn finished(report: &Report, study: &Study) -> bool {
    match (&study.demand, report.replications) {
        (Some(demand), Some(r)) => r >= u64::from(demand.replications),
        _ => report.journeys >= study.journeys,
    }
}

/// What the figures rest on and how they were made.
#[component]
pub fn PrintAppendix(#[prop(into)] report: Signal<Option<Arc<Report>>>, #[prop(into)] study: Signal<Option<Arc<Study>>>) -> impl IntoView {
    move || {
        let (report, study) = (report.get()?, study.get()?);
        let baseline = study.designs.first()?;
        let volume = match &study.demand {
            Some(d) => format!(
                "A simulated contact centre: {} customers a day on average, arriving by the hour and weekday the study gives; {} measured days after {} warm-up, repeated {} times (replications). Waits come from the agents on duty.",
                count(d.customers_per_day.round() as u64),
                d.days,
                d.warmup_days,
                d.replications
            ),
            None => format!(
                "{} simulated customers per design, each on their own: waits are drawn from each channel\u{2019}s hold time, not from a queue.",
                count(study.journeys)
            ),
        };
        let personas: Vec<String> = baseline.personas.iter().map(|p| format!("{} {}%", p.name, number(p.share * 100.0, 0, false))).collect();
        let smallest: Vec<String> = KPIS
            .iter()
            .chain(&journey_engine::kpi::DERIVED_KPIS)
            .filter(|k| study.smallest_changes.set.iter().any(|(key, _)| key == &k.key))
            .map(|k| {
                let value = study.smallest_changes.of(k.key) * 100.0;
                let unit = if SmallestChanges::is_relative(k.key) { "%" } else { " points" };
                format!("{} {}{unit}", k.label, number(value, 2, false))
            })
            .collect();
        let smallest = if smallest.is_empty() {
            "half a percentage point for a rate, 1% of the baseline\u{2019}s value for any other figure".to_owned()
        } else {
            format!("as the study sets them ({}), else half a percentage point for a rate and 1% for any other figure", smallest.join(", "))
        };
        let link = window().location().href().unwrap_or_default();
        let observations = if study.is_centre() {
            "over the replications (Student\u{2019}s t), since customers of one simulated day share its queues"
        } else {
            "over the customers (the delta method for ratios)"
        };
        Some(view! {
            <section class="print-only print-appendix" aria-hidden="true">
                <h2>"Appendix: assumptions and method"</h2>
                <h3>"What the study assumes"</h3>
                <p>{volume}</p>
                <p>{format!("Customers of {}: {}.", baseline.name, personas.join(", "))}</p>
                <table class="print-assumptions">
                    <thead>
                        <tr>
                            <th scope="col">{format!("Channel ({})", baseline.name)}</th>
                            <th scope="col">"Self-service"</th>
                            <th scope="col">"Agents"</th>
                            <th scope="col">"Agents on duty"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {channel_lines(&baseline.channels)
                            .into_iter()
                            .map(|[a, b, c, d]| view! { <tr><th scope="row">{a}</th><td>{b}</td><td>{c}</td><td>{d}</td></tr> })
                            .collect_view()}
                    </tbody>
                </table>
                <p>"Every other design is the baseline with the changes listed on the first page."</p>
                <h3>"How the figures were made"</h3>
                <ul>
                    <li>"A Monte Carlo simulation: each figure is an average over many simulated customers, following the journey model of Journey Simulator (self-service, queue, agent, escalation, retries and channel switches)."</li>
                    <li>"Every design meets the same simulated customers with the same luck (common random numbers), so a change between designs is measured far more precisely than either design alone; its interval is that of the paired differences."</li>
                    <li>{format!("Each range is a 95% confidence interval, computed {observations}.")}</li>
                    <li>
                        "Verdicts: better or worse when the whole interval of a change lies on one side of no change; no detectable difference when it includes no change; negligible when it lies within the smallest change that matters: "
                        {smallest}
                        "."
                    </li>
                    <li>"Results are only as true as the study\u{2019}s inputs: hold and handle times, containment, resolution and patience are assumptions to check against the centre\u{2019}s own data."</li>
                </ul>
                <h3>"The same numbers again"</h3>
                <p>{super::print::run_summary(&report)}</p>
                <p>
                    {if finished(&report, &study) {
                        "The study travels whole in its link, seed included; opening it shows exactly these numbers:"
                    } else {
                        "This run was stopped before the end, so its figures are less precise than the study\u{2019}s full run. The study travels whole in its link, seed included; opening it gives the full run:"
                    }}
                </p>
                <p class="print-link"><a href=link.clone()>{link.clone()}</a></p>
            </section>
        })
    }
}
