#!/usr/bin/env bash
# Fetches the Apache Kafka broker from Maven Central once (cached per version), starts a
# single-node KRaft broker+controller on loopback, waits until it answers a metadata request and
# prints KAFKA_BROKERS=... on stdout (everything else on stderr). An already formatted data dir
# is reused, so `stop.sh --keep-data` then `start.sh` restarts the same broker, topics, offsets.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

brokers="127.0.0.1:$kafka_port"
timeout_s="${KAFKA_START_TIMEOUT:-60}"

mkdir -p "$infra_cache/kafka"
(
  # Parallel first runs (several worktrees, CI jobs) must not interleave one download.
  flock 9
  if [[ ! -f "$kafka_libs_dir/.complete" ]]; then
    echo "fetching Kafka $kafka_version and its runtime dependencies into $kafka_libs_dir (first run only)" >&2
    rm -rf "$kafka_libs_dir"
    fetch_log="$infra_cache/kafka/fetch.log"
    mvn -B -f "$kafka_dir/pom.xml" dependency:copy-dependencies \
      -Dkafka.version="$kafka_version" -DincludeScope=runtime -DoutputDirectory="$kafka_libs_dir" >"$fetch_log" 2>&1 || {
      echo "fetching Kafka failed; log $fetch_log:" >&2
      tail -n 30 "$fetch_log" >&2
      exit 1
    }
    touch "$kafka_libs_dir/.complete"
  fi
) 9>"$infra_cache/kafka/fetch.lock"

mkdir -p "$kafka_run_dir"
if [[ -f "$kafka_run_dir/data-dir" ]]; then
  previous_data_dir="$(cat "$kafka_run_dir/data-dir")"
  if kafka_running "$previous_data_dir"; then
    echo "Kafka already running on port $kafka_port (pid $(cat "$previous_data_dir/kafka.pid"), data $previous_data_dir)" >&2
    echo "KAFKA_BROKERS=$brokers"
    exit 0
  fi
fi

if [[ -n "${KAFKA_DATA_DIR:-}" ]]; then
  data_dir="$KAFKA_DATA_DIR"
  if [[ -f "$kafka_run_dir/owns-data-dir" && "${previous_data_dir:-}" != "$data_dir" ]]; then
    rm -rf "$previous_data_dir"
  fi
  rm -f "$kafka_run_dir/owns-data-dir"
elif [[ -f "$kafka_run_dir/owns-data-dir" && -d "${previous_data_dir:-}" ]]; then
  # Kept by `stop.sh --keep-data`.
  data_dir="$previous_data_dir"
else
  data_dir="$(mktemp -d -t kafka-data.XXXXXX)"
  # stop.sh deletes only a data dir that start.sh created.
  touch "$kafka_run_dir/owns-data-dir"
fi
mkdir -p "$data_dir"
echo "$data_dir" >"$kafka_run_dir/data-dir"
log_file="$data_dir/broker.log"
pid_file="$data_dir/kafka.pid"

cat >"$data_dir/server.properties" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$kafka_controller_port
listeners=PLAINTEXT://127.0.0.1:$kafka_port,CONTROLLER://127.0.0.1:$kafka_controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$kafka_port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$data_dir/kraft
# Applications create their topics through the admin API with explicit partitions.
auto.create.topics.enable=false
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# One node on two shared cores: few internal partitions and no rebalance grace period keep
# group joins quick.
offsets.topic.num.partitions=5
transaction.state.log.num.partitions=5
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
PROPERTIES

java_opts=(
  -Xms128m "-Xmx${KAFKA_HEAP_MAX:-512m}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true
  "-Dlog4j2.configurationFile=$kafka_dir/log4j2.properties" "-Dkafka.log.level=${KAFKA_LOG_LEVEL:-INFO}"
)

if [[ ! -f "$data_dir/kraft/meta.properties" ]]; then
  # Kafka cluster ids are 16 random bytes in URL-safe base64; a leading '-' would read as a flag.
  cluster_id="$(node -e "process.stdout.write(require('crypto').randomBytes(16).toString('base64url').replace(/^-/, 'A'))")"
  java "${java_opts[@]}" -cp "$kafka_libs_dir/*" kafka.tools.StorageTool \
    format --cluster-id "$cluster_id" --config "$data_dir/server.properties" >>"$log_file" 2>&1 || {
    echo "formatting $data_dir failed; log $log_file:" >&2
    kafka_log_excerpt "$log_file"
    exit 1
  }
fi

java "${java_opts[@]}" -cp "$kafka_libs_dir/*" kafka.Kafka "$data_dir/server.properties" </dev/null >>"$log_file" 2>&1 &
broker_pid=$!
echo "$broker_pid" >"$pid_file"

deadline=$((SECONDS + timeout_s))
until (: <"/dev/tcp/127.0.0.1/$kafka_port") 2>/dev/null && NODE_PATH="$repo_dir/node_modules" node "$kafka_dir/ping.js" "$brokers"; do
  # Our own child, so kill -0 is exact; kafka_running reads its command line, which names bash
  # until the fork has exec'd java, and would take a starting broker for a dead one.
  if ! kill -0 "$broker_pid" 2>/dev/null; then
    echo "Kafka exited during start-up; log $log_file:" >&2
    kafka_log_excerpt "$log_file"
    rm -f "$pid_file"
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    echo "Kafka did not answer a metadata request within ${timeout_s}s; log $log_file:" >&2
    kafka_log_excerpt "$log_file"
    "$kafka_dir/stop.sh" --keep-data
    exit 1
  fi
  sleep 0.5
done

echo "Kafka $kafka_version up (pid $(cat "$pid_file"), data $data_dir, log $log_file)" >&2
echo "KAFKA_BROKERS=$brokers"
