#!/usr/bin/env bash
# An incremental run over N unchanged objects (default 1,000,000): the listing's recording with the
# set-based carry-over, beside a full run's recording of the same objects. Needs PostgreSQL on
# 127.0.0.1:5432 (user postgres). Usage: bench/incremental-carry-over.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile 2>/dev/null || mvn -B -q test-compile
[ -s target/bench.classpath ] || mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" scanner.bench.IncrementalCarryOver "${1:-1000000}"
