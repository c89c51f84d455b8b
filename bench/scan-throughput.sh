#!/usr/bin/env bash
# Lists and scans N small objects end to end in local mode and prints the figures.
# Usage: bench/scan-throughput.sh [objects=10000] [scan-concurrency=4]
# Needs the PostgreSQL that the tests use (127.0.0.1:5432, or an embedded one is started).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java ${BENCH_JAVA_OPTS:-} -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" scanner.bench.ScanThroughput "$@"
