// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.dst.example;

import dev.jsyscall.Command;
import dev.jsyscall.JsyscallException;
import dev.jsyscall.Kernel;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.wait.ChildState;
import dev.jsyscall.linux.wait.WaitOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A tiny supervisor that keeps workers alive, restarts the dead and recycles the oldest, with a planted bug: it
 * picks the worker to recycle by remembering its pid number, then reaps and restarts the dead, then kills that
 * number. When the oldest died meanwhile and its replacement got the same pid, the replacement is killed instead.
 * (A handle's own {@code kill} goes through a pidfd and cannot hit another process.)
 *
 * <p>A second planted bug: a worker that fails to start (clone's EAGAIN, EMFILE for its pipes, a SIGKILL before
 * its execve) is logged and forgotten, so its slot stays empty for good instead of being retried at the next
 * round. Only injected faults reach it: without them every start succeeds.
 */
final class Supervisor {
    /** One worker: its program and whether the supervisor meant to end it. */
    static final class Worker {
        final Spawned spawned;
        final int pid;
        boolean recycled;

        Worker(Spawned spawned) {
            this.spawned = spawned;
            this.pid = (int) spawned.pid();
        }
    }

    private final Kernel kernel;
    private final BooleanSupplier crashesAtOnce;
    private final List<Worker> workers = new ArrayList<>();
    private final List<Integer> pidsSeen = new ArrayList<>();
    private final List<String> wronglyKilled = new ArrayList<>();
    private final List<String> failedStarts = new ArrayList<>();
    private int pidReuses;

    /** {@code crashesAtOnce} says, per start, whether the new worker exits at once (drawn from the seed). */
    Supervisor(Kernel kernel, BooleanSupplier crashesAtOnce) {
        this.kernel = kernel;
        this.crashesAtOnce = crashesAtOnce;
    }

    void start(int n) {
        for (int i = 0; i < n; i++) {
            tryStart().ifPresent(workers::add);
        }
    }

    /** The second planted bug: a failed start is dropped, not retried later. */
    private Optional<Worker> tryStart() {
        try {
            return Optional.of(startWorker());
        } catch (JsyscallException e) {
            failedStarts.add(e.getMessage());
            return Optional.empty();
        }
    }

    /** One round: choose the oldest to recycle, restart the dead, recycle. */
    void tick() {
        if (workers.isEmpty()) {
            return;
        }
        Worker oldest = workers.get(0);
        int victim = oldest.pid; // the planted bug: a bare pid outlives the process it named
        reapAndRestart();
        oldest.recycled = true;
        long r = kernel.backend().localSyscalls().syscall(Syscall.KILL.number(Arch.X86_64), victim,
                Signal.SIGTERM.number(), 0, 0, 0, 0);
        if (r < 0 && r != -3) { // ESRCH: it is gone, nothing to recycle
            throw new IllegalStateException("kill(" + victim + ", SIGTERM) = " + r);
        }
        if (workers.remove(oldest)) {
            workers.add(oldest); // still ours: reaped and replaced at the next round
        }
    }

    private void reapAndRestart() {
        for (int i = 0; i < workers.size(); i++) {
            Worker w = workers.get(i);
            Optional<ChildState> s = w.spawned.process().waitForStateChange(
                    EnumSet.of(WaitOption.WEXITED, WaitOption.WNOHANG));
            if (s.isPresent() && s.get().died()) {
                if (!w.recycled && s.get().killedBy().equals(Optional.of(Signal.SIGTERM))) {
                    wronglyKilled.add("worker " + w.pid + " got the SIGTERM meant for the worker it replaced");
                }
                w.spawned.close();
                Optional<Worker> next = tryStart();
                if (next.isPresent()) {
                    workers.set(i, next.get());
                } else {
                    workers.remove(i--);
                }
            }
        }
    }

    private Worker startWorker() {
        Command c = crashesAtOnce.getAsBoolean() ? Command.of("/bin/true") : Command.of("/bin/sleep", "100");
        Worker w = new Worker(Spawn.of(c).start(kernel.localTask()));
        if (pidsSeen.contains(w.pid)) {
            pidReuses++;
        }
        pidsSeen.add(w.pid);
        return w;
    }

    /** Ends every worker through its handle and reaps it. */
    void stop() {
        reapAndRestartNone();
        for (Worker w : workers) {
            if (w.spawned.state().isEmpty()) {
                w.spawned.process().kill(Signal.SIGKILL);
                w.spawned.waitForExit();
            }
            w.spawned.close();
        }
        workers.clear();
    }

    private void reapAndRestartNone() {
        for (Worker w : workers) {
            Optional<ChildState> s = w.spawned.process().waitForStateChange(
                    EnumSet.of(WaitOption.WEXITED, WaitOption.WNOHANG));
            if (s.isPresent() && s.get().died() && !w.recycled
                    && s.get().killedBy().equals(Optional.of(Signal.SIGTERM))) {
                wronglyKilled.add("worker " + w.pid + " got the SIGTERM meant for the worker it replaced");
            }
        }
    }

    List<String> wronglyKilled() {
        return wronglyKilled;
    }

    /** How many workers it keeps now. */
    int size() {
        return workers.size();
    }

    List<String> failedStarts() {
        return failedStarts;
    }

    int pidReuses() {
        return pidReuses;
    }
}
