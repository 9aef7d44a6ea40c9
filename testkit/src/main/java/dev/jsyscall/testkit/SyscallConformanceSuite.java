// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jsyscall.Redirect;
import dev.jsyscall.Kernel;
import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.Pointer;
import dev.jsyscall.handle.Process;
import dev.jsyscall.handle.Task;
import dev.jsyscall.handle.ThreadProcess;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.wait.IdType;
import dev.jsyscall.linux.wait.Siginfo;
import dev.jsyscall.linux.wait.WaitOption;
import dev.jsyscall.spi.Capability;
import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.testkit.report.ConformanceReportExtension;
import dev.jsyscall.testkit.report.ConformanceTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The behaviours every jsyscall backend must have, written against real Linux first. A backend runs all of it
 * with one subclass:
 *
 * <pre>{@code
 * class FfmConformanceTest extends SyscallConformanceSuite {
 *     protected SyscallBackend openBackend() { return new FfmProvider().open(); }
 * }
 * }</pre>
 *
 * <p>After every test it checks that nothing leaked: no fd left open by the test, no child or zombie left
 * behind, no memory left allocated. Tests that need a capability the backend lacks are skipped with the reason.
 *
 * <p>The tests live in areas, one interface each ({@link ProcessContract}, {@link SpawnContract}, ...), composed
 * below with one line each. Every test has a {@link RuleId} that the report and failure messages show; a backend
 * that does not meet a rule says so, with the reason, in {@link #expectations()}.
 *
 * @since 0.1
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ConformanceReportExtension.class)
@ExtendWith(ConformanceRules.class)
@SuppressWarnings("try") // leases and borrows are held for the scope of their try blocks
public abstract class SyscallConformanceSuite implements ConformanceTarget, Expectations.Source {

    private Kernel kernel;

    /** For subclasses: one per backend. */
    protected SyscallConformanceSuite() {
    }

    private final List<ChildProcess> tracked = new ArrayList<>();
    private Set<String> fdsBefore;
    private long bytesBefore;

    /** Opens a fresh backend for this suite; it is closed after the suite. */
    protected abstract SyscallBackend openBackend();

    /**
     * The fds open in the local process, as "number -> what" strings, for the leak check. The default reads
     * {@code /proc/self/fd} and ignores the JVM's own files (jars, modules, shared libraries), which it opens
     * lazily; a backend whose local process is simulated overrides this.
     */
    protected Set<String> openFds() {
        return ProcFds.snapshot();
    }

    /**
     * The rules this backend does not meet, by {@link RuleId}, each with the reason; none by default. A test
     * expected to fail that passes fails as stale.
     */
    @Override
    public Expectations expectations() {
        return Expectations.none();
    }

    @Override
    public String reportName() {
        return kernel().backendId() + " (JDK " + Runtime.version().feature() + ")";
    }

    @BeforeAll
    void openKernel() {
        kernel = Kernel.open(openBackend());
    }

    @AfterAll
    void closeKernel() {
        if (kernel != null) {
            kernel.close();
        }
    }

    /** The kernel under test. */
    protected final Kernel kernel() {
        if (kernel == null) {
            kernel = Kernel.open(openBackend());
        }
        return kernel;
    }

    /** Its local task. */
    protected final LocalTask local() {
        return kernel().localTask();
    }

    /** Skips the current test, naming the capability, unless the backend has it. */
    protected final void requires(Capability capability) {
        requires(capability, null);
    }

    /** Skips the current test, naming the capability and why the test needs it, unless the backend has it. */
    protected final void requires(Capability capability, String why) {
        assumeTrue(kernel().capabilities().contains(capability), () -> "backend '" + kernel().backendId()
                + "' lacks " + capability + (why == null ? "" : ": " + why));
    }

    /** A driven child, killed and reaped after the test if the test did not do it. */
    protected final ChildTask child() {
        return track(local().cloneChild());
    }

    /** Hands a child the test cloned itself to the after-test clean-up, and returns it. */
    protected final ChildTask track(ChildTask c) {
        tracked.add(c.childProcess());
        trackedTasks.add(c);
        return c;
    }

    private final List<ChildTask> trackedTasks = new ArrayList<>();

    @BeforeEach
    void snapshot() {
        fdsBefore = openFds();
        bytesBefore = local().allocator().bytesInUse();
    }

    @AfterEach
    void checkNothingLeaked() {
        List<String> leaks = new ArrayList<>();
        Optional<String> child = anyChild();
        child.ifPresent(c -> leaks.add("a child or zombie is left: " + c));
        // clean up what a failing test left, so that one failure does not cascade into the next test
        for (ChildTask t : trackedTasks) {
            t.close();
        }
        for (ChildProcess p : tracked) {
            if (p.deathState().isEmpty() && !p.inUse()) {
                try {
                    if (p.hasUnreadSiginfo()) {
                        p.readSiginfo();
                    }
                    if (p.deathState().isEmpty()) {
                        p.kill(Signal.SIGKILL);
                        p.waitForExit();
                    }
                } catch (RuntimeException e) {
                    // already reaped through another handle: nothing left to clean
                }
            }
        }
        tracked.clear();
        trackedTasks.clear();
        if (child.isPresent()) {
            killStrays();
        }
        Set<String> opened = fdsOpenedSinceSnapshot();
        // the JVM opens files of its own for a moment (JDK 17 reads its cgroup's memory.limit_in_bytes from a
        // timer thread): a leak is an fd that stays
        for (int look = 0; look < 5 && !opened.isEmpty(); look++) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            opened.retainAll(fdsOpenedSinceSnapshot());
        }
        if (!opened.isEmpty()) {
            leaks.add("fds left open: " + opened);
        }
        long bytes = local().allocator().bytesInUse();
        if (bytes != bytesBefore) {
            leaks.add("allocator bytes in use changed from " + bytesBefore + " to " + bytes);
        }
        assertThat(leaks).as("leaks after the test").isEmpty();
    }

    /**
     * Kills and reaps every child the local process still has, after a test that left one (already reported): a
     * running child would outlive the test JVM, keep its stdout open and hold the build that waits for it. The
     * children are found in the kernel's /proc ({@code /proc/self/task/[tid]/children}) on a real kernel; zombies
     * by {@code waitid(P_ALL)} on any.
     */
    private void killStrays() {
        Task t = local();
        int sigkill = Signal.SIGKILL.number();
        if (kernel().capabilities().contains(Capability.REAL_KERNEL)) {
            for (int pid : liveChildren()) {
                t.sysif().syscall(Syscall.KILL.number(t.arch()), pid, sigkill, 0, 0, 0, 0);
            }
        }
        // reap what is dead, and what the kill ends, for up to a few seconds
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (anyChild().isPresent() && System.nanoTime() < deadline) {
            long r = t.sysif().syscall(Syscall.WAIT4.number(t.arch()), -1, 0, 1 /* WNOHANG */ | 0x40000000 /* __WALL */,
                    0, 0, 0);
            if (r == 0) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The pids of the JVM's live children, from /proc; empty where /proc does not list them. */
    private static List<Integer> liveChildren() {
        List<Integer> pids = new ArrayList<>();
        try (java.nio.file.DirectoryStream<java.nio.file.Path> tasks =
                java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/task"))) {
            for (java.nio.file.Path task : tasks) {
                try {
                    for (String pid : java.nio.file.Files.readString(task.resolve("children")).trim().split("\\s+")) {
                        if (!pid.isEmpty()) {
                            pids.add(Integer.parseInt(pid));
                        }
                    }
                } catch (java.io.IOException gone) {
                    // the thread ended meanwhile, or the kernel has no children file (CONFIG_PROC_CHILDREN)
                }
            }
        } catch (java.io.IOException e) {
            // no /proc: zombies are still reaped
        }
        return pids;
    }

    private Set<String> fdsOpenedSinceSnapshot() {
        Set<String> opened = new TreeSet<>(openFds());
        opened.removeAll(fdsBefore);
        // fds jsyscall keeps for the kernel's lifetime (the exit watcher's epoll and eventfd) are not leaks
        for (int own : local().ownFds()) {
            opened.removeIf(f -> f.startsWith(own + " "));
        }
        return opened;
    }

    /**
     * Whether the local process has any child at all, dead or alive: {@code waitid(P_ALL, WNOHANG|WNOWAIT|
     * __WALL...)} fails with ECHILD exactly when it has none.
     */
    private Optional<String> anyChild() {
        Task t = local();
        Pointer<Siginfo> info = t.allocator().allocate(Siginfo.CODEC);
        try {
            info = info.write(Siginfo.ZERO);
            long r;
            try (Pointer<Siginfo>.Borrow b = info.borrow(t)) {
                r = t.sysif().syscall(Syscall.WAITID.number(t.arch()), IdType.P_ALL.value(), 0, b.address(),
                        WaitOption.bits(EnumSet.of(WaitOption.WNOHANG, WaitOption.WNOWAIT, WaitOption.WEXITED,
                                WaitOption.WSTOPPED, WaitOption.WCONTINUED, WaitOption.WALL)), 0, 0);
            }
            if (r == -Errno.ECHILD.number()) {
                return Optional.empty();
            }
            ErrnoException.check(r, Syscall.WAITID, "P_ALL");
            Siginfo s = info.read();
            return Optional.of(s.pid() == 0 ? "a running child" : "pid " + s.pid() + " (si_code " + s.code() + ")");
        } finally {
            info.free();
        }
    }

    /** Binds an area to this suite: its kernel, and the after-test clean-up of the children its tests clone. */
    abstract class Area implements ConformanceArea {
        @Override
        public Kernel kernel() {
            return SyscallConformanceSuite.this.kernel();
        }

        @Override
        public ChildTask track(ChildTask child) {
            return SyscallConformanceSuite.this.track(child);
        }
    }

    // The areas, one line each; a new area adds its line at the end.
    // @formatter:off
    @Nested @DisplayName("Process (any pid)") class ProcessBehaviour extends Area implements ProcessContract {}
    @Nested @DisplayName("ChildProcess (our child)") class ChildProcessBehaviour extends Area implements ChildProcessContract {}
    @Nested @DisplayName("ThreadProcess (a child on our stack)") class ThreadProcessBehaviour extends Area implements ThreadProcessContract {}
    @Nested @DisplayName("ProcessTask (a syscall interface in known namespaces)") class ProcessTaskBehaviour extends Area implements ProcessTaskContract {}
    @Nested @DisplayName("Misuse and races (no handle touches what it no longer owns)") class Misuse extends Area implements MisuseContract {}
    @Nested @DisplayName("Spawning (set-up inside the child, then exec)") class Spawning extends Area implements SpawnContract {}
    @Nested @DisplayName("Spawn fds (pipes, files, fd mapping, the syscall channel kept above every target)") class SpawnFds extends Area implements SpawnFdContract {}
    @Nested @DisplayName("Set-up batches (calls chained in one round trip, written before the clone)") class SetupBatches extends Area implements SetupBatchContract {}
    @Nested @DisplayName("Namespaces and privileges (set-up inside the child)") class Namespaces extends Area implements NamespaceContract {}
    @Nested @DisplayName("Bridges (pid, ProcessHandle, java.lang.Process, TRACE log)") class Bridges extends Area implements BridgeContract {}
    @Nested @DisplayName("Everyday (run and capture, stdin, check, timeouts and stopping)") class Everyday extends Area implements EverydayContract {}
    @Nested @DisplayName("Streaming (line and chunk callbacks, pipes at any fd, O(1) threads)") class Streaming extends Area implements StreamingContract {}
    @Nested @DisplayName("Threads (virtual threads, interrupts, close while blocked)") class Threads extends Area implements ThreadsContract {}
    @Nested @DisplayName("PATH search (execvp's rules)") class PathSearch extends Area implements PathSearchContract {}
    @Nested @DisplayName("Redirect files and Path arguments") class RedirectFiles extends Area implements RedirectFileContract {}
    @Nested @DisplayName("cgroup v2 containment and process trees") class Cgroups extends Area implements CgroupContract {}
    @Nested @DisplayName("Subreaper (orphaned descendants reparented, reaped and reported)") class Subreapers extends Area implements SubreaperContract {}
    @Nested @DisplayName("Pid namespaces (the program as init: pid 1, orphans adopted, its death ends the namespace)") class PidNamespaces extends Area implements PidNamespaceContract {}
    @Nested @DisplayName("Cloning driven children (clone3 with CLONE_CLEAR_SIGHAND, the fallback to clone)") class Cloning extends Area implements CloneContract {}
    @Nested @DisplayName("Fidelity (error-checking order and corner cases, found by differential testing)") class Fidelity extends Area implements FidelityContract {}
    @Nested @DisplayName("file-system sandboxes and joining namespaces") class Sandboxes extends Area implements SandboxContract {}
    @Nested @DisplayName("Seccomp filters (denied syscalls, kill, argument comparisons)") class SeccompFilters extends Area implements SeccompContract {}
    @Nested @DisplayName("Terminals (a pty as controlling terminal, window size, the master streamed)") class Terminals extends Area implements TerminalContract {}
    @Nested @DisplayName("Capabilities (bounding, ambient, capset, securebits, dumpable, setuid under no_new_privs)") class CapabilitySets extends Area implements CapabilityContract {}
    @Nested @DisplayName("Landlock rulesets confining what a program may read and write") class LandlockRules extends Area implements LandlockContract {}
    @Nested @DisplayName("Fault table (each errno the fake injects, provoked on the kernel)") class FaultTable extends Area implements FaultTableContract {}
    @Nested @DisplayName("Time (clock, sleep and scheduled executor through the kernel)") class KernelTimes extends Area implements TimeContract {}
    // @formatter:on
}
