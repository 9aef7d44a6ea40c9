// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.signal.Signals;
import dev.jsyscall.linux.unistd.Unistd;
import java.util.Objects;

/**
 * A child and everything it started. Linux has no single "kill this tree" call, so {@link #kill} picks the
 * strongest containment the tree has and says which: a cgroup holds every descendant whatever it does; the init
 * of a pid namespace takes the whole namespace with it; a session or a process group holds only descendants that
 * did not leave it ({@code setsid}, {@code setpgid}), and a daemon that double-forks out of it escapes.
 *
 * <pre>{@code
 * Cgroup job = Cgroup.own(local).create("job");
 * Spawned s = Spawn.of(Command.of("/bin/sh", "-c", "sleep 100 & sleep 100 & wait")).cgroup(job).start(local);
 * ProcessTree.Mechanism used = ProcessTree.kill(s.process(), job);   // CGROUP
 * }</pre>
 *
 * @since 0.2
 */
public final class ProcessTree {
    private ProcessTree() {
    }

    /** What {@link #kill} signalled, strongest first. */
    public enum Mechanism {
        /** Every process in the child's cgroup and its descendants ({@link Cgroup#kill()}). */
        CGROUP,
        /** The child is pid 1 of its own pid namespace: SIGKILL to it kills every process in the namespace. */
        PID_NAMESPACE,
        /** The child leads a session: every process group of the session ({@link ChildProcess#killSession}). */
        SESSION,
        /** The child leads a process group: {@code kill(-pgid, SIGKILL)}. */
        PROCESS_GROUP,
        /** Nothing contains the tree: only the child itself; its descendants live on. */
        PROCESS
    }

    /**
     * Kills {@code root}'s tree with SIGKILL, by the strongest mechanism available, in this order: the cgroup
     * {@code contained} (when not null: the caller says it holds the tree and nothing else), else the pid
     * namespace {@code root} is the init of, else the session it leads, else the process group it leads, else
     * {@code root} alone. The processes may still be exiting when this returns; {@code root} is still to be
     * reaped ({@code waitForExit}).
     *
     * @return the mechanism used
     * @param root the tree's root, not null
     * @param contained the cgroup holding the tree alone, or null for {@code root}'s own
     *     {@link ChildProcess#container()} when it has one
     * @throws ChildProcessException.NotAlive without a cgroup, when {@code root} was already reaped (its pid,
     *     group and session ids may name other processes by now)
     */
    public static Mechanism kill(ChildProcess root, Cgroup contained) {
        Objects.requireNonNull(root, "root");
        Cgroup cg = contained != null ? contained : root.container().orElse(null);
        if (cg != null) {
            cg.kill();
            return Mechanism.CGROUP;
        }
        return root.pinned("kill the tree", () -> {
            Task t = root.task();
            int pid = root.near().id();
            if (isPidNamespaceInit(t, pid)) {
                t.call(Signals.kill(pid, Signal.SIGKILL));
                return Mechanism.PID_NAMESPACE;
            }
            if (t.call(Unistd.getsid(pid)) == pid) {
                root.killSession(Signal.SIGKILL);
                return Mechanism.SESSION;
            }
            if (t.call(Unistd.getpgid(pid)) == pid) {
                t.call(Signals.killpg(pid, Signal.SIGKILL));
                return Mechanism.PROCESS_GROUP;
            }
            t.call(Signals.kill(pid, Signal.SIGKILL));
            return Mechanism.PROCESS;
        });
    }

    /**
     * Whether {@code pid}'s last {@code NSpid} (its pid in its own namespace) is 1 while it has a pid in ours too:
     * a process made by {@code clone(CLONE_NEWPID)}, or the first child after {@code unshare(CLONE_NEWPID)}.
     */
    private static boolean isPidNamespaceInit(Task t, int pid) {
        String status;
        try {
            status = t.readSmallFile("/proc/" + pid + "/status");
        } catch (ErrnoException e) {
            return false;   // no /proc (a simulated kernel): no way to tell, so not claimed
        }
        for (String line : status.split("\n")) {
            if (line.startsWith("NSpid:")) {
                String[] ids = line.substring(6).trim().split("\\s+");
                return ids.length > 1 && ids[ids.length - 1].equals("1");
            }
        }
        return false;
    }
}
