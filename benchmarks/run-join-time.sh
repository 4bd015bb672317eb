#!/usr/bin/env bash
# Join time of a node with TLS against one without, same run, same JVM (docs/PERFORMANCE.md, "TLS").
# Usage: benchmarks/run-join-time.sh [rounds=10]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && mvn -q -DskipTests -pl benchmarks -am package)
cd "$ROOT/benchmarks"
exec java @"$ROOT/config/jvm.args" -Xmx2g ${BENCH_OPTS:-} -Ddtf.home="$ROOT" -Ddtf.log.dir="$ROOT/benchmarks/target/logs" \
  -cp "target/benchmarks-0.1.0-SNAPSHOT.jar:target/lib/*" io.dtf.bench.JoinTimeBenchmark "$@"
