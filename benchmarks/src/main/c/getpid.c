// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/* Baseline (1): the local getpid syscall through libc's syscall(), which glibc does not cache. */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <unistd.h>
#include "bench.h"

static volatile long sink;

static void op(long batch) {
    for (long i = 0; i < batch; i++) {
        sink = syscall(SYS_getpid);
    }
}

int main(int argc, char **argv) {
    double seconds; int rounds, warmup;
    bench_args(argc, argv, 1, &seconds, &rounds, &warmup);
    bench_run("getpid", op, 1000, seconds, rounds, warmup);
    return 0;
}
