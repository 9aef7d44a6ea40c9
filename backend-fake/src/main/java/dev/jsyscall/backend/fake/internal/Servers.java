// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.linux.Syscall;
import dev.jsyscall.spi.DrivenProtocol;

/**
 * The driven-child server loop, as the api's machine-code blob runs it (internal): the server side of
 * {@link DrivenProtocol}. It closes the two fds the start data names, then reads each request from the request fd
 * into the 64 bytes below the stack pointer, runs it (or skips it with -ECANCELED when it is chained to a request
 * that failed or was skipped), and writes its result (or holds it back, when the request is deferred, and writes it
 * with the next one's). Every step is a real syscall of the child, so it appears in the trace and obeys fd, pipe
 * and signal rules.
 */
final class Servers {
    private Servers() {}

    private static final int REQUEST = DrivenProtocol.REQUEST_SIZE;
    private static final int RESULT = DrivenProtocol.RESULT_SIZE;

    /** Makes {@code p} a server (called by clone once the stack is known to start with the entry point). */
    static void start(Kernel k, Proc p, long stack, int requestFd, int responseFd, long closeFirst,
                      long closeSecond, boolean handlersReset) {
        p.kind = Proc.Kind.SERVER;
        p.server = new Proc.ServerState(stack, requestFd, responseFd, closeFirst, closeSecond);
        p.server.phase = closeFirst >= 0 ? Proc.ServerState.CLOSE_FIRST
                : closeSecond >= 0 ? Proc.ServerState.CLOSE_SECOND : Proc.ServerState.READ;
        // The blob first resets every caught handler to SIG_DFL (ignored ones stay ignored), unless the start
        // data says clone3's CLONE_CLEAR_SIGHAND had the kernel do it.
        if (!handlersReset) {
            p.sighand.resetCaught();
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
                long word = DrivenProtocol.requestWord(req, 0, 0);
                s.deferred = DrivenProtocol.isDeferred(word);
                if (DrivenProtocol.isChained(word) && s.failed) {
                    // skipped without a syscall, as the blob does: straight to its -ECANCELED result
                    if (reply(k, p, -ECANCELED)) {
                        issue(k, p);
                    }
                    return;
                }
                p.call = new Call(p, DrivenProtocol.syscallNumber(word), DrivenProtocol.requestWord(req, 0, 1),
                        DrivenProtocol.requestWord(req, 0, 2), DrivenProtocol.requestWord(req, 0, 3),
                        DrivenProtocol.requestWord(req, 0, 4), DrivenProtocol.requestWord(req, 0, 5),
                        DrivenProtocol.requestWord(req, 0, 6));
                break;
            }
        }
        p.run = Proc.Run.READY;
    }

    private static void segv(Kernel k, Proc p, long addr) {
        k.trace.record(p.pid + " SIGSEGV: server memory at 0x" + Long.toHexString(addr) + " is not accessible");
        k.exits.dieBySignal(p, SIGSEGV);
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
        s.pending += RESULT;
        if (s.deferred && s.pending < RESULT * DrivenProtocol.RESULTS_HELD) {
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
