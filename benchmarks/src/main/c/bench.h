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

/* the per-round figures of one baseline: the mean over its rounds, and its fastest and slowest round */
struct bench_stats {
    long long total_ns, total_ops;
    double min_round, max_round;
};

static void bench_stats_add(struct bench_stats *s, long long ns, long long ops) {
    double per = (double) ns / (double) ops;
    if (s->total_ops == 0 || per < s->min_round) s->min_round = per;
    if (s->total_ops == 0 || per > s->max_round) s->max_round = per;
    s->total_ns += ns;
    s->total_ops += ops;
}

static void bench_stats_print(const char *name, const struct bench_stats *s, int rounds) {
    printf("RESULT name=%s ns_per_op=%.2f min_round=%.2f max_round=%.2f ops=%lld rounds=%d\n", name,
           (double) s->total_ns / (double) s->total_ops, s->min_round, s->max_round, s->total_ops, rounds);
    fflush(stdout);
}

static void bench_run(const char *name, bench_op op, long batch, double seconds, int rounds, int warmup) {
    long long budget = (long long) (seconds * 1e9);
    struct bench_stats stats = {0, 0, 0, 0};
    for (int r = 0; r < warmup + rounds; r++) {
        long long start = bench_now_ns(), now = start, ops = 0;
        do {
            op(batch);
            ops += batch;
            now = bench_now_ns();
        } while (now - start < budget);
        if (r >= warmup) {
            bench_stats_add(&stats, now - start, ops);
        }
    }
    bench_stats_print(name, &stats, rounds);
}

#endif
