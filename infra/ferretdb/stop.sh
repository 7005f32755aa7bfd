#!/usr/bin/env bash
# Stops the FerretDB that start.sh started on FERRETDB_PORT and removes its temporary data dir.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

if [[ -f "$ferretdb_pid_file" ]]; then
  pid="$(cat "$ferretdb_pid_file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid"
    fi
  fi
  rm -f "$ferretdb_pid_file"
fi

if [[ -f "$ferretdb_run_dir/temp-data-dir" ]]; then
  rm -rf "$(cat "$ferretdb_run_dir/temp-data-dir")"
  rm -f "$ferretdb_run_dir/temp-data-dir"
fi
