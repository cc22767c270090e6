#!/bin/bash
# 100,000 officers on shift: a fresh silo (its own PostgreSQL under $DATA_DIR), the load tester enrols 100,000 officers
# (roster, device tokens, shift start and a first heartbeat each), warms up 30 s at 1,000/s, then holds $RATE heartbeats
# a second for $SECONDS_HELD seconds (the issue's figure is 10,000/s for 300 s). dotnet-counters records the silo's and
# the load tester's runtime counters every second ($OUT/silo-counters.csv, $OUT/lt-counters.csv), drawn as
# $OUT/silo-memory.svg; the silo's resident memory before and after is in $OUT/result (SETTLE=1 adds a reading after a
# full collection, and the dump $OUT/after.gcdump). The officers are left on shift for the readings (--keep-shifts);
# SILO_ENV="NAME=value ..." sets environment variables for the silo alone; DUMP=1 also writes a heap dump at the end.
# Run from anywhere after a Release build: RATE=3000 OUT=/tmp/hold-100k bash docs/benchmarks-hotpath/hold-100k.sh
# Takes about 10 minutes. Ports: the defaults (8080, PostgreSQL 55432); don't run it beside another silo on them.
rate=${RATE:-3000}; held=${SECONDS_HELD:-300}; out=${OUT:-/tmp/hold-100k}; data_dir=${DATA_DIR:-/tmp/lt-pg}
tools=${DOTNET_TOOLS:-$HOME/.dotnet/tools}
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/docs/benchmarks-hotpath/fresh-silo.sh"
sleep 20
echo "idle rss_kb $(awk '/VmRSS/{print $2}' /proc/$silo/status)" | tee "$out/result"
"$tools/dotnet-counters" collect -p $silo --refresh-interval 1 --format csv -o "$out/silo-counters.csv" --counters System.Runtime > /dev/null 2>&1 &
silo_counters=$!
dotnet loadtest/bin/Release/net10.0/TangerangLive.LoadTest.dll ceiling --officers 100000 --path sigap --hold-rate "$rate" \
  --hold-seconds "$held" --warmup-seconds 30 --max-seconds $((held + 100)) --keep-shifts --out "$out/report" > "$out/ceiling.out" 2>&1 &
lt=$!
# Attach to the load tester only once its runtime has started (its first line is out): dotnet-counters attaching
# while the runtime was still starting left it waiting forever, before it printed anything.
for i in $(seq 1 60); do [ -s "$out/ceiling.out" ] && break; sleep 0.5; done
tail -f --pid=$lt "$out/ceiling.out" &
"$tools/dotnet-counters" collect -p $lt --refresh-interval 1 --format csv -o "$out/lt-counters.csv" --counters System.Runtime > /dev/null 2>&1 &
lt_counters=$!
wait $lt
echo "after rss_kb $(awk '/VmRSS/{print $2}' /proc/$silo/status)" | tee -a "$out/result"
# How many officers were dormant (held by their shards, no activation of their own) and where the heartbeats were applied.
curl -s http://127.0.0.1:8080/metrics | grep -E '^(tangerang_officers_dormant|tangerang_officer_shard_passed_on|tangerang_heartbeats|orleans_catalog_activations\{.*grain_type="officer)' | tee -a "$out/result"
if [ "${SETTLE:-0}" = 1 ]; then
  # SETTLE=1: also after a full blocking collection (forced by writing a gcdump), 20 s after the hold: live objects and
  # what the collector keeps, without the garbage of the last seconds of load.
  sleep 20; "$tools/dotnet-gcdump" collect -p $silo -o "$out/after.gcdump" > /dev/null 2>&1; sleep 5
  echo "settled rss_kb $(awk '/VmRSS/{print $2}' /proc/$silo/status)" | tee -a "$out/result"
fi
if [ "${DUMP:-0}" = 1 ]; then
  # DUMP=1: a heap dump of the silo for dotnet-dump analyze (which objects fill the large-object heap, and who holds
  # them: `dumpheap -stat -min 85000`, `gcroot ADDRESS`). About the size of the silo's working set.
  "$tools/dotnet-dump" collect -p $silo --type Heap -o "$out/after.dump" > /dev/null 2>&1
fi
kill -INT $silo_counters $lt_counters; sleep 2
kill $silo; wait $silo
python3 "$root/docs/benchmarks-hotpath/counters-svg.py" "$out/silo-counters.csv" "$out/silo-memory.svg" "silo, 100,000 officers, $rate/s"
