// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.jsyscall.testkit.KitSupport.sh;

import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.mount.Mount;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.spi.Capability;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh directory bind-mounted on itself and made shared in the JVM's mount namespace, as {@code /} is on
 * systemd hosts: a copy of it in a new mount namespace starts as its peer, so mounts propagate out of the
 * namespace unless the propagation is changed. Closing unmounts it (with whatever propagated onto it).
 */
final class SharedMountDir implements AutoCloseable {
    private final LocalTask local;
    private final Path dir;
    private final String sub;

    private SharedMountDir(LocalTask local, Path dir) {
        this.local = local;
        this.dir = dir;
        this.sub = dir.resolve("sub").toString();
    }

    /** Sets one up, or skips the test where mounts or mount namespaces are not permitted. */
    static SharedMountDir create(ConformanceArea area) throws IOException {
        area.requires(Capability.REAL_KERNEL, "the fake simulates neither mounts nor mount namespaces");
        LocalTask local = area.local();
        ChildTask probe = area.child();
        try {
            probe.unshare(Set.of(CloneFlag.NEWNS));
        } catch (ErrnoException e) {
            Assumptions.abort("unshare(CLONE_NEWNS) is not permitted here: " + e.getMessage());
        } finally {
            probe.exitGroup(0);
            probe.childProcess().waitForExit();
        }
        // not Files.createTempDirectory: its SecureRandom keeps /dev/random open, which the leak check reports
        Path dir = Files.createDirectory(Paths.get(System.getProperty("java.io.tmpdir"),
                "jsyscall-mnt-" + local.pid().id() + "-" + System.nanoTime()));
        Files.createDirectory(dir.resolve("sub"));
        try {
            local.mount(dir.toString(), dir.toString(), null, Mount.MS_BIND, null);
        } catch (ErrnoException e) {
            Files.delete(dir.resolve("sub"));
            Files.delete(dir);
            Assumptions.abort("mount(MS_BIND) is not permitted here: " + e.getMessage());
        }
        SharedMountDir d = new SharedMountDir(local, dir);
        try {
            local.mount(null, dir.toString(), null, Mount.MS_SHARED, null);
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    /**
     * Spawns a program in a new mount namespace ({@code unshare} adds the step) whose set-up mounts a tmpfs on
     * {@code sub}, and says whether the JVM's {@code /proc/self/mounts} shows that tmpfs while the program
     * runs (it blocks on its stdin until then). A mount that got out is unmounted again.
     */
    boolean seenOutside(ConformanceArea area, UnaryOperator<Spawn> unshare) throws IOException {
        Spawn spawn = unshare.apply(sh("grep -c ' " + sub + " ' /proc/self/mounts; read x || true"))
                .then("mount tmpfs on " + sub, c -> c.mount("jsyscall-test", sub, "tmpfs", 0, null))
                .stdin(Redirect.pipe()).stdout(Redirect.pipe());
        boolean outside;
        try (Spawned s = spawn.start(area.local())) {
            BufferedReader out = new BufferedReader(new InputStreamReader(s.stdout(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).as("mounts on %s the program sees", sub).isEqualTo("1");
            outside = Files.readAllLines(Paths.get("/proc/self/mounts")).stream()
                    .anyMatch(l -> l.contains(" " + sub + " "));
            s.stdin().close();
            assertThat(s.waitForExit().isCleanExit()).isTrue();
        }
        if (outside) {
            local.umount2(sub, Mount.MNT_DETACH);
        }
        return outside;
    }

    @Override
    public void close() throws IOException {
        try {
            local.umount2(dir.toString(), Mount.MNT_DETACH);
        } finally {
            Files.deleteIfExists(dir.resolve("sub"));
            Files.deleteIfExists(dir);
        }
    }
}
