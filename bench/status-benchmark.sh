#!/usr/bin/env bash
# Job status at scale: loads, by SQL, one job of N objects with N/10 findings and JOBS jobs of 100
# objects each into a database of its own, starts the application on it, and measures over HTTP
# with 8 concurrent clients (wrk): GET /jobs/{id}?real_time=true and the cached GET /jobs/{id},
# plus refresh_job_progress(). In the same run it times the plain alternative on the same rows:
# counting the job's rows (what job_summary did before the counters).
# Usage: bench/status-benchmark.sh [objects=1000000] [jobs=1000]
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and wrk (Debian package "wrk").
set -euo pipefail
cd "$(dirname "$0")/.."
objects=${1:-1000000}
jobs=${2:-1000}
command -v wrk > /dev/null || { echo "wrk is needed: apt-get install -y wrk"; exit 2; }
[ -f target/s3-scanner.jar ] || mvn -B -q package -DskipTests

db="scanner_bench_$$"
psql_db() { psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d "$db" "$@"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
psql -q -X -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $db"
work=$(mktemp -d)
export SCANNER_HTTP_PORT=$(free_port) SCANNER_MANAGEMENT_PORT=$(free_port) SCANNER_LOCAL_S3_PORT=$(free_port) \
       SCANNER_LOCAL_SQS_PORT=$(free_port) SCANNER_LOCAL_DATA_DIR="$work/data" SCANNER_REFRESH_INTERVAL=1h \
       SCANNER_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" SCANNER_ROLES=api,refresher
java -jar target/s3-scanner.jar > "$work/app.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  psql -q -X -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT
api="http://127.0.0.1:$SCANNER_HTTP_PORT"
for _ in $(seq 1 120); do curl -fs "$api/health" > /dev/null && break; sleep 0.5; done

job=00000000-0000-4000-8000-000000000001
echo "Loading one job of $objects objects ($((objects / 10)) findings) and $jobs jobs of 100 objects..."
start=$(date +%s.%N)
psql_db <<SQL
INSERT INTO jobs (job_id, bucket, prefix, step_function_status) VALUES ('$job', 'big', '', 'SUCCEEDED');
INSERT INTO job_objects (job_id, key, size, status)
  SELECT '$job', 'k/' || i, 100, CASE WHEN i % 4 = 0 THEN 'queued' WHEN i % 17 = 0 THEN 'failed' ELSE 'succeeded' END
  FROM generate_series(1, $objects) i;
INSERT INTO findings (job_id, object_id, detector, line, byte_offset, masked)
  SELECT job_id, id, 'US_SSN', 1, 0, '***-**-0001' FROM job_objects WHERE job_id = '$job' AND id % 10 = 0;
INSERT INTO jobs (job_id, bucket, prefix, step_function_status)
  SELECT ('00000000-0000-4000-9000-' || lpad(i::text, 12, '0'))::uuid, 'small', '', 'SUCCEEDED' FROM generate_series(1, $jobs) i;
INSERT INTO job_objects (job_id, key, size, status)
  SELECT ('00000000-0000-4000-9000-' || lpad(j::text, 12, '0'))::uuid, 'k/' || i, 100, 'succeeded'
  FROM generate_series(1, $jobs) j, generate_series(1, 100) i;
VACUUM ANALYZE;
SQL
echo "  loaded in $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s"

echo
echo "== refresh_job_progress() ($((jobs + 1)) jobs, $((objects + jobs * 100)) objects), 5 runs, ms:"
for _ in 1 2 3 4 5; do psql_db -t -A -c "SELECT duration_ms FROM refresh_job_progress()"; done | tr '\n' ' '; echo

echo
echo "== the plain alternative: count the job's rows (job_summary before the counters), 5 runs, ms:"
for _ in 1 2 3 4 5; do
  psql_db -t -A -c "\\timing on" -c "SELECT count(*), count(*) FILTER (WHERE status = 'queued'),
      count(*) FILTER (WHERE status = 'succeeded'), count(*) FILTER (WHERE status = 'failed'),
      (SELECT count(*) FROM findings WHERE job_id = '$job') FROM job_objects WHERE job_id = '$job'" \
    | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
done | tr '\n' ' '; echo
echo "== job_summary for the job (counters), 5 runs, ms:"
for _ in 1 2 3 4 5; do
  psql_db -t -A -c "\\timing on" -c "SELECT * FROM job_summary WHERE job_id = '$job'" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
done | tr '\n' ' '; echo

# The plain alternatives on the same rows: the same query in a bare JDBC loop, and behind a minimal
# JDK HttpServer (no framework) answering the same JSON, loaded by wrk like the application.
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
echo
echo "== plain alternative 1: the real-time status query in a bare JDBC loop"
java -cp "$cp" scanner.bench.StatusBaseline jdbc "jdbc:postgresql://127.0.0.1:5432/$db" "$job"
baseline_port=$(free_port)
java -Dsun.net.httpserver.nodelay=true -cp "$cp" scanner.bench.StatusBaseline http "jdbc:postgresql://127.0.0.1:5432/$db" "$job" "$baseline_port" > "$work/baseline.log" 2>&1 &
baseline_pid=$!
for _ in $(seq 1 40); do grep -q "baseline server" "$work/baseline.log" 2> /dev/null && break; sleep 0.25; done
wrk -t1 -c8 -d5s "http://127.0.0.1:$baseline_port/jobs/$job" > /dev/null
echo "== plain alternative 2: minimal JDK HttpServer + the same query, wrk 8 connections, 15 s"
wrk -t1 -c8 -d15s --latency "http://127.0.0.1:$baseline_port/jobs/$job" | grep -E "Latency|50%|99%|Requests/sec|Non-2xx"
kill "$baseline_pid" 2> /dev/null || true

# Warm-up (JIT, connection pool), not measured.
wrk -t1 -c8 -d10s "$api/jobs/$job?real_time=true" > /dev/null
wrk -t1 -c8 -d5s "$api/jobs/$job" > /dev/null
echo
echo "== GET /jobs/{id}?real_time=true, wrk 8 connections, 15 s"
wrk -t1 -c8 -d15s --latency "$api/jobs/$job?real_time=true" | grep -E "Latency|50%|99%|Requests/sec|Non-2xx"
echo
echo "== GET /jobs/{id} (cached), wrk 8 connections, 15 s"
curl -s "$api/jobs/$job" | grep -q '"data_source":"cached"' || { echo "not answered from the cache"; exit 1; }
wrk -t1 -c8 -d15s --latency "$api/jobs/$job" | grep -E "Latency|50%|99%|Requests/sec|Non-2xx"
