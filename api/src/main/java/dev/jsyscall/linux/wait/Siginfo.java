// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.wait;

import dev.jsyscall.struct.Bytes;
import dev.jsyscall.struct.FixedCodec;
import java.nio.ByteBuffer;

/**
 * The fields of {@code siginfo_t} that {@code waitid} fills for {@code SIGCHLD} (128 bytes; same layout on
 * x86_64 and aarch64). When {@code WNOHANG} finds no waitable child, the kernel zeroes {@code si_signo} and
 * {@code si_pid}, so {@link #pid()} is 0.
 *
 * @param signo  {@code si_signo} (SIGCHLD when filled)
 * @param errno  {@code si_errno}
 * @param code   {@code si_code}: one of the {@code CLD_*} values of {@link ChildState.Kind}
 * @param pid    {@code si_pid}
 * @param uid    {@code si_uid}
 * @param status {@code si_status}: exit status or signal number
 * @param utime  {@code si_utime} in clock ticks
 * @param stime  {@code si_stime} in clock ticks
 * @since 0.1
 */
public record Siginfo(int signo, int errno, int code, int pid, int uid, int status, long utime, long stime) {
    public static final int SIZE = 128;

    public static final FixedCodec<Siginfo> CODEC = new FixedCodec<>() {
        @Override
        public int size() {
            return SIZE;
        }

        @Override
        public byte[] encode(Siginfo v) {
            ByteBuffer b = Bytes.allocate(SIZE);
            b.putInt(0, v.signo).putInt(4, v.errno).putInt(8, v.code).putInt(16, v.pid).putInt(20, v.uid)
                    .putInt(24, v.status).putLong(32, v.utime).putLong(40, v.stime);
            return b.array();
        }

        @Override
        public Siginfo decode(byte[] bytes) {
            Bytes.requireSize(bytes, SIZE, "siginfo_t");
            ByteBuffer b = Bytes.le(bytes);
            return new Siginfo(b.getInt(0), b.getInt(4), b.getInt(8), b.getInt(16), b.getInt(20), b.getInt(24),
                    b.getLong(32), b.getLong(40));
        }
    };

    /** An all-zero siginfo, as a buffer is before the kernel writes it. */
    public static final Siginfo ZERO = new Siginfo(0, 0, 0, 0, 0, 0, 0, 0);
}
