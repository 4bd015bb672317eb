#!/usr/bin/env bash
# The CPU cost of signed results per result (worker signs, coordinator and aggregator verify)
# against no signing, in one run; also the same ECDSA through BouncyCastle's provider.
# Usage: benchmarks/run-signing.sh [rounds=5]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-5}"
(cd "$ROOT" && mvn -q -B -DskipTests -pl benchmarks -am package)
cd "$ROOT/benchmarks"
java -cp "target/benchmarks-0.1.0-SNAPSHOT.jar:target/lib/*" -Dlogback.configurationFile=/dev/null \
  io.dtf.bench.SigningBenchmark "$ROUNDS" 2>/dev/null
