#!/usr/bin/env python3
"""Draws, per second of a dispatch run, the time PostgreSQL spent in WAL syncs (ms per second, bars, left axis) against
the slowest submit to offer that second (ms, line, right axis), so a reader can see whether the run's tail sits on the
database's commit flushes. Usage: wal-svg.py wal.csv report.json out.svg
wal.csv: lines "HH:MM:SS.mmm wal_sync wal_sync_time_ms commits" (cumulative, from pg_stat_wal; dispatch.sh writes it);
report.json: the load tester's run report (its start time and per-second series)."""
import json
import sys
from datetime import datetime, timedelta

SUBMIT_TO_OFFER = 'submit-to-offer (hub push)'


def seconds(clock):
    h, m, s = clock.split(':')
    return int(h) * 3600 + int(m) * 60 + float(s)


def wal_points(path):
    rows = []
    for line in open(path):
        parts = line.split()
        if len(parts) == 4:
            rows.append((seconds(parts[0]), float(parts[1]), float(parts[2])))
    for (t0, n0, ms0), (t1, n1, ms1) in zip(rows, rows[1:]):
        if t1 > t0:
            yield t1, (ms1 - ms0) / (t1 - t0), (n1 - n0) / (t1 - t0)


def series_points(path):
    report = json.load(open(path))
    started = datetime.fromisoformat(report['startedAt'].replace('Z', '+00:00'))
    base = started.hour * 3600 + started.minute * 60 + started.second + started.microsecond / 1e6
    for point in report['series']:
        h, m, s = point['elapsed'].split(':')
        at = base + int(h) * 3600 + int(m) * 60 + float(s)
        for op in point['operations']:
            if op['name'] == SUBMIT_TO_OFFER and op['successes'] > 0:
                yield at, op['maxMs']


def main(wal_csv, report_json, target):
    wal = list(wal_points(wal_csv))
    tail = [p for p in series_points(report_json) if wal and wal[0][0] - 1 <= p[0] <= wal[-1][0] + 1]
    if not wal or not tail:
        print('wal-svg: nothing to draw', file=sys.stderr)
        return 1
    t0, t1 = wal[0][0] - 1, wal[-1][0]
    w, h, left, right, top, bottom = 900, 360, 60, 70, 30, 40
    ms_max = max(max(p[1] for p in wal) * 1.1, 100)
    tail_max = max(max(p[1] for p in tail) * 1.1, 10)
    x = lambda t: left + (t - t0) / (t1 - t0) * (w - left - right)
    y_wal = lambda v: h - bottom - v / ms_max * (h - top - bottom)
    y_tail = lambda v: h - bottom - v / tail_max * (h - top - bottom)
    bar = max((w - left - right) / max(len(wal), 1) - 1, 1)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="11">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{left}" y="18" font-size="13">PostgreSQL WAL sync time per second (bars) and the slowest submit to offer that second (line)</text>']
    for t, ms, _ in wal:
        out.append(f'<rect x="{x(t) - bar:.1f}" y="{y_wal(ms):.1f}" width="{bar:.1f}" height="{h - bottom - y_wal(ms):.1f}" fill="#9ecae1"/>')
    path = ' '.join(f'{"M" if i == 0 else "L"}{x(t):.1f},{y_tail(v):.1f}' for i, (t, v) in enumerate(tail))
    out.append(f'<path d="{path}" fill="none" stroke="#d62728" stroke-width="1.5"/>')
    out.append(f'<line x1="{left}" y1="{h - bottom}" x2="{w - right}" y2="{h - bottom}" stroke="black"/>')
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{h - bottom}" stroke="#3182bd"/>')
    out.append(f'<line x1="{w - right}" y1="{top}" x2="{w - right}" y2="{h - bottom}" stroke="#d62728"/>')
    for i in range(5):
        v = ms_max * i / 4
        out.append(f'<text x="{left - 5}" y="{y_wal(v) + 4:.1f}" text-anchor="end" fill="#3182bd">{v:.0f}</text>')
        v = tail_max * i / 4
        out.append(f'<text x="{w - right + 5}" y="{y_tail(v) + 4:.1f}" fill="#d62728">{v:.0f}</text>')
    for s in range(0, int(t1 - t0) + 1, 10):
        out.append(f'<text x="{x(t0 + s):.1f}" y="{h - bottom + 15}" text-anchor="middle">{s}</text>')
    out.append(f'<text x="{(left + w - right) / 2}" y="{h - 5}" text-anchor="middle">seconds into the measured run</text>')
    out.append(f'<text x="12" y="{(top + h - bottom) / 2}" transform="rotate(-90 12 {(top + h - bottom) / 2})" text-anchor="middle" fill="#3182bd">WAL sync ms per second</text>')
    out.append(f'<text x="{w - 12}" y="{(top + h - bottom) / 2}" transform="rotate(90 {w - 12} {(top + h - bottom) / 2})" text-anchor="middle" fill="#d62728">slowest submit to offer, ms</text>')
    out.append('</svg>')
    open(target, 'w').write('\n'.join(out))
    return 0


if __name__ == '__main__':
    sys.exit(main(*sys.argv[1:4]))
