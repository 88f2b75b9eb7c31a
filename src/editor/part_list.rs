//! What the parts of a design (its personas, its channels) have in common:
//! a list with a heading, an Add button and a card per part, and each
//! card's head, named after the part, with its Remove button.
//!
//! `persona_editor.rs` and `channel_editor.rs` give the words and the
//! fields; the list and the cards keep the same DOM for both (`part-list`,
//! `card <kind>`, ids from the field path), which the problem links and the
//! browser tests rely on.

use leptos::prelude::*;
use serde_json::Value;

use super::field::SectionProblem;
use crate::state::{FieldPath, StudyState, path};

/// Every part at `designs[design].<key>`, with Add and a card per part.
/// Add is offered below `max` parts; Remove while more than one is left.
#[component]
pub fn PartList<C, V>(
    design: usize,
    /// The design's list: `"personas"` or `"channels"`.
    key: &'static str,
    heading: &'static str,
    add_label: &'static str,
    /// One sentence under the heading.
    note: &'static str,
    max: usize,
    /// A new part for the design, made from what the design already holds.
    new_part: fn(&Value) -> Value,
    /// The card of the part at an index; the signal says whether it may be removed.
    card: C,
) -> impl IntoView
where
    C: Fn(usize, Signal<bool>) -> V + Send + Sync + Clone + 'static,
    V: IntoView + 'static,
{
    let state = StudyState::get();
    let list = FieldPath::design(design).key(key);
    let count = {
        let list = list.clone();
        Memo::new(move |_| state.draft().with(|d| path::get(d, &list).and_then(Value::as_array).map_or(0, Vec::len)))
    };
    let add = {
        let list = list.clone();
        move |_| {
            state.edit(|d| {
                let part = new_part(path::get(d, &FieldPath::design(design)).unwrap_or(&Value::Null));
                if let Some(Value::Array(items)) = path::get_mut(d, &list) {
                    items.push(part);
                }
            })
        }
    };
    let heading_id = format!("{}-heading", list.dom_id());
    let labelled_by = heading_id.clone();
    let list_id = list.dom_id();
    view! {
        <section class="part-list" id=list_id tabindex="-1" aria-labelledby=labelled_by>
            <div class="part-list-head">
                <h3 id=heading_id>{heading}</h3>
                <button type="button" class="secondary" on:click=add disabled=move || { count.get() >= max }>
                    {add_label}
                </button>
            </div>
            <p class="part-list-note">{note}</p>
            <SectionProblem path=list.clone() />
            <div class="cards">
                <For
                    each=move || 0..count.get()
                    key=|index| *index
                    children=move |index| card(index, Signal::derive(move || count.get() > 1))
                />
            </div>
        </section>
    }
}

/// One part's card: its name as the heading ("Unnamed persona" while it
/// has none), a Remove button, the problems of the part as a whole, then
/// its fields.
#[component]
pub fn PartCard(
    /// Where the part lives, e.g. `designs[0].personas[1]`.
    here: FieldPath,
    /// The part in one word, `"persona"` or `"channel"`: the card's class
    /// and how its heading and Remove button name it.
    kind: &'static str,
    can_remove: Signal<bool>,
    /// Takes the part out of the design.
    on_remove: Callback<()>,
    children: Children,
) -> impl IntoView {
    let state = StudyState::get();
    let name = state.value_at(here.key("name"));
    let title = move || match name.get() {
        Some(Value::String(s)) if !s.trim().is_empty() => s,
        _ => format!("Unnamed {kind}"),
    };
    let heading_id = format!("{}-heading", here.dom_id());
    let labelled_by = heading_id.clone();
    let card_id = here.dom_id();
    view! {
        <section class=format!("card {kind}") id=card_id tabindex="-1" aria-labelledby=labelled_by>
            <div class="card-head">
                <h4 id=heading_id>{title}</h4>
                <button
                    type="button"
                    class="secondary danger"
                    on:click=move |_| on_remove.run(())
                    disabled=move || !can_remove.get()
                    aria-label=move || format!("Remove {kind} {}", title())
                >
                    "Remove"
                </button>
            </div>
            <SectionProblem path=here />
            {children()}
        </section>
    }
}
