#!/usr/bin/env bash
# Paired A/B of the detection engine: a git revision (A, default HEAD) against the working tree (B),
# both loaded in one JVM and alternating pass by pass over the same text.
# Usage: bench/engine-ab.sh [rev=HEAD] [file=target/realtext.txt] [rounds=21]
# (target/realtext.txt is built by bench/detector-vs-rg.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:-HEAD}; file=${2:-target/realtext.txt}; rounds=${3:-21}
[ -s "$file" ] || { echo "No $file: run bench/detector-vs-rg.sh 1 first, or name a file"; exit 2; }
mvn -B -q -o test-compile 2>/dev/null || mvn -B -q test-compile
[ -s target/bench.classpath ] || mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
work=$(mktemp -d)
trap 'git worktree remove --force "$work/a" > /dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add -q --detach "$work/a" "$rev"
(cd "$work/a" && (mvn -B -q -o compile 2>/dev/null || mvn -B -q compile))
cp -r target/classes "$work/b-classes"
echo "A = $rev ($(git rev-parse --short "$rev")), B = the working tree; $rounds rounds over $file"
java -Xmx3g -cp "target/test-classes:$(cat target/bench.classpath)" scanner.bench.EngineAB "$file" "$rounds" "$work/a/target/classes" "$work/b-classes"
