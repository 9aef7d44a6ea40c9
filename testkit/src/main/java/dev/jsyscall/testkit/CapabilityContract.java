// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Output;
import dev.jsyscall.Spawn;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.linux.capability.Cap;
import dev.jsyscall.linux.capability.CapSets;
import dev.jsyscall.linux.capability.Capabilities;
import dev.jsyscall.linux.prctl.Prctl;
import dev.jsyscall.linux.unistd.Unistd;
import dev.jsyscall.spi.Capability;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Capability sets, securebits, the dumpable flag and no_new_privs against a setuid binary, each checked from
 * inside the exec'd program ({@code /proc/self/status}'s Cap* and Uid lines) or the driven child. Composed into a
 * backend's suite with one nested class.
 *
 * @since 0.2
 */
public interface CapabilityContract {
    /** The kernel under test. */
    Kernel kernel();

    private LocalTask local() {
        return kernel().localTask();
    }

    private void requireRealKernel() {
        assumeTrue(kernel().capabilities().contains(Capability.REAL_KERNEL), () -> "backend '"
                + kernel().backendId() + "' lacks " + Capability.REAL_KERNEL
                + ": the fake simulates no capability sets, securebits or setuid files");
    }

    private void requireRoot() {
        requireRealKernel();
        assumeTrue(local().call(Unistd.getuid()) == 0, "changing capability sets and bounding set needs root");
    }

    /** The Cap* lines of the program's {@code /proc/self/status}, as masks by name (CapInh, CapPrm...). */
    private Map<String, Long> caps(Spawn spawn) {
        Output o = spawn.output(local());
        assertThat(o.state().isCleanExit()).as("%s: %s", o.state(), o.stderrText()).isTrue();
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : o.stdoutText().split("\n")) {
            String[] kv = line.split(":\t");
            if (kv[0].startsWith("Cap")) {
                out.put(kv[0], Long.parseUnsignedLong(kv[1].trim(), 16));
            } else if (kv[0].equals("Uid")) {
                out.put("Uid", Long.parseLong(kv[1].split("\t")[1]));
            }
        }
        return out;
    }

    private static Spawn status() {
        return Spawn.of(Command.of("/bin/grep", "-E", "^(Cap|Uid)", "/proc/self/status"));
    }

    /** The child's bounding set, by PR_CAPBSET_READ up to the last capability the kernel knows (EINVAL after). */
    private static long bounding(ChildTask c) {
        long m = 0;
        for (Cap cap : Cap.values()) {
            try {
                if (c.call(Capabilities.inBounding(cap))) {
                    m |= cap.bit();
                }
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EINVAL) {
                    throw e;
                }
                break;
            }
        }
        return m;
    }

    @RuleId("CA1")
    @Test
    @DisplayName("dropping a capability from the bounding set shows in the program's CapBnd, the rest unchanged")
    default void boundingDrop() {
        requireRoot();
        long before = caps(status()).get("CapBnd");
        assertThat(before & Cap.NET_RAW.bit()).isNotZero();
        Map<String, Long> after = caps(status().step(Capabilities.dropBounding(Cap.NET_RAW)));
        assertThat(after.get("CapBnd")).isEqualTo(before & ~Cap.NET_RAW.bit());
        assertThat(after.get("CapEff")).as("root's program gets its bounding set").isEqualTo(before
                & ~Cap.NET_RAW.bit());
    }

    @RuleId("CA2")
    @Test
    @DisplayName("limiting a root child to one capability leaves the program with only it in all five sets")
    default void limitRoot() {
        requireRoot();
        long nbs = Cap.NET_BIND_SERVICE.bit();
        Map<String, Long> c = caps(status().then("caps", child -> {
            for (SyscallRequest<?> r : Capabilities.limitTo(nbs, child.call(Capabilities.capget()), bounding(child))) {
                child.call(r);
            }
        }));
        assertThat(c).containsEntry("CapInh", nbs).containsEntry("CapPrm", nbs).containsEntry("CapEff", nbs)
                .containsEntry("CapBnd", nbs).containsEntry("CapAmb", nbs).containsEntry("Uid", 0L);
    }

    @RuleId("CA3")
    @Test
    @DisplayName("keep-caps, setresuid away from root, then the limit: a non-root program keeps one ambient capability")
    default void ambientForNonRoot() {
        requireRoot();
        long nbs = Cap.NET_BIND_SERVICE.bit();
        Map<String, Long> c = caps(status().step(Capabilities.keepCaps()).step(Unistd.setresgid(65534))
                .step(Unistd.setresuid(65534)).then("caps", child -> {
                    CapSets now = child.call(Capabilities.capget());
                    assertThat(now.effective()).as("setresuid cleared the effective set").isZero();
                    assertThat(now.isPermitted(Cap.NET_BIND_SERVICE)).as("keep-caps kept the permitted set").isTrue();
                    for (SyscallRequest<?> r : Capabilities.limitTo(nbs, now, bounding(child))) {
                        child.call(r);
                    }
                }));
        assertThat(c).containsEntry("Uid", 65534L).containsEntry("CapAmb", nbs).containsEntry("CapPrm", nbs)
                .containsEntry("CapEff", nbs).containsEntry("CapInh", nbs).containsEntry("CapBnd", nbs);
        Map<String, Long> without = caps(status().step(Unistd.setresgid(65534)).step(Unistd.setresuid(65534)));
        assertThat(without).as("without the steps").containsEntry("CapPrm", 0L).containsEntry("CapAmb", 0L);
    }

    @RuleId("CA4")
    @Test
    @DisplayName("capset, ambient, securebits and dumpable read back in a driven child; raising ambient needs"
            + " the capability inheritable (EPERM)")
    default void drivenChildRoundTrips() {
        requireRoot();
        int jvmDumpable = local().call(Capabilities.getDumpable());
        ChildTask c = local().cloneChild();
        try {
            CapSets all = c.call(Capabilities.capget());
            assertThat(all.isEffective(Cap.SETPCAP)).isTrue();
            long keep = Cap.mask(Cap.NET_BIND_SERVICE, Cap.SETPCAP, Cap.KILL);
            c.call(Capabilities.capset(new CapSets(keep, keep, Cap.mask(Cap.KILL))));
            assertThat(c.call(Capabilities.capget())).isEqualTo(new CapSets(keep, keep, Cap.mask(Cap.KILL)));
            assertThatThrownBy(() -> c.call(Capabilities.ambientRaise(Cap.NET_BIND_SERVICE)))
                    .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EPERM))
                    .hasMessageContaining("PR_CAP_AMBIENT_RAISE").hasMessageContaining("cap_net_bind_service");
            c.call(Capabilities.ambientRaise(Cap.KILL));
            assertThat(c.call(Capabilities.inAmbient(Cap.KILL))).isTrue();
            c.call(Capabilities.ambientLower(Cap.KILL));
            assertThat(c.call(Capabilities.inAmbient(Cap.KILL))).isFalse();
            c.call(Capabilities.setSecurebits(Capabilities.SECBIT_NOROOT | Capabilities.SECBIT_KEEP_CAPS));
            assertThat(c.call(Capabilities.getSecurebits()))
                    .isEqualTo(Capabilities.SECBIT_NOROOT | Capabilities.SECBIT_KEEP_CAPS);
            c.call(Capabilities.setDumpable(false));
            assertThat(c.call(Capabilities.getDumpable())).isZero();
            // dumpable belongs to the memory (mm), not the task (prctl(2)): the CLONE_VM child shares the JVM's;
            // securebits are credentials, the child's own
            assertThat(local().call(Capabilities.getDumpable())).as("the JVM's, whose memory the child shares")
                    .isZero();
            assertThat(local().call(Capabilities.getSecurebits())).as("the JVM's").isZero();
        } finally {
            c.exitGroup(0);
            c.childProcess().waitForExit();
            local().call(Capabilities.setDumpable(jvmDumpable == 1));
        }
        assertThatThrownBy(() -> Capabilities.setSecurebits(0x100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bits");
    }

    @RuleId("CA5")
    @Test
    @DisplayName("with no_new_privs a setuid-root binary runs with the caller's uid; without, it gains root")
    default void noNewPrivsBlocksSetuid() {
        requireRoot();
        try (KitFiles files = new KitFiles(local(), "setuid")) {
            String id = files.expect(files.dir + "/id");
            Output copy = Spawn.of(Command.of("/bin/sh", "-c", "cp /usr/bin/id \"$1\" && chmod 4755 \"$1\"", "sh",
                    id)).output(local());
            assertThat(copy.state().isCleanExit()).as(copy.stderrText()).isTrue();
            Output gains = Spawn.of(Command.of(id, "-u")).step(Unistd.setresuid(65534)).output(local());
            assumeTrue(gains.stdoutText().equals("0\n"), () -> "setuid bits do not work in " + files.dir
                    + " (nosuid mount?): id -u printed " + gains.stdoutText());
            Output kept = Spawn.of(Command.of(id, "-u")).step(Prctl.setNoNewPrivs()).step(Unistd.setresuid(65534))
                    .output(local());
            assertThat(kept.stdoutText()).isEqualTo("65534\n");
        }
    }
}
