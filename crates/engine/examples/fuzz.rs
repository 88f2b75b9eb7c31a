//! `cargo run --release --example fuzz -- [COUNT] [SEED]`: the fuzzer of
//! `tests/support/fuzz.rs` at any length, with how every input ended.

#[path = "../tests/support/fuzz.rs"]
mod fuzz;

fn main() {
    let mut args = std::env::args().skip(1);
    let count = args.next().and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let start = std::time::Instant::now();
    let outcomes = fuzz::fuzz(count, seed);
    println!("inputs: {} in {:.1} s (seed {seed})", outcomes.inputs, start.elapsed().as_secs_f64());
    println!("ran to finite figures: {}", outcomes.ran);
    println!("refused by the validator: {} (at most {} problems listed)", outcomes.study_refused, outcomes.most_problems);
    for (kind, n) in &outcomes.link_refused {
        println!("refused by the link decoder, {kind}: {n}");
    }
    println!("panics: {}", outcomes.panics.len());
    println!("over the time budget: {}", outcomes.over_budget.len());
    println!("non-finite figures: {}", outcomes.non_finite.len());
    for bad in outcomes.panics.iter().chain(&outcomes.over_budget).chain(&outcomes.non_finite).take(5) {
        println!("  {bad}");
    }
}
