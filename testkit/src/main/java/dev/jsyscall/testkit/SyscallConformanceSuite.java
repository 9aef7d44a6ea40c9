package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jsyscall.Command;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.SpawnFailedException;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.ChildDiedException;
import dev.jsyscall.handle.FileDescriptor;
import dev.jsyscall.handle.ProcessFailedException;
import dev.jsyscall.linux.resource.Resource;
import dev.jsyscall.linux.resource.Rlimit;
import dev.jsyscall.linux.signal.SigSet;
import dev.jsyscall.Kernel;
import dev.jsyscall.MisuseException;
import dev.jsyscall.far.FdTable;
import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.ChildProcessException;
import dev.jsyscall.handle.ChildTask;
import dev.jsyscall.handle.ExecFailedException;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.PidfdProcess;
import dev.jsyscall.handle.Pipe;
import dev.jsyscall.handle.Pointer;
import dev.jsyscall.handle.PointerStateException;
import dev.jsyscall.handle.Process;
import dev.jsyscall.handle.SetupBatch;
import dev.jsyscall.handle.Task;
import dev.jsyscall.handle.ThreadProcess;
import dev.jsyscall.handle.WrittenPointer;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.mount.Mount;
import dev.jsyscall.linux.mount.MountPropagation;
import dev.jsyscall.linux.prctl.Prctl;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.linux.sched.CloneFlags;
import dev.jsyscall.linux.sched.FutexNode;
import dev.jsyscall.linux.sched.Stack;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.unistd.Unistd;
import dev.jsyscall.linux.wait.ChildState;
import dev.jsyscall.linux.wait.IdType;
import dev.jsyscall.linux.wait.Rusage;
import dev.jsyscall.linux.wait.Siginfo;
import dev.jsyscall.linux.wait.WaitOption;
import dev.jsyscall.near.Pid;
import dev.jsyscall.spi.Capability;
import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.struct.Bytes;
import dev.jsyscall.testkit.report.ConformanceReportExtension;
import dev.jsyscall.testkit.report.ConformanceTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
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
 * @since 0.1
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ConformanceReportExtension.class)
@SuppressWarnings("try") // leases and borrows are held for the scope of their try blocks
public abstract class SyscallConformanceSuite implements ConformanceTarget {

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
        ChildTask c = local().cloneChild();
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

    /** Reads everything from {@code fd} until EOF. */
    protected static String readAll(dev.jsyscall.handle.FileDescriptor fd) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            byte[] b = fd.read(4096);
            if (b.length == 0) {
                return sb.toString();
            }
            sb.append(new String(b, StandardCharsets.UTF_8));
        }
    }

    /** A child that has exec'd {@code /bin/sleep 1000}: alive, unblocked signals, default dispositions. */
    protected final ChildProcess sleeper() {
        try (ChildTask c = child()) {
            return c.exec(Command.of("/bin/sleep", "1000"));
        }
    }

    /** A task over the local process whose syscalls are counted, to prove refusals happen before any syscall. */
    protected final Task countingTask(CountingSyscallInterface counting) {
        return local().viewThrough(counting);
    }

    // ---------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Process (any pid)")
    class ProcessBehaviour {

        @Test
        @DisplayName("holds its task and pid, and equals a handle of the same pid through the same task")
        void holdsTaskAndPid() {
            Process a = local().makeProcess(1);
            Process b = local().makeProcess(1);
            assertThat(a.task()).isSameAs(local());
            assertThat(a.near()).isEqualTo(new Pid(1));
            assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
            assertThat(a).isNotEqualTo(local().makeProcess(2));
        }

        @Test
        @DisplayName("kill sends the signal to the pid")
        void killSendsSignal() {
            ChildProcess child = sleeper();
            local().makeProcess(child.near().id()).kill(Signal.SIGTERM);
            ChildState s = child.waitForExit();
            assertThat(s.kind()).isEqualTo(ChildState.Kind.KILLED);
            assertThat(s.signal()).isEqualTo(Signal.SIGTERM);
        }

        @Test
        @DisplayName("kill of a pid that does not exist fails with ESRCH naming the pid and signal")
        void killMissingPid() {
            ChildProcess child = sleeper();
            int pid = child.near().id();
            child.kill(Signal.SIGKILL);
            child.waitForExit();
            // the pid was just freed; it is not reused this fast (pids count up), so kill sees no process
            assertThatThrownBy(() -> local().makeProcess(pid).kill(Signal.SIGTERM))
                    .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ESRCH))
                    .hasMessage("ESRCH (No such process) from kill(pid=" + pid + ", SIGTERM)");
        }

        @Test
        @DisplayName("killpg signals the process group whose id is the pid")
        void killpgSignalsGroup() {
            ChildProcess child;
            try (ChildTask c = child()) {
                c.childProcess().setpgid(null);
                child = c.exec(Command.of("/bin/sleep", "1000"));
            }
            local().makeProcess(child.near().id()).killpg(Signal.SIGKILL);
            ChildState s = child.waitForExit();
            assertThat(s.kind()).isEqualTo(ChildState.Kind.KILLED);
            assertThat(s.signal()).isEqualTo(Signal.SIGKILL);
        }

        @Test
        @DisplayName("getpgid returns the process group")
        void getpgid() {
            ChildTask c = child();
            Process viaPid = local().makeProcess(c.pid().id());
            assertThat(viaPid.getpgid()).isEqualTo(local().process().getpgid());
            c.childProcess().setpgid(null);
            assertThat(viaPid.getpgid().id()).isEqualTo(c.pid().id());
            c.exitGroup(0);
            c.childProcess().waitForExit();
        }

        @Test
        @DisplayName("setpriority and getpriority work on the nice value, not the raw 20-nice of the syscall")
        void priority() {
            ChildTask c = child();
            Process p = local().makeProcess(c.pid().id());
            p.setpriority(7);
            assertThat(p.getpriority()).isEqualTo(7);
            // seen from inside the child the same value comes back
            assertThat(c.makeProcess(c.pid().id()).getpriority()).isEqualTo(7);
            p.setpriority(19);
            assertThat(p.getpriority()).isEqualTo(19);
            // the raw syscall returns 20 - nice so that no success value looks like -errno
            long raw = c.sysif().syscall(Syscall.GETPRIORITY.number(c.arch()), 0, c.pid().id(), 0, 0, 0, 0);
            assertThat(raw).isEqualTo(1);
            c.exitGroup(0);
            c.childProcess().waitForExit();
        }

        @Test
        @DisplayName("its string names the type, the pid and the owning task")
        void stringForm() {
            Process p = local().makeProcess(4242);
            assertThat(p.toString()).isEqualTo("Process(Pid(4242), parent=" + local() + ")");
            assertThat(local().toString()).contains(String.valueOf(local().pid().id()));
        }

        @Test
        @DisplayName("a pidfd-backed process refuses to signal once its process is gone, whoever has the pid now")
        void pidfdProcess() {
            requires(Capability.PIDFD);
            ChildProcess child = sleeper();
            try (PidfdProcess p = local().pidfdOpen(child.near().id())) {
                p.kill(Signal.SIGSTOP);
                assertThat(child.waitForStateChange(EnumSet.of(WaitOption.WSTOPPED)).orElseThrow().kind())
                        .isEqualTo(ChildState.Kind.STOPPED);
                p.kill(Signal.SIGKILL);
                child.waitForExit();
                assertThatThrownBy(() -> p.kill(Signal.SIGTERM))
                        .isInstanceOfSatisfying(ErrnoException.class,
                                e -> assertThat(e.errno()).isEqualTo(Errno.ESRCH));
            }
        }
    }

    @Nested
    @DisplayName("ChildProcess (our child)")
    class ChildProcessBehaviour {

        @Test
        @DisplayName("starts alive: no death state, no unread siginfo, not in use, no command")
        void startsAlive() {
            ChildTask c = child();
            ThreadProcess p = c.childProcess();
            assertThat(p.deathState()).isEmpty();
            assertThat(p.hasUnreadSiginfo()).isFalse();
            assertThat(p.inUse()).isFalse();
            assertThat(p.command()).isEmpty();
            c.exitGroup(0);
            p.waitForExit();
        }

        @Test
        @DisplayName("a reaped child's pid is not handed to the next child: pids count up to pid_max before reuse")
        void reapedPidIsNotReusedAtOnce() {
            ChildTask first = child();
            int pid = first.pid().id();
            first.exitGroup(0);
            first.childProcess().waitForExit();
            ChildTask next = child();
            // Linux allocates upward from the last pid; only a wrap past pid_max (millions on x86_64) could return
            // this one, so code that trusts a freshly reaped pid to stay unused for a while is not fooled in tests
            assertThat(next.pid().id()).as("pid after reaping %d", pid).isNotEqualTo(pid);
            next.exitGroup(0);
            next.childProcess().waitForExit();
        }

        @Test
        @DisplayName("borrow refuses a dead child, naming it no longer alive")
        void borrowRefusesDead() {
            ChildTask c = child();
            c.exitGroup(3);
            ThreadProcess p = c.childProcess();
            ChildState s = p.waitForExit();
            assertThat(s.exitStatus()).isEqualTo(3);
            assertThatThrownBy(p::borrow).isInstanceOf(ChildProcessException.NotAlive.class)
                    .hasMessageContaining("no longer alive").hasMessageContaining(String.valueOf(p.near().id()));
        }

        @Test
        @DisplayName("borrow refuses a child whose earlier waitid result is unread")
        void borrowRefusesUnread() {
            ChildProcess p = sleeper();
            Pointer<Siginfo> info = local().allocator().allocate(Siginfo.CODEC);
            p.waitid(EnumSet.of(WaitOption.WEXITED, WaitOption.WNOHANG), info, null);
            assertThat(p.hasUnreadSiginfo()).isTrue();
            assertThatThrownBy(() -> p.kill(Signal.SIGKILL)).isInstanceOf(ChildProcessException.UnreadSiginfo.class)
                    .hasMessageContaining("unread siginfo");
            assertThat(p.readSiginfo()).isEmpty();
            info.free();
            p.kill(Signal.SIGKILL);
            p.waitForExit();
        }

        @Test
        @DisplayName("borrow refuses a child already in use, and releases the mark on every exit path")
        void borrowRefusesInUse() {
            ChildProcess p = sleeper();
            try (ChildProcess.Lease l = p.borrow()) {
                assertThat(p.inUse()).isTrue();
                assertThatThrownBy(p::borrow).isInstanceOf(ChildProcessException.InUse.class)
                        .hasMessageContaining("currently being waited on");
                // a low-level wait holds the child against other low-level waits only: signalling and the calls
                // that name the pid go on (they hold off reaping instead)
                assertThat(p.getpgid()).isNotNull();
                p.kill(Signal.SIGCONT);
            }
            assertThat(p.inUse()).isFalse();
            assertThatThrownBy(() -> {
                try (ChildProcess.Lease l = p.borrow()) {
                    throw new IllegalStateException("boom");
                }
            }).hasMessage("boom");
            assertThat(p.inUse()).isFalse();
            // a failing syscall inside a borrow also releases it (no WEXITED/WSTOPPED/WCONTINUED: EINVAL)
            Pointer<Siginfo> info = local().allocator().allocate(Siginfo.CODEC);
            assertThatThrownBy(() -> p.waitid(EnumSet.noneOf(WaitOption.class), info, null))
                    .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
            info.free();
            assertThat(p.inUse()).isFalse();
            p.kill(Signal.SIGKILL);
            p.waitForExit();
        }

        @Test
        @DisplayName("kill, killpg and getpgid on a reaped child throw instead of reaching a reused pid")
        void reapedChildIsNeverSignalled() {
            ChildProcess p = sleeper();
            p.kill(Signal.SIGKILL);
            p.waitForExit();
            // that no syscall is made is checked on a counting task in the api's HandleRefusalsTest
            assertThatThrownBy(() -> p.kill(Signal.SIGTERM)).isInstanceOf(ChildProcessException.NotAlive.class);
            assertThatThrownBy(() -> p.killpg(Signal.SIGTERM)).isInstanceOf(ChildProcessException.NotAlive.class);
            assertThatThrownBy(p::getpgid).isInstanceOf(ChildProcessException.NotAlive.class);
        }

        @Test
        @DisplayName("setpgid(null) makes the child its own group leader")
        void setpgidNull() {
            ChildTask c = child();
            c.childProcess().setpgid(null);
            assertThat(c.childProcess().getpgid().id()).isEqualTo(c.pid().id());
            c.exitGroup(0);
            c.childProcess().waitForExit();
        }

        @Test
        @DisplayName("setpgid(other) moves the child into the other child's group, not its own")
        void setpgidOther() {
            ChildTask leader = child();
            ChildTask member = child();
            leader.childProcess().setpgid(null);
            member.childProcess().setpgid(leader.childProcess());
            assertThat(member.childProcess().getpgid().id()).isEqualTo(leader.pid().id());
            assertThat(member.childProcess().getpgid().id()).isNotEqualTo(member.pid().id());
            member.exitGroup(0);
            leader.exitGroup(0);
            member.childProcess().waitForExit();
            leader.childProcess().waitForExit();
        }

        @Test
        @DisplayName("waitid records the buffer as unread until it is parsed")
        void waitidRecordsUnread() {
            ChildTask c = child();
            c.exitGroup(5);
            ThreadProcess p = c.childProcess();
            Pointer<Siginfo> info = local().allocator().allocate(Siginfo.CODEC);
            Pointer<Rusage> rusage = local().allocator().allocate(Rusage.CODEC);
            p.waitid(EnumSet.of(WaitOption.WEXITED), info, rusage);
            assertThat(p.hasUnreadSiginfo()).isTrue();
            ChildState s = p.readStateChange();
            assertThat(p.hasUnreadSiginfo()).isFalse();
            assertThat(s).isEqualTo(new ChildState(ChildState.Kind.EXITED, p.near().id(), s.uid(), 5));
            assertThat(rusage.read().userMicros()).isNotNegative();
            info.free();
            rusage.free();
        }

        @Test
        @DisplayName("a WNOHANG wait that finds nothing gives no state")
        void wnohangNothing() {
            ChildTask c = child();
            Optional<ChildState> s = c.childProcess().waitForStateChange(
                    EnumSet.of(WaitOption.WEXITED, WaitOption.WNOHANG));
            assertThat(s).isEmpty();
            assertThat(c.childProcess().deathState()).isEmpty();
            c.exitGroup(0);
            c.childProcess().waitForExit();
        }

        @Test
        @DisplayName("waitid reports killed, stopped and continued children, and a death marks the child dead")
        void states() {
            ChildProcess p = sleeper();
            p.kill(Signal.SIGSTOP);
            ChildState stopped = p.waitForStateChange(EnumSet.of(WaitOption.WSTOPPED)).orElseThrow();
            assertThat(stopped.kind()).isEqualTo(ChildState.Kind.STOPPED);
            assertThat(stopped.signal()).isEqualTo(Signal.SIGSTOP);
            p.kill(Signal.SIGCONT);
            ChildState continued = p.waitForStateChange(EnumSet.of(WaitOption.WCONTINUED)).orElseThrow();
            assertThat(continued.kind()).isEqualTo(ChildState.Kind.CONTINUED);
            assertThat(p.deathState()).isEmpty();
            p.kill(Signal.SIGKILL);
            ChildState killed = p.waitForExit();
            assertThat(killed.kind()).isEqualTo(ChildState.Kind.KILLED);
            assertThat(killed.shellStatus()).isEqualTo(137);
            assertThat(p.deathState()).contains(killed);
        }

        @Test
        @DisplayName("a child killed by SIGABRT is reported as dumped or killed, and dead either way")
        void dumped() {
            ChildProcess p = sleeper();
            p.kill(Signal.SIGABRT);
            ChildState s = p.waitForExit();
            // DUMPED when the core is written; KILLED when the core limit or core_pattern suppresses it
            assertThat(s.kind()).isIn(ChildState.Kind.DUMPED, ChildState.Kind.KILLED);
            assertThat(s.signal()).isEqualTo(Signal.SIGABRT);
            assertThat(s.died()).isTrue();
        }

        @Test
        @DisplayName("readSiginfo without a pending wait and readStateChange without a change are errors")
        void readErrors() {
            ChildTask c = child();
            ThreadProcess p = c.childProcess();
            assertThatThrownBy(p::readSiginfo).isInstanceOf(ChildProcessException.NoStateChange.class)
                    .hasMessageContaining("no siginfo buffer");
            Pointer<Siginfo> info = local().allocator().allocate(Siginfo.CODEC).write(Siginfo.ZERO);
            p.waitid(EnumSet.of(WaitOption.WEXITED, WaitOption.WNOHANG), info, null);
            assertThatThrownBy(p::readStateChange).isInstanceOf(ChildProcessException.NoStateChange.class)
                    .hasMessageContaining("expected a state change");
            info.free();
            c.exitGroup(0);
            p.waitForExit();
        }

        @Test
        @DisplayName("exec runs the program and records the command; its output arrives through a pipe")
        void execEcho() {
            Pipe out = local().pipe2(Fcntl.O_CLOEXEC);
            ChildProcess p;
            try (ChildTask c = child()) {
                out.write().inheritedBy(c).dup3(1, 0);
                c.chdir("/");
                p = c.exec(Command.of("/bin/echo", "hello", "world"));
            }
            out.write().close();
            assertThat(readAll(out.read())).isEqualTo("hello world\n");
            out.read().close();
            assertThat(p.command()).contains(Command.of("/bin/echo", "hello", "world"));
            assertThat(p.waitForExit().isCleanExit()).isTrue();
        }

        @Test
        @DisplayName("a failed exec names the path and errno, and the child keeps serving")
        void execFailure() {
            ChildTask c = child();
            assertThatThrownBy(() -> c.exec(Command.of("/nonexistent/program")))
                    .isInstanceOfSatisfying(ExecFailedException.class, e -> {
                        assertThat(e.errno()).isEqualTo(Errno.ENOENT);
                        assertThat(e.path()).isEqualTo("/nonexistent/program");
                    })
                    .hasMessageContaining("/nonexistent/program");
            assertThat(c.getpid()).isEqualTo(c.pid().id());
            assertThat(c.childProcess().command()).isEmpty();
            c.exitGroup(0);
            assertThat(c.childProcess().waitForExit().isCleanExit()).isTrue();
        }
    }

    @Nested
    @DisplayName("ThreadProcess (a child on our stack)")
    class ThreadProcessBehaviour {

        @Test
        @DisplayName("holds the stack it runs on and the data written at its top")
        void holdsStack() {
            ChildTask c = child();
            ThreadProcess p = c.childProcess();
            assertThat(p.usedStack().valid()).isTrue();
            assertThat(p.stackData().entryPoint()).isEqualTo(local().serverEntryPoint());
            assertThat(p.ctid()).isNull();
            assertThat(p.tls()).isNull();
            c.exitGroup(0);
            p.waitForExit();
        }

        @Test
        @DisplayName("frees its stack once it execs, and never twice")
        void freesOnExec() {
            ChildTask c = child();
            ThreadProcess p = c.childProcess();
            Pointer<?> stack = p.usedStack();
            ChildProcess execd = c.exec(Command.of("/bin/true"));
            c.close();
            assertThat(stack.valid()).isFalse();
            p.freeEverything();
            assertThat(execd.waitForExit().isCleanExit()).isTrue();
            assertThat(stack.valid()).isFalse();
        }

        @Test
        @DisplayName("its string pretends to be a ChildProcess once it has exec'd or died")
        void stringForm() {
            ChildTask c = child();
            ThreadProcess p = c.childProcess();
            assertThat(p.toString()).startsWith("ThreadProcess(Pid(" + c.pid().id() + "), parent=");
            c.exitGroup(0);
            p.waitForExit();
            assertThat(p.toString()).startsWith("ChildProcess(Pid(" + c.pid().id() + "), parent=");
        }
    }

    @Nested
    @DisplayName("ProcessTask (a syscall interface in known namespaces)")
    class ProcessTaskBehaviour {

        @Test
        @DisplayName("a write of PIPE_BUF bytes or fewer to a pipe with room is written whole, by one write")
        void smallPipeWriteIsAtomic() {
            // pipe(7): writes of at most PIPE_BUF (4096) bytes are atomic; writers that share a pipe rely on it
            try (Pipe p = local().pipe2(Fcntl.O_CLOEXEC)) {
                WrittenPointer<byte[]> data = local().allocator().allocateBytes(4096).write(new byte[4096]);
                try {
                    assertThat(p.write().write(data, 4096)).isEqualTo(4096);
                    assertThat(p.write().write(data, 2)).isEqualTo(2);
                } finally {
                    data.free();
                }
            }
        }

        @Test
        @DisplayName("the local task is its own process with no parent task; a child's parent task is the local task")
        void construction() {
            LocalTask l = local();
            assertThat(l.process().near()).isEqualTo(l.pid());
            assertThat(l.process().task()).isSameAs(l);
            assertThat(l.parentTask()).isNull();
            ChildTask c = child();
            assertThat(c.process()).isSameAs(c.childProcess());
            assertThat(c.parentTask()).isSameAs(l);
            c.exitGroup(0);
            c.childProcess().waitForExit();
        }

        @Test
        @DisplayName("makeProcess wraps an arbitrary pid as a Process of this task")
        void makeProcess() {
            Process p = local().makeProcess(12345);
            assertThat(p.task()).isSameAs(local());
            assertThat(p.near().id()).isEqualTo(12345);
            assertThat(p).isExactlyInstanceOf(Process.class);
        }

        private Pointer.Split<byte[]> stackPieces(int alloc, int data) {
            return local().allocator().allocateBytes(alloc + data).split(alloc);
        }

        private WrittenPointer<Stack> stackData(Pointer<byte[]> rest) {
            return rest.as(Stack.CODEC).write(new Stack(local().serverEntryPoint(), List.of(-1L, -1L, 0L)));
        }

        @Test
        @DisplayName("clone refuses misaligned stack data before any syscall")
        void misaligned() {
            CountingSyscallInterface counting = new CountingSyscallInterface(local().sysif());
            Task t = countingTask(counting);
            Pointer.Split<byte[]> s = stackPieces(1024 + 8, 32);
            WrittenPointer<Stack> data = stackData(s.rest());
            assertThatThrownBy(() -> t.clone(CloneFlags.of(CloneFlag.VM).exitSignal(Signal.SIGCHLD), s.first(), data,
                    null, null, null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("16-byte aligned");
            assertThat(counting.count()).isZero();
            s.first().free();
            data.free();
        }

        @Test
        @DisplayName("clone refuses a stack allocation that does not end where the data begins")
        void notAdjacent() {
            CountingSyscallInterface counting = new CountingSyscallInterface(local().sysif());
            Task t = countingTask(counting);
            Pointer<byte[]> alloc = local().allocator().allocateBytes(1024);
            Pointer<byte[]> gap = local().allocator().allocateBytes(64);
            WrittenPointer<Stack> data = stackData(local().allocator().allocateBytes(32));
            assertThatThrownBy(() -> t.clone(CloneFlags.of(CloneFlag.VM).exitSignal(Signal.SIGCHLD), alloc, data,
                    null, null, null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must end where the stack data begins");
            assertThat(counting.count()).isZero();
            alloc.free();
            gap.free();
            data.free();
        }

        @Test
        @DisplayName("clone refuses a freed pointer before any syscall")
        void freedPointer() {
            CountingSyscallInterface counting = new CountingSyscallInterface(local().sysif());
            Task t = countingTask(counting);
            Pointer.Split<byte[]> s = stackPieces(1024, 32);
            WrittenPointer<Stack> data = stackData(s.rest());
            Pointer<FutexNode> ctid = local().allocator().allocate(FutexNode.CODEC);
            ctid.free();
            assertThatThrownBy(() -> t.clone(CloneFlags.of(CloneFlag.VM).exitSignal(Signal.SIGCHLD), s.first(), data,
                    null, ctid, null)).isInstanceOf(PointerStateException.class).hasMessageContaining("freed");
            assertThat(counting.count()).isZero();
            assertThat(s.first().valid()).isTrue();
            s.first().free();
            data.free();
        }

        @Test
        @DisplayName("clone with CLONE_PARENT and no known parent task fails before any syscall")
        void cloneParentUnknown() {
            CountingSyscallInterface counting = new CountingSyscallInterface(local().sysif());
            Task t = countingTask(counting);
            Pointer.Split<byte[]> s = stackPieces(1024, 32);
            WrittenPointer<Stack> data = stackData(s.rest());
            assertThatThrownBy(() -> t.clone(CloneFlags.of(CloneFlag.VM, CloneFlag.PARENT), s.first(), data, null,
                    null, null)).isInstanceOf(MisuseException.class)
                    .hasMessageContaining("CLONE_PARENT").hasMessageContaining("unknown");
            assertThat(counting.count()).isZero();
            s.first().free();
            data.free();
        }

        @Test
        @DisplayName("clone with CLONE_PARENT gives the new child to the parent task")
        void cloneParentOwnership() {
            ChildTask c = child();
            // the grandchild runs the server with fds -1: its first read fails, so it exits with status 1
            Pointer.Split<byte[]> s = stackPieces(16 * 1024, 32);
            WrittenPointer<Stack> data = stackData(s.rest());
            ThreadProcess grandchild = c.clone(CloneFlags.of(CloneFlag.VM, CloneFlag.PARENT), s.first(), data, null,
                    null, null);
            assertThat(grandchild.task()).isSameAs(local());
            ChildState st = grandchild.waitForStateChange(EnumSet.of(WaitOption.WEXITED, WaitOption.WALL))
                    .orElseThrow();
            assertThat(st.exitStatus()).isEqualTo(1);
            assertThat(grandchild.usedStack().valid()).isFalse();
            c.exitGroup(0);
            c.childProcess().waitForExit();
        }

        @Test
        @DisplayName("clone passes the futex word of ctid, and the result owns the merged stack")
        void cloneCtid() {
            Pointer<FutexNode> ctid = local().allocator().allocate(FutexNode.CODEC).write(new FutexNode(0, -1));
            ChildTask c = local().cloneChild(CloneFlags.of(CloneFlag.VM, CloneFlag.CHILD_SETTID,
                    CloneFlag.CHILD_CLEARTID).exitSignal(Signal.SIGCHLD), null, ctid);
            tracked.add(c.childProcess());
            ThreadProcess p = c.childProcess();
            assertThat(p.ctid()).isSameAs(ctid);
            // CLONE_CHILD_SETTID writes the child's tid into the futex word (8 bytes into the node) when the child
            // first runs, which clone's return in the parent does not wait for: a round trip proves it ran
            assertThat(c.getpid()).isEqualTo(c.pid().id());
            assertThat(ctid.read().futex()).isEqualTo(c.pid().id());
            // the stack proper plus the six words the server starts from (entry, channel fds, fds to close, pad)
            assertThat(p.usedStack().size()).isEqualTo(16 * 1024 + 48);
            c.exitGroup(0);
            p.waitForExit();
            assertThat(ctid.valid()).isFalse();
        }

        @Test
        @DisplayName("a driven child runs syscalls as itself, in its own fd table")
        void drivenChild() {
            ChildTask c = child();
            assertThat(c.getpid()).isEqualTo(c.pid().id()).isNotEqualTo(local().pid().id());
            assertThat(c.getppid()).isEqualTo(local().pid().id());
            assertThat(c.fdTable()).isNotSameAs(local().fdTable());
            assertThat(c.addressSpace()).isSameAs(local().addressSpace());
            c.chdir("/tmp");
            assertThat(c.getcwd()).isEqualTo("/tmp");
            c.exitGroup(0);
            c.childProcess().waitForExit();
        }

        @Test
        @DisplayName("a child cloned on the calling thread is driven like any other")
        void cloneOnThisThread() {
            ChildTask c = local().cloneChildOnThisThread(10);
            tracked.add(c.childProcess());
            assertThat(c.getpid()).isEqualTo(c.pid().id());
            assertThat(c.getppid()).isEqualTo(local().pid().id());
            assertThat(c.isChannelFd(9)).isFalse();
            ChildProcess p = c.exec(Command.of("/bin/true"));
            assertThat(p.waitForExit().isCleanExit()).isTrue();
        }

        @Test
        @DisplayName("a child cloned on the calling thread refuses PR_SET_PDEATHSIG, which would fire when that thread"
                + " exits")
        void cloneOnThisThreadRefusesParentDeathSignal() {
            requires(Capability.REAL_KERNEL, "a simulated kernel has no threads that could exit before the JVM");
            ChildTask c = local().cloneChildOnThisThread(0);
            tracked.add(c.childProcess());
            assertThatThrownBy(() -> c.parentDeathSignal(Signal.SIGKILL)).isInstanceOf(MisuseException.class)
                    .hasMessageContaining("cloneChildOnThisThread").hasMessageContaining("LocalTask.cloneChild()");
            assertThat(c.isDriven()).as("refused before any syscall").isTrue();
            c.exitGroup(0);
            c.childProcess().waitForExit();
        }

        @Test
        @DisplayName("a clone asked for by an interrupted thread still returns its child, and the interrupt is kept")
        void cloneWhileInterrupted() {
            ChildTask c;
            boolean interrupted;
            Thread.currentThread().interrupt();
            try {
                c = child();
            } finally {
                interrupted = Thread.interrupted();
            }
            assertThat(interrupted).isTrue();
            assertThat(c.getpid()).isEqualTo(c.pid().id());
            c.exitGroup(0);
            assertThat(c.childProcess().waitForExit().isCleanExit()).isTrue();
        }
    }

    @Nested
    @DisplayName("Misuse and races (no handle touches what it no longer owns)")
    class Misuse implements MisuseContract {
        @Override
        public Kernel kernel() {
            return SyscallConformanceSuite.this.kernel();
        }
    }

    /** What a program printed and how it ended. */
    protected record Output(String stdout, ChildState state) {
    }

    /** Runs {@code spawn} with {@link Spawn#output}: its stdout as UTF-8 text, and how it ended. */
    protected final Output output(Spawn spawn) {
        dev.jsyscall.Output o = spawn.output(local());
        return new Output(o.stdoutText(), o.state());
    }

    private static Spawn sh(String script) {
        return Spawn.of(Command.of("/bin/sh", "-c", script));
    }

    /**
     * A fresh directory bind-mounted on itself and made shared in the JVM's mount namespace, as {@code /} is on
     * systemd hosts: a copy of it in a new mount namespace starts as its peer, so mounts propagate out of the
     * namespace unless the propagation is changed. Closing unmounts it (with whatever propagated onto it).
     */
    protected final class SharedMountDir implements AutoCloseable {
        final java.nio.file.Path dir;
        final String sub;

        SharedMountDir(java.nio.file.Path dir) {
            this.dir = dir;
            this.sub = dir.resolve("sub").toString();
        }

        @Override
        public void close() throws java.io.IOException {
            try {
                local().umount2(dir.toString(), Mount.MNT_DETACH);
            } finally {
                java.nio.file.Files.deleteIfExists(dir.resolve("sub"));
                java.nio.file.Files.deleteIfExists(dir);
            }
        }
    }

    /** Sets up a {@link SharedMountDir}, or skips the test where mounts or mount namespaces are not permitted. */
    protected final SharedMountDir sharedMountDir() throws java.io.IOException {
        requires(Capability.REAL_KERNEL, "the fake simulates neither mounts nor mount namespaces");
        ChildTask probe = child();
        try {
            probe.unshare(Set.of(CloneFlag.NEWNS));
        } catch (ErrnoException e) {
            org.junit.jupiter.api.Assumptions.abort("unshare(CLONE_NEWNS) is not permitted here: " + e.getMessage());
        } finally {
            probe.exitGroup(0);
            probe.childProcess().waitForExit();
        }
        // not Files.createTempDirectory: its SecureRandom keeps /dev/random open, which the leak check reports
        java.nio.file.Path dir = java.nio.file.Files.createDirectory(java.nio.file.Paths.get(
                System.getProperty("java.io.tmpdir"), "jsyscall-mnt-" + local().pid().id() + "-" + System.nanoTime()));
        java.nio.file.Files.createDirectory(dir.resolve("sub"));
        try {
            local().mount(dir.toString(), dir.toString(), null, Mount.MS_BIND, null);
        } catch (ErrnoException e) {
            java.nio.file.Files.delete(dir.resolve("sub"));
            java.nio.file.Files.delete(dir);
            org.junit.jupiter.api.Assumptions.abort("mount(MS_BIND) is not permitted here: " + e.getMessage());
        }
        SharedMountDir d = new SharedMountDir(dir);
        try {
            local().mount(null, dir.toString(), null, Mount.MS_SHARED, null);
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    /**
     * Spawns a program in a new mount namespace ({@code unshare} adds the step) whose set-up mounts a tmpfs on
     * {@code d.sub}, and says whether the JVM's {@code /proc/self/mounts} shows that tmpfs while the program
     * runs (it blocks on its stdin until then). A mount that got out is unmounted again.
     */
    private boolean mountSeenOutside(SharedMountDir d, java.util.function.UnaryOperator<Spawn> unshare)
            throws java.io.IOException {
        String sub = d.sub;
        Spawn spawn = unshare.apply(sh("grep -c ' " + sub + " ' /proc/self/mounts; read x || true"))
                .then("mount tmpfs on " + sub, c -> c.mount("jsyscall-test", sub, "tmpfs", 0, null))
                .stdin(Redirect.pipe()).stdout(Redirect.pipe());
        boolean outside;
        try (Spawned s = spawn.start(local())) {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(s.stdout(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).as("mounts on %s the program sees", sub).isEqualTo("1");
            outside = java.nio.file.Files.readAllLines(java.nio.file.Paths.get("/proc/self/mounts")).stream()
                    .anyMatch(l -> l.contains(" " + sub + " "));
            s.stdin().close();
            assertThat(s.waitForExit().isCleanExit()).isTrue();
        }
        if (outside) {
            local().umount2(sub, Mount.MNT_DETACH);
        }
        return outside;
    }

    @Nested
    @DisplayName("Spawning (set-up inside the child, then exec)")
    class Spawning {

        @Test
        @DisplayName("cwd is set by a chdir in the child")
        void cwd() {
            Output o = output(Spawn.of(Command.of("/bin/pwd")).cwd("/tmp"));
            assertThat(o.stdout()).isEqualTo("/tmp\n");
            assertThat(o.state().isCleanExit()).isTrue();
        }

        @Test
        @DisplayName("a set-up step that fails names the step, and the child is killed and reaped")
        void failingStep() {
            assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).cwd("/nonexistent-dir").start(local()))
                    .isInstanceOfSatisfying(SpawnFailedException.class,
                            e -> assertThat(e.step()).isEqualTo("chdir(path=/nonexistent-dir)"))
                    .hasMessageContaining("ENOENT").hasMessageContaining("chdir(path=/nonexistent-dir)");
        }

        @Test
        @DisplayName("a batch of set-up calls runs them in order in the child, sent together")
        void batchRunsInOrder() {
            ChildTask c = child();
            SetupBatch b = c.batch().chdir("/tmp").umask(027).setsid().prlimit(Resource.RLIMIT_CORE, new Rlimit(0, 0));
            assertThat(b.size()).isEqualTo(4);
            b.run();
            assertThat(c.getcwd()).isEqualTo("/tmp");
            assertThat(c.umask(022)).isEqualTo(027);
            assertThat(c.getsid()).isEqualTo(c.pid().id());
            assertThat(c.prlimit(Resource.RLIMIT_CORE, null)).isEqualTo(new Rlimit(0, 0));
            assertThat(b.failedLabel()).isEmpty();
            c.exitGroup(0);
            assertThat(c.childProcess().waitForExit().isCleanExit()).isTrue();
        }

        @Test
        @DisplayName("a batch stops at its first failing call, throws that call's error and runs nothing after it")
        void batchStopsAtFirstFailure() {
            ChildTask c = child();
            c.umask(022);
            SetupBatch b = c.batch().label("first").umask(077).label("second").chdir("/nonexistent-dir")
                    .label("third").umask(0);
            assertThatThrownBy(b::run).isInstanceOfSatisfying(ErrnoException.class,
                    e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT))
                    .hasMessageContaining("chdir").hasMessageContaining("/nonexistent-dir");
            assertThat(b.failedLabel()).contains("second");
            assertThat(c.umask(022)).as("the first call ran, the third did not").isEqualTo(077);
            assertThat(c.isDriven()).isTrue();
            c.exitGroup(0);
            c.childProcess().waitForExit();
        }

        @Test
        @DisplayName("a batch longer than one write stays one chain: a failure stops the calls in later writes too")
        void longBatch() {
            ChildTask c = child();
            SetupBatch b = c.batch();
            for (int i = 0; i < 40; i++) {
                b.umask(i);
            }
            b.chdir("/nonexistent-dir");
            for (int i = 0; i < 40; i++) {
                b.umask(0777);
            }
            assertThatThrownBy(b::run).isInstanceOf(ErrnoException.class).hasMessageContaining("ENOENT");
            assertThat(c.umask(022)).as("the 40 calls before the failure ran, none after it").isEqualTo(39);
            SetupBatch ok = c.batch();
            for (int i = 0; i < 100; i++) {
                ok.umask(i);
            }
            ok.run();
            assertThat(c.umask(022)).isEqualTo(99);
            c.exitGroup(0);
            c.childProcess().waitForExit();
        }

        @Test
        @DisplayName("a batch can end in exec; a failed exec leaves the child driven with its signals blocked")
        void batchExec() {
            // before the clone: the child's fd table is a copy taken then
            Pipe out = local().pipe2(Fcntl.O_CLOEXEC);
            ChildTask c = child();
            SigSet blocked = c.sigmask();
            assertThatThrownBy(() -> c.batch().umask(077).exec(Command.of("/nonexistent/program")))
                    .isInstanceOfSatisfying(ExecFailedException.class,
                            e -> assertThat(e.errno()).isEqualTo(Errno.ENOENT));
            assertThat(c.umask(022)).as("the set-up before the exec ran").isEqualTo(077);
            assertThat(c.sigmask()).isEqualTo(blocked);
            try {
                ChildProcess p = c.batch().chdir("/tmp").dup3(out.write().inheritedBy(c), 1, 0)
                        .exec(Command.of("/bin/pwd"));
                out.write().close();
                assertThat(readAll(out.read())).isEqualTo("/tmp\n");
                assertThat(p.waitForExit().isCleanExit()).isTrue();
                assertThat(c.isDriven()).isFalse();
            } finally {
                out.close();
            }
        }

        @Test
        @DisplayName("a batch refuses bad calls before sending anything, and is sent only once")
        void batchRefusesBadInput() {
            ChildTask c = child();
            SetupBatch b = c.batch();
            assertThatThrownBy(() -> b.umask(01000)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("umask");
            assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).umask(01000))
                    .as("Spawn refuses it before any child exists").isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("umask");
            assertThatThrownBy(() -> b.closeRange(5, 3, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("close_range");
            int channel = 0;
            while (!c.isChannelFd(channel)) {
                channel++;
            }
            int onChannel = channel;
            assertThatThrownBy(() -> b.dup3(c.fd(0), onChannel, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("channel");
            assertThatThrownBy(() -> b.syscall(Syscall.EXECVE, 0, 0, 0, 0, 0, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exec()");
            assertThatThrownBy(() -> b.ignoreSignal(Signal.SIGKILL)).isInstanceOf(IllegalArgumentException.class);
            assertThat(b.size()).isZero();
            b.run();
            assertThatThrownBy(b::run).isInstanceOf(MisuseException.class).hasMessageContaining("already sent");
            assertThatThrownBy(b::setsid).isInstanceOf(MisuseException.class);
            assertThat(c.getpid()).isEqualTo(c.pid().id());
            c.exitGroup(0);
            c.childProcess().waitForExit();
        }

        @Test
        @DisplayName("environment variables are added, removed, or cleared")
        void environment() {
            Output o = output(Spawn.of(Command.of("/usr/bin/env").clearEnv().env("A", "1").env("B", "two")));
            assertThat(o.stdout()).isEqualTo("A=1\nB=two\n");
            Output inherited = output(Spawn.of(Command.of("/usr/bin/env").env("JSYSCALL_X", "y")));
            assertThat(inherited.stdout()).contains("JSYSCALL_X=y\n");
            Output removed = output(Spawn.of(Command.of("/usr/bin/env").env("JSYSCALL_X", "y")
                    .unsetEnv("JSYSCALL_X")));
            assertThat(removed.stdout()).doesNotContain("JSYSCALL_X");
        }

        @Test
        @DisplayName("arguments and environment given as bytes reach the program byte for byte")
        void bytesReachTheProgram() throws Exception {
            // none of these is valid UTF-8: a String round trip would turn each into EF BF BD
            byte[] e9 = {(byte) 0xE9};
            byte[] ff80 = {(byte) 0xFF, (byte) 0x80};
            Command echo = Command.ofBytes("/bin/echo".getBytes(StandardCharsets.US_ASCII), e9, ff80)
                    .argsBytes(new byte[] {'a', (byte) 0xC3});
            assertThat(stdoutBytes(Spawn.of(echo)))
                    .isEqualTo(new byte[] {(byte) 0xE9, ' ', (byte) 0xFF, (byte) 0x80, ' ', 'a', (byte) 0xC3, '\n'});
            Command env = Command.of("/usr/bin/env").clearEnv().envBytes(new byte[] {'V'}, ff80)
                    .envBytes(new byte[] {'N', (byte) 0xE9}, e9);
            assertThat(stdoutBytes(Spawn.of(env))).isEqualTo(new byte[] {
                'V', '=', (byte) 0xFF, (byte) 0x80, '\n', 'N', (byte) 0xE9, '=', (byte) 0xE9, '\n'});
        }

        /** Starts {@code spawn} with stdout on a pipe and returns the bytes it wrote, after a clean exit. */
        private byte[] stdoutBytes(Spawn spawn) throws java.io.IOException {
            try (Spawned s = spawn.stdout(Redirect.pipe()).start(local())) {
                byte[] out = s.stdout().readAllBytes();
                assertThat(s.waitForExit().isCleanExit()).as("%s exited cleanly", spawn).isTrue();
                return out;
            }
        }

        @Test
        @DisplayName("stdin and stdout can be pipes fed and drained from Java streams")
        void pipes() throws Exception {
            try (Spawned s = Spawn.of(Command.of("/bin/cat")).stdin(Redirect.pipe()).stdout(Redirect.pipe())
                    .start(local())) {
                s.stdin().write("through cat\n".getBytes(StandardCharsets.UTF_8));
                s.stdin().close();
                assertThat(new String(s.stdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("through cat\n");
                assertThat(s.process().check().isCleanExit()).isTrue();
            }
        }

        @Test
        @DisplayName("stdin from /dev/null reads end of file at once")
        void devNull() {
            Output o = output(Spawn.of(Command.of("/bin/cat")).stdin(Redirect.devNull()));
            assertThat(o.stdout()).isEmpty();
            assertThat(o.state().isCleanExit()).isTrue();
        }

        @Test
        @DisplayName("stdout to a file opened in the child, relative to its cwd")
        void file() {
            String name = "jsyscall-conformance-" + local().pid().id() + ".txt";
            ChildState s = Spawn.of(Command.of("/bin/echo", "in a file")).cwd("/tmp")
                    .stdout(Redirect.file(name, Redirect.Mode.WRITE)).run(local());
            assertThat(s.isCleanExit()).isTrue();
            Output back = output(Spawn.of(Command.of("/bin/cat", "/tmp/" + name)));
            assertThat(back.stdout()).isEqualTo("in a file\n");
            assertThat(Spawn.of(Command.of("/bin/rm", "/tmp/" + name)).run(local()).isCleanExit()).isTrue();
        }

        @Test
        @DisplayName("any fd of the JVM can be mapped onto any fd number of the child")
        void fdMapping() throws Exception {
            try (Pipe p = local().pipe2(Fcntl.O_CLOEXEC)) {
                ChildState s = sh("echo on five >&5").fd(5, Redirect.fd(p.write())).run(local());
                assertThat(s.isCleanExit()).isTrue();
                p.write().close();
                assertThat(readAll(p.read())).isEqualTo("on five\n");
            }
        }

        @Test
        @DisplayName("fds can be mapped onto the numbers the child's channel would take, which stays above them")
        void mappingNeverCutsTheChannel() throws Exception {
            // the lowest free fds of the JVM are what a new channel pipe would get
            int low;
            int high;
            try (Pipe probe = local().pipe2(Fcntl.O_CLOEXEC)) {
                low = Math.min(probe.read().near().number(), probe.write().near().number());
                high = Math.max(probe.read().near().number(), probe.write().near().number());
            }
            try (Pipe p = local().pipe2(Fcntl.O_CLOEXEC)) {
                // set-up only completes if the channel survived both mappings; ls proves the fds are there
                ChildState s = Spawn.of(Command.of("/bin/ls", "/proc/self/fd/" + low, "/proc/self/fd/" + high))
                        .fd(low, Redirect.fd(p.write())).fd(high, Redirect.fd(p.read())).stdout(Redirect.devNull())
                        .run(local());
                assertThat(s.isCleanExit()).isTrue();
            }
            ChildTask c = child();
            int channel = c.childProcess().stackData().arguments().get(0).intValue();
            assertThat(c.isChannelFd(channel)).isTrue();
            assertThatThrownBy(() -> c.fd(0).dup3(channel, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("syscall channel");
            c.exitGroup(0);
            c.childProcess().waitForExit();
        }

        @Test
        @DisplayName("a closed Redirect.fd source is refused before anything is cloned, naming the target")
        void closedFdSource() {
            Pipe p = local().pipe2(Fcntl.O_CLOEXEC);
            p.close();
            int closed = p.write().near().number();
            assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).fd(5, Redirect.fd(p.write())).start(local()))
                    .as("an argument error, not a failed 'clone' step").isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("fd 5 from fd " + closed).hasMessageContaining("source fd " + closed
                            + " is closed");
        }

        @Test
        @DisplayName("a redirect to a path holding a NUL is refused when the redirect is made")
        void redirectPathWithNul() {
            assertThatThrownBy(() -> Redirect.file("out\0.log", Redirect.Mode.WRITE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL")
                    .hasMessageContaining("out\\0.log");
        }

        @Test
        @DisplayName("an fd target with no room below RLIMIT_NOFILE for the child's channel is refused before the clone")
        void fdTargetAboveNofile() {
            long soft = local().prlimit(Resource.RLIMIT_NOFILE, null).soft();
            assumeTrue(soft > 8 && soft < Integer.MAX_VALUE, () -> "RLIMIT_NOFILE soft limit " + soft
                    + " leaves no fd number at or above it to test with");
            int tooHigh = (int) soft - 1;
            assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).fd(tooHigh, Redirect.devNull()).run(local()))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("fd target " + tooHigh).hasMessageContaining("RLIMIT_NOFILE soft limit "
                            + soft);
            // the highest target that leaves the channel its two fds below the limit works
            ChildState s = Spawn.of(Command.of("/bin/true")).fd((int) soft - 3, Redirect.devNull()).run(local());
            assertThat(s.isCleanExit()).isTrue();
        }

        @Test
        @DisplayName("a channel that cannot be placed above the fd targets fails as the 'clone' step, naming target and limit")
        void channelAboveTargetsFails() {
            long soft = local().prlimit(Resource.RLIMIT_NOFILE, null).soft();
            assumeTrue(soft > 8 && soft < Integer.MAX_VALUE, () -> "RLIMIT_NOFILE soft limit " + soft
                    + " leaves no fd number at or above it to test with");
            int target = (int) soft - 3;
            // the check before the clone passes, but the two fds the channel could take are in use
            try (Pipe p = local().pipe2(Fcntl.O_CLOEXEC);
                 FileDescriptor a = p.read().dup3((int) soft - 2, Fcntl.O_CLOEXEC);
                 FileDescriptor b = p.write().dup3((int) soft - 1, Fcntl.O_CLOEXEC)) {
                assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).fd(target, Redirect.devNull())
                        .run(local()))
                        .isInstanceOfSatisfying(SpawnFailedException.class, e -> assertThat(e.step())
                                .isEqualTo("clone"))
                        .hasMessageContaining("fd target " + target).hasMessageContaining("RLIMIT_NOFILE soft limit "
                                + soft).hasMessageContaining("fcntl");
                assertThat(a.isOpen() && b.isOpen()).isTrue();
            }
        }

        @Test
        @DisplayName("fds the JVM left open without close-on-exec do not reach the program, unless asked")
        void inheritedFdsClosed() {
            try (Pipe leaky = local().pipe2(0)) {
                String path = "/proc/self/fd/" + leaky.write().near().number();
                ChildState closed = Spawn.of(Command.of("/bin/ls", path)).stdout(Redirect.devNull())
                        .stderr(Redirect.devNull()).run(local());
                assertThat(closed.isCleanExit()).as("%s must not exist in the program", path).isFalse();
                ChildState kept = Spawn.of(Command.of("/bin/ls", path)).stdout(Redirect.devNull())
                        .keepInheritedFds().run(local());
                assertThat(kept.isCleanExit()).as("%s must exist with keepInheritedFds", path).isTrue();
            }
        }

        @Test
        @DisplayName("setsid makes the program a session and group leader")
        void setsid() {
            try (Spawned s = Spawn.of(Command.of("/bin/sleep", "1000")).setsid().start(local())) {
                int pid = s.process().near().id();
                assertThat(local().makeProcess(pid).getsid()).isEqualTo(pid);
                assertThat(s.process().getpgid().id()).isEqualTo(pid);
                assertThat(local().getsid()).isNotEqualTo(pid);
            }
        }

        @Test
        @DisplayName("a program can lead a new process group or join another child's, and killpg reaches both")
        void processGroups() {
            try (Spawned leader = Spawn.of(Command.of("/bin/sleep", "1000")).newProcessGroup().start(local());
                 Spawned member = Spawn.of(Command.of("/bin/sleep", "1000")).processGroupOf(leader.process())
                         .start(local())) {
                int pgid = leader.process().near().id();
                assertThat(member.process().getpgid().id()).isEqualTo(pgid);
                leader.process().killpg(Signal.SIGTERM);
                assertThat(leader.waitForExit().signal()).isEqualTo(Signal.SIGTERM);
                assertThat(member.waitForExit().signal()).isEqualTo(Signal.SIGTERM);
            }
        }

        @Test
        @DisplayName("nice and resource limits are set in the child")
        void niceAndLimits() {
            try (Spawned s = Spawn.of(Command.of("/bin/sleep", "1000")).nice(7)
                    .rlimit(Resource.RLIMIT_NOFILE, new Rlimit(64, 128)).start(local())) {
                assertThat(s.process().getpriority()).isEqualTo(7);
                assertThat(s.process().getrlimit(Resource.RLIMIT_NOFILE)).isEqualTo(new Rlimit(64, 128));
            }
        }

        @Test
        @DisplayName("the program starts with the signal mask asked for, empty by default")
        void signalMask() {
            String script = "kill -TERM $$; echo survived";
            assertThat(output(sh(script)).state().signal()).isEqualTo(Signal.SIGTERM);
            Output blocked = output(sh(script).signalMask(SigSet.of(Signal.SIGTERM)));
            assertThat(blocked.stdout()).isEqualTo("survived\n");
        }

        @Test
        @DisplayName("a signal can be ignored or reset to its default action for the program")
        void dispositions() {
            String script = "kill -USR1 $$; echo survived";
            assertThat(output(sh(script).ignoreSignal(Signal.SIGUSR1)).stdout()).isEqualTo("survived\n");
            assertThat(output(sh(script).ignoreSignal(Signal.SIGUSR1).defaultSignal(Signal.SIGUSR1)).state()
                    .signal()).isEqualTo(Signal.SIGUSR1);
            // refused when the step is made, before any child exists
            assertThatThrownBy(() -> sh(script).ignoreSignal(Signal.SIGKILL))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SIGKILL");
        }

        @Test
        @DisplayName("umask is set in the child")
        void umask() {
            assertThat(output(sh("umask").umask(027)).stdout()).isEqualTo("0027\n");
        }

        @Test
        @DisplayName("the child starts with every signal blocked and the JVM's caught handlers reset")
        void childStartsClean() {
            ChildTask c = child();
            assertThat(c.sigmask().contains(Signal.SIGTERM)).isTrue();
            assertThat(c.sigmask().contains(Signal.SIGCHLD)).isTrue();
            Pointer<byte[]> old = local().allocator().allocateBytes(32);
            try (Pointer<byte[]>.Borrow b = old.borrow(c)) {
                // the JVM catches SIGSEGV (and SIGBUS, SIGFPE...): the child must not run those handlers
                ErrnoException.check(c.sysif().syscall(Syscall.RT_SIGACTION.number(c.arch()), Signal.SIGSEGV.number(),
                        0, b.address(), SigSet.KERNEL_SIZE, 0, 0), Syscall.RT_SIGACTION);
            }
            assertThat(Bytes.le(old.read()).getLong(0)).as("SIGSEGV handler in the child").isZero();
            old.free();
            c.exitGroup(0);
            c.childProcess().waitForExit();
        }

        @Test
        @DisplayName("exec failures are typed and name the path: ENOENT, EACCES, E2BIG, and ENOEXEC from a raw execve")
        void execFailures() {
            assertExecFails(Command.of("/nonexistent/prog"), Errno.ENOENT);
            assertExecFails(Command.of("/etc/passwd"), Errno.EACCES);
            String junk = "/tmp/jsyscall-noexec-" + local().pid().id();
            ChildTask c = child();
            try (FileDescriptor f = c.open(junk, Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_TRUNC | Fcntl.O_CLOEXEC,
                    0755)) {
                f.write(new byte[] {0x7f, 'N', 'O', 'T', 'E', 'L', 'F', '\n'});
            }
            c.exitGroup(0);
            c.childProcess().waitForExit();
            // a Spawn runs such a file with /bin/sh, as execvp does (PathSearchContract); execve itself refuses it
            ChildTask raw = child();
            assertThatThrownBy(() -> raw.exec(Command.of(junk)))
                    .isInstanceOfSatisfying(ExecFailedException.class, e -> {
                        assertThat(e.errno()).isEqualTo(Errno.ENOEXEC);
                        assertThat(e.path()).isEqualTo(junk);
                    });
            raw.exitGroup(0);
            raw.childProcess().waitForExit();
            assertThat(Spawn.of(Command.of("/bin/rm", junk)).run(local()).isCleanExit()).isTrue();
            assertExecFails(Command.of("/bin/true", "x".repeat(200_000)), Errno.E2BIG);
        }

        private void assertExecFails(Command cmd, Errno errno) {
            assertThatThrownBy(() -> Spawn.of(cmd).run(local()))
                    .isInstanceOfSatisfying(ExecFailedException.class, e -> {
                        assertThat(e.errno()).isEqualTo(errno);
                        assertThat(e.path()).isEqualTo(cmd.executable());
                    });
        }

        @Test
        @DisplayName("a child killed during set-up is reported as killed, and reaped")
        void killedDuringSetup() {
            assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true"))
                    .then("kill myself", c -> c.makeProcess(c.getpid()).kill(Signal.SIGKILL))
                    .start(local()))
                    .isInstanceOfSatisfying(ChildDiedException.class, d -> {
                        assertThat(d.syscall()).isEqualTo("kill");
                        assertThat(d.state().kind()).isEqualTo(ChildState.Kind.KILLED);
                        assertThat(d.state().signal()).isEqualTo(Signal.SIGKILL);
                    })
                    .hasMessageContaining("killed by SIGKILL during set-up");
        }

        @Test
        @DisplayName("whenCloned gets the child before any set-up step, and a SIGKILL from it fails start, reaped")
        void whenClonedComesFirst() {
            List<String> order = new ArrayList<>();
            ChildState ran = Spawn.of(Command.of("/bin/true")).then("step", c -> order.add("step"))
                    .whenCloned(p -> order.add("observer " + p.near().id())).run(local());
            assertThat(order).containsExactly("observer " + ran.pid(), "step");

            List<ChildProcess> seen = new ArrayList<>();
            assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).cwd("/").whenCloned(p -> {
                seen.add(p);
                p.kill(Signal.SIGKILL);
            }).start(local()))
                    .isInstanceOfSatisfying(ChildDiedException.class, d -> {
                        assertThat(d.state().signal()).isEqualTo(Signal.SIGKILL);
                        assertThat(d.state().pid()).isEqualTo(seen.get(0).near().id());
                    });
            assertThat(seen.get(0).deathState()).as("reaped by start").isPresent();

            assertThatThrownBy(() -> Spawn.of(Command.of("/bin/true")).whenCloned(p -> {
                seen.add(p);
                throw new IllegalStateException("observer refuses");
            }).start(local()))
                    .isInstanceOfSatisfying(SpawnFailedException.class,
                            e -> assertThat(e.step()).isEqualTo("whenCloned observer"))
                    .hasMessageContaining("observer refuses");
            assertThat(seen.get(1).deathState()).as("reaped by start").isPresent();
        }

        @Test
        @DisplayName("check throws with the command and state unless the exit is clean")
        void check() {
            ChildProcess ok;
            try (ChildTask c = child()) {
                ok = c.exec(Command.of("/bin/true"));
            }
            assertThat(ok.check().exitStatus()).isZero();
            ChildProcess bad;
            try (ChildTask c = child()) {
                bad = c.exec(Command.of("/bin/false"));
            }
            assertThatThrownBy(bad::check).isInstanceOfSatisfying(ProcessFailedException.class, e -> {
                assertThat(e.command()).isEqualTo(Command.of("/bin/false"));
                assertThat(e.state().exitStatus()).isEqualTo(1);
            }).hasMessageContaining("/bin/false").hasMessageContaining("exited with status 1");
            assertThat(local().run(Command.of("/bin/sh", "-c", "exit 4")).exitStatus()).isEqualTo(4);
        }

        @Test
        @DisplayName("closing a live child kills and reaps it; closing a dead one does nothing")
        void closeKills() {
            ChildProcess p = sleeper();
            p.close();
            assertThat(p.deathState()).hasValueSatisfying(s -> assertThat(s.signal()).isEqualTo(Signal.SIGKILL));
            p.close();
        }

        @Test
        @DisplayName("children get a pidfd, closed once they are reaped")
        void pidfd() {
            requires(Capability.PIDFD);
            ChildProcess p = sleeper();
            FileDescriptor fd = p.pidfd().orElseThrow();
            assertThat(fd.isOpen()).isTrue();
            p.kill(Signal.SIGKILL);
            p.waitForExit();
            assertThat(p.pidfd()).isEmpty();
            assertThat(fd.isOpen()).isFalse();
        }

        @Test
        @DisplayName("onExit completes when the child exits, for many children without a thread each")
        void onExit() throws Exception {
            requires(Capability.PIDFD);
            List<java.util.concurrent.CompletableFuture<ChildState>> futures = new ArrayList<>();
            List<ChildProcess> children = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ChildProcess p;
                try (ChildTask c = child()) {
                    p = c.exec(Command.of("/bin/sh", "-c", "exit " + i));
                }
                children.add(p);
                futures.add(p.onExit());
            }
            for (int i = 0; i < 20; i++) {
                ChildState s = futures.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(s.exitStatus()).isEqualTo(i);
                assertThat(children.get(i).deathState()).contains(s);
            }
            long watchers = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("jsyscall-poller")).count();
            assertThat(watchers).isEqualTo(1);
        }

        @Test
        @DisplayName("concurrent spawns from many threads each get their own channel and finish cleanly")
        void concurrentSpawns() throws Exception {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                List<java.util.concurrent.Future<String>> outs = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    String word = "w" + i;
                    outs.add(pool.submit(() -> output(Spawn.of(Command.of("/bin/echo", word))).stdout()));
                }
                for (int i = 0; i < 40; i++) {
                    assertThat(outs.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("w" + i + "\n");
                }
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        @DisplayName("1000 spawns in a row, half failing exec and some killed during set-up, leave nothing behind")
        void thousandSpawns() {
            int ok = 0;
            int failed = 0;
            int killed = 0;
            for (int i = 0; i < 1000; i++) {
                if (i % 2 == 1) {
                    try {
                        Spawn.of(Command.of("/nonexistent/" + i)).run(local());
                    } catch (ExecFailedException e) {
                        failed++;
                    }
                } else if (i % 10 == 0) {
                    try {
                        Spawn.of(Command.of("/bin/true")).then("die", c -> c.makeProcess(c.getpid())
                                .kill(Signal.SIGKILL)).run(local());
                    } catch (ChildDiedException e) {
                        killed++;
                    }
                } else if (Spawn.of(Command.of("/bin/true")).cwd("/").run(local()).isCleanExit()) {
                    ok++;
                }
            }
            assertThat(failed).isEqualTo(500);
            assertThat(killed).isEqualTo(100);
            assertThat(ok).isEqualTo(400);
        }

        @Test
        @DisplayName("killSession signals every process group of a session the child leads")
        void killSession() throws Exception {
            requires(Capability.REAL_KERNEL, "the session's jobs are made by perl's setpgrp, a real program");
            // two jobs in process groups of their own inside the leader's session (dash has no job control
            // without a terminal, so perl's setpgrp makes the groups); stderr must not reach the build's pipes
            String job = "perl -e 'setpgrp(0, 0); exec qw(sleep 1000)' & echo $!; ";
            List<Integer> jobs = new ArrayList<>();
            try (Spawned s = sh(job + job + "exec sleep 1000").setsid().stdout(Redirect.pipe()).stderr(Redirect.devNull())
                    .start(local())) {
                java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(s.stdout(),
                        StandardCharsets.UTF_8));
                jobs.add(Integer.parseInt(r.readLine().trim()));
                jobs.add(Integer.parseInt(r.readLine().trim()));
                int leader = s.process().near().id();
                for (int job1 : jobs) {
                    assertThat(local().makeProcess(job1).getsid()).isEqualTo(leader);
                    // echo $! runs as soon as the job is forked; wait for perl to have made its group
                    long deadline = System.nanoTime() + 10_000_000_000L;
                    while (local().makeProcess(job1).getpgid().id() != job1 && System.nanoTime() < deadline) {
                        Thread.sleep(5);
                    }
                    assertThat(local().makeProcess(job1).getpgid().id()).isEqualTo(job1);
                }
                List<Integer> groups = s.process().killSession(Signal.SIGKILL);
                assertThat(groups).containsExactlyInAnyOrder(jobs.get(0), jobs.get(1), leader);
                assertThat(s.waitForExit().signal()).isEqualTo(Signal.SIGKILL);
                for (int job1 : jobs) {
                    assertNotRunning(job1);
                }
            } finally {
                for (int job1 : jobs) {
                    try {
                        local().makeProcess(job1).kill(Signal.SIGKILL);
                    } catch (ErrnoException gone) {
                        // already dead, as it should be
                    }
                }
            }
        }

        @Test
        @DisplayName("a JVM killed with SIGKILL leaves no child running: EOF ends a driven child, PDEATHSIG a program")
        void parentDeath() throws Exception {
            requires(Capability.REAL_KERNEL, "a second JVM with its own kernel is killed; a simulated kernel"
                    + " lives and dies with its JVM");
            String javaBin = java.nio.file.Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            java.lang.Process jvm = new ProcessBuilder(javaBin, "--enable-native-access=ALL-UNNAMED",
                    "-Djsyscall.backend=" + kernel().backendId(), "-cp", System.getProperty("java.class.path"),
                    ParentDeathProbe.class.getName()).redirectErrorStream(true).start();
            try {
                java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
                        jvm.getInputStream(), StandardCharsets.UTF_8));
                int driven = pidFrom(r, "driven ");
                int program = pidFrom(r, "pdeathsig ");
                assertThat(isRunning(driven)).isTrue();
                assertThat(isRunning(program)).isTrue();
                jvm.destroyForcibly();   // SIGKILL: no shutdown hook, no finally block runs
                jvm.waitFor();
                assertNotRunning(driven);
                assertNotRunning(program);
            } finally {
                jvm.destroyForcibly();
                jvm.waitFor();
            }
        }

        private int pidFrom(java.io.BufferedReader r, String prefix) throws java.io.IOException {
            while (true) {
                String line = r.readLine();
                assertThat(line).as("the probe JVM ended before printing '%s'", prefix).isNotNull();
                if (line.startsWith(prefix)) {
                    return Integer.parseInt(line.substring(prefix.length()).trim());
                }
            }
        }

        @Test
        @DisplayName("a new UTS namespace isolates the hostname (needs privileges: skipped with the reason)")
        void utsNamespace() {
            ChildTask probe = child();
            try {
                probe.unshare(Set.of(CloneFlag.NEWUTS));
            } catch (ErrnoException e) {
                org.junit.jupiter.api.Assumptions.abort("unshare(CLONE_NEWUTS) is not permitted here: " + e.getMessage());
            } finally {
                probe.exitGroup(0);
                probe.childProcess().waitForExit();
            }
            byte[] name = "jsyscall-uts\0".getBytes(StandardCharsets.US_ASCII);
            Output o = output(Spawn.of(Command.of("/bin/hostname")).unshare(CloneFlag.NEWUTS)
                    .then("sethostname", c -> {
                        WrittenPointer<byte[]> n = c.allocator().write(Bytes.RAW, name);
                        try (Pointer<byte[]>.Borrow b = n.borrow(c)) {
                            ErrnoException.check(c.sysif().syscall(Syscall.SETHOSTNAME.number(c.arch()), b.address(),
                                    name.length - 1, 0, 0, 0, 0), Syscall.SETHOSTNAME);
                        } finally {
                            n.free();
                        }
                    }));
            assertThat(o.stdout()).isEqualTo("jsyscall-uts\n");
            assertThat(output(Spawn.of(Command.of("/bin/hostname"))).stdout()).isNotEqualTo("jsyscall-uts\n");
        }

        @Test
        @DisplayName("mount, network, IPC and pid namespaces are new for the program (skipped where not permitted)")
        void otherNamespaces() {
            requires(Capability.REAL_KERNEL, "the fake simulates only user and UTS namespaces");
            ChildTask probe = child();
            try {
                probe.unshare(Set.of(CloneFlag.NEWNS, CloneFlag.NEWNET, CloneFlag.NEWIPC, CloneFlag.NEWPID));
            } catch (ErrnoException e) {
                org.junit.jupiter.api.Assumptions.abort("unshare(CLONE_NEWNS|NEWNET|NEWIPC|NEWPID) is not"
                        + " permitted here: " + e.getMessage());
            } finally {
                probe.exitGroup(0);
                probe.childProcess().waitForExit();
            }
            // with CLONE_NEWPID the program itself stays put; its children go into the new namespace
            String links = "readlink /proc/self/ns/mnt /proc/self/ns/net /proc/self/ns/ipc"
                    + " /proc/self/ns/pid_for_children";
            List<String> before = List.of(output(sh(links)).stdout().split("\n"));
            List<String> after = List.of(output(sh(links).unshare(CloneFlag.NEWNS, CloneFlag.NEWNET,
                    CloneFlag.NEWIPC, CloneFlag.NEWPID)).stdout().split("\n"));
            assertThat(before).hasSize(4);
            assertThat(after).hasSize(4);
            for (int i = 0; i < 4; i++) {
                assertThat(after.get(i)).as("namespace %d", i).isNotEqualTo(before.get(i));
            }
        }

        @Test
        @DisplayName("a new mount namespace is private by default: the program's mounts do not appear outside")
        void mountNamespacePrivateByDefault() throws Exception {
            try (SharedMountDir d = sharedMountDir()) {
                assertThat(mountSeenOutside(d, sh -> sh.unshare(CloneFlag.NEWNS)))
                        .as("a tmpfs mounted after unshare(NEWNS) shows in the JVM's /proc/self/mounts").isFalse();
            }
        }

        @Test
        @DisplayName("the mount propagation of a new mount namespace can be chosen: shared and unchanged let mounts out")
        void mountNamespacePropagationChosen() throws Exception {
            try (SharedMountDir d = sharedMountDir()) {
                for (MountPropagation p : MountPropagation.values()) {
                    boolean outside = p == MountPropagation.SHARED || p == MountPropagation.UNCHANGED;
                    assertThat(mountSeenOutside(d, sh -> sh.unshare(p, CloneFlag.NEWNS)))
                            .as("propagation %s: the program's mount seen outside", p).isEqualTo(outside);
                }
            }
        }

        @Test
        @DisplayName("a mount propagation without a new mount namespace is refused")
        void propagationNeedsNewns() {
            assertThatThrownBy(() -> sh("true").unshare(MountPropagation.SHARED, CloneFlag.NEWUTS))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NEWNS")
                    .hasMessageContaining("shared");
            CountingSyscallInterface counting = new CountingSyscallInterface(local().sysif());
            Task t = countingTask(counting);
            assertThatThrownBy(() -> t.mount(null, "", null, Mount.MS_PRIVATE, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target");
            assertThatThrownBy(() -> t.mount("a\0b", "/", null, 0, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source");
            assertThatThrownBy(() -> t.umount2("/", 0x100)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("umount2");
            assertThat(counting.count()).as("syscalls made").isZero();
        }

        @Test
        @DisplayName("a user namespace maps the child to uid 0 inside (skipped where not permitted)")
        void userNamespace() {
            ChildTask probe = child();
            try {
                probe.unshare(Set.of(CloneFlag.NEWUSER));
            } catch (ErrnoException e) {
                org.junit.jupiter.api.Assumptions.abort("unshare(CLONE_NEWUSER) is not permitted here: " + e.getMessage());
            } finally {
                probe.exitGroup(0);
                probe.childProcess().waitForExit();
            }
            Output o = output(sh("id -u; id -g").userNamespace(0, 0));
            assertThat(o.stdout()).isEqualTo("0\n0\n");
        }

        @Test
        @DisplayName("a driven child sets no_new_privs and reads it back; the JVM's own stays unset")
        void noNewPrivsInDrivenChild() {
            ChildTask c = child();
            assertThat(c.call(Prctl.getNoNewPrivs())).isFalse();
            c.call(Prctl.setNoNewPrivs());
            assertThat(c.call(Prctl.getNoNewPrivs())).isTrue();
            assertThat(local().call(Prctl.getNoNewPrivs())).as("the JVM's").isFalse();
            c.exitGroup(0);
            assertThat(c.childProcess().waitForExit().isCleanExit()).isTrue();
        }

        @Test
        @DisplayName("a spawned program started with the no_new_privs step shows NoNewPrivs: 1, kept over execve")
        void noNewPrivsSpawnStep() {
            Output o = output(Spawn.of(Command.of("/bin/cat", "/proc/self/status")).step(Prctl.setNoNewPrivs()));
            assertThat(o.stdout()).contains("NoNewPrivs:\t1\n");
            assertThat(o.state().isCleanExit()).isTrue();
        }

        @Test
        @DisplayName("setresuid and setresgid to one's own ids succeed without privilege")
        void setresToOwnIds() {
            ChildTask c = child();
            int uid = c.getuid();
            int gid = c.call(Unistd.getgid());
            c.call(Unistd.setresgid(gid));
            c.call(Unistd.setresuid(uid));
            c.call(Unistd.setresuid(-1, uid, -1));
            assertThat(c.getuid()).isEqualTo(uid);
            c.exitGroup(0);
            c.childProcess().waitForExit();
        }

        @Test
        @DisplayName("without privilege setgroups fails with EPERM, a typed ErrnoException naming the call")
        void setgroupsUnprivileged() {
            ChildTask c = child();
            try {
                if (c.getuid() == 0) {
                    // root loses CAP_SETGID with its uids: that is the unprivileged case on every machine
                    c.call(Unistd.setresuid(65534));
                }
                assertThatThrownBy(() -> c.call(Unistd.setgroups()))
                        .isInstanceOfSatisfying(ErrnoException.class, e -> {
                            assertThat(e.errno()).isEqualTo(Errno.EPERM);
                            assertThat(e.syscall()).isEqualTo("setgroups");
                        });
                assertThatThrownBy(() -> c.call(Unistd.setresuid(0))).isInstanceOf(ErrnoException.class)
                        .hasMessageContaining("setresuid").hasMessageContaining("EPERM");
            } finally {
                c.exitGroup(0);
                c.childProcess().waitForExit();
            }
        }

        @Test
        @DisplayName("in a user namespace the child, uid 0 inside, may setresgid(0) and setresuid(0) (skipped where"
                + " not permitted)")
        void setresInUserNamespace() {
            ChildTask probe = child();
            try {
                probe.unshare(Set.of(CloneFlag.NEWUSER));
            } catch (ErrnoException e) {
                org.junit.jupiter.api.Assumptions.abort("unshare(CLONE_NEWUSER) is not permitted here: " + e.getMessage());
            } finally {
                probe.exitGroup(0);
                probe.childProcess().waitForExit();
            }
            Output o = output(sh("id -u; id -g").userNamespace(0, 0).step(Unistd.setresgid(0))
                    .step(Unistd.setresuid(0, 0, 0)));
            assertThat(o.stdout()).isEqualTo("0\n0\n");
            assertThat(o.state().isCleanExit()).isTrue();
        }

        @Test
        @DisplayName("the new set-up definitions refuse bad ids before any syscall")
        void credentialDefinitionsRefuseBadIds() {
            assertThatThrownBy(() -> Unistd.setresuid(-2, 0, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Unistd.setresgid(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Unistd.setgroups(1, -3)).isInstanceOf(IllegalArgumentException.class);
            assertThat(Unistd.setgroups(5, 6).toString()).contains("setgroups").contains("[5,6]");
        }

        @Test
        @DisplayName("a refused unshare changes nothing: NEWUSER|NEWUTS|VM in a child sharing memory is EINVAL,"
                + " and the child keeps its user namespace")
        void refusedUnshareChangesNothing() {
            // The driven child shares the JVM's memory, so unshare(CLONE_VM) is always EINVAL; the kernel checks
            // that before creating any namespace, which needs no privilege to observe on any machine.
            ChildTask probe = child();
            try {
                int uid = probe.getuid();
                assertThatThrownBy(() -> probe.unshare(Set.of(CloneFlag.NEWUSER, CloneFlag.NEWUTS, CloneFlag.VM)))
                        .isInstanceOfSatisfying(ErrnoException.class,
                                e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
                assertThat(probe.getuid()).as("uid after the refused unshare (65534 in a new user namespace)")
                        .isEqualTo(uid);
            } finally {
                probe.exitGroup(0);
                probe.childProcess().waitForExit();
            }
        }
    }

    /**
     * Whether a process (not necessarily ours) is running: it exists in /proc and is not a zombie. Orphans are
     * reaped by init or a subreaper, which may leave them as zombies for a while in a container.
     */
    protected static boolean isRunning(int pid) {
        try {
            String stat = new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/proc/" + pid
                    + "/stat")), StandardCharsets.UTF_8);
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Waits up to 10 s for {@code pid} to stop running (it is not our child, so we cannot wait for it). */
    protected static void assertNotRunning(int pid) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (isRunning(pid) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(isRunning(pid)).as("process %d still running", pid).isFalse();
    }

    /** Reads the raw bytes of a pointer for assertions. */
    protected static byte[] bytesOf(Pointer<byte[]> p) {
        return Bytes.RAW.decode(p.read());
    }

    // ---------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Bridges (pid, ProcessHandle, java.lang.Process, TRACE log)")
    class Bridges implements BridgeContract {
        @Override
        public Kernel kernel() {
            return SyscallConformanceSuite.this.kernel();
        }
    }

    @Nested
    @DisplayName("Everyday (run and capture, stdin, check, timeouts and stopping)")
    class Everyday implements EverydayContract {
        @Override
        public Kernel kernel() {
            return SyscallConformanceSuite.this.kernel();
        }
    }

    @Nested
    @DisplayName("Streaming (line and chunk callbacks, pipes at any fd, O(1) threads)")
    class Streaming implements StreamingContract {
        @Override
        public Kernel kernel() {
            return SyscallConformanceSuite.this.kernel();
        }
    }

    @Nested
    @DisplayName("Threads (virtual threads, interrupts, close while blocked)")
    class Threads implements ThreadsContract {
        @Override
        public Kernel kernel() {
            return SyscallConformanceSuite.this.kernel();
        }
    }

    @Nested
    @DisplayName("PATH search (execvp's rules)")
    class PathSearch implements PathSearchContract {
        @Override
        public Kernel kernel() {
            return SyscallConformanceSuite.this.kernel();
        }
    }

    @Nested
    @DisplayName("Redirect files and Path arguments")
    class RedirectFiles implements RedirectFileContract {
        @Override
        public Kernel kernel() {
            return SyscallConformanceSuite.this.kernel();
        }
    }

    @Nested
    @DisplayName("cgroup v2 containment and process trees")
    class Cgroups implements CgroupContract {
        @Override
        public Kernel kernel() {
            return SyscallConformanceSuite.this.kernel();
        }
    }

    @Nested
    @DisplayName("Fidelity (error-checking order and corner cases, found by differential testing)")
    class Fidelity implements FidelityContract {
        @Override
        public Kernel kernel() {
            return SyscallConformanceSuite.this.kernel();
        }
    }

    /** An fd table distinct from every task's, for mismatch tests. */
    protected static FdTable foreignFdTable() {
        return new FdTable("foreign");
    }
}
