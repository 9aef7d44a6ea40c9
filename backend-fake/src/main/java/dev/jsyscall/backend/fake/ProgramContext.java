// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.spi.Memory;
import dev.jsyscall.spi.SyscallInterface;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a {@link SimulatedProgram} sees of its process: arguments, environment, raw syscalls and memory, and a
 * few helpers built on those syscalls (every helper is plain syscalls, visible in the trace).
 *
 * <p>Helpers throw {@link ErrnoException} when a syscall fails, except where noted.
 *
 * <pre>{@code
 * SimulatedProgram upper = ctx -> {
 *     String in = new String(ctx.readAll(0), StandardCharsets.UTF_8);
 *     ctx.print(1, in.toUpperCase(Locale.ROOT));
 *     return 0;
 * };
 * }</pre>
 *
 * @since 0.1
 */
public interface ProgramContext {

    /**
     * The argument vector; {@code argv().get(0)} is the name the program was started under.
     *
     * @return the arguments, argv[0] included
     */
    List<String> argv();

    /**
     * The environment as {@code NAME=value} strings, in the order execve received them.
     *
     * @return the variables
     */
    List<String> envp();

    /**
     * The argument vector as the bytes execve copied (copies, without terminating NULs); {@link #argv()} is
     * the same decoded as UTF-8, with bytes that are not UTF-8 replaced.
     *
     * @return the arguments' bytes
     * @since 0.2
     */
    List<byte[]> argvBytes();

    /**
     * The environment as the bytes execve copied (copies, without terminating NULs); {@link #envp()} is the
     * same decoded as UTF-8.
     *
     * @return the variables' bytes
     * @since 0.2
     */
    List<byte[]> envpBytes();

    /**
     * The value of an environment variable, or null.
     *
     * @param name the variable's name
     * @return the value, or null
     */
    String getenv(String name);

    /**
     * Raw syscalls as this process (kernel return convention, never throwing for an errno).
     *
     * @return the interface
     */
    SyscallInterface syscalls();

    /**
     * This process's memory (a fresh address space made by execve).
     *
     * @return the memory
     */
    Memory memory();

    /**
     * The architecture whose syscall numbers and struct layouts apply.
     *
     * @return the architecture
     */
    Arch arch();

    /**
     * The syscall-server entry point in this process's address space, for driving children of its own.
     *
     * @return the address
     */
    long serverEntryPoint();

    /**
     * Makes a syscall by name and returns the raw result ({@code -errno} on failure).
     *
     * @param syscall the syscall
     * @param args up to six arguments
     * @return the raw result
     */
    long syscall(Syscall syscall, long... args);

    /**
     * Makes a syscall by name and throws {@link ErrnoException} if it fails.
     *
     * @param syscall the syscall
     * @param args up to six arguments
     * @return the result
     */
    long check(Syscall syscall, long... args);

    /**
     * This process's pid (a getpid syscall).
     *
     * @return the pid
     */
    int pid();

    /**
     * Maps {@code size} bytes of fresh read-write memory in this process (an mmap syscall); never freed
     * before exec or exit.
     *
     * @param size the size in bytes, positive
     * @return the address
     */
    long allocate(long size);

    /**
     * Writes all of {@code data} to {@code fd}, looping over short writes.
     *
     * @param fd the fd
     * @param data the bytes
     */
    void write(int fd, byte[] data);

    /**
     * Writes {@code text} in UTF-8 to {@code fd}.
     *
     * @param fd the fd
     * @param text the text
     */
    void print(int fd, String text);

    /**
     * Reads up to {@code max} bytes (one read syscall); an empty array at end of file.
     *
     * @param fd the fd
     * @param max the most bytes to read
     * @return the bytes read
     */
    byte[] read(int fd, int max);

    /**
     * Reads until end of file.
     *
     * @param fd the fd
     * @return the bytes read
     */
    byte[] readAll(int fd);

    /**
     * Opens {@code path} with openat(AT_FDCWD, path, flags, mode) and returns the fd.
     *
     * @param path the path
     * @param flags {@code O_*} flags
     * @param mode permission bits for a created file
     * @return the fd
     */
    int open(String path, int flags, int mode);

    /**
     * Sleeps on the virtual clock (nanosleep); a handled signal ends it early.
     *
     * @param duration how long to sleep
     */
    void sleep(Duration duration);

    /**
     * Starts a child that runs {@code path} (a driven child cloned with CLONE_VM, like the api's, told to
     * execve), after giving it {@code fds}: child fd {@code k} becomes a copy of this process's fd
     * {@code v} for every entry; other fds keep their close-on-exec flags.
     *
     * @return the child's pid
     * @param path the program's path
     * @param argv the arguments, argv[0] included
     * @param envp the environment as {@code NAME=value} strings
     * @param fds the child's fds: child fd to this process's fd
     * @throws ErrnoException with the execve errno if the program could not be started (the child is reaped)
     */
    int spawn(String path, List<String> argv, List<String> envp, Map<Integer, Integer> fds);

    /**
     * Waits for child {@code pid} to exit or be killed (wait4) and returns the raw wait status.
     *
     * @param pid the child
     * @return the raw wait status
     */
    int waitFor(int pid);

    /**
     * Ends the process with exit_group(status); never returns.
     *
     * @param status the exit status
     */
    void exit(int status);
}
