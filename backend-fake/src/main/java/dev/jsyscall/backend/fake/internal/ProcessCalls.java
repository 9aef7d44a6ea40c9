// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.linux.Syscall;

/** Process identity syscalls (internal): pids, process groups and sessions, set_tid_address and getrusage. */
final class ProcessCalls {
    private final PidTable pids;

    ProcessCalls(PidTable pids) {
        this.pids = pids;
    }

    void register(Registrar r) {
        r.register(Syscall.GETPID, c -> c.proc.pid);
        r.register(Syscall.GETTID, c -> c.proc.pid);
        r.register(Syscall.GETPPID, c -> c.proc.parent == null ? 0 : c.proc.parent.pid);
        r.register(Syscall.GETPGRP, c -> c.proc.pgid);
        r.register(Syscall.GETPGID, c -> getpgid(c, false));
        r.register(Syscall.GETSID, c -> getpgid(c, true));
        r.register(Syscall.SETPGID, this::setpgid);
        r.register(Syscall.SETSID, this::setsid);
        r.register(Syscall.SET_TID_ADDRESS, c -> {
            c.proc.clearChildTid = c.a0;
            return c.proc.pid;
        });
        r.register(Syscall.GETRUSAGE, this::getrusage);
    }

    // ------------------------------------------------------------------ ids, groups, sessions

    private long getpgid(Call c, boolean session) {
        int pid = (int) c.a0;
        Proc p = pid == 0 ? c.proc : pids.find(pid);
        if (pid < 0 || p == null) {
            return -ESRCH;
        }
        return session ? p.sid : p.pgid;
    }

    /** ksys_setpgid, in Linux's order of checks. */
    private long setpgid(Call c) {
        Proc me = c.proc;
        int pid = (int) c.a0;
        int pgid = (int) c.a1;
        if (pid == 0) {
            pid = me.pid;
        }
        if (pgid == 0) {
            pgid = pid;
        }
        if (pgid < 0) {
            return -EINVAL;
        }
        Proc p = pids.find(pid);
        if (p == null || pid < 0) {
            return -ESRCH;
        }
        if (p.parent == me) {
            if (p.sid != me.sid) {
                return -EPERM;
            }
            if (p.execed) {
                return -EACCES;
            }
        } else if (p != me) {
            return -ESRCH;
        }
        if (p.sid == p.pid) {
            return -EPERM; // a session leader
        }
        if (pgid != pid) {
            boolean found = false;
            for (Proc g : pids.all()) {
                if (g.pgid == pgid && g.sid == me.sid) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return -EPERM;
            }
        }
        if (p.pgid != pgid) {
            pids.unref(p.pgid);
            pids.ref(pgid);
            p.pgid = pgid;
        }
        return 0;
    }

    private long setsid(Call c) {
        Proc me = c.proc;
        for (Proc g : pids.all()) {
            if (g.pgid == me.pid) {
                return -EPERM; // we lead a group, or our pid is some group's id
            }
        }
        pids.unref(me.pgid);
        pids.unref(me.sid);
        me.pgid = me.pid;
        me.sid = me.pid;
        pids.ref(me.pid);
        pids.ref(me.pid);
        return me.pid;
    }

    private long getrusage(Call c) {
        int who = (int) c.a0;
        if (who != 0 && who != -1 && who != 1) {
            return -EINVAL;
        }
        return c.proc.mm.copyOut(c.a1, new byte[144]) ? 0 : -EFAULT;
    }
}
