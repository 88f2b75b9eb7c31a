//! Staffing of a channel's agents or its tier 2 (MODEL.md `staffing`): with
//! it, the pool's waits come from the agents on duty in a simulated centre
//! instead of a hold-time distribution.
//!
//! Both ways are kept: the hold distribution stays in the study while the
//! pool is staffed (unused, and the engine's advice says so), and taking
//! staffing out and putting it back restores what it held, so switching
//! loses nothing typed.

use leptos::prelude::*;
use serde_json::Value;

use super::field::{Codec, Field, SelectField};
use super::optional_section::OptionalSection;
use super::templates;
use crate::state::{FieldPath, StudyState};

/// The staffing choice of the agent or tier 2 at `owner`.
#[component]
pub fn StaffingSection(
    owner: FieldPath,
    /// A tier 2 takes its tier 1's queue kind when tier 1 is staffed.
    #[prop(optional)]
    tier2: bool,
) -> impl IntoView {
    let state = StudyState::get();
    let staffing = owner.key("staffing");
    let toggle = staffing.clone();
    let has_volume = state.value_at(FieldPath::root().key("demand"));
    let has_volume = Memo::new(move |_| has_volume.with(|v| v.as_ref().is_some_and(|v| !v.is_null())));
    let label = if tier2 { "Staffed: specialists on duty answer escalations in turn" } else { "Staffed: agents on duty answer in turn (waits from load)" };
    view! {
        <OptionalSection path=toggle label=label template=templates::staffing>
            <p class="section-note" hidden=move || has_volume.get()>
                "Staffing needs the study's volume: turn on \u{201c}Simulate the centre\u{201d} under Volume."
            </p>
            <StaffingFields staffing=staffing.clone() tier2=tier2 />
        </OptionalSection>
    }
}

#[component]
fn StaffingFields(staffing: FieldPath, tier2: bool) -> impl IntoView {
    let state = StudyState::get();
    let code = state.value_at(FieldPath::root().key("currency"));
    let currency = Signal::derive(move || code.with(|c| format!("{} per hour", c.as_ref().and_then(Value::as_str).unwrap_or(""))));
    let queues = vec![
        ("live", "Live: customers wait on the line and may give up".to_owned()),
        ("backlog", "Backlog: contacts wait until taken (email, social, SMS)".to_owned()),
    ];
    view! {
        <div class="fields">
            <Field
                path=staffing.key("agents")
                label="Agents on duty"
                unit="one number, or 24 by hour of day, or 168 by hour of week"
                codec=Codec::Roster
                class="wide"
            />
            <div class="wide roster-cell">
                <RosterGrid path=staffing.key("agents") />
            </div>
            <Field path=staffing.key("concurrency") label="Contacts an agent works at once" unit="1–10" codec=Codec::Whole placeholder="1" />
            <Field path=staffing.key("cost_per_agent_hour") label="Cost per agent hour on duty" unit=currency codec=Codec::Number placeholder="0" />
            {(!tier2).then(|| view! { <SelectField path=staffing.key("queue") label="Queue" options=queues default="live" /> })}
        </div>
        <p class="section-note">
            "While staffed, the hold-time distribution above is kept but not used. The cost per handle minute should then hold only what paid agent time does not."
        </p>
    }
}

/// Weekday names of a roster by hour of week, Monday first (MODEL.md).
const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// How a roster is laid out: one number, a day, or a week.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RosterShape {
    Constant,
    ByHour,
    ByWeekHour,
}

/// The roster at `value` as rows of agents (one row of 24 by hour of day,
/// seven of 24 by hour of week, none for one number or anything else).
pub fn roster_rows(value: Option<&Value>) -> (RosterShape, Vec<Vec<Option<u64>>>) {
    match value.and_then(Value::as_array) {
        Some(items) if items.len() == 24 || items.len() == 168 => {
            let cells: Vec<Option<u64>> = items.iter().map(Value::as_u64).collect();
            let shape = if items.len() == 24 { RosterShape::ByHour } else { RosterShape::ByWeekHour };
            (shape, cells.chunks(24).map(<[Option<u64>]>::to_vec).collect())
        }
        _ => (RosterShape::Constant, Vec::new()),
    }
}

/// The roster turned into `shape`, keeping what it said: a constant fills
/// every hour, a day is repeated over the week, and a week becomes each
/// hour's largest day (no hour loses agents).
pub fn reshape(value: Option<&Value>, shape: RosterShape) -> Value {
    let week: Vec<u64> = match value {
        Some(Value::Number(n)) => vec![n.as_u64().unwrap_or(0); 168],
        Some(Value::Array(items)) if items.len() == 24 => (0..168).map(|h| items[h % 24].as_u64().unwrap_or(0)).collect(),
        Some(Value::Array(items)) if items.len() == 168 => items.iter().map(|v| v.as_u64().unwrap_or(0)).collect(),
        _ => vec![0; 168],
    };
    let day: Vec<u64> = (0..24).map(|h| (0..7).map(|d| week[d * 24 + h]).max().unwrap_or(0)).collect();
    match shape {
        RosterShape::Constant => Value::from(day.iter().copied().max().unwrap_or(0)),
        RosterShape::ByHour => Value::from(day),
        RosterShape::ByWeekHour => Value::from(week),
    }
}

/// The roster as a compact grid of numbers (a row per day, a column per
/// hour), with a choice of shape; each cell edits one hour.
#[component]
pub fn RosterGrid(path: FieldPath) -> impl IntoView {
    let state = StudyState::get();
    let value = state.value_at(path.clone());
    let rows = Memo::new(move |_| value.with(|v| roster_rows(v.as_ref())));
    let shape_path = path.clone();
    let set_shape = move |shape: RosterShape| {
        let current = value.get_untracked();
        state.set_at(&shape_path, reshape(current.as_ref(), shape));
    };
    let choices = [(RosterShape::Constant, "All day, every day"), (RosterShape::ByHour, "By hour of day"), (RosterShape::ByWeekHour, "By hour of week")];
    view! {
        <div class="roster">
            <div class="toggle roster-shape" role="group" aria-label="Agents on duty given">
                {choices
                    .into_iter()
                    .map(|(shape, words)| {
                        let set = set_shape.clone();
                        view! {
                            <button
                                type="button"
                                class="toggle-option"
                                aria-pressed=move || (rows.with(|r| r.0) == shape).to_string()
                                on:click=move |_| set(shape)
                            >
                                {words}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            {move || {
                let (shape, grid) = rows.get();
                (shape != RosterShape::Constant)
                    .then(|| {
                        let path = path.clone();
                        view! {
                            <div class="table-scroll">
                                <table class="roster-grid">
                                    <caption class="visually-hidden">"Agents on duty by hour"</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{if shape == RosterShape::ByHour { "Hour" } else { "Day" }}</th>
                                            {(0..24).map(|h| view! { <th scope="col">{format!("{h:02}")}</th> }).collect_view()}
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {grid
                                            .into_iter()
                                            .enumerate()
                                            .map(|(d, row)| {
                                                let day = if shape == RosterShape::ByHour { "Every day" } else { DAYS[d] };
                                                let path = path.clone();
                                                view! {
                                                    <tr>
                                                        <th scope="row">{day}</th>
                                                        {row
                                                            .into_iter()
                                                            .enumerate()
                                                            .map(|(h, agents)| {
                                                                let path = path.clone();
                                                                let index = d * 24 + h;
                                                                // The row and column headers label the cell on
                                                                // screen; the label says it in words.
                                                                let id = format!("{}-{index}", path.dom_id());
                                                                view! {
                                                                    <td>
                                                                        <label class="visually-hidden" for=id.clone()>
                                                                            {format!("Agents on duty, {day} {h:02}:00")}
                                                                        </label>
                                                                        <input
                                                                            id=id
                                                                            type="text"
                                                                            inputmode="numeric"
                                                                            prop:value=agents.map_or(String::new(), |a| a.to_string())
                                                                            on:change=move |ev| {
                                                                                let typed = super::number_text::read_number(&event_target_value(&ev));
                                                                                state.edit(|draft| {
                                                                                    if let Some(Value::Array(items)) = crate::state::path::get_mut(draft, &path)
                                                                                        && let Some(cell) = items.get_mut(index)
                                                                                    {
                                                                                        *cell = typed;
                                                                                    }
                                                                                });
                                                                            }
                                                                        />
                                                                    </td>
                                                                }
                                                            })
                                                            .collect_view()}
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_roster_changes_shape_without_losing_an_hours_agents() {
        let day: Vec<u64> = (0..24).map(|h| if (8..18).contains(&h) { 5 } else { 0 }).collect();
        let week = reshape(Some(&json!(day)), RosterShape::ByWeekHour);
        assert_eq!(week.as_array().map(Vec::len), Some(168));
        assert_eq!(week[24 + 9], json!(5), "Tuesday 09:00 keeps the day's agents");
        let mut busy_week = week.clone();
        busy_week[9] = json!(8); // Monday 09:00
        assert_eq!(reshape(Some(&busy_week), RosterShape::ByHour)[9], json!(8), "each hour's largest day");
        assert_eq!(reshape(Some(&busy_week), RosterShape::Constant), json!(8));
        assert_eq!(reshape(Some(&json!(3)), RosterShape::ByHour), json!(vec![3; 24]));
        let (shape, rows) = roster_rows(Some(&week));
        assert_eq!((shape, rows.len(), rows[0].len()), (RosterShape::ByWeekHour, 7, 24));
        assert_eq!(roster_rows(Some(&json!(4))).0, RosterShape::Constant);
    }
}
