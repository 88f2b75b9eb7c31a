#!/usr/bin/env bash
# Runs every test: native Rust tests, the release build, then the browser
# end-to-end tests against the built dist/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

# Crates whose tests run natively. Add new native crates here.
NATIVE_PACKAGES=(
    journey-engine
    journey-worker
    journey-sim
    journey-simulator
)

step() { printf '\n==> %s\n' "$*" >&2; }
elapsed() { printf '    (%ss)\n' "$((SECONDS - $1))" >&2; }

step "setup"
t=$SECONDS; "$ROOT/scripts/setup.sh"; elapsed $t

step "native tests: ${NATIVE_PACKAGES[*]}"
t=$SECONDS
cargo test --offline --locked "${NATIVE_PACKAGES[@]/#/--package=}"
elapsed $t

step "release build (trunk build --release --offline)"
t=$SECONDS
trunk build --release --offline
elapsed $t
for wasm in dist/*.wasm; do
    printf '    %-48s %9d bytes, %9d gzipped\n' "$wasm" "$(stat -c %s "$wasm")" "$(gzip -9 -c "$wasm" | wc -c)" >&2
done

step "end-to-end tests (node --test, playwright-core, /usr/bin/chromium)"
t=$SECONDS
(cd e2e && node --test --test-concurrency=1 tests/)
elapsed $t
