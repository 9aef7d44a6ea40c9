package dev.jsyscall.linux.resource;

/**
 * The {@code which} argument of {@code getpriority}/{@code setpriority}.
 *
 * @since 0.1
 */
public enum PrioWhich {
    PRIO_PROCESS(0),
    PRIO_PGRP(1),
    PRIO_USER(2);

    private final int value;

    PrioWhich(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
