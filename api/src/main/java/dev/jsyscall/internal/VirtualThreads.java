package dev.jsyscall.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** Internal, unstable: whether the current thread is virtual, on a Java 17 baseline (Java 21 added them). */
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
}
