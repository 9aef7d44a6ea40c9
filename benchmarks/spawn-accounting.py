#!/usr/bin/env python3
# Copyright 2026 the jsyscall authors
# SPDX-License-Identifier: Apache-2.0
"""Accounts for one spawn through Spawn.run: traces SpawnAccounting with `perf trace` (only the syscalls that mark the
phases, to keep the tracer's own cost down) and prints the median of each phase over the measured spawns.

    benchmarks/spawn-accounting.py [ffm|jnr] [warm-up spawns] [measured spawns]

Needs perf (perf_event_paranoid <= 2 for one's own processes) and the benchmarks jar (benchmarks/run.sh builds it).
"""
import os
import re
import statistics as st
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
backend = sys.argv[1] if len(sys.argv) > 1 else 'ffm'
warm = sys.argv[2] if len(sys.argv) > 2 else '1500'
measured = sys.argv[3] if len(sys.argv) > 3 else '300'
java = os.path.join(os.environ.get('BENCH_JAVA_HOME') or os.environ.get('JAVA_HOME') or '/usr', 'bin', 'java')
jar = os.path.join(here, 'target', 'jsyscall-benchmarks.jar')

with tempfile.NamedTemporaryFile(suffix='.trace') as out:
    subprocess.run(['perf', 'trace', '-e', 'pipe2,clone3,clone,execve,exit_group,epoll_pwait,ppoll,futex,getppid',
                    '-o', out.name, '--', java, '--enable-native-access=ALL-UNNAMED', '-cp', jar,
                    'dev.jsyscall.benchmarks.SpawnAccounting', backend, warm, measured], check=True)
    lines = open(out.name).read().splitlines()

# "  6993.650 ( 0.109 ms): java/14151 clone3(uargs: ...) = 16250", or "... [continued]: futex()) = 0" when a
# blocking call returns after other threads' lines
pat = re.compile(r'^\s*([\d.?]+) \(\s*([\d.]*)\s*(?:ms)?\): (\S+?)/(\d+)\s+(\.\.\. \[continued\]: )?(\w+)\(.*?\)'
                 r'\s*(?:= (\S+))?')
events = []
for line in lines:
    m = pat.match(line)
    if m:
        t, d, _, tid, cont, name, ret = m.groups()
        events.append((t, d, int(tid), bool(cont), name, ret))
marks = [i for i, e in enumerate(events) if e[4] == 'getppid']
main = events[marks[0]][2]
spawns, cur = [], None
for t, d, tid, cont, name, ret in events[marks[0]:marks[-1]]:
    if tid == main and name == 'pipe2' and not cont and (cur is None or 'clone' in cur):
        if cur:
            spawns.append(cur)
        cur = {'pipe2': float(t)}
    elif cur is not None and tid == main and name in ('clone3', 'clone') and not cont and d and ret and ret.isdigit():
        cur.update(clone=float(t), cloned=float(t) + float(d), child=int(ret))
    elif cur and tid == cur.get('child') and name == 'execve' and d:
        cur.update(exec=float(t), execd=float(t) + float(d))
    elif cur and tid == cur.get('child') and name == 'exit_group':
        cur['exit'] = float(t)
    elif cur and tid == main and name == 'ppoll' and d and 'exit' in cur and 'polled' not in cur:
        # a platform thread waits on the pidfd itself: woken by the exit directly, no hand-over
        cur['polled'] = cur['woken'] = float(t) + float(d)
    elif cur and tid != main and name == 'epoll_pwait' and cont and 'exit' in cur and 'polled' not in cur:
        cur['polled'] = float(t) + float(d)
    elif cur and tid == main and name == 'futex' and cont and 'polled' in cur and 'woken' not in cur:
        cur['woken'] = float(t) + float(d)
if cur:
    spawns.append(cur)
keys = ('pipe2', 'clone', 'cloned', 'exec', 'execd', 'exit', 'polled', 'woken')
nxt = {id(a): b for a, b in zip(spawns, spawns[1:])}
whole = [s for s in spawns if all(k in s for k in keys) and id(s) in nxt]
phases = [
    ('JVM: Spawn.run up to the clone (plan, 2 pipe2, signal mask)', 'ours', lambda s: s['clone'] - s['pipe2']),
    ('kernel: clone3', 'kernel', lambda s: s['cloned'] - s['clone']),
    ('child: scheduled, its syscalls up to execve', 'ours', lambda s: s['exec'] - s['cloned']),
    ('kernel: execve', 'kernel', lambda s: s['execd'] - s['exec']),
    ('program: start (ld.so, libc) and run to exit_group', 'kernel', lambda s: s['exit'] - s['execd']),
    ('kernel: exit teardown until the waiter (or the exit watcher) wakes', 'kernel',
     lambda s: s['polled'] - s['exit']),
    ('JVM: the exit watcher\'s hand-over to the waiter (none when it waits itself)', 'ours',
     lambda s: s['woken'] - s['polled']),
    ('JVM: after the wake (waitid, close, return) to the next spawn', 'ours',
     lambda s: nxt[id(s)]['pipe2'] - s['woken']),
]
total = st.median([nxt[id(s)]['pipe2'] - s['pipe2'] for s in whole]) * 1000
print(f'{backend}: {len(whole)} of {len(spawns)} traced spawns complete; median spawn {total:.0f} us under perf trace')
print('| part of one spawn | whose | median µs | p25–p75 µs |')
print('|---|---|---|---|')
sums = {'ours': 0.0, 'kernel': 0.0}
for what, whose, fn in phases:
    v = [fn(s) * 1000 for s in whole]
    q = st.quantiles(v, n=4)
    sums[whose] += st.median(v)
    print(f'| {what} | {whose} | {st.median(v):.0f} | {q[0]:.0f}–{q[2]:.0f} |')
print(f'sum of medians: kernel and program {sums["kernel"]:.0f} us, ours {sums["ours"]:.0f} us '
      f'({100 * sums["kernel"] / (sums["kernel"] + sums["ours"]):.0f}% the kernel\'s)')
