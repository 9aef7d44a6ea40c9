// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.internal;

import dev.jsyscall.Command;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Internal, not API: the strings execve gets for a {@link Command}, each NUL-terminated, exactly as the program
 * will receive them. The arrays are the command's own (and, for an unchanged environment, shared by every such
 * command): they are read, never modified.
 *
 * @param path  the executable's path
 * @param argv  argv, argv[0] included
 * @param envp  the environment, {@code NAME=value} entries as the JVM's environment and the command's changes
 *              give them
 */
public record ExecStrings(byte[] path, List<byte[]> argv, List<byte[]> envp) {
    private static volatile BiFunction<Command, List<byte[]>, ExecStrings> access;

    /** Called once, by Command's static initializer: its fields are private to its package. */
    public static void register(BiFunction<Command, List<byte[]>, ExecStrings> command) {
        if (access != null) {
            throw new IllegalStateException("ExecStrings access is already registered");
        }
        access = Objects.requireNonNull(command, "command");
    }

    /** {@code command}'s execve strings, with the environment resolved against the JVM's own (as bytes). */
    public static ExecStrings of(Command command) {
        return of(command, null);
    }

    /**
     * {@code command}'s execve strings, with the environment resolved against {@code inherited} (NUL-terminated
     * entries, as {@link dev.jsyscall.spi.SyscallBackend#localEnvironment()} gives them; null: the JVM's own).
     */
    public static ExecStrings of(Command command, List<byte[]> inherited) {
        Objects.requireNonNull(command, "command");
        // an instance exists, so Command's initializer has run and registered
        return access.apply(command, inherited);
    }
}
