// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Internal, unstable: whether the current thread is virtual, and an executor of a thread per task, on a Java 17
 * baseline (Java 21 added virtual threads).
 */
public final class VirtualThreads {
    /** {@code Thread.isVirtual()}, or null before Java 21 (no thread is virtual there). */
    private static final MethodHandle IS_VIRTUAL = find();

    private VirtualThreads() {
    }

    private static MethodHandle find() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    /** Whether the calling thread is a virtual thread. */
    public static boolean current() {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
        } catch (Throwable t) {
            throw new AssertionError("Thread.isVirtual() failed", t);
        }
    }

    /**
     * An executor that runs each task on a thread of its own, so that one task that blocks delays no other: virtual
     * threads from Java 21, daemon platform threads (reused when idle) before. Its threads are named {@code name}.
     */
    public static java.util.concurrent.Executor perTask(String name) {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            builder = ofVirtual.getMethod("name", String.class).invoke(builder, name);
            java.util.concurrent.ThreadFactory factory = (java.util.concurrent.ThreadFactory) Class.forName(
                    "java.lang.Thread$Builder").getMethod("factory").invoke(builder);
            return (java.util.concurrent.Executor) java.util.concurrent.Executors.class
                    .getMethod("newThreadPerTaskExecutor", java.util.concurrent.ThreadFactory.class)
                    .invoke(null, factory);
        } catch (ReflectiveOperationException beforeJava21) {
            return java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }
    }
}
