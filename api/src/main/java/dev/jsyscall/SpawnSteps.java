// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import dev.jsyscall.handle.SetupPlan;
import dev.jsyscall.linux.SyscallRequest;
import dev.jsyscall.linux.mount.Mount;
import dev.jsyscall.linux.mount.MountPropagation;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.linux.sched.Sched;
import dev.jsyscall.linux.signal.SigSet;
import dev.jsyscall.linux.unistd.Unistd;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link Spawn.Step} values behind {@link Spawn}'s named set-up methods that are more than one request: the
 * builder keeps the public entry points and their contracts, this class what each step is made of, so the builder
 * stays a list of documented one-liners. Every argument is checked here before a step exists.
 */
final class SpawnSteps {
    private SpawnSteps() {
    }

    /** A step of code that needs the answers of its own syscalls ({@link SetupPlan.Entry}). */
    static Spawn.Step action(SetupPlan.Entry action, boolean needsCloneThread) {
        return new Spawn.Step(action.label(), List.of(), List.of(), null, action, needsCloneThread);
    }

    /** The program's signal mask, applied by the executor just before execve. */
    static Spawn.Step signalMask(SigSet mask) {
        return new Spawn.Step("signal mask " + mask, List.of(), List.of(), mask, null, false);
    }

    /** {@code unshare(set)}, followed in the same step by the mount propagation unless it is UNCHANGED. */
    static Spawn.Step unshare(Set<CloneFlag> set, MountPropagation propagation) {
        SyscallRequest<Void> unshare = Sched.unshare(set);
        if (propagation == MountPropagation.UNCHANGED) {
            return Spawn.Step.of(unshare);
        }
        String name = unshare.toString();
        return new Spawn.Step(name, List.of(unshare, Mount.mount(null, "/", null, propagation.flags(), null)),
                List.of(name, "mount propagation " + propagation.optionName() + " after " + name), null, null,
                false);
    }

    /** The flags as a set, refusing a null one by the argument's name. */
    static Set<CloneFlag> flagSet(CloneFlag... flags) {
        Set<CloneFlag> set = EnumSet.noneOf(CloneFlag.class);
        for (CloneFlag f : flags) {
            set.add(Objects.requireNonNull(f, "flag"));
        }
        return set;
    }

    /** The kinds to join; none means every kind but the user namespace, which a driven child cannot join. */
    static Set<CloneFlag> namespaceKinds(CloneFlag... kinds) {
        Set<CloneFlag> set = flagSet(kinds);
        if (set.isEmpty()) {
            set.addAll(Sched.NAMESPACE_KINDS);
            set.remove(CloneFlag.NEWUSER);
        }
        Sched.setns(0, set);  // its checks, before anything runs
        return set;
    }

    static Spawn.Step readOnlyBind(String source, String target) {
        Objects.requireNonNull(source, "source");
        if (source.isEmpty()) {
            throw new IllegalArgumentException("source must not be empty");
        }
        SyscallRequest<Void> remount = Mount.remountReadOnly(target);
        SyscallRequest<Void> bind = Mount.mount(source, target, null, Mount.MS_BIND, null);
        return named(bind.toString() + " read-only", List.of(bind, remount));
    }

    static Spawn.Step chroot(String dir) {
        SyscallRequest<Void> chroot = Unistd.chroot(Objects.requireNonNull(dir, "dir"));
        return named(chroot.toString(), List.of(chroot, Unistd.chdir("/")));
    }

    static Spawn.Step pivotRoot(String newRoot) {
        Objects.requireNonNull(newRoot, "newRoot");
        SyscallRequest<Void> self = Mount.mount(newRoot, newRoot, null, Mount.MS_BIND | Mount.MS_REC, null);
        return named("pivot_root to " + newRoot, List.of(self, Unistd.chdir(newRoot), Mount.pivotRoot(".", "."),
                Mount.umount2(".", Mount.MNT_DETACH), Unistd.chdir("/")));
    }

    /** The proc mount of {@code newPidNamespace(procTarget)}, its path checked before any step is added. */
    static SyscallRequest<Void> procMount(String procTarget) {
        if (Objects.requireNonNull(procTarget, "procTarget").isEmpty() || procTarget.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("procTarget must be a non-empty path without NUL, was '"
                    + procTarget.replace("\0", "\\0") + "'");
        }
        return Mount.proc(procTarget);
    }

    /** Several calls as one step: each labelled with the step's name, so a failure names both. */
    private static Spawn.Step named(String name, List<SyscallRequest<?>> calls) {
        List<String> labels = new ArrayList<>();
        for (SyscallRequest<?> c : calls) {
            labels.add(c.toString() + " (" + name + ")");
        }
        return new Spawn.Step(name, calls, labels, null, null, false);
    }
}
