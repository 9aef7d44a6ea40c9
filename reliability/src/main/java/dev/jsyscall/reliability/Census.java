// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What this JVM holds, read from {@code /proc}: its fds, its threads, its children (live and zombie), and every
 * process that descends from it or carries a marker in its environment. Taken before and after each scenario; the
 * difference is the leak.
 *
 * <p>Internal to the reliability suite.
 */
public final class Census {
    /** Environment variable every program a scenario execs carries, so that a stray is found even once reparented. */
    public static final String MARKER = "JSYSCALL_RELIABILITY_RUN";

    /** {@code "N -> target"} for the JVM's fds, without the files the JVM opens lazily by itself. */
    public final Set<String> fds;
    /** Threads of this process ({@code /proc/self/task}). */
    public final int threads;
    /** Live children of this JVM, as "pid comm". */
    public final Set<String> liveChildren;
    /** Zombie children of this JVM, as "pid comm". */
    public final Set<String> zombies;
    /** Live processes that descend from this JVM or carry the marker, as "pid comm". */
    public final Set<String> descendants;
    /** {@code bytesInUse()} of the kernel's local allocator. */
    public final long allocatorBytes;

    private Census(Set<String> fds, int threads, Set<String> liveChildren, Set<String> zombies,
                   Set<String> descendants, long allocatorBytes) {
        this.fds = fds;
        this.threads = threads;
        this.liveChildren = liveChildren;
        this.zombies = zombies;
        this.descendants = descendants;
        this.allocatorBytes = allocatorBytes;
    }

    /** Takes a census now; {@code marker} is the value of {@link #MARKER} this run's programs carry. */
    public static Census take(long allocatorBytes, String marker) {
        long self = ProcessHandle.current().pid();
        Map<Long, Stat> all = allStats();
        Set<String> live = new TreeSet<>();
        Set<String> zombies = new TreeSet<>();
        Set<String> descendants = new TreeSet<>();
        for (Stat s : all.values()) {
            if (s.pid == self) {
                continue;
            }
            if (s.ppid == self) {
                (s.state == 'Z' ? zombies : live).add(s.pid + " " + s.comm);
            }
            if (s.state != 'Z' && (descendsFrom(s, self, all) || hasMarker(s.pid, marker))) {
                descendants.add(s.pid + " " + s.comm);
            }
        }
        return new Census(fds(), count(Paths.get("/proc/self/task")), live, zombies, descendants, allocatorBytes);
    }

    private static boolean descendsFrom(Stat s, long ancestor, Map<Long, Stat> all) {
        Stat cur = s;
        for (int depth = 0; depth < 64 && cur != null; depth++) {
            if (cur.ppid == ancestor) {
                return true;
            }
            cur = all.get(cur.ppid);
        }
        return false;
    }

    private static boolean hasMarker(long pid, String marker) {
        try {
            byte[] env = Files.readAllBytes(Paths.get("/proc/" + pid + "/environ"));
            String needle = MARKER + "=" + marker;
            for (String e : new String(env, StandardCharsets.ISO_8859_1).split("\0")) {
                if (e.equals(needle)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false; // gone, or a kernel thread
        }
    }

    /** One line of {@code /proc/PID/stat}, the fields this suite needs. */
    public record Stat(long pid, String comm, char state, long ppid, long pgrp, long session, int nice,
                       long startTime) {
    }

    /** {@code /proc/PID/stat} of {@code pid}, or empty if there is no such process. */
    public static Optional<Stat> stat(long pid) {
        try {
            return Optional.of(parse(pid, Files.readString(Paths.get("/proc/" + pid + "/stat"))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // ESRCH while reading: it just exited
        }
    }

    /** Whether {@code pid} still names the process that started at {@code startTime}, and it is not a zombie. */
    public static boolean alive(long pid, long startTime) {
        return stat(pid).filter(s -> s.startTime == startTime && s.state != 'Z').isPresent();
    }

    private static Stat parse(long pid, String line) {
        // comm may contain spaces and parentheses: the fields start after the last ')'
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        String comm = line.substring(open + 1, close);
        String[] f = line.substring(close + 2).trim().split(" ");
        // f[0] is field 3 (state); field N is f[N - 3]
        return new Stat(pid, comm, f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                Integer.parseInt(f[16]), Long.parseLong(f[19]));
    }

    /** Every process's stat, by pid. */
    public static Map<Long, Stat> allStats() {
        Map<Long, Stat> out = new HashMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Paths.get("/proc"), "[0-9]*")) {
            for (Path p : ds) {
                long pid = Long.parseLong(p.getFileName().toString());
                stat(pid).ifPresent(s -> out.put(pid, s));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return out;
    }

    /** The JVM's fds, as {@code "N -> target"}. */
    public static Set<String> fds() {
        Set<String> out = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Paths.get("/proc/self/fd"))) {
            for (Path p : ds) {
                String target;
                try {
                    target = Files.readSymbolicLink(p).toString();
                } catch (NoSuchFileException e) {
                    continue; // the directory stream's own fd
                }
                if (!isJvmOwn(target)) {
                    out.add(p.getFileName() + " -> " + target);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/self/fd", e);
        }
        return out;
    }

    /** The target of fd {@code n} of this JVM, or empty if {@code n} is not open. */
    public static Optional<String> fdTarget(int n) {
        try {
            return Optional.of(Files.readSymbolicLink(Paths.get("/proc/self/fd/" + n)).toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isJvmOwn(String target) {
        // jars, modules, shared libraries and class data are opened lazily by the JVM at any moment
        return target.endsWith(".jar") || target.endsWith(".jmod") || target.endsWith(".so")
                || target.contains(".so.") || target.endsWith("/modules") || target.endsWith(".jsa")
                || target.startsWith("/proc/") || target.endsWith(".class");
    }

    private static int count(Path dir) {
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path ignored : ds) {
                n++;
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
        return n;
    }

    /** What {@code after} holds that this census did not, minus {@code ignoredFds} (fds the kernels keep). */
    public List<String> leaksIn(Census after, Collection<Integer> ignoredFds) {
        List<String> leaks = new ArrayList<>();
        Set<String> fdDiff = new TreeSet<>(after.fds);
        fdDiff.removeAll(fds);
        for (int own : ignoredFds) {
            fdDiff.removeIf(f -> f.startsWith(own + " "));
        }
        if (!fdDiff.isEmpty()) {
            leaks.add("fds left open: " + fdDiff);
        }
        if (!after.zombies.isEmpty()) {
            leaks.add("zombies: " + after.zombies);
        }
        Set<String> children = new TreeSet<>(after.liveChildren);
        children.removeAll(liveChildren);
        if (!children.isEmpty()) {
            leaks.add("live children: " + children);
        }
        Set<String> strays = new TreeSet<>(after.descendants);
        strays.removeAll(descendants);
        if (!strays.isEmpty()) {
            leaks.add("stray processes: " + strays);
        }
        if (after.allocatorBytes != allocatorBytes) {
            leaks.add("allocator bytes in use went from " + allocatorBytes + " to " + after.allocatorBytes);
        }
        return leaks;
    }
}
