#!/bin/bash
# Where the machine's CPU goes during the issue's dispatch load: runs dispatch.sh (same variables: OUT, HB, RPS, WARMUP,
# SILO_ENV, ...) and, 25 s into its measured run, reads every process's CPU time (/proc/PID/stat) twice, 30 s apart;
# writes cores per process group (silo, PostgreSQL, the load tester, the rest) to $OUT-cpu.txt.
# Run after a Release build: OUT=/tmp/split HB=0.06 WARMUP=20s bash docs/benchmarks-hotpath/cpu-split.sh   (about 4 minutes)
out=${OUT:-/tmp/split}
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$(dirname "$out")"
(OUT=$out bash "$root/docs/benchmarks-hotpath/dispatch.sh" > "$out.log" 2>&1) &
run=$!
until grep -q "^measured:" "$out.log" 2> /dev/null; do sleep 1; kill -0 $run 2> /dev/null || { echo "dispatch.sh ended early: $out.log" >&2; exit 1; }; done
sleep 25
snapshot() {
  for p in /proc/[0-9]*; do
    ticks=$(awk '{print $14 + $15}' "$p/stat" 2> /dev/null) || continue
    echo "${p#/proc/} $ticks $(tr '\0' ' ' < "$p/cmdline" 2> /dev/null | cut -c1-200)"
  done
}
snapshot > "$out-cpu0"; t0=$(date +%s.%N); sleep 30; snapshot > "$out-cpu1"; t1=$(date +%s.%N)
python3 - "$out-cpu0" "$out-cpu1" "$t0" "$t1" "$(getconf CLK_TCK)" > "$out-cpu.txt" <<'PY'
import collections, sys
def read(path):
    found = {}
    for line in open(path, errors='replace'):
        parts = line.rstrip('\n').split(' ', 2)
        if len(parts) >= 2 and parts[1].isdigit():
            found[parts[0]] = (int(parts[1]), parts[2] if len(parts) > 2 else '')
    return found
before, after = read(sys.argv[1]), read(sys.argv[2])
seconds, hz = float(sys.argv[4]) - float(sys.argv[3]), int(sys.argv[5])
groups = collections.Counter()
for pid, (ticks, command) in after.items():
    start = before.get(pid, (0, command))[0]
    group = ('postgres' if 'postgres' in command.split(' ')[0] else 'load tester' if 'TangerangLive.LoadTest' in command
             else 'silo' if 'TangerangLive.Silo' in command else 'other processes')
    groups[group] += (ticks - start) / hz / seconds
for group, cores in groups.most_common():
    print(f"{cores:5.2f} cores  {group}")
print(f"{sum(groups.values()):5.2f} cores  in all (of {__import__('os').cpu_count()})")
PY
wait $run
cat "$out-cpu.txt"
