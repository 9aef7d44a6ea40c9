#!/usr/bin/env bash
# Copyright 2026 the jsyscall authors
# SPDX-License-Identifier: Apache-2.0
# The long campaign of issue 17: 20,000 differential programs (ffm, jnr and the fake) and 4,000,000 fuzzed calls
# into the fake's syscall entry (20 seeds of 200,000), on fresh seeds; every sixth program is a process program
# (children spawned and signalled from the JVM). Needs JDK 22+ (ffm) as JAVA_HOME.
# Override with DIFFERENTIAL_PROGRAMS, FUZZ_SEEDS, FUZZ_CALLS; replay one seed with
# -Ddifferential.seed=N / -Dfuzz.seed=N as extra arguments. The failure message prints what to replay.
# It runs at the lowest priority (nice 19): on a shared machine it takes what is left (about 20 minutes on two busy
# cores). Copy the figures it prints ("differential:" and "fuzz:" lines) into differential/long-campaign.md.
set -euo pipefail
cd "$(dirname "$0")/.."
exec nice -n 19 ./mvnw -B -pl differential -am verify -Djsyscall.test.jdk17.phase=none \
  -Dtest='DifferentialTest,FakeEntryFuzzTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Ddifferential.programs="${DIFFERENTIAL_PROGRAMS:-20000}" \
  -Dfuzz.seeds="${FUZZ_SEEDS:-20}" -Dfuzz.calls="${FUZZ_CALLS:-200000}" "$@"
