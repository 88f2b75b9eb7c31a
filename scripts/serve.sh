#!/usr/bin/env bash
# Serves the app with Trunk on http://127.0.0.1:8080 (development build,
# rebuilt on change; reload the page by hand, see Trunk.toml).
#
#   scripts/serve.sh                    # http://127.0.0.1:8080
#   scripts/serve.sh --port 8081        # another port (--port=8081 too)
#   scripts/serve.sh --address 0.0.0.0  # reachable from other machines
#
# Any other option goes to `trunk serve` as it is.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

port=8080
address=127.0.0.1
rest=()
while (($#)); do
    case "$1" in
        --port) port="${2:?--port needs a number}"; shift 2 ;;
        --port=*) port="${1#*=}"; shift ;;
        --address) address="${2:?--address needs an address}"; shift 2 ;;
        --address=*) address="${1#*=}"; shift ;;
        *) rest+=("$1"); shift ;;
    esac
done

"$ROOT/scripts/setup.sh"
cd "$ROOT"
exec trunk serve --offline --address "$address" --port "$port" ${rest[@]+"${rest[@]}"}
