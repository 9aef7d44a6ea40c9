#!/usr/bin/env bash
# Copyright 2026 the jsyscall authors
# SPDX-License-Identifier: Apache-2.0
# The reliability suite's long mode: 10,000-spawn soaks, 2,000-round races, 64 concurrent spawners, on ffm and jnr.
# Prints the table of figures and leaves it in reliability/target/reliability-report.md (docs/reliability.md says
# what each scenario checks). The short mode needs no script: it is part of `./mvnw verify`.
#   reliability/run.sh            long mode
#   reliability/run.sh --short    the short mode alone
set -euo pipefail
cd "$(dirname "$0")/.."
# ffm needs a JDK 22+: build/jdks finds one (it fails saying which JDKs it found if there is none)
JAVA_HOME="$(build/jdks 22)"
export JAVA_HOME
long=true
if [ "${1:-}" = "--short" ]; then long=false; shift; fi
status=0
# -Dtest keeps -am from running the other modules' tests: only their classes are needed
./mvnw -B -pl reliability -am verify -Dreliability.long="$long" \
  -Dtest='ReliabilityTest*,ProcessDeathTest*' -Dsurefire.failIfNoSpecifiedTests=false "$@" || status=$?
cat reliability/target/reliability-report.md 2>/dev/null || echo "reliability: no report was written" >&2
exit "$status"
