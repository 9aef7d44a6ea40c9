// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import dev.jsyscall.spi.Availability;
import dev.jsyscall.spi.Capability;
import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.spi.SyscallBackendProvider;
import java.util.Set;

/** A provider that is only its identity and availability; opening it is a test failure. */
class StubProvider implements SyscallBackendProvider {
    private final String id;
    private final int priority;
    private final Availability availability;
    private final boolean selectableByDefault;

    StubProvider(String id, int priority, Availability availability, boolean selectableByDefault) {
        this.id = id;
        this.priority = priority;
        this.availability = availability;
        this.selectableByDefault = selectableByDefault;
    }

    static StubProvider available(String id, int priority) {
        return new StubProvider(id, priority, Availability.available(), true);
    }

    static StubProvider unavailable(String id, int priority, String reason, Throwable cause) {
        return new StubProvider(id, priority, Availability.unavailable(reason, cause), true);
    }

    /** Like the fake backend: available, but only chosen when asked for by id. */
    static StubProvider onlyWhenRequested(String id, int priority) {
        return new StubProvider(id, priority, Availability.available(), false);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public boolean selectableByDefault() {
        return selectableByDefault;
    }

    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    @Override
    public SyscallBackend open() {
        throw new AssertionError("selection must not open a backend");
    }

    @Override
    public String toString() {
        return "StubProvider(" + id + ")";
    }
}
