#!/usr/bin/env python3
"""Creates N officers with accounts and devices, starts their shifts, writes tokens.lua + devices.lua."""
import json, sys, urllib.request, random
base = sys.argv[1]; n = int(sys.argv[2]); out = sys.argv[3]
def call(method, path, body=None, token=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    if token: req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req) as r:
            t = r.read(); return r.status, (json.loads(t) if t else None)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
st, tok = call("POST", "/api/auth/token", {"username": "admin", "password": "tangerang-demo"})
admin = tok["accessToken"] if "accessToken" in tok else tok.get("token")
gj = call("GET", "/api/zones", None, admin)[1]
polys = []
for f in gj["features"]:
    g = f["geometry"]
    polys += [g["coordinates"][0]] if g["type"] == "Polygon" else [p[0] for p in g["coordinates"]]
def inside(ring, x, y):
    c = False
    for i in range(len(ring)):
        x1, y1 = ring[i][:2]; x2, y2 = ring[i-1][:2]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1: c = not c
    return c
xs = [p[0] for r in polys for p in r]; ys = [p[1] for r in polys for p in r]
def point():
    while True:
        x = random.uniform(min(xs), max(xs)); y = random.uniform(min(ys), max(ys))
        if any(inside(r, x, y) for r in polys): return y, x
agencies = ["Dishub", "DBMSDA", "DKP", "SatpolPP", "BPBD"]
random.seed(7)
rows = []
for i in range(n):
    oid = f"bench-{i:05d}"
    ag = agencies[i % len(agencies)]
    s, _ = call("PUT", f"/api/admin/officers/{oid}", {"name": f"Bench {i}", "agency": ag, "team": "bench", "shift": "pagi", "deviceIds": [f"dev-{oid}"]}, admin)
    assert s in (200, 201), (s, _)
    s, r = call("POST", "/api/admin/users", {"username": f"u-{oid}", "password": "bench-password-1", "role": "officer", "officerId": oid}, admin)
    assert s in (201, 409), (s, r)
    s, t = call("POST", "/api/auth/token", {"username": f"u-{oid}", "password": "bench-password-1"})
    assert s == 200, (s, t)
    token = t.get("accessToken") or t.get("token")
    s, r = call("POST", "/api/me/shift/start", None, token)
    lat, lon = point()
    rows.append((oid, token, lat, lon))
with open(out + "/officers.lua", "w") as f:
    f.write("officers = {\n")
    for oid, token, lat, lon in rows:
        f.write(f'  {{"{oid}", "{token}", {lat:.6f}, {lon:.6f}}},\n')
    f.write("}\n")
print("ok", len(rows))
