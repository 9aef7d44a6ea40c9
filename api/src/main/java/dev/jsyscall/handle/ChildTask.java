package dev.jsyscall.handle;

import dev.jsyscall.Command;
import dev.jsyscall.far.AddressSpace;
import dev.jsyscall.far.FdTable;
import dev.jsyscall.far.PidNamespace;
import dev.jsyscall.internal.DrivenSyscallInterface;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.signal.SigSet;
import dev.jsyscall.linux.signal.SigprocmaskHow;
import dev.jsyscall.struct.Bytes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A task whose syscalls run inside a child we cloned and drive, until it execs or exits. Set the child up with
 * ordinary syscalls ({@link #chdir}, {@link #setsid}, {@link FileDescriptor#dup3}...), then {@link #exec} it.
 *
 * <pre>{@code
 * try (ChildTask child = local.cloneChild()) {
 *     child.chdir("/tmp");
 *     ChildProcess p = child.exec(Command.of("/bin/echo", "hi"));
 *     System.out.println(p.waitForExit());
 * }
 * }</pre>
 *
 * <p>Closing it before exec ends the child's service (it sees EOF and exits with status 0); the child must still
 * be waited for through {@link #childProcess()}.
 *
 * @since 0.1
 */
public final class ChildTask extends Task implements AutoCloseable {
    private final DrivenSyscallInterface driven;
    private final ThreadProcess process;
    private final FileDescriptor requestWrite;
    private final FileDescriptor responseRead;
    private final Pointer<byte[]> channelBuffer;
    private final Pointer<byte[]>.Borrow channelBorrow;
    private boolean closed;

    ChildTask(DrivenSyscallInterface driven, ThreadProcess process, FdTable fdTable, AddressSpace addressSpace,
              PidNamespace pidNamespace, Arch arch, MemoryAllocator allocator, FileDescriptor requestWrite,
              FileDescriptor responseRead, Pointer<byte[]> channelBuffer, Pointer<byte[]>.Borrow channelBorrow) {
        super(driven, process, fdTable, addressSpace, pidNamespace, arch, allocator);
        this.driven = driven;
        this.process = process;
        this.requestWrite = requestWrite;
        this.responseRead = responseRead;
        this.channelBuffer = channelBuffer;
        this.channelBorrow = channelBorrow;
    }

    /** The child as its parent sees it: wait for it and signal it through this. */
    public ThreadProcess childProcess() {
        return process;
    }

    void closeParentEnds(int requestWriteNumber, int responseReadNumber) {
        fd(requestWriteNumber).close();
        fd(responseReadNumber).close();
    }

    /**
     * Execs {@code command} with the JVM's environment changed as the command says.
     *
     * @return the child, now running the program
     * @throws ExecFailedException if execve failed; the child is unchanged and still driven
     */
    public ChildProcess exec(Command command) {
        Objects.requireNonNull(command, "command");
        List<String> envp = command.envp(System.getenv());
        // the child ran with every signal blocked so that nothing could interrupt it on our memory; the program
        // gets an empty mask (caught handlers were reset by the server, so a pending signal now takes its
        // default action instead of running JVM code)
        rtSigprocmask(SigprocmaskHow.SIG_SETMASK, SigSet.EMPTY);
        try {
            execve(command.executable(), command.argv(), envp);
        } catch (ExecFailedException e) {
            rtSigprocmask(SigprocmaskHow.SIG_SETMASK, SigSet.ALL);
            throw e;
        }
        return process.didExec(command);
    }

    /**
     * {@code execve(path, argv, envp)}. Success is seen as EOF on the child's close-on-exec reply channel; the
     * child's stack is then no longer in use and is freed.
     *
     * @throws ExecFailedException naming the path and errno when execve fails (the child keeps serving)
     */
    public void execve(String path, List<String> argv, List<String> envp) {
        byte[] pathBytes = cString(path, "path");
        List<byte[]> args = encodeAll(argv, "argv");
        List<byte[]> env = encodeAll(envp, "envp");
        int pointers = 8 * (args.size() + 1 + env.size() + 1);
        int total = pointers + pathBytes.length;
        for (byte[] a : args) {
            total += a.length;
        }
        for (byte[] e : env) {
            total += e.length;
        }
        Pointer<byte[]> mem = allocator().allocateBytes(total);
        try {
            long base = mem.near().value();
            ByteBuffer b = Bytes.allocate(total);
            long str = base + pointers;
            b.position(pointers);
            b.put(pathBytes);
            long pathAddr = str;
            str += pathBytes.length;
            int slot = 0;
            for (byte[] a : args) {
                b.putLong(8 * slot++, str);
                b.put(a);
                str += a.length;
            }
            b.putLong(8 * slot++, 0);
            long envAddr = base + 8L * slot;
            for (byte[] e : env) {
                b.putLong(8 * slot++, str);
                b.put(e);
                str += e.length;
            }
            b.putLong(8 * slot, 0);
            mem = mem.write(b.array());
            OptionalLong r;
            try (Pointer<byte[]>.Borrow borrow = mem.borrow(this)) {
                r = driven.syscallUntilEof(Syscall.EXECVE.number(arch()), pathAddr, borrow.address(), envAddr, 0, 0,
                        0);
            }
            if (r.isEmpty()) {
                closeChannel();
                process.didExec(null);
                return;
            }
            long raw = r.getAsLong();
            if (ErrnoException.isError(raw)) {
                throw new ExecFailedException(Errno.of((int) -raw), path, "path=" + path + ", argv=" + argv);
            }
            throw new IllegalStateException("execve of " + path + " returned " + raw + " in " + this);
        } finally {
            mem.free();
        }
    }

    private static List<byte[]> encodeAll(List<String> strings, String what) {
        Objects.requireNonNull(strings, what);
        List<byte[]> out = new ArrayList<>(strings.size());
        for (String s : strings) {
            out.add(cString(Objects.requireNonNull(s, what + " element"), what + " element"));
        }
        return out;
    }

    /** {@code exit_group(status)}: the child exits; wait for it through {@link #childProcess()}. */
    public void exitGroup(int status) {
        OptionalLong r = driven.syscallUntilEof(Syscall.EXIT_GROUP.number(arch()), status, 0, 0, 0, 0, 0);
        closeChannel();
        if (r.isPresent()) {
            throw new IllegalStateException("exit_group(" + status + ") returned " + r.getAsLong() + " in " + this);
        }
    }

    /** Whether the child still serves syscalls (not exec'd, exited, or closed). */
    public synchronized boolean isDriven() {
        return !closed && !driven.isClosed();
    }

    private synchronized void closeChannel() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            requestWrite.close();
        } finally {
            try {
                responseRead.close();
            } finally {
                channelBorrow.close();
                channelBuffer.free();
            }
        }
    }

    /** Stops driving the child: a child still serving sees EOF and exits with status 0. Idempotent. */
    @Override
    public void close() {
        closeChannel();
    }

    @Override
    public String toString() {
        return "ChildTask(" + pid().id() + ")";
    }
}
