// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.ffm;

import dev.jsyscall.spi.BackendUnavailableException;
import dev.jsyscall.spi.NativeAccess;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Objects;

/**
 * {@link NativeAccess} on the Foreign Function and Memory API, the native layer under {@link FfmProvider}.
 *
 * <pre>{@code
 * NativeAccess access = new FfmNativeAccess();
 * long pid = access.libcSyscall(Syscall.GETPID.number(Arch.current()), 0, 0, 0, 0, 0, 0);
 * }</pre>
 *
 * <p>Needs native access: {@code --enable-native-access=dev.jsyscall.backend.ffm} ({@code ALL-UNNAMED} on the
 * class path). Without it, Java 22-25 print a warning at the first restricted call and go on; only under
 * {@code --illegal-native-access=deny} (or a later JDK's default) does the constructor fail.
 *
 * @since 0.1
 */
public final class FfmNativeAccess implements NativeAccess {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final FunctionDescriptor SEVEN_LONGS =
            FunctionDescriptor.of(LONG, LONG, LONG, LONG, LONG, LONG, LONG, LONG);
    private static final FunctionDescriptor SIX_LONGS = FunctionDescriptor.of(LONG, LONG, LONG, LONG, LONG, LONG, LONG);

    /** For a failed call only: built at the first, as linking and VarHandles cost start-up time. */
    private static final class CallState {
        static final StructLayout LAYOUT = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

        private CallState() {
        }
    }

    private final Linker linker = Linker.nativeLinker();
    /** libc's {@code syscall}, the symbol both handles below call. */
    private final MemorySegment syscallSymbol;
    /**
     * {@code long syscall(long number, ...)} with the same descriptor and no options, so the same downcall stub, as
     * the blob's functions ({@link #bind}): a JVM's first downcall stub costs tens of ms of its start-up (the CLI's),
     * each further shape 12-25 ms more. No {@code firstVariadicArg}: on x86-64 the JDK passes the count of vector
     * registers in {@code %al} on every downcall, which is all a variadic callee needs, and AArch64 Linux passes
     * variadic integers as fixed ones; glibc's and musl's {@code syscall} only move registers.
     */
    private final MethodHandle syscall;
    /** {@link #syscall} capturing errno, linked at the first failed call only (see {@link #libcSyscall}). */
    private volatile MethodHandle syscallWithErrno;
    /**
     * All of the address space as one segment: reads and writes are then bounds-checked copies at an offset, with
     * no segment made per call, and the one restricted call happens here, where a denial is reported as the
     * backend being unavailable rather than at some later read.
     */
    private final MemorySegment everything;

    /**
     * Links libc's {@code syscall}.
     *
     * @throws BackendUnavailableException saying what to fix if native access is denied or libc lacks the symbol
     */
    // restricted: calling native code and seeing all memory is this class's job; native access is granted to the
    // module on the command line, and a denial is turned into BackendUnavailableException below
    @SuppressWarnings("restricted")
    public FfmNativeAccess() {
        Module module = FfmNativeAccess.class.getModule();
        try {
            MemorySegment symbol = linker.defaultLookup().find("syscall").orElseThrow(() ->
                    new BackendUnavailableException("the C library has no 'syscall' function (is this glibc or"
                            + " musl Linux?)"));
            syscallSymbol = symbol;
            syscall = linker.downcallHandle(symbol, SEVEN_LONGS);
            everything = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
        } catch (IllegalCallerException e) {
            String who = module.isNamed() ? "module " + module.getName() : "the class path";
            String flag = module.isNamed() ? module.getName() : "ALL-UNNAMED";
            throw new BackendUnavailableException("native access is denied to " + who
                    + ": run java with --enable-native-access=" + flag, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A call that fails is made a second time through a handle that captures errno, and that call's result is
     * returned: errno cannot be read after the first (the JVM may overwrite it before any Java code runs), and the
     * capturing handle is a downcall shape of its own, worth linking only when something failed. The calls made
     * here (mapping the blob, the availability probes) give the same answer when repeated.
     */
    @Override
    public long libcSyscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        long r;
        try {
            r = (long) syscall.invokeExact((long) nr, a0, a1, a2, a3, a4, a5);
        } catch (Throwable t) {
            throw unchecked(t);
        }
        // libc turns every kernel result in [-4095, -1] into -1 + errno, so -1 here is always an error
        return r == -1 ? withErrno(nr, a0, a1, a2, a3, a4, a5) : r;
    }

    @SuppressWarnings("restricted") // as in the constructor
    private long withErrno(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        MethodHandle h = syscallWithErrno;
        if (h == null) {
            // errno is captured right after the call, before the JVM can run anything that overwrites it
            h = linker.downcallHandle(syscallSymbol, SEVEN_LONGS,
                    Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
            syscallWithErrno = h;
        }
        // rare (bootstrap failures and probes), so a fresh confined arena per call is cheap enough and thread-safe
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CallState.LAYOUT);
            long r = (long) h.invokeExact(state, (long) nr, a0, a1, a2, a3, a4, a5);
            return r == -1 ? -(int) CallState.ERRNO.get(state, 0L) : r;
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    @Override
    @SuppressWarnings("restricted") // as in the constructor: binding native code is the point
    public NativeFunction bind(long address) {
        if (address == 0) {
            throw new IllegalArgumentException("address must not be 0 (NULL)");
        }
        // Not Linker.Option.critical: a critical call stays in Java thread state and holds off safepoints (and so
        // GC for every thread) until it returns, which is only fine for calls that are short. The bound functions
        // are the blob's stubs, and the raw-syscall stub runs any syscall, blocking ones included (read on a
        // driven child's pipe, waitid) that may wait for as long as a child likes.
        MethodHandle handle = linker.downcallHandle(MemorySegment.ofAddress(address), SEVEN_LONGS);
        return (a0, a1, a2, a3, a4, a5, a6) -> {
            try {
                return (long) handle.invokeExact(a0, a1, a2, a3, a4, a5, a6);
            } catch (Throwable t) {
                throw unchecked(t);
            }
        };
    }

    /** A downcall of exactly six longs, so that no zero seventh argument is passed for nothing. */
    @Override
    @SuppressWarnings("restricted") // as in bind
    public NativeFunction6 bind6(long address) {
        if (address == 0) {
            throw new IllegalArgumentException("address must not be 0 (NULL)");
        }
        MethodHandle handle = linker.downcallHandle(MemorySegment.ofAddress(address), SIX_LONGS);
        return (a0, a1, a2, a3, a4, a5) -> {
            try {
                return (long) handle.invokeExact(a0, a1, a2, a3, a4, a5);
            } catch (Throwable t) {
                throw unchecked(t);
            }
        };
    }

    @Override
    public void read(long address, byte[] dst, int off, int len) {
        Objects.requireNonNull(dst, "dst");
        Objects.checkFromIndexSize(off, len, dst.length);
        MemorySegment.copy(everything, ValueLayout.JAVA_BYTE, address, dst, off, len);
    }

    @Override
    public void write(long address, byte[] src, int off, int len) {
        Objects.requireNonNull(src, "src");
        Objects.checkFromIndexSize(off, len, src.length);
        MemorySegment.copy(src, off, everything, ValueLayout.JAVA_BYTE, address, len);
    }

    /** Downcall handles declare Throwable but throw only unchecked exceptions; keep those as they are. */
    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new UndeclaredThrowableException(t);
    }

    @Override
    public String toString() {
        return "ffm native access";
    }
}
