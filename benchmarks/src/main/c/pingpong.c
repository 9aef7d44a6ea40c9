// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/*
 * Baseline (2): the floor of a driven syscall. Two processes and two pipes, with jsyscall's message sizes: the
 * parent writes a 56-byte request (syscall number + six arguments), the child reads it, runs getpid, and writes the
 * 8-byte result back, which the parent reads. The child is forked (a separate process, as a driven child is).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

enum { REQUEST = 56, RESPONSE = 8 };
static int request_w, response_r;

static void full(ssize_t (*io)(int, void *, size_t), int fd, void *buf, size_t len) {
    size_t done = 0;
    while (done < len) {
        ssize_t n = io(fd, (char *) buf + done, len - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) { perror("pingpong: pipe"); exit(1); }
        done += (size_t) n;
    }
}

static ssize_t write_io(int fd, void *buf, size_t len) { return write(fd, buf, len); }

static void op(long batch) {
    long req[7] = {SYS_getpid, 0, 0, 0, 0, 0, 0};
    long reply;
    for (long i = 0; i < batch; i++) {
        full(write_io, request_w, req, REQUEST);
        full(read, response_r, &reply, RESPONSE);
    }
}

static void serve(int in, int out) {
    long req[7];
    for (;;) {
        size_t done = 0;
        while (done < REQUEST) {
            ssize_t n = read(in, (char *) req + done, REQUEST - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) _exit(0); /* EOF: the driver is done */
            done += (size_t) n;
        }
        long r = syscall(req[0], req[1], req[2], req[3], req[4], req[5], req[6]);
        full(write_io, out, &r, RESPONSE);
    }
}

int main(int argc, char **argv) {
    double seconds; int rounds, warmup;
    bench_args(argc, argv, 1, &seconds, &rounds, &warmup);
    int request[2], response[2];
    if (pipe2(request, O_CLOEXEC) || pipe2(response, O_CLOEXEC)) { perror("pipe2"); return 1; }
    pid_t pid = fork();
    if (pid < 0) { perror("fork"); return 1; }
    if (pid == 0) {
        close(request[1]);
        close(response[0]);
        serve(request[0], response[1]);
    }
    close(request[0]);
    close(response[1]);
    request_w = request[1];
    response_r = response[0];
    bench_run("pingpong", op, 100, seconds, rounds, warmup);
    close(request_w);
    int status;
    waitpid(pid, &status, 0);
    return 0;
}
