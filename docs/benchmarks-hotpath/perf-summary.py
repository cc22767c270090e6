"""Summarises a `perf record -g` profile of the silo (CPU samples, kernel included) by where the CPU went.

The silo must run with DOTNET_PerfMapEnabled=1 and DOTNET_EnableWriteXorExecute=0 (without the second, JIT-compiled code
sits in a double-mapped memfd that perf does not look up in /tmp/perf-PID.map, and every managed frame is an address).
Usage: perf script -i perf.data -F comm,tid,ip,sym > perf.script; python3 perf-summary.py perf.script [top]
Prints: the library of each sample's own frame; the innermost library of ours, Orleans', Npgsql's, ASP.NET Core's or
the telemetry's on each stack (who caused the sample); and, inclusive, each engine type on the stack.
"""
import collections
import re
import sys

OWNERS = re.compile(r'\[(TangerangLive\.[A-Za-z]+|Orleans\.[A-Za-z.]+|Npgsql|Serilog[A-Za-z.]*|OpenTelemetry[A-Za-z.]*|Microsoft\.AspNetCore\.[A-Za-z.]+)\]')
LIBRARY = re.compile(r'\[([A-Za-z][A-Za-z0-9_.]+)\] [A-Za-z_<]')
ENGINE_TYPE = re.compile(r'TangerangLive\.(?:Grains|Api|Silo)\.([A-Za-z0-9_.`]+?)(?:\+<|::)')


def samples(path):
    stack = []
    with open(path, encoding='utf-8', errors='replace') as lines:
        for line in lines:
            if not line.strip() or line[0] not in ' \t':
                if stack:
                    yield stack
                stack = []
                continue
            parts = line.strip().split(None, 1)
            stack.append(parts[1] if len(parts) > 1 else parts[0])
    if stack:
        yield stack


def main():
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    own, owner, engine = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for stack in samples(sys.argv[1]):
        total += 1
        leaf = LIBRARY.search(stack[0])
        own[leaf.group(1) if leaf else 'kernel and native code (no managed frame)'] += 1
        first = next((m.group(1) for f in stack if (m := OWNERS.search(f))), 'no engine, Orleans or ASP.NET frame (runtime, GC, sockets)')
        owner[first] += 1
        for name in {m.group(1) for f in stack if (m := ENGINE_TYPE.search(f))}:
            engine[name] += 1
    print(f"{total} CPU samples")
    for title, counts in (("--- by the sample's own frame", own), ("--- by the innermost library of ours, Orleans, Npgsql, ASP.NET Core, telemetry", owner),
                          ("--- engine types on the stack (inclusive)", engine)):
        print(title)
        for name, count in counts.most_common(top):
            print(f"{100 * count / total:5.1f}%  {name}")


main()
