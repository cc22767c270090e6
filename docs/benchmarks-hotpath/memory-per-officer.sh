#!/bin/bash
# Memory per officer on shift: a fresh silo (its own PostgreSQL under /tmp/lt-pg), then two sets of 10,000 officers
# enrolled and heartbeating through the load tester; prints RSS and managed heap after each set to /tmp/mem.result.
# Run from anywhere after a Release build: bash docs/benchmarks-hotpath/memory-per-officer.sh
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root/silo" && rm -rf /tmp/lt-pg
RateLimits__TrackingPerAddressPerMinute=10000000 RateLimits__TrackingPerMinute=1000000 RateLimits__SignInPerMinute=1000000 \
  nohup dotnet bin/Release/net10.0/TangerangLive.Silo.dll --data-dir /tmp/lt-pg > /tmp/silo-mem.log 2>&1 &
pid=$!; echo $pid > /tmp/mem.pid
for i in $(seq 1 60); do curl -sf -o /dev/null http://127.0.0.1:8080/health/ready && break; sleep 2; done
cd "$root"
ws() { grep VmRSS /proc/$pid/status | awk '{print $2}'; }
echo "idle rss_kb $(ws)" > /tmp/mem.result
for n in 1 2; do
  dotnet loadtest/bin/Release/net10.0/TangerangLive.LoadTest.dll ceiling --officers 10000 --path sigap --hold-rate 300 --hold-seconds 10 --warmup-seconds 3 --seed $((40+n)) --out /tmp/mem-$n > /tmp/mem-$n.out 2>&1
  sleep 20
  echo "after set $n rss_kb $(ws) heap $(curl -s http://127.0.0.1:8080/metrics | awk '/^dotnet_gc_last_collection_heap_size_bytes/ {s+=$2} END {print s}')" >> /tmp/mem.result
done
kill $pid
