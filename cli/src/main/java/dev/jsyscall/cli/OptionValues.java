// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.cli;

import dev.jsyscall.Redirect;
import dev.jsyscall.linux.capability.Cap;
import dev.jsyscall.linux.mount.MountPropagation;
import dev.jsyscall.linux.resource.Resource;
import dev.jsyscall.linux.resource.Rlimit;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.linux.signal.SigSet;
import dev.jsyscall.linux.signal.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the values of {@code jsyscall run}'s options. Each throws {@link IllegalArgumentException} whose
 * message names the problem and quotes the value; the caller prefixes the option's name. Nothing here makes a
 * syscall: every value is checked before the child is cloned.
 */
final class OptionValues {
    private OptionValues() {
    }

    /** The kinds of namespace {@code --unshare} knows; {@code user} is handled apart (it needs uid/gid maps). */
    static final Map<String, CloneFlag> NAMESPACES = namespaces();

    private static Map<String, CloneFlag> namespaces() {
        Map<String, CloneFlag> m = new LinkedHashMap<>();
        m.put("user", CloneFlag.NEWUSER);
        m.put("mount", CloneFlag.NEWNS);
        m.put("pid", CloneFlag.NEWPID);
        m.put("net", CloneFlag.NEWNET);
        m.put("uts", CloneFlag.NEWUTS);
        m.put("ipc", CloneFlag.NEWIPC);
        m.put("cgroup", CloneFlag.NEWCGROUP);
        return m;
    }

    /**
     * A {@code --caps} value, {@code -all,+net_bind_service}: from the permitted set it is applied to, each
     * {@code -CAP} removes, each {@code +CAP} adds, {@code all} meaning every permitted capability.
     */
    static LongUnaryOperator caps(String value) {
        // each item maps (the set so far, the permitted set) to the next set
        List<LongBinaryOperator> items = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            String t = item.trim();
            if (t.length() < 2 || (t.charAt(0) != '+' && t.charAt(0) != '-')) {
                throw bad("each item must be +CAP or -CAP", t);
            }
            boolean add = t.charAt(0) == '+';
            String name = t.substring(1);
            if (name.equalsIgnoreCase("all")) {
                items.add(add ? (set, permitted) -> permitted : (set, permitted) -> 0L);
                continue;
            }
            long bit;
            try {
                bit = Cap.of(name).bit();
            } catch (IllegalArgumentException e) {
                throw bad("no such capability", name);
            }
            items.add(add ? (set, permitted) -> set | bit : (set, permitted) -> set & ~bit);
        }
        return permitted -> {
            long set = permitted;
            for (LongBinaryOperator i : items) {
                set = i.applyAsLong(set, permitted);
            }
            return set;
        };
    }

    /** The JVM's bounding set (CapBnd of /proc/self/status), which its children start with. */
    static long jvmBoundingSet() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (line.startsWith("CapBnd:")) {
                    return Long.parseUnsignedLong(line.substring(7).trim(), 16);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no CapBnd line in /proc/self/status");
    }

    private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)?");

    static IllegalArgumentException bad(String what, String value) {
        return new IllegalArgumentException(what + ": '" + value + "'");
    }

    static int integer(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw bad("not a number", value);
        }
    }

    /** {@code 1,2,3}: numbers >= 0, in the order given; the empty string is the empty list. */
    static int[] integers(String value) {
        if (value.isEmpty()) {
            return new int[0];
        }
        String[] parts = value.split(",", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = integer(parts[i]);
            if (out[i] < 0) {
                throw bad("not a number >= 0", parts[i]);
            }
        }
        return out;
    }

    /** What {@code nice -n N} makes of the niceness {@code current}: the sum, clamped to -20..19 as nice(1) does. */
    static int niceAfter(int current, int increment) {
        return (int) Math.max(-20, Math.min(19, (long) current + increment));
    }

    /** Permission bits in octal, {@code 0} to {@code 0777}. */
    static int umask(String value) {
        if (!value.matches("[0-7]{1,4}")) {
            throw bad("not an octal mode in 000..777", value);
        }
        int mask = Integer.parseInt(value, 8);
        if (mask > 0777) {
            throw bad("not an octal mode in 000..777", value);
        }
        return mask;
    }

    /** {@code 500ms}, {@code 1s}, {@code 1.5s}, {@code 2m}, {@code 1h}; a bare number is seconds. */
    static Duration duration(String value) {
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            throw bad("not a duration (examples: 500ms, 1s, 1.5s, 2m, 1h)", value);
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        long nanosPerUnit;
        switch (unit) {
            case "ms":
                nanosPerUnit = 1_000_000L;
                break;
            case "s":
                nanosPerUnit = 1_000_000_000L;
                break;
            case "m":
                nanosPerUnit = 60_000_000_000L;
                break;
            default:
                nanosPerUnit = 3_600_000_000_000L;
                break;
        }
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit));
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw bad("duration too long", value);
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** A signal by name ({@code TERM}, {@code SIGTERM}, {@code term}, {@code RTMIN+2}) or number. */
    static Signal signal(String value) {
        try {
            return Signal.parse(value);
        } catch (IllegalArgumentException e) {
            throw bad("not a signal (a name like TERM or SIGTERM, or a number 1..64)", value);
        }
    }

    /** A signal whose disposition can be set (not KILL, not STOP). */
    static Signal catchableSignal(String value) {
        Signal s = signal(value);
        if (s == Signal.SIGKILL || s == Signal.SIGSTOP) {
            throw bad(s + " cannot be ignored, caught or reset", value);
        }
        return s;
    }

    /** {@code TERM,INT,...}. */
    static SigSet signalSet(String value) {
        SigSet set = SigSet.EMPTY;
        for (String part : value.split(",", -1)) {
            if (part.isBlank()) {
                throw bad("empty signal name in the list", value);
            }
            set = set.with(signal(part));
        }
        return set;
    }

    /** {@code user,mount,...}, in the order given, without repeats. */
    static Set<String> namespaces(String value) {
        Set<String> out = new LinkedHashSet<>();
        for (String part : value.split(",", -1)) {
            String n = part.trim().toLowerCase(Locale.ROOT);
            if (n.equals("mnt")) {
                n = "mount";
            }
            if (!NAMESPACES.containsKey(n)) {
                throw new IllegalArgumentException("unknown namespace '" + part + "'; known: "
                        + String.join(", ", NAMESPACES.keySet()));
            }
            out.add(n);
        }
        return out;
    }

    /** {@code private}, {@code shared}, {@code slave} or {@code unchanged}, as unshare(1)'s --propagation. */
    static MountPropagation propagation(String value) {
        try {
            return MountPropagation.parse(value);
        } catch (IllegalArgumentException e) {
            throw bad("not a mount propagation (private, shared, slave or unchanged)", value);
        }
    }

    /**
     * A resource and its new limits, from {@code NAME=SOFT[:HARD]}; a side left empty ({@code nofile=64:},
     * {@code nofile=:128}) is null and keeps its current value, as prlimit(1) does.
     */
    record Limit(Resource resource, Long soft, Long hard) {
        /** Both limits, for a definition that takes them whole. */
        Rlimit limit() {
            if (soft == null || hard == null) {
                throw new IllegalArgumentException("give both limits, SOFT:HARD");
            }
            return new Rlimit(soft, hard);
        }

        /** The limits once applied over {@code current}; refused where the soft limit would pass the hard one. */
        Rlimit over(Rlimit current) {
            Rlimit next = new Rlimit(soft == null ? current.soft() : soft, hard == null ? current.hard() : hard);
            // RLIM64_INFINITY is all ones: unsigned, it is above every number
            if (Long.compareUnsigned(next.soft(), next.hard()) > 0) {
                throw new IllegalArgumentException("the soft limit " + limitText(next.soft()) + " would be above"
                        + " the hard limit " + limitText(next.hard()));
            }
            return next;
        }
    }

    static String limitText(long limit) {
        return limit == Rlimit.INFINITY ? "unlimited" : Long.toUnsignedString(limit);
    }

    /** Names without {@code RLIMIT_}, lower-case, as prlimit(1) and the shell's ulimit builtin say them. */
    static String resourceName(Resource r) {
        return r.name().substring("RLIMIT_".length()).toLowerCase(Locale.ROOT);
    }

    static Limit rlimit(String value) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw bad("not NAME=SOFT[:HARD]", value);
        }
        String name = value.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("rlimit_")) {
            name = name.substring("rlimit_".length());
        }
        Resource resource = null;
        List<String> known = new ArrayList<>();
        for (Resource r : Resource.values()) {
            known.add(resourceName(r));
            if (resourceName(r).equals(name)) {
                resource = r;
            }
        }
        if (resource == null) {
            throw new IllegalArgumentException("unknown resource '" + value.substring(0, eq) + "'; known: "
                    + String.join(", ", known));
        }
        String limits = value.substring(eq + 1);
        int colon = limits.indexOf(':');
        String softText = colon < 0 ? limits : limits.substring(0, colon);
        String hardText = colon < 0 ? limits : limits.substring(colon + 1);
        if (softText.isEmpty() && hardText.isEmpty()) {
            throw bad("no limit given (SOFT, SOFT:HARD, SOFT: or :HARD)", value);
        }
        // like prlimit(1): one number sets both limits, an empty side keeps the current one
        Long soft = softText.isEmpty() ? null : limitValue(softText, value);
        Long hard = hardText.isEmpty() ? null : limitValue(hardText, value);
        if (soft != null && hard != null && Long.compareUnsigned(soft, hard) > 0) {
            throw bad("the soft limit is above the hard limit", value);
        }
        return new Limit(resource, soft, hard);
    }

    private static long limitValue(String s, String whole) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.equals("unlimited") || t.equals("infinity")) {
            return Rlimit.INFINITY;
        }
        try {
            long v = Long.parseLong(t);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("not a limit (a number >= 0 or 'unlimited'): '" + s + "' in '" + whole
                + "'");
    }

    /**
     * Where a standard stream or fd comes from: {@code null} is /dev/null; {@code +FILE} appends; {@code >FILE}
     * truncates; a plain {@code FILE} is opened with {@code plain} (to name a file that starts with + or >, or is
     * called null, write ./+x or ./null).
     *
     * @param plain how a plain FILE is opened
     * @param writable whether +FILE and >FILE make sense (not for stdin)
     */
    static Redirect redirect(String value, Redirect.Mode plain, boolean writable) {
        if (value.equals("null")) {
            return Redirect.devNull();
        }
        Redirect.Mode mode = plain;
        String path = value;
        if (value.startsWith("+") || value.startsWith(">")) {
            if (!writable) {
                throw bad("stdin is read from; +FILE and >FILE are for output", value);
            }
            mode = value.startsWith("+") ? Redirect.Mode.APPEND : Redirect.Mode.WRITE;
            path = value.substring(1);
        }
        if (path.isEmpty()) {
            throw bad("no file name", value);
        }
        if (path.indexOf('\0') >= 0) {
            throw bad("a file name cannot hold a NUL byte", value);
        }
        return Redirect.file(path, mode);
    }

    /** The target fd number and source of {@code --fd N=FILE}. */
    record FdMapping(int target, Redirect from) {
    }

    static FdMapping fd(String value) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw bad("not N=FILE", value);
        }
        String n = value.substring(0, eq);
        int target;
        try {
            target = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw bad("not an fd number", n);
        }
        if (target < 0) {
            throw bad("not an fd number", n);
        }
        return new FdMapping(target, redirect(value.substring(eq + 1), Redirect.Mode.READ, true));
    }

    /** {@code NAME=VALUE}. */
    static Map.Entry<String, String> envAssignment(String value) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw bad("not NAME=VALUE", value);
        }
        return Map.entry(value.substring(0, eq), value.substring(eq + 1));
    }

    /** {@code SRC:DST} of bwrap-like options, split at its one colon; both non-empty. */
    static String[] pathPair(String value) {
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1 || value.indexOf(':', colon + 1) >= 0) {
            throw bad("not SRC:DST (two non-empty paths, one colon)", value);
        }
        return new String[] {value.substring(0, colon), value.substring(colon + 1)};
    }

    /** {@code PID[:KINDS]} of {@code --setns}: a positive pid and namespace names (none: all but user). */
    static Map.Entry<Integer, CloneFlag[]> setns(String value) {
        int colon = value.indexOf(':');
        String pidText = colon < 0 ? value : value.substring(0, colon);
        int pid;
        try {
            pid = Integer.parseInt(pidText);
        } catch (NumberFormatException e) {
            throw bad("not PID[:NS,...]", value);
        }
        if (pid <= 0) {
            throw bad("PID must be positive", value);
        }
        List<CloneFlag> kinds = new ArrayList<>();
        if (colon >= 0) {
            for (String n : namespaces(value.substring(colon + 1))) {
                kinds.add(NAMESPACES.get(n));
            }
        }
        return Map.entry(pid, kinds.toArray(new CloneFlag[0]));
    }
}
