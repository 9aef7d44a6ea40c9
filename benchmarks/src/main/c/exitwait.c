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
#include "exitfloor.h"
#include <poll.h>
#include <sys/wait.h>

static int64_t once(const char *path) {
    struct stamped_child c = spawn_stamped(path);
    int64_t exited = poke_and_read_stamp(&c);
    struct pollfd p = {.fd = c.pidfd, .events = POLLIN};
    while (poll(&p, 1, -1) < 0) {
        if (errno != EINTR) die("poll");
    }
    int64_t seen = now_ns();
    siginfo_t si;
    if (waitid(P_PIDFD, (id_t) c.pidfd, &si, WEXITED) != 0 || si.si_code != CLD_EXITED || si.si_status != 0) {
        fprintf(stderr, "exitwait: %s did not exit with 0\n", path);
        exit(1);
    }
    close_stamped(&c);
    return seen - exited;
}

int main(int argc, char **argv) {
    return exit_floor_main(argc, argv, "exitwait", once);
}
