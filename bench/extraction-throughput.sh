#!/usr/bin/env bash
# Documents scanned per second (docx, xlsx, PDF of generated business text), beside Tika's text
# extraction alone on the same files. Usage: bench/extraction-throughput.sh [passes=5]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile 2>/dev/null || mvn -B -q test-compile
[ -s target/bench.classpath ] || mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" scanner.bench.ExtractionThroughput "${1:-5}"
