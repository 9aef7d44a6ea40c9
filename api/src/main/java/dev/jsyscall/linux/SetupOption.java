// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a syscall definition (a {@code public static} factory returning a {@link SyscallRequest}, in a header
 * class listed by {@link Headers#all()}) as a set-up step that tools offer by name, so that one definition reaches
 * the api ({@code task.call}), a {@code Spawn} ({@code Spawn.step}) and the command line
 * ({@code jsyscall run --name VALUE}) without a copy in any of them.
 *
 * <p><b>For users</b>: every option of {@code jsyscall run}'s first set-up group is one such definition: the
 * option's value is parsed into the factory's parameters, the factory checks them (a refused value is a usage
 * error naming the option, before anything runs), and the request it returns is queued as a step in the order
 * given on the command line.
 *
 * <p><b>For authors of definitions</b>: the factory's parameter types decide how a value is written. A tool
 * supports at least: no parameter (a flag), {@code String}, {@code int} (decimal, or octal with
 * {@link Format#OCTAL_MODE}), {@code int[]} (a comma-separated list, empty for none), a
 * {@link dev.jsyscall.linux.signal.Signal} (name or number), and {@code Resource, Rlimit} together
 * ({@code NAME=SOFT[:HARD]}). A factory throws {@link IllegalArgumentException} for a value it refuses; the message
 * is shown after the option's name, so write it without the value (the tool quotes it).
 *
 * <pre>{@code
 * @SetupOption(name = "--umask", paramLabel = "OCTAL", format = SetupOption.Format.OCTAL_MODE,
 *         description = "umask(OCTAL), e.g. 027.")
 * public static SyscallRequest<Integer> umask(int mask) { ... }
 * }</pre>
 *
 * @since 0.2
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SetupOption {
    /**
     * The option's long name with its dashes, e.g. {@code --cwd}; unique among all definitions.
     *
     * @return the name
     */
    String name();

    /**
     * How the help shows the value ({@code DIR}); ignored for a factory without parameters.
     *
     * @return the label
     */
    String paramLabel() default "VALUE";

    /**
     * The help text: what the syscall does to the program, and what needs privilege.
     *
     * @return the lines of the text
     */
    String[] description();

    /**
     * How a value is written where the parameter type alone does not say.
     *
     * @return the format
     */
    Format format() default Format.PLAIN;

    /**
     * How a value is written where the parameter type alone does not say.
     *
     * @since 0.2
     */
    enum Format {
        /** As the type implies (decimal for an {@code int}). */
        PLAIN,
        /** Permission bits in octal, {@code 000} to {@code 777} (for an {@code int}). */
        OCTAL_MODE
    }
}
