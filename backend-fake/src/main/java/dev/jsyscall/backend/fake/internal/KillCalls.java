// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.linux.Syscall;
import java.util.ArrayList;

/**
 * Signals sent to processes (internal): kill, tkill, tgkill, and pidfds, which name a process without its reusable
 * pid.
 */
final class KillCalls {
    private final PidTable pids;
    private final SignalDelivery signals;
    private final Vfs vfs;

    KillCalls(PidTable pids, SignalDelivery signals, Vfs vfs) {
        this.pids = pids;
        this.signals = signals;
        this.vfs = vfs;
    }

    void register(Registrar r) {
        r.register(Syscall.KILL, this::kill);
        r.register(Syscall.TKILL, c -> tgkill(c, -1, (int) c.a0, (int) c.a1));
        r.register(Syscall.TGKILL, c -> tgkill(c, (int) c.a0, (int) c.a1, (int) c.a2));
        r.register(Syscall.PIDFD_OPEN, this::pidfdOpen);
        r.register(Syscall.PIDFD_SEND_SIGNAL, this::pidfdSendSignal);
    }

    /** check_kill_permission (credentials part). */
    private static boolean mayKill(Proc from, Proc to, int sig) {
        Creds a = from.creds;
        Creds b = to.creds;
        if (a.euid == 0) {
            return true;
        }
        if (a.euid == b.suid || a.euid == b.uid || a.uid == b.suid || a.uid == b.uid) {
            return true;
        }
        return sig == SIGCONT && from.sid == to.sid;
    }

    /** check_kill_permission: an invalid signal is only noticed once a target was found. */
    private long sendWithCheck(Proc from, Proc to, Signals.Info info) {
        if (info.signo < 0 || info.signo > NSIG) {
            return -EINVAL;
        }
        if (!mayKill(from, to, info.signo)) {
            return -EPERM;
        }
        signals.sendSignal(to, info);
        return 0;
    }

    private long kill(Call c) {
        int pid = (int) c.a0;
        int sig = (int) c.a1;
        Proc me = c.proc;
        Signals.Info info = Signals.Info.user(sig, SI_USER, me.pid, me.creds.uid);
        if (pid > 0) {
            Proc t = pids.find(pid);
            return t == null ? -ESRCH : sendWithCheck(me, t, info);
        }
        if (pid == Integer.MIN_VALUE) {
            return -ESRCH;
        }
        if (pid == -1) {
            int count = 0;
            long retval = 0;
            for (Proc t : new ArrayList<>(pids.all())) {
                if (t.pid > 1 && t != me) {
                    long err = sendWithCheck(me, t, copy(info));
                    count++;
                    if (err != -EPERM) {
                        retval = err;
                    }
                }
            }
            return count > 0 ? retval : -ESRCH;
        }
        return killGroup(me, pid == 0 ? me.pgid : -pid, info);
    }

    private long killGroup(Proc me, int pgid, Signals.Info info) {
        boolean success = false;
        long retval = -ESRCH;
        for (Proc t : pids.inGroup(pgid)) {
            long err = sendWithCheck(me, t, copy(info));
            success |= err == 0;
            retval = err;
        }
        return success ? 0 : retval;
    }

    private static Signals.Info copy(Signals.Info i) {
        Signals.Info n = Signals.Info.user(i.signo, i.code, i.pid, i.uid);
        n.status = i.status;
        n.value = i.value;
        return n;
    }

    private long tgkill(Call c, int tgid, int tid, int sig) {
        if (tid <= 0 || (tgid != -1 && tgid <= 0)) {
            return -EINVAL;
        }
        Proc t = pids.find(tid);
        if (t == null || (tgid != -1 && tgid != tid)) {
            return -ESRCH;
        }
        Signals.Info info = Signals.Info.user(sig, SI_TKILL, c.proc.pid, c.proc.creds.uid);
        info.threadDirected = true;
        return sendWithCheck(c.proc, t, info);
    }

    private long pidfdOpen(Call c) {
        int pid = (int) c.a0;
        long flags = c.a1;
        if ((flags & ~(long) O_NONBLOCK) != 0 || pid <= 0) {
            return -EINVAL;
        }
        Proc t = pids.find(pid);
        if (t == null) {
            return -ESRCH;
        }
        int fd = c.proc.files.lowestFree(0, c.proc.rlimCur[RLIMIT_NOFILE]);
        if (fd < 0) {
            return fd;
        }
        c.proc.files.install(fd, new Files.PidFd(t, (int) flags, vfs.newIno()), true);
        return fd;
    }

    private long pidfdSendSignal(Call c) {
        int fd = (int) c.a0;
        int sig = (int) c.a1;
        long infoAddr = c.a2;
        long flags = c.a3;
        final long thread = 1, threadGroup = 2, processGroup = 4;
        if ((flags & ~(thread | threadGroup | processGroup)) != 0 || Long.bitCount(flags) > 1) {
            return -EINVAL;
        }
        Files.OpenFile f = c.proc.files.file(fd);
        if (!(f instanceof Files.PidFd)) {
            return -EBADF;
        }
        Proc t = ((Files.PidFd) f).target;
        Proc me = c.proc;
        Signals.Info info;
        if (infoAddr != 0) {
            byte[] raw = me.mm.copyIn(infoAddr, 128);
            if (raw == null) {
                return -EFAULT;
            }
            info = Signals.Info.user(Bytes.getInt(raw, 0), Bytes.getInt(raw, 8), Bytes.getInt(raw, 16),
                    Bytes.getInt(raw, 20));
            info.errno = Bytes.getInt(raw, 4);
            info.value = Bytes.getLong(raw, 24);
            if (info.signo != sig) {
                return -EINVAL;
            }
            if (t != me && (info.code >= 0 || info.code == SI_TKILL)) {
                return -EPERM;
            }
        } else {
            info = Signals.Info.user(sig, SI_USER, me.pid, me.creds.uid);
        }
        if (t.state == Proc.State.DEAD) {
            return -ESRCH;
        }
        if (flags == processGroup) {
            return killGroup(me, t.pgid, info);
        }
        return sendWithCheck(me, t, info);
    }
}
