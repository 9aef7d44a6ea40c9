// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import dev.jsyscall.linux.Errno;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The fake kernel's built-in faults and fault sites for one run, as a {@link SyscallHook}: either drawn from the
 * seed (swarm testing: which {@link FaultKind}s are on, and how often each fires, are drawn first) or forced to
 * an exact list of firings, which is how a failing run is replayed and shrunk. Every firing is recorded as one
 * token: {@code clone#3=EAGAIN} (the third {@code clone} of the run fails), {@code execve#2=SIGKILL} (a child is
 * killed just before the run's second {@code execve}), {@code site:name#4} (the fourth call of that fault site
 * fires), {@code clock_nanosleep#5=LATE:PT0.12S} (that sleep's timeout ends 120 ms late),
 * {@code clock_gettime#9=STEP:PT-1H} ({@code CLOCK_REALTIME} steps an hour back just before that call),
 * {@code read#4=SHORT:17} (that read ends at the last end of a write within 17 bytes, see
 * {@link #SHORT_CALLS}). The counts are per syscall name across all processes, so a token still names the same call when an unrelated firing
 * is removed.
 *
 * <p>The faults are limited to what Linux can do: errnos come from {@link #ERRNO_TABLE} (a subset of the api's
 * {@code FaultInjectingBackend.linuxErrnos}, which a test checks), EINTR only from calls
 * that are never restarted after a signal handler, SIGKILL only to children (killing the JVM ends everything).
 *
 * <pre>{@code
 * KernelFaults faults = KernelFaults.swarm(42, EnumSet.allOf(FaultKind.class));
 * fake.setFaults(faults);
 * ...
 * System.out.println(faults.fired());            // [clone#2=EAGAIN, site:slow-start#1]
 * fake.setFaults(KernelFaults.forced(List.of("clone#2=EAGAIN")));
 * }</pre>
 *
 * @since 0.2
 */
public final class KernelFaults implements SyscallHook {

    /**
     * The errnos a fault may return, per syscall: only those a real kernel returns for lack of a resource, never
     * ones that depend on the arguments (a fault must not make a correct call look wrong). Where each entry is
     * checked on the real kernel:
     * <ul>
     *   <li>EMFILE of {@code openat}, {@code pipe2}, {@code dup}, {@code pidfd_open}: the testkit's
     *       FaultTableContract (rule FT1) provokes it with {@code RLIMIT_NOFILE} 0 in a driven child.</li>
     *   <li>ENFILE of {@code openat} and {@code pipe2}: not provoked, as it needs the host's {@code fs.file-max}
     *       exhausted for every process on the machine; fs/file.c {@code alloc_empty_file} returns it when a new
     *       open file is made ({@code dup} makes none).</li>
     *   <li>EAGAIN of {@code clone} and {@code clone3}: not provoked, as {@code RLIMIT_NPROC} does not apply to
     *       root or {@code CAP_SYS_RESOURCE} (the test JVM's usual state) and the other causes ({@code pid_max}
     *       or a cgroup's {@code pids.max} reached) would disturb the host; kernel/fork.c
     *       {@code copy_process} returns it for all three.</li>
     * </ul>
     */
    public static final Map<String, List<Errno>> ERRNO_TABLE = table();

    /**
     * The calls the local process may see EINTR from: man 7 signal lists them as never restarted after a handler,
     * whatever {@code SA_RESTART} says; HotSpot's handlers use {@code SA_RESTART}, so {@code waitid}, {@code read}
     * and {@code write} on pipes are restarted and must not see it. Not provoked by the testkit: it needs a
     * handler to run on the sleeping thread, which the fake does not simulate.
     */
    public static final Set<String> EINTR_CALLS = Set.of("nanosleep", "clock_nanosleep", "poll", "ppoll",
            "epoll_wait", "epoll_pwait", "select", "pselect6", "rt_sigtimedwait", "rt_sigsuspend", "pause");

    /**
     * The calls whose timeout a {@link FaultKind#JITTER} fault may end late: every timed wait the fake implements
     * ({@code futex} aside). On Linux a timeout never ends early and often ends late: {@code prctl(PR_SET_TIMERSLACK)}'s
     * default slack is 50 µs, and a runnable task then waits for a CPU, which under a cgroup CPU quota can take a
     * whole period (100 ms by default); the drawn delays go up to 200 ms.
     */
    public static final Set<String> LATE_CALLS = Set.of("nanosleep", "clock_nanosleep", "poll", "ppoll",
            "epoll_wait", "epoll_pwait", "rt_sigtimedwait");

    /**
     * The calls before which a {@link FaultKind#CLOCK_STEP} fault may step {@code CLOCK_REALTIME}: the clock reads,
     * where a step shows. Linux steps it at any time ({@code clock_settime}, {@code settimeofday}, NTP's step
     * above 128 ms); {@code CLOCK_MONOTONIC} and {@code CLOCK_BOOTTIME} are never stepped.
     */
    public static final Set<String> STEP_CALLS = Set.of("clock_gettime", "gettimeofday", "time");

    /**
     * The calls a {@link FaultKind#SHORT} fault may shorten, and where Linux lets each move fewer bytes than asked:
     * <ul>
     *   <li>a read ({@code read}, {@code readv}, {@code recvfrom}, {@code recvmsg}) of a pipe or a stream socket
     *       returns what is there, which is less than asked when a writer's later data has not arrived yet. The
     *       fake cuts the buffered data where one of the writer's writes or sends ended, never inside one: the
     *       read ran before the rest arrived (fs/pipe.c pipe_write holds the pipe's lock from a write's first byte
     *       to its last unless it waits for room). Testkit rule FT3 on ffm, jnr and the fake.</li>
     *   <li>a write of more than {@link #PIPE_BUF} bytes to a pipe returns what it wrote when a signal interrupts
     *       it while it waits for room; up to PIPE_BUF bytes are all or nothing (POSIX). A send on an AF_UNIX
     *       stream socket goes in skbs of 36544 bytes and ends early only after whole ones, so only a send of
     *       more than that is shortened, to a multiple of it. Rule FT4 provokes both with a non-blocking
     *       write.</li>
     *   <li>a write to a terminal (the fake's pty pair) of any size: n_tty_write passes the driver what fits and a
     *       signal while it waits for room ends it with the count written; no tty write is atomic.</li>
     *   <li>never a regular file (less only at EOF or a limit), never a datagram or seqpacket socket (a message
     *       is sent whole or not at all, and received whole, or truncated to the buffer with {@code MSG_TRUNC}
     *       and its rest discarded: rule FT5), never a terminal read (a canonical read returns one whole line;
     *       the fake does not cut a raw read yet).</li>
     * </ul>
     */
    public static final Set<String> SHORT_CALLS = Set.of("read", "readv", "write", "writev", "recvfrom",
            "recvmsg", "sendto", "sendmsg");

    /** Linux's PIPE_BUF: a pipe write of at most this many bytes is never split. */
    public static final int PIPE_BUF = 4096;

    private static final int SIGKILL = 9;
    /** The payload of one skb of an AF_UNIX stream send (see {@link #SHORT_CALLS}). */
    private static final long UNIX_SKB = 36544;
    private static final Set<String> WRITES = Set.of("write", "writev", "sendto", "sendmsg");
    private static final double[] SHORT_RATES = {0.1, 0.3, 0.7};
    private static final double[] LATE_RATES = {0.25, 0.5, 1.0};
    private static final long[] LATE_MAX_MICROS = {1_000, 20_000, 200_000};
    private static final long[] STEP_MILLIS = {128, 1_000, 60_000, 3_600_000};
    private static final double[] RATES = {0.02, 0.05, 0.15};

    private final long seed;
    private final Set<FaultKind> active;
    private final Map<FaultKind, Double> rates = new EnumMap<>(FaultKind.class);
    private final Map<String, String> forced; // token without "=action" -> action, or null when drawn
    private final SplittableRandom random;
    /** Draws of the timing kinds, apart so that seeds of the older kinds fire as they did before these existed. */
    private final SplittableRandom timing;
    private final long lateMaxMicros;
    /** Draws of the short-transfer kind, apart so that the other kinds fire as they did before it existed. */
    private final SplittableRandom shorts;
    private final Map<String, SplittableRandom> siteRandoms = new HashMap<>();
    private final Map<String, Boolean> siteOn = new HashMap<>();
    private final Map<String, Long> counts = new HashMap<>();
    private final List<String> fired = new ArrayList<>();

    private KernelFaults(long seed, Set<FaultKind> active, Map<String, String> forced) {
        this.seed = seed;
        this.active = Collections.unmodifiableSet(active.isEmpty() ? EnumSet.noneOf(FaultKind.class)
                : EnumSet.copyOf(active));
        this.forced = forced;
        // its own stream: the scheduler's draws must not move when faults are switched on or off
        this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0xFA175L);
        for (FaultKind k : EnumSet.range(FaultKind.ERRNO, FaultKind.SITES)) {
            rates.put(k, RATES[random.nextInt(RATES.length)]);
        }
        this.timing = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x71A1EL);
        rates.put(FaultKind.JITTER, LATE_RATES[timing.nextInt(LATE_RATES.length)]);
        rates.put(FaultKind.CLOCK_STEP, RATES[timing.nextInt(RATES.length)]);
        this.lateMaxMicros = LATE_MAX_MICROS[timing.nextInt(LATE_MAX_MICROS.length)];
        this.shorts = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x5B0A7L);
        rates.put(FaultKind.SHORT, SHORT_RATES[shorts.nextInt(SHORT_RATES.length)]);
    }

    /**
     * Faults drawn from the seed: each kind of {@code allowed} is on with probability 1/2 (at least one is), and
     * each on kind fires at a rate drawn from the seed.
     *
     * @param seed the run's seed
     * @param allowed the kinds that may be on
     * @return the faults of that run
     * @throws NullPointerException if {@code allowed} is null
     */
    public static KernelFaults swarm(long seed, Set<FaultKind> allowed) {
        Objects.requireNonNull(allowed, "allowed");
        SplittableRandom r = new SplittableRandom(seed ^ 0x5A4A4DL);
        EnumSet<FaultKind> on = EnumSet.noneOf(FaultKind.class);
        List<FaultKind> order = new ArrayList<>(EnumSet.copyOf(allowed.isEmpty()
                ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(allowed)));
        for (FaultKind k : order) {
            if (r.nextBoolean()) {
                on.add(k);
            }
        }
        if (on.isEmpty() && !order.isEmpty()) {
            on.add(order.get(r.nextInt(order.size())));
        }
        return new KernelFaults(seed, on, null);
    }

    /**
     * Exactly these firings and no others: tokens as {@link #fired()} prints them.
     *
     * @param firings the tokens, e.g. {@code ["clone#2=EAGAIN", "execve#1=SIGKILL", "site:slow#1"]}
     * @return the faults that replay them
     * @throws IllegalArgumentException if a token is malformed, or names an errno or syscall not in
     *     {@link #ERRNO_TABLE}, a call not in {@link #EINTR_CALLS}, a lateness that is not positive or on a call not
     *     in {@link #LATE_CALLS}, a zero step or one before a call not in {@link #STEP_CALLS}, or a short
     *     transfer that is not positive or on a call not in {@link #SHORT_CALLS}; a short transfer Linux could not
     *     make where it lands (a regular file, a pipe write of up to PIPE_BUF bytes), or a SIGKILL that lands on
     *     the local process (a fault never kills the JVM), throws {@link IllegalStateException} from that
     *     syscall
     */
    public static KernelFaults forced(List<String> firings) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String t : Objects.requireNonNull(firings, "firings")) {
            String token = Objects.requireNonNull(t, "firing").trim();
            if (token.startsWith("site:")) {
                if (!token.matches("site:[^\\s,=#]+#[1-9][0-9]*")) {
                    throw new IllegalArgumentException("a site firing is site:NAME#N: \"" + token + "\"");
                }
                m.put(token, "");
                continue;
            }
            int eq = token.indexOf('=');
            if (eq < 0 || !token.substring(0, eq).matches("[a-z0-9_]+#[1-9][0-9]*")) {
                throw new IllegalArgumentException("a firing is SYSCALL#N=ERRNO, SYSCALL#N=SIGKILL or"
                        + " site:NAME#N: \"" + token + "\"");
            }
            String call = token.substring(0, token.indexOf('#'));
            String action = token.substring(eq + 1);
            if (action.startsWith("SHORT:")) {
                checkShort(token, call, action);
                m.put(token.substring(0, eq), action);
                continue;
            }
            if (action.startsWith("LATE:") || action.startsWith("STEP:")) {
                checkTiming(token, call, action);
                m.put(token.substring(0, eq), action);
                continue;
            }
            boolean legal = action.equals("SIGKILL")
                    || action.equals("EINTR") && EINTR_CALLS.contains(call)
                    || ERRNO_TABLE.getOrDefault(call, List.of()).stream().anyMatch(e -> e.name().equals(action));
            if (!legal) {
                throw new IllegalArgumentException("firing \"" + token + "\": Linux does not return " + action
                        + " from " + call + " for want of a resource (see KernelFaults.ERRNO_TABLE)");
            }
            m.put(token.substring(0, eq), action);
        }
        return new KernelFaults(0, EnumSet.noneOf(FaultKind.class), m);
    }

    private static void checkShort(String token, String call, String action) {
        if (!SHORT_CALLS.contains(call)) {
            throw new IllegalArgumentException("firing \"" + token + "\": only " + new java.util.TreeSet<>(SHORT_CALLS)
                    + " transfer fewer bytes than asked (see KernelFaults.SHORT_CALLS)");
        }
        if (!action.matches("SHORT:[1-9][0-9]{0,17}")) {
            throw new IllegalArgumentException("firing \"" + token + "\": SHORT takes a positive byte count such as"
                    + " SHORT:17 (a transfer of 0 bytes would mean EOF)");
        }
    }

    /** Why Linux could not shorten this call, or null if it could (see {@link #SHORT_CALLS}). */
    private static String cannotShorten(Event e) {
        String type = e.fileType();
        boolean write = WRITES.contains(e.name());
        if (type.equals("terminal") && !write) {
            return "the fake does not shorten a read of a terminal (a canonical read returns a whole line)";
        }
        if (!type.equals("pipe") && !type.equals("stream-socket") && !type.equals("terminal")) {
            return e.name() + " on " + (type.isEmpty() ? "a bad fd" : "a " + type) + " never transfers fewer"
                    + " bytes than asked (only pipes, stream sockets and terminals do; a datagram is whole)";
        }
        if (write && type.equals("pipe") && e.byteCount() <= PIPE_BUF) {
            return "a " + e.name() + " of " + e.byteCount() + " bytes to a pipe is never split (at most"
                    + " PIPE_BUF = " + PIPE_BUF + " bytes are written at once)";
        }
        if (write && type.equals("stream-socket") && e.byteCount() <= UNIX_SKB) {
            return "a " + e.name() + " of " + e.byteCount() + " bytes to a unix stream socket goes in one skb of at"
                    + " most " + UNIX_SKB + " bytes, whole";
        }
        return null;
    }

    private static void checkTiming(String token, String call, String action) {
        Duration d;
        try {
            d = Duration.parse(action.substring(5));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("firing \"" + token + "\": " + action.substring(0, 5)
                    + " takes an ISO-8601 duration such as PT0.12S or PT-1H", e);
        }
        if (action.startsWith("LATE:")) {
            if (!LATE_CALLS.contains(call)) {
                throw new IllegalArgumentException("firing \"" + token + "\": " + call + " has no timeout to end"
                        + " late (see KernelFaults.LATE_CALLS)");
            }
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("firing \"" + token + "\": Linux never ends a timeout early;"
                        + " the lateness must be positive");
            }
        } else {
            if (!STEP_CALLS.contains(call)) {
                throw new IllegalArgumentException("firing \"" + token + "\": a realtime step is injected before"
                        + " a clock read only (see KernelFaults.STEP_CALLS)");
            }
            if (d.isZero()) {
                throw new IllegalArgumentException("firing \"" + token + "\": a step of zero changes nothing");
            }
        }
    }

    /**
     * The kinds on in this run (empty when forced).
     *
     * @return the kinds
     */
    public Set<FaultKind> active() {
        return active;
    }

    /**
     * Whether the firings are forced rather than drawn.
     *
     * @return true for {@link #forced}
     */
    public boolean isForced() {
        return forced != null;
    }

    /**
     * The firings so far, in order, as tokens {@link #forced} accepts.
     *
     * @return a copy of the firings
     */
    public synchronized List<String> fired() {
        return List.copyOf(fired);
    }

    @Override
    public synchronized Action beforeSyscall(Event event) {
        String name = event.name();
        String key = name + "#" + counts.merge(name, 1L, Long::sum);
        if (forced != null) {
            String action = forced.get(key);
            if (action == null) {
                return null;
            }
            if (action.equals("SIGKILL") && event.isLocal()) {
                // never kill the JVM; dropping the firing silently would replay a different run than the token says
                throw new IllegalStateException("forced firing \"" + key + "=SIGKILL\" lands on the local process"
                        + " (pid " + event.pid() + "), which a fault never kills: in the recorded run this call was"
                        + " a child's (was the code under test changed since it was recorded?)");
            }
            if (action.startsWith("SHORT:")) {
                String why = cannotShorten(event);
                if (why != null) {
                    throw new IllegalStateException("forced firing \"" + key + "=" + action + "\" cannot happen on"
                            + " Linux: " + why + " (was the code under test changed since it was recorded?)");
                }
            }
            return record(key, action);
        }
        if (!event.isLocal() && on(FaultKind.KILL)) {
            return record(key, "SIGKILL");
        }
        List<Errno> errnos = ERRNO_TABLE.get(name);
        if (errnos != null && on(FaultKind.ERRNO)) {
            return record(key, errnos.get(random.nextInt(errnos.size())).name());
        }
        if (event.isLocal() && EINTR_CALLS.contains(name) && on(FaultKind.EINTR)) {
            return record(key, "EINTR");
        }
        if (LATE_CALLS.contains(name) && onTiming(FaultKind.JITTER)) {
            long micros = 1 + timing.nextLong(lateMaxMicros);
            return record(key, "LATE:" + Duration.ofNanos(micros * 1_000));
        }
        if (STEP_CALLS.contains(name) && onTiming(FaultKind.CLOCK_STEP)) {
            long ms = STEP_MILLIS[timing.nextInt(STEP_MILLIS.length)];
            return record(key, "STEP:" + Duration.ofMillis(timing.nextBoolean() ? ms : -ms));
        }
        if (SHORT_CALLS.contains(name) && active.contains(FaultKind.SHORT) && cannotShorten(event) == null
                && event.byteCount() >= 2 && shorts.nextDouble() < rates.get(FaultKind.SHORT)) {
            // small counts most often: one byte at a time finds the most reassembly bugs
            long n = 1 + (shorts.nextBoolean() ? shorts.nextLong(Math.min(16, event.byteCount() - 1))
                    : shorts.nextLong(event.byteCount() - 1));
            if (event.fileType().equals("stream-socket") && WRITES.contains(name)) {
                n = UNIX_SKB * (1 + shorts.nextLong((event.byteCount() - 1) / UNIX_SKB));
            }
            return record(key, "SHORT:" + n);
        }
        return null;
    }

    /**
     * Whether a named fault site fires at this call (see {@code dev.jsyscall.Faults}).
     *
     * @param site the site's name
     * @return true if it fires
     */
    public synchronized boolean fireSite(String site) {
        String key = "site:" + site + "#" + counts.merge("site:" + site, 1L, Long::sum);
        boolean fires;
        if (forced != null) {
            fires = forced.containsKey(key);
        } else if (!active.contains(FaultKind.SITES)) {
            fires = false;
        } else {
            // per site, so that a new site in the code does not change when the others fire
            SplittableRandom r = siteRandoms.computeIfAbsent(site,
                    s -> new SplittableRandom(seed * 31 + s.hashCode()));
            boolean on = siteOn.computeIfAbsent(site, s -> r.nextBoolean());
            fires = on && r.nextInt(4) == 0;
        }
        if (fires) {
            fired.add(key);
        }
        return fires;
    }

    private boolean on(FaultKind k) {
        return active.contains(k) && random.nextDouble() < rates.get(k);
    }

    private boolean onTiming(FaultKind k) {
        return active.contains(k) && timing.nextDouble() < rates.get(k);
    }

    private Action record(String key, String action) {
        fired.add(key + "=" + action);
        if (action.startsWith("LATE:")) {
            return Action.late(Duration.parse(action.substring(5)));
        }
        if (action.startsWith("STEP:")) {
            return Action.stepRealtime(Duration.parse(action.substring(5)));
        }
        if (action.startsWith("SHORT:")) {
            return Action.shortTo(Long.parseLong(action.substring(6)));
        }
        return action.equals("SIGKILL") ? Action.signal(SIGKILL) : Action.fail(Errno.valueOf(action));
    }

    private static Map<String, List<Errno>> table() {
        Map<String, List<Errno>> t = new LinkedHashMap<>();
        // dup only takes a slot for a file that exists, so it has no ENFILE
        t.put("openat", List.of(Errno.EMFILE, Errno.ENFILE));
        t.put("pipe2", List.of(Errno.EMFILE, Errno.ENFILE));
        t.put("dup", List.of(Errno.EMFILE));
        t.put("pidfd_open", List.of(Errno.EMFILE));
        t.put("clone", List.of(Errno.EAGAIN));
        t.put("clone3", List.of(Errno.EAGAIN));
        return Collections.unmodifiableMap(t);
    }

    @Override
    public String toString() {
        if (forced != null) {
            return "forced " + forced.keySet();
        }
        Map<FaultKind, Double> on = new EnumMap<>(FaultKind.class);
        active.forEach(k -> on.put(k, rates.get(k)));
        return "kinds " + active + " firing at " + on + (active.contains(FaultKind.JITTER)
                ? ", late by up to " + Duration.ofNanos(lateMaxMicros * 1_000) : "");
    }
}
