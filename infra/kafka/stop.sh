#!/usr/bin/env bash
# Stops the broker start.sh started on KAFKA_PORT: SIGTERM (a clean shutdown), then SIGKILL after
# KAFKA_STOP_TIMEOUT seconds. Deletes the data dir start.sh created unless --keep-data is given,
# in which case the next start.sh reuses it; a caller's KAFKA_DATA_DIR is never deleted.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

keep_data=false
case "${1:-}" in
  --keep-data) keep_data=true ;;
  "") ;;
  *) echo "usage: $0 [--keep-data]" >&2; exit 2 ;;
esac

[[ -f "$kafka_run_dir/data-dir" ]] || exit 0
data_dir="$(cat "$kafka_run_dir/data-dir")"
pid_file="$data_dir/kafka.pid"

if kafka_running "$data_dir"; then
  pid="$(cat "$pid_file")"
  kill "$pid"
  deadline=$((SECONDS + ${KAFKA_STOP_TIMEOUT:-30}))
  while kafka_running "$data_dir" && ((SECONDS < deadline)); do
    sleep 0.2
  done
  if kafka_running "$data_dir"; then
    echo "Kafka (pid $pid) ignored SIGTERM; killing it" >&2
    kill -9 "$pid"
  fi
fi
rm -f "$pid_file"

if ! $keep_data; then
  if [[ -f "$kafka_run_dir/owns-data-dir" ]]; then
    rm -rf "$data_dir"
    rm -f "$kafka_run_dir/owns-data-dir"
  fi
  rm -f "$kafka_run_dir/data-dir"
fi
