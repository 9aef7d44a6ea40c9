// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.internal;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.spi.DrivenProtocol;
import dev.jsyscall.spi.Memory;
import dev.jsyscall.spi.SyscallInterface;
import dev.jsyscall.spi.SyscallTransportException;

/**
 * Internal, unstable: runs syscalls in a driven child by writing requests to its channel and reading replies.
 *
 * <p>It speaks {@link DrivenProtocol} to the blob's server loop: it writes requests to the request pipe and reads
 * raw results from the response pipe. EOF on the response pipe means the child is gone: it exited, was killed, or exec'd (the child's end is
 * close-on-exec and we hold no other writer). Callers are serialized.
 *
 * <p>{@link #close} ends the channel for good, under the same lock as every request: after it, every call fails at
 * once with {@link dev.jsyscall.handle.NotDrivenException} and nothing is written to the channel's old fd numbers,
 * which may name other files by then.
 *
 * <p>{@link #chain} pipelines: it writes a whole sequence of requests at once, each after the first marked
 * {@link DrivenProtocol#CHAINED} so that the server skips the rest of the sequence after a failure, then reads one result
 * per request. Every request but the last of a write is also marked {@link DrivenProtocol#DEFER}, so the child answers the
 * whole write with one write of its own, and we wake once: the cost of n requests becomes one round trip plus n
 * syscalls in the child. The request before an execve or exit_group is not deferred, so that the results before
 * it arrive even when it succeeds (and its EOF leaves no result).
 */
public final class DrivenSyscallInterface implements SyscallInterface {
    private static final int REQUEST = DrivenProtocol.REQUEST_SIZE;
    private static final int RESPONSE = DrivenProtocol.RESULT_SIZE;
    /** Bytes of driver memory a channel needs: room for {@link #CHAIN_CHUNK} requests and their results. */
    public static final int BUFFER_SIZE = 2048;
    /** Requests written per {@code write} in a chain; longer chains go in several, still chained. */
    public static final int CHAIN_CHUNK = BUFFER_SIZE / (REQUEST + RESPONSE);
    private static final long EINTR = -Errno.EINTR.number();

    private final SyscallInterface local;
    private final Memory memory;
    private final int readNr;
    private final int writeNr;
    private final int execveNr;
    private final int exitGroupNr;
    private final int requestFd;
    private final int responseFd;
    private final long buffer;      // BUFFER_SIZE bytes owned by the caller: CHAIN_CHUNK requests, then their results
    private final String description;
    private final java.util.function.IntFunction<RuntimeException> lost;
    private final Readiness readiness;
    private final int pid;
    private final dev.jsyscall.linux.Arch arch;
    private volatile dev.jsyscall.handle.SyscallTracer tracer;
    private final byte[] scratch = new byte[REQUEST * CHAIN_CHUNK];
    private final byte[] reply = new byte[RESPONSE * CHAIN_CHUNK];
    private volatile boolean eof;
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    /** Why the channel was closed for good (null while open), built only when asked: a command's display costs. */
    private volatile java.util.function.Supplier<String> closedBecause;

    /**
     * @param local      raw syscalls of the driver (the JVM's own process)
     * @param memory     the driver's memory
     * @param requestFd  the driver's write end of the request pipe
     * @param responseFd the driver's read end of the response pipe
     * @param buffer     address of {@link #BUFFER_SIZE} bytes of driver memory reserved for this channel
     * @param pid        the child's pid, for tracing
     * @param lost       makes the exception to throw when the channel closes during syscall {@code nr}: the child
     *                   died (it did not exec: those requests go through {@link #syscallUntilEof})
     */
    public DrivenSyscallInterface(SyscallInterface local, Memory memory, dev.jsyscall.linux.Arch arch, int requestFd,
                                  int responseFd, long buffer, int pid, String description,
                                  java.util.function.IntFunction<RuntimeException> lost) {
        this(local, memory, arch, requestFd, responseFd, buffer, pid, description, lost, null);
    }

    /**
     * Like the constructor above; a virtual thread waits for each reply through {@code readiness} (null: every
     * thread blocks in {@code read}).
     */
    public DrivenSyscallInterface(SyscallInterface local, Memory memory, dev.jsyscall.linux.Arch arch, int requestFd,
                                  int responseFd, long buffer, int pid, String description,
                                  java.util.function.IntFunction<RuntimeException> lost, Readiness readiness) {
        this.local = local;
        this.memory = memory;
        // the channel's read and write stay raw (Unistd.read/write define them): they run on every round trip,
        // their counts change each time, and a request value per call would allocate on that path
        this.readNr = Syscall.READ.number(arch);
        this.writeNr = Syscall.WRITE.number(arch);
        this.execveNr = Syscall.EXECVE.number(arch);
        this.exitGroupNr = Syscall.EXIT_GROUP.number(arch);
        this.requestFd = requestFd;
        this.responseFd = responseFd;
        this.buffer = buffer;
        this.description = description;
        this.lost = lost;
        this.readiness = readiness;
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
    public long syscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        lock();
        try {
            long start = tracer == null ? 0 : System.nanoTime();
            if (!send(nr, a0, a1, a2, a3, a4, a5) || !receive()) {
                report(nr, a0, a1, a2, a3, a4, a5, java.util.OptionalLong.empty(), start);
                throw lost.apply(nr);
            }
            long r = DrivenProtocol.result(reply, 0);
            if (tracer != null) {
                report(nr, a0, a1, a2, a3, a4, a5, java.util.OptionalLong.of(r), start);
            }
            return r;
        } finally {
            lock.unlock();
        }
    }

    /** Takes the channel's lock, refusing a closed channel. */
    private void lock() {
        lock.lock();
        java.util.function.Supplier<String> why = closedBecause;
        if (why != null) {
            lock.unlock();
            throw new dev.jsyscall.handle.NotDrivenException(description + " " + why.get()
                    + ": no syscall can be made in it any more");
        }
    }

    /**
     * Closes the channel for good, running {@code release} (which closes the channel's fds) under the lock, so that
     * no request is in flight on those numbers. Idempotent: later calls do nothing.
     *
     * @param why what happened, for the error every later call gets (e.g. "has exec'd /bin/true")
     * @param waitForCaller whether to wait for a request in flight; if false and one is, nothing is done and false
     *                      is returned (the caller may then end the child, which ends the request, and retry)
     * @return whether the channel is now closed
     */
    public boolean close(String why, Runnable release, boolean waitForCaller) {
        return close(() -> why, release, waitForCaller);
    }

    /**
     * {@link #close(String, Runnable, boolean)} with the reason built only if an error needs it.
     *
     * @param why what happened, asked for by the errors of later calls
     * @param waitForCaller as in {@link #close(String, Runnable, boolean)}
     * @return whether the channel is now closed
     */
    public boolean close(java.util.function.Supplier<String> why, Runnable release, boolean waitForCaller) {
        if (waitForCaller) {
            lock.lock();
        } else if (!lock.tryLock()) {
            return false;
        }
        try {
            if (closedBecause == null) {
                closedBecause = why;
                eof = true;
                release.run();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Why the channel was closed for good, if it was. */
    public java.util.Optional<String> closedBecause() {
        java.util.function.Supplier<String> why = closedBecause;
        return why == null ? java.util.Optional.empty() : java.util.Optional.of(why.get());
    }

    /**
     * Sends a request that ends the child's service when it succeeds (execve, exit_group).
     *
     * @return empty when the channel reached EOF (success), otherwise the raw result
     */
    public java.util.OptionalLong syscallUntilEof(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        lock();
        try {
            long start = tracer == null ? 0 : System.nanoTime();
            java.util.OptionalLong r = !send(nr, a0, a1, a2, a3, a4, a5) || !receive()
                    ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(DrivenProtocol.result(reply, 0));
            report(nr, a0, a1, a2, a3, a4, a5, r, start);
            return r;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a sequence of requests in one round trip (per {@link #CHAIN_CHUNK} requests): {@code requests} holds 7
     * words per request (number, six arguments). The child stops at the first failure: the results after it are
     * {@code -ECANCELED}, and those requests did not run.
     *
     * @return one raw result per request, or fewer when the channel reached EOF: a request that ends the service
     *     when it succeeds (execve, exit_group) has no result, and neither has any request the child did not
     *     answer because it died; the caller tells the two apart
     */
    public long[] chain(long[] requests) {
        if (requests.length % DrivenProtocol.REQUEST_WORDS != 0) {
            throw new IllegalArgumentException("a chain is " + DrivenProtocol.REQUEST_WORDS + " words per request, got "
                    + requests.length + " words");
        }
        lock();
        try {
            return chainLocked(requests);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The bytes {@link #chain} would write first for {@code requests}, for a driver that writes them into the
     * channel before the child is cloned: the child then reads them as soon as it starts, without sleeping, and
     * {@link #chainWritten} collects the results.
     *
     * @param arch the child's architecture, for the numbers of the requests that end its service
     * @param requests at most {@link #CHAIN_CHUNK} requests, 7 words each
     * @return the bytes to write to the request fd, less than {@code PIPE_BUF}, so one write puts them all in an
     *     empty pipe without blocking
     * @throws IllegalArgumentException if there are more requests than fit one write
     */
    public static byte[] encodeAhead(dev.jsyscall.linux.Arch arch, long[] requests) {
        int n = requests.length / DrivenProtocol.REQUEST_WORDS;
        if (n > CHAIN_CHUNK) {
            throw new IllegalArgumentException(n + " requests do not fit one write of " + CHAIN_CHUNK);
        }
        long execve = Syscall.EXECVE.number(arch);
        long exitGroup = Syscall.EXIT_GROUP.number(arch);
        byte[] bytes = new byte[REQUEST * n];
        DrivenProtocol.encodeChain(bytes, requests, 0, n, nr -> nr == execve || nr == exitGroup);
        return bytes;
    }

    /**
     * {@link #chain} for requests already in the channel ({@link #encodeAhead}): only their results are read.
     *
     * @param requests the requests written, for the tracer and the count of results
     * @return as {@link #chain}
     */
    public long[] chainWritten(long[] requests) {
        lock();
        try {
            return chainLocked(requests, true);
        } finally {
            lock.unlock();
        }
    }

    private long[] chainLocked(long[] requests) {
        return chainLocked(requests, false);
    }

    private long[] chainLocked(long[] requests, boolean written) {
        int n = requests.length / DrivenProtocol.REQUEST_WORDS;
        long[] results = new long[n];
        long start = tracer == null ? 0 : System.nanoTime();
        int done = 0;
        while (done < n) {
            int k = Math.min(CHAIN_CHUNK, n - done);
            boolean sent = written && done == 0;
            if (!sent) {
                DrivenProtocol.encodeChain(scratch, requests, done, k, this::endsService);
                sent = sendChunk(k);
            }
            int answered = sent ? receiveChunk(k) : 0;
            for (int i = 0; i < answered; i++) {
                results[done + i] = DrivenProtocol.result(reply, i);
            }
            if (answered < k) {
                done += answered;
                break;
            }
            done += k;
        }
        if (tracer != null) {
            for (int i = 0; i < n; i++) {
                int w = DrivenProtocol.REQUEST_WORDS * i;
                if (i <= done) {
                    report((int) requests[w], requests[w + 1], requests[w + 2], requests[w + 3], requests[w + 4],
                            requests[w + 5], requests[w + 6], i < done ? java.util.OptionalLong.of(results[i])
                                    : java.util.OptionalLong.empty(), start);
                }
            }
        }
        return done == n ? results : java.util.Arrays.copyOf(results, done);
    }

    private boolean endsService(long nr) {
        return nr == execveNr || nr == exitGroupNr;
    }

    private boolean sendChunk(int k) {
        if (eof) {
            return false;
        }
        int bytes = REQUEST * k;
        memory.write(buffer, scratch, 0, bytes);
        return writeFully(bytes);
    }

    /** Reads up to {@code k} results; returns how many arrived before EOF. */
    private int receiveChunk(int k) {
        int want = RESPONSE * k;
        int done = 0;
        while (done < want) {
            if (readiness != null && VirtualThreads.current()) {
                awaitReply();
            }
            long r = local.syscall(readNr, responseFd, buffer + REQUEST * CHAIN_CHUNK + done, want - done, 0, 0, 0);
            if (r == EINTR) {
                continue;
            }
            if (r == 0 && done % RESPONSE == 0) {
                eof = true;
                break;
            }
            if (r <= 0) {
                eof = true;
                throw new SyscallTransportException(description + ": reading the reply failed (" + r
                        + ") after " + done + " of " + want + " bytes");
            }
            done += (int) r;
        }
        memory.read(buffer + REQUEST * CHAIN_CHUNK, reply, 0, done);
        return done / RESPONSE;
    }

    /**
     * Parks a virtual thread until the reply (or EOF) is there, so that the read after it returns at once: a child
     * may sit in a syscall for long (an open of a FIFO with no writer), and a virtual thread blocked in read(2)
     * would pin its carrier meanwhile. The fd stays blocking, so platform threads keep reading it with one syscall
     * per reply; the read cannot block after readiness, as callers are serialized and nobody else reads the fd.
     * The wait ignores interrupts (and keeps the flag): a reply left unread would answer the next request.
     */
    private void awaitReply() {
        Readiness.Wait w;
        try {
            w = readiness.register(responseFd, Readiness.READABLE);
        } catch (IllegalStateException stopped) {
            return; // the kernel was closed: block in read, as a platform thread does
        }
        try {
            w.awaitUninterruptibly();
        } catch (IllegalStateException stopped) {
            // the loop stopped meanwhile: the read blocks instead
        }
    }

    /** Whether the channel has reached EOF or was closed. */
    public boolean isClosed() {
        return eof;
    }

    private boolean send(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
        DrivenProtocol.encodeRequest(scratch, 0, nr, a0, a1, a2, a3, a4, a5);
        return sendChunk(1);
    }

    private boolean writeFully(int bytes) {
        int done = 0;
        while (done < bytes) {
            long r = local.syscall(writeNr, requestFd, buffer + done, bytes - done, 0, 0, 0);
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
        return receiveChunk(1) == 1;
    }

    @Override
    public String describe() {
        return description;
    }
}
