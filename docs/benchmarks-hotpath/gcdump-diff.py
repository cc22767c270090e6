#!/usr/bin/env python3
"""Bytes per officer by category and by type between pairs of gcdump summaries (GcdumpByType output).

usage: gcdump-diff.py OFFICERS BEFORE1.tsv AFTER1.tsv [BEFORE2.tsv AFTER2.tsv ...] [--types N]
Each pair gives one column: (after - before) / OFFICERS. --types N also lists the N largest types of the first pair.
"""
import re
import sys

CATEGORIES = [
    ('hash-table arrays (grow in doublings)', r'^(VolatileNode|Entry|Slot)<.*\[\]$'),
    ('token cache', r'Claim|RememberedToken|ValidatedTokenCache|^Entry$'),
    ('reminder', r'Reminder'),
    ('grain directory (partition + cache)', r'GrainDirectory|GrainInfo|GrainAddress|LruItem|ConcurrentLruCache'),
    ('grain reference table', r'IOfficerGrain|Proxy_IOfficerGrain'),
    ('officer state and grain', r'TangerangLive\.Grains|PersistentState|GrainState<'),
    ('Orleans activation', r'Orleans\.|ActivationData|WorkItemGroup|OrderedObserver|CollectionRegistration|ServiceProviderEngineScope'
                           r'|ServiceCacheKey|System\.Threading\.Lock$|CancellationTokenSource|Queue<System.Threading.Tasks.Task>'
                           r'|System.Threading.Tasks.Task\[\]|ActivationWorkingSet|IGrainContext|Message'),
    ('rate limiters (per subject, dropped when idle)', r'RateLimit'),
    ('strings', r'^System\.String$'),
]


def load(path):
    types = {}
    for line in open(path):
        if line.startswith('#'):
            continue
        size, count, name = line.rstrip('\n').split('\t', 2)
        name = re.sub(r'\s*\(Bytes > [^)]*\)', '', name)
        entry = types.setdefault(name, [0, 0])
        entry[0] += int(size)
        entry[1] += int(count)
    return types


def diff(before, after):
    a, b = load(before), load(after)
    return {t: (b.get(t, [0, 0])[0] - a.get(t, [0, 0])[0], b.get(t, [0, 0])[1] - a.get(t, [0, 0])[1]) for t in set(a) | set(b)}


def category(name):
    return next((label for label, pattern in CATEGORIES if re.search(pattern, name)), 'other')


args = sys.argv[1:]
types = 0
if '--types' in args:
    i = args.index('--types')
    types = int(args[i + 1])
    del args[i:i + 2]
officers, files = float(args[0]), args[1:]
columns = [diff(files[i], files[i + 1]) for i in range(0, len(files), 2)]
print('| bytes per officer | ' + ' | '.join(f'{files[i]} -> {files[i + 1]}' for i in range(0, len(files), 2)) + ' |')
print('|---|' + '---:|' * len(columns))
for label in [c[0] for c in CATEGORIES] + ['other']:
    print(f'| {label} | ' + ' | '.join(f'{sum(v[0] for t, v in col.items() if category(t) == label) / officers:,.0f}' for col in columns) + ' |')
print('| **total** | ' + ' | '.join(f'**{sum(v[0] for v in col.values()) / officers:,.0f}**' for col in columns) + ' |')
if types:
    print('\n| bytes | objects | type | category |\n|---:|---:|---|---|')
    for name, (size, count) in sorted(columns[0].items(), key=lambda p: -p[1][0])[:types]:
        print(f'| {size / officers:,.1f} | {count / officers:.2f} | `{name[:110]}` | {category(name)} |')
