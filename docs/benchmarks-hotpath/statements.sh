#!/bin/bash
# What PostgreSQL spends its time on during a dispatch run: starts a fresh silo once to create its database, restarts
# it with pg_stat_statements loaded, runs a 20 s warm-up and a measured run of `run --officers 300 --heartbeat-seconds
# $HB --reports-per-second $RPS --duration 40 --seed 4`, and writes the statements by total time ($OUT/top.txt), by
# calls ($OUT/calls.txt), the commits of the measured run ($OUT/commits.txt) and the load test's report ($OUT/report).
# Run after a Release build: OUT=/tmp/statements bash docs/benchmarks-hotpath/statements.sh   (about 3 minutes)
# Ports: the defaults (8080, PostgreSQL 55432); don't run it beside another silo on them.
hb=${HB:-5}; rps=${RPS:-100}; out=${OUT:-/tmp/statements}; data_dir=${DATA_DIR:-/tmp/lt-pg-statements}
root=$(cd "$(dirname "$0")/../.." && pwd)
lt="dotnet $root/loadtest/bin/Release/net10.0/TangerangLive.LoadTest.dll"
. "$root/docs/benchmarks-hotpath/fresh-silo.sh"
kill $silo; wait $silo
echo "shared_preload_libraries = 'pg_stat_statements'" >> "$data_dir/data/postgresql.auto.conf"
cd "$root/silo"
RateLimits__TrackingPerAddressPerMinute=10000000 RateLimits__TrackingPerMinute=1000000 RateLimits__SignInPerMinute=1000000 \
  nohup dotnet bin/Release/net10.0/TangerangLive.Silo.dll --data-dir "$data_dir" >> "$out/silo.log" 2>&1 &
silo=$!
cd "$root"
for i in $(seq 1 60); do curl -sf -o /dev/null http://127.0.0.1:8080/health/ready && break; sleep 2; done
kill -0 $silo 2> /dev/null || { echo "the silo did not start again: $out/silo.log" >&2; exit 1; }
export PGPASSWORD=$(cat "$data_dir/password")
q() { psql -h 127.0.0.1 -p 55432 -U tangerang -d tangerang "$@"; }
q -qc "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
echo "warm-up: 20 s at $rps reports/s"
$lt run --officers 300 --heartbeat-seconds 5 --reports-per-second "$rps" --duration 20 --seed 3 --out "$out/warmup" > "$out/warmup.out" 2>&1
q -qAtc "SELECT pg_stat_statements_reset()" > /dev/null
c0=$(q -Atc "SELECT sum(xact_commit) FROM pg_stat_database"); t0=$(date +%s.%N)
echo "measured: 40 s at $rps reports/s, heartbeats every $hb s"
$lt run --officers 300 --heartbeat-seconds "$hb" --reports-per-second "$rps" --duration 40 --seed 4 --out "$out/report" > "$out/run.out" 2>&1
c1=$(q -Atc "SELECT sum(xact_commit) FROM pg_stat_database"); t1=$(date +%s.%N)
echo "transactions $((c1 - c0)) in $(echo "$t1 - $t0" | bc | cut -c1-5) s" | tee "$out/commits.txt"
q -c "SELECT calls, round(total_exec_time::numeric) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms, rows, wal_records,
             round(wal_bytes / 1024) AS wal_kb, left(regexp_replace(query, '\s+', ' ', 'g'), 140) AS statement
      FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25" | tee "$out/top.txt"
q -c "SELECT calls, left(regexp_replace(query, '\s+', ' ', 'g'), 140) AS statement FROM pg_stat_statements ORDER BY calls DESC LIMIT 25" > "$out/calls.txt"
grep -E "submit-to-offer|report submit" "$out/report/report.md"
kill $silo; wait $silo
