#!/usr/bin/env bash
# Dispatch benchmark: DTF's full path against raw Ignite compute on the same nodes, same run.
# Usage: benchmarks/run-dispatch.sh [tasks=10000] [rounds=3] [one-at-a-time=200]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && mvn -q -o -DskipTests -pl benchmarks -am package)
cd "$ROOT/benchmarks"
exec java @"$ROOT/config/jvm.args" -Xmx4g ${BENCH_OPTS:-} -Ddtf.home="$ROOT" -Ddtf.log.dir="$ROOT/benchmarks/target/logs" \
  -cp "target/benchmarks-0.1.0-SNAPSHOT.jar:target/lib/*" io.dtf.bench.DispatchBenchmark "$@"
