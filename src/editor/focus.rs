//! Which design tab is open, and taking the person to the field a problem
//! is about (opening its design's tab first).

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

use super::design_diff::design_changes;
use crate::state::path::{design_of, dom_id, parent_of};
use crate::state::{FieldPath, StudyState, path};

/// The open design tab, as a newtype context provided by the editor.
#[derive(Clone, Copy)]
pub struct OpenDesign {
    chosen: RwSignal<usize>,
    /// How many designs the draft has.
    pub count: Memo<usize>,
    /// The open design: the chosen one, or the last if it went away.
    pub index: Memo<usize>,
    /// What the open design changes from the baseline, in words (none
    /// for the baseline itself): "Changes from Current" lists them, the
    /// editing bar counts them.
    pub changes: Memo<Vec<String>>,
    /// The path of the design field that last had focus.
    last_field: StoredValue<Option<String>>,
}

impl OpenDesign {
    pub fn provide(state: StudyState) -> Self {
        let chosen = RwSignal::new(0);
        let designs = FieldPath::root().key("designs");
        let count = Memo::new(move |_| state.draft().with(|d| path::get(d, &designs).and_then(Value::as_array).map_or(0, Vec::len)));
        let index = Memo::new(move |_| chosen.get().min(count.get().saturating_sub(1)));
        let changes = Memo::new(move |_| {
            let open = index.get();
            state.draft().with(|d| match (path::get(d, &FieldPath::design(0)), path::get(d, &FieldPath::design(open))) {
                (Some(baseline), Some(variant)) if open > 0 => design_changes(baseline, variant).iter().map(ToString::to_string).collect(),
                _ => Vec::new(),
            })
        });
        let open = Self { chosen, count, index, changes, last_field: StoredValue::new(None) };
        provide_context(open);
        open
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }

    pub fn open(&self, index: usize) {
        self.chosen.set(index);
    }

    /// Remembers the design field that just took focus (a `focusin` on
    /// the editor), for [`Self::open_same_field`].
    pub fn remember_focus(&self, ev: &web_sys::FocusEvent) {
        let path = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|el| el.get_attribute("data-path"));
        if let Some(path) = path.filter(|p| design_of(p).is_some()) {
            self.last_field.set_value(Some(path));
        }
    }

    /// Opens design `index` at the field last edited in the open design
    /// (or the nearest section there), so two designs' values of one field
    /// can be compared by switching back and forth.
    pub fn open_same_field(&self, index: usize) {
        let from = self.index.get_untracked();
        let field = self.last_field.get_value().filter(|p| design_of(p) == Some(from));
        match field {
            Some(path) => {
                let prefix = format!("designs[{from}]");
                let moved = format!("designs[{index}]{}", &path[prefix.len()..]);
                self.last_field.set_value(Some(moved.clone()));
                focus_problem(moved, *self);
            }
            None => {
                self.open(index);
                request_animation_frame(move || {
                    focus_id_centred(&dom_id(&format!("designs[{index}]")));
                });
            }
        }
    }
}

/// Moves keyboard focus to the element with `id`; says whether it could.
pub fn focus_id(id: &str) -> bool {
    let Some(element) = document().get_element_by_id(id) else {
        return false;
    };
    let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() else {
        return false;
    };
    element.focus().is_ok()
}

/// Like [`focus_id`], and brings the element to the middle of the window,
/// clear of anything fixed to the window's top or bottom edge.
pub fn focus_id_centred(id: &str) -> bool {
    let Some(element) = document().get_element_by_id(id) else {
        return false;
    };
    // `scrollIntoView({block: "center"})`, called through JS so that no
    // more web-sys features are needed for one option.
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"block".into(), &"center".into());
    if let Ok(scroll) = js_sys::Reflect::get(&element, &"scrollIntoView".into())
        && let Ok(scroll) = scroll.dyn_into::<js_sys::Function>()
    {
        let _ = scroll.call1(&element, &options);
    }
    let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() else {
        return false;
    };
    let prevent = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&prevent, &"preventScroll".into(), &true.into());
    match js_sys::Reflect::get(&element, &"focus".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
        Ok(focus) => focus.call1(&element, &prevent).is_ok(),
        Err(_) => element.focus().is_ok(),
    }
}

/// Opens the design a problem is in, then focuses the field at `path`, or
/// the nearest section around it that is on the page.
pub fn focus_problem(path: String, open: OpenDesign) {
    if let Some(design) = design_of(&path) {
        open.open(design);
    }
    // After the tab's fields are on the page.
    request_animation_frame(move || {
        let mut here = path.as_str();
        loop {
            if focus_id_centred(&dom_id(here)) || here.is_empty() {
                break;
            }
            here = parent_of(here);
        }
    });
}
