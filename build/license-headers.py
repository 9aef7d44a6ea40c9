#!/usr/bin/env python3
"""Adds the two-line header of build/license-header.txt to every tracked source file that lacks it.
Run from the repository root: python3 build/license-headers.py [--check]."""
import subprocess, sys, os

root = subprocess.run(['git', 'rev-parse', '--show-toplevel'], capture_output=True, text=True, check=True).stdout.strip()
os.chdir(root)
lines = [l for l in open('build/license-header.txt').read().splitlines() if l.strip()]
marker = 'SPDX-License-Identifier: Apache-2.0'
files = subprocess.run(['git', 'ls-files'], capture_output=True, text=True, check=True).stdout.split('\n')

def style(path):
    base = os.path.basename(path)
    if path.startswith('.mvn/') or base in ('mvnw', 'mvnw.cmd'):
        return None                     # the Maven wrapper is Apache's own file, under its own header
    if path.endswith('.S'):
        return ('/*', '*/')             # GNU as reads .S files without cpp: a block comment is one on every arch
    if path.endswith(('.java', '.c', '.h')):
        return ('//', None)
    if path.endswith(('.sh', '.py')) or base in ('jsyscall', 'run', 'jdks', 'run.sh'):
        return ('#', None)
    if path.endswith('pom.xml'):
        return ('<!--', '-->')
    return None

missing = []
for f in files:
    if not f or not os.path.isfile(f):
        continue
    s = style(f)
    if s is None:
        continue
    text = open(f, encoding='utf-8').read()
    if marker in text[:600]:
        continue
    missing.append(f)
    if '--check' in sys.argv:
        continue
    open_, close = s
    if close is None:
        header = ''.join(open_ + ' ' + l + '\n' for l in lines)
    else:
        pad = '\n' + ' ' * (len(open_) + 1)
        header = open_ + ' ' + pad.join(lines) + ' ' + close + '\n'
    body = text.split('\n')
    first = body[0] if body else ''
    if first.startswith('#!') or first.startswith('<?xml'):
        text = first + '\n' + header + '\n'.join(body[1:])
    else:
        text = header + text
    open(f, 'w', encoding='utf-8').write(text)

if '--check' in sys.argv and missing:
    print('missing the license header:\n  ' + '\n  '.join(missing))
    sys.exit(1)
print(('would add' if '--check' in sys.argv else 'added') + ' headers to %d files' % len(missing))
