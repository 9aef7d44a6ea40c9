// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Output;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.landlock.Landlock;
import dev.jsyscall.linux.landlock.LandlockRuleset;
import dev.jsyscall.linux.seccomp.Seccomp;
import dev.jsyscall.spi.Capability;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Landlock rulesets as a set-up step, checked from inside the program: what it may read, write and list beneath
 * the allowed paths, and that everything else is denied. The fake simulates no Landlock: those tests skip on it
 * with the reason; the argument checks run everywhere. Composed into a backend's suite with one nested class.
 *
 * @since 0.2
 */
public interface LandlockContract {
    /** The kernel under test. */
    Kernel kernel();

    private LocalTask local() {
        return kernel().localTask();
    }

    /** The kernel's Landlock ABI version, or an abort saying why there is none. */
    private int requireLandlock() {
        assumeTrue(kernel().capabilities().contains(Capability.REAL_KERNEL), () -> "backend '" + kernel().backendId()
                + "' lacks " + Capability.REAL_KERNEL + ": the fake simulates no Landlock");
        try {
            return local().call(Landlock.abiVersion());
        } catch (ErrnoException e) {
            Assumptions.abort("this kernel has no Landlock ABI (" + e.errno() + " from landlock_create_ruleset;"
                    + " ENOSYS: not built in, EOPNOTSUPP: not enabled at boot)");
            throw e;
        }
    }

    @RuleId("LL1")
    @Test
    @DisplayName("a program under a ruleset reads beneath its read-only paths, writes beneath its read-write one,"
            + " and is denied the rest")
    default void rulesetConfinesProgram() {
        int abi = requireLandlock();
        try (KitFiles files = new KitFiles(local(), "landlock")) {
            String ro = files.mkdir(files.dir + "/ro");
            files.write(ro + "/data", "ro-data\n", 0644);
            String rw = files.mkdir(files.dir + "/rw");
            files.expect(rw + "/new");
            String secret = files.write(files.dir + "/secret", "secret\n", 0644);
            // outside every rule: opened before the ruleset is enforced, as every redirection is
            String err = files.expect(files.dir + "/err");
            String script = "cat \"$1\"/data; ls \"$1\";"
                    + " if echo x > \"$1\"/new; then echo ro-write-allowed; else echo ro-write-denied; fi;"
                    + " echo w > \"$2\"/new && cat \"$2\"/new;"
                    + " cat \"$3\" || echo secret-denied; cat /etc/hostname || echo etc-denied";
            Output o = Spawn.of(Command.of("/bin/sh", "-c", script, "sh", ro, rw, secret))
                    .stderr(Redirect.file(err, Redirect.Mode.WRITE))
                    .landlock(LandlockRuleset.of().readOnly("/usr").readOnly(ro).readWrite(rw)).output(local());
            assertThat(o.state().exitStatus()).as("ABI %d; stdout %s", abi, o.stdoutText()).isZero();
            assertThat(o.stdoutText()).as("ABI %d", abi)
                    .isEqualTo("ro-data\ndata\nro-write-denied\nw\nsecret-denied\netc-denied\n");
            assertThat(files.read(err)).as("the errors the shell wrote to a file outside the rules")
                    .contains("Permission denied");
            assertThat(files.read(rw + "/new")).isEqualTo("w\n");
        }
    }

    @RuleId("LL2")
    @Test
    @DisplayName("the ruleset is enforced before seccomp filters, so a filter that denies Landlock's syscalls does"
            + " not stop it")
    default void enforcedBeforeSeccomp() {
        int abi = requireLandlock();
        Output o = Spawn.of(Command.of("/bin/sh", "-c", "cat /etc/hostname || echo denied"))
                .step(Seccomp.deny("landlock_restrict_self"))
                .landlock(LandlockRuleset.of().readOnly("/usr")).output(local());
        assertThat(o.state().exitStatus()).as("ABI %d: %s", abi, o.stderrText()).isZero();
        assertThat(o.stdoutText()).isEqualTo("denied\n");
        assertThat(o.stderrText()).contains("Permission denied");
    }

    @RuleId("LL3")
    @Test
    @DisplayName("bad Landlock paths, rights and fds are refused before anything runs, naming the argument")
    default void badArgumentsRefused() {
        assertThatThrownBy(() -> LandlockRuleset.of().readOnly("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("path");
        assertThatThrownBy(() -> LandlockRuleset.of().allow("/usr", 1L << 40))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("access");
        assertThatThrownBy(() -> Landlock.createRuleset(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("handledAccessFs");
        assertThatThrownBy(() -> Landlock.addPathBeneath(-1, Landlock.ACCESS_READ, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rulesetFd");
        assertThatThrownBy(() -> Landlock.handledAccess(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("abi");
        assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).landlock(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("ruleset");
        assertThat(Spawn.of(Command.of("/bin/true")).landlock(LandlockRuleset.of().readOnly("/usr").readWrite("/tmp"))
                .steps()).extracting(Spawn.Step::name).containsExactly("landlock(ro=/usr, rw=/tmp)");
    }
}
