// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.JsyscallException;

/**
 * A process group or session has no id in the caller's pid namespace: its leader lives in an ancestor namespace,
 * and Linux answers {@code getpgid} or {@code getsid} with 0. This happens to every process of a container entered
 * from another session ({@code docker exec}, {@code nsenter}, {@code unshare --pid --fork} under a shell): the
 * processes inherit a group or session that began outside.
 *
 * <p>It is not an errno (the syscall succeeded) and not a number to use: 0 given to {@code kill} or
 * {@code setpgid} means the caller's own group or pid, so passing it on would signal or move the wrong processes.
 *
 * <pre>{@code
 * try {
 *     ProcessGroup g = child.getpgid();
 * } catch (OutsidePidNamespaceException e) {
 *     // the child is in the group this JVM inherited from outside the container: start it with
 *     // Spawn.newProcessGroup() to give it one that can be named
 * }
 * }</pre>
 *
 * @since 0.2
 */
public class OutsidePidNamespaceException extends JsyscallException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}.
     *
     * @param message which call, for which pid, and what it means
     */
    public OutsidePidNamespaceException(String message) {
        super(message);
    }

    /**
     * The id the kernel answered with, checked: {@code id} itself when positive, else this exception.
     *
     * @param call {@code getpgid} or {@code getsid}
     * @param pid the pid asked about (0: the caller)
     * @param id the kernel's answer
     * @return {@code id}
     * @throws OutsidePidNamespaceException if {@code id} is 0
     */
    static int visible(String call, int pid, int id) {
        if (id == 0) {
            String what = call.equals("getsid") ? "session" : "process group";
            throw new OutsidePidNamespaceException(call + "(" + pid + ") = 0: the " + what + "'s leader is in an"
                    + " ancestor pid namespace (a container entered from another session), so no id names it here");
        }
        return id;
    }
}
