package dev.jsyscall.far;

/**
 * The identity of one pid namespace.
 *
 * @since 0.1
 */
public final class PidNamespace extends Namespace {
    public PidNamespace(String name) {
        super("PidNamespace", name);
    }
}
