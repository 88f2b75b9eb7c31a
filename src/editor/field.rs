//! One input bound to one place in the study draft, with its label and the
//! validator's problem at exactly that place.
//!
//! Every input has a visible `<label for>`; a problem is shown under it,
//! linked by `aria-describedby`, and marks it `aria-invalid`. Text inputs
//! keep what the person typed on screen even when the draft's value is
//! "the same" (`0.40` for `0.4`) or is not a number at all; they show the
//! draft's value again only when it changes from elsewhere (a preset, a
//! kind change, Undo).

use leptos::prelude::*;
use serde_json::Value;

use super::number_text::{read_numbers, read_roster, read_written_number, same_value, shown};
use crate::state::help::help_for;
use crate::state::{FieldPath, StudyState, path};

/// How a text input's text becomes a JSON value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Codec {
    /// Text as typed.
    Text,
    /// A number, or the typed text for the validator to report.
    Number,
    /// A whole number (the same, with a numeric keyboard on phones).
    Whole,
    /// A comma-separated list of numbers.
    Numbers,
    /// Agents on duty: one number, or a list of 24 or 168.
    Roster,
}

impl Codec {
    /// The value of `text`; `percent`: the field is a rate, so `20%` is 0.2.
    fn read(self, text: &str, percent: bool) -> Value {
        match self {
            Codec::Text => Value::String(text.to_owned()),
            Codec::Number | Codec::Whole => read_written_number(text, percent),
            Codec::Numbers => read_numbers(text),
            Codec::Roster => read_roster(text),
        }
    }

    fn input_mode(self) -> &'static str {
        match self {
            Codec::Text => "text",
            Codec::Whole => "numeric",
            Codec::Number | Codec::Numbers | Codec::Roster => "decimal",
        }
    }
}

/// A probability as a percentage for people: `= 45%`, or `≈ 12.3%` when
/// rounded.
pub fn percent_words(p: f64) -> String {
    let exact = p * 100.0;
    let shown = super::distribution_shape::nice(exact);
    let sign = if (shown - exact).abs() <= 1e-9 * exact.abs().max(1.0) { "=" } else { "\u{2248}" };
    format!("{sign} {}%", super::number_text::format_f64(shown))
}

/// Ids of a field's helper texts, for `aria-describedby`.
fn described_by(id: &str, help: bool, hint: bool, problem: bool) -> Option<String> {
    let ids: Vec<String> =
        [(help, "help"), (hint, "hint"), (problem, "problem")].iter().filter(|(on, _)| *on).map(|(_, s)| format!("{id}-{s}")).collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The help text of the field at `path` (`state/help.rs`), under the
/// field: what it means, its unit, a typical range. Shown when the person
/// asks for help (the editing bar) and always read by screen readers with
/// the field; `id` is the field's own id.
#[component]
pub fn FieldHelp(path: String, id: String) -> impl IntoView {
    help_for(&path).map(|text| view! { <p class="field-help" id=format!("{id}-help")>{text}</p> })
}

/// `aria-describedby` for a field that has help and maybe a problem.
pub fn help_and_problem(id: &str, path: &str, problem: bool) -> Option<String> {
    described_by(id, help_for(path).is_some(), false, problem)
}

/// A labelled text input for the value at `path`.
#[component]
pub fn Field(
    /// Where the value lives in the study.
    path: FieldPath,
    /// What it is, in words.
    #[prop(into)]
    label: Signal<String>,
    /// The unit or range, shown after the label: `min`, `0–1`, `USD`.
    #[prop(into, optional)]
    unit: MaybeProp<String>,
    #[prop(optional)] codec: Option<Codec>,
    /// For a probability: shows it as a percentage beside the field.
    #[prop(optional)]
    percent: bool,
    /// An empty field removes the value (a channel weight: absent is 0).
    #[prop(optional)]
    empty_removes: bool,
    /// Shown while the field is empty.
    #[prop(optional)]
    placeholder: &'static str,
    /// Instead of writing the draft on every keystroke, hand the text to
    /// this callback when the person leaves the field or presses Enter
    /// (for a channel's name, which persona mixes refer to).
    #[prop(optional)]
    on_commit: Option<Callback<String>>,
    /// Extra class for the wrapper (`wide` spans the row).
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let state = StudyState::get();
    let codec = codec.unwrap_or(Codec::Text);
    let id = path.dom_id();
    let path_text = path.to_string();
    // The path on the element, so "the same field in another design" can
    // be found from the one with focus (focus.rs).
    let data_path = path_text.clone();
    let value = state.value_at(path.clone());
    let typed = StoredValue::new(None::<String>);
    let problem = Memo::new(move |_| state.problem_at(&path_text));

    // What the input shows: the typed text while it still stands for the
    // draft's value, else the draft's value.
    let text = move || {
        let current = value.get();
        let kept = typed.get_value().filter(|t| match &current {
            Some(v) => same_value(&codec.read(t, percent), v),
            None => t.trim().is_empty(),
        });
        kept.unwrap_or_else(|| current.as_ref().map(shown).unwrap_or_default())
    };
    let percent_hint = move || {
        let v = value.get()?.as_f64()?;
        (0.0..=1.0).contains(&v).then(|| percent_words(v))
    };

    let write_path = path.clone();
    let write = move |raw: String| {
        if empty_removes && raw.trim().is_empty() {
            state.edit(|d| {
                path::remove(d, &write_path);
            });
        } else {
            state.set_at(&write_path, codec.read(&raw, percent));
        }
    };
    let on_input = move |ev| {
        let raw = event_target_value(&ev);
        typed.set_value(Some(raw.clone()));
        if on_commit.is_none() {
            write(raw);
        }
    };
    let on_change = move |ev| {
        // Leaving the field ends its step of Undo.
        state.end_typing();
        if let Some(commit) = on_commit {
            commit.run(event_target_value(&ev));
        }
    };

    let hint_id = format!("{id}-hint");
    let problem_id = format!("{id}-problem");
    let describe_id = id.clone();
    let has_help = help_for(&data_path).is_some();
    let data_help = data_path.clone();
    view! {
        <div class=format!("field {class}") class:field-invalid=move || problem.with(Option::is_some)>
            <label for=id.clone()>
                {label} {move || unit.get().map(|u| view! { <span class="unit">" (" {u} ")"</span> })}
            </label>
            <input
                id=id.clone()
                data-path=data_path
                type="text"
                inputmode=codec.input_mode()
                autocomplete="off"
                spellcheck=if codec == Codec::Text { "true" } else { "false" }
                placeholder=placeholder
                prop:value=text
                on:input=on_input
                on:change=on_change
                aria-invalid=move || problem.with(Option::is_some).then_some("true")
                aria-describedby=move || {
                    described_by(&describe_id, has_help, percent && percent_hint().is_some(), problem.with(Option::is_some))
                }
            />
            <FieldHelp path=data_help.clone() id=id.clone() />
            {percent.then(|| view! { <span class="field-hint" id=hint_id.clone()>{percent_hint}</span> })}
            {move || problem.get().map(|message| view! { <p class="field-problem" id=problem_id.clone()>{message}</p> })}
        </div>
    }
}

/// A labelled checkbox for the true/false value at `path`.
#[component]
pub fn CheckField(
    path: FieldPath,
    #[prop(into)] label: String,
    /// Used when the study leaves the value out.
    #[prop(optional)]
    default: bool,
) -> impl IntoView {
    let state = StudyState::get();
    let id = path.dom_id();
    let path_text = path.to_string();
    // The path on the element, so "the same field in another design" can
    // be found from the one with focus (focus.rs).
    let data_path = path_text.clone();
    let value = state.value_at(path.clone());
    let problem = Memo::new(move |_| state.problem_at(&path_text));
    let checked = move || value.with(|v| v.as_ref().and_then(Value::as_bool).unwrap_or(default));
    let problem_id = format!("{id}-problem");
    let (describe_id, describe_path, help_path) = (id.clone(), data_path.clone(), data_path.clone());
    view! {
        <div class="field field-check" class:field-invalid=move || problem.with(Option::is_some)>
            <input
                id=id.clone()
                data-path=data_path
                type="checkbox"
                prop:checked=checked
                on:change=move |ev| state.set_at(&path, Value::Bool(event_target_checked(&ev)))
                aria-invalid=move || problem.with(Option::is_some).then_some("true")
                aria-describedby=move || help_and_problem(&describe_id, &describe_path, problem.with(Option::is_some))
            />
            <label for=id.clone()>{label}</label>
            <FieldHelp path=help_path id=id />
            {move || problem.get().map(|message| view! { <p class="field-problem" id=problem_id.clone()>{message}</p> })}
        </div>
    }
}

/// A labelled drop-down for the text value at `path`.
#[component]
pub fn SelectField(
    path: FieldPath,
    #[prop(into)] label: String,
    /// `(value, words)` of each choice.
    options: Vec<(&'static str, String)>,
    /// The choice shown when the study leaves the value out.
    #[prop(optional)]
    default: &'static str,
) -> impl IntoView {
    let state = StudyState::get();
    let id = path.dom_id();
    let path_text = path.to_string();
    // The path on the element, so "the same field in another design" can
    // be found from the one with focus (focus.rs).
    let data_path = path_text.clone();
    let value = state.value_at(path.clone());
    let problem = Memo::new(move |_| state.problem_at(&path_text));
    let current = move || value.with(|v| v.as_ref().and_then(Value::as_str).unwrap_or(default).to_owned());
    let problem_id = format!("{id}-problem");
    let (describe_id, describe_path, help_path) = (id.clone(), data_path.clone(), data_path.clone());
    view! {
        <div class="field" class:field-invalid=move || problem.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <select
                id=id.clone()
                data-path=data_path
                on:change=move |ev| state.set_at(&path, Value::String(event_target_value(&ev)))
                aria-invalid=move || problem.with(Option::is_some).then_some("true")
                aria-describedby=move || help_and_problem(&describe_id, &describe_path, problem.with(Option::is_some))
                prop:value=current
            >
                {options
                    .into_iter()
                    .map(|(value, words)| {
                        view! {
                            <option value=value selected=move || current() == value>
                                {words}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <FieldHelp path=help_path id=id.clone() />
            {move || problem.get().map(|message| view! { <p class="field-problem" id=problem_id.clone()>{message}</p> })}
        </div>
    }
}

/// The validator's problem with a whole section (a persona, a channel, a
/// list), shown at the top of that section.
#[component]
pub fn SectionProblem(path: FieldPath) -> impl IntoView {
    let state = StudyState::get();
    let path_text = path.to_string();
    move || state.problem_at(&path_text).map(|message| view! { <p class="section-problem">{message}</p> })
}

#[cfg(test)]
mod tests {
    use super::percent_words;

    #[test]
    fn percentages_say_when_they_are_rounded() {
        assert_eq!(percent_words(0.45), "= 45%");
        assert_eq!(percent_words(0.07), "= 7%");
        assert_eq!(percent_words(1.0), "= 100%");
        assert_eq!(percent_words(0.125), "= 12.5%");
        assert_eq!(percent_words(0.123456), "\u{2248} 12.3%");
    }
}
