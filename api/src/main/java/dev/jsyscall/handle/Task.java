// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.far.AddressSpace;
import dev.jsyscall.far.FarTask;
import dev.jsyscall.far.FdTable;
import dev.jsyscall.far.PidNamespace;
import dev.jsyscall.internal.Calls;
import dev.jsyscall.internal.LinuxPaths;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.CString;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.linux.dirent.Dirent;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.mman.Mman;
import dev.jsyscall.linux.mount.Mount;
import dev.jsyscall.linux.prctl.Prctl;
import dev.jsyscall.linux.resource.Resource;
import dev.jsyscall.linux.resource.Resources;
import dev.jsyscall.linux.resource.Rlimit;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.linux.sched.Sched;
import dev.jsyscall.linux.signal.SigSet;
import dev.jsyscall.linux.signal.Signals;
import dev.jsyscall.linux.signal.SigprocmaskHow;
import dev.jsyscall.linux.unistd.Unistd;
import dev.jsyscall.near.MemoryMapping;
import dev.jsyscall.near.Pid;
import dev.jsyscall.spi.SyscallInterface;
import dev.jsyscall.struct.Bytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    Task(SyscallInterface sysif, Pid pid, FdTable fdTable, AddressSpace addressSpace,
                PidNamespace pidNamespace, Arch arch, MemoryAllocator allocator) {
        super(sysif, pid, fdTable, addressSpace, pidNamespace, arch);
        this.allocator = allocatorFor(addressSpace, allocator);
    }

    /** A task for {@code process}, whose task becomes the parent task. */
    Task(SyscallInterface sysif, Process process, FdTable fdTable, AddressSpace addressSpace,
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

    /**
     * Allocates memory in this task's address space.
     *
     * @return the allocator, shared by views of this task
     */
    public MemoryAllocator allocator() {
        return allocator;
    }

    /**
     * A view of this task whose syscalls go through {@code sysif}, a wrapper that forwards to {@link #sysif()}:
     * to trace, count or inject faults into the syscalls that handles made from the view issue. The view is in
     * the same process, namespaces and address space, and shares this task's allocator; its parent task is
     * unknown. Handles made through it ({@link ProcessTask#makeProcess}, {@link #pidfdOpen}, {@link #fd}) use
     * {@code sysif}.
     *
     * <pre>{@code
     * Task counted = kernel.task().viewThrough(new CountingSyscallInterface(kernel.task().sysif()));
     * }</pre>
     *
     * @param sysif the wrapper, not null
     * @return the view
     * @since 0.2
     */
    public Task viewThrough(SyscallInterface sysif) {
        return new Task(Objects.requireNonNull(sysif, "sysif"), pid(), fdTable(), addressSpace(), pidNamespace(),
                arch(), allocator);
    }

    /**
     * Raw syscall by enum; the result is still in the kernel convention.
     *
     * @param s the syscall
     * @param a0 the first argument
     * @param a1 the second argument
     * @param a2 the third argument
     * @param a3 the fourth argument
     * @param a4 the fifth argument
     * @param a5 the sixth argument
     * @return the result, or a negated errno
     */
    protected final long raw(Syscall s, long a0, long a1, long a2, long a3, long a4, long a5) {
        return sysif().syscall(s.number(arch()), a0, a1, a2, a3, a4, a5);
    }

    /**
     * Makes {@code request} in this task now: its memory arguments are laid out in one allocation of this task's
     * address space (freed afterwards), an errno becomes an {@link ErrnoException} naming the call and its
     * arguments, and the result is read as the request says.
     *
     * <pre>{@code
     * task.call(Unistd.chdir("/tmp"));
     * Rlimit old = task.call(Resources.prlimit(Resource.RLIMIT_NOFILE, null));
     * }</pre>
     *
     * @param <T> the type of the result
     * @param request the syscall, not null
     * @return the result, as the request reads it
     * @since 0.2
     */
    public final <T> T call(SyscallRequest<T> request) {
        // kept this small so that C2 compiles it once, cheaply, and inlines it into its callers; the memory path,
        // with its allocator and borrow, is a method of its own that only memory requests compile
        return request.usesMemory() ? callWithMemory(request) : Calls.call(sysif(), arch(), request);
    }

    private <T> T callWithMemory(SyscallRequest<T> request) {
        List<SyscallRequest.Arg> args = request.args();
        int size = request.memorySize();
        byte[] image = new byte[size];
        // the address is needed before the write when an argument points into itself (SyscallRequest.in)
        Pointer<byte[]> blank = allocator.allocateBytes(size);
        long base = blank.near().value();
        boolean outs = false;
        for (int i = 0; i < args.size(); i++) {
            SyscallRequest.Arg a = args.get(i);
            if (a instanceof SyscallRequest.In) {
                SyscallRequest.In in = (SyscallRequest.In) a;
                int at = request.memoryOffset(i);
                byte[] b = in.bytes();
                System.arraycopy(b, 0, image, at, b.length);
                SyscallRequest.relocate(image, at, in.pointers(), base + at);
            } else {
                outs |= a instanceof SyscallRequest.Out;
            }
        }
        WrittenPointer<byte[]> mem = blank.write(image);
        try {
            long r;
            try (Pointer<byte[]>.Borrow b = mem.borrow(this)) {
                long address = b.address();
                r = raw(request.syscall(), arg(request, 0, address), arg(request, 1, address),
                        arg(request, 2, address), arg(request, 3, address), arg(request, 4, address),
                        arg(request, 5, address));
            }
            long value = request.check(r);
            if (!outs) {
                return request.read(value, List.of());
            }
            byte[] after = mem.read();
            List<byte[]> out = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i) instanceof SyscallRequest.Out) {
                    int at = request.memoryOffset(i);
                    out.add(Arrays.copyOfRange(after, at, at + ((SyscallRequest.Out) args.get(i)).size()));
                }
            }
            return request.read(value, out);
        } finally {
            mem.free();
        }
    }

    /** Argument register {@code i} of a memory request whose memory lies at {@code address}. */
    private static long arg(SyscallRequest<?> request, int i, long address) {
        if (i >= request.args().size()) {
            return 0;
        }
        int at = request.memoryOffset(i);
        return at < 0 ? ((SyscallRequest.Word) request.args().get(i)).value() : address + at;
    }

    /** Makes {@code request}, whose arguments are all words (no memory), through {@code sysif}. */
    static <T> T callWords(SyscallInterface sysif, Arch arch, SyscallRequest<T> request) {
        if (request.usesMemory()) {
            throw new IllegalArgumentException(request + " needs memory: make it through a Task");
        }
        return Calls.call(sysif, arch, request);
    }

    /**
     * Makes {@code request}, whose arguments are all words, through {@code task} and returns the kernel's raw
     * result, for callers that tolerate or retry an errno; allocates nothing.
     */
    static long callRaw(FarTask task, SyscallRequest<?> request) {
        return Calls.raw(task.sysif(), task.arch(), request);
    }

    /**
     * {@code getpid()}, asked of the kernel (not the cached {@link #pid()}).
     *
     * @return the process id, in this task's pid namespace
     */
    public int getpid() {
        return call(Unistd.getpid());
    }

    /**
     * {@code getppid()}.
     *
     * @return the parent's process id, 0 if the parent is outside this task's pid namespace
     */
    public int getppid() {
        return call(Unistd.getppid());
    }

    /**
     * {@code setsid()}: makes this process a session and group leader; returns the session id.
     *
     * @return the new session id, equal to the process id
     */
    public int setsid() {
        return call(Unistd.setsid()).intValue();
    }

    /**
     * {@code getsid(0)}: this process's session id.
     *
     * @return the session id, positive
     * @throws OutsidePidNamespaceException if the session's leader is in an ancestor pid namespace (Linux answers 0)
     */
    public int getsid() {
        return OutsidePidNamespaceException.visible("getsid", 0, call(Unistd.getsid(0)));
    }

    /**
     * A handle for an fd number already open in this task (0, 1, 2, or one inherited); closing it closes it.
     *
     * @param number the fd number, not negative
     * @return a handle owning the fd
     */
    public FileDescriptor fd(int number) {
        return new FileDescriptor(this, number);
    }

    /**
     * {@code pipe2(fds, flags)}; flags 0, {@code O_CLOEXEC}, {@code O_NONBLOCK}, {@code O_DIRECT}.
     *
     * @param flags the flags
     * @return the read and write ends
     */
    public Pipe pipe2(int flags) {
        int[] fds = call(Unistd.pipe2(flags));
        return new Pipe(new FileDescriptor(this, fds[0]), new FileDescriptor(this, fds[1]));
    }

    /**
     * {@code chdir(path)}.
     *
     * @param path the directory, relative to the current one or absolute
     */
    public void chdir(String path) {
        call(Unistd.chdir(path));
    }

    /**
     * {@code chdir(path)}: a relative {@code path} follows this task's cwd, which for a child is its own.
     *
     * <pre>{@code
     * child.chdir(Path.of("/srv/data"));
     * }</pre>
     *
     * @param path the directory, not null
     * @throws IllegalArgumentException if {@code path} is empty or of another file system than the default
     * @since 0.2
     */
    public void chdir(Path path) {
        chdir(LinuxPaths.of(path, "path"));
    }

    /**
     * {@code getcwd()}: the current working directory.
     *
     * @return the absolute path
     */
    public String getcwd() {
        return call(Unistd.getcwd(4096));
    }

    /**
     * {@code mmap(NULL, length, prot, flags, -1, 0)}: anonymous memory.
     *
     * @param length bytes to map, positive
     * @param prot {@code PROT_*} bits
     * @param flags {@code MAP_*} bits
     * @return the mapping
     */
    public MemoryMapping mmap(long length, int prot, int flags) {
        return call(Mman.mmapAnonymous(length, prot, flags));
    }

    /**
     * {@code munmap(addr, length)}.
     *
     * @param mapping the mapping to remove, not null
     */
    public void munmap(MemoryMapping mapping) {
        call(Mman.munmap(mapping));
    }

    /**
     * {@code mprotect(addr, length, prot)}.
     *
     * @param mapping the mapping to change, not null
     * @param prot the new {@code PROT_*} bits
     */
    public void mprotect(MemoryMapping mapping, int prot) {
        call(Mman.mprotect(mapping, prot));
    }

    /**
     * {@code rt_sigprocmask(how, set, &old, 8)}: changes the signal mask and returns the previous one.
     *
     * @param how block, unblock or set
     * @param set the signals, not null
     * @return the mask before the call
     */
    public SigSet rtSigprocmask(SigprocmaskHow how, SigSet set) {
        return call(Signals.swapMask(how, set));
    }

    /**
     * The current signal mask ({@code rt_sigprocmask(SIG_BLOCK, NULL, &old)}).
     *
     * @return the blocked signals
     */
    public SigSet sigmask() {
        return call(Signals.mask());
    }

    /**
     * {@code prctl(option, arg2, arg3, arg4, arg5)} with integer arguments; returns the raw result.
     *
     * @param option the {@code PR_*} option
     * @param arg2 the option's second argument
     * @param arg3 the option's third argument
     * @param arg4 the option's fourth argument
     * @param arg5 the option's fifth argument
     * @return what the kernel returned
     */
    public long prctl(int option, long arg2, long arg3, long arg4, long arg5) {
        return call(Prctl.prctl(option, arg2, arg3, arg4, arg5));
    }

    /**
     * {@code prlimit64(pid, resource, new, &old)} on this process (pid 0).
     *
     * @param newLimit null to only read
     * @return the limit before the call
     * @param resource the resource, not null
     */
    public Rlimit prlimit(Resource resource, Rlimit newLimit) {
        return call(Resources.prlimit(resource, newLimit));
    }

    /**
     * {@code unshare(flags)}: leaves the namespaces or shared tables named.
     *
     * @param flags the {@code CLONE_*} kinds to unshare, not null
     */
    public void unshare(Set<CloneFlag> flags) {
        call(Sched.unshare(flags));
    }

    /**
     * {@code mount(source, target, fstype, flags, data)}, with {@code MS_*} flags from
     * {@link dev.jsyscall.linux.mount.Mount}; a null string is passed as NULL (a propagation change, e.g.
     * {@code mount(null, "/", null, MS_REC|MS_PRIVATE, null)}, needs only the target).
     *
     * @param source the device, directory or label to mount; null for NULL
     * @param target the mount point, not null or empty
     * @param fstype the file-system type; null for NULL
     * @param flags {@code MS_*} bits
     * @param data file-system options; null for NULL
     * @throws IllegalArgumentException if {@code target} is empty or a string holds a NUL, before the syscall
     */
    public void mount(String source, String target, String fstype, long flags, String data) {
        call(Mount.mount(source, target, fstype, flags, data));
    }

    /**
     * {@code umount2(target, flags)}, with {@code MNT_FORCE}, {@code MNT_DETACH}, {@code MNT_EXPIRE},
     * {@code UMOUNT_NOFOLLOW} from {@link dev.jsyscall.linux.mount.Mount}.
     *
     * @param target the mount point, not null or empty
     * @param flags 0 or {@code MNT_*} and {@code UMOUNT_NOFOLLOW} bits
     * @throws IllegalArgumentException for an empty target, a NUL in it or an unknown flag, before the syscall
     */
    public void umount2(String target, int flags) {
        call(Mount.umount2(target, flags));
    }

    /**
     * {@code pidfd_open(pid, 0)}: a handle on process {@code pid} that can be signalled safely even if it is not
     * our child.
     *
     * @param pid the process id, in this task's pid namespace
     * @return the handle, owning the pidfd
     */
    public PidfdProcess pidfdOpen(int pid) {
        Pid p = new Pid(pid);
        int fd = call(Signals.pidfdOpen(pid));
        return new PidfdProcess(this, p, new FileDescriptor(this, fd));
    }

    /**
     * {@code close_range(first, last, flags)}; flags {@code CLOSE_RANGE_CLOEXEC}, {@code CLOSE_RANGE_UNSHARE}.
     *
     * @param first the lowest fd to close
     * @param last the highest fd to close (inclusive)
     * @param flags 0, {@code CLOSE_RANGE_CLOEXEC} or {@code CLOSE_RANGE_UNSHARE}
     */
    public void closeRange(int first, int last, int flags) {
        call(Unistd.closeRange(first, last, flags));
    }

    /** Writes {@code text} to the file at {@code path} (which must exist) with openat/write/close. */
    void writeFile(String path, String text) {
        long fd = call(Fcntl.openat(path, Fcntl.O_WRONLY | Fcntl.O_CLOEXEC, 0));
        try (FileDescriptor f = fd((int) fd)) {
            f.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The numeric entries of directory {@code path} ({@code /proc} lists pids this way), read with
     * {@code openat} and {@code getdents64}.
     */
    java.util.List<Integer> numericEntries(String path) {
        long fd = call(Fcntl.openat(path, Fcntl.O_RDONLY | Fcntl.O_CLOEXEC | 0200000 /* O_DIRECTORY */, 0));
        java.util.List<Integer> out = new java.util.ArrayList<>();
        try (FileDescriptor dir = fd((int) fd)) {
            while (true) {
                byte[] records;
                try (FileDescriptor.Use u = dir.use(this)) {
                    records = call(Dirent.getdents64(u.number(), 32 * 1024));
                }
                if (records.length == 0) {
                    return out;
                }
                for (String name : Dirent.names(records)) {
                    if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                        out.add(Integer.parseInt(name));
                    }
                }
            }
        }
    }

    /** The contents of a small file (up to 64 KiB), read with {@code openat} and {@code read}. */
    String readSmallFile(String path) {
        long fd = call(Fcntl.openat(path, Fcntl.O_RDONLY | Fcntl.O_CLOEXEC, 0));
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
        return CString.of(s, what);
    }
}
