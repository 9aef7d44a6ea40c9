package dev.jsyscall.linux.wait;

/**
 * The {@code idtype} of {@code waitid}.
 *
 * @since 0.1
 */
public enum IdType {
    P_ALL(0),
    P_PID(1),
    P_PGID(2),
    P_PIDFD(3);

    private final int value;

    IdType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
