# Sourced by the other scripts: puts the project's installed tools on PATH.
# Cargo-installed binaries (trunk, wasm-bindgen) and the npm-installed
# binaryen wasm-opt, which Trunk finds by name and checks against the
# version pinned in Trunk.toml.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/scripts/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
