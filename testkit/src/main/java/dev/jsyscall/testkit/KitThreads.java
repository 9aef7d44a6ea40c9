// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Threads for the kit's tests: virtual ones where the JDK has them, and clean stops. Internal to the kit. */
final class KitThreads {
    /** Why the thread tests need a real kernel. */
    static final String SIMULATED = "the simulated kernel is deterministic because its blocking calls"
            + " run on the caller's thread, with no other thread waiting for readiness";

    private KitThreads() {
    }

    /**
     * A virtual-thread-per-task executor, or a skip on Java 17-20; found reflectively because the testkit is
     * compiled for Java 17.
     */
    static ExecutorService virtualThreads() {
        java.lang.reflect.Method m;
        try {
            m = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
        } catch (NoSuchMethodException e) {
            m = null;
        }
        assumeTrue(m != null, "Java " + Runtime.version().feature() + " has no virtual threads (they came in 21)");
        try {
            return (ExecutorService) m.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Enough threads to occupy every carrier of the default virtual-thread scheduler four times over. */
    static int moreThanCarriers() {
        return Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    }

    static void stop(ExecutorService pool) throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS))
                .as("the test's threads ended").isTrue();
    }

    /** What a blocked read on a spawned program's stdout ended with, run on a thread of {@code pool}. */
    static CompletableFuture<Throwable> blockedRead(
            ExecutorService pool, InputStream in,
            CountDownLatch reading, AtomicBoolean flagAfter) {
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        pool.execute(() -> {
            reading.countDown();
            try {
                int b = in.read();
                ended.complete(new AssertionError("the read returned " + b));
            } catch (Throwable t) {
                flagAfter.set(Thread.currentThread().isInterrupted());
                ended.complete(t);
            }
        });
        return ended;
    }
}
