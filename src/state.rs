//! The study being edited: one context, provided at the app root.
//!
//! ```text
//!  inputs ──edit(path)──▶ draft: serde_json::Value      (what the person typed)
//!                          │
//!                          ▼  Study::from_value (the engine's one validator)
//!                        validation: Memo<Result<Study, StudyError>>
//!                          │ only when Ok, and only when different
//!                          ▼
//!                        valid: Study  ──▶ URL, localStorage, results, runs
//! ```
//!
//! **Contract for readers** (results, runner, sharing):
//!
//! - `StudyState::get()` (or `expect_context::<StudyState>()`) anywhere
//!   below the app root.
//! - [`StudyState::valid`] is a `ReadSignal<Study>` holding the **last
//!   valid study**. It is never replaced by something that does not
//!   validate, and it notifies only when the study really changed (not on
//!   every keystroke, nor on an edit that leaves it invalid). Read it with
//!   `state.valid().with(|study| …)` inside a memo, effect or view to
//!   subscribe; `with_untracked` / `get_untracked` to read once.
//! - [`StudyState::draft_is_valid`] (tracked) says whether what is on
//!   screen is the valid study; when it is not, a runner can say "running
//!   the last valid version". [`StudyState::problems`] lists why.
//!
//! Only this module writes: [`StudyState::edit`] for inputs (any change to
//! the draft, then revalidation) and [`StudyState::load`] for a whole new
//! study (preset, link, file).
//!
//! Two rules hold for every write:
//!
//! - **Variants follow the baseline** (`follow.rs`): an edit of the first
//!   design carries over to every variant that had the same value.
//! - **Undo undoes the whole edit**, in every design it reached: the
//!   history keeps whole drafts. Keystrokes in one field are one step,
//!   ended when the person leaves the field ([`StudyState::end_typing`]).

pub mod follow;
pub mod help;
pub mod path;

use journey_engine::{Problem, Study, StudyError};
use leptos::prelude::*;
use serde_json::Value;

pub use path::FieldPath;

/// The validator's verdict on the draft.
pub type Validation = Result<Study, StudyError>;

/// The study editor's state; `Copy`, so closures take it freely.
#[derive(Clone, Copy)]
pub struct StudyState {
    draft: RwSignal<Value>,
    validation: Memo<Validation>,
    valid: RwSignal<Study>,
    history: RwSignal<History>,
}

/// Drafts to go back and forward to.
#[derive(Default)]
struct History {
    undo: Vec<Value>,
    redo: Vec<Value>,
    /// The field being typed in, whose keystrokes are one step.
    typing: Option<FieldPath>,
}

/// How many steps Undo can go back.
const UNDO_STEPS: usize = 100;

impl StudyState {
    /// State that starts from a valid study.
    pub fn new(initial: Study) -> Self {
        let draft = RwSignal::new(initial.to_value());
        let validation = Memo::new(move |_| draft.with(Study::from_value));
        Self { draft, validation, valid: RwSignal::new(initial), history: RwSignal::new(History::default()) }
    }

    /// Creates the state and provides it as context to everything below.
    pub fn provide(initial: Study) -> Self {
        let state = Self::new(initial);
        provide_context(state);
        state
    }

    /// The state provided at the app root.
    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// The last valid study (see the module docs).
    pub fn valid(&self) -> ReadSignal<Study> {
        self.valid.read_only()
    }

    /// The draft as typed, possibly invalid.
    pub fn draft(&self) -> ReadSignal<Value> {
        self.draft.read_only()
    }

    /// The validator's verdict on the draft.
    #[allow(dead_code)] // For readers of the context (see the module docs).
    pub fn validation(&self) -> Memo<Validation> {
        self.validation
    }

    /// Whether the draft on screen validates, i.e. is the valid study.
    /// Tracked.
    pub fn draft_is_valid(&self) -> bool {
        self.validation.with(Result::is_ok)
    }

    /// Every problem of the draft (empty when it is valid). Tracked.
    pub fn problems(&self) -> Vec<Problem> {
        self.validation.with(|v| v.as_ref().err().map(|e| e.problems.clone()).unwrap_or_default())
    }

    /// The message of the problem whose path is exactly `path`. Tracked.
    pub fn problem_at(&self, path: &str) -> Option<String> {
        self.validation.with(|v| v.as_ref().err().and_then(|e| e.at(path)).map(|p| p.message.clone()))
    }

    /// The draft's value at `path` (a memo, so a field updates only when
    /// its own value changes).
    pub fn value_at(&self, path: FieldPath) -> Memo<Option<Value>> {
        let draft = self.draft;
        Memo::new(move |_| draft.with(|v| path::get(v, &path).cloned()))
    }

    /// Changes the draft with `change`, brings the variants along with
    /// the baseline, then revalidates; the valid study follows when the
    /// new draft validates. One step of Undo.
    pub fn edit(&self, change: impl FnOnce(&mut Value)) {
        self.write(None, change);
    }

    /// Puts `value` at `path` in the draft (see [`Self::edit`]); writes
    /// to the same field one after another are one step of Undo.
    pub fn set_at(&self, path: &FieldPath, value: Value) {
        self.write(Some(path.clone()), |draft| {
            path::set(draft, path, value);
        });
    }

    /// Replaces everything with a valid study (a preset, link or file).
    pub fn load(&self, study: Study) {
        self.write(None, |draft| *draft = study.to_value());
    }

    /// Ends a run of keystrokes in one field: the next write is a new step.
    pub fn end_typing(&self) {
        self.history.update_untracked(|h| h.typing = None);
    }

    /// Whether there is an edit to undo. Tracked.
    pub fn can_undo(&self) -> bool {
        self.history.with(|h| !h.undo.is_empty())
    }

    /// Whether there is an undone edit to redo. Tracked.
    pub fn can_redo(&self) -> bool {
        self.history.with(|h| !h.redo.is_empty())
    }

    /// Goes back one step, in every design the step reached.
    pub fn undo(&self) {
        self.travel(true);
    }

    /// Goes forward one undone step.
    pub fn redo(&self) {
        self.travel(false);
    }

    /// Undo (`back`) or Redo: the draft on screen goes onto the other
    /// stack, the draft taken from this one is put on screen.
    fn travel(&self, back: bool) {
        let current = self.draft.get_untracked();
        let target = self
            .history
            .try_update(|h| {
                h.typing = None;
                let (from, to) = if back { (&mut h.undo, &mut h.redo) } else { (&mut h.redo, &mut h.undo) };
                let target = from.pop()?;
                to.push(current);
                Some(target)
            })
            .flatten();
        if let Some(target) = target {
            self.draft.set(target);
            self.promote();
        }
    }

    fn write(&self, field: Option<FieldPath>, change: impl FnOnce(&mut Value)) {
        let before = self.draft.get_untracked();
        let mut after = before.clone();
        change(&mut after);
        follow::follow_baseline(&before, &mut after);
        if after == before {
            return;
        }
        self.history.update(|h| {
            let same_field = field.is_some() && h.typing == field;
            if !same_field {
                h.undo.push(before);
                if h.undo.len() > UNDO_STEPS {
                    h.undo.remove(0);
                }
            }
            h.redo.clear();
            h.typing = field;
        });
        self.draft.set(after);
        self.promote();
    }

    /// Makes a draft that validates the valid study, if it differs.
    fn promote(&self) {
        // The memo is recomputed here, synchronously, because the draft
        // just changed; no effect is needed to keep `valid` in step.
        let verdict = self.validation.get_untracked();
        if let Ok(study) = verdict
            && self.valid.with_untracked(|v| *v != study)
        {
            self.valid.set(study);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use journey_engine::presets;
    use serde_json::json;

    fn preset(i: usize) -> Study {
        Study::from_json(presets::all()[i].json).unwrap()
    }

    fn containment() -> FieldPath {
        FieldPath::design(1).key("channels").index(1).key("self_service").key("containment")
    }

    #[test]
    fn a_valid_edit_replaces_the_valid_study() {
        Owner::new().with(|| {
            let state = StudyState::new(preset(0));
            state.set_at(&containment(), json!(0.5));
            assert_eq!(state.problems(), []);
            let study = state.valid().get_untracked();
            assert_eq!(study.designs[1].channels[1].self_service.as_ref().unwrap().containment, 0.5);
        });
    }

    #[test]
    fn an_invalid_edit_keeps_the_valid_study_and_reports_at_the_path() {
        Owner::new().with(|| {
            let state = StudyState::new(preset(0));
            let before = state.valid().get_untracked();
            state.set_at(&containment(), json!("0.5x"));
            assert_eq!(state.valid().get_untracked(), before);
            let message = state.problem_at(&containment().to_string()).expect("a problem at the field");
            assert!(message.contains("must be a number"), "{message}");
            assert_eq!(state.draft().with_untracked(|d| path::get(d, &containment()).cloned()), Some(json!("0.5x")));

            // Fixing the field makes the draft the valid study again.
            state.set_at(&containment(), json!(0.4));
            assert_eq!(state.problems(), []);
            assert_ne!(state.valid().get_untracked(), before);
        });
    }

    fn baseline_containment() -> FieldPath {
        FieldPath::design(0).key("channels").index(1).key("self_service").key("containment")
    }

    fn draft_at(state: &StudyState, path: &FieldPath) -> Option<Value> {
        state.draft().with_untracked(|d| path::get(d, path).cloned())
    }

    #[test]
    fn an_edit_of_the_baseline_reaches_the_variants_and_undo_takes_it_back_everywhere() {
        Owner::new().with(|| {
            let state = StudyState::new(preset(0));
            let same = FieldPath::design(1).key("channels").index(0).key("agent").key("resolution");
            let baseline_same = FieldPath::design(0).key("channels").index(0).key("agent").key("resolution");
            let before = state.draft().get_untracked();
            state.set_at(&baseline_same, json!(0.5));
            assert_eq!(draft_at(&state, &same), Some(json!(0.5)), "the variant follows");
            assert!(state.can_undo());
            state.undo();
            assert_eq!(state.draft().get_untracked(), before);
            assert!(state.can_redo());
            state.redo();
            assert_eq!(draft_at(&state, &same), Some(json!(0.5)));
        });
    }

    #[test]
    fn keystrokes_in_one_field_are_one_step_of_undo() {
        Owner::new().with(|| {
            let state = StudyState::new(preset(0));
            let before = state.draft().get_untracked();
            for typed in ["0", "0.", "0.3", "0.35"] {
                state.set_at(&baseline_containment(), json!(typed.parse::<f64>().map_or(json!(typed), |n| json!(n))));
            }
            state.end_typing();
            state.set_at(&baseline_containment(), json!(0.4));
            state.undo();
            assert_eq!(draft_at(&state, &baseline_containment()), Some(json!(0.35)));
            state.undo();
            assert_eq!(state.draft().get_untracked(), before);
            assert!(!state.can_undo());
        });
    }

    #[test]
    fn loading_replaces_draft_and_valid_study() {
        Owner::new().with(|| {
            let state = StudyState::new(preset(0));
            state.set_at(&FieldPath::root().key("journeys"), json!("lots"));
            state.load(preset(2));
            assert_eq!(state.problems(), []);
            assert_eq!(state.valid().get_untracked(), preset(2));
            assert_eq!(state.draft().get_untracked(), preset(2).to_value());
        });
    }
}
