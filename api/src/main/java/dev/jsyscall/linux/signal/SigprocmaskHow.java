package dev.jsyscall.linux.signal;

/**
 * The {@code how} argument of {@code rt_sigprocmask}.
 *
 * @since 0.1
 */
public enum SigprocmaskHow {
    SIG_BLOCK(0),
    SIG_UNBLOCK(1),
    SIG_SETMASK(2);

    private final int value;

    SigprocmaskHow(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
