// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.dst;

import dev.jsyscall.backend.fake.TraceListener;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.mman.Mman;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.linux.sched.CloneArgs;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.time.Time;
import dev.jsyscall.linux.time.Timespec;
import dev.jsyscall.linux.wait.ChildState;
import dev.jsyscall.linux.wait.Siginfo;
import dev.jsyscall.linux.wait.IdType;
import dev.jsyscall.linux.wait.WaitOption;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the fake's raw trace records into lines a person reads. The names come from the api's own tables
 * ({@link Syscall}, {@link Errno}, {@link Signal}, {@link CloneFlag}, {@link WaitOption}, {@link IdType} and the
 * {@code O_}/{@code PROT_}/{@code MAP_} constants of {@link Fcntl} and {@link Mman}, read by reflection) and
 * structs are read with the api's own codecs ({@link Timespec}, {@link Siginfo}, {@link CloneArgs}'s layout), so a
 * constant added there is decoded here without a second copy; what this class adds is which argument of which
 * syscall is what.
 */
final class TraceDecoder {
    private TraceDecoder() {}

    /** How to show one argument. */
    private enum Kind {
        INT, HEX, FD, DIRFD, PATH, OFLAGS, MODE, SIG, CLONE, IDTYPE, WOPT, PROT, MAP, SIZE, CLOCK, TIMERFLAGS,
        /** A struct timespec the call reads (or, for clock_gettime, wrote: memory is read after the call). */
        TIMESPEC,
        /** The struct siginfo waitid filled in. */
        SIGINFO,
        /** clone3's struct clone_args. */
        CLONE_ARGS
    }

    private static final Map<String, Kind[]> SIGNATURES = new HashMap<>();
    private static final Map<Integer, String> NAMES = new HashMap<>();
    private static final Map<Long, String> O_FLAGS = bits(Fcntl.class, "O_");
    private static final Map<Long, String> PROT_FLAGS = bits(Mman.class, "PROT_");
    private static final Map<Long, String> MAP_FLAGS = bits(Mman.class, "MAP_");
    private static final int PATH_MAX = 4096;
    private static final int SHOWN = 64;

    static {
        for (Syscall s : Syscall.values()) {
            if (s.existsOn(Arch.X86_64)) {
                NAMES.put(s.number(Arch.X86_64), s.cName());
            }
        }
        sig("read FD HEX SIZE", "write FD HEX SIZE", "close FD", "dup FD", "dup2 FD FD", "dup3 FD FD OFLAGS",
                "pipe2 HEX OFLAGS", "openat DIRFD PATH OFLAGS MODE", "open PATH OFLAGS MODE",
                "execve PATH HEX HEX", "execveat DIRFD PATH HEX HEX INT", "kill INT SIG", "tgkill INT INT SIG",
                "tkill INT SIG", "pidfd_send_signal FD SIG HEX INT", "pidfd_open INT INT",
"wait4 INT HEX WOPT HEX", "clone CLONE HEX HEX HEX HEX",
                "mmap HEX SIZE PROT MAP FD INT", "munmap HEX SIZE", "mprotect HEX SIZE PROT", "exit INT",
                "exit_group INT", "chdir PATH", "fchdir FD", "unlinkat DIRFD PATH INT", "mkdirat DIRFD PATH MODE",
                "newfstatat DIRFD PATH HEX HEX", "faccessat DIRFD PATH MODE", "faccessat2 DIRFD PATH MODE INT",
                "readlinkat DIRFD PATH HEX SIZE", "fcntl FD INT HEX", "close_range FD HEX HEX", "setpgid INT INT",
                "getpgid INT", "getsid INT", "umask MODE", "sendmsg FD HEX HEX", "recvmsg FD HEX HEX",
                "epoll_ctl FD INT FD HEX", "epoll_pwait FD HEX INT INT HEX SIZE", "readv FD HEX INT",
                "writev FD HEX INT", "rt_sigprocmask INT HEX HEX SIZE", "rt_sigaction SIG HEX HEX SIZE",
                "fstat FD HEX", "lseek FD INT INT", "ioctl FD HEX HEX", "getpid", "getppid", "gettid", "getuid",
                "getgid", "geteuid", "getegid", "setsid", "getpgrp", "sched_yield",
                "clock_gettime CLOCK TIMESPEC", "clock_nanosleep CLOCK TIMERFLAGS TIMESPEC HEX",
                "nanosleep TIMESPEC HEX", "clone3 CLONE_ARGS SIZE", "rt_sigtimedwait HEX SIGINFO TIMESPEC SIZE",
                "ppoll HEX INT TIMESPEC HEX SIZE", "pselect6 INT HEX HEX HEX TIMESPEC HEX");
        // waitid's siginfo is filled only by a successful call: decoded in decode(), not as an argument
        SIGNATURES.put("waitid", new Kind[] {Kind.IDTYPE, Kind.INT, Kind.SIGINFO, Kind.WOPT, Kind.HEX});
    }

    private static void sig(String... specs) {
        for (String spec : specs) {
            String[] w = spec.split(" ");
            Kind[] kinds = new Kind[w.length - 1];
            for (int i = 1; i < w.length; i++) {
                kinds[i - 1] = Kind.valueOf(w[i]);
            }
            SIGNATURES.put(w[0], kinds);
        }
    }

    /** The single-bit {@code int} constants of {@code header} whose names start with {@code prefix}. */
    private static Map<Long, String> bits(Class<?> header, String prefix) {
        Map<Long, String> out = new HashMap<>();
        for (Field f : header.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class && f.getName().startsWith(prefix)) {
                try {
                    long v = f.getInt(null) & 0xffffffffL;
                    if (Long.bitCount(v) == 1) {
                        out.putIfAbsent(v, f.getName());
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("public constant " + f + " cannot be read", e);
                }
            }
        }
        return out;
    }

    static TraceLine decode(TraceListener.Event e) {
        String raw = e.text();
        if (!e.isSyscall()) {
            int sp = raw.indexOf(' ');
            boolean mark = sp > 0 && raw.startsWith(" mark ", sp) && raw.substring(0, sp).chars().allMatch(
                    Character::isDigit);
            return new TraceLine(e.monotonicNanos(), mark ? Integer.parseInt(raw.substring(0, sp)) : 0,
                    mark ? "mark" : "event", raw, raw);
        }
        String name = NAMES.getOrDefault(e.number(), "syscall_" + e.number());
        Kind[] kinds = SIGNATURES.get(name);
        StringBuilder sb = new StringBuilder().append(e.pid()).append(' ').append(name).append('(');
        int n = kinds == null ? 6 : kinds.length;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Kind k = kinds == null ? Kind.HEX : kinds[i];
            // an output struct holds nothing meaningful after a failed call
            boolean failed = e.result() < 0 && e.result() >= -4095;
            sb.append(failed && k == Kind.SIGINFO ? "0x" + Long.toHexString(e.arg(i)) : arg(e, k, e.arg(i)));
        }
        sb.append(") = ").append(result(e.result()));
        return new TraceLine(e.monotonicNanos(), e.pid(), "syscall", sb.toString(), raw);
    }

    private static String result(long r) {
        if (r < 0 && r >= -4095) {
            int errno = (int) -r;
            return "-1 " + (Errno.isDefined(errno) ? Errno.of(errno).name() : "errno " + errno);
        }
        return r >= -4096 && r <= 65536 ? Long.toString(r) : "0x" + Long.toHexString(r);
    }

    private static String arg(TraceListener.Event e, Kind kind, long v) {
        int i = (int) v;
        switch (kind) {
            case INT:
            case FD:
            case SIZE:
                return Long.toString(kind == Kind.SIZE ? v : i);
            case DIRFD:
                return i == Fcntl.AT_FDCWD ? "AT_FDCWD" : Integer.toString(i);
            case PATH: {
                String s = e.cString(v, PATH_MAX);
                if (s == null) {
                    return "0x" + Long.toHexString(v);
                }
                return TraceLine.quote(s.length() > SHOWN ? s.substring(0, SHOWN) : s)
                        + (s.length() > SHOWN ? "..." : "");
            }
            case OFLAGS: {
                String acc = (i & 3) == Fcntl.O_WRONLY ? "O_WRONLY" : (i & 3) == Fcntl.O_RDWR ? "O_RDWR" : null;
                String rest = flags(v & ~3L & 0xffffffffL, O_FLAGS);
                return acc == null ? (rest.equals("0") ? "0" : rest) : rest.equals("0") ? acc : acc + "|" + rest;
            }
            case MODE:
                return "0" + Integer.toOctalString(i);
            case SIG:
                return i >= 1 && i <= 64 ? Signal.of(i).name() : Integer.toString(i);
            case CLONE: {
                List<String> parts = new ArrayList<>();
                long rest = v;
                for (CloneFlag f : CloneFlag.values()) {
                    if ((v & f.bit()) != 0) {
                        parts.add("CLONE_" + f.name());
                        rest &= ~f.bit();
                    }
                }
                // the low byte is the signal sent to the parent at exit
                if ((rest & 0xff) != 0 && (rest & 0xff) <= 64) {
                    parts.add(Signal.of((int) (rest & 0xff)).name());
                    rest &= ~0xffL;
                }
                if (rest != 0 || parts.isEmpty()) {
                    parts.add("0x" + Long.toHexString(rest));
                }
                return String.join("|", parts);
            }
            case CLOCK:
                return i == Time.CLOCK_REALTIME ? "CLOCK_REALTIME" : i == Time.CLOCK_MONOTONIC ? "CLOCK_MONOTONIC"
                        : Integer.toString(i);
            case TIMERFLAGS:
                return i == Time.TIMER_ABSTIME ? "TIMER_ABSTIME" : Integer.toString(i);
            case TIMESPEC: {
                byte[] b = e.bytes(v, Timespec.SIZE);
                if (b == null) {
                    return v == 0 ? "NULL" : "0x" + Long.toHexString(v);
                }
                Timespec t = Timespec.CODEC.decode(b);
                return "{tv_sec=" + t.seconds() + ", tv_nsec=" + t.nanoseconds() + "}";
            }
            case SIGINFO: {
                byte[] b = e.bytes(v, Siginfo.SIZE);
                if (b == null) {
                    return v == 0 ? "NULL" : "0x" + Long.toHexString(v);
                }
                Siginfo si = Siginfo.CODEC.decode(b);
                if (si.signo() == 0) {
                    return "{si_signo=0}"; // WNOHANG and nothing to report
                }
                String code = si.signo() == Signal.SIGCHLD.number() && si.code() >= 1 && si.code() <= 6
                        ? "CLD_" + ChildState.Kind.of(si.code()).name() : Integer.toString(si.code());
                boolean byExit = si.code() == 1;
                return "{si_signo=" + (si.signo() <= 64 ? Signal.of(si.signo()).name() : si.signo()) + ", si_code="
                        + code + ", si_pid=" + si.pid() + ", si_uid=" + si.uid() + ", si_status="
                        + (byExit || si.status() < 1 || si.status() > 64 ? Integer.toString(si.status())
                        : Signal.of(si.status()).name()) + "}";
            }
            case CLONE_ARGS: {
                byte[] b = e.bytes(v, CloneArgs.SIZE);
                if (b == null) {
                    return "0x" + Long.toHexString(v);
                }
                java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                long exitSignal = bb.getLong(32);
                // struct clone_args (include/uapi/linux/sched.h): flags, pidfd, child_tid, parent_tid,
                // exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup
                return "{flags=" + arg(e, Kind.CLONE, bb.getLong(0)) + ", pidfd=" + arg(e, Kind.HEX, bb.getLong(8))
                        + ", exit_signal=" + (exitSignal >= 1 && exitSignal <= 64
                        ? Signal.of((int) exitSignal).name() : Long.toString(exitSignal))
                        + ", stack=" + arg(e, Kind.HEX, bb.getLong(40)) + ", stack_size=" + bb.getLong(48)
                        + ((bb.getLong(0) & CloneFlag.INTO_CGROUP.bit()) != 0 ? ", cgroup=" + bb.getLong(80) : "")
                        + "}";
            }
            case IDTYPE:
                for (IdType t : IdType.values()) {
                    if (t.value() == i) {
                        return t.name();
                    }
                }
                return Integer.toString(i);
            case WOPT: {
                List<String> parts = new ArrayList<>();
                long rest = v & 0xffffffffL;
                for (WaitOption o : WaitOption.values()) {
                    long b = o.value() & 0xffffffffL;
                    if ((rest & b) != 0) {
                        parts.add(o.name());
                        rest &= ~b;
                    }
                }
                if (rest != 0 || parts.isEmpty()) {
                    parts.add("0x" + Long.toHexString(rest));
                }
                return String.join("|", parts);
            }
            case PROT:
                return v == 0 ? "PROT_NONE" : flags(v, PROT_FLAGS);
            case MAP:
                return flags(v, MAP_FLAGS);
            case HEX:
            default:
                return v >= -4096 && v <= 4096 ? Long.toString(v) : "0x" + Long.toHexString(v);
        }
    }

    /** {@code A|B|0x40}: the named bits, then what is left in hex; "0" for none. */
    private static String flags(long v, Map<Long, String> names) {
        List<String> parts = new ArrayList<>();
        long rest = v;
        for (long b = 1; b != 0 && b <= rest; b <<= 1) {
            String n = names.get(b);
            if ((rest & b) != 0 && n != null) {
                parts.add(n);
                rest &= ~b;
            }
        }
        if (rest != 0) {
            parts.add("0x" + Long.toHexString(rest));
        }
        return parts.isEmpty() ? "0" : String.join("|", parts);
    }
}
