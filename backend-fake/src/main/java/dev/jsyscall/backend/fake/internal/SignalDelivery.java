// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

/**
 * Signal generation and delivery (internal): Linux's send_signal and complete_signal, dequeueing, delivery on
 * the way back to user mode, job-control stops and orphaned process groups.
 *
 * <p>It touches processes only through the {@link PidTable}, records in the trace, ends a process through the
 * kernel's exit path and completes an interrupted call through the scheduler; it never schedules by itself.
 */
final class SignalDelivery {
    private final Kernel k;

    SignalDelivery(Kernel k) {
        this.k = k;
    }

    /** What {@link #deliverSignals} did. */
    static final int SIG_NONE = 0, SIG_HANDLED = 1, SIG_STOPPED = 2, SIG_DIED = 3;

    /** Linux's sig_ignored: a signal that would be discarded on generation. */
    private boolean ignoredOnGeneration(Proc t, int sig) {
        if ((t.blocked & sigbit(sig)) != 0 && sig != SIGKILL && sig != SIGSTOP) {
            return false;
        }
        Signals.Action a = t.sighand.action[sig];
        if (t.kind == Proc.Kind.INIT && a.handler == SIG_DFL) {
            return true; // SIGNAL_UNKILLABLE: init gets only the signals it has handlers for
        }
        return a.handler == SIG_IGN || (a.handler == SIG_DFL && isDefaultIgnored(sig));
    }

    /** Generates a signal for a process (send_signal + complete_signal). */
    void sendSignal(Proc t, Signals.Info info) {
        int sig = info.signo;
        if (sig <= 0 || !t.alive()) {
            return;
        }
        // prepare_signal: stop and continue signals cancel each other, SIGCONT resumes at once
        if (isStopSignal(sig)) {
            removePending(t, sigbit(SIGCONT));
        } else if (sig == SIGCONT) {
            removePending(t, STOP_SIGNALS);
            if (t.stopped) {
                t.stopped = false;
                t.stopReportable = false;
                t.continuedReportable = true;
                t.notifyContinuedPending = true;
                k.trace.record(t.pid + " continued");
            }
        }
        if (ignoredOnGeneration(t, sig)) {
            return;
        }
        long bit = sigbit(sig);
        if (sig < SIGRTMIN && (t.pending & bit) != 0) {
            return; // standard signals do not queue
        }
        t.pending |= bit;
        t.pendingInfo.add(info);
        Signals.Action a = t.sighand.action[sig];
        boolean fatal = sig == SIGKILL || ((t.blocked & bit) == 0 && a.handler == SIG_DFL && !isStopSignal(sig)
                && !isDefaultIgnored(sig) && t.kind != Proc.Kind.INIT);
        if (fatal && !t.killPending) {
            t.killPending = true;
            t.killSignal = sig;
        }
    }

    void sendSignalToThread(Proc t, Signals.Info info) {
        info.threadDirected = true;
        sendSignal(t, info);
    }

    private void removePending(Proc t, long mask) {
        if ((t.pending & mask) == 0) {
            return;
        }
        t.pending &= ~mask;
        t.pendingInfo.removeIf(i -> (sigbit(i.signo) & mask) != 0);
    }

    /** Removes the first pending instance of {@code sig} and returns its siginfo. */
    Signals.Info dequeue(Proc p, int sig) {
        Signals.Info found = null;
        boolean more = false;
        for (java.util.Iterator<Signals.Info> it = p.pendingInfo.iterator(); it.hasNext();) {
            Signals.Info i = it.next();
            if (i.signo == sig) {
                if (found == null) {
                    found = i;
                    it.remove();
                } else {
                    more = true;
                }
            }
        }
        if (!more) {
            p.pending &= ~sigbit(sig);
        }
        return found != null ? found : Signals.Info.kernel(sig);
    }

    /** Delivery on the way back to user mode: default actions, "handlers" (counted), interruption of a wait. */
    int deliverSignals(Proc p) {
        int result = SIG_NONE;
        while (p.alive()) {
            long deliverable = p.pending & ~p.blocked;
            if (deliverable == 0) {
                break;
            }
            int sig = Long.numberOfTrailingZeros(deliverable) + 1;
            Signals.Info info = dequeue(p, sig);
            Signals.Action a = p.sighand.action[sig];
            if (a.handler == SIG_IGN) {
                continue;
            }
            if (a.handler == SIG_DFL) {
                if (p.kind == Proc.Kind.INIT || isDefaultIgnored(sig)) {
                    continue;
                }
                if (isStopSignal(sig)) {
                    if (sig != SIGSTOP && pgrpOrphaned(p.pgid, null)) {
                        continue; // POSIX: terminal stop signals are discarded in an orphaned process group
                    }
                    stop(p, sig);
                    return SIG_STOPPED;
                }
                k.exits.dieBySignal(p, sig);
                return SIG_DIED;
            }
            p.handled[sig]++;
            k.trace.record(p.pid + " handler " + signalName(sig) + " " + info);
            if ((a.flags & SA_RESETHAND) != 0) {
                a.handler = SIG_DFL;
                a.flags &= ~SA_SIGINFO;
            }
            Call c = p.call;
            if (c != null && !c.done && c.blockedOnce && !c.killableOnly) {
                boolean restart = (a.flags & SA_RESTART) != 0 && c.restartable && c.progress == 0;
                if (!restart) {
                    long r = c.onInterrupt != null ? c.onInterrupt.getAsLong() : c.progress > 0 ? c.progress : -EINTR;
                    k.complete(c, r);
                }
            }
            result = SIG_HANDLED;
        }
        return result;
    }

    private void stop(Proc p, int sig) {
        p.stopped = true;
        p.stopSignal = sig;
        p.stopReportable = true;
        p.continuedReportable = false;
        p.notifyContinuedPending = false;
        k.trace.record(p.pid + " stopped by " + signalName(sig));
        notifyParentCldStop(p, CLD_STOPPED, sig);
    }

    /** do_notify_parent_cldstop: SIGCHLD (always SIGCHLD) unless the parent set SA_NOCLDSTOP or ignores it. */
    void notifyParentCldStop(Proc p, int why, int status) {
        Proc parent = p.parent;
        if (parent == null || !parent.alive()) {
            return;
        }
        Signals.Action a = parent.sighand.action[SIGCHLD];
        if (a.handler != SIG_IGN && (a.flags & SA_NOCLDSTOP) == 0) {
            Signals.Info i = Signals.Info.user(SIGCHLD, why, p.pid, p.creds.uid);
            i.status = status;
            sendSignal(parent, i);
        }
    }

    /** Linux's will_become_orphaned_pgrp. */
    boolean pgrpOrphaned(int pgrp, Proc ignored) {
        for (Proc p : k.pids.all()) {
            if (p.pgid != pgrp || p == ignored || !p.alive() || p.parent == null || p.parent.kind == Proc.Kind.INIT) {
                continue;
            }
            if (p.parent.pgid != pgrp && p.parent.sid == p.sid) {
                return false;
            }
        }
        return true;
    }

    void killOrphanedPgrp(Proc tsk, Proc parent) {
        Proc ignored = tsk;
        if (parent == null) {
            parent = tsk.parent;
        } else {
            ignored = null;
        }
        if (parent == null) {
            return;
        }
        int pgrp = tsk.pgid;
        if (parent.pgid != pgrp && parent.sid == tsk.sid && pgrpOrphaned(pgrp, ignored)) {
            boolean stoppedJobs = false;
            for (Proc p : k.pids.inGroup(pgrp)) {
                stoppedJobs |= p.alive() && p.stopped;
            }
            if (stoppedJobs) {
                for (Proc p : k.pids.inGroup(pgrp)) {
                    sendSignal(p, Signals.Info.kernel(SIGHUP));
                }
                for (Proc p : k.pids.inGroup(pgrp)) {
                    sendSignal(p, Signals.Info.kernel(SIGCONT));
                }
            }
        }
    }
}
