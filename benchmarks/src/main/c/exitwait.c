// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/*
 * Baseline (6): the floor of exit notification. Spawns exitstamp (see exitstamp.c) with posix_spawn, opens a
 * pidfd for it, writes it a byte, reads its CLOCK_MONOTONIC stamp, then blocks in poll() on the pidfd on this very
 * thread and stamps the moment poll returns: no watcher thread, no future. Prints
 *
 *   RESULT name=exitwait p50_ns=... p99_ns=... max_ns=... samples=N
 *
 * usage: exitwait EXITSTAMP_PATH SAMPLES WARMUPS
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void die(const char *what) {
    perror(what);
    exit(1);
}

static int64_t once(const char *path) {
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC)) die("pipe2");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    char *const argv[] = {(char *) path, NULL};
    pid_t pid;
    int err = posix_spawn(&pid, path, &fa, NULL, argv, environ);
    if (err) { errno = err; die("posix_spawn"); }
    posix_spawn_file_actions_destroy(&fa);
    close(in[0]);
    close(out[1]);
    int pidfd = (int) syscall(SYS_pidfd_open, pid, 0);
    if (pidfd < 0) die("pidfd_open");
    if (write(in[1], "x", 1) != 1) die("write");
    unsigned char b[8];
    size_t got = 0;
    while (got < 8) {
        ssize_t n = read(out[0], b + got, 8 - got);
        if (n <= 0) die("read");
        got += (size_t) n;
    }
    struct pollfd p = {.fd = pidfd, .events = POLLIN};
    while (poll(&p, 1, -1) < 0) {
        if (errno != EINTR) die("poll");
    }
    int64_t seen = now_ns();
    int64_t exited = 0;
    for (int i = 7; i >= 0; i--) exited = (exited << 8) | b[i];
    siginfo_t si;
    if (waitid(P_PIDFD, (id_t) pidfd, &si, WEXITED) != 0 || si.si_code != CLD_EXITED || si.si_status != 0) {
        fprintf(stderr, "exitwait: %s did not exit with 0\n", path);
        exit(1);
    }
    close(pidfd);
    close(in[1]);
    close(out[0]);
    return seen - exited;
}

static int cmp(const void *a, const void *b) {
    int64_t x = *(const int64_t *) a, y = *(const int64_t *) b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: exitwait EXITSTAMP_PATH SAMPLES WARMUPS\n");
        return 2;
    }
    int samples = atoi(argv[2]), warmups = atoi(argv[3]);
    if (samples <= 0 || warmups < 0) {
        fprintf(stderr, "exitwait: SAMPLES must be > 0 and WARMUPS >= 0\n");
        return 2;
    }
    for (int i = 0; i < warmups; i++) once(argv[1]);
    int64_t *ns = malloc(sizeof(int64_t) * (size_t) samples);
    if (!ns) die("malloc");
    for (int i = 0; i < samples; i++) ns[i] = once(argv[1]);
    qsort(ns, (size_t) samples, sizeof(int64_t), cmp);
    int p99 = (samples * 99 + 99) / 100 - 1;
    printf("RESULT name=exitwait p50_ns=%lld p99_ns=%lld max_ns=%lld samples=%d\n", (long long) ns[samples / 2],
           (long long) ns[p99 < samples ? p99 : samples - 1], (long long) ns[samples - 1], samples);
    return 0;
}
