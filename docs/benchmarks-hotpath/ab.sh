#!/bin/bash
# usage: ab.sh LABEL WORKTREE  -- starts that build's silo on /tmp/B-pg (ports of helper B), runs heartbeat, churn, osmand 20 s each (officers.lua beside this script)
label=$1; tree=$2; here=$(cd "$here" && pwd)
cd $tree/silo
Database__Embedded__Port=56200 RateLimits__TrackingPerMinute=1000000 RateLimits__SignInPerMinute=1000000 Silo__LogDirectory=/tmp/B-logs-$label nohup dotnet bin/Release/net10.0/TangerangLive.Silo.dll --http-port 9200 --silo-port 9201 --gateway-port 9202 --data-dir /tmp/B-pg > /tmp/B-silo-$label.log 2>&1 &
pid=$!
for i in $(seq 1 60); do curl -sf localhost:9200/health/ready > /dev/null && break; sleep 2; done
cd "$here"
wrk -t2 -c50 -d5s -s heartbeat.lua http://127.0.0.1:9200 > /dev/null   # warm-up: activations, JIT
for s in heartbeat churn osmand; do
  echo "== $label $s $(uptime | sed 's/.*load/load/')"
  wrk -t2 -c50 -d20s --latency -s $s.lua http://127.0.0.1:9200 | grep -E "Requests/sec|50%|99%|errors"
done
kill $pid; wait $pid 2>/dev/null; sleep 3
