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
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static int epfd;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t handed = PTHREAD_COND_INITIALIZER;
/* what the watcher hands over: guarded by lock */
static int done;
static int64_t reaped_at;
static int exit_status;

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void die(const char *what) {
    perror(what);
    exit(1);
}

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
    pthread_mutex_lock(&lock);
    done = 0;
    pthread_mutex_unlock(&lock);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLONESHOT, .data.fd = pidfd};
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, pidfd, &ev)) die("epoll_ctl(ADD)");
    if (write(in[1], "x", 1) != 1) die("write");
    unsigned char b[8];
    size_t got = 0;
    while (got < 8) {
        ssize_t n = read(out[0], b + got, 8 - got);
        if (n <= 0) die("read");
        got += (size_t) n;
    }
    pthread_mutex_lock(&lock);
    while (!done) pthread_cond_wait(&handed, &lock);
    int64_t seen = reaped_at;
    int status = exit_status;
    pthread_mutex_unlock(&lock);
    if (status != 0) {
        fprintf(stderr, "exitwatch: %s did not exit with 0\n", path);
        exit(1);
    }
    int64_t exited = 0;
    for (int i = 7; i >= 0; i--) exited = (exited << 8) | b[i];
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
        fprintf(stderr, "usage: exitwatch EXITSTAMP_PATH SAMPLES WARMUPS\n");
        return 2;
    }
    int samples = atoi(argv[2]), warmups = atoi(argv[3]);
    if (samples <= 0 || warmups < 0) {
        fprintf(stderr, "exitwatch: SAMPLES must be > 0 and WARMUPS >= 0\n");
        return 2;
    }
    epfd = epoll_create1(EPOLL_CLOEXEC);
    if (epfd < 0) die("epoll_create1");
    pthread_t t;
    if (pthread_create(&t, NULL, watcher, NULL)) die("pthread_create");
    for (int i = 0; i < warmups; i++) once(argv[1]);
    int64_t *ns = malloc(sizeof(int64_t) * (size_t) samples);
    if (!ns) die("malloc");
    for (int i = 0; i < samples; i++) ns[i] = once(argv[1]);
    qsort(ns, (size_t) samples, sizeof(int64_t), cmp);
    int p99 = (samples * 99 + 99) / 100 - 1;
    printf("RESULT name=exitwatch p50_ns=%lld p99_ns=%lld max_ns=%lld samples=%d\n", (long long) ns[samples / 2],
           (long long) ns[p99 < samples ? p99 : samples - 1], (long long) ns[samples - 1], samples);
    return 0;
}
