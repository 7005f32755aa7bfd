#!/usr/bin/env bash
# Runs a command with KAFKA_BROKERS set, starting (and afterwards stopping) a broker unless one
# was given already. Exits with the command's exit code.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [[ -n "${KAFKA_BROKERS:-}" ]]; then
  exec "$@"
fi

trap '"$here/stop.sh"' EXIT
started="$("$here/start.sh")"
export KAFKA_BROKERS="${started#KAFKA_BROKERS=}"

status=0
"$@" || status=$?
exit "$status"
