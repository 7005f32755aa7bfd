#!/usr/bin/env bash
# Builds FerretDB once (cached per version), starts it on loopback with the SQLite backend,
# waits until it answers `ping`, and prints MONGODB_URI=... on stdout (everything else on stderr).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

binary="$ferretdb_bin_dir/ferretdb"
uri="mongodb://127.0.0.1:$ferretdb_port/"
timeout_s="${FERRETDB_START_TIMEOUT:-30}"

if [[ ! -x "$binary" ]]; then
  echo "building FerretDB $ferretdb_version into $ferretdb_bin_dir (first run only)" >&2
  # Module and build caches live in the infra cache so a clean checkout does not touch ~/go;
  # -modcacherw keeps them deletable with rm -rf.
  export GOPATH="$infra_cache/go" GOMODCACHE="$infra_cache/go/pkg/mod" GOCACHE="$infra_cache/go/build"
  export GOFLAGS="-modcacherw -buildvcs=false" GOTOOLCHAIN=local
  # `go install module@version` asks the proxy for the module's version list (deprecation
  # check), which the proxy refuses for FerretDB v1; and the binary panics at start-up without
  # build/version/version.txt, which the module zip lacks. So: copy the module, add the file,
  # install from there (its own go.mod/go.sum pin every dependency).
  module_dir="$(go mod download -json "github.com/FerretDB/FerretDB@$ferretdb_version" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
  src_dir="$infra_cache/ferretdb/$ferretdb_version/src"
  rm -rf "$src_dir"
  mkdir -p "$(dirname "$src_dir")"
  cp -R "$module_dir" "$src_dir"
  chmod -R u+w "$src_dir"
  echo "$ferretdb_version" >"$src_dir/build/version/version.txt"
  (cd "$src_dir" && GOBIN="$ferretdb_bin_dir" go install ./cmd/ferretdb) >&2
fi

mkdir -p "$ferretdb_run_dir"
if [[ -f "$ferretdb_pid_file" ]] && kill -0 "$(cat "$ferretdb_pid_file")" 2>/dev/null; then
  echo "FerretDB already running on port $ferretdb_port (pid $(cat "$ferretdb_pid_file"))" >&2
  echo "MONGODB_URI=$uri"
  exit 0
fi

if [[ -n "${FERRETDB_DATA_DIR:-}" ]]; then
  data_dir="$FERRETDB_DATA_DIR"
  mkdir -p "$data_dir"
  rm -f "$ferretdb_run_dir/temp-data-dir"
else
  data_dir="$(mktemp -d -t ferretdb-data.XXXXXX)"
  # stop.sh deletes only a data dir that start.sh created.
  echo "$data_dir" >"$ferretdb_run_dir/temp-data-dir"
fi
log_file="$ferretdb_run_dir/ferretdb.log"

"$binary" \
  --handler=sqlite \
  --sqlite-url="file:$data_dir/" \
  --listen-addr="127.0.0.1:$ferretdb_port" \
  --state-dir="$data_dir" \
  --debug-addr=- \
  --telemetry=disable \
  --log-level="${FERRETDB_LOG_LEVEL:-warn}" \
  >"$log_file" 2>&1 &
echo $! >"$ferretdb_pid_file"

deadline=$((SECONDS + timeout_s))
until NODE_PATH="$repo_dir/node_modules" node "$ferretdb_dir/ping.js" "$uri"; do
  if ! kill -0 "$(cat "$ferretdb_pid_file")" 2>/dev/null; then
    echo "FerretDB exited during start-up; log $log_file:" >&2
    tail -n 20 "$log_file" >&2
    "$ferretdb_dir/stop.sh"
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    echo "FerretDB did not answer ping within ${timeout_s}s; log $log_file" >&2
    "$ferretdb_dir/stop.sh"
    exit 1
  fi
  sleep 0.2
done

echo "FerretDB $ferretdb_version up (pid $(cat "$ferretdb_pid_file"), data $data_dir, log $log_file)" >&2
echo "MONGODB_URI=$uri"
