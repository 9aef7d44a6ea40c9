// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/*
 * Baseline (3): spawn /bin/true and wait for it, with posix_spawn (glibc: clone(CLONE_VM|CLONE_VFORK)) or with
 * a plain vfork + execve. The environment is passed on, as jsyscall and ProcessBuilder do.
 *
 * posix_spawn8 is the ceiling of baseline (5): eight threads, each spawning and waiting for its own /bin/true in a
 * loop, as ConcurrentSpawnBenchmark's eight JMH threads do; its ns_per_op is the round's wall time divided by the
 * spawns all threads finished (1e9 / ns_per_op spawns per second).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

extern char **environ;
static char *const args[] = {"/bin/true", NULL};

static void check(pid_t pid) {
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "spawn: /bin/true did not exit with 0 (status 0x%x)\n", status);
        exit(1);
    }
}

static void op_posix_spawn(long batch) {
    for (long i = 0; i < batch; i++) {
        pid_t pid;
        int err = posix_spawn(&pid, args[0], NULL, NULL, args, environ);
        if (err) { fprintf(stderr, "posix_spawn: %s\n", strerror(err)); exit(1); }
        check(pid);
    }
}

/* a function of its own, so that no variable of the caller's loop lives in the frame vfork shares */
static __attribute__((noinline)) pid_t vfork_exec(void) {
    pid_t pid = vfork();
    if (pid == 0) {
        execve(args[0], args, environ);
        _exit(127);
    }
    return pid;
}

static void op_vfork(long batch) {
    for (long i = 0; i < batch; i++) {
        pid_t pid = vfork_exec();
        if (pid < 0) { perror("vfork"); exit(1); }
        check(pid);
    }
}

#define THREADS 8

struct worker {
    pthread_t thread;
    long long deadline;
    long long ops;
};

static void *spawn_until_deadline(void *arg) {
    struct worker *w = arg;
    do {
        op_posix_spawn(1);
        w->ops++;
    } while (bench_now_ns() < w->deadline);
    return NULL;
}

/* eight threads spawning side by side for each round; each finishes the spawn it is in when the round ends */
static void run_concurrent(double seconds, int rounds, int warmup) {
    struct bench_stats stats = {0, 0, 0, 0};
    for (int r = 0; r < warmup + rounds; r++) {
        struct worker w[THREADS];
        long long start = bench_now_ns(), ops = 0;
        for (int i = 0; i < THREADS; i++) {
            w[i].deadline = start + (long long) (seconds * 1e9);
            w[i].ops = 0;
            int err = pthread_create(&w[i].thread, NULL, spawn_until_deadline, &w[i]);
            if (err) { fprintf(stderr, "pthread_create: %s\n", strerror(err)); exit(1); }
        }
        for (int i = 0; i < THREADS; i++) {
            pthread_join(w[i].thread, NULL);
            ops += w[i].ops;
        }
        if (r >= warmup) {
            bench_stats_add(&stats, bench_now_ns() - start, ops);
        }
    }
    bench_stats_print("posix_spawn8", &stats, rounds);
}

int main(int argc, char **argv) {
    if (argc < 2 || (strcmp(argv[1], "posix_spawn") && strcmp(argv[1], "vfork")
                     && strcmp(argv[1], "posix_spawn8"))) {
        fprintf(stderr, "usage: spawn posix_spawn|vfork|posix_spawn8 [SECONDS_PER_ROUND] [ROUNDS] [WARMUP_ROUNDS]\n");
        return 2;
    }
    double seconds; int rounds, warmup;
    bench_args(argc, argv, 2, &seconds, &rounds, &warmup);
    if (strcmp(argv[1], "posix_spawn8") == 0) {
        run_concurrent(seconds, rounds, warmup);
        return 0;
    }
    int vf = strcmp(argv[1], "vfork") == 0;
    bench_run(vf ? "vfork" : "posix_spawn", vf ? op_vfork : op_posix_spawn, 1, seconds, rounds, warmup);
    return 0;
}
