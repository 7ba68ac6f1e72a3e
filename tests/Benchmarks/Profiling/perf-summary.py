#!/usr/bin/env python3
"""Summarizes `perf script -F ip,sym` output: the share of samples per function under one frame.

Usage (see docs/benchmarks.md, "Profiles"):
  perf script -i perf.data -F ip,sym | python3 tests/Benchmarks/Profiling/perf-summary.py 'IPinterestEvent.WriteTo'

Only samples whose stack holds a frame containing the given text count. "self" is the leaf function of a sample;
"inclusive" counts every function on the stack between the leaf and that frame once per sample.
"""
import collections
import re
import sys


def clean(frame):
    frame = re.sub(r'\[[^\]]*\] ', '', frame).replace('valuetype ', '').replace('instance ', '')
    frame = re.sub(r'\(.*', '', frame)
    return frame.split(' ')[-1][:110]


def main():
    root = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    self_counts, inclusive, total = collections.Counter(), collections.Counter(), 0
    stack = []

    def flush():
        nonlocal total
        if not any(root in f for f in stack):
            return
        total += 1
        names = []
        for frame in stack:  # leaf first
            names.append(clean(frame))
            if root in frame:
                break
        self_counts[names[0]] += 1
        for name in set(names):
            inclusive[name] += 1

    for line in sys.stdin:
        line = line.rstrip('\n')
        if not line.strip():
            flush()
            stack = []
        elif line[0] in ' \t':
            parts = line.strip().split(' ', 1)
            if len(parts) == 2:
                stack.append(re.sub(r' \(.*?\)$', '', parts[1]))
    flush()

    print(f'{total} samples under {root}')
    for title, counts in (('self', self_counts), ('inclusive', inclusive)):
        print(f'--- {title}')
        for name, count in counts.most_common(top):
            print(f'{100 * count / max(total, 1):5.1f}%  {name}')


if __name__ == '__main__':
    main()
