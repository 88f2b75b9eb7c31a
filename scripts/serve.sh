#!/usr/bin/env bash
# Serves the app with Trunk on http://127.0.0.1:8080 (development build,
# rebuilt on change; reload the page by hand, see Trunk.toml).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
exec trunk serve --offline --address 127.0.0.1 --port 8080 "$@"
