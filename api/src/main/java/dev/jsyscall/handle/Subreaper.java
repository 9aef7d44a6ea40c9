// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.prctl.Prctl;
import dev.jsyscall.linux.wait.ChildState;
import dev.jsyscall.linux.wait.IdType;
import dev.jsyscall.linux.wait.Siginfo;
import dev.jsyscall.linux.wait.Wait;
import dev.jsyscall.linux.wait.WaitOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * The local task as a child subreaper ({@code PR_SET_CHILD_SUBREAPER}): a process orphaned anywhere below it
 * (its parent died: a daemon's double fork, a shell's background job outliving the shell) is reparented to the
 * local task instead of to init, where it can be seen, waited for and reported. {@link #reap()} reaps the adopted
 * orphans that have exited; the children jsyscall holds handles to are left to their own waits.
 *
 * <pre>{@code
 * try (Subreaper reaper = Subreaper.become(local)) {
 *     Spawn.of(Command.of("/bin/sh", "-c", "sleep 1 & exit 0")).run(local);
 *     for (Subreaper.Orphan o : reaper.awaitOrphans(Duration.ofSeconds(5))) {
 *         System.out.println("orphan " + o.pid() + " " + o.state().describe());
 *     }
 * }
 * }</pre>
 *
 * <p>The setting belongs to the whole process, the JVM: orphans of anything it started come to it, also those of
 * a {@link java.lang.ProcessBuilder} child. A child the JVM started by other means than jsyscall (the JDK's own
 * {@code Process}) looks exactly like an adopted orphan to the kernel: a subreaper must not be used while such
 * children run, or {@link #reap()} may take an exit status the JDK was about to collect.
 *
 * @since 0.2
 */
public final class Subreaper implements AutoCloseable {
    private final LocalTask task;
    private final boolean wasSubreaper;
    private boolean closed;

    /**
     * An adopted orphan that has exited and was reaped.
     *
     * @param pid its pid, as the local task saw it
     * @param state how it ended
     * @since 0.2
     */
    public record Orphan(int pid, ChildState state) {
        /**
         * An orphan's end.
         *
         * @param pid its pid
         * @param state how it ended, not null
         */
        public Orphan {
            Objects.requireNonNull(state, "state");
        }
    }

    private Subreaper(LocalTask task, boolean wasSubreaper) {
        this.task = task;
        this.wasSubreaper = wasSubreaper;
    }

    /**
     * Makes {@code task}'s process a child subreaper, until {@link #close()}.
     *
     * @param task the local task, not null
     * @return the reaper of the orphans that come to it
     * @throws ErrnoException if the kernel refuses the {@code prctl} (before Linux 3.4)
     */
    public static Subreaper become(LocalTask task) {
        Objects.requireNonNull(task, "task");
        boolean was = task.call(Prctl.getChildSubreaper());
        task.call(Prctl.setChildSubreaper(true));
        return new Subreaper(task, was);
    }

    /**
     * Whether {@code task}'s process is a child subreaper now ({@code PR_GET_CHILD_SUBREAPER}).
     *
     * @param task the task asked, not null
     * @return true if orphaned descendants come to it
     */
    public static boolean isSubreaper(Task task) {
        return Objects.requireNonNull(task, "task").call(Prctl.getChildSubreaper());
    }

    /**
     * The adopted orphans now alive or not yet reaped: the local task's children, from {@code /proc}, that no
     * jsyscall handle stands for.
     *
     * @return their pids, in {@code /proc}'s order
     */
    public List<Integer> orphans() {
        checkOpen();
        int self = task.pid().id();
        List<Integer> out = new ArrayList<>();
        for (int pid : task.numericEntries("/proc")) {
            if (pid != self && parentOf(pid) == self && !ChildProcess.isHeld(task, pid)) {
                out.add(pid);
            }
        }
        return out;
    }

    /** The parent's pid from {@code /proc/PID/stat} (after the comm, which may hold spaces and ')'), or -1 if gone. */
    private int parentOf(int pid) {
        String stat;
        try {
            stat = task.readSmallFile("/proc/" + pid + "/stat");
        } catch (ErrnoException gone) {
            return -1;
        }
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(f[1]);
    }

    /**
     * Reaps every adopted orphan that has exited ({@code waitid(P_PID, pid, WEXITED | WNOHANG)} each), without
     * blocking.
     *
     * @return the orphans reaped now, with how each ended; empty if none had exited
     */
    public List<Orphan> reap() {
        List<Orphan> out = new ArrayList<>();
        long options = WaitOption.bits(EnumSet.of(WaitOption.WEXITED, WaitOption.WNOHANG));
        for (int pid : orphans()) {
            // the pid stays ours until it is reaped, so no other process can have taken it since the listing
            Siginfo info;
            try {
                info = task.call(Wait.waitidInfo(IdType.P_PID, pid, options));
            } catch (ErrnoException e) {
                if (e.errno() == Errno.ECHILD) {
                    continue;   // it was not ours after all: a child of another thread's reap, or already gone
                }
                throw e;
            }
            if (info.pid() != 0) {
                out.add(new Orphan(pid, ChildState.fromSiginfo(info)));
            }
        }
        return out;
    }

    /**
     * Reaps adopted orphans as they exit until none is left or {@code timeout} passes, polling {@link #reap()}.
     *
     * @param timeout how long to wait at most, not negative
     * @return every orphan reaped meanwhile, in the order they were reaped
     *     (on an interrupt, those reaped so far, with the thread's interrupt flag set again)
     */
    public List<Orphan> awaitOrphans(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Orphan> out = new ArrayList<>(reap());
        long pauseMillis = 1;
        while (!orphans().isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                // each round scans /proc: back off for a long-lived orphan, up to 50 ms late on its exit
                pauseMillis = Math.min(pauseMillis * 2, 50);
                Thread.sleep(Math.max(0, Math.min(pauseMillis, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return out;
            }
            out.addAll(reap());
        }
        return out;
    }

    /**
     * Turns the subreaper setting back to what it was before {@link #become}. Orphans adopted meanwhile stay the
     * local task's children: reap them first ({@link #awaitOrphans}). A second call does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!wasSubreaper) {
            task.call(Prctl.setChildSubreaper(false));
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this subreaper was closed");
        }
    }

    @Override
    public String toString() {
        return "subreaper " + task.pid().id() + (closed ? " (closed)" : "");
    }
}
