// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import java.util.ArrayList;
import java.util.List;

/**
 * Exit, reparenting and reaping (internal): Linux's do_exit, forget_original_parent, do_notify_parent and
 * release_task.
 *
 * <p>A process that exits releases its shared state (files, fs, mm, signal handlers), hands its children to a
 * reaper, signals its parent and, if nobody will wait for it, is reaped at once; a program still running on a
 * program thread is unwound.
 */
final class Exits {
    private final Kernel k;

    Exits(Kernel k) {
        this.k = k;
    }

    void dieBySignal(Proc p, int sig) {
        boolean core = isCoreSignal(sig) && p.rlimCur[RLIMIT_CORE] != 0;
        p.waitStatus = sig | (core ? 0x80 : 0);
        p.cldCode = core ? CLD_DUMPED : CLD_KILLED;
        p.cldStatus = sig;
        doExit(p);
    }

    void exitWith(Proc p, int code) {
        p.waitStatus = (code & 0xff) << 8;
        p.cldCode = CLD_EXITED;
        p.cldStatus = code & 0xff;
        doExit(p);
    }

    private void doExit(Proc p) {
        if (!p.alive()) {
            return;
        }
        k.trace.record(p.pid + " exit: " + Kernel.describeStatus(p.waitStatus));
        p.state = Proc.State.ZOMBIE;
        Call c = p.call;
        if (c != null && !c.done) {
            c.done = true;
            c.result = -EINTR;
            if (c.state instanceof Futexes.Waiter) {
                k.futexes.cancel((Futexes.Waiter) c.state);
            }
        }
        p.run = Proc.Run.USER;
        p.stopped = false;
        p.stopReportable = false;
        p.killPending = false;
        p.pending = 0;
        p.pendingInfo.clear();
        releaseFiles(p);
        releaseFs(p);
        k.ptys.leaderExited(p);
        releaseMm(p);
        releaseSighand(p);
        forgetOriginalParent(p);
        k.signals.killOrphanedPgrp(p, null);
        boolean autoreap = notifyParentExit(p);
        if (autoreap || p.parent.kind == Proc.Kind.INIT) {
            reap(p);
        }
        if (p.runner != null) {
            k.programs.unwind(p, "process " + p.pid + " " + Kernel.describeStatus(p.waitStatus));
        }
    }

    void releaseFiles(Proc p) {
        Files.FdTable t = p.files;
        p.files = null;
        if (t == null || --t.users > 0) {
            return;
        }
        for (Integer fd : new ArrayList<>(t.fds.keySet())) {
            Files.OpenFile f = t.remove(fd);
            if (f != null) {
                f.released(k);
            }
        }
    }

    private void releaseFs(Proc p) {
        if (p.fs != null) {
            p.fs.users--;
        }
    }

    private void releaseSighand(Proc p) {
        if (p.sighand != null) {
            p.sighand.users--;
        }
    }

    /** mm_release: CLONE_CHILD_CLEARTID's write and futex wake, and the end of a vfork wait. */
    void releaseMm(Proc p) {
        AddressSpace mm = p.mm;
        if (mm == null) {
            return;
        }
        if (p.clearChildTid != 0) {
            if (mm.users > 1 && mm.writeInt(p.clearChildTid, 0)) {
                k.futexes.wake(mm, p.clearChildTid, 1);
            }
            p.clearChildTid = 0;
        }
        p.vforkPending = false;
        mm.users--;
    }

    private Proc findNewReaper(Proc father) {
        for (Proc r = father.parent; r != null && r.kind != Proc.Kind.INIT; r = r.parent) {
            if (r.childSubreaper && r.alive()) {
                return r;
            }
        }
        return k.init;
    }

    private void forgetOriginalParent(Proc father) {
        if (father.children.isEmpty()) {
            return;
        }
        Proc reaper = findNewReaper(father);
        List<Proc> kids = new ArrayList<>(father.children);
        father.children.clear();
        for (Proc ch : kids) {
            ch.parent = reaper;
            reaper.children.add(ch);
            if (ch.alive() && ch.pdeathSignal != 0) {
                k.signals.sendSignal(ch, Signals.Info.user(ch.pdeathSignal, SI_USER, father.pid, father.creds.uid));
            }
        }
        for (Proc ch : kids) {
            ch.exitSignal = SIGCHLD;
            if (ch.state == Proc.State.ZOMBIE) {
                boolean autoreap = notifyParentExit(ch);
                if (autoreap || reaper.kind == Proc.Kind.INIT) {
                    reap(ch);
                }
            }
            if (ch.state != Proc.State.DEAD) {
                k.signals.killOrphanedPgrp(ch, father);
            }
        }
    }

    /** do_notify_parent: the exit signal with CLD_* siginfo; returns whether the child is reaped at once. */
    private boolean notifyParentExit(Proc p) {
        Proc parent = p.parent;
        if (parent == k.local) {
            k.childChanges.changed();
        }
        int sig = p.exitSignal;
        boolean autoreap = false;
        Signals.Action a = parent.sighand != null ? parent.sighand.action[SIGCHLD] : null;
        if (sig == SIGCHLD && a != null && (a.handler == SIG_IGN || (a.flags & SA_NOCLDWAIT) != 0)) {
            autoreap = true;
            if (a.handler == SIG_IGN) {
                sig = 0;
            }
        }
        if (sig > 0 && sig <= NSIG) {
            Signals.Info i = Signals.Info.user(sig, p.cldCode, p.pid, p.creds.uid);
            i.status = p.cldStatus;
            k.signals.sendSignal(parent, i);
        }
        return autoreap;
    }

    void reap(Proc p) {
        if (p.state == Proc.State.DEAD) {
            return;
        }
        p.state = Proc.State.DEAD;
        if (p.parent != null) {
            p.parent.children.remove(p);
        }
        k.pids.remove(p);
        k.pids.unref(p.pid);
        k.pids.unref(p.pgid);
        k.pids.unref(p.sid);
        k.trace.record(p.pid + " reaped");
    }
}
