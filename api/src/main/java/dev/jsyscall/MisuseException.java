// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

/**
 * A call that means nothing in the present state of the object it was made on, refused before any syscall: a
 * stream asked of a {@link Spawned} whose fd was not redirected to a pipe, a {@code SetupBatch} sent twice, a task
 * whose {@link Kernel} was closed, {@code CLONE_PARENT} from a task whose parent is unknown. The message says which
 * object, its state, and what to do instead.
 *
 * <pre>{@code
 * try (Spawned s = Spawn.of(cmd).start(local)) {
 *     s.stdout();   // MisuseException: stdout was not redirected to a pipe (use Redirect.pipe())
 * }
 * }</pre>
 *
 * <p>Handles have more precise subtypes of {@link JsyscallException} for their own states
 * ({@link dev.jsyscall.handle.FileDescriptorClosedException}, {@link dev.jsyscall.handle.ChildProcessException},
 * {@link dev.jsyscall.handle.NotDrivenException}, {@link dev.jsyscall.handle.PointerStateException}).
 *
 * @since 0.2
 */
public class MisuseException extends JsyscallException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}.
     *
     * @param message which object, its state, and what to do instead
     */
    public MisuseException(String message) {
        super(message);
    }

    /**
     * An exception with {@code message} and what put the object in its state.
     *
     * @param message which object, its state, and what to do instead
     * @param cause the failure that put the object in that state; may be {@code null}
     */
    public MisuseException(String message, Throwable cause) {
        super(message, cause);
    }
}
