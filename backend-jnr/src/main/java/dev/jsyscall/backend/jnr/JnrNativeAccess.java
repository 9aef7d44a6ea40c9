// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.jnr;

import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallContextCache;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.HeapInvocationBuffer;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.Type;
import dev.jsyscall.backend.jnr.internal.LibC;
import dev.jsyscall.spi.BackendUnavailableException;
import dev.jsyscall.spi.NativeAccess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;
import jnr.ffi.Runtime;

/**
 * {@link NativeAccess} on jnr-ffi and jffi, the native layer under {@link JnrProvider}.
 *
 * <pre>{@code
 * NativeAccess access = new JnrNativeAccess();
 * long pid = access.libcSyscall(Syscall.GETPID.number(Arch.current()), 0, 0, 0, 0, 0, 0);
 * }</pre>
 *
 * @since 0.1
 */
public final class JnrNativeAccess implements NativeAccess {
    private final LibC libc;
    private final Runtime runtime;
    private final Invoker invoker;
    private final CallContext sevenLongs;
    private final CallContext sixLongs;
    private final MemoryIO memory;

    /**
     * Loads jffi's native stub and binds libc.
     *
     * @throws BackendUnavailableException saying what to fix if jffi's native library or libc does not load
     */
    public JnrNativeAccess() {
        try {
            libc = LibraryLoader.create(LibC.class).load(Platform.getNativePlatform().getStandardCLibraryName());
            runtime = Runtime.getRuntime(libc);
            invoker = Invoker.getInstance();
            Type[] params = new Type[7];
            Arrays.fill(params, Type.SINT64);
            // saveErrno=false: the bound functions are the blob's stubs, which return -errno themselves and never
            // touch errno, so saving it after each call would be wasted work.
            sevenLongs = CallContextCache.getInstance()
                    .getCallContext(Type.SINT64, params, CallingConvention.DEFAULT, false);
            sixLongs = CallContextCache.getInstance()
                    .getCallContext(Type.SINT64, Arrays.copyOf(params, 6), CallingConvention.DEFAULT, false);
            memory = MemoryIO.getInstance();
        } catch (LinkageError e) {
            throw new BackendUnavailableException(explain(e), e);
        }
    }

    /**
     * jnr-ffi wraps its failures in "could not load FFI provider" and puts the real one, stringified, in a nested
     * message; dig it out, then say what fixes it.
     */
    private static String explain(LinkageError e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null && messages.size() < 8; t = t.getCause()) {
            messages.add(String.valueOf(t).lines().findFirst().orElse(""));
        }
        String what = String.join(" <- ", messages);
        if (what.contains("Illegal native access")) {
            // JDK 24+ under --illegal-native-access=deny: jffi's System.load of its stub is refused
            Module jffi = CallContext.class.getModule();
            return "native access is denied to jffi (" + what + "): run java with --enable-native-access="
                    + (jffi.isNamed() ? jffi.getName() : "ALL-UNNAMED");
        }
        if (what.contains("org/objectweb/asm")) {
            // on the module path nothing requires ASM's explicit modules, so they are not resolved
            return "jnr-ffi cannot see its ASM dependency (" + what + "): on the module path add"
                    + " --add-modules ALL-MODULE-PATH (or the org.objectweb.asm modules); on the class path add"
                    + " org.ow2.asm:asm, asm-commons, asm-analysis, asm-tree and asm-util";
        }
        if (e instanceof NoClassDefFoundError && !what.contains("Could not initialize class")) {
            return "jnr-ffi's classes are missing (" + what + "): add com.github.jnr:jnr-ffi and its dependencies";
        }
        // jffi extracts its stub library from its -native jar to a temporary directory and loads it from there
        return "jffi's native library did not load (" + what + "): put com.github.jnr:jffi:native on the class"
                + " path (it holds the stub for linux-" + System.getProperty("os.arch") + "); if it is there, set"
                + " -Djffi.extract.dir to a writable directory on a file system not mounted noexec";
    }

    @Override
    public long libcSyscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        long r = libc.syscall(nr, a0, a1, a2, a3, a4, a5);
        // libc turns every kernel result in [-4095, -1] into -1 + errno, so -1 here is always an error.
        return r == -1 ? -runtime.getLastError() : r;
    }

    @Override
    public NativeFunction bind(long address) {
        if (address == 0) {
            throw new IllegalArgumentException("address must not be 0 (NULL)");
        }
        // jffi's fast paths (invokeN0..invokeN6) stop at six arguments; seven go through a heap buffer that the
        // native side copies into the libffi call. The buffer is per call: it is not safe to share across threads.
        return (a0, a1, a2, a3, a4, a5, a6) -> {
            HeapInvocationBuffer buffer = new HeapInvocationBuffer(sevenLongs);
            buffer.putLong(a0);
            buffer.putLong(a1);
            buffer.putLong(a2);
            buffer.putLong(a3);
            buffer.putLong(a4);
            buffer.putLong(a5);
            buffer.putLong(a6);
            return invoker.invokeLong(sevenLongs, address, buffer);
        };
    }

    /** jffi's fast path: six longs go to the native side in registers, with no buffer to allocate and fill. */
    @Override
    public NativeFunction6 bind6(long address) {
        if (address == 0) {
            throw new IllegalArgumentException("address must not be 0 (NULL)");
        }
        return (a0, a1, a2, a3, a4, a5) -> invoker.invokeN6(sixLongs, address, a0, a1, a2, a3, a4, a5);
    }

    @Override
    public void read(long address, byte[] dst, int off, int len) {
        Objects.requireNonNull(dst, "dst");
        Objects.checkFromIndexSize(off, len, dst.length);
        memory.getByteArray(address, dst, off, len);
    }

    @Override
    public void write(long address, byte[] src, int off, int len) {
        Objects.requireNonNull(src, "src");
        Objects.checkFromIndexSize(off, len, src.length);
        memory.putByteArray(address, src, off, len);
    }

    @Override
    public String toString() {
        return "jnr native access";
    }
}
