//! A bounded fuzz of links and studies (see `support/fuzz.rs`): no input
//! panics, hangs or gives a figure that is not finite.

mod support {
    pub mod fuzz;
}

#[test]
fn mutated_links_and_studies_never_panic_hang_or_give_non_finite_figures() {
    let outcomes = support::fuzz::fuzz(800, 20_261_202);
    assert!(outcomes.panics.is_empty(), "panics: {:?}", outcomes.panics);
    assert!(outcomes.over_budget.is_empty(), "over budget: {:?}", outcomes.over_budget);
    assert!(outcomes.non_finite.is_empty(), "non-finite figures: {:?}", outcomes.non_finite);
    // Every way out was taken: refused links, refused studies and runs.
    assert!(outcomes.ran > 100 && outcomes.study_refused > 100 && !outcomes.link_refused.is_empty(), "{outcomes:?}");
    assert!(outcomes.most_problems <= 101, "{outcomes:?}");
}
