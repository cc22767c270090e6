"""Per-stage quantiles of tangerang.dispatch.stage.duration between two /metrics scrapes, then the searches (zones asked each) and the grain calls: python3 dispatch-stages.py BEFORE.txt AFTER.txt"""
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

# What the searches and the reports cost in grain calls between the two scrapes (reports: the store stage's count).
def counters(path):
    found = {}
    for line in open(path):
        m = re.match(r'(tangerang_matching_(?:searches|zones_asked|zones_skipped)_total|orleans_app_requests_latency_milliseconds_count|tangerang_heartbeats_accepted_total)(\{[^}]*\})? (\S+)', line)
        if m:
            outcome = re.search(r'outcome="([^"]+)"', m.group(2) or '')
            found[(m.group(1), outcome.group(1) if outcome else '')] = float(m.group(3))
    return found
k0, k1 = counters(sys.argv[1]), counters(sys.argv[2])
delta = lambda key: k1.get(key, 0) - k0.get(key, 0)
for outcome in ('found', 'nobody'):
    searches = delta(('tangerang_matching_searches_total', outcome))
    if searches > 0:
        print(f"searches that found {'someone' if outcome == 'found' else 'nobody':7} {int(searches):7d}, zones asked per search {delta(('tangerang_matching_zones_asked_total', outcome)) / searches:6.1f}, "
              f"skipped (known empty of the agency) {delta(('tangerang_matching_zones_skipped_total', outcome)) / searches:6.1f}")
reports = c1.get('store', 0) - c0.get('store', 0)
calls = delta(('orleans_app_requests_latency_milliseconds_count', ''))
if reports > 0 and calls > 0:
    print(f"grain calls {int(calls)} for {int(reports)} reports and {int(delta(('tangerang_heartbeats_accepted_total', '')))} positions applied")
