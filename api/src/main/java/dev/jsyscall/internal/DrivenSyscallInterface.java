package dev.jsyscall.internal;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.spi.Memory;
import dev.jsyscall.spi.SyscallInterface;
import dev.jsyscall.spi.SyscallTransportException;
import dev.jsyscall.struct.Bytes;
import java.nio.ByteBuffer;

/**
 * Internal, unstable: runs syscalls in a driven child by writing requests to its channel and reading replies.
 *
 * <p>Protocol (the blob's server loop): the driver writes 56 bytes — syscall number and six arguments as
 * little-endian 64-bit words — to the request pipe and reads the 8-byte raw result from the response pipe.
 * EOF on the response pipe means the child is gone: it exited, was killed, or exec'd (the child's end is
 * close-on-exec and we hold no other writer). One request at a time; callers are serialized.
 */
public final class DrivenSyscallInterface implements SyscallInterface {
    private static final int REQUEST = 56;
    private static final int RESPONSE = 8;
    private static final long EINTR = -Errno.EINTR.number();

    private final SyscallInterface local;
    private final Memory memory;
    private final int readNr;
    private final int writeNr;
    private final int requestFd;
    private final int responseFd;
    private final long buffer;      // REQUEST + RESPONSE bytes of the driver's memory, owned by the caller
    private final String description;
    private final java.util.function.IntFunction<RuntimeException> lost;
    private final int pid;
    private final dev.jsyscall.linux.Arch arch;
    private volatile dev.jsyscall.handle.SyscallTracer tracer;
    private final byte[] scratch = new byte[REQUEST];
    private final ByteBuffer request = Bytes.le(scratch);
    private final byte[] reply = new byte[RESPONSE];
    private boolean eof;

    /**
     * @param local      raw syscalls of the driver (the JVM's own process)
     * @param memory     the driver's memory
     * @param requestFd  the driver's write end of the request pipe
     * @param responseFd the driver's read end of the response pipe
     * @param buffer     address of {@code 64} bytes of driver memory reserved for this channel
     * @param pid        the child's pid, for tracing
     * @param lost       makes the exception to throw when the channel closes during syscall {@code nr}: the child
     *                   died (it did not exec: those requests go through {@link #syscallUntilEof})
     */
    public DrivenSyscallInterface(SyscallInterface local, Memory memory, dev.jsyscall.linux.Arch arch, int requestFd,
                                  int responseFd, long buffer, int pid, String description,
                                  java.util.function.IntFunction<RuntimeException> lost) {
        this.local = local;
        this.memory = memory;
        this.readNr = Syscall.READ.number(arch);
        this.writeNr = Syscall.WRITE.number(arch);
        this.requestFd = requestFd;
        this.responseFd = responseFd;
        this.buffer = buffer;
        this.description = description;
        this.lost = lost;
        this.arch = arch;
        this.pid = pid;
    }

    /** Reports every request and its result to {@code tracer} (null: none). */
    public void trace(dev.jsyscall.handle.SyscallTracer tracer) {
        this.tracer = tracer;
    }

    private void report(int nr, long a0, long a1, long a2, long a3, long a4, long a5, java.util.OptionalLong r,
                        long start) {
        dev.jsyscall.handle.SyscallTracer t = tracer;
        if (t != null) {
            t.traced(pid, Syscall.byNumber(arch, nr), new long[] {a0, a1, a2, a3, a4, a5}, r,
                    System.nanoTime() - start);
        }
    }

    @Override
    public synchronized long syscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        long start = tracer == null ? 0 : System.nanoTime();
        if (!send(nr, a0, a1, a2, a3, a4, a5) || !receive()) {
            report(nr, a0, a1, a2, a3, a4, a5, java.util.OptionalLong.empty(), start);
            throw lost.apply(nr);
        }
        long r = Bytes.le(reply).getLong(0);
        if (tracer != null) {
            report(nr, a0, a1, a2, a3, a4, a5, java.util.OptionalLong.of(r), start);
        }
        return r;
    }

    /**
     * Sends a request that ends the child's service when it succeeds (execve, exit_group).
     *
     * @return empty when the channel reached EOF (success), otherwise the raw result
     */
    public synchronized java.util.OptionalLong syscallUntilEof(int nr, long a0, long a1, long a2, long a3, long a4,
                                                              long a5) {
        long start = tracer == null ? 0 : System.nanoTime();
        java.util.OptionalLong r = !send(nr, a0, a1, a2, a3, a4, a5) || !receive()
                ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(Bytes.le(reply).getLong(0));
        report(nr, a0, a1, a2, a3, a4, a5, r, start);
        return r;
    }

    /** Whether the channel has reached EOF. */
    public synchronized boolean isClosed() {
        return eof;
    }

    private boolean send(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        if (eof) {
            return false;
        }
        request.putLong(0, nr).putLong(8, a0).putLong(16, a1).putLong(24, a2).putLong(32, a3).putLong(40, a4)
                .putLong(48, a5);
        memory.write(buffer, scratch, 0, REQUEST);
        int done = 0;
        while (done < REQUEST) {
            long r = local.syscall(writeNr, requestFd, buffer + done, REQUEST - done, 0, 0, 0);
            if (r == EINTR) {
                continue;
            }
            if (r < 0) {
                // EPIPE: the child is gone (the JVM ignores SIGPIPE, so we see the errno)
                eof = true;
                return false;
            }
            done += (int) r;
        }
        return true;
    }

    private boolean receive() {
        int done = 0;
        while (done < RESPONSE) {
            long r = local.syscall(readNr, responseFd, buffer + REQUEST + done, RESPONSE - done, 0, 0, 0);
            if (r == EINTR) {
                continue;
            }
            if (r == 0 && done == 0) {
                eof = true;
                return false;
            }
            if (r <= 0) {
                eof = true;
                throw new SyscallTransportException(description + ": reading the reply failed (" + r
                        + ") after " + done + " of " + RESPONSE + " bytes");
            }
            done += (int) r;
        }
        memory.read(buffer + REQUEST, reply, 0, RESPONSE);
        return true;
    }

    @Override
    public String describe() {
        return description;
    }
}
