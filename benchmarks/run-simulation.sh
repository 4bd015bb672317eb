#!/usr/bin/env bash
# The scheduler at scale, by simulation: `dtf simulate` on generated grids of mixed hardware and
# generated workloads, every placement policy on the same inputs, next to the lower bound; then how
# the scheduler's CPU per task grows with the grid (against the smallest grid, same run).
# Usage: benchmarks/run-simulation.sh [tasks-per-worker=100] [workers="100 1000 5000"]
#   POLICY=first_free benchmarks/run-simulation.sh   # one policy instead of all four
# Each grid: 20% fast (speed 2, 8 slots), 50% medium (1, 4), 25% slow (0.5, 2), 5% GPU (1.5, 4, tag gpu).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PER_WORKER="${1:-100}"
SIZES="${2:-100 1000 5000}"
POLICY="${POLICY:-all}"
SEED="${SEED:-1}"
command -v jq >/dev/null || { echo "run-simulation.sh needs jq" >&2; exit 2; }
(cd "$ROOT" && mvn -q -B -DskipTests -pl grid-node -am package)
OUT="$ROOT/benchmarks/target/simulation"
mkdir -p "$OUT"
CP="$ROOT/grid-node/target/grid-node.jar:$ROOT/grid-node/target/lib/*"

printf '%-8s %-8s %-16s %10s %10s %7s %9s %9s %12s %8s\n' workers tasks policy makespan bound ratio \
  "wait p50" "wait p99" "cpu us/task" "wall s"
base=""
for n in $SIZES; do
  workers="$OUT/workers-$n.csv"
  {
    echo "hw_class,count,slots,tags,speed"
    echo "fast,$((n * 20 / 100)),8,linux,2.0"
    echo "medium,$((n * 50 / 100)),4,linux,1.0"
    echo "slow,$((n * 25 / 100)),2,linux,0.5"
    echo "gpu,$((n - n * 20 / 100 - n * 50 / 100 - n * 25 / 100)),4,linux;gpu,1.5"
  } > "$workers"
  tasks=$((n * PER_WORKER))
  # shellcheck disable=SC2086
  java -Xmx6g ${BENCH_OPTS:-} -Ddtf.log.dir="$OUT/logs" -cp "$CP" io.dtf.cli.DtfCli simulate \
    --workers "$workers" --generate "$tasks" --seed "$SEED" --policy "$POLICY" --format json > "$OUT/report-$n.json"
  jq -r --arg n "$n" '.bound.boundMs as $b | .policies[] |
      [$n, (.tasks|tostring), (.policy|ascii_downcase), ((.makespanMs/1000|floor|tostring)+" s"),
       (($b/1000|floor|tostring)+" s"), (.ratio|tostring), ((.queueWaitP50Ms/1000|floor|tostring)+" s"),
       ((.queueWaitP99Ms/1000|floor|tostring)+" s"), (.schedulerCpuMicrosPerTask|tostring),
       ((.wallMillis/100|floor)/10|tostring)] | @tsv' "$OUT/report-$n.json" |
    while IFS=$'\t' read -r w t p m b r q50 q99 cpu wall; do
      printf '%-8s %-8s %-16s %10s %10s %7s %9s %9s %12s %8s\n' "$w" "$t" "$p" "$m" "$b" "$r" "$q50" "$q99" "$cpu" "$wall"
    done
  cpu=$(jq '[.policies[].schedulerCpuMicrosPerTask] | add / length' "$OUT/report-$n.json")
  if [ -z "$base" ]; then base="$cpu"; fi
  echo "  $n workers: mean scheduler CPU $cpu us/task, $(jq -n "$cpu / $base * 100 | floor / 100")x the $(echo "$SIZES" | cut -d' ' -f1)-worker grid's"
done
echo "reports: $OUT/report-*.json"
