// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.Command;
import dev.jsyscall.far.AddressSpace;
import dev.jsyscall.far.FdTable;
import dev.jsyscall.far.PidNamespace;
import dev.jsyscall.internal.DrivenSyscallInterface;
import dev.jsyscall.internal.ExecStrings;
import dev.jsyscall.internal.HandleAccess;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.linux.sched.CloneFlags;
import dev.jsyscall.linux.sched.FutexNode;
import dev.jsyscall.linux.sched.Stack;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.unistd.Unistd;
import dev.jsyscall.near.Pid;
import dev.jsyscall.spi.Capability;
import dev.jsyscall.spi.DrivenProtocol;
import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.spi.SyscallInterface;
import dev.jsyscall.struct.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The task of the JVM's own process (or, on the fake backend, the simulated process standing for it): the one
 * that clones and drives children.
 *
 * <pre>{@code
 * try (ChildTask child = kernel.localTask().cloneChild()) {
 *     child.chdir("/tmp");
 *     ChildProcess p = child.exec(Command.of("/bin/pwd"));
 *     ChildState s = p.waitForExit();
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class LocalTask extends Task implements AutoCloseable {
    /** Room for the child's stack below its start data; the server loop needs a few hundred bytes. */
    static final int CHILD_STACK_SIZE = 16 * 1024;
    /**
     * Held from creating a child's channel until the parent has closed the child's ends: a child cloned
     * meanwhile by another thread would inherit copies of them, delaying EOF on exec or death.
     */
    private static final Object CHANNEL_LOCK = new Object();

    private final long serverEntryPoint;
    private final Set<Capability> capabilities;
    private ExecutorService cloneThread;
    /**
     * Set once this kernel refused {@code clone3} (too old, or a container's seccomp profile): every later child
     * is made with {@code clone} straight away instead of paying a failed syscall each time.
     */
    private volatile boolean clone3Refused;
    private ExitWatcher exitWatcher;
    private Poller poller;
    private volatile SyscallTracer tracer;

    static {
        HandleAccess.install(new HandleAccess.Access() {
            @Override
            public LocalTask openLocalTask(dev.jsyscall.spi.SyscallBackend backend) {
                return open(backend);
            }

            @Override
            public dev.jsyscall.internal.Readiness readiness(LocalTask task) {
                return task.readiness();
            }
        });
    }

    LocalTask(SyscallInterface sysif, Pid pid, FdTable fdTable, AddressSpace addressSpace,
                     PidNamespace pidNamespace, Arch arch, MemoryAllocator allocator, long serverEntryPoint,
                     Set<Capability> capabilities) {
        super(sysif, pid, fdTable, addressSpace, pidNamespace, arch, allocator);
        this.serverEntryPoint = serverEntryPoint;
        this.capabilities = Set.copyOf(capabilities);
    }

    /** The local task over {@code backend}'s own process: the one {@code Kernel} holds. */
    static LocalTask open(SyscallBackend backend) {
        var sysif = backend.localSyscalls();
        // through the interface itself: the task that would run it needs this pid
        int pid = Task.callWords(sysif, backend.arch(), Unistd.getpid());
        AddressSpace space = new AddressSpace("local", backend.localMemory());
        MemoryAllocator allocator = new MemoryAllocator(sysif, backend.arch(), space);
        LocalTask t = new LocalTask(sysif, new Pid(pid), new FdTable("local"), space, new PidNamespace("local"),
                backend.arch(), allocator, backend.serverEntryPoint(), backend.capabilities());
        List<byte[]> env = backend.localEnvironment();
        t.environment = env == null ? null : List.copyOf(env);
        SimulatedExits exits = new SimulatedExits();
        if (backend.notifyChildChanges(exits::childChanged)) {
            t.simulatedExits = exits;
        }
        return t;
    }

    /** What spawned programs inherit: the backend's local environment, null for the JVM's own. */
    private List<byte[]> environment;

    /** {@code command}'s execve strings, its environment starting from this task's (the JVM's on real kernels). */
    ExecStrings execStrings(Command command) {
        return ExecStrings.of(command, environment);
    }

    /**
     * The address of the syscall server that cloned children run.
     *
     * @return the address
     */
    public long serverEntryPoint() {
        return serverEntryPoint;
    }

    /**
     * Reports every syscall that children cloned from now on run for us (null: stop tracing new children).
     *
     * @param tracer the tracer, or null
     */
    public void trace(SyscallTracer tracer) {
        this.tracer = tracer;
    }

    /**
     * What the backend can do.
     *
     * @return the capabilities
     */
    public Set<Capability> capabilities() {
        return capabilities;
    }

    /**
     * Clones a child that shares this address space ({@code CLONE_VM}), gets a copy of the fd table and, when
     * the kernel has pidfds, a pidfd ({@code CLONE_PIDFD}) through which it is signalled and waited for. It
     * starts with all signals blocked and caught handlers reset, and serves syscalls until it execs or exits.
     *
     * @return the child, driven until it execs
     */
    public ChildTask cloneChild() {
        return cloneChild(0);
    }

    /**
     * Like {@link #cloneChild()}, with the child's channel fds numbered {@code channelFloor} or above, so that
     * set-up may put anything on the fds below it: the syscall server reads and writes its channel by fd number,
     * and mapping another file onto one of those numbers would cut the child off.
     *
     * @param channelFloor the lowest fd number the channel may use
     * @return the child, driven until it execs
     */
    public ChildTask cloneChild(int channelFloor) {
        return cloneChild(defaultFlags(), null, null, channelFloor, false);
    }

    /**
     * Clones a driven child with explicit flags and optional {@code ptid}/{@code ctid} pointers (for
     * {@code CLONE_CHILD_SETTID}, {@code CLONE_CHILD_CLEARTID}, {@code CLONE_PARENT_SETTID}...). With
     * {@code CLONE_PIDFD} and no {@code ptid}, the pidfd is received and attached to the child.
     *
     * @param flags the clone flags
     * @param ptid where the kernel stores the child's tid in the parent, or null
     * @param ctid where the kernel stores or clears the child's tid in the child, or null
     * @return the child, driven until it execs
     * @throws IllegalArgumentException unless {@code flags} contains {@code CLONE_VM} (the child runs the server
     *     code in our memory) and lacks {@code CLONE_THREAD}, {@code CLONE_SIGHAND}, {@code CLONE_VFORK} and
     *     {@code CLONE_SETTLS} (the child must be a process with its own signal handlers and our TLS must stay
     *     untouched; vfork would freeze this thread)
     */
    public ChildTask cloneChild(CloneFlags flags, Pointer<?> ptid, Pointer<FutexNode> ctid) {
        return cloneChild(flags, ptid, ctid, 0, false);
    }

    /**
     * Like {@link #cloneChild(int)}, but clones on the calling thread instead of handing the clone to this
     * kernel's long-lived clone thread, which saves two thread wake-ups (tens of microseconds per child on a busy
     * machine). The child's parent is then the calling thread, and {@code PR_SET_PDEATHSIG} fires when the parent
     * <em>thread</em> exits, not the JVM: so {@link ChildTask#parentDeathSignal} refuses such a child. Nothing else
     * depends on the thread: when it exits, its children pass to another thread of the JVM, and are waited for as
     * before. {@link dev.jsyscall.Spawn} uses this unless a step needs the clone thread.
     *
     * @param channelFloor the lowest fd number the channel may use
     * @return the child, driven until it execs
     */
    public ChildTask cloneChildOnThisThread(int channelFloor) {
        return cloneChild(defaultFlags(), null, null, channelFloor, true);
    }

    /**
     * A child for {@link PlanRunner}: cloned on this thread or the clone thread, and into {@code cgroup}
     * (if not null) where clone3 can ({@link ChildTask#clonedInto()} then says so), in new namespaces of the
     * {@code namespaces} kinds. With {@code ahead} (null: none), those requests ({@link
     * DrivenSyscallInterface#encodeAhead}) are in its channel before it starts, and it runs them at once: the
     * caller collects their results ({@link DrivenSyscallInterface#chainWritten}).
     */
    ChildTask cloneChild(int channelFloor, Cgroup cgroup, boolean onThisThread, Set<CloneFlag> namespaces,
                         long[] ahead) {
        CloneFlags flags = defaultFlags();
        for (CloneFlag kind : namespaces) {
            flags = flags.with(kind);
        }
        return cloneChild(flags, null, null, channelFloor, onThisThread, cgroup, ahead);
    }

    private CloneFlags defaultFlags() {
        CloneFlags flags = CloneFlags.of(CloneFlag.VM).exitSignal(Signal.SIGCHLD);
        return capabilities.contains(Capability.PIDFD) ? flags.with(CloneFlag.PIDFD) : flags;
    }

    private ChildTask cloneChild(CloneFlags flags, Pointer<?> ptid, Pointer<FutexNode> ctid, int channelFloor,
                                 boolean onThisThread) {
        return cloneChild(flags, ptid, ctid, channelFloor, onThisThread, null, null);
    }

    private ChildTask cloneChild(CloneFlags flags, Pointer<?> ptid, Pointer<FutexNode> ctid, int channelFloor,
                                 boolean onThisThread, Cgroup cgroup, long[] ahead) {
        if (channelFloor < 0) {
            throw new IllegalArgumentException("channelFloor must be >= 0, was " + channelFloor);
        }
        if (!flags.contains(CloneFlag.VM)) {
            throw new IllegalArgumentException("a driven child needs CLONE_VM: it runs the syscall server in this"
                    + " address space; got " + flags);
        }
        for (CloneFlag bad : new CloneFlag[] {CloneFlag.THREAD, CloneFlag.SIGHAND, CloneFlag.VFORK,
            CloneFlag.SETTLS}) {
            if (flags.contains(bad)) {
                throw new IllegalArgumentException("a driven child cannot be cloned with CLONE_" + bad + ": " + flags);
            }
        }
        if (ahead != null && flags.contains(CloneFlag.FILES)) {
            // such a child must unshare before it closes our ends, which only a request after the clone can ask
            throw new IllegalArgumentException("requests written ahead need a child with its own fd table: " + flags);
        }
        Pointer<byte[]> channelBuffer = allocator().allocateBytes(DrivenSyscallInterface.BUFFER_SIZE);
        List<AutoCloseable> undo = new ArrayList<>();
        undo.add(channelBuffer::free);
        Pointer<Long> pidfdSlot = null;
        int[] cgroupDir = {-1};
        boolean clonedIntoCgroup;
        boolean handlersReset = false;
        try {
            if (flags.contains(CloneFlag.PIDFD) && ptid == null) {
                Pointer<Long> slot = allocator().allocate(Bytes.LONG).write(-1L);
                pidfdSlot = slot;
                undo.add(() -> freeIfValid(slot));
            }
            Pointer<?> parentTid = ptid != null ? ptid : pidfdSlot;
            ThreadProcess process;
            FileDescriptor requestWrite;
            FileDescriptor responseRead;
            synchronized (CHANNEL_LOCK) {
                Pipe request = lift(pipe2(Fcntl.O_CLOEXEC), channelFloor, true);
                undo.add(request);
                Pipe response = lift(pipe2(Fcntl.O_CLOEXEC), channelFloor, false);
                undo.add(response);
                // the child closes its copies of our ends before it serves, so that our death is EOF for it; with
                // CLONE_FILES the table is ours, and it unshares first and closes them by request below
                boolean sharesFds = flags.contains(CloneFlag.FILES);
                long[] words = DrivenProtocol.startData(serverEntryPoint, request.read().near().number(),
                        response.write().near().number(), sharesFds ? -1 : request.write().near().number(),
                        sharesFds ? -1 : response.read().near().number());
                if (ahead != null) {
                    writeAhead(request.write(), channelBuffer, ahead);
                }
                // clone3's CLONE_CLEAR_SIGHAND has the kernel reset caught handlers, sparing the child ~62
                // rt_sigaction calls; explicit ptid/ctid pointers keep clone's own argument meanings
                boolean tryClone3 = !clone3Refused && ptid == null && ctid == null;
                // CLONE_INTO_CGROUP saves the child an open and a write of cgroup.procs; the cgroup's path is one
                // of this task's mount namespace only if this task made the handle
                if (tryClone3 && cgroup != null && cgroup.task() == this
                        && capabilities.contains(Capability.REAL_KERNEL)) {
                    try {
                        cgroupDir[0] = call(Fcntl.openat(cgroup.path(), Fcntl.O_RDONLY | Fcntl.O_CLOEXEC, 0))
                                .intValue();
                        undo.add(() -> closeCgroupDir(cgroupDir));
                    } catch (ErrnoException e) {
                        // the moveIn step reports what is wrong with the cgroup, naming itself
                    }
                }
                // the child shares our mm, and with it the dumpable flag, until it execs: SharedMm restores it
                boolean guardMm = capabilities.contains(Capability.REAL_KERNEL);
                if (guardMm) {
                    SharedMm.enter(this);
                    undo.add(() -> SharedMm.leave(this));
                }
                process = null;
                boolean clone3Failed = false;
                while (process == null) {
                    words[DrivenProtocol.START_FLAGS] = tryClone3 ? DrivenProtocol.START_HANDLERS_RESET : 0;
                    Pointer.Split<byte[]> stack = allocator()
                            .allocateBytes(CHILD_STACK_SIZE + DrivenProtocol.START_DATA_SIZE).split(CHILD_STACK_SIZE);
                    undo.add(() -> freeIfValid(stack.first()));
                    WrittenPointer<Stack> data = stack.rest().as(Stack.CODEC)
                            .write(new Stack(words[0], List.of(words[1], words[2], words[3], words[4], words[5])));
                    undo.add(() -> freeIfValid(data));
                    boolean viaClone3 = tryClone3;
                    int into = cgroupDir[0];
                    CloneFlags flags3 = flags.with(CloneFlag.CLEAR_SIGHAND);
                    java.util.function.Supplier<ThreadProcess> cloneCall = () -> viaClone3
                            ? clone3(into < 0 ? flags3 : flags3.with(CloneFlag.INTO_CGROUP), stack.first(), data,
                                    parentTid, into)
                            : clone(flags, stack.first(), data, parentTid, ctid, null);
                    try {
                        process = onThisThread ? cloneCall.get() : onCloneThread(cloneCall::get);
                        handlersReset = viaClone3;
                    } catch (ErrnoException e) {
                        if (viaClone3 && into >= 0) {
                            // a kernel before 5.7, or a cgroup that cannot take the child (EBUSY, EOPNOTSUPP):
                            // clone3 again without it, and the moveIn step reports what is wrong with the cgroup
                            closeCgroupDir(cgroupDir);
                        } else if (!viaClone3 || !refusesClone3(e.errno())) {
                            throw e;
                        } else {
                            // remembered only once clone does better: with namespace flags an unprivileged caller
                            // gets EPERM from both, and that says nothing about clone3
                            clone3Failed = true;
                            tryClone3 = false;
                        }
                        freeIfValid(data);
                        freeIfValid(stack.first());
                    }
                }
                if (clone3Failed) {
                    clone3Refused = true;
                }
                clonedIntoCgroup = cgroupDir[0] >= 0;
                closeCgroupDir(cgroupDir);
                // from here the child owns the stack; the parent drops the child's ends of the channel. A failure
                // from here on closes our ends (EOF for the child), then kills and reaps it, which frees its stack
                undo.clear();
                if (guardMm) {
                    process.whenUnshared(() -> SharedMm.leave(this));
                }
                undo.add(channelBuffer::free);
                undo.add(process::close);
                undo.add(request.write());
                undo.add(response.read());
                request.read().close();
                response.write().close();
                requestWrite = request.write();
                responseRead = response.read();
            }
            if (pidfdSlot != null) {
                // the kernel stored an int over the low half of the -1 we wrote
                int fd = (int) (pidfdSlot.read() & 0xffffffffL);
                pidfdSlot.free();
                process.attachPidfd(fd(fd));
            }
            Pointer<byte[]>.Borrow buffer = channelBuffer.borrow(this);
            undo.add(buffer);
            ThreadProcess owned = process;
            DrivenSyscallInterface driven = new DrivenSyscallInterface(sysif(), addressSpace().memory(), arch(),
                    requestWrite.near().number(), responseRead.near().number(), buffer.address(),
                    process.near().id(), "driven child " + process.near().id(), nr -> ChildTask.lost(owned, nr, arch()),
                    readiness());
            driven.trace(tracer);
            ChildTask child = new ChildTask(driven, process, new FdTable("child " + process.near().id()),
                    addressSpace(), pidNamespace(), arch(), allocator(), requestWrite, responseRead, channelBuffer,
                    buffer, this, onThisThread && capabilities.contains(Capability.REAL_KERNEL));
            if (clonedIntoCgroup) {
                child.clonedInto(cgroup);
            }
            try {
                if (flags.contains(CloneFlag.FILES)) {
                    // a child sharing our fd table would close or dup over the JVM's own fds: unshare it first,
                    // then drop its copies of our ends (the blob could not: they were ours, not copies)
                    child.unshare(Set.of(CloneFlag.FILES));
                    child.closeParentEnds(requestWrite.near().number(), responseRead.near().number());
                } else if (!handlersReset && ahead == null) {
                    // cloned by clone, the child resets the JVM's handlers itself before it serves, whenever it
                    // gets a time slice: its first answer says it has, so no one sees them in it once we return.
                    // Requests written ahead are answered after the reset too, and nothing may follow their execve
                    child.call(Unistd.getpid());
                }
            } catch (RuntimeException | Error e) {
                child.close();          // EOF: a child still serving exits
                process.waitForExit();  // reap it, so nothing is left behind
                throw e;
            }
            return child;
        } catch (RuntimeException | Error e) {
            for (int i = undo.size() - 1; i >= 0; i--) {
                try {
                    undo.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /**
     * Writes {@code requests} into the request pipe before the clone: the child finds them as soon as it has closed
     * our ends, instead of sleeping in read until we write after the clone. One write of less than PIPE_BUF into an
     * empty pipe, so it neither blocks (nobody reads yet) nor comes out short; a clone retried with clone after
     * clone3 was refused finds them still there.
     */
    private void writeAhead(FileDescriptor requestWrite, Pointer<byte[]> buffer, long[] requests) {
        byte[] bytes = DrivenSyscallInterface.encodeAhead(arch(), requests);
        long at = buffer.near().value();
        addressSpace().memory().write(at, bytes, 0, bytes.length);
        long n = call(Unistd.write(requestWrite.near().number(), at, bytes.length));
        if (n != bytes.length) {
            throw new dev.jsyscall.spi.SyscallTransportException("the " + bytes.length + " bytes of requests written"
                    + " ahead went into an empty pipe as " + n);
        }
    }

    /**
     * The errnos with which a kernel says it cannot do {@code clone3} as asked, where {@code clone} would do:
     * ENOSYS (before 5.3, or a seccomp profile that predates it), EPERM (seccomp profiles that deny what they do
     * not know), E2BIG and EINVAL (a struct size or flag such as {@code CLONE_CLEAR_SIGHAND}, 5.5+, it does not
     * know). A genuine EINVAL of the arguments then comes back from {@code clone}.
     */
    private static boolean refusesClone3(Errno errno) {
        return errno == Errno.ENOSYS || errno == Errno.EPERM || errno == Errno.E2BIG || errno == Errno.EINVAL;
    }

    /** Closes the JVM's fd of the cgroup directory a clone3 was given, once; the child has its own copy. */
    private void closeCgroupDir(int[] dir) {
        if (dir[0] >= 0) {
            callRaw(this, Unistd.close(dir[0]));
            dir[0] = -1;
        }
    }

    /** Moves the child's end of a fresh channel pipe to {@code floor} or above (F_DUPFD_CLOEXEC). */
    private Pipe lift(Pipe pipe, int floor, boolean childReads) {
        FileDescriptor end = childReads ? pipe.read() : pipe.write();
        if (end.near().number() >= floor) {
            return pipe;
        }
        try {
            FileDescriptor moved = fd(call(Fcntl.dupCloexecAbove(end.near().number(), floor)));
            end.close();
            return childReads ? new Pipe(moved, pipe.write()) : new Pipe(pipe.read(), moved);
        } catch (RuntimeException e) {
            pipe.close();
            throw e;
        }
    }

    /**
     * Runs the clone on one long-lived platform thread: {@code PR_SET_PDEATHSIG} fires when the thread that
     * created the child exits, so children must not be created by short-lived (or virtual) threads. Simulated
     * kernels have no such rule, and clone on the caller's thread to stay deterministic.
     */
    private <T> T onCloneThread(java.util.concurrent.Callable<T> clone) {
        if (!capabilities.contains(Capability.REAL_KERNEL)) {
            try {
                return clone.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        Future<T> f;
        synchronized (this) {
            if (cloneThread == null) {
                cloneThread = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "jsyscall-clone");
                    t.setDaemon(true);
                    return t;
                });
            }
            f = cloneThread.submit(clone);
        }
        // wait uninterruptibly: a clone is short, and a caller that stopped waiting would leave the child it made
        // running with nobody to drive or reap it; an interrupt that arrives meanwhile is kept for the caller
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            throw ChildProcess.causeOf(e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The fds jsyscall itself keeps open in this process for the kernel's lifetime (the readiness loop's): a leak
     * check that compares {@code /proc/self/fd} before and after some work leaves these out.
     *
     * @return the fd numbers
     */
    public synchronized Set<Integer> ownFds() {
        return poller == null ? Set.of() : poller.fds();
    }

    /**
     * An input stream over {@code fd}, which this task owns and no other process reads from (such as the JVM's end
     * of a spawned program's stdout pipe). Closing the stream closes {@code fd}.
     *
     * <p>On a real kernel the fd is made {@code O_NONBLOCK}. A read that would block waits in {@code ppoll} on the
     * fd on a platform thread, and parks a virtual thread (which then does not hold its carrier) until this kernel's
     * readiness loop (one epoll thread) sees data; either way {@link Thread#interrupt()} ends the wait with
     * {@link java.io.InterruptedIOException} (the interrupt flag stays set), and closing the stream from another
     * thread, or the kernel, wakes the reader with an {@code IOException}.
     * On a simulated kernel the read blocks in the kernel, on the calling thread.
     *
     * <pre>{@code
     * Pipe p = task.pipe2(Fcntl.O_CLOEXEC);
     * InputStream in = task.inputStream(p.read());
     * }</pre>
     *
     * @param fd the fd, owned by this task
     * @return the stream
     * @throws IllegalArgumentException if this task does not own {@code fd}
     * @since 0.2
     */
    public java.io.InputStream inputStream(FileDescriptor fd) {
        return new PipeStreams.In(fd, nonBlocking(fd, "inputStream"));
    }

    /**
     * An output stream over {@code fd}, which this task owns and no other process writes to; the counterpart of
     * {@link #inputStream}: a write that would block waits for room as a read waits for data; it is interruptible (then
     * {@link java.io.InterruptedIOException#bytesTransferred} says how much was written).
     *
     * @param fd the fd, owned by this task
     * @return the stream
     * @throws IllegalArgumentException if this task does not own {@code fd}
     * @since 0.2
     */
    public java.io.OutputStream outputStream(FileDescriptor fd) {
        return new PipeStreams.Out(fd, nonBlocking(fd, "outputStream"));
    }

    /** {@link #inputStream} over a pty master, where EIO (no slave open any more) is the end of file. */
    java.io.InputStream terminalInputStream(FileDescriptor fd) {
        return new PipeStreams.In(fd, nonBlocking(fd, "inputStream"), true);
    }

    /** Makes {@code fd} O_NONBLOCK when a readiness loop will wait for it; null: the fd stays blocking. */
    private Poller nonBlocking(FileDescriptor fd, String method) {
        java.util.Objects.requireNonNull(fd, "fd");
        if (fd.task() != this) {
            throw new IllegalArgumentException(method + " takes an fd of " + this + ", got " + fd);
        }
        Poller loop = readiness();
        if (loop == null) {
            return null;
        }
        int n = fd.number(this);
        int flags = call(Fcntl.getFlags(n));
        if ((flags & Fcntl.O_NONBLOCK) == 0) {
            call(Fcntl.setFlags(n, flags | Fcntl.O_NONBLOCK));
        }
        return loop;
    }

    /**
     * The readiness loop, on real kernels only: a simulated kernel is deterministic because its blocking calls run
     * on the caller's thread, and no other thread may touch it.
     */
    private Poller readiness() {
        return capabilities.contains(Capability.REAL_KERNEL) ? poller() : null;
    }

    synchronized Poller poller() {
        if (poller == null) {
            poller = new Poller(this);
        }
        return poller;
    }

    /** Where onExit's children are reaped on a simulated kernel; null on a real one. */
    private SimulatedExits simulatedExits;

    SimulatedExits simulatedExits() {
        return simulatedExits;
    }

    synchronized ExitWatcher exitWatcher() {
        if (exitWatcher == null) {
            exitWatcher = new ExitWatcher(this);
        }
        return exitWatcher;
    }

    /**
     * Runs {@code command} in a fresh child with no set-up and waits for it.
     *
     * @param command the program, not null
     * @return how it ended
     */
    public dev.jsyscall.linux.wait.ChildState run(dev.jsyscall.Command command) {
        ChildTask child = cloneChildOnThisThread(0);
        ChildProcess p;
        try {
            p = child.exec(command);
        } catch (RuntimeException e) {
            child.abandon();
            throw e;
        }
        return p.waitForExit();
    }

    private static void freeIfValid(Pointer<?> p) {
        if (p.valid()) {
            p.free();
        }
    }

    /**
     * Stops the readiness loop and the clone thread. Children keep running; their futures fail, and so do reads and
     * writes of streams that wait.
     */
    @Override
    public void close() {
        ExitWatcher w;
        Poller p;
        ExecutorService c;
        synchronized (this) {
            w = exitWatcher;
            p = poller;
            c = cloneThread;
        }
        if (w != null) {
            w.stop();
        }
        if (p != null) {
            p.stop();
        }
        if (c != null) {
            c.shutdown();
        }
    }
}
