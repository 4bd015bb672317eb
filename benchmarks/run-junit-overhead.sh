#!/usr/bin/env bash
# Per-test cost of the junit task type against Surefire's own fork, same classes of tests that do nothing
# (docs/PERFORMANCE.md, "JUnit tasks against Surefire's fork").
# Usage: benchmarks/run-junit-overhead.sh [classes=50] [rounds=3]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && mvn -q -B -DskipTests -P'!fuzz' -pl benchmarks -am package)
cd "$ROOT/benchmarks"
exec java @"$ROOT/config/jvm.args" -Xmx2g ${BENCH_OPTS:-} -Ddtf.home="$ROOT" -Ddtf.log.dir="$ROOT/benchmarks/target/logs" \
  -cp "target/benchmarks-0.1.0-SNAPSHOT.jar:target/lib/*" io.dtf.bench.junit.JunitOverheadBenchmark "$@"
