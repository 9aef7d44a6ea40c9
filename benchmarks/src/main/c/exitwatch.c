// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/*
 * Second floor of (6), built the way an onExit future is completed: the exit is learned by another thread. A
 * watcher thread blocks in epoll_wait() on an epoll fd that holds the child's pidfd (EPOLLONESHOT); when it
 * returns, the watcher removes the pidfd (EPOLL_CTL_DEL), reaps the child with waitid(P_PIDFD), stamps
 * CLOCK_MONOTONIC (as OnExitLatency stamps in the future's callback, on the thread that completed it) and hands the
 * result to the waiting thread. Everything else as in exitwait.c: the same child (exitstamp), spawned with
 * posix_spawn. Prints
 *
 *   RESULT name=exitwatch p50_ns=... p99_ns=... max_ns=... samples=N
 *
 * usage: exitwatch EXITSTAMP_PATH SAMPLES WARMUPS
 */
#include "exitfloor.h"
#include <pthread.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/wait.h>

static int epfd;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t handed = PTHREAD_COND_INITIALIZER;
/* what the watcher hands over: guarded by lock */
static int done;
static int64_t reaped_at;
static int exit_status;

static void *watcher(void *unused) {
    (void) unused;
    for (;;) {
        struct epoll_event ev;
        int n = epoll_wait(epfd, &ev, 1, -1);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait");
        }
        int pidfd = ev.data.fd;
        if (epoll_ctl(epfd, EPOLL_CTL_DEL, pidfd, NULL)) die("epoll_ctl(DEL)");
        siginfo_t si;
        memset(&si, 0, sizeof si);
        if (waitid(P_PIDFD, (id_t) pidfd, &si, WEXITED | WNOHANG) != 0) die("waitid");
        int64_t t = now_ns();
        pthread_mutex_lock(&lock);
        reaped_at = t;
        exit_status = si.si_code == CLD_EXITED ? si.si_status : -1;
        done = 1;
        pthread_cond_signal(&handed);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static int64_t once(const char *path) {
    struct stamped_child c = spawn_stamped(path);
    pthread_mutex_lock(&lock);
    done = 0;
    pthread_mutex_unlock(&lock);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLONESHOT, .data.fd = c.pidfd};
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, c.pidfd, &ev)) die("epoll_ctl(ADD)");
    int64_t exited = poke_and_read_stamp(&c);
    pthread_mutex_lock(&lock);
    while (!done) pthread_cond_wait(&handed, &lock);
    int64_t seen = reaped_at;
    int status = exit_status;
    pthread_mutex_unlock(&lock);
    if (status != 0) {
        fprintf(stderr, "exitwatch: %s did not exit with 0\n", path);
        exit(1);
    }
    close_stamped(&c);
    return seen - exited;
}

int main(int argc, char **argv) {
    epfd = epoll_create1(EPOLL_CLOEXEC);
    if (epfd < 0) die("epoll_create1");
    pthread_t t;
    if (pthread_create(&t, NULL, watcher, NULL)) die("pthread_create");
    return exit_floor_main(argc, argv, "exitwatch", once);
}
