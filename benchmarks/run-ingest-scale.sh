#!/usr/bin/env bash
# What storing a batch of results in DuckDB costs as the file fills up (empty, 10k, 100k, 400k rows).
# Usage: benchmarks/run-ingest-scale.sh [largest=400000]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && mvn -q -B -DskipTests -pl benchmarks -am package)
cd "$ROOT/benchmarks"
exec java -Xmx2g -cp "target/benchmarks-0.1.0-SNAPSHOT.jar:target/lib/*" -Dlogback.configurationFile=/dev/null \
  io.dtf.bench.IngestScaleBenchmark "$@"
