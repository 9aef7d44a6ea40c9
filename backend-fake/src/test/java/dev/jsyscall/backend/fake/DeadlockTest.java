// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.linux.Syscall;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeadlockTest {

    @Test
    @DisplayName("reading a pipe whose only writer is ourselves throws a deadlock error with the process table")
    void readOwnPipe() {
        try (FakeKernel k = FakeKernel.builder().seed(5).build()) {
            Local l = new Local(k);
            int[] p = l.pipe(0);
            Local.Driven c = l.spawn();
            assertThatThrownBy(() -> l.raw(Syscall.READ, p[0], l.alloc(8), 8))
                    .isInstanceOf(FakeDeadlockException.class)
                    .hasMessageContaining("deadlock")
                    .hasMessageContaining("read(" + p[0])
                    .hasMessageContaining("seed 5")
                    .hasMessageContaining("waiting for data in pipe:")
                    .satisfies(e -> {
                        String table = ((FakeDeadlockException) e).processTable();
                        assertThat(table).contains("PID", "PPID", "PGID", "SID");
                        assertThat(table).containsPattern("\\s2\\s+1\\s+2\\s+2 S local");
                        assertThat(table).containsPattern("\\s" + c.pid + "\\s+2\\s+2\\s+2 S server");
                        assertThat(table).contains(p[0] + "=pipe:[", "blocked {SIGHUP");
                        assertThat(table).contains("last syscalls:");
                    });
            assertThat(l.pid()).as("the kernel is still usable afterwards").isEqualTo(2);
            assertThat(c.ok(Syscall.GETPID)).isEqualTo(c.pid);
        }
    }

    @Test
    @DisplayName("waiting for a stopped child that nobody will continue is a deadlock")
    void waitForStoppedChild() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven c = l.spawn();
            l.ok(Syscall.KILL, c.pid, Local.SIGSTOP);
            assertThatThrownBy(() -> l.waitid(Local.P_PID, c.pid, Local.WEXITED))
                    .isInstanceOf(FakeDeadlockException.class)
                    .hasMessageContaining("waitid")
                    .satisfies(e -> assertThat(((FakeDeadlockException) e).processTable())
                            .containsPattern("\\s" + c.pid + "\\s+2\\s+2\\s+2 T server"));
        }
    }

    @Test
    @DisplayName("a program that waits forever while the local process waits for it is a deadlock, not a hang")
    void programBlocksForever() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] p = l.pipe(0);
            Local.Driven c = l.spawn();
            c.ok(Syscall.DUP2, p[0], 0);
            c.ok(Syscall.CLOSE, p[1]);
            assertThat(c.run("/bin/cat", "cat", "-")).isTrue();
            // cat waits for input that we would write, we wait for cat: on Linux, a hang
            assertThatThrownBy(() -> l.waitid(Local.P_PID, c.pid, Local.WEXITED))
                    .isInstanceOf(FakeDeadlockException.class)
                    .satisfies(e -> assertThat(((FakeDeadlockException) e).processTable())
                            .containsPattern("S program cat\\s+read\\(0,"));
            l.ok(Syscall.CLOSE, p[1]);
            assertThat(l.waitid(Local.P_PID, c.pid, Local.WEXITED).status).isZero();
        }
    }

    @Test
    @DisplayName("another JVM thread can complete what the local process waits for")
    void otherThreadUnblocks() throws Exception {
        try (FakeKernel k = FakeKernel.builder().deadlockGraceMillis(5000).build()) {
            Local l = new Local(k);
            int[] p = l.pipe(0);
            long buf = l.alloc(8);
            Thread writer = new Thread(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                l.write(p[1], "late");
            });
            writer.start();
            long r = l.raw(Syscall.READ, p[0], buf, 8);
            writer.join();
            assertThat(r).isEqualTo(4);
        }
    }

    /** Starts a daemon thread that waits in epoll_pwait on an eventfd, like the api's exit watcher. */
    static Thread watcher(Local l, int efd, long[] result) {
        int ep = (int) l.ok(Syscall.EPOLL_CREATE1, Local.O_CLOEXEC);
        long ev = l.alloc(16);
        l.putInt(ev, 1);
        l.putLong(ev + 4, efd);
        l.ok(Syscall.EPOLL_CTL, ep, 1, efd, ev);
        long out = l.alloc(12 * 4);
        Thread t = new Thread(() -> result[0] = l.raw(Syscall.EPOLL_PWAIT, ep, out, 4, -1, 0, 8), "watcher");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    @DisplayName("a daemon thread waiting in epoll_pwait for good is not a deadlock while the main thread works")
    void daemonWaiterIsNotADeadlock() throws Exception {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int efd = (int) l.ok(Syscall.EVENTFD2, 0, Local.O_CLOEXEC);
            long[] result = {Long.MIN_VALUE};
            Thread t = watcher(l, efd, result);
            for (int i = 0; i < 5; i++) {
                Local.Driven c = l.spawn();
                c.exit(i);
                assertThat(l.waitid(Local.P_PID, c.pid, Local.WEXITED).status).isEqualTo(i);
                Thread.sleep(100); // longer than the grace period in total: the sleeping main thread is not idle
            }
            assertThat(t.isAlive()).isTrue();
            long one = l.alloc(8);
            l.putLong(one, 1);
            l.ok(Syscall.WRITE, efd, one, 8);
            t.join(10_000);
            assertThat(result[0]).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("with a daemon parked too, a deadlocked main thread gets the error and the daemon keeps waiting")
    void deadlockWithParkedDaemon() throws Exception {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int efd = (int) l.ok(Syscall.EVENTFD2, 0, Local.O_CLOEXEC);
            long[] result = {Long.MIN_VALUE};
            Thread t = watcher(l, efd, result);
            int[] p = l.pipe(0);
            assertThatThrownBy(() -> l.raw(Syscall.READ, p[0], l.alloc(8), 8))
                    .isInstanceOf(FakeDeadlockException.class);
            assertThat(t.isAlive()).isTrue();
            long one = l.alloc(8);
            l.putLong(one, 1);
            l.ok(Syscall.WRITE, efd, one, 8);
            t.join(10_000);
            assertThat(result[0]).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a thread stuck in the kernel while the main thread waits on it in Java gets the deadlock error")
    void stuckDaemonWhileMainWaitsInJava() throws Exception {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            l.pid();
            int[] p = l.pipe(0);
            long buf = l.alloc(8);
            java.util.concurrent.CompletableFuture<Long> f = new java.util.concurrent.CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    f.complete(l.raw(Syscall.READ, p[0], buf, 8));
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
            t.setDaemon(true);
            t.start();
            assertThatThrownBy(f::get).hasCauseInstanceOf(FakeDeadlockException.class);
        }
    }
}
