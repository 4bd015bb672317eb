#!/usr/bin/env bash
# Chaos benchmark: a suite of short command tasks on a grid of separate JVMs, once undisturbed and
# once while workers and the coordinator's node are killed with SIGKILL and started again.
# Usage: benchmarks/run-chaos.sh [tasks=400] [kill-interval-seconds=4] [seed=1]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && mvn -q -DskipTests -pl benchmarks -am package)
# Every node start and restart runs this one build: the launcher is copied with the build it starts,
# so it does not rebuild DTF (and nodes do not change version) if sources change during the benchmark.
PINNED="$ROOT/benchmarks/target/chaos-home"
rm -rf "$PINNED"
mkdir -p "$PINNED/grid-node/target"
cp -r "$ROOT/dtf" "$ROOT/config" "$PINNED/"
cp -r "$ROOT/grid-node/target/grid-node.jar" "$ROOT/grid-node/target/lib" "$PINNED/grid-node/target/"
cd "$ROOT/benchmarks"
exec java @"$ROOT/config/jvm.args" -Xmx512m ${BENCH_OPTS:-} -Ddtf.home="$PINNED" -Ddtf.log.dir="$ROOT/benchmarks/target/logs" \
  -cp "target/benchmarks-0.1.0-SNAPSHOT.jar:target/lib/*" io.dtf.bench.chaos.ChaosBenchmark "$@"
