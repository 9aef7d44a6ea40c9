// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.backend.fake.FakeUnsupportedException;
import dev.jsyscall.linux.Syscall;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Priorities, resource limits and prctl (internal): per-process settings that one process may read or change in
 * another.
 */
final class LimitCalls {
    private final PidTable pids;

    LimitCalls(PidTable pids) {
        this.pids = pids;
    }

    void register(Registrar r) {
        r.register(Syscall.GETPRIORITY, this::getpriority);
        r.register(Syscall.SETPRIORITY, this::setpriority);
        r.register(Syscall.PRLIMIT64, c -> prlimit(c, (int) c.a0, (int) c.a1, c.a2, c.a3));
        r.register(Syscall.GETRLIMIT, c -> getrlimit(c, (int) c.a0, c.a1));
        r.register(Syscall.SETRLIMIT, c -> setrlimit(c, (int) c.a0, c.a1));
        r.register(Syscall.PRCTL, this::prctl);
    }

    private List<Proc> prioTargets(Call c, int which, int who) {
        List<Proc> out = new ArrayList<>();
        Proc me = c.proc;
        switch (which) {
            case PRIO_PROCESS: {
                Proc p = who == 0 ? me : pids.find(who);
                if (p != null && p.alive()) {
                    out.add(p);
                }
                break;
            }
            case PRIO_PGRP:
                for (Proc p : pids.inGroup(who == 0 ? me.pgid : who)) {
                    if (p.alive()) {
                        out.add(p);
                    }
                }
                break;
            default: {
                int uid = who == 0 ? me.creds.uid : who;
                for (Proc p : pids.all()) {
                    if (p.alive() && p.creds.uid == uid && p.kind != Proc.Kind.INIT) {
                        out.add(p);
                    }
                }
            }
        }
        return out;
    }

    private long getpriority(Call c) {
        int which = (int) c.a0;
        int who = (int) c.a1;
        if (which < PRIO_PROCESS || which > PRIO_USER || who < 0) {
            return which < PRIO_PROCESS || which > PRIO_USER ? -EINVAL : -ESRCH;
        }
        List<Proc> ts = prioTargets(c, which, who);
        if (ts.isEmpty()) {
            return -ESRCH;
        }
        long best = 0;
        for (Proc p : ts) {
            best = Math.max(best, 20 - p.nice); // the raw syscall returns 20 - nice, never negative
        }
        return best;
    }

    private long setpriority(Call c) {
        int which = (int) c.a0;
        int who = (int) c.a1;
        int nice = (int) c.a2;
        if (which < PRIO_PROCESS || which > PRIO_USER) {
            return -EINVAL;
        }
        if (who < 0) {
            return -ESRCH;
        }
        nice = Math.max(-20, Math.min(19, nice));
        List<Proc> ts = prioTargets(c, which, who);
        if (ts.isEmpty()) {
            return -ESRCH;
        }
        Proc me = c.proc;
        long error = 0;
        for (Proc p : ts) {
            if (!Namespaces.capableIn(me, p.userns) && p.creds.uid != me.creds.euid
                    && p.creds.euid != me.creds.euid) {
                error = -EPERM;
                continue;
            }
            if (nice < p.nice && !Namespaces.capableInInitial(me) && 20 - nice > p.rlimCur[RLIMIT_NICE]) {
                error = -EACCES;
                continue;
            }
            p.nice = nice;
        }
        return error;
    }

    /**
     * kernel/sys.c prlimit64: copy the new limit in (EFAULT), find the task (ESRCH), check_prlimit_permission
     * (EPERM), do_prlimit (below), and only then copy the old limit out (EFAULT), the new one being set already.
     */
    private long prlimit(Call c, int pid, int resource, long newAddr, long oldAddr) {
        Proc me = c.proc;
        long[] limit = null;
        if (newAddr != 0) {
            limit = readRlimit(me, newAddr);
            if (limit == null) {
                return -EFAULT;
            }
        }
        Proc p = pid == 0 ? me : pids.find(pid);
        if (pid < 0 || p == null || !p.alive()) {
            return -ESRCH;
        }
        if (p != me && !Namespaces.capableIn(me, p.userns) && (p.creds.uid != me.creds.uid || p.creds.euid != me.creds.uid
                || p.creds.suid != me.creds.uid)) {
            return -EPERM;
        }
        long[] old = new long[2];
        long r = doPrlimit(me, p, resource, limit, old);
        if (r == 0 && oldAddr != 0 && !writeRlimit(me, oldAddr, old)) {
            return -EFAULT;
        }
        return r;
    }

    /** kernel/sys.c getrlimit: do_prlimit (EINVAL), then the copy out, to which NULL is a fault. */
    private long getrlimit(Call c, int resource, long addr) {
        long[] old = new long[2];
        long r = doPrlimit(c.proc, c.proc, resource, null, old);
        return r != 0 ? r : writeRlimit(c.proc, addr, old) ? 0 : -EFAULT;
    }

    /** kernel/sys.c setrlimit: the copy in first (NULL is a fault), then do_prlimit. */
    private long setrlimit(Call c, int resource, long addr) {
        long[] limit = readRlimit(c.proc, addr);
        return limit == null ? -EFAULT : doPrlimit(c.proc, c.proc, resource, limit, new long[2]);
    }

    private static long[] readRlimit(Proc me, long addr) {
        byte[] b = me.mm.copyIn(addr, 16);
        return b == null ? null : new long[] {Bytes.getLong(b, 0), Bytes.getLong(b, 8)};
    }

    private static boolean writeRlimit(Proc me, long addr, long[] limit) {
        byte[] b = new byte[16];
        Bytes.putLong(b, 0, limit[0]);
        Bytes.putLong(b, 8, limit[1]);
        return me.mm.copyOut(addr, b);
    }

    /**
     * kernel/sys.c do_prlimit: the resource (EINVAL), soft above hard (EINVAL), NOFILE above nr_open (EPERM),
     * raising the hard limit without CAP_SYS_RESOURCE (EPERM); fills {@code old}, then sets {@code limit}.
     */
    private static long doPrlimit(Proc me, Proc p, int resource, long[] limit, long[] old) {
        if (resource < 0 || resource >= RLIM_NLIMITS) {
            return -EINVAL;
        }
        if (limit != null) {
            if (Long.compareUnsigned(limit[0], limit[1]) > 0) {
                return -EINVAL;
            }
            if (resource == RLIMIT_NOFILE && Long.compareUnsigned(limit[1], NR_OPEN) > 0) {
                return -EPERM;
            }
            if (Long.compareUnsigned(limit[1], p.rlimMax[resource]) > 0 && !Namespaces.capableInInitial(me)) {
                return -EPERM;
            }
        }
        old[0] = p.rlimCur[resource];
        old[1] = p.rlimMax[resource];
        if (limit != null) {
            p.rlimCur[resource] = limit[0];
            p.rlimMax[resource] = limit[1];
        }
        return 0;
    }

    private long prctl(Call c) {
        Proc me = c.proc;
        int option = (int) c.a0;
        switch (option) {
            case PR_SET_PDEATHSIG:
                if (c.a1 < 0 || c.a1 > NSIG) {
                    return -EINVAL;
                }
                me.pdeathSignal = (int) c.a1;
                return 0;
            case PR_GET_PDEATHSIG:
                return me.mm.writeInt(c.a1, me.pdeathSignal) ? 0 : -EFAULT;
            case PR_SET_CHILD_SUBREAPER:
                me.childSubreaper = c.a1 != 0;
                return 0;
            case PR_GET_CHILD_SUBREAPER:
                return me.mm.writeInt(c.a1, me.childSubreaper ? 1 : 0) ? 0 : -EFAULT;
            case PR_SET_NAME: {
                byte[] name = me.mm.copyString(c.a1, 15);
                if (name == null) {
                    return -EFAULT;
                }
                me.comm = new String(name, 0, Math.min(name.length, 15), StandardCharsets.UTF_8);
                return 0;
            }
            case PR_GET_NAME: {
                byte[] out = new byte[16];
                byte[] n = me.comm.getBytes(StandardCharsets.UTF_8);
                System.arraycopy(n, 0, out, 0, Math.min(15, n.length));
                return me.mm.copyOut(c.a1, out) ? 0 : -EFAULT;
            }
            case PR_GET_DUMPABLE:
                return 1;
            case PR_SET_DUMPABLE:
                return c.a1 == 0 || c.a1 == 1 ? 0 : -EINVAL;
            case PR_SET_NO_NEW_PRIVS:
                // one way only: there is no unset
                if (c.a1 != 1 || c.a2 != 0 || c.a3 != 0 || c.a4 != 0) {
                    return -EINVAL;
                }
                me.noNewPrivs = true;
                return 0;
            case PR_GET_NO_NEW_PRIVS:
                if (c.a1 != 0 || c.a2 != 0 || c.a3 != 0 || c.a4 != 0) {
                    return -EINVAL;
                }
                return me.noNewPrivs ? 1 : 0;
            default:
                throw new FakeUnsupportedException("prctl option " + option + " is not simulated");
        }
    }
}
