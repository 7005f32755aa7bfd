#!/usr/bin/env bash
# Runs a command with KAFKA_BROKERS set, starting (and afterwards stopping) a broker unless one
# was given or already runs on KAFKA_PORT. Exits with the command's exit code.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

if [[ -n "${KAFKA_BROKERS:-}" ]]; then
  exec "$@"
fi
if [[ -f "$kafka_run_dir/data-dir" ]] && kafka_running "$(cat "$kafka_run_dir/data-dir")"; then
  export KAFKA_BROKERS="127.0.0.1:$kafka_port"
  # Started by these scripts: suites may stop and restart it (stop.sh --keep-data, start.sh).
  export KAFKA_STARTED_BY_INFRA=true
  exec "$@"
fi

trap '"$kafka_dir/stop.sh"' EXIT
started="$("$kafka_dir/start.sh")"
export KAFKA_BROKERS="${started#KAFKA_BROKERS=}"
export KAFKA_STARTED_BY_INFRA=true

status=0
"$@" || status=$?
exit "$status"
