"""Per-stage quantiles of tangerang.dispatch.stage.duration between two /metrics scrapes: python3 dispatch-stages.py BEFORE.txt AFTER.txt"""
import sys, re, collections
def parse(path):
    b = collections.defaultdict(dict); cnt = {}; sm = {}
    for line in open(path):
        if not line.startswith('tangerang_dispatch_stage_duration'): continue
        m = re.match(r'(\w+)\{(.*)\} (\S+)', line)
        if not m: continue
        name, labels, v = m.groups(); v = float(v)
        st = re.search(r'stage="([^"]+)"', labels).group(1)
        if name.endswith('_bucket'):
            le = re.search(r'le="([^"]+)"', labels).group(1)
            b[st][float('inf') if le == '+Inf' else float(le)] = v
        elif name.endswith('_count'): cnt[st] = v
        elif name.endswith('_sum'): sm[st] = v
    return b, cnt, sm
b0, c0, s0 = parse(sys.argv[1]); b1, c1, s1 = parse(sys.argv[2])
print(f"{'stage':22} {'count':>7} {'mean ms':>8} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7}")
for st in ['store','store-write','store-watch','duplicate','pause','match','officer-offer','offer-save','received-to-offered','push']:
    if st not in b1: continue
    d = {le: b1[st][le] - b0.get(st, {}).get(le, 0) for le in b1[st]}
    n = c1[st] - c0.get(st, 0)
    if n <= 0: continue
    mean = (s1[st] - s0.get(st, 0)) / n
    les = sorted(d)
    def q(p):
        target = p * n; prev_le = 0; prev_c = 0
        for le in les:
            if d[le] >= target:
                if le == float('inf'): return float('inf')
                frac = (target - prev_c) / max(d[le] - prev_c, 1e-9)
                return prev_le + frac * (le - prev_le)
            prev_le, prev_c = le, d[le]
    print(f"{st:22} {int(n):7d} {mean:8.2f} {q(.5):7.2f} {q(.9):7.2f} {q(.99):7.2f}")
