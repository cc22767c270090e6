#!/bin/bash
# Memory per officer on shift: a fresh silo (its own PostgreSQL under $DATA_DIR), then two sets of $OFFICERS officers
# enrolled and heartbeating through the load tester; prints RSS and managed heap after each set to $OUT.result.
# Run from anywhere after a Release build: bash docs/benchmarks-hotpath/memory-per-officer.sh
# Ports and paths (defaults are the lead's): HTTP_PORT=8080 SILO_PORT=11111 GATEWAY_PORT=30000 PG_PORT=55432
# DATA_DIR=/tmp/lt-pg OUT=/tmp/mem OFFICERS=10000. GCDUMP=1 also writes a dotnet-gcdump after each set ($OUT-N.gcdump).
# NICE=10 runs the silo and the load tester under nice. SETTLE=1 measures after a full blocking collection (induced by
# writing a gcdump, $OUT-N.gcdump): the figures then count live objects and what the collector kept of the heap, not
# how much garbage happened to be waiting for the next collection (without it, repeated runs differ by 1 KB per officer).
# The officers stay on shift after each set (ceiling --keep-shifts). SILO_ENV="NAME=value ..." sets environment variables
# for the silo alone (runtime settings such as DOTNET_GCConserveMemory=7 to compare).
http_port=${HTTP_PORT:-8080}; silo_port=${SILO_PORT:-11111}; gateway_port=${GATEWAY_PORT:-30000}; pg_port=${PG_PORT:-55432}
data_dir=${DATA_DIR:-/tmp/lt-pg}; out=${OUT:-/tmp/mem}; officers=${OFFICERS:-10000}; nice=${NICE:-0}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root/silo" && rm -rf "$data_dir"
Database__Embedded__Port=$pg_port \
RateLimits__TrackingPerAddressPerMinute=10000000 RateLimits__TrackingPerMinute=1000000 RateLimits__SignInPerMinute=1000000 \
  nohup nice -n "$nice" env ${SILO_ENV:-} dotnet bin/Release/net10.0/TangerangLive.Silo.dll --http-port "$http_port" --silo-port "$silo_port" \
  --gateway-port "$gateway_port" --data-dir "$data_dir" > "$out-silo.log" 2>&1 &
pid=$!; echo $pid > "$out.pid"
for i in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$http_port/health/ready" && break; sleep 2; done
kill -0 $pid 2> /dev/null || { echo "the silo did not start: $out-silo.log" >&2; exit 1; }
cd "$root"
ws() { grep VmRSS /proc/$pid/status | awk '{print $2}'; }
heap() { curl -s "http://127.0.0.1:$http_port/metrics" | awk '/^dotnet_gc_last_collection_heap_size_bytes/ {s+=$2} END {print s}'; }
gcdump() { "${DOTNET_TOOLS:-$HOME/.dotnet/tools}/dotnet-gcdump" collect -p "$pid" -o "$1" > /dev/null 2>&1; }
settle() { if [ "${SETTLE:-0}" = 1 ]; then gcdump "$1"; sleep 5; fi; }
settle "$out-0.gcdump"
echo "idle rss_kb $(ws) heap $(heap)" > "$out.result"
for n in 1 2; do
  nice -n "$nice" dotnet loadtest/bin/Release/net10.0/TangerangLive.LoadTest.dll ceiling --url "http://127.0.0.1:$http_port" \
    --officers "$officers" --path sigap --hold-rate 300 --hold-seconds 10 --warmup-seconds 3 --seed $((40+n)) --keep-shifts --out "$out-$n" > "$out-$n.out" 2>&1
  sleep 20
  settle "$out-$n.gcdump"
  echo "after set $n rss_kb $(ws) heap $(heap)" >> "$out.result"
  if [ "${GCDUMP:-0}" = 1 ] && [ "${SETTLE:-0}" != 1 ]; then gcdump "$out-$n.gcdump"; fi
done
kill $pid
