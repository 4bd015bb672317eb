#!/usr/bin/env bash
# Mixed-speed grid: a skewed suite of CPU-bound command tasks on worker JVMs of different speeds (duty-cycled
# commands), placed by first-free and by DTF's default placement, against the lower bound, in one run
# (docs/PERFORMANCE.md, "Mixed-speed grid"). Ports 24100-24399 on 127.0.0.1.
# Usage: benchmarks/run-mixed-speed.sh [seed=1]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && mvn -B -q -o -DskipTests -Djazzer.skip=true -pl benchmarks -am package)
# Every node runs this one copy of the build, so that nothing rebuilds DTF while the grid runs.
PINNED="$ROOT/benchmarks/target/grid-home"
rm -rf "$PINNED"
mkdir -p "$PINNED/grid-node/target"
cp -r "$ROOT/dtf" "$ROOT/config" "$PINNED/"
cp -r "$ROOT/grid-node/target/grid-node.jar" "$ROOT/grid-node/target/lib" "$PINNED/grid-node/target/"
cd "$ROOT/benchmarks"
exec java @"$ROOT/config/jvm.args" -Xmx512m ${BENCH_OPTS:-} -Ddtf.home="$PINNED" \
  -cp "target/benchmarks-0.1.0-SNAPSHOT.jar:target/lib/*" io.dtf.bench.grid.MixedSpeedBenchmark "$@"
