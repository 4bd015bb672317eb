#!/usr/bin/env bash
# Churn: a stream of short no-op tasks on a grid of nine node processes (a server and eight workers): steady, then
# while workers leave (graceful stop, kill -9) and join every few seconds, then steady again once every worker is
# back up (a window as long as the first): the rate under churn against the mean of the two steady rates, the drift
# between them, tasks lost, retries (docs/PERFORMANCE.md, "Churn"). Ports 24500-24799 on 127.0.0.1.
# Usage: benchmarks/run-churn.sh [steady-seconds=30] [churn-seconds=60] [event-every-seconds=5] [join-as=both]
#        [worker-priority=normal]
# join-as: both (a grid whose workers are server nodes, then one whose workers are client nodes, and a summary),
# server or client (that grid only). worker-priority: normal, nice (every worker JVM under nice -n 10, steady and
# churn alike) or both (a grid of each).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && mvn -B -q -o -DskipTests -Djazzer.skip=true -pl benchmarks -am package)
# Every node runs this one copy of the build, so that nothing rebuilds DTF while the grid runs.
PINNED="$ROOT/benchmarks/target/churn-home"
rm -rf "$PINNED"
mkdir -p "$PINNED/grid-node/target"
cp -r "$ROOT/dtf" "$ROOT/config" "$PINNED/"
# -p keeps the jars' times: the nodes' class-data archives (kept outside the copy) stay valid until the build changes.
cp -rp "$ROOT/grid-node/target/grid-node.jar" "$ROOT/grid-node/target/lib" "$PINNED/grid-node/target/"
export DTF_CDS_DIR="$ROOT/benchmarks/target/churn-cds"
cd "$ROOT/benchmarks"
exec java @"$ROOT/config/jvm.args" -Xmx512m ${BENCH_OPTS:-} -Ddtf.home="$PINNED" \
  -cp "target/benchmarks-0.1.0-SNAPSHOT.jar:target/lib/*" io.dtf.bench.grid.ChurnBenchmark "$@"
