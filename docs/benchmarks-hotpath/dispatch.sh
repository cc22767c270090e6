#!/bin/bash
# Dispatch latency on a fresh silo (its own PostgreSQL under $DATA_DIR): a 40 s warm-up run, then the measured run
# `run --officers 300 --heartbeat-seconds $HB --reports-per-second $RPS --duration $DURATION --seed 4` (issue 9's
# dispatch figure: submit to the offer on the officer's hub, in $OUT/report/report.md). /metrics is scraped before and
# after the measured run, and the server's dispatch stages between the two are in $OUT/stages.txt
# (docs/dispatch-stages.py); the silo's and PostgreSQL's CPU during the run (cores) and the silo's resident memory are in $OUT/result.
# HB=0.06 makes 300 officers send about 5,000 heartbeats a second (the issue's "beside 5,000 heartbeats/s").
# WARMUP=20s plays the measured run's load for 20 s before its measured window (`run --warmup`; reported apart).
# Run from anywhere after a Release build: OUT=/tmp/dispatch HB=0.06 bash docs/benchmarks-hotpath/dispatch.sh
# PostgreSQL's WAL flushes during the measured run (track_wal_io_timing turned on for it): commits, WAL syncs and the
# time spent in them, per second, are in $OUT/result (each commit waits for a sync; session 21 found the dispatch's
# tail in them); $OUT/wal.svg draws them per second against the run's slowest submit to offer in each second.
# Takes about 3 minutes. Ports: the defaults (8080, PostgreSQL 55432); don't run it beside another silo on them.
hb=${HB:-5}; rps=${RPS:-100}; duration=${DURATION:-60}; warmup=${WARMUP:-0}; out=${OUT:-/tmp/dispatch}; data_dir=${DATA_DIR:-/tmp/lt-pg-dispatch}
root=$(cd "$(dirname "$0")/../.." && pwd)
lt="env ${LT_ENV:-} dotnet $root/loadtest/bin/Release/net10.0/TangerangLive.LoadTest.dll"
. "$root/docs/benchmarks-hotpath/fresh-silo.sh"
echo "warm-up: 40 s at $rps reports/s"
$lt run --officers 300 --heartbeat-seconds 5 --reports-per-second "$rps" --duration 40 --seed 3 --out "$out/warmup" > "$out/warmup.out" 2>&1
tail -3 "$out/warmup.out"
sleep 5
curl -s http://127.0.0.1:8080/metrics > "$out/metrics-before.txt"
export PGPASSWORD=$(cat "$data_dir/password")
pgq() { psql -h 127.0.0.1 -p 55432 -U tangerang -d tangerang -qAt "$@"; }
pgq -c "ALTER SYSTEM SET track_wal_io_timing = on" -c "SELECT pg_reload_conf()" > /dev/null
wal() { pgq -F ' ' -c "SELECT w.wal_sync, w.wal_sync_time, (SELECT sum(xact_commit) FROM pg_stat_database) FROM pg_stat_wal w"; }
read -r sync0 synctime0 commit0 <<< "$(wal)"
# the same, once a second, with the wall-clock time: $out/wal.csv (drawn against the run's latency by wal-svg.py)
(while :; do echo "$(date -u +%H:%M:%S.%N | cut -c1-12) $(wal)"; sleep 1; done > "$out/wal.csv") &
sampler=$!
# PostgreSQL's CPU: every process of the server (its pooled backends live through the run)
pg_ticks() { local sum=0; for p in $(pgrep -x postgres); do sum=$((sum + $(awk '{print $14 + $15}' /proc/$p/stat 2> /dev/null || echo 0))); done; echo $sum; }
ticks0=$(awk '{print $14 + $15}' /proc/$silo/stat); pg0=$(pg_ticks); t0=$(date +%s.%N)
echo "measured: $duration s at $rps reports/s, heartbeats every $hb s, after $warmup of the same load"
$lt run --officers 300 --heartbeat-seconds "$hb" --reports-per-second "$rps" --duration "$duration" --warmup "$warmup" --seed 4 --out "$out/report" 2>&1 | tee "$out/run.out"
status=${PIPESTATUS[0]}
ticks1=$(awk '{print $14 + $15}' /proc/$silo/stat); pg1=$(pg_ticks); t1=$(date +%s.%N)
read -r sync1 synctime1 commit1 <<< "$(wal)"
kill $sampler
python3 "$root/docs/benchmarks-hotpath/wal-svg.py" "$out/wal.csv" "$out/report/report.json" "$out/wal.svg" || true
curl -s http://127.0.0.1:8080/metrics > "$out/metrics-after.txt"
python3 "$root/docs/dispatch-stages.py" "$out/metrics-before.txt" "$out/metrics-after.txt" | tee "$out/stages.txt"
hz=$(getconf CLK_TCK)
echo "silo_cores $(echo "($ticks1 - $ticks0) / $hz / ($t1 - $t0)" | bc -l | cut -c1-5) postgres_cores $(echo "($pg1 - $pg0) / $hz / ($t1 - $t0)" | bc -l | cut -c1-5) rss_kb $(awk '/VmRSS/{print $2}' /proc/$silo/status) run_exit $status" \
  "commits_per_s $(echo "($commit1 - $commit0) / ($t1 - $t0)" | bc -l | cut -c1-6) wal_syncs_per_s $(echo "($sync1 - $sync0) / ($t1 - $t0)" | bc -l | cut -c1-6)" \
  "wal_sync_ms_per_s $(echo "($synctime1 - $synctime0) / ($t1 - $t0)" | bc -l | cut -c1-6)" | tee "$out/result"
kill $silo; wait $silo
exit $status
