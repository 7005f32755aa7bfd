#!/usr/bin/env bash
# The suites that need real servers: a Kafka broker (KRaft, from the Maven Central artifacts)
# and a MongoDB-compatible server (FerretDB, built with go install). Each is started here
# unless KAFKA_BROKERS / MONGODB_URI name one already running, and stopped afterwards.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/.."

export CRM_INFRA_TESTS=1
exec bash "$here/kafka/with-kafka.sh" \
  bash "$here/ferretdb/with-ferretdb.sh" \
  npx jest --config jest.config.js --runInBand --testPathPattern '\.infra\.spec\.ts$' "$@"
