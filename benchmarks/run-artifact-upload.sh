#!/usr/bin/env bash
# Artifact upload: bytes a client sends for a generated project's tests on a first run, on a second run of the
# unchanged project after a clean rebuild, and after one class changed (docs/PERFORMANCE.md, "Artifact upload").
# Usage: benchmarks/run-artifact-upload.sh [classes=200]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$ROOT" && mvn -q -B -DskipTests -P'!fuzz' -pl benchmarks -am package)
cd "$ROOT/benchmarks"
exec java @"$ROOT/config/jvm.args" -Xmx2g ${BENCH_OPTS:-} -Ddtf.home="$ROOT" -Ddtf.log.dir="$ROOT/benchmarks/target/logs" \
  -cp "target/benchmarks-0.1.0-SNAPSHOT.jar:target/lib/*" io.dtf.bench.junit.ArtifactUploadBenchmark "$@"
