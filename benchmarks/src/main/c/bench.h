// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/*
 * Shared timing loop of jsyscall's C baselines (benchmarks/run.sh compiles them with gcc at run time).
 *
 * Each program runs `warmup` unmeasured rounds, then `rounds` rounds of about `seconds` each, calling its
 * operation in batches and reading CLOCK_MONOTONIC between batches. It prints one machine-readable line:
 *
 *   RESULT name=<name> ns_per_op=<mean over all measured ops> min_round=<ns/op> max_round=<ns/op> ops=<n> rounds=<r>
 *
 * The mean over all operations matches what JMH reports (the average time per operation over its iterations).
 */
#ifndef JSYSCALL_BENCH_H
#define JSYSCALL_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef void (*bench_op)(long batch);

static long long bench_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* args: SECONDS_PER_ROUND ROUNDS WARMUP_ROUNDS, each optional */
static void bench_args(int argc, char **argv, int first, double *seconds, int *rounds, int *warmup) {
    *seconds = argc > first ? atof(argv[first]) : 1.0;
    *rounds = argc > first + 1 ? atoi(argv[first + 1]) : 3;
    *warmup = argc > first + 2 ? atoi(argv[first + 2]) : 1;
    if (*seconds <= 0 || *rounds <= 0 || *warmup < 0) {
        fprintf(stderr, "usage: [SECONDS_PER_ROUND>0] [ROUNDS>0] [WARMUP_ROUNDS>=0]\n");
        exit(2);
    }
}

static void bench_run(const char *name, bench_op op, long batch, double seconds, int rounds, int warmup) {
    long long budget = (long long) (seconds * 1e9);
    long long total_ns = 0, total_ops = 0;
    double min_round = 1e300, max_round = 0;
    for (int r = 0; r < warmup + rounds; r++) {
        long long start = bench_now_ns(), now = start, ops = 0;
        do {
            op(batch);
            ops += batch;
            now = bench_now_ns();
        } while (now - start < budget);
        if (r < warmup) {
            continue;
        }
        double per = (double) (now - start) / (double) ops;
        if (per < min_round) min_round = per;
        if (per > max_round) max_round = per;
        total_ns += now - start;
        total_ops += ops;
    }
    printf("RESULT name=%s ns_per_op=%.2f min_round=%.2f max_round=%.2f ops=%lld rounds=%d\n", name,
           (double) total_ns / (double) total_ops, min_round, max_round, total_ops, rounds);
    fflush(stdout);
}

#endif
