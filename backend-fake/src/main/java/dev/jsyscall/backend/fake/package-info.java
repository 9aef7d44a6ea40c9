// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * The {@code fake} backend: a deterministic simulated Linux kernel (x86_64 numbers and struct layouts) that
 * runs the raw syscalls of the SPI over simulated memory, so that code built on jsyscall runs unchanged against
 * it.
 *
 * <pre>{@code
 * try (FakeKernel kernel = FakeKernel.builder().seed(42).pidMax(64).build()) {
 *     SyscallBackend backend = kernel;   // hand it to the api like any backend
 * }
 * }</pre>
 *
 * <h2>How it runs</h2>
 * Exactly one simulated process runs at a time and control changes hands only at syscalls. The JVM thread that
 * makes a local syscall drives the simulation: while its syscall cannot complete (and, by seeded chance, just
 * before it) the kernel runs other processes one syscall at a time, in an order drawn from the seed. A driven
 * child is a state machine of real syscalls (read request, run it, write result); a simulated program runs on a
 * Java thread of its own, but only while the driver waits for it. The virtual clocks advance 1 µs per syscall
 * and jump to the next timeout when every process waits — the local one included: while another JVM thread that
 * uses the kernel runs Java code between syscalls, time does not jump under it; the timeouts of JVM threads
 * blocked in the kernel count as timers. {@code FakeKernel.Builder.timeLimit} ends a run whose clock would pass a
 * limit ({@link dev.jsyscall.backend.fake.FakeTimeLimitException}). A local syscall that can never complete throws
 * {@link dev.jsyscall.backend.fake.FakeDeadlockException} with the process table. The same seed and the same
 * calls give the same trace ({@link dev.jsyscall.backend.fake.FakeKernel#traceHash()}); with several JVM threads
 * making local syscalls, the order in which they arrive is the JVM's, and the trace is only as deterministic as
 * they are.
 *
 * <h2>Where it knowingly differs from Linux</h2>
 * <ul>
 *   <li>No machine code runs. A clone must give a stack whose first word is the server entry point (the child
 *       serves the driven-child protocol; an unmapped stack kills it with SIGSEGV); fork, vfork and clones
 *       without a stack throw {@link dev.jsyscall.backend.fake.FakeUnsupportedException}. Signal handlers never
 *       run: delivering a caught signal is counted, honours SA_RESETHAND and interrupts a blocking call (EINTR
 *       unless SA_RESTART applies), and that is all.</li>
 *   <li>Processes are single-threaded (gettid is the pid; CLONE_THREAD is refused). Of the namespaces only
 *       user namespaces (id maps written through /proc/PID/uid_map, gid_map and setgroups) and UTS namespaces are
 *       simulated; ptrace, terminals and job control through a tty, set*id, and socket(2) (only
 *       {@code socketpair(AF_UNIX)}) are not. Unimplemented syscalls throw rather than return ENOSYS; a simulated
 *       process that makes one is killed with SIGSYS and the exception surfaces in the local thread.</li>
 *   <li>The local process stands for the JVM: pid 2, child of init, leader of its own session and process
 *       group (so that group is orphaned, and terminal stop signals sent to its members with the default action
 *       are discarded, as Linux does), root unless configured, with HotSpot's signal handlers and fds 0
 *       (/dev/null), 1 and 2 (/dev/console) and 3 (the JDK's module image, close-on-exec). It cannot execve.
 *       Its clones start with every signal blocked, as the api's clone stub makes them on native backends.
 *       Several JVM threads may use it; their syscalls take turns, and one that must wait lets the others
 *       run.</li>
 *   <li>A fatal or stopping signal takes effect when its target next runs, as on Linux; after {@code kill}
 *       returns, a WNOHANG wait may not see the change yet (a blocking wait always does).</li>
 *   <li>Time and resources: CPU time and rusage are zero; a core dump is reported (CLD_DUMPED, 0x80) when
 *       RLIMIT_CORE is not 0, without writing a core file.</li>
 *   <li>Pipes count their capacity in bytes (64 KiB, F_SETPIPE_SZ honoured) rather than page slots; POLLOUT
 *       means at least PIPE_BUF bytes of room. epoll's edge-triggered mode is approximated as "readiness bits
 *       that were not set at the last report".</li>
 *   <li>The file system is in memory: directories, regular files, /dev/null, /dev/zero, /dev/full,
 *       /dev/console (where the local process's stdout and stderr go), and a minimal /proc. No symlinks outside
 *       /proc, hard links, renames, permissions changes, locks or mounts; one timestamp per file.</li>
 *   <li>Memory: MAP_SHARED anonymous memory is not shared with a child cloned without CLONE_VM (the copy is a
 *       deep copy); private file mappings are snapshots; shared file mappings are refused; brk never grows.</li>
 *   <li>A program's argv and envp arrive as Java lists, not on a simulated stack, both as the bytes execve
 *       copied ({@code argvBytes()}, {@code envpBytes()}) and decoded as UTF-8; {@code echo} and {@code env} pass
 *       bytes through, the shell works on decoded text. A program that computes without making syscalls is
 *       never preempted.</li>
 * </ul>
 *
 * <p>Layer rule: like the native backends, the fake uses only the api's {@code spi} and {@code linux} packages
 * (checked by the architecture module's {@code LayeringTest}); its simulated programs make syscalls through
 * {@link dev.jsyscall.backend.fake.ProgramContext}, not through the api's handles.
 *
 * @since 0.1
 */
package dev.jsyscall.backend.fake;
