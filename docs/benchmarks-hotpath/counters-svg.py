#!/usr/bin/env python3
"""Draws a dotnet-counters CSV (System.Runtime, 1 s) as an SVG: working set and gen2 heap (MiB, left axis) and GC
pause per second (ms, right axis) over time. Usage: counters-svg.py silo-counters.csv out.svg [title]"""
import csv
import sys
from collections import OrderedDict
from datetime import datetime

WS = 'dotnet.process.memory.working_set (By)'
GEN2 = 'dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=gen2]'
PAUSE = 'dotnet.gc.pause.time (s / 1 sec)'


def read(path):
    rows = OrderedDict()
    for row in csv.DictReader(open(path, newline='')):
        rows.setdefault(row['Timestamp'], {})[row['Counter Name']] = float(row['Mean/Increment'] or 0)
    start = None
    for stamp, values in rows.items():
        t = datetime.strptime(stamp, '%m/%d/%Y %H:%M:%S')
        start = start or t
        yield (t - start).total_seconds(), values.get(WS, 0) / 2**20, values.get(GEN2, 0) / 2**20, values.get(PAUSE, 0) * 1000


def main(source, target, title='silo memory and GC pauses'):
    points = list(read(source))
    w, h, left, right, top, bottom = 900, 360, 60, 60, 30, 40
    t_max = max(p[0] for p in points) or 1
    mib_max = max(max(p[1], p[2]) for p in points) * 1.1 or 1
    ms_max = max(max(p[3] for p in points) * 1.1, 100)
    x = lambda t: left + (w - left - right) * t / t_max
    y_mib = lambda v: top + (h - top - bottom) * (1 - v / mib_max)
    y_ms = lambda v: top + (h - top - bottom) * (1 - v / ms_max)
    line = lambda f, i: ' '.join(f'{x(p[0]):.1f},{f(p[i]):.1f}' for p in points)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="11">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{left}" y="18" font-size="13">{title}</text>']
    for i in range(6):
        v = mib_max * i / 5
        out.append(f'<line x1="{left}" x2="{w - right}" y1="{y_mib(v):.1f}" y2="{y_mib(v):.1f}" stroke="#eee"/>')
        out.append(f'<text x="{left - 5}" y="{y_mib(v) + 4:.1f}" text-anchor="end">{v:.0f} MiB</text>')
        out.append(f'<text x="{w - right + 5}" y="{y_ms(ms_max * i / 5) + 4:.1f}">{ms_max * i / 5:.0f} ms</text>')
    for i in range(11):
        t = t_max * i / 10
        out.append(f'<text x="{x(t):.1f}" y="{h - bottom + 15}" text-anchor="middle">{t:.0f} s</text>')
    out.append(f'<polyline fill="none" stroke="#d62728" stroke-width="1" points="{line(y_ms, 3)}"/>')
    out.append(f'<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="{line(y_mib, 1)}"/>')
    out.append(f'<polyline fill="none" stroke="#2ca02c" stroke-width="2" points="{line(y_mib, 2)}"/>')
    legend = [('#1f77b4', 'working set (MiB)'), ('#2ca02c', 'gen2 heap after last collection (MiB)'), ('#d62728', 'GC pause per second (ms, right axis)')]
    for i, (colour, label) in enumerate(legend):
        out.append(f'<rect x="{left + 10 + i * 260}" y="{h - 14}" width="10" height="10" fill="{colour}"/>')
        out.append(f'<text x="{left + 24 + i * 260}" y="{h - 5}">{label}</text>')
    out.append('</svg>')
    open(target, 'w').write('\n'.join(out))


if __name__ == '__main__':
    main(*sys.argv[1:4])
