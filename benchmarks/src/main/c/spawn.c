// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/*
 * Baseline (3): spawn /bin/true and wait for it, with posix_spawn (glibc: clone(CLONE_VM|CLONE_VFORK)) or with
 * a plain vfork + execve. The environment is passed on, as jsyscall and ProcessBuilder do.
 */
#define _GNU_SOURCE
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

int main(int argc, char **argv) {
    if (argc < 2 || (strcmp(argv[1], "posix_spawn") && strcmp(argv[1], "vfork"))) {
        fprintf(stderr, "usage: spawn posix_spawn|vfork [SECONDS_PER_ROUND] [ROUNDS] [WARMUP_ROUNDS]\n");
        return 2;
    }
    double seconds; int rounds, warmup;
    bench_args(argc, argv, 2, &seconds, &rounds, &warmup);
    int vf = strcmp(argv[1], "vfork") == 0;
    bench_run(vf ? "vfork" : "posix_spawn", vf ? op_vfork : op_posix_spawn, 1, seconds, rounds, warmup);
    return 0;
}
