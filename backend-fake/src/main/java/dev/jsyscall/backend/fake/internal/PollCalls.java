// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.linux.Syscall;

/** poll and ppoll (internal): readiness of a set of fds, with a timeout on the virtual clock. */
final class PollCalls {
    /** Only handed to {@code OpenFile.poll}: a socket's, pty's or eventfd's readiness is kernel state. */
    private final Kernel k;
    private final Clock clock;

    PollCalls(Kernel k, Clock clock) {
        this.k = k;
        this.clock = clock;
    }

    void register(Registrar r) {
        r.register(Syscall.PPOLL, this::ppoll);
        r.register(Syscall.POLL, this::poll);
    }

    private long ppoll(Call c) {
        Proc p = c.proc;
        long timeout = -1;
        if (c.a2 != 0) {
            timeout = Timespecs.readNs(p, c.a2);
            if (timeout < 0) {
                return timeout;
            }
        }
        if (c.a3 != 0 && !c.blockedOnce && !c.maskSwapped) {
            SignalCalls.swapInMask(c, c.a3, c.a4);
        }
        long r = pollCore(c, c.a0, c.a1, timeout);
        if (c.a2 != 0 && r != Kernel.BLOCK) {
            writeRemaining(p, c, c.a2);
        }
        if (c.onInterrupt == null && c.a2 != 0) {
            c.onInterrupt = () -> {
                writeRemaining(p, c, c.a2);
                return -EINTR;
            };
        }
        return r;
    }

    private void writeRemaining(Proc p, Call c, long tsAddr) {
        long left = c.deadline == Call.NO_DEADLINE ? 0 : Math.max(0, c.deadline - c.lateNs - clock.monotonicNs());
        byte[] ts = new byte[16];
        Bytes.putLong(ts, 0, left / 1_000_000_000L);
        Bytes.putLong(ts, 8, left % 1_000_000_000L);
        p.mm.copyOut(tsAddr, ts);
    }

    private long poll(Call c) {
        int ms = (int) c.a2;
        return pollCore(c, c.a0, c.a1, ms < 0 ? -1 : ms * 1_000_000L);
    }

    private long pollCore(Call c, long fdsAddr, long nfds, long timeoutNs) {
        Proc p = c.proc;
        c.restartable = false; // poll returns EINTR after a handler, whatever SA_RESTART says
        if (nfds < 0 || nfds > p.rlimCur[RLIMIT_NOFILE]) {
            return -EINVAL;
        }
        byte[] raw = p.mm.copyIn(fdsAddr, nfds * 8);
        if (raw == null) {
            return -EFAULT;
        }
        if (c.deadline == Call.NO_DEADLINE && timeoutNs >= 0 && !c.blockedOnce) {
            c.deadline = clock.monotonicNs() + timeoutNs + c.lateNs;
        }
        int count = 0;
        for (int i = 0; i < nfds; i++) {
            int fd = Bytes.getInt(raw, 8 * i);
            int events = Bytes.getShort(raw, 8 * i + 4) & 0xffff;
            int revents = 0;
            if (fd >= 0) {
                Files.OpenFile f = p.files.file(fd);
                if (f == null || f.isPath()) {
                    // do_pollfd's fdget does not see an O_PATH fd
                    revents = POLLNVAL;
                } else {
                    revents = f.poll(k) & (events | POLLERR | POLLHUP | POLLNVAL);
                }
            }
            Bytes.putShort(raw, 8 * i + 6, revents);
            if (revents != 0) {
                count++;
            }
        }
        boolean expired = timeoutNs == 0 || (c.deadline != Call.NO_DEADLINE && clock.monotonicNs() >= c.deadline);
        if (count == 0 && !expired) {
            c.waitingFor = "one of " + nfds + " polled fds";
            return Kernel.BLOCK;
        }
        if (!p.mm.copyOut(fdsAddr, raw)) {
            return -EFAULT;
        }
        return count;
    }
}
