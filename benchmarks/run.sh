#!/usr/bin/env bash
# Copyright 2026 the jsyscall authors
# SPDX-License-Identifier: Apache-2.0
# Runs jsyscall's JMH benchmarks and their C baselines in one go, and prints and writes docs/benchmarks.md: the
# ratios (each between two things measured in this run) against issue 6's targets.
#
#   benchmarks/run.sh            full run: 5 paired rounds of longer runs (about 45 minutes on 2 cores)
#   benchmarks/run.sh --quick    3 paired rounds of short runs (about 9 minutes on 2 cores, under 10)
#   benchmarks/run.sh --dry-run  builds everything and runs each benchmark and baseline for a token iteration;
#                                writes nothing (the CI smoke test; --quick --dry-run is the same)
#
# Uses a JDK 22+ when one is installed, so that the ffm backend is measured: BENCH_JAVA_HOME, else JAVA_HOME,
# else the first under /usr/lib/jvm. With only JDK 17-21, ffm is skipped with the reason and jnr is measured.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"

mode=full
dry=0
for arg in "$@"; do
  case "$arg" in
    --quick) mode=quick ;;
    --dry-run) dry=1 ;;
    -h|--help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option '$arg'; use --quick and/or --dry-run (or --help)" >&2; exit 2 ;;
  esac
done
[ "$dry" = 1 ] && mode=dry-run

java_feature() { # JAVA_HOME -> feature version, empty if not a JDK
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

pick_jdk() {
  if [ -n "${BENCH_JAVA_HOME:-}" ]; then
    [ -n "$(java_feature "$BENCH_JAVA_HOME")" ] || { echo "run.sh: BENCH_JAVA_HOME=$BENCH_JAVA_HOME is not a JDK" >&2; exit 2; }
    echo "$BENCH_JAVA_HOME"; return
  fi
  local d v
  for d in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$d" ] || continue
    v="$(java_feature "$d")"
    if [ -n "$v" ] && [ "${v%%.*}" -ge 22 ] 2>/dev/null; then echo "$d"; return; fi
  done
  for d in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$d" ] && [ -n "$(java_feature "$d")" ] && { echo "$d"; return; }
  done
  d="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
  [ -n "$(java_feature "$d")" ] && { echo "$d"; return; }
  echo "run.sh: no JDK found (set BENCH_JAVA_HOME)" >&2; exit 2
}

jdk="$(pick_jdk)"
feature="$(java_feature "$jdk")"
echo "bench: JDK $jdk (Java $feature), mode $mode"
if [ "${feature%%.*}" -lt 22 ]; then
  echo "bench: NOTE: Java $feature cannot run the ffm backend (it needs JDK 22+); only jnr is measured"
fi

# The benchmarks jar: rebuilt when a source or pom changed, or when it was built by another JDK (a JDK 17 build
# leaves out backend-ffm), including by a Maven run outside this script (the jar is then newer than the stamp).
jar="$here/target/jsyscall-benchmarks.jar"
stamp="$here/target/built-with"
if [ ! -f "$jar" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$jdk" ] || [ "$jar" -nt "$stamp" ] \
   || [ -n "$(find "$root" -path '*/target' -prune -o \( -path '*/src/main/*' -o -name pom.xml \) -newer "$jar" -print -quit)" ]; then
  echo "bench: building the benchmarks jar (./mvnw -pl benchmarks -am package, JAVA_HOME=$jdk)"
  (cd "$root" && JAVA_HOME="$jdk" ./mvnw -q -B package -Dmaven.test.skip=true -pl benchmarks -am)
  echo "$jdk" > "$stamp"
fi

# The C baselines, compiled for this run (no binaries are committed).
command -v gcc >/dev/null || { echo "run.sh: gcc is needed for the C baselines (apt-get install gcc)" >&2; exit 2; }
cbin="$here/target/c"
mkdir -p "$cbin"
for src in "$here"/src/main/c/*.c; do
  gcc -O2 -pthread -Wall -Wextra -Werror -o "$cbin/$(basename "$src" .c)" "$src"
done

default_java="$(java -version 2>&1 | head -n 1 || true)"
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git -C "$root" status --porcelain -- api backend-ffm backend-jnr benchmarks 2>/dev/null)" ]; then
  commit="$commit (with uncommitted changes)"
fi
out=()
# the figures are kept too, so that a change to the report's text can be written from them again:
#   java -cp benchmarks/target/jsyscall-benchmarks.jar dev.jsyscall.benchmarks.RunAll \
#     --from benchmarks/target/benchmark-figures.tsv --out docs/benchmarks.md
[ "$dry" = 1 ] || out=(--out "$root/docs/benchmarks.md" --figures "$here/target/benchmark-figures.tsv")

exec "$jdk/bin/java" --enable-native-access=ALL-UNNAMED -Xmx256m -cp "$jar" dev.jsyscall.benchmarks.RunAll \
  --mode "$mode" --c-bin "$cbin" --cli "$root/jsyscall" "${out[@]}" \
  --info "nproc=$(nproc)" \
  --info "kernel=$(uname -r)" \
  --info "default \`java\` on PATH=$default_java" \
  --info "C compiler=$(gcc --version | head -n 1), \`-O2 -pthread\`" \
  --info "commit=$commit"
