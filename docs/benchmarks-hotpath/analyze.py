"""Summarises a dotnet-trace Speedscope export (sampled thread time): python3 analyze.py FILE summary|self|attr|cpu|callers FRAME."""
import json, sys, collections
d = json.load(open(sys.argv[1])); frames = [f['name'] for f in d['shared']['frames']]
leaf = collections.Counter(); incl = collections.Counter(); total = 0.0
stacks = collections.Counter()
for p in d['profiles']:
    stack = []; last = None
    for e in p['events']:
        t = e['at']
        if stack and last is not None:
            dt = t - last
            stacks[tuple(stack)] += dt
        last = t
        if e['type'] == 'O': stack.append(e['frame'])
        else:
            # close: pop matching
            while stack and stack[-1] != e['frame']: stack.pop()
            if stack: stack.pop()
BLOCK = ('UNMANAGED_CODE_TIME','CPU_TIME')
def is_running(st):
    return True
for st, dt in stacks.items():
    names = [frames[i] for i in st]
    leaf[names[-1]] += dt
mode = sys.argv[2] if len(sys.argv) > 2 else 'leaf'
if mode == 'leaf':
    for n, v in leaf.most_common(40): print(f"{v:10.0f} {n[:150]}")
if mode == 'cpu':
    cpu_total = 0; inc = collections.Counter(); cats = collections.Counter()
    CATS = [('Serilog file sink', ['Serilog.Sinks.File']), ('Serilog (all)', ['Serilog']), ('Npgsql', ['Npgsql!']),
            ('Orleans grain storage (AdoNet)', ['Orleans.Persistence.AdoNet']), ('Orleans runtime', ['Orleans.Runtime!', 'Orleans.Core!']),
            ('Orleans serialization', ['Orleans.Serialization!', 'OrleansCodeGen']),
            ('JWT validation', ['JwtBearer', 'IdentityModel']), ('Kestrel', ['Kestrel']), ('TangerangLive code', ['TangerangLive.']),
            ('OfficerGrain.ReportPositionAsync', ['OfficerGrain+<ReportPositionAsync>']), ('ZoneGrain', ['ZoneGrain']),
            ('SignalR', ['SignalR']), ('JSON', ['System.Text.Json']), ('GC', ['GC', 'gc_heap'])]
    for st, dt in stacks.items():
        names = [frames[i] for i in st]
        if names[-1] != 'CPU_TIME': continue
        cpu_total += dt
        for n in set(names): inc[n] += dt
        for c, keys in CATS:
            if any(any(k in n for k in keys) for n in names): cats[c] += dt
    print(f"running (CPU_TIME) ms: {cpu_total:.0f}")
    for c, _ in CATS: print(f"{100*cats[c]/cpu_total:5.1f}% {c}")
    print('--- top inclusive frames')
    for n, v in inc.most_common(int(sys.argv[3]) if len(sys.argv) > 3 else 50): print(f"{100*v/cpu_total:5.1f}% {n[:160]}")
if mode == 'attr':
    # each running sample is charged to the innermost frame matching a bucket (leaf-most wins)
    BUCKETS = [('Serilog sinks/formatting', ['Serilog.Sinks', 'Serilog.Formatting', 'Serilog!Serilog.Core', 'Serilog!Serilog.Events', 'Serilog!Serilog.Parsing', 'Serilog!Serilog.Capturing']),
        ('Serilog request-logging middleware (own work)', ['Serilog.AspNetCore!']),
        ('Npgsql', ['Npgsql!']), ('Orleans ADO.NET grain storage', ['Orleans.Persistence.AdoNet', 'StateStorageBridge']),
        ('Orleans serialization', ['Orleans.Serialization!', 'OrleansCodeGen', 'OrleansGrainStorageSerializer']),
        ('Orleans messaging/runtime', ['Orleans.Runtime!', 'Orleans.Core!', 'Orleans.Core.Abstractions!']),
        ('JWT / auth', ['JwtBearer', 'IdentityModel', 'Microsoft.AspNetCore.Authentication', 'Microsoft.AspNetCore.Authorization', 'System.Security.Cryptography']),
        ('OpenTelemetry / metrics', ['OpenTelemetry', 'System.Diagnostics.Metrics']),
        ('SignalR', ['SignalR']),
        ('JSON', ['System.Text.Json']),
        ('TangerangLive code', ['TangerangLive.Grains!', 'TangerangLive.Api!', 'TangerangLive.Silo!']),
        ('Kestrel / HTTP pipeline', ['Kestrel', 'Microsoft.AspNetCore.', 'System.IO.Pipelines']),
        ('Sockets', ['System.Net.Sockets']),
        ('Thread pool / tasks', ['System.Private.CoreLib!System.Threading']),
        ('GC', ['PollGC', 'GC']),
    ]
    tot = 0; b = collections.Counter()
    for st, dt in stacks.items():
        names = [frames[i] for i in st]
        if names[-1] != 'CPU_TIME': continue
        tot += dt; hit = 'other'
        for n in reversed(names[:-1]):
            m = next((c for c, keys in BUCKETS if any(k in n for k in keys)), None)
            if m: hit = m; break
        b[hit] += dt
    print(f"running samples (CPU_TIME): {tot:.0f} ms")
    for c, v in b.most_common(): print(f"{100*v/tot:5.1f}%  {c}")
if mode == 'self':
    tot = 0; b = collections.Counter()
    for st, dt in stacks.items():
        names = [frames[i] for i in st]
        if names[-1] != 'CPU_TIME': continue
        tot += dt; b[names[-2] if len(names) > 1 else '?'] += dt
    for c, v in b.most_common(40): print(f"{100*v/tot:5.1f}%  {c[:170]}")
if mode == 'callers':
    target = sys.argv[3]; tot = 0; b = collections.Counter()
    for st, dt in stacks.items():
        names = [frames[i] for i in st]
        if names[-1] != 'CPU_TIME': continue
        tot += dt
        idx = [i for i, n in enumerate(names) if target in n]
        if idx:
            i = idx[-1]
            b[' <- '.join(n.split('!')[-1][:70] for n in reversed(names[max(0, i-6):i]))] += dt
    for c, v in b.most_common(12): print(f"{100*v/tot:5.1f}%  {c}")
if mode == 'summary':
    WAIT = ['PollGCWorker', 'GC.RunFinalizers', 'WaitOneNoCheck', 'LowLevelLifoSemaphore', 'WorkerThreadStart()', 'WaitHandle.WaitMultiple']
    KEYS = [('Serilog (request logging + sinks, inclusive of sinks only)', ['Serilog.Sinks', 'Serilog.Formatting', 'Serilog.Core.Sinks', 'Serilog.Core.Logger.Dispatch', 'Serilog.Core.Logger.Write']),
            ('  Serilog rolling file sink', ['Serilog.Sinks.File']), ('  Serilog console sink', ['Serilog.Sinks.SystemConsole']),
            ('Npgsql (any command)', ['Npgsql!']), ('Orleans grain-state writes (ADO.NET storage)', ['Orleans.Persistence.AdoNet', 'StateStorageBridge']),
            ('JWT validation', ['JwtBearerHandler']), ('OfficerGrain.ReportPositionAsync (incl.)', ['OfficerGrain+<ReportPositionAsync>']),
            ('ZoneGrain (incl.)', ['Zones.ZoneGrain']), ('DeviceDirectory.FindOfficerAsync', ['DeviceDirectory.FindOfficerAsync', 'DeviceDirectory+<FindOfficerAsync']),
            ('Orleans call dispatch (InvokeMethodRequest / messaging)', ['Orleans.Runtime.Messaging', 'Orleans.Runtime.InsideRuntimeClient', 'Orleans.Runtime.OutsideRuntimeClient', 'GrainReference']),
            ('Live event batching/SignalR', ['LiveEventBatcher', 'LiveRoomObserver', 'SignalR']),
            ('Sockets (send/receive, epoll)', ['System.Net.Sockets']), ('OpenTelemetry', ['OpenTelemetry'])]
    tot = 0; b = collections.Counter(); waits = 0
    for st, dt in stacks.items():
        names = [frames[i] for i in st]
        if names[-1] != 'CPU_TIME': continue
        if len(names) > 1 and any(w in names[-2] for w in WAIT): waits += dt; continue
        tot += dt
        for c, keys in KEYS:
            if any(any(k in n for k in keys) for n in names): b[c] += dt
    print(f"running samples: {tot:.0f} ms (excluded {waits:.0f} ms of GC-suspension/idle-wait frames)")
    for c, _ in KEYS: print(f"{100*b[c]/tot:5.1f}%  {c}")
