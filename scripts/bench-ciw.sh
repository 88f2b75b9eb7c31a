#!/usr/bin/env bash
# Benchmarks the engine's simulated centre against Ciw (a Python
# discrete-event queueing library) on the same M/M/14+M queue and prints
# both speeds, the ratio, and the figures beside the exact Erlang A values.
# Ciw goes into a private virtualenv under target/, never the system Python.
# Arguments go to scripts/bench_ciw.py: --replications R, --quick.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

VENV="$ROOT/target/bench-ciw-venv"
if ! "$VENV/bin/python" -c 'import ciw' 2>/dev/null; then
    echo "installing Ciw 3.2.7 into $VENV" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet ciw==3.2.7
fi

cargo build --quiet --offline --release -p journey-sim

"$VENV/bin/python" "$ROOT/scripts/bench_ciw.py" "$@"
