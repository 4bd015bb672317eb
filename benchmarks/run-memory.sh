#!/usr/bin/env bash
# Memory benchmark: N tasks printing 64 KiB each through the one-machine default; heap and data region sampled, every result checked in DuckDB.
# Usage: benchmarks/run-memory.sh [tasks=20000] [batch=2000]   (BENCH_OPTS=-Ddtf.results.retention=off for the baseline without retention)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && mvn -q -DskipTests -pl benchmarks -am package)
cd "$ROOT/benchmarks"
exec java @"$ROOT/config/jvm.args" ${BENCH_OPTS:-} -Ddtf.home="$ROOT" -Ddtf.log.dir="$ROOT/benchmarks/target/logs" \
  -cp "target/benchmarks-0.1.0-SNAPSHOT.jar:target/lib/*" io.dtf.bench.MemoryBenchmark "$@"
