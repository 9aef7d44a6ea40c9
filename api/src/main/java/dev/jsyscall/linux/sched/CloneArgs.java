// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.sched;

import dev.jsyscall.struct.Bytes;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * {@code struct clone_args}, the argument of {@code clone3} (its version 2, 88 bytes, which has {@code cgroup}):
 * the fields jsyscall sets. {@code set_tid} is always empty and {@code child_tid}/{@code tls} zero, since driven
 * children need neither.
 *
 * <pre>{@code
 * CloneArgs args = new CloneArgs(CloneFlags.of(CloneFlag.VM, CloneFlag.PIDFD, CloneFlag.CLEAR_SIGHAND)
 *         .exitSignal(Signal.SIGCHLD), pidfdSlot, stackLow, stackSize, -1);
 * }</pre>
 *
 * @param flags the flags; their exit signal becomes {@code exit_signal}
 * @param pidfd where the kernel stores the pidfd with {@link CloneFlag#PIDFD} (an int), or 0
 * @param stack the lowest address of the child's stack
 * @param stackSize the stack's size: the child starts with its stack pointer at {@code stack + stackSize}
 * @param cgroup the cgroup directory fd with {@link CloneFlag#INTO_CGROUP}, else -1
 * @since 0.2
 */
public record CloneArgs(CloneFlags flags, long pidfd, long stack, long stackSize, int cgroup) {
    /** {@code CLONE_ARGS_SIZE_VER2}: the bytes {@link #encode()} makes. */
    public static final int SIZE = 88;

    /**
     * Checks the fields against each other, before any syscall.
     *
     * @throws NullPointerException if {@code flags} is null
     * @throws IllegalArgumentException naming the field if {@code cgroup} and {@link CloneFlag#INTO_CGROUP}
     *     disagree, {@code pidfd} and {@link CloneFlag#PIDFD} disagree, or only one of stack and size is set
     */
    public CloneArgs {
        Objects.requireNonNull(flags, "flags");
        if (flags.contains(CloneFlag.INTO_CGROUP) != (cgroup >= 0)) {
            throw new IllegalArgumentException("cgroup must be an fd exactly when CLONE_INTO_CGROUP is set, was "
                    + cgroup + " with " + flags);
        }
        if (cgroup < -1) {
            throw new IllegalArgumentException("cgroup must be an fd or -1, was " + cgroup);
        }
        if (flags.contains(CloneFlag.PIDFD) != (pidfd != 0)) {
            throw new IllegalArgumentException("pidfd must be an address exactly when CLONE_PIDFD is set, was 0x"
                    + Long.toHexString(pidfd) + " with " + flags);
        }
        if ((stack == 0) != (stackSize == 0) || stackSize < 0) {
            throw new IllegalArgumentException("stack and stackSize must both be set (size > 0) or both 0, were 0x"
                    + Long.toHexString(stack) + " and " + stackSize);
        }
    }

    /**
     * The struct's bytes, little-endian: {@code flags, pidfd, child_tid, parent_tid, exit_signal, stack,
     * stack_size, tls, set_tid, set_tid_size, cgroup}.
     *
     * @return {@link #SIZE} bytes
     */
    public byte[] encode() {
        ByteBuffer b = Bytes.allocate(SIZE);
        // clone3 takes the exit signal in its own field and refuses it among the flags (EINVAL)
        b.putLong(0, CloneFlag.bits(flags.flags()));
        b.putLong(8, pidfd);
        b.putLong(32, flags.exitSignal().map(s -> (long) s.number()).orElse(0L));
        b.putLong(40, stack);
        b.putLong(48, stackSize);
        b.putLong(80, cgroup < 0 ? 0 : cgroup);
        return b.array();
    }

    /**
     * Reads the struct back, as a simulated kernel does; fields jsyscall never sets are ignored.
     *
     * @param bytes at least {@link #SIZE} bytes
     * @return the arguments
     * @throws IllegalArgumentException if {@code bytes} is shorter than {@link #SIZE}
     */
    public static CloneArgs decode(byte[] bytes) {
        if (bytes.length < SIZE) {
            throw new IllegalArgumentException("struct clone_args needs " + SIZE + " bytes, got " + bytes.length);
        }
        ByteBuffer b = Bytes.le(bytes);
        long bits = b.getLong(0);
        java.util.List<CloneFlag> set = new java.util.ArrayList<>();
        for (CloneFlag f : CloneFlag.values()) {
            if ((bits & f.bit()) != 0) {
                set.add(f);
            }
        }
        CloneFlags flags = CloneFlags.of(set.toArray(new CloneFlag[0]));
        int signal = (int) b.getLong(32);
        if (signal != 0) {
            flags = flags.exitSignal(dev.jsyscall.linux.signal.Signal.of(signal));
        }
        boolean intoCgroup = flags.contains(CloneFlag.INTO_CGROUP);
        return new CloneArgs(flags, b.getLong(8), b.getLong(40), b.getLong(48),
                intoCgroup ? (int) b.getLong(80) : -1);
    }
}
