// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Faults;
import dev.jsyscall.Kernel;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.spi.decorator.FaultInjectingBackend;
import dev.jsyscall.KernelTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KernelFaultsTest {

    /** A syscall event without a kernel: the faults only look at its name and whether it is the JVM's. */
    private static SyscallHook.Event call(String name, boolean local) {
        return new SyscallHook.Event() {
            @Override
            public int pid() {
                return local ? 2 : 3;
            }

            @Override
            public boolean isLocal() {
                return local;
            }

            @Override
            public int number() {
                return 0;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public long arg(int i) {
                return 0;
            }

            @Override
            public long sequence() {
                return 1;
            }
        };
    }

    private static List<String> drive(KernelFaults f, int rounds) {
        List<String> actions = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            for (String name : List.of("clone", "pipe2", "waitid", "read", "nanosleep", "close", "execve",
                    "clock_gettime", "epoll_pwait")) {
                for (boolean local : new boolean[] {true, false}) {
                    actions.add(String.valueOf(f.beforeSyscall(call(name, local))));
                }
            }
            f.fireSite("site.a");
        }
        return actions;
    }

    @Test
    @DisplayName("faults drawn from a seed are the same for that seed, and differ between seeds")
    void swarmIsDeterministic() {
        Set<FaultKind> all = EnumSet.allOf(FaultKind.class);
        assertThat(drive(KernelFaults.swarm(7, all), 200)).isEqualTo(drive(KernelFaults.swarm(7, all), 200));
        List<Set<FaultKind>> kinds = new ArrayList<>();
        for (long seed = 0; seed < 40; seed++) {
            kinds.add(KernelFaults.swarm(seed, all).active());
        }
        // swarm: the seeds do not all switch on the same kinds, and each switches on at least one
        assertThat(Set.copyOf(kinds)).hasSizeGreaterThan(4);
        assertThat(kinds).allSatisfy(k -> assertThat(k).isNotEmpty());
    }

    @Test
    @DisplayName("no fault leaves Linux's meaning: no EINTR from waitid or read, no SIGKILL to the JVM, table errnos only")
    void onlyWhatLinuxDoes() {
        for (long seed = 0; seed < 50; seed++) {
            KernelFaults f = KernelFaults.swarm(seed, EnumSet.allOf(FaultKind.class));
            drive(f, 50);
            for (String firing : f.fired()) {
                String call = firing.substring(0, firing.indexOf('#'));
                String action = firing.contains("=") ? firing.substring(firing.indexOf('=') + 1) : "";
                if (action.equals("EINTR")) {
                    assertThat(KernelFaults.EINTR_CALLS).contains(call);
                } else if (action.startsWith("LATE:")) {
                    assertThat(KernelFaults.LATE_CALLS).contains(call);
                    assertThat(Duration.parse(action.substring(5))).isPositive()
                            .isLessThanOrEqualTo(Duration.ofMillis(200));
                } else if (action.startsWith("STEP:")) {
                    assertThat(KernelFaults.STEP_CALLS).contains(call);
                    assertThat(Duration.parse(action.substring(5)).isZero()).isFalse();
                } else if (!action.equals("SIGKILL") && !call.startsWith("site:")) {
                    assertThat(KernelFaults.ERRNO_TABLE.get(call)).contains(Errno.valueOf(action));
                }
                if (!action.equals("SIGKILL")) {
                    assertThat(call).isNotIn("waitid", "read"); // restarted under SA_RESTART, no resource errno
                }
            }
            // replaying the firings forced gives the same firings
            KernelFaults again = KernelFaults.forced(f.fired());
            drive(again, 50);
            assertThat(again.fired()).isEqualTo(f.fired());
        }
        // a kill recorded for a child that now lands on the JVM says so, as a misplaced SHORT does
        KernelFaults local = KernelFaults.forced(List.of("close#1=SIGKILL"));
        assertThatThrownBy(() -> local.beforeSyscall(call("close", true)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("close#1=SIGKILL")
                .hasMessageContaining("local process");
    }

    @Test
    @DisplayName("every errno of the fault table is one the api's fault decorator also lists, with its situation")
    void tableAgreesWithTheDecorator() {
        KernelFaults.ERRNO_TABLE.forEach((name, errnos) -> {
            Syscall s = Arrays.stream(Syscall.values()).filter(x -> x.cName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no syscall named " + name));
            assertThat(FaultInjectingBackend.linuxErrnos(s)).as(name).containsKeys(errnos.toArray(Errno[]::new));
        });
    }

    @Test
    @DisplayName("a forced firing Linux could not produce is refused, naming it")
    void forcedChecksTheTable() {
        assertThatThrownBy(() -> KernelFaults.forced(List.of("waitid#1=EINTR")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("waitid#1=EINTR");
        assertThatThrownBy(() -> KernelFaults.forced(List.of("openat#1=ENOENT")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ENOENT");
        assertThatThrownBy(() -> KernelFaults.forced(List.of("clone=EAGAIN")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SYSCALL#N");
        assertThat(KernelFaults.forced(List.of("clone#2=EAGAIN", "nanosleep#1=EINTR", "site:x#3")).isForced())
                .isTrue();
    }

    @Test
    @DisplayName("a forced lateness or realtime step Linux could not produce is refused, naming it")
    void forcedChecksTiming() {
        assertThatThrownBy(() -> KernelFaults.forced(List.of("waitid#1=LATE:PT1S")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("waitid has no timeout");
        assertThatThrownBy(() -> KernelFaults.forced(List.of("nanosleep#1=LATE:PT-0.1S")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never ends a timeout early");
        assertThatThrownBy(() -> KernelFaults.forced(List.of("nanosleep#1=LATE:soon")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> KernelFaults.forced(List.of("openat#1=STEP:PT1H")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before a clock read");
        assertThatThrownBy(() -> KernelFaults.forced(List.of("clock_gettime#1=STEP:PT0S")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero");
        assertThatThrownBy(() -> SyscallHook.Action.late(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay");
        assertThat(KernelFaults.forced(List.of("epoll_pwait#2=LATE:PT0.03S", "time#1=STEP:PT-1H")).isForced())
                .isTrue();
    }

    @Test
    @DisplayName("a late firing ends a sleep later by exactly its delay, never earlier, and replays as a token")
    void lateSleepOnTheFake() {
        FakeKernel fake = FakeKernel.builder().seed(3).build();
        try (Kernel kernel = Kernel.open(fake)) {
            KernelTime time = kernel.time();
            long t0 = time.nanoTime();
            time.sleep(Duration.ofSeconds(1));
            long plain = time.nanoTime() - t0;
            KernelFaults f = KernelFaults.forced(List.of("clock_nanosleep#2=LATE:PT0.03S"));
            fake.setFaults(f);
            long t1 = time.nanoTime();
            time.sleep(Duration.ofSeconds(1)); // clock_nanosleep#1: on time
            time.sleep(Duration.ofSeconds(1)); // #2: 30 ms late
            long jittered = time.nanoTime() - t1;
            assertThat(f.fired()).containsExactly("clock_nanosleep#2=LATE:PT0.03S");
            assertThat(plain).isBetween(1_000_000_000L, 1_000_100_000L);
            assertThat(jittered - 2 * plain).isBetween(29_900_000L, 30_100_000L);
        }
    }

    @Test
    @DisplayName("a realtime step moves CLOCK_REALTIME by exactly its size and leaves CLOCK_MONOTONIC running on")
    void realtimeStepOnTheFake() {
        FakeKernel fake = FakeKernel.builder().seed(4).build();
        try (Kernel kernel = Kernel.open(fake)) {
            KernelTime time = kernel.time();
            KernelFaults f = KernelFaults.forced(List.of("clock_gettime#3=STEP:PT-1H"));
            fake.setFaults(f);
            Instant r1 = time.clock().instant();
            long m1 = time.nanoTime();
            Instant r2 = time.clock().instant();
            long m2 = time.nanoTime();
            assertThat(f.fired()).containsExactly("clock_gettime#3=STEP:PT-1H");
            assertThat(Duration.between(r1, r2).plusHours(1)).isBetween(Duration.ZERO, Duration.ofMillis(1));
            assertThat(m2).isGreaterThan(m1);
            int seen = 0;
            for (long seed = 0; seed < 30; seed++) {
                KernelFaults swarm = KernelFaults.swarm(seed, EnumSet.of(FaultKind.CLOCK_STEP, FaultKind.JITTER));
                fake.setFaults(swarm);
                long before = time.nanoTime();
                for (int i = 0; i < 20; i++) {
                    time.clock().instant();
                }
                assertThat(time.nanoTime()).isGreaterThan(before);
                seen += swarm.fired().stream().anyMatch(t -> t.contains("=STEP:")) ? 1 : 0;
            }
            assertThat(seen).as("seeds of 30 with a realtime step").isBetween(1, 29);
        }
    }

    @Test
    @DisplayName("a named fault site fires on the fake only as its faults say, and every firing is recorded")
    void sitesOnTheFake() {
        FakeKernel fake = FakeKernel.builder().seed(1).build();
        try (Kernel kernel = Kernel.open(fake)) {
            assertThat(Faults.fire(kernel, "slow")).isFalse();
            fake.setFaults(KernelFaults.forced(List.of("site:slow#3")));
            List<Boolean> fires = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                fires.add(Faults.fire(kernel, "slow"));
            }
            assertThat(fires).containsExactly(false, false, true, false);
            int on = 0;
            for (long seed = 0; seed < 20; seed++) {
                KernelFaults f = KernelFaults.swarm(seed, EnumSet.of(FaultKind.SITES));
                fake.setFaults(f);
                for (int i = 0; i < 20; i++) {
                    Faults.fire(kernel, "slow");
                }
                on += f.fired().isEmpty() ? 0 : 1;
                assertThat(f.fired()).allSatisfy(t -> assertThat(t).startsWith("site:slow#"));
            }
            // switched on in some runs only: a site that fired in every run would hide the path it skips
            assertThat(on).isBetween(1, 19);
        }
    }

    @Test
    @DisplayName("a short firing shortens a pipe read and a large pipe write, and forcing one Linux cannot make is refused")
    void shortOnTheFake() {
        try (FakeKernel fake = FakeKernel.builder().seed(5).build()) {
            Local l = new Local(fake);
            int[] p = l.pipe(0);
            long buf = l.alloc(20000);
            KernelFaults f = KernelFaults.forced(List.of("read#2=SHORT:3", "read#3=SHORT:6", "read#4=SHORT:1",
                    "write#5=SHORT:5000"));
            fake.setFaults(f);
            assertThat(l.write(p[1], "hello world")).as("write#1").isEqualTo(11);
            assertThat(l.read(p[0], 4)).as("read#1").isEqualTo("hell");
            assertThat(l.read(p[0], 100)).as("read#2: never inside a write").isEqualTo("o world");
            l.write(p[1], "ab");
            l.write(p[1], "cde");
            l.write(p[1], "fgh");
            assertThat(l.read(p[0], 100)).as("read#3: the writes that ended within 6 bytes").isEqualTo("abcde");
            assertThat(l.read(p[0], 100)).as("read#4: the first write when it alone is longer").isEqualTo("fgh");
            assertThat(l.ok(Syscall.WRITE, p[1], buf, 9000)).as("write#5: split above PIPE_BUF").isEqualTo(5000);
            assertThat(f.fired()).containsExactly("read#2=SHORT:3", "read#3=SHORT:6", "read#4=SHORT:1",
                    "write#5=SHORT:5000");
            l.ok(Syscall.READ, p[0], buf, 20000);

            int fd = (int) l.ok(Syscall.OPENAT, -100, l.cstr("/etc/passwd"), 0, 0);
            // drawn: only pipe reads and large pipe writes, never a regular file or a small pipe write
            int seen = 0;
            for (long seed = 0; seed < 20; seed++) {
                KernelFaults swarm = KernelFaults.swarm(seed, EnumSet.of(FaultKind.SHORT));
                fake.setFaults(swarm);
                StringBuilder got = new StringBuilder();
                l.write(p[1], "01234");
                l.write(p[1], "56789");
                while (got.length() < 10) {
                    String r = l.read(p[0], 10);
                    assertThat(r).as("a read ends where a write did").isIn("01234", "56789", "0123456789");
                    got.append(r);
                }
                assertThat(got).hasToString("0123456789");
                long n = l.ok(Syscall.WRITE, p[1], buf, 4096);
                assertThat(n).isEqualTo(4096);
                for (long left = 4096; left > 0; ) {
                    left -= l.ok(Syscall.READ, p[0], buf, left);
                }
                l.ok(Syscall.PREAD64, fd, buf, 100, 0);
                seen += swarm.fired().isEmpty() ? 0 : 1;
                assertThat(swarm.fired()).allSatisfy(t -> assertThat(t).matches("read#[0-9]+=SHORT:[1-9][0-9]*"));
            }
            assertThat(seen).as("seeds of 20 with a short read").isPositive();
        }
        // a refusal ends the run: each in a kernel of its own
        try (FakeKernel fake = FakeKernel.builder().seed(5).build()) {
            Local l = new Local(fake);
            int[] p = l.pipe(0);
            fake.setFaults(KernelFaults.forced(List.of("write#1=SHORT:10")));
            assertThatThrownBy(() -> l.write(p[1], "x".repeat(100)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("never split");
        }
        try (FakeKernel fake = FakeKernel.builder().seed(5).build()) {
            Local l = new Local(fake);
            int fd = (int) l.ok(Syscall.OPENAT, -100, l.cstr("/etc/passwd"), 0, 0);
            fake.setFaults(KernelFaults.forced(List.of("read#1=SHORT:1")));
            assertThatThrownBy(() -> l.read(fd, 100))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("a file never transfers");
        }
        assertThatThrownBy(() -> KernelFaults.forced(List.of("pread64#1=SHORT:3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHORT_CALLS");
        assertThatThrownBy(() -> KernelFaults.forced(List.of("read#1=SHORT:0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }
    @Test
    @DisplayName("a short firing cuts a stream receive where a send ended and a large send after whole skbs,"
            + " and refuses a datagram")
    void shortOnSockets() {
        try (FakeKernel fake = FakeKernel.builder().seed(5).build()) {
            Local l = new Local(fake);
            long fds = l.alloc(8);
            l.ok(Syscall.SOCKETPAIR, 1, 1 /* SOCK_STREAM */, 0, fds);
            int a = l.getInt(fds);
            int b = l.getInt(fds + 4);
            long buf = l.alloc(200_000);
            KernelFaults f = KernelFaults.forced(List.of("recvfrom#1=SHORT:4", "sendto#3=SHORT:80000"));
            fake.setFaults(f);
            l.write(a, "ab");
            assertThat(l.ok(Syscall.SENDTO, a, buf, 3, 0, 0, 0)).isEqualTo(3);
            assertThat(l.ok(Syscall.SENDTO, a, buf, 3, 0, 0, 0)).isEqualTo(3);
            assertThat(l.ok(Syscall.RECVFROM, b, buf, 100, 0, 0, 0)).as("recvfrom#1: the sends within 4 bytes")
                    .isEqualTo(2);
            assertThat(l.ok(Syscall.RECVFROM, b, buf, 100, 0, 0, 0)).as("recvfrom#2: not a firing").isEqualTo(6);
            assertThat(l.ok(Syscall.SENDTO, a, buf, 100_000, 0, 0, 0)).as("sendto#3: two skbs of 36544")
                    .isEqualTo(73_088);
            assertThat(f.fired()).containsExactly("recvfrom#1=SHORT:4", "sendto#3=SHORT:80000");
        }
        try (FakeKernel fake = FakeKernel.builder().seed(5).build()) {
            Local l = new Local(fake);
            long fds = l.alloc(8);
            l.ok(Syscall.SOCKETPAIR, 1, 1 /* SOCK_STREAM */, 0, fds);
            long buf = l.alloc(40_000);
            fake.setFaults(KernelFaults.forced(List.of("sendto#1=SHORT:10")));
            assertThatThrownBy(() -> l.ok(Syscall.SENDTO, l.getInt(fds), buf, 36_544, 0, 0, 0))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("one skb");
        }
        try (FakeKernel fake = FakeKernel.builder().seed(5).build()) {
            Local l = new Local(fake);
            long fds = l.alloc(8);
            l.ok(Syscall.SOCKETPAIR, 1, 5 /* SOCK_SEQPACKET */, 0, fds);
            long buf = l.alloc(100);
            l.ok(Syscall.SENDTO, l.getInt(fds), buf, 10, 0, 0, 0);
            fake.setFaults(KernelFaults.forced(List.of("recvfrom#1=SHORT:3")));
            assertThatThrownBy(() -> l.ok(Syscall.RECVFROM, l.getInt(fds + 4), buf, 100, 0, 0, 0))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("a datagram is whole");
        }
        try (FakeKernel fake = FakeKernel.builder().seed(5).build()) {
            Local l = new Local(fake);
            long fds = l.alloc(8);
            l.ok(Syscall.SOCKETPAIR, 1, 1 | 04000 /* SOCK_STREAM | SOCK_NONBLOCK */, 0, fds);
            long buf = l.alloc(1 << 20);
            assertThat(l.ok(Syscall.SENDTO, l.getInt(fds), buf, 1 << 20, 0, 0, 0))
                    .as("whole skbs while the peer holds less than its buffer, as Linux 6.18 sends").isEqualTo(219_264);
        }
        // drawn: a stream send is cut only to whole skbs
        for (long seed = 0; seed < 20; seed++) {
            try (FakeKernel fake = FakeKernel.builder().seed(seed).build()) {
                Local l = new Local(fake);
                long fds = l.alloc(8);
                l.ok(Syscall.SOCKETPAIR, 1, 1, 0, fds);
                long buf = l.alloc(150_000);
                fake.setFaults(KernelFaults.swarm(seed, EnumSet.of(FaultKind.SHORT)));
                long n = l.ok(Syscall.SENDTO, l.getInt(fds), buf, 150_000, 0, 0, 0);
                assertThat(n == 150_000 || n % 36_544 == 0).as("sent %d", n).isTrue();
            }
        }
    }
    @Test
    @DisplayName("a short pipe read never leaves out the reader's own later writes, but the multi-threaded JVM's may")
    void shortPipeReadKeepsTheReadersOwnWrites() {
        try (FakeKernel fake = FakeKernel.builder().seed(5).build()) {
            Local l = new Local(fake);
            int[] p = l.pipe(0);
            Local.Driven c = l.spawn();
            long buf = l.alloc(100);
            l.putLong(buf, 0x6665646362615a59L);
            fake.setSyscallHook(e -> e.name().equals("read") && e.arg(0) == p[0] ? SyscallHook.Action.shortTo(3)
                    : null);
            for (int reader = 0; reader < 2; reader++) {
                c.ok(Syscall.WRITE, p[1], buf, 2);
                l.ok(Syscall.WRITE, p[1], buf, 2);
                c.ok(Syscall.WRITE, p[1], buf, 2);
                long n = reader == 0 ? c.ok(Syscall.READ, p[0], buf + 8, 100) : l.ok(Syscall.READ, p[0], buf + 8, 100);
                assertThat(n).as(reader == 0 ? "the child wrote the last 2 bytes itself" : "the JVM reads the child's"
                        + " first write alone").isEqualTo(reader == 0 ? 6 : 2);
                if (reader == 1) {
                    l.ok(Syscall.READ, p[0], buf + 8, 100);
                }
            }
            c.exit(0);
            l.wait4(c.pid, 0);
        }
    }
}
