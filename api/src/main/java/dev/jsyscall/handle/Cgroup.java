// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.cgroup.Cgroups;
import dev.jsyscall.linux.dirent.Dirent;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.signal.Signals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One cgroup of the cgroup v2 hierarchy, reached through the files of its directory by the syscalls of
 * {@code task}: create and remove child cgroups, move a driven child in before it execs
 * ({@code Spawn.cgroup}), kill everything inside, set the {@code pids}, {@code memory} and {@code cpu} limits
 * where those controllers are enabled, and read what the processes used. The hierarchy is found where
 * {@code /proc/self/mountinfo} says {@code cgroup2} is mounted (on hybrid systems {@code /sys/fs/cgroup/unified}),
 * and the caller's own cgroup from the {@code 0::} line of {@code /proc/self/cgroup}.
 *
 * <pre>{@code
 * Cgroup job = Cgroup.own(local).create("job-42");
 * try (Spawned s = Spawn.of(Command.of("make", "-j2")).cgroup(job).start(local)) {
 *     ...
 *     job.kill();                                   // the program and everything it started
 *     s.waitForExit();
 * }
 * job.awaitEmpty(Duration.ofSeconds(5));
 * long usec = job.cpuStat().get("usage_usec");
 * job.remove();
 * }</pre>
 *
 * <p>A handle holds no fd: it is the directory's path and the task that reaches it.
 *
 * @since 0.2
 */
public final class Cgroup {
    /** How {@link #kill()} killed the cgroup's processes. */
    public enum KillMethod {
        /** Writing {@code 1} to {@code cgroup.kill} (Linux 5.14+): the kernel kills all, no process can escape. */
        CGROUP_KILL,
        /**
         * Freezing the cgroup, sending SIGKILL to every process listed in it and its descendants until none is
         * left, then thawing it: frozen processes cannot fork, and a pid cannot be reused while its frozen process
         * lives.
         */
        FREEZE_AND_KILL
    }

    private static final int O_DIRECTORY = 0200000;
    private final Task task;
    private final String path;

    private Cgroup(Task task, String path) {
        this.task = task;
        this.path = path;
    }

    /**
     * Where the cgroup v2 hierarchy is mounted, from {@code /proc/self/mountinfo} read by {@code task}.
     *
     * @param task the task that reads the file, not null
     * @return the mount point, e.g. {@code /sys/fs/cgroup}
     * @throws CgroupException when no {@code cgroup2} file system is mounted (a pure cgroup v1 system, or a
     *     simulated kernel)
     */
    public static String mountPoint(Task task) {
        Objects.requireNonNull(task, "task");
        String mountinfo;
        try {
            mountinfo = task.readSmallFile("/proc/self/mountinfo");
        } catch (ErrnoException e) {
            throw new CgroupException("/proc/self/mountinfo", "cannot find the cgroup v2 hierarchy: reading"
                    + " /proc/self/mountinfo failed: " + e.getMessage(), e);
        }
        for (String line : mountinfo.split("\n")) {
            // ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] after = line.substring(dash + 3).split(" ");
            String[] before = line.substring(0, dash).split(" ");
            // a root other than / is a bind mount of a sub-tree, whose paths would not match /proc/self/cgroup
            if (after[0].equals(Cgroups.FS_TYPE) && before.length > 4 && before[3].equals("/")) {
                return unescape(before[4]);
            }
        }
        throw new CgroupException("/proc/self/mountinfo", "no cgroup v2 hierarchy: /proc/self/mountinfo lists no"
                + " cgroup2 file system (mount one with: mount -t cgroup2 none /sys/fs/cgroup)", null);
    }

    /** mountinfo escapes space, tab, newline and backslash as octal. */
    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * The cgroup v2 cgroup that {@code task}'s process is in: the mount point plus the {@code 0::} path of
     * {@code /proc/self/cgroup}.
     *
     * <pre>{@code
     * Cgroup mine = Cgroup.own(kernel.localTask());
     * }</pre>
     *
     * @param task the task whose cgroup is wanted, not null
     * @return the cgroup, reached through {@code task}
     * @throws CgroupException when there is no cgroup v2 hierarchy or the process is in none of it
     */
    public static Cgroup own(Task task) {
        String mount = mountPoint(task);
        String self;
        try {
            self = task.readSmallFile("/proc/self/cgroup");
        } catch (ErrnoException e) {
            throw new CgroupException("/proc/self/cgroup", "cannot read the process's cgroup: " + e.getMessage(), e);
        }
        for (String line : self.split("\n")) {
            if (line.startsWith("0::")) {
                String rel = line.substring(3);
                return new Cgroup(task, rel.equals("/") ? mount : mount + rel);
            }
        }
        throw new CgroupException("/proc/self/cgroup", "/proc/self/cgroup has no cgroup v2 line (0::/...): the"
                + " process is in no cgroup v2 hierarchy", null);
    }

    /**
     * An existing cgroup at {@code path} (its directory, e.g. {@code /sys/fs/cgroup/unified/build}).
     *
     * @param task the task whose syscalls reach the cgroup's files, not null
     * @param path the cgroup's directory, absolute
     * @return the cgroup
     * @throws IllegalArgumentException if {@code path} is not absolute
     * @throws CgroupException if {@code path} is not a cgroup v2 directory (it has no {@code cgroup.procs})
     */
    public static Cgroup at(Task task, String path) {
        Objects.requireNonNull(task, "task");
        Cgroup c = new Cgroup(task, normalize(path));
        c.checkIsCgroup();
        return c;
    }

    /**
     * The cgroup at {@code path}, made first if it does not exist (its parent must), as {@code mkdir -p} would
     * for the last component: what {@code jsyscall run --cgroup PATH} uses.
     *
     * @param task the task whose syscalls reach the cgroup's files, not null
     * @param path the cgroup's directory, absolute
     * @return the cgroup
     * @throws IllegalArgumentException if {@code path} is not absolute
     * @throws CgroupException if it cannot be made or is not a cgroup v2 directory
     */
    public static Cgroup createOrUse(Task task, String path) {
        Objects.requireNonNull(task, "task");
        String p = normalize(path);
        try {
            task.call(Cgroups.mkdir(p));
        } catch (ErrnoException e) {
            if (e.errno() != Errno.EEXIST) {
                throw new CgroupException(p, "cannot create cgroup " + p + ": " + e.getMessage()
                        + (e.errno() == Errno.ENOENT ? " (its parent must exist in a cgroup2 file system, see"
                        + " Cgroup.mountPoint)" : ""), e);
            }
        }
        return at(task, p);
    }

    private static String normalize(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must be an absolute cgroup directory, was '" + path + "'");
        }
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private void checkIsCgroup() {
        try {
            long fd = task.call(Fcntl.openat(file(Cgroups.PROCS), Fcntl.O_RDONLY | Fcntl.O_CLOEXEC, 0));
            task.fd((int) fd).close();
        } catch (ErrnoException e) {
            throw new CgroupException(path, path + " is not a cgroup v2 directory (" + file(Cgroups.PROCS) + ": "
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * The cgroup's directory.
     *
     * @return the absolute path of the directory
     */
    public String path() {
        return path;
    }

    /**
     * The task whose syscalls reach the cgroup's files.
     *
     * @return the task
     */
    public Task task() {
        return task;
    }

    private String file(String name) {
        return path + "/" + name;
    }

    /**
     * Makes a child cgroup {@code name} of this one ({@code mkdir}).
     *
     * @param name the child's name, one path component
     * @return the new cgroup
     * @throws IllegalArgumentException if {@code name} is empty, {@code .}, {@code ..} or has a '/'
     * @throws CgroupException if the kernel refuses (EEXIST when it exists, EACCES...), naming the path
     */
    public Cgroup create(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("name must be one path component, was '" + name + "'");
        }
        String p = file(name);
        try {
            task.call(Cgroups.mkdir(p));
        } catch (ErrnoException e) {
            throw new CgroupException(p, "cannot create cgroup " + p + ": " + e.getMessage(), e);
        }
        return new Cgroup(task, p);
    }

    /**
     * Removes this cgroup ({@code rmdir}); it must hold no process and no child cgroup.
     *
     * @throws CgroupException.Busy when the kernel says EBUSY, naming the cgroup and the processes still in it
     * @throws CgroupException for any other refusal
     */
    public void remove() {
        try {
            task.call(Cgroups.rmdir(path));
        } catch (ErrnoException e) {
            if (e.errno() == Errno.EBUSY) {
                List<Integer> left = pidsOrEmpty();
                throw new CgroupException.Busy(path, "cannot remove cgroup " + path + ": EBUSY, it still holds "
                        + (left.isEmpty() ? "child cgroups or exiting processes" : "processes " + left)
                        + " (kill() it and awaitEmpty(), remove its child cgroups first)", e);
            }
            throw new CgroupException(path, "cannot remove cgroup " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The pids in this cgroup itself (not its descendants), from {@code cgroup.procs}.
     *
     * @return the pids, as this cgroup's task sees them
     */
    public List<Integer> pids() {
        List<Integer> out = new ArrayList<>();
        for (String line : read(Cgroups.PROCS).split("\n")) {
            if (!line.isEmpty()) {
                out.add(Integer.parseInt(line.trim()));
            }
        }
        return out;
    }

    private List<Integer> pidsOrEmpty() {
        try {
            return pids();
        } catch (CgroupException gone) {
            return List.of();
        }
    }

    /**
     * Whether any process lives in this cgroup or its descendants ({@code populated} of {@code cgroup.events}).
     *
     * @return true if a process lives in it
     */
    public boolean isPopulated() {
        return events().getOrDefault("populated", 0L) != 0;
    }

    /**
     * Waits up to {@code timeout} until no process lives in this cgroup or its descendants (after a
     * {@link #kill()}, the processes take a moment to exit).
     *
     * @return whether it is empty
     * @param timeout how long to wait at most, not negative
     */
    public boolean awaitEmpty(Duration timeout) {
        long deadline = System.nanoTime() + Objects.requireNonNull(timeout, "timeout").toNanos();
        while (isPopulated()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            sleepMillis(2);
        }
        return true;
    }

    private void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CgroupException(path, "interrupted while waiting for cgroup " + path, e);
        }
    }

    /**
     * Kills every process in this cgroup and its descendants with SIGKILL: {@code cgroup.kill} where the kernel
     * has it (5.14+), else {@link #killByFreezing()}. The processes may still be exiting when this returns: use
     * {@link #awaitEmpty}; the caller's own children among them are still to be reaped.
     *
     * @return the method used
     */
    public KillMethod kill() {
        try {
            task.writeFile(file(Cgroups.KILL), "1");
            return KillMethod.CGROUP_KILL;
        } catch (ErrnoException e) {
            if (e.errno() != Errno.ENOENT) {
                throw new CgroupException(path, "cannot kill cgroup " + path + ": " + e.getMessage(), e);
            }
        }
        killByFreezing();
        return KillMethod.FREEZE_AND_KILL;
    }

    /**
     * What {@link #kill()} does on kernels without {@code cgroup.kill} (before 5.14), usable on any kernel with
     * {@code cgroup.freeze} (5.2+): freezes the cgroup so nothing in it can fork, sends SIGKILL to each process
     * listed in it and its descendants until none is listed (a SIGKILLed process exits even when frozen), then
     * thaws it.
     *
     * @throws CgroupException if the cgroup cannot be frozen
     */
    public void killByFreezing() {
        try {
            task.writeFile(file(Cgroups.FREEZE), "1");
        } catch (ErrnoException e) {
            throw new CgroupException(path, "cannot freeze cgroup " + path + " to kill it: " + e.getMessage(), e);
        }
        try {
            // a process is listed until it has exited; wait for the freeze so that no fork slips in between scans
            long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (events().getOrDefault("frozen", 1L) == 0 && System.nanoTime() - deadline < 0) {
                sleepMillis(1);
            }
            for (int round = 0; round < 1000; round++) {
                List<Integer> left = new ArrayList<>();
                collectPids(this, left);
                if (left.isEmpty()) {
                    return;
                }
                for (int pid : left) {
                    try {
                        task.call(Signals.kill(pid, Signal.SIGKILL));
                    } catch (ErrnoException gone) {
                        // it exited between the listing and the signal
                    }
                }
                sleepMillis(1);
            }
            throw new CgroupException(path, "processes of cgroup " + path + " are still listed after 1000 rounds"
                    + " of SIGKILL", null);
        } finally {
            task.writeFile(file(Cgroups.FREEZE), "0");
        }
    }

    private static void collectPids(Cgroup c, List<Integer> into) {
        into.addAll(c.pidsOrEmpty());
        for (Cgroup child : c.children()) {
            collectPids(child, into);
        }
    }

    /**
     * The child cgroups: the sub-directories, which are exactly those with a {@code cgroup.procs}.
     *
     * @return the children, in no particular order
     */
    public List<Cgroup> children() {
        List<Cgroup> out = new ArrayList<>();
        long fd;
        try {
            fd = task.call(Fcntl.openat(path, Fcntl.O_RDONLY | Fcntl.O_CLOEXEC | O_DIRECTORY, 0));
        } catch (ErrnoException e) {
            throw new CgroupException(path, "cannot list cgroup " + path + ": " + e.getMessage(), e);
        }
        try (FileDescriptor dir = task.fd((int) fd)) {
            while (true) {
                byte[] records;
                try (FileDescriptor.Use u = dir.use(task)) {
                    records = task.call(Dirent.getdents64(u.number(), 16 * 1024));
                }
                if (records.length == 0) {
                    return out;
                }
                for (String name : Dirent.names(records)) {
                    if (name.equals(".") || name.equals("..")) {
                        continue;
                    }
                    Cgroup child = new Cgroup(task, file(name));
                    try {
                        child.checkIsCgroup();
                        out.add(child);
                    } catch (CgroupException notACgroup) {
                        // an interface file such as cgroup.procs itself
                    }
                }
            }
        }
    }

    /**
     * Moves the driven {@code child} into this cgroup from inside itself: it opens {@code cgroup.procs} and
     * writes {@code 0} ({@link Cgroups#enter}), so the program it execs starts inside. {@code Spawn.cgroup} runs
     * this as a set-up step.
     *
     * @param child the driven child, not yet exec'd
     * @throws ErrnoException when the child cannot open or write the file (ENOENT: the cgroup was removed;
     *     EBUSY: this cgroup has controllers enabled for its children, so only leaves can hold processes)
     */
    public void moveIn(ChildTask child) {
        Objects.requireNonNull(child, "child");
        try (FileDescriptor procs = child.open(file(Cgroups.PROCS), Fcntl.O_WRONLY | Fcntl.O_CLOEXEC, 0);
             FileDescriptor.Use u = procs.use(child)) {
            child.call(Cgroups.enter(u.number(), path));
        }
    }

    /**
     * Moves the driven {@code child} into this cgroup as {@link #moveIn} does, and records that this cgroup holds
     * the child's tree and nothing else ({@link ChildProcess#container()}): closing or stopping the child then
     * kills everything in it. {@code Spawn.contain} runs this as a set-up step.
     *
     * <pre>{@code
     * job.contain(childTask);
     * }</pre>
     *
     * @param child the driven child, not yet exec'd
     * @throws ErrnoException as {@link #moveIn} does
     * @since 0.2
     */
    public void contain(ChildTask child) {
        moveIn(child);
        child.childProcess().containIn(this);
    }

    /**
     * The controllers this cgroup can use ({@code cgroup.controllers}), e.g. {@code [cpu, memory, pids]}.
     *
     * @return the controllers' names
     */
    public Set<String> controllers() {
        return words(read(Cgroups.CONTROLLERS));
    }

    /**
     * The controllers enabled for this cgroup's children ({@code cgroup.subtree_control}).
     *
     * @return the controllers' names
     */
    public Set<String> subtreeControllers() {
        return words(read(Cgroups.SUBTREE_CONTROL));
    }

    private static Set<String> words(String s) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : s.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * Enables {@code controllers} for this cgroup's children ({@code +name} to {@code cgroup.subtree_control});
     * after this, this cgroup itself can hold no process (the "no internal processes" rule).
     *
     * @param controllers the controllers' names, e.g. {@code "pids"}, {@code "memory"}
     * @throws CgroupException naming a controller that {@link #controllers()} lacks, before writing anything
     */
    public void enableForChildren(String... controllers) {
        Set<String> have = controllers();
        StringBuilder b = new StringBuilder();
        for (String c : controllers) {
            Objects.requireNonNull(c, "controller");
            if (!have.contains(c)) {
                throw new CgroupException(path, "controller '" + c + "' is not available in cgroup " + path
                        + " (cgroup.controllers: " + have + "); enable it in the parent's cgroup.subtree_control",
                        null);
            }
            b.append(b.length() == 0 ? "" : " ").append('+').append(c);
        }
        write(Cgroups.SUBTREE_CONTROL, b.toString());
    }

    /**
     * {@code pids.max}: at most {@code max} processes and threads in this cgroup and its descendants; fork fails
     * with EAGAIN beyond.
     *
     * @param max the most processes and threads, not negative
     * @throws IllegalArgumentException if {@code max < 0}
     * @throws CgroupException if the {@code pids} controller is not enabled for this cgroup
     */
    public void setPidsMax(long max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be >= 0, was " + max);
        }
        writeLimit("pids", "pids.max", Long.toString(max));
    }

    /**
     * {@code memory.max}: the hard memory limit, in bytes; beyond it the OOM killer ends a process of the cgroup.
     *
     * @param bytes the limit in bytes, positive
     * @throws IllegalArgumentException if {@code bytes <= 0}
     * @throws CgroupException if the {@code memory} controller is not enabled for this cgroup
     */
    public void setMemoryMax(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("bytes must be > 0, was " + bytes);
        }
        writeLimit("memory", "memory.max", Long.toString(bytes));
    }

    /**
     * {@code cpu.max}: at most {@code quota} of CPU time per {@code period} (e.g. 50 ms per 100 ms: half a CPU).
     *
     * @param quota the CPU time allowed per period
     * @param period the period
     * @throws IllegalArgumentException unless 1 ms &lt;= period &lt;= 1 s and quota &gt;= 1 ms (the kernel's
     *     bounds)
     * @throws CgroupException if the {@code cpu} controller is not enabled for this cgroup
     */
    public void setCpuMax(Duration quota, Duration period) {
        long q = toMicros(Objects.requireNonNull(quota, "quota"));
        long p = toMicros(Objects.requireNonNull(period, "period"));
        if (p < 1000 || p > 1_000_000) {
            throw new IllegalArgumentException("period must be between 1ms and 1s, was " + period);
        }
        if (q < 1000) {
            throw new IllegalArgumentException("quota must be at least 1ms, was " + quota);
        }
        writeLimit("cpu", "cpu.max", q + " " + p);
    }

    private static long toMicros(Duration d) {
        return d.toNanos() / 1000;
    }

    private void writeLimit(String controller, String name, String value) {
        // the file exists only where the parent enables the controller: say so instead of a bare ENOENT
        if (!controllers().contains(controller)) {
            throw new CgroupException(path, name + ": the '" + controller + "' controller is not enabled for cgroup "
                    + path + " (cgroup.controllers: " + controllers() + "); enable it in the parent's"
                    + " cgroup.subtree_control (Cgroup.enableForChildren)", null);
        }
        write(name, value);
    }

    /**
     * {@code pids.peak} (Linux 6.1+, with the pids controller): the most processes at once; empty if absent.
     *
     * @return the peak count, or empty
     */
    public OptionalLong pidsPeak() {
        return optionalNumber("pids.peak");
    }

    /**
     * {@code memory.peak} (Linux 5.19+, with the memory controller): the most memory used; empty if absent.
     *
     * @return the peak in bytes, or empty
     */
    public OptionalLong memoryPeak() {
        return optionalNumber("memory.peak");
    }

    /**
     * {@code cpu.stat}: CPU time used by the cgroup and its descendants, including processes that exited
     * ({@code usage_usec}, {@code user_usec}, {@code system_usec}, and throttling counts with the cpu controller).
     *
     * @return the counters by name, microseconds for the {@code *_usec} ones
     */
    public Map<String, Long> cpuStat() {
        return keyedNumbers(read("cpu.stat"));
    }

    private Map<String, Long> events() {
        return keyedNumbers(read(Cgroups.EVENTS));
    }

    private static Map<String, Long> keyedNumbers(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] kv = line.trim().split(" ");
            if (kv.length == 2) {
                out.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        return out;
    }

    private OptionalLong optionalNumber(String name) {
        try {
            return OptionalLong.of(Long.parseLong(task.readSmallFile(file(name)).trim()));
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENOENT) {
                return OptionalLong.empty();
            }
            throw new CgroupException(path, "cannot read " + file(name) + ": " + e.getMessage(), e);
        }
    }

    private String read(String name) {
        try {
            return task.readSmallFile(file(name));
        } catch (ErrnoException e) {
            throw new CgroupException(path, "cannot read " + file(name) + ": " + e.getMessage(), e);
        }
    }

    private void write(String name, String value) {
        try {
            task.writeFile(file(name), value);
        } catch (ErrnoException e) {
            throw new CgroupException(path, "cannot write '" + value + "' to " + file(name) + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cgroup && ((Cgroup) o).task == task && ((Cgroup) o).path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return "cgroup " + path;
    }
}
