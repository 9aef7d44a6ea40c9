// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static dev.jsyscall.testkit.KitSupport.Output;
import static dev.jsyscall.testkit.KitSupport.output;
import static dev.jsyscall.testkit.KitSupport.sh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Command;
import dev.jsyscall.Spawn;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.Pointer;
import dev.jsyscall.handle.Task;
import dev.jsyscall.handle.WrittenPointer;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.mount.Mount;
import dev.jsyscall.linux.mount.MountPropagation;
import dev.jsyscall.linux.prctl.Prctl;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.linux.unistd.Unistd;
import dev.jsyscall.spi.Capability;
import dev.jsyscall.struct.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Namespaces and privileges asked of a spawned program: UTS, mount (and its propagation), network, IPC, pid and user
 * namespaces, no_new_privs, set*id. Tests needing privileges the host lacks are skipped with the reason.
 * Composed into a backend's suite with one nested class:
 *
 * <pre>{@code
 * @Nested class Area implements NamespaceContract {
 *     public Kernel kernel() { return MySuite.this.kernel(); }
 * }
 * }</pre>
 *
 * @since 0.2
 */
@SuppressWarnings("try") // leases and borrows are held for the scope of their try blocks
public interface NamespaceContract extends ConformanceArea {
    @Test
    @RuleId("NS1")
    @DisplayName("a new UTS namespace isolates the hostname (needs privileges: skipped with the reason)")
    default void utsNamespace() {
        requireUnshare(CloneFlag.NEWUTS);
        byte[] name = "jsyscall-uts\0".getBytes(StandardCharsets.US_ASCII);
        Output o = output(local(), Spawn.of(Command.of("/bin/hostname")).unshare(CloneFlag.NEWUTS)
                .then("sethostname", c -> {
                    WrittenPointer<byte[]> n = c.allocator().write(Bytes.RAW, name);
                    try (Pointer<byte[]>.Borrow b = n.borrow(c)) {
                        ErrnoException.check(c.sysif().syscall(Syscall.SETHOSTNAME.number(c.arch()), b.address(),
                                name.length - 1, 0, 0, 0, 0), Syscall.SETHOSTNAME);
                    } finally {
                        n.free();
                    }
                }));
        assertThat(o.stdout()).isEqualTo("jsyscall-uts\n");
        assertThat(output(local(), Spawn.of(Command.of("/bin/hostname"))).stdout()).isNotEqualTo("jsyscall-uts\n");
    }

    @Test
    @RuleId("NS2")
    @DisplayName("mount, network, IPC and pid namespaces are new for the program (skipped where not permitted)")
    default void otherNamespaces() {
        requires(Capability.REAL_KERNEL, "the fake simulates only user and UTS namespaces");
        requireUnshare(CloneFlag.NEWNS, CloneFlag.NEWNET, CloneFlag.NEWIPC, CloneFlag.NEWPID);
        // with CLONE_NEWPID the program itself stays put; its children go into the new namespace
        String links = "readlink /proc/self/ns/mnt /proc/self/ns/net /proc/self/ns/ipc"
                + " /proc/self/ns/pid_for_children";
        List<String> before = List.of(output(local(), sh(links)).stdout().split("\n"));
        List<String> after = List.of(output(local(), sh(links).unshare(CloneFlag.NEWNS, CloneFlag.NEWNET,
                CloneFlag.NEWIPC, CloneFlag.NEWPID)).stdout().split("\n"));
        assertThat(before).hasSize(4);
        assertThat(after).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(after.get(i)).as("namespace %d", i).isNotEqualTo(before.get(i));
        }
    }

    @Test
    @RuleId("NS3")
    @DisplayName("a new mount namespace is private by default: the program's mounts do not appear outside")
    default void mountNamespacePrivateByDefault() throws Exception {
        try (SharedMountDir d = SharedMountDir.create(this)) {
            assertThat(d.seenOutside(this, sh -> sh.unshare(CloneFlag.NEWNS)))
                    .as("a tmpfs mounted after unshare(NEWNS) shows in the JVM's /proc/self/mounts").isFalse();
        }
    }

    @Test
    @RuleId("NS4")
    @DisplayName("the mount propagation of a new mount namespace can be chosen: shared and unchanged let mounts out")
    default void mountNamespacePropagationChosen() throws Exception {
        try (SharedMountDir d = SharedMountDir.create(this)) {
            for (MountPropagation p : MountPropagation.values()) {
                boolean outside = p == MountPropagation.SHARED || p == MountPropagation.UNCHANGED;
                assertThat(d.seenOutside(this, sh -> sh.unshare(p, CloneFlag.NEWNS)))
                        .as("propagation %s: the program's mount seen outside", p).isEqualTo(outside);
            }
        }
    }

    @Test
    @RuleId("NS5")
    @DisplayName("a mount propagation without a new mount namespace is refused")
    default void propagationNeedsNewns() {
        assertThatThrownBy(() -> sh("true").unshare(MountPropagation.SHARED, CloneFlag.NEWUTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NEWNS")
                .hasMessageContaining("shared");
        CountingSyscallInterface counting = new CountingSyscallInterface(local().sysif());
        Task t = countingTask(counting);
        assertThatThrownBy(() -> t.mount(null, "", null, Mount.MS_PRIVATE, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target");
        assertThatThrownBy(() -> t.mount("a\0b", "/", null, 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source");
        assertThatThrownBy(() -> t.umount2("/", 0x100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("umount2");
        assertThat(counting.count()).as("syscalls made").isZero();
    }

    @Test
    @RuleId("NS6")
    @DisplayName("a user namespace maps the child to uid 0 inside (skipped where not permitted)")
    default void userNamespace() {
        requireUnshare(CloneFlag.NEWUSER);
        Output o = output(local(), sh("id -u; id -g").userNamespace(0, 0));
        assertThat(o.stdout()).isEqualTo("0\n0\n");
    }

    @Test
    @RuleId("NS7")
    @DisplayName("a driven child sets no_new_privs and reads it back; the JVM's own stays unset")
    default void noNewPrivsInDrivenChild() {
        ChildTask c = child();
        assertThat(c.call(Prctl.getNoNewPrivs())).isFalse();
        c.call(Prctl.setNoNewPrivs());
        assertThat(c.call(Prctl.getNoNewPrivs())).isTrue();
        assertThat(local().call(Prctl.getNoNewPrivs())).as("the JVM's").isFalse();
        c.exitGroup(0);
        assertThat(c.childProcess().waitForExit().isCleanExit()).isTrue();
    }

    @Test
    @RuleId("NS8")
    @DisplayName("a spawned program started with the no_new_privs step shows NoNewPrivs: 1, kept over execve")
    default void noNewPrivsSpawnStep() {
        Output o = output(local(), Spawn.of(Command.of("/bin/cat", "/proc/self/status")).step(Prctl.setNoNewPrivs()));
        assertThat(o.stdout()).contains("NoNewPrivs:\t1\n");
        assertThat(o.state().isCleanExit()).isTrue();
    }

    @Test
    @RuleId("NS9")
    @DisplayName("setresuid and setresgid to one's own ids succeed without privilege")
    default void setresToOwnIds() {
        ChildTask c = child();
        int uid = c.getuid();
        int gid = c.call(Unistd.getgid());
        c.call(Unistd.setresgid(gid));
        c.call(Unistd.setresuid(uid));
        c.call(Unistd.setresuid(-1, uid, -1));
        assertThat(c.getuid()).isEqualTo(uid);
        c.exitGroup(0);
        c.childProcess().waitForExit();
    }

    @Test
    @RuleId("NS10")
    @DisplayName("without privilege setgroups fails with EPERM, a typed ErrnoException naming the call")
    default void setgroupsUnprivileged() {
        ChildTask c = child();
        try {
            if (c.getuid() == 0) {
                // root loses CAP_SETGID with its uids: that is the unprivileged case on every machine
                c.call(Unistd.setresuid(65534));
            }
            assertThatThrownBy(() -> c.call(Unistd.setgroups()))
                    .isInstanceOfSatisfying(ErrnoException.class, e -> {
                        assertThat(e.errno()).isEqualTo(Errno.EPERM);
                        assertThat(e.syscall()).isEqualTo("setgroups");
                    });
            assertThatThrownBy(() -> c.call(Unistd.setresuid(0))).isInstanceOf(ErrnoException.class)
                    .hasMessageContaining("setresuid").hasMessageContaining("EPERM");
        } finally {
            c.exitGroup(0);
            c.childProcess().waitForExit();
        }
    }

    @Test
    @RuleId("NS11")
    @DisplayName("in a user namespace the child, uid 0 inside, may setresgid(0) and setresuid(0) (skipped where"
            + " not permitted)")
    default void setresInUserNamespace() {
        requireUnshare(CloneFlag.NEWUSER);
        Output o = output(local(), sh("id -u; id -g").userNamespace(0, 0).step(Unistd.setresgid(0))
                .step(Unistd.setresuid(0, 0, 0)));
        assertThat(o.stdout()).isEqualTo("0\n0\n");
        assertThat(o.state().isCleanExit()).isTrue();
    }

    @Test
    @RuleId("NS12")
    @DisplayName("the new set-up definitions refuse bad ids before any syscall")
    default void credentialDefinitionsRefuseBadIds() {
        assertThatThrownBy(() -> Unistd.setresuid(-2, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Unistd.setresgid(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Unistd.setgroups(1, -3)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Unistd.setgroups(5, 6).toString()).contains("setgroups").contains("[5,6]");
    }

    @Test
    @RuleId("NS13")
    @DisplayName("a refused unshare changes nothing: NEWUSER|NEWUTS|VM in a child sharing memory is EINVAL,"
            + " and the child keeps its user namespace")
    default void refusedUnshareChangesNothing() {
        // The driven child shares the JVM's memory, so unshare(CLONE_VM) is always EINVAL; the kernel checks
        // that before creating any namespace, which needs no privilege to observe on any machine.
        ChildTask probe = child();
        try {
            int uid = probe.getuid();
            assertThatThrownBy(() -> probe.unshare(Set.of(CloneFlag.NEWUSER, CloneFlag.NEWUTS, CloneFlag.VM)))
                    .isInstanceOfSatisfying(ErrnoException.class,
                            e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
            assertThat(probe.getuid()).as("uid after the refused unshare (65534 in a new user namespace)")
                    .isEqualTo(uid);
        } finally {
            probe.exitGroup(0);
            probe.childProcess().waitForExit();
        }
    }

    /**
     * Aborts the test, with the kernel's reason, where this process may not unshare {@code kinds}: a probe child
     * tries it first and exits.
     */
    private void requireUnshare(CloneFlag... kinds) {
        ChildTask probe = child();
        try {
            probe.unshare(Set.of(kinds));
        } catch (ErrnoException e) {
            org.junit.jupiter.api.Assumptions.abort("unshare(" + java.util.Arrays.stream(kinds)
                    .map(k -> "CLONE_" + k).collect(java.util.stream.Collectors.joining("|"))
                    + ") is not permitted here: " + e.getMessage());
        } finally {
            probe.exitGroup(0);
            probe.childProcess().waitForExit();
        }
    }
}
