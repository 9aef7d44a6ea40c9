package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.linux.Syscall;

/**
 * The driven-child server loop, as the api's machine-code blob runs it (internal): close the two fds the stack
 * data names, then read a 56-byte request from the request fd into the 64 bytes below the stack pointer, run it
 * (or skip it with -ECANCELED when it is chained to a request that failed or was skipped), write the 8-byte
 * result (or hold it back, when the request has DEFER set, and write it with the next one's); exit 0 on a clean EOF, with the byte count on a truncated request, 1 on a read or write error. Every step is a real
 * syscall of the child, so it appears in the trace and obeys fd, pipe and signal rules.
 */
final class Servers {
    private Servers() {}

    static final int REQUEST = 56;
    /** Bit 32 of a request's number word: skip it if the request before it failed or was skipped. */
    private static final long CHAINED = 1L << 32;
    /** Bit 33: hold the result back and write it with the next request's (at most RESULTS_HELD of them). */
    private static final long DEFER = 1L << 33;
    private static final int RESULTS_HELD = 32;

    /** Makes {@code p} a server (called by clone once the stack is known to start with the entry point). */
    static void start(Kernel k, Proc p, long stack, int requestFd, int responseFd, long closeFirst,
                      long closeSecond) {
        p.kind = Proc.Kind.SERVER;
        p.server = new Proc.ServerState(stack, requestFd, responseFd, closeFirst, closeSecond);
        p.server.phase = closeFirst >= 0 ? Proc.ServerState.CLOSE_FIRST
                : closeSecond >= 0 ? Proc.ServerState.CLOSE_SECOND : Proc.ServerState.READ;
        // The blob first resets every caught handler to SIG_DFL (ignored ones stay ignored).
        for (int sig = 1; sig <= NSIG; sig++) {
            Signals.Action a = p.sighand.action[sig];
            if (a.caught()) {
                a.handler = SIG_DFL;
                a.flags = 0;
                a.restorer = 0;
                a.mask = 0;
            }
        }
        issue(k, p);
    }

    private static void issue(Kernel k, Proc p) {
        Proc.ServerState s = p.server;
        int nr;
        long a0;
        long a1;
        long a2;
        switch (s.phase) {
            case Proc.ServerState.READ:
                nr = Syscall.READ.number(k.arch);
                a0 = s.requestFd;
                a1 = s.scratch + s.got;
                a2 = REQUEST - s.got;
                p.call = new Call(p, nr, a0, a1, a2, 0, 0, 0);
                break;
            case Proc.ServerState.WRITE:
                nr = Syscall.WRITE.number(k.arch);
                p.call = new Call(p, nr, s.responseFd, s.results + s.sent, s.pending - s.sent, 0, 0, 0);
                break;
            case Proc.ServerState.EXIT:
                p.call = new Call(p, Syscall.EXIT_GROUP.number(k.arch), s.exitCode, 0, 0, 0, 0, 0);
                break;
            case Proc.ServerState.CLOSE_FIRST:
            case Proc.ServerState.CLOSE_SECOND:
                p.call = new Call(p, Syscall.CLOSE.number(k.arch),
                        s.phase == Proc.ServerState.CLOSE_FIRST ? s.closeFirst : s.closeSecond, 0, 0, 0, 0, 0);
                break;
            default: {
                byte[] req = p.mm.copyIn(s.scratch, REQUEST);
                if (req == null) {
                    segv(k, p, s.scratch);
                    return;
                }
                long word = Bytes.getLong(req, 0);
                s.deferred = (word & DEFER) != 0;
                if ((word & CHAINED) != 0 && s.failed) {
                    // skipped without a syscall, as the blob does: straight to its -ECANCELED result
                    if (reply(k, p, -ECANCELED)) {
                        issue(k, p);
                    }
                    return;
                }
                p.call = new Call(p, (int) word, Bytes.getLong(req, 8), Bytes.getLong(req, 16),
                        Bytes.getLong(req, 24), Bytes.getLong(req, 32), Bytes.getLong(req, 40), Bytes.getLong(req, 48));
                break;
            }
        }
        p.run = Proc.Run.READY;
    }

    private static void segv(Kernel k, Proc p, long addr) {
        k.trace.record(p.pid + " SIGSEGV: server memory at 0x" + Long.toHexString(addr) + " is not accessible");
        k.dieBySignal(p, SIGSEGV);
    }

    /**
     * Adds result {@code r} to those held back, then either goes on reading (the request was deferred and there
     * is room) or writes them all. Returns false if the child died (its memory was not writable).
     */
    private static boolean reply(Kernel k, Proc p, long r) {
        Proc.ServerState s = p.server;
        if (!p.mm.writeLong(s.results + s.pending, r)) {
            segv(k, p, s.results + s.pending);
            return false;
        }
        s.pending += 8;
        if (s.deferred && s.pending < 8 * RESULTS_HELD) {
            s.phase = Proc.ServerState.READ;
            s.got = 0;
        } else {
            s.phase = Proc.ServerState.WRITE;
            s.sent = 0;
        }
        return true;
    }

    /** The syscall the server made finished with {@code r}: on to the next one. */
    static void next(Kernel k, Proc p, long r) {
        Proc.ServerState s = p.server;
        switch (s.phase) {
            case Proc.ServerState.READ:
                if (r == -EINTR) {
                    break;
                }
                if (r == 0) {
                    s.exitCode = s.got;
                    s.phase = Proc.ServerState.EXIT;
                } else if (r < 0) {
                    s.exitCode = 1;
                    s.phase = Proc.ServerState.EXIT;
                } else {
                    s.got += (int) r;
                    if (s.got == REQUEST) {
                        s.phase = Proc.ServerState.EXEC;
                    }
                }
                break;
            case Proc.ServerState.CLOSE_FIRST:
                s.phase = s.closeSecond >= 0 ? Proc.ServerState.CLOSE_SECOND : Proc.ServerState.READ;
                break;
            case Proc.ServerState.CLOSE_SECOND:
                s.phase = Proc.ServerState.READ;
                break;
            case Proc.ServerState.EXEC:
                s.failed = r < 0 && r >= -4095;
                if (!reply(k, p, r)) {
                    return;
                }
                break;
            case Proc.ServerState.WRITE:
                if (r == -EINTR) {
                    break;
                }
                if (r <= 0) {
                    s.exitCode = 1;
                    s.phase = Proc.ServerState.EXIT;
                } else {
                    s.sent += (int) r;
                    if (s.sent == s.pending) {
                        s.pending = 0;
                        s.phase = Proc.ServerState.READ;
                        s.got = 0;
                    }
                }
                break;
            default:
                break;
        }
        issue(k, p);
    }
}
