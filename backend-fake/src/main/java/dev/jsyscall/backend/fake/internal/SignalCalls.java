// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.linux.Syscall;

/** Signal syscalls: dispositions, masks, pending sets, waiting for signals (internal). */
final class SignalCalls {
    private final PidTable pids;
    private final SignalDelivery signals;
    private final Clock clock;

    SignalCalls(PidTable pids, SignalDelivery signals, Clock clock) {
        this.pids = pids;
        this.signals = signals;
        this.clock = clock;
    }

    void register(Registrar r) {
        r.register(Syscall.RT_SIGACTION, this::sigaction);
        r.register(Syscall.RT_SIGPROCMASK, this::sigprocmask);
        r.register(Syscall.RT_SIGPENDING, this::sigpending);
        r.register(Syscall.RT_SIGSUSPEND, this::sigsuspend);
        r.register(Syscall.PAUSE, this::pause);
        r.register(Syscall.RT_SIGTIMEDWAIT, this::sigtimedwait);
        r.register(Syscall.SIGALTSTACK, this::sigaltstack);
        r.register(Syscall.RT_SIGQUEUEINFO, c -> sigqueueinfo(c, (int) c.a0, (int) c.a0, (int) c.a1, c.a2));
        r.register(Syscall.RT_TGSIGQUEUEINFO, c -> sigqueueinfo(c, (int) c.a0, (int) c.a1, (int) c.a2, c.a3));
    }

    private long sigaction(Call c) {
        Proc p = c.proc;
        int sig = (int) c.a0;
        long act = c.a1;
        long oact = c.a2;
        if (c.a3 != 8) {
            return -EINVAL;
        }
        if (sig < 1 || sig > NSIG || (act != 0 && (sig == SIGKILL || sig == SIGSTOP))) {
            return -EINVAL;
        }
        Signals.Action cur = p.sighand.action[sig];
        Signals.Action old = cur.copy();
        if (act != 0) {
            byte[] b = p.mm.copyIn(act, 32);
            if (b == null) {
                return -EFAULT;
            }
            cur.handler = Bytes.getLong(b, 0);
            cur.flags = Bytes.getLong(b, 8) & UAPI_SA_FLAGS;
            cur.restorer = Bytes.getLong(b, 16);
            cur.mask = Bytes.getLong(b, 24) & ~UNBLOCKABLE;
            // POSIX: setting a pending signal to be ignored discards it
            if (cur.handler == SIG_IGN || (cur.handler == SIG_DFL && isDefaultIgnored(sig))) {
                if ((p.pending & sigbit(sig)) != 0) {
                    p.pending &= ~sigbit(sig);
                    p.pendingInfo.removeIf(i -> i.signo == sig);
                }
            }
        }
        if (oact != 0) {
            byte[] b = new byte[32];
            Bytes.putLong(b, 0, old.handler);
            Bytes.putLong(b, 8, old.flags & UAPI_SA_FLAGS);
            Bytes.putLong(b, 16, old.restorer);
            Bytes.putLong(b, 24, old.mask);
            if (!p.mm.copyOut(oact, b)) {
                return -EFAULT;
            }
        }
        return 0;
    }

    private long sigprocmask(Call c) {
        Proc p = c.proc;
        int how = (int) c.a0;
        if (c.a3 != 8) {
            return -EINVAL;
        }
        long old = p.blocked;
        if (c.a1 != 0) {
            Long set = p.mm.readLong(c.a1);
            if (set == null) {
                return -EFAULT;
            }
            long s = set & ~UNBLOCKABLE;
            switch (how) {
                case SIG_BLOCK:
                    p.blocked |= s;
                    break;
                case SIG_UNBLOCK:
                    p.blocked &= ~s;
                    break;
                case SIG_SETMASK:
                    p.blocked = s;
                    break;
                default:
                    return -EINVAL;
            }
        }
        if (c.a2 != 0 && !p.mm.writeLong(c.a2, old)) {
            return -EFAULT;
        }
        return 0;
    }

    private long sigpending(Call c) {
        Proc p = c.proc;
        if (c.a1 > 8 || c.a1 < 0) {
            return -EINVAL;
        }
        byte[] b = new byte[8];
        Bytes.putLong(b, 0, p.pending & p.blocked);
        return p.mm.copyOut(c.a0, b, 0, (int) c.a1) ? 0 : -EFAULT;
    }

    /**
     * Installs the temporary signal mask of a syscall that takes one (ppoll, epoll_pwait, rt_sigsuspend) for the
     * time it blocks; {@link Kernel#complete} restores the saved mask. A bad size or address ends the syscall.
     */
    static void swapInMask(Call c, long addr, long sigsetsize) {
        if (sigsetsize != 8) {
            throw new SyscallError(EINVAL);
        }
        Long mask = c.proc.mm.readLong(addr);
        if (mask == null) {
            throw new SyscallError(EFAULT);
        }
        c.savedMask = c.proc.blocked;
        c.maskSwapped = true;
        c.proc.blocked = mask & ~UNBLOCKABLE;
    }

    private long sigsuspend(Call c) {
        Proc p = c.proc;
        if (!c.maskSwapped) {
            swapInMask(c, c.a0, c.a1);
        }
        c.restartable = false;
        c.waitingFor = "a signal (sigsuspend)";
        c.madeProgress = !c.blockedOnce;
        return Kernel.BLOCK;
    }

    private long pause(Call c) {
        c.restartable = false;
        c.waitingFor = "a signal (pause)";
        return Kernel.BLOCK;
    }

    private long sigtimedwait(Call c) {
        Proc p = c.proc;
        if (c.a3 != 8) {
            return -EINVAL;
        }
        Long set = p.mm.readLong(c.a0);
        if (set == null) {
            return -EFAULT;
        }
        long wanted = set & ~UNBLOCKABLE;
        if (c.a2 != 0 && !c.blockedOnce && c.deadline == Call.NO_DEADLINE) {
            long ns = Timespecs.readNs(p, c.a2);
            if (ns < 0) {
                return ns;
            }
            c.deadline = clock.monotonicNs() + ns + c.lateNs;
        }
        long ready = p.pending & wanted;
        if (ready != 0) {
            int sig = Long.numberOfTrailingZeros(ready) + 1;
            Signals.Info info = signals.dequeue(p, sig);
            if (c.a1 != 0 && !p.mm.copyOut(c.a1, info.encode())) {
                return -EFAULT;
            }
            return sig;
        }
        if (c.deadline != Call.NO_DEADLINE && clock.monotonicNs() >= c.deadline) {
            return -EAGAIN;
        }
        c.restartable = false;
        c.waitingFor = "one of the signals " + Signals.maskToString(wanted);
        return Kernel.BLOCK;
    }

    private long sigaltstack(Call c) {
        Proc p = c.proc;
        if (c.a1 != 0) {
            byte[] old = new byte[24];
            Bytes.putInt(old, 8, 2); // SS_DISABLE: the fake never runs handlers, so no stack is ever in use
            if (!p.mm.copyOut(c.a1, old)) {
                return -EFAULT;
            }
        }
        if (c.a0 != 0 && p.mm.copyIn(c.a0, 24) == null) {
            return -EFAULT;
        }
        return 0;
    }

    private long sigqueueinfo(Call c, int tgid, int tid, int sig, long uinfo) {
        Proc p = c.proc;
        byte[] raw = p.mm.copyIn(uinfo, 128);
        if (raw == null) {
            return -EFAULT;
        }
        if (sig <= 0 || sig > NSIG) {
            return -EINVAL;
        }
        Proc t = pids.find(tid);
        if (t == null || tgid != tid) {
            return -ESRCH;
        }
        Signals.Info info = Signals.Info.user(sig, Bytes.getInt(raw, 8), Bytes.getInt(raw, 16), Bytes.getInt(raw, 20));
        info.value = Bytes.getLong(raw, 24);
        if ((info.code >= 0 || info.code == SI_TKILL) && t != p) {
            return -EPERM;
        }
        signals.sendSignal(t, info);
        return 0;
    }
}
