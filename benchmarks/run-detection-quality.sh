#!/usr/bin/env bash
# Detection quality of the statistics engine on seeded synthetic series: every figure next to its target.
# Exits 0 only when every figure meets its target.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && mvn -q -B -DskipTests -pl benchmarks -am package)
cd "$ROOT/benchmarks"
exec java -Xmx4g -cp "target/benchmarks-0.1.0-SNAPSHOT.jar:target/lib/*" io.dtf.bench.DetectionQualityBenchmark "$@"
