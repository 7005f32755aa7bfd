# Shared settings for start.sh / stop.sh; sourced, not run.
ferretdb_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(cd "$ferretdb_dir/../.." && pwd)"
# v1 is the last line with the embedded SQLite backend; v2 needs PostgreSQL + DocumentDB.
ferretdb_version="${FERRETDB_VERSION:-v1.24.2}"
infra_cache="${CRM_INFRA_CACHE:-$repo_dir/.infra-cache}"
ferretdb_bin_dir="$infra_cache/ferretdb/$ferretdb_version/bin"
ferretdb_port="${FERRETDB_PORT:-27018}"
# One run dir per port so several instances can coexist on one machine.
ferretdb_run_dir="$infra_cache/ferretdb/run/$ferretdb_port"
ferretdb_pid_file="$ferretdb_run_dir/ferretdb.pid"
