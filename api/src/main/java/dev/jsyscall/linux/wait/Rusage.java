// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.wait;

import dev.jsyscall.struct.Bytes;
import dev.jsyscall.struct.FixedCodec;
import java.nio.ByteBuffer;

/**
 * {@code struct rusage} (144 bytes on LP64): times in microseconds, then the fourteen {@code long} counters.
 *
 * @param userMicros user CPU time, in microseconds
 * @param systemMicros system CPU time, in microseconds
 * @param maxRssKb the largest resident set, in KiB
 * @param ixrss unused by Linux (0)
 * @param idrss unused by Linux (0)
 * @param isrss unused by Linux (0)
 * @param minorFaults page faults served without I/O
 * @param majorFaults page faults that needed I/O
 * @param nswap unused by Linux (0)
 * @param inblock blocks read by the file system
 * @param oublock blocks written by the file system
 * @param msgsnd unused by Linux (0)
 * @param msgrcv unused by Linux (0)
 * @param nsignals unused by Linux (0)
 * @param voluntaryContextSwitches switches because the process waited
 * @param involuntaryContextSwitches switches because the scheduler preempted it
 * @since 0.1
 */
public record Rusage(long userMicros, long systemMicros, long maxRssKb, long ixrss, long idrss, long isrss,
                     long minorFaults, long majorFaults, long nswap, long inblock, long oublock, long msgsnd,
                     long msgrcv, long nsignals, long voluntaryContextSwitches,
                     long involuntaryContextSwitches) {
    public static final int SIZE = 144;

    public static final FixedCodec<Rusage> CODEC = new FixedCodec<>() {
        @Override
        public int size() {
            return SIZE;
        }

        @Override
        public byte[] encode(Rusage r) {
            ByteBuffer b = Bytes.allocate(SIZE);
            putTimeval(b, 0, r.userMicros);
            putTimeval(b, 16, r.systemMicros);
            long[] rest = {r.maxRssKb, r.ixrss, r.idrss, r.isrss, r.minorFaults, r.majorFaults, r.nswap,
                r.inblock, r.oublock, r.msgsnd, r.msgrcv, r.nsignals, r.voluntaryContextSwitches,
                r.involuntaryContextSwitches};
            for (int i = 0; i < rest.length; i++) {
                b.putLong(32 + 8 * i, rest[i]);
            }
            return b.array();
        }

        @Override
        public Rusage decode(byte[] bytes) {
            Bytes.requireSize(bytes, SIZE, "struct rusage");
            ByteBuffer b = Bytes.le(bytes);
            long[] r = new long[14];
            for (int i = 0; i < 14; i++) {
                r[i] = b.getLong(32 + 8 * i);
            }
            return new Rusage(timeval(b, 0), timeval(b, 16), r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8],
                    r[9], r[10], r[11], r[12], r[13]);
        }
    };

    private static void putTimeval(ByteBuffer b, int off, long micros) {
        b.putLong(off, micros / 1_000_000).putLong(off + 8, micros % 1_000_000);
    }

    private static long timeval(ByteBuffer b, int off) {
        return b.getLong(off) * 1_000_000 + b.getLong(off + 8);
    }
}
