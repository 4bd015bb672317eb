#!/usr/bin/env bash
# Fuzzing benchmark: every parser's fuzz target (each *FuzzTest class) fuzzed for longer than
# `mvn verify` gives it, then the inputs tried and the crashes found per target.
# Usage: benchmarks/run-fuzz.sh [seconds per target=300]
# A crash is kept as a file next to the target's seeds (src/test/resources/.../*FuzzTestInputs/);
# the full log is benchmarks/target/fuzz.log. The exit code is 1 when any target crashed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_PER_TARGET="${1:-300}"
LOG="$ROOT/benchmarks/target/fuzz.log"
mkdir -p "$(dirname "$LOG")"
cd "$ROOT"

# The profile "fuzz" fuzzes each selected class in a JVM of its own for dtf.fuzz.seconds.
# -Dit.test selects the fuzz tests alone (the plain integration-test run replays their seeds once),
# -Dtest=none skips the unit tests, and a crash in one module must not keep the others from running.
started=$(date +%s)
mvn -B -pl task-library,grid-node -am verify -Pfuzz -Ddtf.fuzz.seconds="$SECONDS_PER_TARGET" \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='*FuzzTest' -Dfailsafe.failIfNoSpecifiedTests=false -Dmaven.test.failure.ignore=true \
  > "$LOG" 2>&1
elapsed=$(( $(date +%s) - started ))

echo "fuzzing, ${SECONDS_PER_TARGET} s per target ($(nproc) cores, $(uname -sm), $(java -version 2>&1 | head -1)):"
grep -a '^fuzz report: .* mode=fuzzing' "$LOG" | sed 's/^fuzz report: /  /' || { echo "  no fuzz report: see $LOG"; exit 2; }
echo "wall time ${elapsed} s in all, log: $LOG"
! grep -a '^fuzz report: .* mode=fuzzing' "$LOG" | grep -qv ' crashes=0 '
