#!/usr/bin/env bash
# WebSocket fan-out: 200 /ws clients and a Chromium page while 10,000 tasks finish, against polling the
# task list, same run (docs/PERFORMANCE.md, "Console: live updates to 200 pages").
# The grid (one node with every role, the console among them) runs in a process of its own.
# Usage: benchmarks/run-console-ws.sh [tasks=10000] [clients=200]; ports BASE..BASE+3 (BASE=22660).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE="${BASE:-22660}"
(cd "$ROOT" && mvn -q -B ${MVN_ARGS:-} -DskipTests -Djazzer.skip=true -P'!fuzz' -pl benchmarks -am package)
cd "$ROOT/benchmarks"
CP="target/benchmarks-0.1.0-SNAPSHOT.jar:target/lib/*"
mkdir -p target/logs
rm -rf target/console-ws-benchmark
java @"$ROOT/config/jvm.args" -Xmx2g -Ddtf.home="$ROOT" -Ddtf.log.dir="$ROOT/benchmarks/target/logs" \
  -cp "$CP" io.dtf.bench.console.ConsoleGridProcess "$BASE" > target/logs/console-ws-grid.out 2>&1 &
GRID=$!
trap 'kill $GRID 2>/dev/null; wait $GRID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q '^ready' target/logs/console-ws-grid.out && break
  kill -0 $GRID 2>/dev/null || { cat target/logs/console-ws-grid.out; exit 1; }
  sleep 1
done
java @"$ROOT/config/jvm.args" -Xmx2g ${BENCH_OPTS:-} -Ddtf.log.dir="$ROOT/benchmarks/target/logs" \
  -cp "$CP" io.dtf.bench.console.ConsoleWsBenchmark "$BASE" "$@"
