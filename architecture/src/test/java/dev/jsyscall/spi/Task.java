package dev.jsyscall.spi;

/**
 * Breaks one rule of {@code LayeringTest} on purpose, together with {@code dev.jsyscall.handle.Task}:
 * {@code RulesCatchViolationsTest} checks that it is caught.
 */
public final class Task {
    private Task() {
    }
}
