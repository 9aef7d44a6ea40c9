// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.Command;
import dev.jsyscall.SpawnFailedException;
import dev.jsyscall.internal.DrivenSyscallInterface;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.landlock.Landlock;
import dev.jsyscall.linux.landlock.LandlockRuleset;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.linux.sched.Sched;
import dev.jsyscall.linux.signal.Signals;
import dev.jsyscall.linux.unistd.Unistd;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Carries out a {@link SetupPlan}: clones the child, runs the plan's entries in it in order and execs the command,
 * choosing for each entry whether it is queued on a {@link SetupBatch} or needs the child's answers first. It is
 * apart from {@code SetupBatch} because the two jobs differ: a batch is a queue of calls and their layout in the
 * child's memory, usable on its own through {@link ChildTask#batch()}; this is the order of one spawn, from the
 * plan down to the clone and the exec, which uses batches (one laid out before the clone when nothing needs an
 * answer) and never the other way round.
 */
final class PlanRunner {
    private PlanRunner() {
    }

    /**
     * Runs {@code plan} in a child cloned from {@code task}, as {@link SetupPlan#start} says: the plan's set-up
     * laid out ahead when it can be, the clone, the entries in order, then the exec.
     */
    static ChildProcess start(LocalTask task, SetupPlan plan) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(plan, "plan");
        Command command = plan.command();
        ChildTask child;
        Set<CloneFlag> namespaces = atClone(plan);
        Optional<SetupBatch> ahead = ahead(task, plan);
        long[] requests = ahead.map(a -> a.layAhead(PathSearch.firstImage(task.execStrings(command), command)))
                .orElse(null);
        try {
            // the child's parent thread only matters to PR_SET_PDEATHSIG: without it, clone right here and save
            // the hand-over to the clone thread and back
            child = task.cloneChild(plan.floor(), intoCgroup(plan), !plan.cloneThread(), namespaces, requests);
        } catch (RuntimeException e) {
            ahead.ifPresent(SetupBatch::dropAhead);
            String step = cloneStep(e);
            String with = !step.equals("clone") || namespaces.isEmpty() ? "" : " with new namespaces "
                    + new SetupPlan.CloneNamespaces(namespaces.stream().filter(k -> k != CloneFlag.NEWUSER)
                            .collect(java.util.stream.Collectors.toSet())).label()
                    + (namespaces.contains(CloneFlag.NEWUSER) ? " and CLONE_NEWUSER" : " (they need CAP_SYS_ADMIN,"
                            + " or a user namespace step, which the clone then makes too)");
            throw new SpawnFailedException("set-up step '" + step + "' failed" + (step.equals("clone") ? ""
                    : " before the clone") + " for " + command + plan.cloneContext() + with + ": " + e.getMessage(),
                    step, e);
        }
        String current = "clone";
        boolean clonedUser = namespaces.contains(CloneFlag.NEWUSER);
        SetupBatch batch = ahead.isPresent() ? ahead.get().attach(child) : child.batch();
        try {
            Map<Integer, Integer> sources = new LinkedHashMap<>();
            List<SetupPlan.Call> last = new ArrayList<>();
            List<SetupPlan.Landlock> rulesets = new ArrayList<>();
            // a plan written ahead is all on the batch already
            for (SetupPlan.Entry entry : ahead.isPresent() ? List.<SetupPlan.Entry>of() : plan.entries()) {
                current = entry.label();
                if (entry instanceof SetupPlan.Call && SetupPlan.runsLast(((SetupPlan.Call) entry).request())) {
                    last.add((SetupPlan.Call) entry);
                } else if (entry instanceof SetupPlan.Landlock) {
                    rulesets.add((SetupPlan.Landlock) entry);
                } else if (entry instanceof SetupPlan.Call) {
                    batch.label(current).add(((SetupPlan.Call) entry).request());
                } else if (entry instanceof SetupPlan.ExecMask) {
                    batch.execSignalMask(((SetupPlan.ExecMask) entry).mask());
                } else if (entry instanceof SetupPlan.Observe) {
                    ((SetupPlan.Observe) entry).observer().accept(child.childProcess());
                } else if (entry instanceof SetupPlan.Inherit) {
                    SetupPlan.Inherit in = (SetupPlan.Inherit) entry;
                    sources.put(in.target(), in.source().inheritedBy(child).number(child));
                } else if (entry instanceof SetupPlan.SeparateSources) {
                    if (!Collections.disjoint(sources.values(), ((SetupPlan.SeparateSources) entry).targets())) {
                        // the new numbers are needed, so these wait for answers
                        for (Map.Entry<Integer, Integer> e : sources.entrySet()) {
                            current = "fcntl(F_DUPFD_CLOEXEC) of fd " + e.getValue();
                            e.setValue(child.call(Fcntl.dupCloexecAbove(e.getValue(), plan.floor())));
                        }
                    }
                } else if (entry instanceof SetupPlan.MapFd) {
                    int target = ((SetupPlan.MapFd) entry).target();
                    batch.label(current);
                    if (sources.containsKey(target)) {
                        batch.dup3(child.fd(sources.get(target)), target, 0);
                    }
                } else if (entry instanceof SetupPlan.OpenFile) {
                    SetupPlan.OpenFile f = (SetupPlan.OpenFile) entry;
                    batch = batch.flush();
                    FileDescriptor opened = child.open(f.path(), f.flags() | Fcntl.O_CLOEXEC, f.mode());
                    batch.label(current);
                    if (opened.near().number() != f.target()) {
                        batch.dup3(opened, f.target(), 0).add(Unistd.close(opened.near().number()));
                    } else {
                        batch.setFdFlags(f.target(), 0);
                    }
                } else if (entry instanceof SetupPlan.IntoCgroup
                        && ((SetupPlan.IntoCgroup) entry).cgroup() == child.clonedInto()) {
                    continue; // clone3 started the child there (CLONE_INTO_CGROUP)
                } else if (entry instanceof SetupPlan.CloneNamespaces) {
                    continue; // the clone made them
                } else if (entry instanceof SetupPlan.UserNamespace && clonedUser) {
                    batch = batch.flush();
                    SetupPlan.UserNamespace u = (SetupPlan.UserNamespace) entry;
                    child.mapUser(u.insideUid(), task.call(Unistd.getuid()), u.insideGid(),
                            task.call(Unistd.getgid()));
                } else {
                    batch = batch.flush();
                    answer(entry, child, task);
                }
            }
            for (SetupPlan.Landlock l : rulesets) {
                current = l.label();
                batch = batch.flush();
                landlock(child, l.ruleset());
            }
            for (SetupPlan.Call call : last) {
                current = call.label();
                batch.label(current).add(call.request());
            }
            current = "execve(" + command.executable() + ")";
            return PathSearch.exec(batch.label(current), child, command);
        } catch (ExecFailedException | ChildDiedException e) {
            child.abandon();
            throw e;
        } catch (RuntimeException e) {
            child.abandon();
            String failed = batch.failedLabel().orElse(current);
            throw new SpawnFailedException("set-up step '" + failed + "' failed for " + command + ": "
                    + e.getMessage(), failed, e);
        } finally {
            child.close();
        }
    }

    /**
     * The plan's set-up queued on a batch before the clone, so that it goes into the child's channel with the
     * first execve before the child starts ({@link LocalTask#cloneChild(int, Cgroup, boolean, Set, long[])}): when
     * no entry needs an answer or the child itself (only calls, fd mappings from fds the clone copies, the
     * program's mask, namespaces the clone makes) and all fits one write. Empty otherwise: the plan then runs in
     * {@link #start}'s loop, after the clone, which also reports a bad entry at its own step.
     */
    private static Optional<SetupBatch> ahead(LocalTask task, SetupPlan plan) {
        SetupBatch batch = new SetupBatch(task);
        Map<Integer, Integer> sources = new LinkedHashMap<>();
        List<SetupPlan.Call> last = new ArrayList<>();
        for (SetupPlan.Entry entry : plan.entries()) {
            if (entry instanceof SetupPlan.Call) {
                SetupPlan.Call call = (SetupPlan.Call) entry;
                if (SetupPlan.runsLast(call.request())) {
                    last.add(call);
                } else {
                    batch.label(call.label()).add(call.request());
                }
            } else if (entry instanceof SetupPlan.ExecMask) {
                batch.execSignalMask(((SetupPlan.ExecMask) entry).mask());
            } else if (entry instanceof SetupPlan.Inherit) {
                FileDescriptor source = ((SetupPlan.Inherit) entry).source();
                if (source.task() != task || !source.isOpen()) {
                    return Optional.empty();   // start's loop reports the bad source at its step
                }
                // the child's fd table is a copy of ours: the number is the same there
                sources.put(((SetupPlan.Inherit) entry).target(), source.near().number());
            } else if (entry instanceof SetupPlan.SeparateSources) {
                if (!Collections.disjoint(sources.values(), ((SetupPlan.SeparateSources) entry).targets())) {
                    return Optional.empty();   // the sources must move first, each answered
                }
            } else if (entry instanceof SetupPlan.MapFd) {
                int target = ((SetupPlan.MapFd) entry).target();
                if (sources.containsKey(target)) {
                    batch.label(entry.label()).add(Unistd.dup3(sources.get(target), target, 0));
                }
            } else if (!(entry instanceof SetupPlan.CloneNamespaces)) {
                return Optional.empty();   // needs an answer or the child itself
            }
        }
        for (SetupPlan.Call call : last) {
            batch.label(call.label()).add(call.request());
        }
        // the mask and execve follow the calls, in the same write
        return batch.size() + 2 <= DrivenSyscallInterface.CHAIN_CHUNK ? Optional.of(batch) : Optional.empty();
    }

    /**
     * The namespaces the clone makes: every {@link SetupPlan.CloneNamespaces} entry's, and a user namespace with
     * them when the plan asks for one, so that it owns them (an unprivileged caller can make them no other way).
     */
    private static Set<CloneFlag> atClone(SetupPlan plan) {
        Set<CloneFlag> kinds = EnumSet.noneOf(CloneFlag.class);
        for (SetupPlan.Entry entry : plan.entries()) {
            if (entry instanceof SetupPlan.CloneNamespaces) {
                kinds.addAll(((SetupPlan.CloneNamespaces) entry).kinds());
            }
        }
        if (!kinds.isEmpty() && plan.entries().stream().anyMatch(e -> e instanceof SetupPlan.UserNamespace)) {
            kinds.add(CloneFlag.NEWUSER);
        }
        return kinds;
    }

    /**
     * The cgroup to clone the child into ({@code LocalTask} decides whether clone3 can): the plan's only one; with
     * several, each move stays at its own step.
     */
    private static Cgroup intoCgroup(SetupPlan plan) {
        Cgroup into = null;
        for (SetupPlan.Entry entry : plan.entries()) {
            if (entry instanceof SetupPlan.IntoCgroup) {
                if (into != null) {
                    return null;
                }
                into = ((SetupPlan.IntoCgroup) entry).cgroup();
            }
        }
        return into;
    }

    /**
     * The step a failed clone names: the syscall that failed while the child's channel was made ({@code pipe2},
     * {@code fcntl} lifting it above the fd targets...), so that an EMFILE there is not read as clone's; else
     * {@code clone}, for clone3 and clone themselves and what is not an errno.
     */
    private static String cloneStep(RuntimeException e) {
        if (e instanceof ErrnoException) {
            String syscall = ((ErrnoException) e).syscall();
            if (!syscall.equals("clone") && !syscall.equals("clone3")) {
                return syscall;
            }
        }
        return "clone";
    }

    private static void answer(SetupPlan.Entry entry, ChildTask child, LocalTask parent) {
        if (entry instanceof SetupPlan.IntoCgroup) {
            ((SetupPlan.IntoCgroup) entry).cgroup().moveIn(child);
        } else if (entry instanceof SetupPlan.Action) {
            ((SetupPlan.Action) entry).action().accept(child);
        } else if (entry instanceof SetupPlan.JoinGroup) {
            child.childProcess().setpgid(((SetupPlan.JoinGroup) entry).leader());
        } else if (entry instanceof SetupPlan.JoinNamespaces) {
            joinNamespaces(child, (SetupPlan.JoinNamespaces) entry);
        } else if (entry instanceof SetupPlan.ParentDeathSignal) {
            child.parentDeathSignal(((SetupPlan.ParentDeathSignal) entry).sig());
        } else if (entry instanceof SetupPlan.UserNamespace) {
            SetupPlan.UserNamespace u = (SetupPlan.UserNamespace) entry;
            // getuid cannot fail on Linux, but a seccomp filter can make it return -errno, which is no uid to map
            child.unshareUser(u.insideUid(), parent.call(Unistd.getuid()), u.insideGid(),
                    parent.call(Unistd.getgid()));
        } else {
            throw new IllegalArgumentException("unknown set-up entry " + entry + " (" + entry.getClass() + ")");
        }
    }

    /** Runs an entry that needs the child's answers, after the queued calls were sent. */
    private static void joinNamespaces(ChildTask child, SetupPlan.JoinNamespaces j) {
        int fd = child.call(Signals.pidfdOpen(j.pid()));
        try {
            if (j.target() != null && j.target().deathState().isPresent()) {
                throw new ChildProcessException(j.target().near(), "cannot join the namespaces of child " + j.pid()
                        + ": it was reaped, so its pid may name another process");
            }
            child.call(Sched.setns(fd, j.kinds()));
        } finally {
            child.call(Unistd.close(fd));
        }
    }

    /**
     * Enforces {@code ruleset} on the child: probes the ABI there (the child may be in other namespaces than the
     * JVM), handles every right it knows, and adds one rule per path. A rule on a file may give only the rights
     * that apply to files, so each path is opened as a directory first and masked when it is not one.
     */
    private static void landlock(ChildTask child, LandlockRuleset ruleset) {
        long handled = Landlock.handledAccess(child.call(Landlock.abiVersion()));
        int rulesetFd = child.call(Landlock.createRuleset(handled));
        try {
            for (LandlockRuleset.Rule rule : ruleset.rules()) {
                long access = rule.access() & handled;
                FileDescriptor at;
                try {
                    at = child.open(rule.path(), Fcntl.O_PATH | Fcntl.O_DIRECTORY | Fcntl.O_CLOEXEC, 0);
                } catch (ErrnoException e) {
                    if (e.errno() != Errno.ENOTDIR) {
                        throw e;
                    }
                    at = child.open(rule.path(), Fcntl.O_PATH | Fcntl.O_CLOEXEC, 0);
                    access &= Landlock.ACCESS_FILE;
                }
                try {
                    if (access != 0) {
                        child.call(Landlock.addPathBeneath(rulesetFd, access, at.near().number()));
                    }
                } finally {
                    at.close();
                }
            }
            child.call(Landlock.restrictSelf(rulesetFd));
        } finally {
            child.call(Unistd.close(rulesetFd));
        }
    }
}
