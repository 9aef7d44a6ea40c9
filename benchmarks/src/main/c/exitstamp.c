// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/*
 * Helper of the onExit latency measurement (dev.jsyscall.benchmarks.OnExitLatency), not a baseline: waits for one
 * byte on stdin, writes CLOCK_MONOTONIC (the clock behind the JVM's System.nanoTime() on Linux) as 8 little-endian
 * bytes to stdout, and exits 0 at once. The JVM subtracts this stamp from the moment the child's onExit future
 * completes.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    char c;
    if (read(0, &c, 1) != 1) {
        _exit(2);
    }
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    int64_t ns = (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
    unsigned char b[8];
    for (int i = 0; i < 8; i++) {
        b[i] = (unsigned char) (ns >> (8 * i));
    }
    if (write(1, b, 8) != 8) {
        _exit(3);
    }
    _exit(0);
}
