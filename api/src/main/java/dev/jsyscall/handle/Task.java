package dev.jsyscall.handle;

import dev.jsyscall.far.AddressSpace;
import dev.jsyscall.far.FdTable;
import dev.jsyscall.far.PidNamespace;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.resource.Resource;
import dev.jsyscall.linux.resource.Rlimit;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.linux.signal.SigSet;
import dev.jsyscall.linux.signal.SigprocmaskHow;
import dev.jsyscall.near.Address;
import dev.jsyscall.near.MemoryMapping;
import dev.jsyscall.near.Pid;
import dev.jsyscall.spi.SyscallInterface;
import dev.jsyscall.struct.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;

/**
 * A process we can make syscalls in, with typed wrappers for them and an allocator for its address space.
 * Every syscall is a method on the object it acts on: here those that act on the process itself; see also
 * {@link Process}, {@link ChildProcess}, {@link FileDescriptor}.
 *
 * <pre>{@code
 * Task task = kernel.localTask();
 * int pid = task.getpid();
 * try (Pipe p = task.pipe2(Fcntl.O_CLOEXEC)) { ... }
 * }</pre>
 *
 * @since 0.1
 */
public class Task extends ProcessTask {
    private final MemoryAllocator allocator;

    /** A task for the process {@code pid}; {@code allocator} serves its address space. */
    public Task(SyscallInterface sysif, Pid pid, FdTable fdTable, AddressSpace addressSpace,
                PidNamespace pidNamespace, Arch arch, MemoryAllocator allocator) {
        super(sysif, pid, fdTable, addressSpace, pidNamespace, arch);
        this.allocator = allocatorFor(addressSpace, allocator);
    }

    /** A task for {@code process}, whose task becomes the parent task. */
    public Task(SyscallInterface sysif, Process process, FdTable fdTable, AddressSpace addressSpace,
                PidNamespace pidNamespace, Arch arch, MemoryAllocator allocator) {
        super(sysif, process, fdTable, addressSpace, pidNamespace, arch);
        this.allocator = allocatorFor(addressSpace, allocator);
    }

    private static MemoryAllocator allocatorFor(AddressSpace space, MemoryAllocator allocator) {
        Objects.requireNonNull(allocator, "allocator");
        if (allocator.addressSpace() != space) {
            throw new dev.jsyscall.far.AddressSpaceMismatchException("the allocator serves "
                    + allocator.addressSpace() + " but the task runs in " + space);
        }
        return allocator;
    }

    /** Allocates memory in this task's address space. */
    public MemoryAllocator allocator() {
        return allocator;
    }

    /** Raw syscall by enum; the result is still in the kernel convention. */
    protected final long raw(Syscall s, long a0, long a1, long a2, long a3, long a4, long a5) {
        return sysif().syscall(s.number(arch()), a0, a1, a2, a3, a4, a5);
    }

    /** {@code getpid()}, asked of the kernel (not the cached {@link #pid()}). */
    public int getpid() {
        return (int) ErrnoException.check(raw(Syscall.GETPID, 0, 0, 0, 0, 0, 0), Syscall.GETPID);
    }

    /** {@code getppid()}. */
    public int getppid() {
        return (int) ErrnoException.check(raw(Syscall.GETPPID, 0, 0, 0, 0, 0, 0), Syscall.GETPPID);
    }

    /** {@code setsid()}: makes this process a session and group leader; returns the session id. */
    public int setsid() {
        return (int) ErrnoException.check(raw(Syscall.SETSID, 0, 0, 0, 0, 0, 0), Syscall.SETSID,
                "pid=" + pid().id());
    }

    /** {@code getsid(0)}: this process's session id. */
    public int getsid() {
        return (int) ErrnoException.check(raw(Syscall.GETSID, 0, 0, 0, 0, 0, 0), Syscall.GETSID, "pid=0");
    }

    /** A handle for an fd number already open in this task (0, 1, 2, or one inherited); closing it closes it. */
    public FileDescriptor fd(int number) {
        return new FileDescriptor(this, number);
    }

    /** {@code pipe2(fds, flags)}; flags 0, {@code O_CLOEXEC}, {@code O_NONBLOCK}, {@code O_DIRECT}. */
    public Pipe pipe2(int flags) {
        Pointer<Long> fds = allocator.allocate(Bytes.LONG);
        try {
            try (Pointer<Long>.Borrow b = fds.borrow(this)) {
                ErrnoException.check(raw(Syscall.PIPE2, b.address(), flags, 0, 0, 0, 0), Syscall.PIPE2,
                        "flags=0" + Integer.toOctalString(flags));
            }
            long both = fds.read();
            return new Pipe(new FileDescriptor(this, (int) both), new FileDescriptor(this, (int) (both >>> 32)));
        } finally {
            fds.free();
        }
    }

    /** {@code chdir(path)}. */
    public void chdir(String path) {
        Objects.requireNonNull(path, "path");
        WrittenPointer<byte[]> p = allocator.write(Bytes.RAW, cString(path, "path"));
        try (Pointer<byte[]>.Borrow b = p.borrow(this)) {
            ErrnoException.check(raw(Syscall.CHDIR, b.address(), 0, 0, 0, 0, 0), Syscall.CHDIR, "path=" + path);
        } finally {
            p.free();
        }
    }

    /** {@code getcwd()}: the current working directory. */
    public String getcwd() {
        Pointer<byte[]> p = allocator.allocateBytes(4096);
        try {
            long n;
            try (Pointer<byte[]>.Borrow b = p.borrow(this)) {
                n = ErrnoException.check(raw(Syscall.GETCWD, b.address(), 4096, 0, 0, 0, 0), Syscall.GETCWD);
            }
            // the raw syscall returns the length including the terminating NUL
            return new String(p.read(), 0, (int) n - 1, StandardCharsets.UTF_8);
        } finally {
            p.free();
        }
    }

    /** {@code mmap(NULL, length, prot, flags, -1, 0)}: anonymous memory. */
    public MemoryMapping mmap(long length, int prot, int flags) {
        if (length <= 0) {
            throw new IllegalArgumentException("mmap length must be positive, was " + length);
        }
        long r = ErrnoException.check(raw(Syscall.MMAP, 0, length, prot, flags, -1, 0), Syscall.MMAP,
                "length=" + length, "prot=" + prot, "flags=0x" + Integer.toHexString(flags));
        return new MemoryMapping(new Address(r), length);
    }

    /** {@code munmap(addr, length)}. */
    public void munmap(MemoryMapping mapping) {
        ErrnoException.check(raw(Syscall.MUNMAP, mapping.address().value(), mapping.length(), 0, 0, 0, 0),
                Syscall.MUNMAP, mapping);
    }

    /** {@code mprotect(addr, length, prot)}. */
    public void mprotect(MemoryMapping mapping, int prot) {
        ErrnoException.check(raw(Syscall.MPROTECT, mapping.address().value(), mapping.length(), prot, 0, 0, 0),
                Syscall.MPROTECT, mapping, "prot=" + prot);
    }

    /** {@code rt_sigprocmask(how, set, &old, 8)}: changes the signal mask and returns the previous one. */
    public SigSet rtSigprocmask(SigprocmaskHow how, SigSet set) {
        Objects.requireNonNull(how, "how");
        Objects.requireNonNull(set, "set");
        WrittenPointer<SigSet> newSet = allocator.write(SigSet.CODEC, set);
        Pointer<SigSet> old = allocator.allocate(SigSet.CODEC);
        try {
            try (Pointer<SigSet>.Borrow n = newSet.borrow(this); Pointer<SigSet>.Borrow o = old.borrow(this)) {
                ErrnoException.check(raw(Syscall.RT_SIGPROCMASK, how.value(), n.address(), o.address(),
                        SigSet.KERNEL_SIZE, 0, 0), Syscall.RT_SIGPROCMASK, how, set);
            }
            return old.read();
        } finally {
            newSet.free();
            old.free();
        }
    }

    /** The current signal mask ({@code rt_sigprocmask(SIG_BLOCK, NULL, &old)}). */
    public SigSet sigmask() {
        Pointer<SigSet> old = allocator.allocate(SigSet.CODEC);
        try {
            try (Pointer<SigSet>.Borrow o = old.borrow(this)) {
                ErrnoException.check(raw(Syscall.RT_SIGPROCMASK, SigprocmaskHow.SIG_BLOCK.value(), 0, o.address(),
                        SigSet.KERNEL_SIZE, 0, 0), Syscall.RT_SIGPROCMASK, "SIG_BLOCK", "NULL");
            }
            return old.read();
        } finally {
            old.free();
        }
    }

    /** {@code prctl(option, arg2, arg3, arg4, arg5)} with integer arguments; returns the raw result. */
    public long prctl(int option, long arg2, long arg3, long arg4, long arg5) {
        return ErrnoException.check(raw(Syscall.PRCTL, option, arg2, arg3, arg4, arg5, 0), Syscall.PRCTL,
                "option=" + option, arg2);
    }

    /**
     * {@code prlimit64(pid, resource, new, &old)} on this process (pid 0).
     *
     * @param newLimit null to only read
     * @return the limit before the call
     */
    public Rlimit prlimit(Resource resource, Rlimit newLimit) {
        Objects.requireNonNull(resource, "resource");
        WrittenPointer<Rlimit> in = newLimit == null ? null : allocator.write(Rlimit.CODEC, newLimit);
        Pointer<Rlimit> old = allocator.allocate(Rlimit.CODEC);
        try {
            try (Pointer<Rlimit>.Borrow n = in == null ? null : in.borrow(this);
                 Pointer<Rlimit>.Borrow o = old.borrow(this)) {
                ErrnoException.check(raw(Syscall.PRLIMIT64, 0, resource.value(), n == null ? 0 : n.address(),
                        o.address(), 0, 0), Syscall.PRLIMIT64, resource, newLimit);
            }
            return old.read();
        } finally {
            if (in != null) {
                in.free();
            }
            old.free();
        }
    }

    /** {@code unshare(flags)}: leaves the namespaces or shared tables named. */
    public void unshare(Set<CloneFlag> flags) {
        ErrnoException.check(raw(Syscall.UNSHARE, CloneFlag.bits(flags), 0, 0, 0, 0, 0), Syscall.UNSHARE, flags);
    }

    /**
     * {@code mount(source, target, fstype, flags, data)}, with {@code MS_*} flags from
     * {@link dev.jsyscall.linux.mount.Mount}; a null string is passed as NULL (a propagation change, e.g.
     * {@code mount(null, "/", null, MS_REC|MS_PRIVATE, null)}, needs only the target).
     *
     * @throws IllegalArgumentException if {@code target} is empty or a string holds a NUL, before the syscall
     */
    public void mount(String source, String target, String fstype, long flags, String data) {
        MountCall m = new MountCall(source, target, fstype, flags, data);
        WrittenPointer<byte[]> p = allocator.write(Bytes.RAW, m.strings);
        try (Pointer<byte[]>.Borrow b = p.borrow(this)) {
            long[] a = m.args(b.address());
            ErrnoException.check(raw(Syscall.MOUNT, a[0], a[1], a[2], a[3], a[4], 0), Syscall.MOUNT, m.describe());
        } finally {
            p.free();
        }
    }

    /**
     * {@code umount2(target, flags)}, with {@code MNT_FORCE}, {@code MNT_DETACH}, {@code MNT_EXPIRE},
     * {@code UMOUNT_NOFOLLOW} from {@link dev.jsyscall.linux.mount.Mount}.
     *
     * @throws IllegalArgumentException for an empty target, a NUL in it or an unknown flag, before the syscall
     */
    public void umount2(String target, int flags) {
        Objects.requireNonNull(target, "target");
        if (target.isEmpty()) {
            throw new IllegalArgumentException("umount2 target must not be empty");
        }
        int known = dev.jsyscall.linux.mount.Mount.MNT_FORCE | dev.jsyscall.linux.mount.Mount.MNT_DETACH
                | dev.jsyscall.linux.mount.Mount.MNT_EXPIRE | dev.jsyscall.linux.mount.Mount.UMOUNT_NOFOLLOW;
        if ((flags & ~known) != 0) {
            throw new IllegalArgumentException("umount2 flags are MNT_FORCE, MNT_DETACH, MNT_EXPIRE and"
                    + " UMOUNT_NOFOLLOW; got 0x" + Integer.toHexString(flags));
        }
        WrittenPointer<byte[]> p = allocator.write(Bytes.RAW, cString(target, "target"));
        try (Pointer<byte[]>.Borrow b = p.borrow(this)) {
            ErrnoException.check(raw(Syscall.UMOUNT2, b.address(), flags, 0, 0, 0, 0), Syscall.UMOUNT2,
                    "target=" + target, "flags=0x" + Integer.toHexString(flags));
        } finally {
            p.free();
        }
    }

    /**
     * The arguments of one {@code mount} call, checked: its strings packed one after another (each NUL-ended) so
     * that a single buffer carries them, and each string's offset in it (-1: NULL). {@link SetupBatch} queues the
     * same call.
     */
    static final class MountCall {
        final byte[] strings;
        private final int[] offsets = new int[4];
        private final String[] values;
        private final long flags;

        MountCall(String source, String target, String fstype, long flags, String data) {
            Objects.requireNonNull(target, "target");
            if (target.isEmpty()) {
                throw new IllegalArgumentException("mount target must not be empty");
            }
            this.values = new String[] {source, target, fstype, data};
            this.flags = flags;
            String[] what = {"source", "target", "fstype", "data"};
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < 4; i++) {
                if (values[i] == null) {
                    offsets[i] = -1;
                } else {
                    offsets[i] = out.size();
                    out.writeBytes(cString(values[i], what[i]));
                }
            }
            this.strings = out.toByteArray();
        }

        /** The five syscall arguments when the strings sit at {@code base}. */
        long[] args(long base) {
            return new long[] {at(0, base), at(1, base), at(2, base), flags, at(3, base)};
        }

        /** Which syscall arguments point at a string (bit 0 source, 1 target, 2 fstype, 4 data). */
        int pointerArgs() {
            int bits = 0;
            int[] argOf = {0, 1, 2, 4};
            for (int i = 0; i < 4; i++) {
                if (offsets[i] >= 0) {
                    bits |= 1 << argOf[i];
                }
            }
            return bits;
        }

        private long at(int i, long base) {
            return offsets[i] < 0 ? 0 : base + offsets[i];
        }

        Object[] describe() {
            return new Object[] {"source=" + quoted(values[0]), "target=" + quoted(values[1]),
                "fstype=" + quoted(values[2]), "flags=" + dev.jsyscall.linux.mount.Mount.describe(flags),
                "data=" + quoted(values[3])};
        }

        private static String quoted(String s) {
            return s == null ? "NULL" : s;
        }
    }

    /**
     * {@code pidfd_open(pid, 0)}: a handle on process {@code pid} that can be signalled safely even if it is not
     * our child.
     */
    public PidfdProcess pidfdOpen(int pid) {
        Pid p = new Pid(pid);
        long fd = ErrnoException.check(raw(Syscall.PIDFD_OPEN, pid, 0, 0, 0, 0, 0), Syscall.PIDFD_OPEN,
                "pid=" + pid);
        return new PidfdProcess(this, p, new FileDescriptor(this, (int) fd));
    }

    /** {@code close_range(first, last, flags)}; flags {@code CLOSE_RANGE_CLOEXEC}, {@code CLOSE_RANGE_UNSHARE}. */
    public void closeRange(int first, int last, int flags) {
        checkCloseRange(first, last);
        ErrnoException.check(raw(Syscall.CLOSE_RANGE, first, Integer.toUnsignedLong(last), flags, 0, 0, 0),
                Syscall.CLOSE_RANGE, "first=" + first, "last=" + Integer.toUnsignedString(last), "flags=" + flags);
    }

    static void checkCloseRange(int first, int last) {
        if (first < 0 || Integer.compareUnsigned(first, last) > 0) {
            throw new IllegalArgumentException("close_range needs 0 <= first <= last (unsigned), got first=" + first
                    + ", last=" + Integer.toUnsignedString(last));
        }
    }

    /** Writes {@code text} to the file at {@code path} (which must exist) with openat/write/close. */
    public void writeFile(String path, String text) {
        WrittenPointer<byte[]> p = allocator.write(Bytes.RAW, cString(path, "path"));
        long fd;
        try (Pointer<byte[]>.Borrow b = p.borrow(this)) {
            fd = ErrnoException.check(raw(Syscall.OPENAT, dev.jsyscall.linux.fcntl.Fcntl.AT_FDCWD, b.address(),
                    dev.jsyscall.linux.fcntl.Fcntl.O_WRONLY | dev.jsyscall.linux.fcntl.Fcntl.O_CLOEXEC, 0, 0, 0),
                    Syscall.OPENAT, "path=" + path, "O_WRONLY|O_CLOEXEC");
        } finally {
            p.free();
        }
        try (FileDescriptor f = fd((int) fd)) {
            f.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The numeric entries of directory {@code path} ({@code /proc} lists pids this way), read with
     * {@code openat} and {@code getdents64}.
     */
    public java.util.List<Integer> numericEntries(String path) {
        WrittenPointer<byte[]> p = allocator.write(Bytes.RAW, cString(path, "path"));
        long fd;
        try (Pointer<byte[]>.Borrow b = p.borrow(this)) {
            fd = ErrnoException.check(raw(Syscall.OPENAT, dev.jsyscall.linux.fcntl.Fcntl.AT_FDCWD, b.address(),
                    dev.jsyscall.linux.fcntl.Fcntl.O_RDONLY | dev.jsyscall.linux.fcntl.Fcntl.O_CLOEXEC
                            | 0200000 /* O_DIRECTORY */, 0, 0, 0), Syscall.OPENAT, "path=" + path);
        } finally {
            p.free();
        }
        java.util.List<Integer> out = new java.util.ArrayList<>();
        Pointer<byte[]> buf = allocator.allocateBytes(32 * 1024);
        try (FileDescriptor dir = fd((int) fd)) {
            while (true) {
                long n;
                try (Pointer<byte[]>.Borrow b = buf.borrow(this)) {
                    n = ErrnoException.check(raw(Syscall.GETDENTS64, dir.number(this), b.address(), 32 * 1024, 0, 0, 0),
                            Syscall.GETDENTS64, "fd=" + fd);
                }
                if (n == 0) {
                    return out;
                }
                java.nio.ByteBuffer d = Bytes.le(buf.read());
                // struct linux_dirent64 { u64 ino; s64 off; u16 reclen; u8 type; char name[]; }
                for (int off = 0; off < n;) {
                    int reclen = Short.toUnsignedInt(d.getShort(off + 16));
                    int nameStart = off + 19;
                    int end = nameStart;
                    while (d.get(end) != 0) {
                        end++;
                    }
                    String name = new String(d.array(), nameStart, end - nameStart, StandardCharsets.UTF_8);
                    if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                        out.add(Integer.parseInt(name));
                    }
                    off += reclen;
                }
            }
        } finally {
            buf.free();
        }
    }

    /** The contents of a small file (up to 64 KiB), read with {@code openat} and {@code read}. */
    public String readSmallFile(String path) {
        WrittenPointer<byte[]> p = allocator.write(Bytes.RAW, cString(path, "path"));
        long fd;
        try (Pointer<byte[]>.Borrow b = p.borrow(this)) {
            fd = ErrnoException.check(raw(Syscall.OPENAT, dev.jsyscall.linux.fcntl.Fcntl.AT_FDCWD, b.address(),
                    dev.jsyscall.linux.fcntl.Fcntl.O_RDONLY | dev.jsyscall.linux.fcntl.Fcntl.O_CLOEXEC, 0, 0, 0),
                    Syscall.OPENAT, "path=" + path);
        } finally {
            p.free();
        }
        try (FileDescriptor f = fd((int) fd)) {
            // decoded once at the end: a read may end inside a multi-byte UTF-8 character
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            while (bytes.size() < 64 * 1024) {
                byte[] chunk = f.read(8192);
                if (chunk.length == 0) {
                    break;
                }
                bytes.write(chunk, 0, chunk.length);
            }
            return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
        }
    }

    /** The bytes of {@code s} plus a terminating NUL; a NUL inside is refused, since C would cut the string. */
    static byte[] cString(String s, String what) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (byte x : b) {
            if (x == 0) {
                throw new IllegalArgumentException(what + " must not contain a NUL character: " + s.replace("\0",
                        "\\0"));
            }
        }
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, b.length);
        return out;
    }
}
