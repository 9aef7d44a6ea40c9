// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

/** The virtual clocks (internal): time moves by a tick per syscall and jumps when everything waits. */
final class Clock {
    /** CLOCK_MONOTONIC at boot of the fake: an uptime of 1000 s, so no caller sees a suspicious zero. */
    static final long BOOT_MONOTONIC_NS = 1_000_000_000_000L;
    /** CLOCK_REALTIME at boot: 2026-01-01T00:00:00Z. */
    static final long BOOT_REALTIME_NS = 1_767_225_600_000_000_000L;
    /** What one syscall costs on the virtual clock. */
    static final long TICK_NS = 1_000;

    private long monotonicNs = BOOT_MONOTONIC_NS;
    private long realtimeOffsetNs = BOOT_REALTIME_NS - BOOT_MONOTONIC_NS;

    long monotonicNs() {
        return monotonicNs;
    }

    long realtimeNs() {
        return monotonicNs + realtimeOffsetNs;
    }

    void tick() {
        monotonicNs += TICK_NS;
    }

    void advanceTo(long monotonic) {
        if (monotonic > monotonicNs) {
            monotonicNs = monotonic;
        }
    }

    /** A step of CLOCK_REALTIME (clock_settime, NTP); CLOCK_MONOTONIC does not move. */
    void stepRealtime(long ns) {
        realtimeOffsetNs += ns;
    }

    void setRealtime(long ns) {
        realtimeOffsetNs = ns - monotonicNs;
    }
}
