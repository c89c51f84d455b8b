#!/usr/bin/env bash
# JMH: MB/s per core of the detection engine and of a naive regex baseline, on one corpus.
# Usage: bench/detector-throughput.sh [quick]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" scanner.bench.DetectorThroughput "$@"
