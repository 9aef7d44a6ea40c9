// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/*
 * Test harness for the jsyscall machine-code blob (api/src/main/asm/<arch>/blob.S), run by BlobHarnessTest.
 *
 *   blob_harness BLOB_FILE RAW_SYSCALL_OFFSET CLONE_OFFSET SERVER_OFFSET RAW_SYSCALL5_OFFSET [--no-vm|--qemu]
 *
 * Loads the raw bytes the way a backend does (anonymous RW mapping, copy, mprotect to RX), then proves real
 * behaviour: raw syscalls, a CLONE_VM child driven over pipes (its signal state, chained requests, a failed and
 * a successful execve, a nested grandchild), a child that closes the fds its stack data names, and a child that
 * exits on EOF. Prints "ok <check>" or "FAIL <check>: ..." per
 * check and exits 1 if any check failed. Syscall numbers come from <sys/syscall.h>, so the same source runs on
 * x86_64 and aarch64 (only x86_64 is exercised by the build).
 *
 * --no-vm clones without CLONE_VM. --qemu is --no-vm for qemu-user, which emulates CLONE_VM only for threads, and
 * also allows for the two things qemu-user does differently from a kernel (each printed as a "note" line): it
 * writes CLONE_PARENT_SETTID's tid into the child's copy of memory, not the parent's, and it keeps the two highest
 * real-time signals for itself, so a guest cannot block them. BlobHarnessTest runs the aarch64 blob that way:
 * aarch64-linux-gnu-gcc -static ... && qemu-aarch64-static ./harness blob.bin ... --qemu.
 * Everything the harness reads from a child's memory goes through peek(), which works in both modes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

typedef long (*raw_syscall_fn)(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
typedef long (*raw_syscall5_fn)(long nr, long a0, long a1, long a2, long a3, long a4);
/* the raw clone arguments in the arch's order: x86_64 (flags, stack, ptid, ctid, tls), aarch64 (..., tls, ctid) */
typedef long (*clone_fn)(long flags, long stack, long ptid, long a3, long a4);

/* The kernel's struct sigaction (not libc's): handler, flags, restorer, 64-bit mask; 32 bytes on both arches. */
struct ksigaction {
    uint64_t handler, flags, restorer, mask;
};

static raw_syscall_fn raw_syscall;
static raw_syscall5_fn raw_syscall5;
static clone_fn blob_clone;
static uintptr_t server_entry;
static long vm_flag = CLONE_VM;
static int under_qemu;
static int failures;

static void check(int ok, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void check(int ok, const char *name, const char *fmt, ...) {
    if (ok) {
        printf("ok %s\n", name);
    } else {
        va_list ap;
        va_start(ap, fmt);
        printf("FAIL %s: ", name);
        vprintf(fmt, ap);
        printf("\n");
        va_end(ap);
        failures++;
    }
    /* stdout is a pipe to the JVM: flush so our lines and the child's raw write(1) keep their order */
    fflush(stdout);
}

static void die(const char *what) {
    printf("FAIL setup: %s: %s\n", what, strerror(errno));
    exit(2);
}

static void on_usr1(int sig) {
    (void) sig;
}

/* A driven child: its request (write) end and response (read) end, as seen by the driver. */
struct driven {
    int req, resp;
};

/* Sends one request; returns 1 and the result, or 0 on EOF of the response pipe (the child exec'd or died). */
static int call(struct driven d, long *result, long nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    int64_t request[7] = {nr, a0, a1, a2, a3, a4, a5};
    if (write(d.req, request, sizeof request) != (ssize_t) sizeof request) die("write request");
    int64_t value;
    size_t got = 0;
    while (got < sizeof value) {
        ssize_t n = read(d.resp, (char *) &value + got, sizeof value - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) die("read response");
        if (n == 0) {
            if (got != 0) die("truncated response");
            return 0;
        }
        got += (size_t) n;
    }
    *result = value;
    return 1;
}

/* The server's flag for a request chained to the one before it (Blob.CHAINED). */
#define CHAINED (1L << 32)
/* ... and for a request whose result is held back and written with the next one's (Blob.DEFER). */
#define DEFER (1L << 33)

/* Writes n requests (7 words each) in ONE write, then reads n results: the pipelining a driver may do. */
static void call_many(struct driven d, int n, const int64_t (*requests)[7], int64_t *results) {
    if (write(d.req, requests, n * sizeof *requests) != (ssize_t) (n * sizeof *requests)) die("write requests");
    size_t want = n * sizeof *results, got = 0;
    while (got < want) {
        ssize_t r = read(d.resp, (char *) results + got, want - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) die("read results");
        got += (size_t) r;
    }
}

/* call() that must get an answer. */
static long ask(struct driven d, long nr, long a0, long a1, long a2, long a3, long a4, long a5) {
    long r;
    if (!call(d, &r, nr, a0, a1, a2, a3, a4, a5)) {
        printf("FAIL driven %ld: unexpected EOF, child gone\n", nr);
        exit(1);
    }
    return r;
}

/* Copies len bytes at addr in a driven child's memory to the same address in ours (a no-op copy under
   CLONE_VM): the child writes them to the peek pipe, whose write end it inherited as peek_fd. */
static int peek_fd, peek_read_fd;
static long peek(struct driven d, void *addr, size_t len) {
    long r = ask(d, SYS_write, peek_fd, (long) addr, (long) len, 0, 0, 0);
    if (r != (long) len) return r < 0 ? r : -1;
    if (read(peek_read_fd, addr, len) != (ssize_t) len) die("read peek pipe");
    return 0;
}

#define STACK_SIZE (64 * 1024)

/* A fresh stack with the 6 server words at its 16-byte aligned top, naming two fds the child closes before it
   serves (-1: none); returns the address to pass to clone. */
static long server_stack_closing(int request_fd, int response_fd, int close1, int close2) {
    char *base = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) die("mmap stack");
    uintptr_t data = ((uintptr_t) base + STACK_SIZE - 48) & ~(uintptr_t) 15;
    uint64_t *words = (uint64_t *) data;
    words[0] = server_entry;
    words[1] = (uint64_t) request_fd;
    words[2] = (uint64_t) response_fd;
    words[3] = (uint64_t) (int64_t) close1;
    words[4] = (uint64_t) (int64_t) close2;
    words[5] = 0;
    return (long) data;
}

static long server_stack(int request_fd, int response_fd) {
    return server_stack_closing(request_fd, response_fd, -1, -1);
}

static void pipe_cloexec(int fds[2]) {
    if (pipe2(fds, O_CLOEXEC) != 0) die("pipe2");
}

static void close_or_die(int fd) {
    if (close(fd) != 0) die("close");
}

static sigset_t current_mask(void) {
    sigset_t s;
    sigprocmask(SIG_BLOCK, NULL, &s);
    return s;
}

static int same_mask(const sigset_t *a, const sigset_t *b) {
    for (int sig = 1; sig < 65; sig++) {
        if (sigismember(a, sig) != sigismember(b, sig)) return 0;
    }
    return 1;
}

static long wait_exit(pid_t pid, int *status) {
    pid_t r;
    do {
        r = waitpid(pid, status, 0);
    } while (r < 0 && errno == EINTR);
    return r;
}

int main(int argc, char **argv) {
    if (argc == 7 && strcmp(argv[6], "--no-vm") == 0) {
        vm_flag = 0;
    } else if (argc == 7 && strcmp(argv[6], "--qemu") == 0) {
        vm_flag = 0;
        under_qemu = 1;
    } else if (argc != 6) {
        fprintf(stderr, "usage: %s BLOB_FILE RAW_SYSCALL_OFFSET CLONE_OFFSET SERVER_OFFSET RAW_SYSCALL5_OFFSET"
                " [--no-vm|--qemu]\n", argv[0]);
        return 2;
    }
    /* A hung child must not hang the build: SIGALRM's default action ends the harness. */
    alarm(20);

    int fd = open(argv[1], O_RDONLY | O_CLOEXEC);
    if (fd < 0) die("open blob");
    struct stat st;
    if (fstat(fd, &st) != 0) die("fstat blob");
    size_t size = (size_t) st.st_size;
    unsigned char *code = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) die("mmap blob");
    if (read(fd, code, size) != (ssize_t) size) die("read blob");
    close(fd);
    /* aarch64 needs the i-cache to see the copied bytes; a no-op on x86_64 */
    __builtin___clear_cache((char *) code, (char *) code + size);
    if (mprotect(code, size, PROT_READ | PROT_EXEC) != 0) die("mprotect blob");
    raw_syscall = (raw_syscall_fn) (uintptr_t) (code + strtoul(argv[2], NULL, 0));
    blob_clone = (clone_fn) (uintptr_t) (code + strtoul(argv[3], NULL, 0));
    server_entry = (uintptr_t) (code + strtoul(argv[4], NULL, 0));
    raw_syscall5 = (raw_syscall5_fn) (uintptr_t) (code + strtoul(argv[5], NULL, 0));
    printf("ok loaded %zu bytes\n", size);

    /* --- raw syscalls in our own process --- */
    long r = raw_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0);
    check(r == getpid(), "raw getpid", "got %ld, getpid() = %d", r, getpid());
    r = raw_syscall(SYS_close, -1, 0, 0, 0, 0, 0);
    check(r == -EBADF, "raw close(-1) is -EBADF", "got %ld", r);
    errno = 0;
    raw_syscall(SYS_close, -1, 0, 0, 0, 0, 0);
    check(errno == 0, "raw syscall leaves errno alone", "errno = %d", errno);
    /* the 7th C argument travels on the stack on x86_64: a syscall whose 6th argument matters proves it lands */
    {
        long page = sysconf(_SC_PAGESIZE);
        int memfd = memfd_create("blob-harness", MFD_CLOEXEC);
        if (memfd < 0 || ftruncate(memfd, 2 * page) != 0) die("memfd");
        if (pwrite(memfd, "second page", 11, page) != 11) die("pwrite memfd");
        long addr = raw_syscall(SYS_mmap, 0, page, PROT_READ, MAP_PRIVATE, memfd, page);
        check(addr > 0 && memcmp((void *) addr, "second page", 11) == 0, "raw mmap uses the 6th argument (offset)",
              "mmap returned %ld", addr);
        if (addr > 0) munmap((void *) addr, page);
        /* the five-argument stub must pass a ZERO sixth argument, whatever its caller's registers hold */
        if (pwrite(memfd, "first page", 10, 0) != 10) die("pwrite memfd");
        addr = raw_syscall5(SYS_mmap, 0, page, PROT_READ, MAP_PRIVATE, memfd);
        check(addr > 0 && memcmp((void *) addr, "first page", 10) == 0, "raw_syscall5 passes 0 as the 6th argument",
              "mmap returned %ld", addr);
        if (addr > 0) munmap((void *) addr, page);
        close(memfd);
    }
    r = raw_syscall5(SYS_getpid, 0, 0, 0, 0, 0);
    check(r == getpid(), "raw_syscall5 getpid", "got %ld, getpid() = %d", r, getpid());

    /* --- signal state the child must not inherit as-is --- */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    if (sigaction(SIGUSR1, &sa, NULL) != 0) die("sigaction USR1");
    sa.sa_handler = SIG_IGN;
    if (sigaction(SIGUSR2, &sa, NULL) != 0) die("sigaction USR2");
    /* a distinctive parent mask, to prove jsys_clone puts it back */
    sigset_t parent_mask;
    sigemptyset(&parent_mask);
    sigaddset(&parent_mask, SIGHUP);
    sigaddset(&parent_mask, SIGWINCH);
    if (sigprocmask(SIG_SETMASK, &parent_mask, NULL) != 0) die("sigprocmask");

    /* Channels for the child (p1 requests, p2 responses) and for the grandchild (p3, p4). The grandchild's
       pipes exist before the first clone so the child's fd table (a copy of ours) holds them. */
    int p1[2], p2[2], p3[2], p4[2], pp[2];
    pipe_cloexec(pp);
    peek_read_fd = pp[0];
    peek_fd = pp[1];
    pipe_cloexec(p1);
    pipe_cloexec(p2);
    pipe_cloexec(p3);
    pipe_cloexec(p4);
    long stack1 = server_stack(p1[0], p2[1]);
    long stack2 = server_stack(p3[0], p4[1]);

    /* ptid and ctid are filled in by the kernel: proves jsys_clone passes its arguments through in the arch's
       order (aarch64 has tls before ctid). */
    static int32_t ptid, ctid;
#if defined(__aarch64__)
    long child = blob_clone(vm_flag | SIGCHLD | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID, stack1, (long) &ptid,
                            0, (long) &ctid);
#else
    long child = blob_clone(vm_flag | SIGCHLD | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID, stack1, (long) &ptid,
                            (long) &ctid, 0);
#endif
    if (child <= 0) {
        printf("FAIL jsys_clone: %ld\n", child);
        return 1;
    }
    printf("ok jsys_clone returned a pid\n");
    sigset_t after = current_mask();
    check(same_mask(&after, &parent_mask), "jsys_clone restored the parent's signal mask", "mask differs");

    /* Our copies of the child's ends (and of the grandchild's) go; the child has its own copies. */
    close_or_die(p1[0]);
    close_or_die(p2[1]);
    close_or_die(p3[0]);
    close_or_die(p4[1]);
    struct driven c = {p1[1], p2[0]};

    r = ask(c, SYS_getpid, 0, 0, 0, 0, 0, 0);
    check(r == child, "driven getpid equals the clone result", "got %ld, clone gave %ld", r, child);
    r = peek(c, &ctid, sizeof ctid);
    if (under_qemu) {
        /* ctid alone still proves the order: it is the argument whose place differs between the arches */
        printf("note: qemu-user writes CLONE_PARENT_SETTID into the child's memory: ptid (%d) is not checked\n", ptid);
        ptid = (int32_t) child;
    }
    check(r == 0 && ptid == child && ctid == child, "jsys_clone passes ptid and ctid in the kernel's order",
          "ptid=%d ctid=%d child=%ld", ptid, ctid, child);
    /* The child closes its copies of the driver's ends, or EOF could never reach it (the design's rule). */
    long closes = ask(c, SYS_close, p1[1], 0, 0, 0, 0, 0) | ask(c, SYS_close, p2[0], 0, 0, 0, 0, 0)
                  | ask(c, SYS_close, p3[1], 0, 0, 0, 0, 0) | ask(c, SYS_close, p4[0], 0, 0, 0, 0, 0);
    check(closes == 0, "child closes the driver's pipe ends", "some close failed: %ld", closes);

    /* Under CLONE_VM the child writes straight into our memory; peek() makes that hold without it too. */
    static struct ksigaction act;
    memset(&act, 0xAA, sizeof act);
    r = ask(c, SYS_rt_sigaction, SIGUSR1, 0, (long) &act, 8, 0, 0);
    if (r == 0) r = peek(c, &act, sizeof act);
    check(r == 0 && act.handler == (uint64_t) (uintptr_t) SIG_DFL, "child reset caught SIGUSR1 to SIG_DFL",
          "r=%ld handler=%#llx", r, (unsigned long long) act.handler);
    memset(&act, 0xAA, sizeof act);
    r = ask(c, SYS_rt_sigaction, SIGUSR2, 0, (long) &act, 8, 0, 0);
    if (r == 0) r = peek(c, &act, sizeof act);
    check(r == 0 && act.handler == (uint64_t) (uintptr_t) SIG_IGN, "child keeps ignored SIGUSR2 ignored",
          "r=%ld handler=%#llx", r, (unsigned long long) act.handler);
    struct sigaction mine;
    sigaction(SIGUSR1, NULL, &mine);
    check(mine.sa_handler == on_usr1, "parent keeps its SIGUSR1 handler", "handler changed");

    static uint64_t child_mask;
    r = ask(c, SYS_rt_sigprocmask, SIG_BLOCK, 0, (long) &child_mask, 8, 0, 0);
    if (r == 0) r = peek(c, &child_mask, sizeof child_mask);
    uint64_t all_but_kill_stop = ~((1ULL << (SIGKILL - 1)) | (1ULL << (SIGSTOP - 1)));
    if (under_qemu && r == 0 && (child_mask | (3ULL << 62)) == all_but_kill_stop) {
        printf("note: qemu-user keeps signals 63 and 64 for itself: the guest cannot block them\n");
        child_mask |= 3ULL << 62;
    }
    check(r == 0 && child_mask == all_but_kill_stop, "child has every signal blocked", "r=%ld mask=%#llx",
          r, (unsigned long long) child_mask);

    static const char hello[] = "hello from the driven child\n";
    r = ask(c, SYS_write, 1, (long) hello, sizeof hello - 1, 0, 0, 0);
    check(r == (long) sizeof hello - 1, "driven write(1) returns its length", "got %ld", r);

    /* --- chained requests written at once: the sequence stops at its first failure --- */
    {
        int64_t results[4];
        const int64_t ok_chain[3][7] = {{SYS_getpid}, {SYS_getppid | CHAINED}, {SYS_getpid | CHAINED}};
        call_many(c, 3, ok_chain, results);
        check(results[0] == child && results[1] == getpid() && results[2] == child,
              "a chain without failures runs every request", "got %ld %ld %ld", (long) results[0],
              (long) results[1], (long) results[2]);
        static uint64_t untouched = 0x5a5a;
        const int64_t failing[4][7] = {{SYS_close, -1}, {SYS_rt_sigprocmask | CHAINED, SIG_BLOCK, 0, (long) &untouched, 8},
                                       {SYS_getpid | CHAINED}, {SYS_getpid}};
        call_many(c, 4, failing, results);
        check(results[0] == -EBADF && results[1] == -ECANCELED && results[2] == -ECANCELED,
              "requests chained after a failure are skipped with -ECANCELED", "got %ld %ld %ld", (long) results[0],
              (long) results[1], (long) results[2]);
        r = peek(c, &untouched, sizeof untouched);
        check(r == 0 && untouched == 0x5a5a, "a skipped request does not run", "r=%ld word=%#llx", r,
              (unsigned long long) untouched);
        check(results[3] == child, "an unchained request after a skipped chain runs", "got %ld", (long) results[3]);

        /* two deferred requests: nothing to read until a third, undeferred one, whose write carries all three */
        const int64_t deferred[2][7] = {{SYS_getpid | DEFER}, {SYS_getppid | CHAINED | DEFER}};
        if (write(c.req, deferred, sizeof deferred) != (ssize_t) sizeof deferred) die("write deferred");
        struct pollfd pfd = {c.resp, POLLIN, 0};
        int ready = poll(&pfd, 1, 100);
        check(ready == 0, "deferred results are held back", "poll gave %d (revents %#x)", ready, pfd.revents);
        const int64_t last[1][7] = {{SYS_getpid | CHAINED}};
        if (write(c.req, last, sizeof last) != (ssize_t) sizeof last) die("write last");
        ready = poll(&pfd, 1, 5000);
        int available = -1;
        if (ready == 1) ioctl(c.resp, FIONREAD, &available);
        ssize_t got = read(c.resp, results, 3 * sizeof *results);
        check(ready == 1 && got == 3 * (ssize_t) sizeof *results && results[0] == child && results[1] == getpid()
                  && results[2] == child, "the first undeferred request writes the held-back results with its own",
              "ready=%d available=%d read=%zd", ready, available, got);
    }

    static char *const no_args[] = {NULL};
    static char *const true_argv[] = {"true", NULL};
    r = ask(c, SYS_execve, (long) "/nonexistent/jsyscall-blob-harness", (long) no_args, (long) no_args, 0, 0, 0);
    check(r == -ENOENT, "failed execve returns -ENOENT", "got %ld", r);
    r = ask(c, SYS_getpid, 0, 0, 0, 0, 0, 0);
    check(r == child, "child keeps serving after a failed execve", "got %ld", r);

    /* --- nested: the child clones a grandchild into the server, driven over p3/p4 --- */
    /* ptid, ctid and tls are all 0, so the arches' different argument orders do not matter here */
    long grandchild = ask(c, SYS_clone, vm_flag | SIGCHLD, stack2, 0, 0, 0, 0);
    check(grandchild > 0 && grandchild != child, "driven clone returns the grandchild's pid", "got %ld", grandchild);
    closes = ask(c, SYS_close, p3[0], 0, 0, 0, 0, 0) | ask(c, SYS_close, p4[1], 0, 0, 0, 0, 0);
    check(closes == 0, "child closes the grandchild's ends", "some close failed: %ld", closes);
    struct driven g = {p3[1], p4[0]};
    r = ask(g, SYS_getpid, 0, 0, 0, 0, 0, 0);
    check(r == grandchild, "grandchild answers getpid", "got %ld, expected %ld", r, grandchild);
    r = ask(g, SYS_getppid, 0, 0, 0, 0, 0, 0);
    check(r == child, "grandchild's parent is the child", "got %ld, expected %ld", r, child);
    /* The grandchild inherited the child's channel ends; it must drop them or the child's exec shows no EOF. */
    closes = ask(g, SYS_close, p1[0], 0, 0, 0, 0, 0) | ask(g, SYS_close, p2[1], 0, 0, 0, 0, 0);
    check(closes == 0, "grandchild closes the child's channel", "some close failed: %ld", closes);
    /* EOF on its requests ends the grandchild with status 0; its parent (the child) reaps it for us. */
    close_or_die(p3[1]);
    static int gstatus = -1;
    r = ask(c, SYS_wait4, grandchild, (long) &gstatus, 0, 0, 0, 0);
    if (r == grandchild && peek(c, &gstatus, sizeof gstatus) != 0) r = -1;
    check(r == grandchild && WIFEXITED(gstatus) && WEXITSTATUS(gstatus) == 0,
          "grandchild exits 0 on request EOF", "wait4=%ld status=%#x", r, gstatus);
    char byte;
    check(read(p4[0], &byte, 1) == 0, "grandchild's response pipe reaches EOF", "not EOF");
    close_or_die(p4[0]);

    /* --- successful execve: the close-on-exec response pipe reports EOF --- */
    long ignored;
    int answered = call(c, &ignored, SYS_execve, (long) "/bin/true", (long) true_argv, (long) no_args, 0, 0, 0);
    check(!answered, "execve(/bin/true) shows as EOF on the response pipe", "got a result %ld", ignored);
    int status = -1;
    r = wait_exit((pid_t) child, &status);
    check(r == child && WIFEXITED(status) && WEXITSTATUS(status) == 0, "exec'd child exits 0",
          "waitpid=%ld status=%#x", r, status);
    close_or_die(c.req);
    close_or_die(c.resp);

    /* --- a child whose request pipe is closed exits 0; one cut off mid-request exits with the byte count --- */
    for (int truncated = 0; truncated <= 1; truncated++) {
        int q[2], a[2];
        pipe_cloexec(q);
        pipe_cloexec(a);
        long pid = blob_clone(vm_flag | SIGCHLD, server_stack(q[0], a[1]), 0, 0, 0);
        if (pid <= 0) {
            printf("FAIL jsys_clone (EOF child): %ld\n", pid);
            return 1;
        }
        close_or_die(q[0]);
        close_or_die(a[1]);
        struct driven e = {q[1], a[0]};
        closes = ask(e, SYS_close, q[1], 0, 0, 0, 0, 0) | ask(e, SYS_close, a[0], 0, 0, 0, 0, 0);
        if (closes != 0) printf("FAIL EOF child: close in child failed: %ld\n", closes), failures++;
        if (truncated && write(q[1], "0123456789", 10) != 10) die("write partial request");
        close_or_die(q[1]);
        r = wait_exit((pid_t) pid, &status);
        int expected = truncated ? 10 : 0;
        check(r == pid && WIFEXITED(status) && WEXITSTATUS(status) == expected,
              truncated ? "child cut off mid-request exits with the byte count (10)"
                        : "child whose request pipe is closed exits 0",
              "waitpid=%ld status=%#x", r, status);
        check(read(a[0], &byte, 1) == 0, truncated ? "cut-off child's response pipe reaches EOF"
                                                     : "closed child's response pipe reaches EOF", "not EOF");
        close_or_die(a[0]);
    }

    /* --- a child closes the fds its stack data names before it serves: here the driver's own ends, so that
       closing our request end alone gives it EOF --- */
    {
        int q[2], a[2];
        pipe_cloexec(q);
        pipe_cloexec(a);
        long pid = blob_clone(vm_flag | SIGCHLD, server_stack_closing(q[0], a[1], q[1], a[0]), 0, 0, 0);
        if (pid <= 0) {
            printf("FAIL jsys_clone (closing child): %ld\n", pid);
            return 1;
        }
        close_or_die(q[0]);
        close_or_die(a[1]);
        struct driven e = {q[1], a[0]};
        long gone = ask(e, SYS_fcntl, q[1], F_GETFD, 0, 0, 0, 0);
        long gone2 = ask(e, SYS_fcntl, a[0], F_GETFD, 0, 0, 0, 0);
        check(gone == -EBADF && gone2 == -EBADF, "child closed the fds its stack data names", "fcntl gave %ld, %ld",
              gone, gone2);
        close_or_die(q[1]);
        r = wait_exit((pid_t) pid, &status);
        check(r == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "closing child exits 0 on EOF without closing anything itself", "waitpid=%ld status=%#x", r, status);
        close_or_die(a[0]);
    }

    /* --- the raw-syscall stub's clone: a child with a new stack enters the server (x86_64: the plain `ret`;
       aarch64: the explicit branch), one without a new stack returns to the caller like fork --- */
    {
        int q[2], a[2];
        pipe_cloexec(q);
        pipe_cloexec(a);
        long pid = raw_syscall(SYS_clone, vm_flag | SIGCHLD, server_stack(q[0], a[1]), 0, 0, 0, 0);
        if (pid <= 0) {
            printf("FAIL raw clone: %ld\n", pid);
            return 1;
        }
        close_or_die(q[0]);
        close_or_die(a[1]);
        struct driven e = {q[1], a[0]};
        r = ask(e, SYS_getpid, 0, 0, 0, 0, 0, 0);
        check(r == pid, "raw clone child with a new stack serves requests", "got %ld, clone gave %ld", r, pid);
        closes = ask(e, SYS_close, q[1], 0, 0, 0, 0, 0) | ask(e, SYS_close, a[0], 0, 0, 0, 0, 0);
        close_or_die(q[1]);
        r = wait_exit((pid_t) pid, &status);
        check(closes == 0 && r == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "raw clone child exits 0 on EOF", "closes=%ld waitpid=%ld status=%#x", closes, r, status);
        close_or_die(a[0]);

        fflush(stdout);
        pid = raw_syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0, 0);
        if (pid == 0) _exit(42); /* fork-like child: back in C, on a copy of our stack */
        r = wait_exit((pid_t) pid, &status);
        check(pid > 0 && r == pid && WIFEXITED(status) && WEXITSTATUS(status) == 42,
              "raw clone without a stack returns to the caller in the child", "clone=%ld status=%#x", pid, status);
    }

    /* --- clone failure: the parent's mask is restored and -errno comes back --- */
    r = blob_clone(CLONE_SIGHAND | SIGCHLD, stack1, 0, 0, 0); /* CLONE_SIGHAND needs CLONE_VM: EINVAL */
    after = current_mask();
    check(r == -EINVAL, "jsys_clone with invalid flags returns -EINVAL", "got %ld", r);
    check(same_mask(&after, &parent_mask), "jsys_clone restores the mask after a failed clone", "mask differs");

    if (failures == 0) {
        printf("ALL OK\n");
    } else {
        printf("%d FAILED\n", failures);
    }
    return failures == 0 ? 0 : 1;
}
