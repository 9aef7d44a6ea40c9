// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/*
 * What the two C floors of (6), exitwait.c and exitwatch.c, share: spawning exitstamp (see exitstamp.c) with its
 * stdin and stdout on pipes, poking it and reading its CLOCK_MONOTONIC stamp, and the sampling loop that prints
 *
 *   RESULT name=<name> p50_ns=... p99_ns=... max_ns=... samples=N
 *
 * Each program supplies one measured exit (exit_sample) and may set up before the first (exit_setup).
 */
#ifndef JSYSCALL_EXITFLOOR_H
#define JSYSCALL_EXITFLOOR_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
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

/* exitstamp, running and waiting for its byte: its pidfd, and our ends of its stdin and stdout */
struct stamped_child {
    int pidfd, in, out;
};

static struct stamped_child spawn_stamped(const char *path) {
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
    return (struct stamped_child) {pidfd, in[1], out[0]};
}

/* writes the child its byte and reads the moment it exits (the stamp it writes just before) */
static int64_t poke_and_read_stamp(const struct stamped_child *c) {
    if (write(c->in, "x", 1) != 1) die("write");
    unsigned char b[8];
    size_t got = 0;
    while (got < 8) {
        ssize_t n = read(c->out, b + got, 8 - got);
        if (n <= 0) die("read");
        got += (size_t) n;
    }
    int64_t exited = 0;
    for (int i = 7; i >= 0; i--) exited = (exited << 8) | b[i];
    return exited;
}

static void close_stamped(const struct stamped_child *c) {
    close(c->pidfd);
    close(c->in);
    close(c->out);
}

static int cmp_ns(const void *a, const void *b) {
    int64_t x = *(const int64_t *) a, y = *(const int64_t *) b;
    return x < y ? -1 : x > y;
}

/* usage: NAME EXITSTAMP_PATH SAMPLES WARMUPS; sample(path) returns one exit's nanoseconds */
static int exit_floor_main(int argc, char **argv, const char *name, int64_t (*sample)(const char *path)) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s EXITSTAMP_PATH SAMPLES WARMUPS\n", name);
        return 2;
    }
    int samples = atoi(argv[2]), warmups = atoi(argv[3]);
    if (samples <= 0 || warmups < 0) {
        fprintf(stderr, "%s: SAMPLES must be > 0 and WARMUPS >= 0\n", name);
        return 2;
    }
    for (int i = 0; i < warmups; i++) sample(argv[1]);
    int64_t *ns = malloc(sizeof(int64_t) * (size_t) samples);
    if (!ns) die("malloc");
    for (int i = 0; i < samples; i++) ns[i] = sample(argv[1]);
    qsort(ns, (size_t) samples, sizeof(int64_t), cmp_ns);
    int p99 = (samples * 99 + 99) / 100 - 1;
    printf("RESULT name=%s p50_ns=%lld p99_ns=%lld max_ns=%lld samples=%d\n", name, (long long) ns[samples / 2],
           (long long) ns[p99 < samples ? p99 : samples - 1], (long long) ns[samples - 1], samples);
    return 0;
}

#endif
