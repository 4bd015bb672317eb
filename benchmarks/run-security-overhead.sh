#!/usr/bin/env bash
# Dispatch throughput with security on against off, same run, same JVM, alternating rounds, each grid driven through
# a thin client (docs/PERFORMANCE.md, "Security on against off").
# Usage: benchmarks/run-security-overhead.sh [tasks=4000] [rounds=3] [warm-up tasks=2000]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && mvn -q -B -DskipTests -pl benchmarks -am package)
cd "$ROOT/benchmarks"
exec java @"$ROOT/config/jvm.args" -Xmx4g ${BENCH_OPTS:-} -Ddtf.home="$ROOT" -Ddtf.log.dir="$ROOT/benchmarks/target/logs" \
  -cp "target/benchmarks-0.1.0-SNAPSHOT.jar:target/lib/*" io.dtf.bench.SecurityOverheadBenchmark "$@"
