#!/usr/bin/env bash
# Console load benchmark: a grid with the console and a finished run of N no-op tasks in one JVM,
# and a load generator in another that pages /api/runs/{id}/tasks with C clients for S seconds,
# next to /api/health (the same console with no grid read) as the baseline, in the same run.
# Usage: benchmarks/run-console-load.sh [tasks=10000] [clients=16] [seconds=15]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TASKS="${1:-10000}"; CLIENTS="${2:-16}"; SECONDS_EACH="${3:-15}"
(cd "$ROOT" && mvn -q -o -DskipTests -pl benchmarks -am package)
cd "$ROOT/benchmarks"
CP="target/benchmarks-0.1.0-SNAPSHOT.jar:target/lib/*"
READY="target/console-load.ready"
rm -f "$READY"
java @"$ROOT/config/jvm.args" -Xmx2g ${BENCH_OPTS:-} -Ddtf.home="$ROOT" -Ddtf.log.dir="$ROOT/benchmarks/target/logs" \
  -cp "$CP" io.dtf.bench.console.ConsoleLoadGrid "$TASKS" "$READY" &
GRID=$!
trap 'rm -f "$READY"; wait "$GRID" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  [ -s "$READY" ] && break
  kill -0 "$GRID" 2>/dev/null || { echo "the grid stopped before it was ready" >&2; exit 1; }
  sleep 1
done
read -r URL RUN < "$READY"
java -Xmx512m -cp "$CP" io.dtf.bench.console.ConsoleLoad "$URL" "$RUN" "$TASKS" "$CLIENTS" "$SECONDS_EACH"
