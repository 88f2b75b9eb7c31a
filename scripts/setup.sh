#!/usr/bin/env bash
# Installs everything the build and the tests need, from package registries
# only (crates.io, npm, Debian apt). Idempotent and quiet when all is present.
#
#   rustup target wasm32-unknown-unknown
#   trunk 0.21.14                      (cargo install, ~6.5 min cold)
#   wasm-bindgen-cli == Cargo.lock's wasm-bindgen  (cargo install, ~2 min cold)
#   chromium + chromium-driver         (apt, only if /usr/bin/chromium is missing)
#   node packages: e2e/ (playwright-core), scripts/tools/ (binaryen's wasm-opt)
#   crates for the workspace           (cargo fetch; builds then run --offline)
#
# Trunk must never download tools: Trunk.toml pins wasm_bindgen and
# wasm_opt to what is installed here, and every build passes --offline.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

TRUNK_VERSION="0.21.14"

say() { printf 'setup: %s\n' "$*" >&2; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first"
command -v node >/dev/null || die "node not found (apt-get install nodejs npm)"
command -v npm >/dev/null || die "npm not found (apt-get install npm)"

# --- Rust target ----------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown >&2
fi

# --- Trunk ----------------------------------------------------------------
if [[ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]]; then
    say "installing trunk $TRUNK_VERSION (takes several minutes)"
    # Trunk's own release profile is fat LTO with one codegen unit, which
    # roughly doubles its build on two cores. Trunk mostly waits on cargo,
    # wasm-bindgen and wasm-opt, so a quickly built binary loses nothing
    # (same dist/ byte for byte).
    CARGO_PROFILE_RELEASE_LTO=off \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
        cargo install trunk --version "$TRUNK_VERSION" --locked >&2
fi

# --- wasm-bindgen-cli, exactly as locked ----------------------------------
# The CLI must match the wasm-bindgen library version in Cargo.lock, or the
# generated glue does not fit the wasm. `cargo fetch` first so Cargo.lock
# exists and is complete on a fresh clone.
cargo fetch --quiet >&2
WASM_BINDGEN_VERSION="$(
    awk '/^\[\[package\]\]/ { name = "" }
         /^name = / { name = $3 }
         /^version = / && name == "\"wasm-bindgen\"" { gsub(/"/, "", $3); print $3; exit }' Cargo.lock
)"
[[ -n "$WASM_BINDGEN_VERSION" ]] || die "no wasm-bindgen package in Cargo.lock"

TRUNK_PIN="$(sed -n 's/^wasm_bindgen *= *"\(.*\)".*/\1/p' Trunk.toml)"
[[ "$TRUNK_PIN" == "$WASM_BINDGEN_VERSION" ]] ||
    die "Trunk.toml pins wasm_bindgen = \"$TRUNK_PIN\" but Cargo.lock has $WASM_BINDGEN_VERSION; make them equal"

if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION"* ]]; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes a few minutes)"
    # No --locked: one of the CLI's locked dependencies is missing from the
    # registry (see TOOLCHAIN.md).
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force >&2
fi

# --- Chromium for the end-to-end tests ------------------------------------
if [[ ! -x /usr/bin/chromium ]]; then
    say "installing chromium from apt"
    SUDO=""
    [[ "$(id -u)" == 0 ]] || SUDO="sudo"
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
        chromium chromium-driver fonts-dejavu-core fonts-liberation >&2
fi

# --- Node packages --------------------------------------------------------
# Installs from the lock file when node_modules is missing or older than it.
npm_install() {
    local dir="$1"
    if [[ ! -f "$dir/node_modules/.package-lock.json" ||
          "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
        say "installing node packages in ${dir#"$ROOT"/}"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
    fi
}
npm_install "$ROOT/e2e"
npm_install "$ROOT/scripts/tools"
