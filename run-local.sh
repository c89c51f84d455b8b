#!/usr/bin/env bash
# Builds the jar if the sources changed, then starts S3 Scanner in local mode:
# embedded S3 (:9000), SQS (:9324) and, without SCANNER_DB_URL, PostgreSQL; REST API on :8080.
set -euo pipefail
cd "$(dirname "$0")"
jar=target/s3-scanner.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml src sql -newer "$jar" -print -quit)" ]; then
  mvn -B -q package -DskipTests
fi
exec java ${JAVA_OPTS:-} -jar "$jar" "$@"
