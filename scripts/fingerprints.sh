#!/usr/bin/env bash
# Prints the report fingerprint of every preset at a few sizes and seeds,
# one line each. An engine change that must keep the figures (a speed-up,
# a refactor) keeps every line: save the output before the change and diff
# it after.
#
#   scripts/fingerprints.sh > /tmp/before.txt
#   ... change the engine ...
#   scripts/fingerprints.sh | diff /tmp/before.txt -
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

cargo build --quiet --offline --release -p journey-sim
sim="$ROOT/target/release/journey-sim"
for preset in $("$sim" presets | awk '/^[a-z]/ { print $1 }'); do
    for journeys in 1 5000 100000; do
        for seed in 1 20240601; do
            fingerprint=$("$sim" run "$preset" --journeys "$journeys" --seed "$seed" --format json |
                sed -n 's/^  "fingerprint": "\(.*\)",$/\1/p')
            printf '%s %s %s %s\n' "$preset" "$journeys" "$seed" "$fingerprint"
        done
    done
done
