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
            for (String name : List.of("clone", "pipe2", "waitid", "read", "nanosleep", "close", "execve")) {
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
        KernelFaults local = KernelFaults.forced(List.of("close#1=SIGKILL"));
        assertThat(local.beforeSyscall(call("close", true))).isNull();
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
}
