// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.capability;

import static dev.jsyscall.linux.SyscallRequest.in;
import static dev.jsyscall.linux.SyscallRequest.out;
import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.SetupOption;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The syscalls that change a thread's privileges beyond its ids: capability sets ({@code capget},
 * {@code capset}), the bounding set ({@code PR_CAPBSET_DROP}), the ambient set ({@code PR_CAP_AMBIENT}),
 * securebits ({@code PR_SET_SECUREBITS}) and the dumpable flag ({@code PR_SET_DUMPABLE}). As set-up steps they
 * reach the program through {@code execve} as capabilities(7) says: a non-root program keeps only its ambient
 * set (which needs the capability permitted and inheritable first); root gets its bounding set unless
 * {@link #SECBIT_NOROOT} is set.
 *
 * <pre>{@code
 * long nbs = Cap.mask(Cap.NET_BIND_SERVICE);
 * Spawn.of(cmd)
 *         .step(Capabilities.setSecurebits(Capabilities.SECBIT_KEEP_CAPS))   // keep permitted over setresuid
 *         .step(Unistd.setresuid(65534))
 *         .step(Capabilities.capset(new CapSets(nbs, nbs, nbs)))
 *         .step(Capabilities.ambientRaise(Cap.NET_BIND_SERVICE));
 * }</pre>
 *
 * @since 0.2
 */
public final class Capabilities {
    private Capabilities() {
    }

    /** {@code _LINUX_CAPABILITY_VERSION_3}: 64-bit sets as two 32-bit words each. */
    public static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    /** The {@code prctl} option {@code PR_GET_DUMPABLE}. */
    public static final int PR_GET_DUMPABLE = 3;
    /** The {@code prctl} option {@code PR_GET_KEEPCAPS}. */
    public static final int PR_GET_KEEPCAPS = 7;
    /** The {@code prctl} option {@code PR_SET_KEEPCAPS}. */
    public static final int PR_SET_KEEPCAPS = 8;
    /** The {@code prctl} option {@code PR_SET_DUMPABLE}. */
    public static final int PR_SET_DUMPABLE = 4;
    /** The {@code prctl} option {@code PR_CAPBSET_READ}. */
    public static final int PR_CAPBSET_READ = 23;
    /** The {@code prctl} option {@code PR_CAPBSET_DROP}. */
    public static final int PR_CAPBSET_DROP = 24;
    /** The {@code prctl} option {@code PR_GET_SECUREBITS}. */
    public static final int PR_GET_SECUREBITS = 27;
    /** The {@code prctl} option {@code PR_SET_SECUREBITS}. */
    public static final int PR_SET_SECUREBITS = 28;
    /** The {@code prctl} option {@code PR_CAP_AMBIENT}. */
    public static final int PR_CAP_AMBIENT = 47;
    /** The {@code prctl} option {@code PR_CAP_AMBIENT_IS_SET}. */
    public static final int PR_CAP_AMBIENT_IS_SET = 1;
    /** The {@code prctl} option {@code PR_CAP_AMBIENT_RAISE}. */
    public static final int PR_CAP_AMBIENT_RAISE = 2;
    /** The {@code prctl} option {@code PR_CAP_AMBIENT_LOWER}. */
    public static final int PR_CAP_AMBIENT_LOWER = 3;
    /** The {@code prctl} option {@code PR_CAP_AMBIENT_CLEAR_ALL}. */
    public static final int PR_CAP_AMBIENT_CLEAR_ALL = 4;
    /** Securebits: uid 0 gets no capabilities from execve. */
    public static final int SECBIT_NOROOT = 1;
    /** Securebits: locks {@code SECBIT_NOROOT} against change. */
    public static final int SECBIT_NOROOT_LOCKED = 1 << 1;
    /** Securebits: changing uids away from 0 does not clear the capability sets. */
    public static final int SECBIT_NO_SETUID_FIXUP = 1 << 2;
    /** Securebits: locks {@code SECBIT_NO_SETUID_FIXUP} against change. */
    public static final int SECBIT_NO_SETUID_FIXUP_LOCKED = 1 << 3;
    /** Securebits: changing uids away from 0 keeps the permitted set (cleared at execve). */
    public static final int SECBIT_KEEP_CAPS = 1 << 4;
    /** Securebits: locks {@code SECBIT_KEEP_CAPS} against change. */
    public static final int SECBIT_KEEP_CAPS_LOCKED = 1 << 5;
    /** Securebits: the ambient set can no longer be raised. */
    public static final int SECBIT_NO_CAP_AMBIENT_RAISE = 1 << 6;
    /** Securebits: locks {@code SECBIT_NO_CAP_AMBIENT_RAISE} against change. */
    public static final int SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED = 1 << 7;

    /** {@code struct __user_cap_header_struct} for the caller (pid 0). */
    private static byte[] header() {
        byte[] h = new byte[8];
        for (int k = 0; k < 4; k++) {
            h[k] = (byte) (LINUX_CAPABILITY_VERSION_3 >>> (8 * k));
        }
        return h;
    }

    /**
     * {@code capget(&{VERSION_3, 0}, data)}: the caller's effective, permitted and inheritable sets.
     *
     * @return the request: run it with {@code Task.call}, or make it a set-up step with {@code Spawn.step}
     * @since 0.2
     */
    public static SyscallRequest<CapSets> capget() {
        return SyscallRequest.of(Syscall.CAPGET, List.of(in(header()), out(24)),
                (r, o) -> CapSets.decode(o.get(0)), "VERSION_3", "pid=0");
    }

    /**
     * {@code capset(&{VERSION_3, 0}, sets)}: sets the caller's three sets. EPERM if a set grows beyond what is
     * permitted (inheritable beyond permitted needs CAP_SETPCAP, and it stays within the bounding set).
     *
     * @param sets the effective, permitted and inheritable sets
     * @return the request: run it with {@code Task.call}, or make it a set-up step with {@code Spawn.step}
     * @since 0.2
     */
    public static SyscallRequest<Void> capset(CapSets sets) {
        Objects.requireNonNull(sets, "sets");
        return SyscallRequest.of(Syscall.CAPSET, List.of(in(header()), in(sets.encode())), (r, o) -> null,
                "VERSION_3", "pid=0", sets);
    }

    /**
     * {@code prctl(PR_CAPBSET_DROP, cap)}: removes {@code cap} from the bounding set, for good (needs
     * CAP_SETPCAP): no execve can give it back.
     *
     * @param cap the capability
     * @return the request: run it with {@code Task.call}, or make it a set-up step with {@code Spawn.step}
     * @since 0.2
     */
    public static SyscallRequest<Void> dropBounding(Cap cap) {
        Objects.requireNonNull(cap, "cap");
        return prctl(PR_CAPBSET_DROP, cap.number(), 0, "PR_CAPBSET_DROP", cap);
    }

    /**
     * {@code prctl(PR_CAPBSET_READ, cap)}: whether {@code cap} is in the bounding set.
     *
     * @param cap the capability
     * @return the request: run it with {@code Task.call}, or make it a set-up step with {@code Spawn.step}
     * @since 0.2
     */
    public static SyscallRequest<Boolean> inBounding(Cap cap) {
        Objects.requireNonNull(cap, "cap");
        return SyscallRequest.of(Syscall.PRCTL, List.of(word(PR_CAPBSET_READ), word(cap.number()), word(0), word(0),
                word(0)), (r, o) -> r == 1, "PR_CAPBSET_READ", cap);
    }

    /**
     * {@code prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap)}: adds {@code cap} to the ambient set, which a
     * non-root program keeps over execve. EPERM unless it is both permitted and inheritable.
     *
     * @param cap the capability
     * @return the request: run it with {@code Task.call}, or make it a set-up step with {@code Spawn.step}
     * @since 0.2
     */
    public static SyscallRequest<Void> ambientRaise(Cap cap) {
        Objects.requireNonNull(cap, "cap");
        return prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap.number(), "PR_CAP_AMBIENT_RAISE", cap);
    }

    /**
     * {@code prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_LOWER, cap)}.
     *
     * @param cap the capability
     * @return the request: run it with {@code Task.call}, or make it a set-up step with {@code Spawn.step}
     * @since 0.2
     */
    public static SyscallRequest<Void> ambientLower(Cap cap) {
        Objects.requireNonNull(cap, "cap");
        return prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_LOWER, cap.number(), "PR_CAP_AMBIENT_LOWER", cap);
    }

    /**
     * {@code prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)}.
     *
     * @return the request: run it with {@code Task.call}, or make it a set-up step with {@code Spawn.step}
     * @since 0.2
     */
    public static SyscallRequest<Void> ambientClearAll() {
        return prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, "PR_CAP_AMBIENT_CLEAR_ALL");
    }

    /**
     * {@code prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, cap)}.
     *
     * @param cap the capability
     * @return the request: run it with {@code Task.call}, or make it a set-up step with {@code Spawn.step}
     * @since 0.2
     */
    public static SyscallRequest<Boolean> inAmbient(Cap cap) {
        Objects.requireNonNull(cap, "cap");
        return SyscallRequest.of(Syscall.PRCTL, List.of(word(PR_CAP_AMBIENT), word(PR_CAP_AMBIENT_IS_SET),
                word(cap.number()), word(0), word(0)), (r, o) -> r == 1, "PR_CAP_AMBIENT_IS_SET", cap);
    }

    /**
     * {@code prctl(PR_SET_SECUREBITS, bits)}: the {@code SECBIT_*} flags (needs CAP_SETPCAP; a locked bit cannot
     * change again).
     *
     * @param bits the {@code SECBIT_*} flags
     * @return the request: run it with {@code Task.call}, or make it a set-up step with {@code Spawn.step}
     * @throws IllegalArgumentException naming {@code bits} if it has bits no SECBIT_* defines
     * @since 0.2
     */
    public static SyscallRequest<Void> setSecurebits(int bits) {
        if ((bits & ~0xff) != 0) {
            throw new IllegalArgumentException("bits must be SECBIT_* flags (0 to 0xff), was 0x"
                    + Integer.toHexString(bits));
        }
        return prctl(PR_SET_SECUREBITS, bits, 0, "PR_SET_SECUREBITS", "0x" + Integer.toHexString(bits));
    }

    /**
     * {@code prctl(PR_GET_SECUREBITS)}.
     *
     * @return the request: run it with {@code Task.call}, or make it a set-up step with {@code Spawn.step}
     * @since 0.2
     */
    public static SyscallRequest<Integer> getSecurebits() {
        return SyscallRequest.of(Syscall.PRCTL, List.of(word(PR_GET_SECUREBITS), word(0), word(0), word(0), word(0)),
                (r, o) -> (int) r, "PR_GET_SECUREBITS");
    }

    /**
     * {@code prctl(PR_SET_DUMPABLE, dumpable)}: whether the process dumps core and may be ptraced or have its
     * {@code /proc/PID} files read by its own uid. execve sets it again (to 1 unless the program gains privilege).
     *
     * @param dumpable whether the process may dump core and be traced
     * @return the request: run it with {@code Task.call}, or make it a set-up step with {@code Spawn.step}
     * @since 0.2
     */
    public static SyscallRequest<Void> setDumpable(boolean dumpable) {
        return prctl(PR_SET_DUMPABLE, dumpable ? 1 : 0, 0, "PR_SET_DUMPABLE", dumpable ? 1 : 0);
    }

    /**
     * {@code prctl(PR_GET_DUMPABLE)}: 0, 1, or 2 (dumpable by root only, after a privilege change).
     *
     * @return the request: run it with {@code Task.call}, or make it a set-up step with {@code Spawn.step}
     * @since 0.2
     */
    public static SyscallRequest<Integer> getDumpable() {
        return SyscallRequest.of(Syscall.PRCTL, List.of(word(PR_GET_DUMPABLE), word(0), word(0), word(0), word(0)),
                (r, o) -> (int) r, "PR_GET_DUMPABLE");
    }

    /**
     * {@code prctl(PR_SET_KEEPCAPS, 1)}: a later change of every uid away from 0 keeps the permitted set (the
     * effective and ambient sets are still cleared), so capabilities can be set again after {@code --uid}. Needs
     * no privilege; execve clears it.
     *
     * @return the request: run it with {@code Task.call}, or make it a set-up step with {@code Spawn.step}
     * @since 0.2
     */
    @SetupOption(name = "--keep-caps", description = "prctl(PR_SET_KEEPCAPS, 1): a following --uid away from root"
            + " keeps the permitted capabilities, for a --caps after it (as setpriv does with --reuid and caps).")
    public static SyscallRequest<Void> keepCaps() {
        return prctl(PR_SET_KEEPCAPS, 1, 0, "PR_SET_KEEPCAPS", 1);
    }

    /**
     * The calls that leave the caller with exactly {@code target} in its bounding, permitted, effective,
     * inheritable and ambient sets, given its sets {@code now} and its bounding set {@code bounding} (read with
     * {@link #capget()} and {@link #inBounding}): make every permitted capability effective (CAP_SETPCAP is
     * needed for the rest), drop from the bounding set every capability not in {@code target}, set the three
     * sets to {@code target}, and raise each in the ambient set. A program exec'd after them has exactly
     * {@code target}, whether it runs as root (bounding set) or not (ambient set).
     *
     * <pre>{@code
     * CapSets now = child.call(Capabilities.capget());
     * for (SyscallRequest<?> r : Capabilities.limitTo(Cap.mask(Cap.NET_BIND_SERVICE), now, bounding)) {
     *     child.call(r);
     * }
     * }</pre>
     *
     * @param bounding the bounding set to keep
     * @param now the sets the caller has now
     * @param target the sets to end with
     * @return the request: run it with {@code Task.call}, or make it a set-up step with {@code Spawn.step}
     * @throws IllegalArgumentException naming the capability if {@code target} holds one not permitted now
     * @since 0.2
     */
    public static List<SyscallRequest<?>> limitTo(long target, CapSets now, long bounding) {
        Objects.requireNonNull(now, "now");
        long missing = target & ~now.permitted();
        if (missing != 0) {
            throw new IllegalArgumentException(Cap.values()[Long.numberOfTrailingZeros(missing)] + " is not in the"
                    + " permitted set, which only shrinks");
        }
        List<SyscallRequest<?>> out = new ArrayList<>();
        long drop = bounding & ~target;
        if (drop != 0 && now.effective() != now.permitted()) {
            out.add(capset(new CapSets(now.permitted(), now.permitted(), now.inheritable())));
        }
        for (Cap c : Cap.values()) {
            if ((drop & c.bit()) != 0) {
                out.add(dropBounding(c));
            }
        }
        out.add(capset(new CapSets(target, target, target)));
        out.add(ambientClearAll());
        for (Cap c : Cap.values()) {
            if ((target & c.bit()) != 0) {
                out.add(ambientRaise(c));
            }
        }
        return out;
    }

    private static SyscallRequest<Void> prctl(int option, long arg2, long arg3, Object... describe) {
        return SyscallRequest.of(Syscall.PRCTL, List.of(word(option), word(arg2), word(arg3), word(0), word(0)),
                (r, o) -> null, describe);
    }
}
