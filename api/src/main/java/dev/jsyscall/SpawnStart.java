// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.FileDescriptor;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.Pipe;
import dev.jsyscall.handle.Pty;
import dev.jsyscall.handle.SetupPlan;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.resource.Resource;
import dev.jsyscall.linux.tty.Tty;
import dev.jsyscall.linux.unistd.Unistd;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What {@link Spawn#start(LocalTask)} does with a finished builder: checks the fd sources and the room for the
 * child's channel, makes the pipes and the pty before the clone, compiles the whole set-up into one
 * {@link SetupPlan}, hands it to {@link SetupPlan#start} and builds the {@link Spawned} from the JVM's ends. Apart
 * from the builder so that {@code Spawn} stays its documented entry points; the route of a spawn still visits this
 * file once (docs/architecture.md, "the life of a spawn").
 */
final class SpawnStart {
    // the logger keeps Spawn's name: what users configured for spawns stays what they see
    private static final System.Logger LOG = System.getLogger(Spawn.class.getName());

    private SpawnStart() {
    }

    /** Refuses, for {@link Spawn#run(LocalTask)}, an fd that only a caller of {@code start()} could drain. */
    static void checkRunnable(Map<Integer, Redirect> fds) {
        for (Redirect r : fds.values()) {
            if (r instanceof Redirect.PipeTo) {
                throw new IllegalArgumentException("run() waits for the program, so nobody would drain its pipe;"
                        + " use start() to read it, or Redirect.lines()");
            }
            if (r instanceof Redirect.Terminal && ((Redirect.Terminal) r).output == null) {
                throw new IllegalArgumentException("run() waits for the program, so nobody would read its terminal;"
                        + " use start() and Spawned.terminal(), or terminal(size, Redirect.lines(...))");
            }
        }
    }

    /** Starts the spawn made of these parts; {@link Spawn#start(LocalTask)} documents the contract. */
    static Spawned start(LocalTask task, Command command, List<Spawn.Step> steps, Map<Integer, Redirect> fds,
                         boolean closeInherited, Consumer<? super ChildProcess> whenCloned) {
        checkFdSources(task, fds);
        // the child's channel must sit above every fd the set-up maps, or a mapping would cut the child off
        int floor = 3;
        for (int t : fds.keySet()) {
            floor = Math.max(floor, t + 1);
        }
        long nofile = floor > 3 ? checkRoomForChannel(task, floor) : -1;
        // pipes and JVM fds must exist before the clone: the child's fd table is a copy taken at clone time
        Map<Integer, FileDescriptor> inherited = new LinkedHashMap<>();
        // the JVM's ends, by the child's fd: pipes the program reads, pipes it writes, streams it writes
        Map<Integer, FileDescriptor> toProgram = new LinkedHashMap<>();
        Map<Integer, FileDescriptor> fromProgram = new LinkedHashMap<>();
        Map<Integer, FileDescriptor> streamed = new LinkedHashMap<>();
        List<FileDescriptor> childEnds = new ArrayList<>();
        List<FileDescriptor> toCloseOnFailure = new ArrayList<>();
        Redirect.Terminal terminal = null;
        int controlling = -1;
        Pty pty = null;
        try {
            for (Map.Entry<Integer, Redirect> e : fds.entrySet()) {
                Redirect r = e.getValue();
                int target = e.getKey();
                if (r instanceof Redirect.Terminal) {
                    if (pty == null) {
                        terminal = (Redirect.Terminal) r;
                        controlling = target;
                        pty = Pty.open(task, terminal.size);
                        toCloseOnFailure.add(pty.slave());
                        toCloseOnFailure.add(pty.master());
                        childEnds.add(pty.slave());
                    }
                    inherited.put(target, pty.slave());
                } else if (r instanceof Redirect.PipeTo || r instanceof Redirect.Stream) {
                    boolean programReads = r instanceof Redirect.PipeTo && ((Redirect.PipeTo) r).programReads(target);
                    Pipe p = task.pipe2(Fcntl.O_CLOEXEC);
                    toCloseOnFailure.add(p.read());
                    toCloseOnFailure.add(p.write());
                    FileDescriptor childEnd = programReads ? p.read() : p.write();
                    (programReads ? toProgram : r instanceof Redirect.Stream ? streamed : fromProgram)
                            .put(target, programReads ? p.write() : p.read());
                    inherited.put(target, childEnd);
                    childEnds.add(childEnd);
                } else if (r instanceof Redirect.Fd) {
                    inherited.put(target, ((Redirect.Fd) r).fd);
                }
            }
        } catch (RuntimeException e) {
            toCloseOnFailure.forEach(FileDescriptor::close);
            throw e;
        }
        // the whole set-up as one value, run top to bottom by SetupPlan.start
        List<SetupPlan.Entry> plan = new ArrayList<>();
        if (whenCloned != null) {
            plan.add(new SetupPlan.Observe(whenCloned));
        }
        for (Map.Entry<Integer, FileDescriptor> e : inherited.entrySet()) {
            plan.add(new SetupPlan.Inherit("fd " + e.getKey() + " from " + fds.get(e.getKey()), e.getKey(),
                    e.getValue()));
        }
        if (!inherited.isEmpty()) {
            plan.add(new SetupPlan.SeparateSources(fds.keySet()));
        }
        if (closeInherited) {
            plan.add(new SetupPlan.Call("close_range(3, ~0U, CLOSE_RANGE_CLOEXEC)",
                    Unistd.closeRange(3, -1, Fcntl.CLOSE_RANGE_CLOEXEC)));
        }
        for (Spawn.Step s : steps) {
            s.compileInto(plan);
        }
        for (Map.Entry<Integer, Redirect> e : fds.entrySet()) {
            String label = "fd " + e.getKey() + " from " + e.getValue();
            if (e.getValue() instanceof Redirect.File) {
                Redirect.File f = (Redirect.File) e.getValue();
                plan.add(new SetupPlan.OpenFile(label, e.getKey(), f.path, f.flags(), f.permissions));
            } else {
                plan.add(new SetupPlan.MapFd(label, e.getKey()));
            }
        }
        if (terminal != null) {
            // TIOCSCTTY needs a session leader without a terminal: after the user's own setsid() only the ioctl
            if (!steps.contains(Spawn.Step.of(Unistd.setsid()))) {
                plan.add(new SetupPlan.Call("setsid() (terminal)", Unistd.setsid()));
            }
            plan.add(new SetupPlan.Call("ioctl(" + controlling + ", TIOCSCTTY, 0) (terminal)",
                    Tty.setControllingTerminal(controlling, false)));
        }
        String where = nofile < 0 ? "" : " (its channel fds go above fd target " + (floor - 1)
                + "; RLIMIT_NOFILE soft limit " + Long.toUnsignedString(nofile) + ")";
        ChildProcess process;
        try {
            process = SetupPlan.of(command, floor, needsCloneThread(steps), where, plan).start(task);
        } catch (RuntimeException e) {
            toCloseOnFailure.forEach(FileDescriptor::close);
            throw e;
        }
        // the child has its copies; ours of the child's ends would keep the pipes from reaching EOF
        childEnds.forEach(FileDescriptor::close);
        // asked first: the message's lambda would otherwise be allocated on every spawn, logged or not
        if (LOG.isLoggable(System.Logger.Level.TRACE)) {
            LOG.log(System.Logger.Level.TRACE, "jsyscall: spawned pid " + process.pid() + ": " + command);
        }
        Map<Integer, StreamReader> readers = new LinkedHashMap<>();
        for (Map.Entry<Integer, FileDescriptor> e : streamed.entrySet()) {
            readers.put(e.getKey(), new StreamReader(task, e.getValue(), (Redirect.Stream) fds.get(e.getKey())));
        }
        if (terminal != null && terminal.output != null) {
            // the callback reads a copy of the master, so Pty.input() and resize() keep theirs after its end
            try (FileDescriptor.Use u = pty.master().use(task)) {
                readers.put(-1, new StreamReader(task, task.fd(task.call(Fcntl.dupCloexecAbove(u.number(), 0))),
                        terminal.output).terminal());
            }
        }
        Spawned spawned = new Spawned(task, process, toProgram, fromProgram, readers);
        spawned.terminal = pty;
        readers.values().forEach(StreamReader::start);
        return spawned;
    }

    /**
     * Whether a step needs the kernel's clone thread: a loop, not a stream, since this runs on every spawn and a
     * stream pipeline costs more than the rest of the plan for a bare one (a CPU profile of {@code Spawn.run}).
     */
    private static boolean needsCloneThread(List<Spawn.Step> steps) {
        for (Spawn.Step s : steps) {
            if (s.needsCloneThread()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Refuses a {@link Redirect#fd} whose fd is closed or belongs to another task, naming the target: the child
     * inherits its fd table at clone time, so the source must be open in the cloning task then.
     */
    private static void checkFdSources(LocalTask task, Map<Integer, Redirect> fds) {
        for (Map.Entry<Integer, Redirect> e : fds.entrySet()) {
            if (e.getValue() instanceof Redirect.Fd) {
                FileDescriptor source = ((Redirect.Fd) e.getValue()).fd;
                if (!source.isOpen()) {
                    throw new IllegalArgumentException("fd " + e.getKey() + " from " + e.getValue()
                            + ": the source fd " + source.near().number() + " is closed (Redirect.fd needs it open"
                            + " when the child is cloned)");
                }
                if (source.task() != task) {
                    throw new IllegalArgumentException("fd " + e.getKey() + " from " + e.getValue() + ": the source"
                            + " belongs to " + source.task() + ", not to " + task + ", which clones the child");
                }
            }
        }
    }

    /**
     * Checks that the child's fds fit below the JVM's {@code RLIMIT_NOFILE} soft limit, which the child inherits:
     * the two fds of its syscall channel are moved to {@code floor} (above the highest target) or higher, and
     * {@code F_DUPFD_CLOEXEC} refuses a number at or above the limit. Returns the soft limit.
     */
    private static long checkRoomForChannel(LocalTask task, int floor) {
        long soft = task.prlimit(Resource.RLIMIT_NOFILE, null).soft();
        // RLIM_INFINITY is all ones: compared unsigned it is above every fd
        if (Long.compareUnsigned(floor + 2L, soft) > 0) {
            throw new IllegalArgumentException("fd target " + (floor - 1) + " is too high for the RLIMIT_NOFILE"
                    + " soft limit " + Long.toUnsignedString(soft) + " (which the child inherits): its fds must stay"
                    + " below the limit, with the 2 fds of its syscall channel above the highest target; use targets"
                    + " below " + Math.max(0, soft - 2) + " or raise the JVM's limit (ulimit -n, prlimit)");
        }
        return soft;
    }
}
