# Shared settings for the Kafka scripts; sourced, not run.
kafka_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(cd "$kafka_dir/../.." && pwd)"
# 4.x brokers need Java 17+, which is what the machines have; kafkajs 2 negotiates the API
# versions 4.x kept (KIP-896 removed only pre-2.1 ones).
kafka_version="${KAFKA_VERSION:-4.3.1}"
infra_cache="${CRM_INFRA_CACHE:-$repo_dir/.infra-cache}"
kafka_libs_dir="$infra_cache/kafka/$kafka_version/libs"
kafka_port="${KAFKA_PORT:-19092}"
kafka_controller_port="${KAFKA_CONTROLLER_PORT:-$((kafka_port + 1))}"
# One run dir per port so several brokers can coexist; it records which data dir is in use.
kafka_run_dir="$infra_cache/kafka/run/$kafka_port"

# True when the broker whose data dir is $1 is alive; checks the command line so a recycled pid
# never gets signalled.
kafka_running() {
  local pid_file="$1/kafka.pid"
  [[ -f "$pid_file" ]] && grep -qs 'kafka.Kafka' "/proc/$(cat "$pid_file")/cmdline"
}

# What explains a failed start: the first errors (a shutdown's noise follows them) and the tail.
kafka_log_excerpt() {
  grep -m 5 -E '^\[[^]]*\] (ERROR|FATAL)' "$1" >&2 || true
  echo "..." >&2
  tail -n 15 "$1" >&2
}
