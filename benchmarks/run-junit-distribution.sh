#!/usr/bin/env bash
# Test distribution: generated test classes with skewed, known durations, one sequential Surefire run against DTF's
# Maven plugin on a grid of dtf node processes (a server and one-slot workers), against the ideal
# (docs/PERFORMANCE.md, "Test distribution").
# Usage: benchmarks/run-junit-distribution.sh [classes=200] [workers=4] [seed=1]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Up to pre-integration-test: the plugin and what it needs are installed into the plugin's own integration-test
# repository (ci/dtf-maven-plugin/target/local-repo), never into ~/.m2; the launcher's grid-node build is made too.
(cd "$ROOT" && mvn -q -B -DskipTests -P'!fuzz' -pl benchmarks,ci/dtf-maven-plugin -am pre-integration-test)
touch "$ROOT/grid-node/target/grid-node.jar"
SETTINGS="$ROOT/benchmarks/target/plugin-settings.xml"
sed "s|@localRepositoryUrl@|file://${MAVEN_REPO:-$HOME/.m2/repository}|g" "$ROOT/ci/dtf-maven-plugin/src/it/settings.xml" > "$SETTINGS"
cd "$ROOT/benchmarks"
exec java -Xmx1g ${BENCH_OPTS:-} -Ddtf.home="$ROOT" -Dbench.plugin=io.dtf:dtf-maven-plugin:0.1.0-SNAPSHOT \
  -Dbench.maven.repo="$ROOT/ci/dtf-maven-plugin/target/local-repo" -Dbench.maven.settings="$SETTINGS" \
  -cp "target/benchmarks-0.1.0-SNAPSHOT.jar:target/lib/*" io.dtf.bench.junit.JunitDistributionBenchmark "$@"
