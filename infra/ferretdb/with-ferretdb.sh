#!/usr/bin/env bash
# Runs a command with MONGODB_URI set, starting (and afterwards stopping) FerretDB unless a
# MongoDB-compatible server was given or is already running. Exits with the command's exit code.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

if [[ -n "${MONGODB_URI:-}" ]]; then
  exec "$@"
fi

# Only a server this script starts is stopped afterwards.
if ! { [[ -f "$ferretdb_pid_file" ]] && kill -0 "$(cat "$ferretdb_pid_file")" 2>/dev/null; }; then
  trap '"$ferretdb_dir/stop.sh"' EXIT
fi
started="$("$ferretdb_dir/start.sh")"
export MONGODB_URI="${started#MONGODB_URI=}"
# Lets suites skip what FerretDB v1 cannot do (e.g. atomic conditional updates between connections).
export MONGODB_SERVER=ferretdb

status=0
"$@" || status=$?
exit "$status"
