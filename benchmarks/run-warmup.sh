#!/usr/bin/env bash
# Cold against warmed-up figures of the built-in benchmarks: each measurement in a fresh JVM, the
# old way (2 unrecorded calls, 5 measured calls) and with the defaults (warm-up by time until steady).
# Usage: benchmarks/run-warmup.sh [rounds=3]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-3}"
(cd "$ROOT" && mvn -q -B -DskipTests -pl benchmarks -am package)
cd "$ROOT/benchmarks"
for round in $(seq "$ROUNDS"); do
  for case in "sha256 size=64KiB" "sha256 size=1MiB" "matmul n=128" "matmul n=256"; do
    for mode in cold warmed; do
      # shellcheck disable=SC2086
      java -cp "target/benchmarks-0.1.0-SNAPSHOT.jar:target/lib/*" -Dlogback.configurationFile=/dev/null \
        io.dtf.bench.WarmupBenchmark $case "$mode" 2>/dev/null
    done
  done
done
