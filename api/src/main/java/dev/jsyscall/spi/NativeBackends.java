// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi;

import dev.jsyscall.internal.Blob;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.mman.Mman;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a complete real-kernel {@link SyscallBackend} from the four operations of a {@link NativeAccess}: it
 * maps jsyscall's machine-code blob (raw-syscall stub, clone stub, syscall server) into this process and routes
 * syscalls through it. Written once here so that every native backend behaves the same.
 *
 * <pre>{@code
 * public SyscallBackend open() {
 *     return NativeBackends.open("mine", new MyNativeAccess(), capabilities());
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class NativeBackends {
    private NativeBackends() {
    }

    /**
     * Maps the blob and returns the backend.
     *
     * @param id the backend's id
     * @param access the native access, loaded
     * @param capabilities what the backend can do
     * @return the backend
     * @throws BackendUnavailableException if the blob cannot be mapped (the errno is in the message)
     */
    public static SyscallBackend open(String id, NativeAccess access, Set<Capability> capabilities) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(access, "access");
        Arch arch = Arch.current();
        Blob blob = Blob.forArch(arch);
        long base = place(access, arch, blob.code());
        return new NativeBackend(id, arch, access, base, blob, capabilities);
    }

    /**
     * Copies the code into fresh memory that is then made executable and never writable again. On aarch64 the
     * bytes go through a memfd that is mapped executable, so the instruction cache sees them without an explicit
     * cache flush (which user space cannot do portably from Java).
     */
    private static long place(NativeAccess access, Arch arch, byte[] code) {
        long length = (code.length + Mman.PAGE_SIZE - 1) & -Mman.PAGE_SIZE;
        if (arch == Arch.X86_64) {
            long addr = check(access.libcSyscall(Syscall.MMAP.number(arch), 0, length,
                    Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0), "mmap");
            access.write(addr, code, 0, code.length);
            check(access.libcSyscall(Syscall.MPROTECT.number(arch), addr, length, Mman.PROT_READ | Mman.PROT_EXEC,
                    0, 0, 0), "mprotect");
            return addr;
        }
        long scratch = check(access.libcSyscall(Syscall.MMAP.number(arch), 0, length + Mman.PAGE_SIZE,
                Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0), "mmap");
        try {
            byte[] name = "jsyscall-blob\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            access.write(scratch, name, 0, name.length);
            long fd = check(access.libcSyscall(Syscall.MEMFD_CREATE.number(arch), scratch, 1 /* MFD_CLOEXEC */,
                    0, 0, 0, 0), "memfd_create");
            try {
                access.write(scratch + Mman.PAGE_SIZE, code, 0, code.length);
                long written = check(access.libcSyscall(Syscall.WRITE.number(arch), fd, scratch + Mman.PAGE_SIZE,
                        code.length, 0, 0, 0), "write");
                if (written != code.length) {
                    throw new BackendUnavailableException("short write of the blob to its memfd: " + written);
                }
                return check(access.libcSyscall(Syscall.MMAP.number(arch), 0, length,
                        Mman.PROT_READ | Mman.PROT_EXEC, Mman.MAP_PRIVATE, fd, 0), "mmap");
            } finally {
                access.libcSyscall(Syscall.CLOSE.number(arch), fd, 0, 0, 0, 0, 0);
            }
        } finally {
            access.libcSyscall(Syscall.MUNMAP.number(arch), scratch, length + Mman.PAGE_SIZE, 0, 0, 0, 0);
        }
    }

    private static long check(long r, String what) {
        if (ErrnoException.isError(r)) {
            throw new BackendUnavailableException("could not place jsyscall's machine code: " + what + " failed",
                    ErrnoException.of((int) -r, what));
        }
        return r;
    }

    private static final class NativeBackend implements SyscallBackend {
        private final String id;
        private final Arch arch;
        private final NativeAccess access;
        private final long serverEntry;
        private final Set<Capability> capabilities;
        private final SyscallInterface local;

        NativeBackend(String id, Arch arch, NativeAccess access, long base, Blob blob, Set<Capability> caps) {
            this.id = id;
            this.arch = arch;
            this.access = access;
            this.serverEntry = base + blob.serverOffset();
            this.capabilities = caps.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(caps));
            NativeAccess.NativeFunction raw = access.bind(base + blob.rawSyscallOffset());
            NativeAccess.NativeFunction6 raw5 = access.bind6(base + blob.rawSyscall5Offset());
            NativeAccess.NativeFunction cloneStub = access.bind(base + blob.cloneOffset());
            NativeAccess.NativeFunction clone3Stub = access.bind(base + blob.clone3Offset());
            int cloneNr = Syscall.CLONE.number(arch);
            int clone3Nr = Syscall.CLONE3.number(arch);
            String description = id + " local";
            this.local = new SyscallInterface() {
                @Override
                public long syscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
                    // a raw clone from a JVM thread must block all signals around the syscall and send the child
                    // straight to the address on its new stack: the clone stub does both
                    if (nr == cloneNr) {
                        return cloneStub.invoke(a0, a1, a2, a3, a4, 0, 0);
                    }
                    if (nr == clone3Nr) {
                        return clone3Stub.invoke(a0, a1, 0, 0, 0, 0, 0);
                    }
                    // most syscalls have a zero sixth argument: the six-argument stub is the cheaper call
                    return a5 == 0 ? raw5.invoke(nr, a0, a1, a2, a3, a4) : raw.invoke(nr, a0, a1, a2, a3, a4, a5);
                }

                @Override
                public String describe() {
                    return description;
                }
            };
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Arch arch() {
            return arch;
        }

        @Override
        public SyscallInterface localSyscalls() {
            return local;
        }

        @Override
        public Memory localMemory() {
            return access;
        }

        @Override
        public long serverEntryPoint() {
            return serverEntry;
        }

        @Override
        public Set<Capability> capabilities() {
            return capabilities;
        }

        /**
         * Nothing to release: the blob stays mapped for the JVM's lifetime, because driven children that are still
         * running execute its server loop.
         */
        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "NativeBackend(" + id + ", " + arch.uname() + ")";
        }
    }
}
