// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The process-wide default kernel, {@link Kernel#shared()}, and the calls that use it without plumbing. It is
 * global to the JVM, so this is not part of {@link SyscallConformanceSuite} (whose after-each check would count the
 * shared kernel's fds as leaked): a backend's tests implement it in a class of their own, in a test JVM where this
 * backend is the one {@link dev.jsyscall.Backends#select()} chooses.
 *
 * <pre>{@code
 * class FfmSharedKernelTest implements SharedKernelContract {
 *     public String expectedBackendId() { return "ffm"; }
 * }
 * }</pre>
 *
 * @since 0.2
 */
public interface SharedKernelContract {
    /**
     * The id of the backend the shared kernel must use in this test JVM.
     *
     * @return the id, e.g. {@code "ffm"}
     */
    String expectedBackendId();

    @Test
    @RuleId("SK1")
    @DisplayName("Kernel.shared() opens the selected backend once: one instance for every thread")
    default void oneInstanceAcrossThreads() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Kernel>> got = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                got.add(pool.submit(() -> {
                    go.await();
                    return Kernel.shared();
                }));
            }
            go.countDown();
            Kernel first = got.get(0).get(30, TimeUnit.SECONDS);
            for (Future<Kernel> f : got) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isSameAs(first);
            }
            assertThat(first).isSameAs(Kernel.shared());
            assertThat(first.backendId()).isEqualTo(expectedBackendId());
            assertThat(first.isShared()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @RuleId("SK2")
    @DisplayName("closing the shared kernel is refused with a clear error, and it keeps working")
    default void closeRefused() {
        Kernel shared = Kernel.shared();
        assertThatThrownBy(shared::close).isInstanceOf(dev.jsyscall.MisuseException.class)
                .hasMessageContaining("Kernel.shared()").hasMessageContaining("Kernel.open()");
        assertThat(Spawn.of(Command.of("/bin/true")).run().isCleanExit()).isTrue();
    }

    @Test
    @RuleId("SK3")
    @DisplayName("a kernel of one's own is not the shared one and closes as before")
    default void ownKernelCloses() {
        try (Kernel own = Kernel.open(expectedBackendId())) {
            assertThat(own).isNotSameAs(Kernel.shared());
            assertThat(own.isShared()).isFalse();
        }
    }

    @Test
    @RuleId("SK4")
    @DisplayName("Spawn.run(), start() and output() need no kernel or task: they use the shared one")
    default void noArgumentCalls() throws Exception {
        assertThat(Spawn.of(Command.of("/bin/sh", "-c", "exit 4")).run().exitStatus()).isEqualTo(4);
        try (Spawned s = Spawn.of(Command.of("/bin/echo", "hi")).stdout(Redirect.pipe()).start()) {
            assertThat(new String(s.stdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hi\n");
            assertThat(s.waitForExit().isCleanExit()).isTrue();
            assertThat(s.process().task()).isSameAs(Kernel.shared().localTask());
        }
        assertThat(Spawn.of(Command.of("/bin/cat")).output(dev.jsyscall.Capture.defaults().input("in"))
                .check().stdoutText()).isEqualTo("in");
        assertThat(Spawn.of(Command.of("/bin/echo", "out")).output().check().stdoutText()).isEqualTo("out\n");
    }
}
