// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

/**
 * The root of every exception type jsyscall defines, in the api and in its backends: catching it catches any failure
 * that jsyscall itself reports, and nothing else.
 *
 * <pre>{@code
 * try (Spawned s = Spawn.of(Command.of("/bin/true")).cwd("/srv").start(local)) {
 *     s.process().check();
 * } catch (JsyscallException e) {
 *     // an errno (ErrnoException), a failed set-up step (SpawnFailedException), a misused handle
 *     // (FileDescriptorClosedException, ChildProcessException, ...), a missing backend, a failed program...
 * }
 * }</pre>
 *
 * <p>Its subtypes fall into a few kinds:
 * <ul>
 *   <li>the kernel refused a syscall: {@link dev.jsyscall.linux.ErrnoException}, which keeps the errno, the syscall
 *       and the arguments that matter, and its subtypes;</li>
 *   <li>a handle was used in a state or namespace where it means nothing, checked before any syscall (formerly
 *       {@code IllegalStateException} / {@code IllegalArgumentException} subtypes, now only these):
 *       {@link dev.jsyscall.handle.FileDescriptorClosedException}, {@link dev.jsyscall.handle.PointerStateException},
 *       {@link dev.jsyscall.handle.ChildProcessException}, {@link dev.jsyscall.handle.NotDrivenException},
 *       {@link dev.jsyscall.far.NamespaceMismatchException}, and
 *       {@link dev.jsyscall.handle.OutsidePidNamespaceException} for a group or session with no id in this pid
 *       namespace;</li>
 *   <li>a process did something: {@link SpawnFailedException}, {@link dev.jsyscall.handle.ChildDiedException},
 *       {@link dev.jsyscall.handle.ProcessFailedException}, {@link dev.jsyscall.handle.WaitInterruptedException};</li>
 *   <li>the machinery underneath: {@link dev.jsyscall.spi.BackendUnavailableException},
 *       {@link dev.jsyscall.spi.SyscallTransportException}, and a backend's own types (the fake kernel's deadlock,
 *       bad memory access, unsupported operation).</li>
 * </ul>
 *
 * <p>Not under this root, by Java convention: a bad argument is refused with the JDK's
 * {@link IllegalArgumentException} or {@link NullPointerException}, naming the argument, before any syscall (a
 * negative pid, a path with a NUL byte, a {@code null} command). Those are bugs in the calling code, not failures
 * of jsyscall or of the kernel, and every Java library reports them the same way.
 *
 * <p>A backend defines its own failures as subclasses, so that callers need not know which backend runs.
 *
 * @since 0.1
 */
public class JsyscallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}, for subclasses.
     *
     * @param message what failed, the value seen, and what to do about it
     */
    protected JsyscallException(String message) {
        super(message);
    }

    /**
     * An exception with {@code message} and the failure underneath, for subclasses.
     *
     * @param message what failed, the value seen, and what to do about it
     * @param cause the failure underneath, kept for its stack trace; may be {@code null}
     */
    protected JsyscallException(String message, Throwable cause) {
        super(message, cause);
    }
}
