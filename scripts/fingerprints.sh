#!/usr/bin/env bash
# Prints report fingerprints, one line each, to diff before and after an
# engine change that must keep the figures (a speed-up, a refactor):
#
#   - the schema 1 studies that were the presets before the capacity model
#     (crates/engine/tests/fixtures/schema1/, independent journeys) at three
#     sizes and two seeds; `tests/schema1.rs` checks these stay as they
#     were at 2ae0258;
#   - the built-in presets (simulated centres) at two seeds, with 5
#     replications.
#
#   scripts/fingerprints.sh > /tmp/before.txt
#   ... change the engine ...
#   scripts/fingerprints.sh | diff /tmp/before.txt -
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

cargo build --quiet --offline --release -p journey-sim
sim="$ROOT/target/release/journey-sim"
fingerprint() {
    "$sim" run "$@" --format json | sed -n 's/^  "fingerprint": "\(.*\)",$/\1/p'
}
for fixture in crates/engine/tests/fixtures/schema1/*.json; do
    id=$(basename "$fixture" .json)
    for journeys in 1 5000 100000; do
        for seed in 1 20240601; do
            printf '%s %s %s %s\n' "$id" "$journeys" "$seed" "$(fingerprint "$fixture" --journeys "$journeys" --seed "$seed")"
        done
    done
done
for preset in $("$sim" presets | awk '/^[a-z]/ { print $1 }'); do
    for seed in 1 20240601; do
        printf '%s replications=5 %s %s\n' "$preset" "$seed" "$(fingerprint "$preset" --replications 5 --seed "$seed")"
    done
done
