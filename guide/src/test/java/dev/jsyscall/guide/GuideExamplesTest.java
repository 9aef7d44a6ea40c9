// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.jsyscall.Capture;
import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Output;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.Stop;
import dev.jsyscall.backend.fake.FakeKernel;
import dev.jsyscall.handle.ProcessFailedException;
import dev.jsyscall.handle.WaitInterruptedException;
import dev.jsyscall.linux.prctl.Prctl;
import dev.jsyscall.linux.resource.Resource;
import dev.jsyscall.linux.resource.Rlimit;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.tty.WinSize;
import dev.jsyscall.linux.unistd.Unistd;
import dev.jsyscall.linux.wait.ChildState;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/guide.md, each between {@code // tag::NAME[]} and {@code // end::NAME[]}, with assertions on
 * what it returns after the tag. The {@code -pb} tags are the same task with {@link ProcessBuilder}: run, and
 * checked no further than needed to keep them honest. {@link GuideInSyncTest} checks that the guide shows these
 * regions as they are.
 */
class GuideExamplesTest {

    @Test
    @DisplayName("the shared kernel is chosen once for the JVM; a kernel of your own names its backend and is closed")
    void backend() {
        // tag::backend[]
        Kernel shared = Kernel.shared();                 // opened on first use, for the whole JVM; never closed
        String chosen = shared.backendId();              // "ffm" on JDK 22+ with jsyscall-backend-ffm, else "jnr"
        ChildState s = Spawn.of(Command.of("true")).run();   // the methods without a task use Kernel.shared()

        try (Kernel jnr = Kernel.open("jnr")) {          // your own: this backend whatever -Djsyscall.backend says
            ChildState t = Spawn.of(Command.of("true")).run(jnr.localTask());
        }
        // end::backend[]
        assertThat(chosen).isIn("ffm", "jnr");
        assertThat(shared.isShared()).isTrue();
        assertThat(s.isCleanExit()).isTrue();
    }

    @Test
    @DisplayName("run a command and capture stdout and stderr with a timeout")
    void capture() {
        // tag::capture[]
        Output out = Spawn.of(Command.of("sh", "-c", "echo out; echo err >&2; exit 3"))
                .output(Capture.defaults().timeout(Duration.ofSeconds(10)));
        int status = out.state().exitStatus();           // 3
        String stdout = out.stdoutText();                // "out\n"
        String stderr = out.stderrText();                // "err\n"
        // end::capture[]
        assertThat(status).isEqualTo(3);
        assertThat(stdout).isEqualTo("out\n");
        assertThat(stderr).isEqualTo("err\n");
        assertThat(out.timedOut()).isFalse();
    }

    @Test
    @DisplayName("the same with ProcessBuilder: a thread per stream")
    void capturePb() throws Exception {
        // tag::capture-pb[]
        Process p = new ProcessBuilder("sh", "-c", "echo out; echo err >&2; exit 3").start();
        p.getOutputStream().close();                                   // stdin: nothing
        // a thread per stream: while one is read, the other's pipe may fill and block the program
        ExecutorService readers = Executors.newFixedThreadPool(2);
        Future<byte[]> stdout = readers.submit(() -> p.getInputStream().readAllBytes());
        Future<byte[]> stderr = readers.submit(() -> p.getErrorStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();                                       // SIGKILL at once, to the program alone
        }
        int status = p.waitFor();                                      // 3
        String out = new String(stdout.get(), StandardCharsets.UTF_8); // "out\n"
        String err = new String(stderr.get(), StandardCharsets.UTF_8); // "err\n"
        readers.shutdown();
        // end::capture-pb[]
        assertThat(status).isEqualTo(3);
        assertThat(out + err).isEqualTo("out\nerr\n");
    }

    @Test
    @DisplayName("merge stderr into stdout, in the order written")
    void merge() {
        // tag::merge[]
        String both = Spawn.of(Command.of("sh", "-c", "echo one; echo two >&2; echo three"))
                .output(Capture.defaults().mergeStderr())
                .stdoutText();                           // "one\ntwo\nthree\n"
        // end::merge[]
        assertThat(both).isEqualTo("one\ntwo\nthree\n");
    }

    @Test
    @DisplayName("the same with ProcessBuilder")
    void mergePb() throws Exception {
        // tag::merge-pb[]
        Process p = new ProcessBuilder("sh", "-c", "echo one; echo two >&2; echo three")
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String both = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        // end::merge-pb[]
        assertThat(both).isEqualTo("one\ntwo\nthree\n");
    }

    @Test
    @DisplayName("feed stdin from a string")
    void stdin() {
        // tag::stdin[]
        String sorted = Spawn.of(Command.of("sort"))
                .output(Capture.defaults().input("pear\napple\nfig\n"))
                .check()
                .stdoutText();                           // "apple\nfig\npear\n"
        // end::stdin[]
        assertThat(sorted).isEqualTo("apple\nfig\npear\n");
    }

    @Test
    @DisplayName("the same with ProcessBuilder")
    void stdinPb() throws Exception {
        // tag::stdin-pb[]
        Process p = new ProcessBuilder("sort").start();
        try (OutputStream in = p.getOutputStream()) {
            // with cat instead of sort, input larger than a pipe (64 KiB) blocks here: nobody reads cat's output
            in.write("pear\napple\nfig\n".getBytes(StandardCharsets.UTF_8));
        }
        String sorted = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        // end::stdin-pb[]
        assertThat(sorted).isEqualTo("apple\nfig\npear\n");
    }

    @Test
    @DisplayName("check() throws with the command, how it ended and the end of stderr; allowed statuses pass")
    void check() {
        // tag::check[]
        String why = "";
        try {
            Spawn.of(Command.of("ls", "/no/such/dir")).output().check();
        } catch (ProcessFailedException e) {
            why = e.getMessage();
            // Command(ls /no/such/dir) exited with status 2; stderr ends with:
            // ls: cannot access '/no/such/dir': No such file or directory
        }
        Output none = Spawn.of(Command.of("grep", "-q", "x", "/dev/null"))
                .output()
                .check(0, 1);                            // grep: 1 is "no match", not a failure
        // end::check[]
        assertThat(why).startsWith("Command(ls /no/such/dir) exited with status 2; stderr ends with:\nls: ")
                .contains("/no/such/dir");
        assertThat(none.state().exitStatus()).isEqualTo(1);
    }

    @Test
    @DisplayName("the same with ProcessBuilder: the message is yours to build")
    void checkPb() throws Exception {
        String why = "";
        // tag::check-pb[]
        Process p = new ProcessBuilder("ls", "/no/such/dir").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = p.waitFor();
        if (status != 0) {
            why = "ls exited with status " + status + ": " + output;
        }
        // end::check-pb[]
        assertThat(why).startsWith("ls exited with status 2: ls: ");
    }

    @Test
    @DisplayName("run ls by name, found in the PATH the program gets")
    void path() {
        // tag::path[]
        String listing = Spawn.of(Command.of("ls", "-d", "/")
                        .env("PATH", "/usr/local/bin:/usr/bin:/bin"))   // searched in the child, after its set-up
                .output()
                .check()
                .stdoutText();                           // "/\n"
        // end::path[]
        assertThat(listing).isEqualTo("/\n");
    }

    @Test
    @DisplayName("the same with ProcessBuilder: the JVM's PATH is searched")
    void pathPb() throws Exception {
        // tag::path-pb[]
        ProcessBuilder pb = new ProcessBuilder("ls", "-d", "/");
        pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");  // what ls gets; "ls" is looked up in
        Process p = pb.start();                                        // the JVM's own PATH
        String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        // end::path-pb[]
        assertThat(listing).isEqualTo("/\n");
    }

    @Test
    @DisplayName("run a program on a pseudo-terminal, type into it and read its screen")
    void terminal() throws Exception {
        // tag::terminal[]
        String screen;
        try (Spawned s = Spawn.of(Command.of("sh", "-c", "read name; echo hi $name; stty size; tty"))
                .terminal(new WinSize(100, 30))          // fds 0-2 and the controlling terminal: a pty's slave
                .start()) {
            s.terminal().input().write("ada\n".getBytes(StandardCharsets.UTF_8));  // typed: echoed back
            screen = new String(s.terminal().output().readAllBytes(), StandardCharsets.UTF_8);  // to the end
        }
        // end::terminal[]
        assertThat(screen).matches("ada\r\nhi ada\r\n30 100\r\n/dev/pts/\\d+\r\n");
    }

    @Test
    @DisplayName("stream lines to callbacks while the program runs, with no thread per stream")
    void stream() {
        // tag::stream[]
        List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        ChildState state = Spawn.of(Command.of("sh", "-c", "for i in 1 2 3; do echo step $i; done; echo odd >&2"))
                .stdout(Redirect.lines(progress::add))   // each line as it comes, in order, off the poller's thread
                .stderr(Redirect.lines(warnings::add))
                .run();                                  // returns after the last callback of both streams
        // end::stream[]
        assertThat(state.isCleanExit()).isTrue();
        assertThat(progress).containsExactly("step 1", "step 2", "step 3");
        assertThat(warnings).containsExactly("odd");
    }

    @Test
    @DisplayName("the same with ProcessBuilder: a thread per stream")
    void streamPb() throws Exception {
        // tag::stream-pb[]
        List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        Process p = new ProcessBuilder("sh", "-c", "for i in 1 2 3; do echo step $i; done; echo odd >&2").start();
        Thread err = new Thread(() -> p.errorReader().lines().forEach(warnings::add));  // or it may fill and block
        err.start();
        p.inputReader().lines().forEach(progress::add);
        err.join();
        int status = p.waitFor();
        // end::stream-pb[]
        assertThat(status).isZero();
        assertThat(progress).containsExactly("step 1", "step 2", "step 3");
        assertThat(warnings).containsExactly("odd");
    }

    @Test
    @DisplayName("stop a program that ignores SIGTERM after a grace period, with what it started")
    void stop() {
        // tag::stop[]
        Stop stop = Stop.of(Signal.SIGTERM, Duration.ofMillis(500))   // TERM, half a second, then KILL,
                .scope(Stop.Scope.GROUP);                              // to its whole process group
        Output out = Spawn.of(Command.of("sh", "-c", "trap '' TERM; sleep 60 & echo $!; wait"))
                .output(Capture.defaults().timeout(Duration.ofSeconds(1), stop));
        boolean timedOut = out.timedOut();               // true
        ChildState state = out.state();                  // killed by SIGKILL: it ignored SIGTERM
        long sleep = Long.parseLong(out.stdoutText().strip());   // the sleep it started: killed too
        // end::stop[]
        assertThat(timedOut).isTrue();
        assertThat(state.killedBy()).contains(Signal.SIGKILL);
        assertThat(notRunning(sleep)).as("the sleep %d the program started", sleep).isTrue();
    }

    @Test
    @DisplayName("the same with ProcessBuilder: descendants found by parent pid, signalled by pid")
    void stopPb() throws Exception {
        // tag::stop-pb[]
        Process p = new ProcessBuilder("sh", "-c", "trap '' TERM; sleep 60 & echo $!; wait").start();
        if (!p.waitFor(1, TimeUnit.SECONDS)) {
            List<ProcessHandle> started = p.descendants()       // found by parent pid: a double fork escapes
                    .collect(Collectors.toList());
            p.destroy();                                         // SIGTERM
            if (!p.waitFor(500, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();                             // SIGKILL
            }
            started.forEach(ProcessHandle::destroyForcibly);     // by pid, which may be another process by now
        }
        // end::stop-pb[]
        assertThat(p.waitFor()).isEqualTo(128 + 9);
    }

    @Test
    @DisplayName("set-up inside the child: cwd, env, session, nice, rlimit, umask, signals, no_new_privs")
    void setup() {
        // tag::setup[]
        String script = "pwd; echo $GREETING; nice; ulimit -n; umask; echo $$; cut -d' ' -f6 /proc/self/stat;"
                + " grep -E '^(SigIgn|NoNewPrivs)' /proc/self/status";
        Output out = Spawn.of(Command.of("sh", "-c", script).env("GREETING", "hello"))
                .cwd(Path.of("/tmp"))
                .nice(10)
                .rlimit(Resource.RLIMIT_NOFILE, new Rlimit(64, 64))
                .umask(027)
                .setsid()                                // a new session: what it starts stays in it
                .ignoreSignal(Signal.SIGHUP)             // as nohup does
                .step(Prctl.setNoNewPrivs())             // no privilege from setuid programs, for all it starts
                .output()
                .check();
        // /tmp, hello, 10, 64, 0027, the shell's pid twice (it leads its session), SigIgn: ...1, NoNewPrivs: 1
        // end::setup[]
        String[] lines = out.stdoutText().split("\n");
        assertThat(lines).hasSize(9);
        assertThat(lines[0]).isEqualTo("/tmp");
        assertThat(lines[1]).isEqualTo("hello");
        assertThat(lines[2]).isEqualTo("10");
        assertThat(lines[3]).isEqualTo("64");
        assertThat(lines[4]).isEqualTo("0027");
        assertThat(lines[6]).as("the session of a process the shell started").isEqualTo(lines[5]);
        assertThat(lines[7]).startsWith("SigIgn:\t");
        assertThat(Long.parseLong(lines[7].substring("SigIgn:\t".length()), 16) & 1).as("SIGHUP ignored").isOne();
        assertThat(lines[8]).isEqualTo("NoNewPrivs:\t1");
    }

    @Test
    @DisplayName("the same with ProcessBuilder: a chain of wrapper programs")
    void setupPb() throws Exception {
        // tag::setup-pb[]
        ProcessBuilder pb = new ProcessBuilder("setsid", "nice", "-n", "10", "prlimit", "--nofile=64:64",
                "setpriv", "--no-new-privs", "sh", "-c", "umask 027; trap '' HUP; exec sh -c 'pwd; echo $GREETING'")
                .directory(new File("/tmp"));
        pb.environment().put("GREETING", "hello");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        // end::setup-pb[]
        assertThat(out).isEqualTo("/tmp\nhello\n");
    }

    @Test
    @DisplayName("run as another user: groups, gid, then uid, in the child")
    void setuid() throws IOException {
        assumeThat((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"))
                .as("changing to another uid needs root; this JVM is not").isZero();
        // tag::setuid[]
        String ids = Spawn.of(Command.of("sh", "-c", "id -u; id -g; id -G"))
                .step(Unistd.setgroups())                // no supplementary groups,
                .step(Unistd.setresgid(65534))           // then the group,
                .step(Unistd.setresuid(65534))           // then the user: after it, no privilege is left
                .output()
                .check()
                .stdoutText();                           // "65534\n65534\n65534\n"
        // end::setuid[]
        assertThat(ids).isEqualTo("65534\n65534\n65534\n");
    }

    @Test
    @DisplayName("redirect to files: create-new with permissions, then append")
    void files() throws IOException {
        // tag::files[]
        Path log = Files.createTempDirectory("logs").resolve("run.log");
        Spawn.of(Command.of("echo", "first"))
                .stdout(Redirect.file(log, Redirect.Mode.CREATE_NEW, 0600))   // EEXIST if it is there
                .run();
        Spawn.of(Command.of("echo", "second"))
                .stdout(Redirect.file(log, Redirect.Mode.APPEND))             // the shell's >>
                .stderr(Redirect.devNull())
                .run();
        String text = Files.readString(log);             // "first\nsecond\n", rw-------
        // end::files[]
        assertThat(text).isEqualTo("first\nsecond\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
        deleteTree(log.getParent());
    }

    @Test
    @DisplayName("the same with ProcessBuilder: the file created first, then appended to")
    void filesPb() throws Exception {
        // tag::files-pb[]
        Path log = Files.createTempDirectory("logs").resolve("run.log");
        Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        new ProcessBuilder("echo", "first")
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start().waitFor();
        new ProcessBuilder("echo", "second")
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
        // end::files-pb[]
        assertThat(Files.readString(log)).isEqualTo("first\nsecond\n");
        deleteTree(log.getParent());
    }

    @Test
    @DisplayName("wait with a timeout, then on exit with callbacks on an executor of yours")
    void waiting() {
        // tag::wait[]
        ExecutorService callbacks = Executors.newSingleThreadExecutor();
        Optional<ChildState> early;
        String how;
        try (Spawned s = Spawn.of(Command.of("sleep", "0.3")).start()) {
            early = s.waitForExit(Duration.ofMillis(50));         // empty: still running
            how = s.process().onExit(callbacks)                    // no thread per child
                    .thenApply(ChildState::describe)               // runs on callbacks
                    .join();                                       // "exited with status 0"
        }
        callbacks.shutdown();
        // end::wait[]
        assertThat(early).isEmpty();
        assertThat(how).isEqualTo("exited with status 0");
    }

    @Test
    @DisplayName("the same with ProcessBuilder")
    void waitingPb() throws Exception {
        // tag::wait-pb[]
        Process p = new ProcessBuilder("sleep", "0.3").start();
        boolean ended = p.waitFor(50, TimeUnit.MILLISECONDS);          // false: still running
        CompletableFuture<String> how = p.onExit()                     // a JDK thread waits per child
                .thenApply(q -> "exited with status " + q.exitValue());
        how.join();
        // end::wait-pb[]
        assertThat(ended).isFalse();
        assertThat(how.join()).isEqualTo("exited with status 0");
    }

    @Test
    @DisplayName("an interrupted wait throws and leaves the program running")
    void interrupt() throws Exception {
        // tag::interrupt[]
        CompletableFuture<String> outcome = new CompletableFuture<>();
        try (Spawned s = Spawn.of(Command.of("sleep", "60")).start()) {
            Thread waiter = new Thread(() -> {
                try {
                    s.waitForExit();
                } catch (WaitInterruptedException e) {   // unchecked; the thread's interrupt flag is set again
                    outcome.complete("interrupted, still running: " + s.state().isEmpty());
                }
            });
            waiter.start();
            waiter.interrupt();
            outcome.get();                               // "interrupted, still running: true"
        }                                                // close(): SIGKILL, then reaped
        // end::interrupt[]
        assertThat(outcome.get()).isEqualTo("interrupted, still running: true");
    }

    @Test
    @DisplayName("hand a jsyscall child to code that takes a java.lang.Process")
    void process() throws Exception {
        // tag::process[]
        String upper;
        int status;
        ProcessHandle handle;
        try (Spawned s = Spawn.of(Command.of("tr", "a-z", "A-Z"))
                .stdin(Redirect.pipe()).stdout(Redirect.pipe()).start()) {
            handle = s.toHandle();                       // pid(), info(), parent(), while it runs
            Process p = s.toProcess();                   // code written for java.lang.Process works as is:
            try (OutputStream in = p.getOutputStream()) {
                in.write("hello".getBytes(StandardCharsets.UTF_8));
            }
            upper = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);   // "HELLO"
            status = p.waitFor();                        // 0
        }
        // end::process[]
        assertThat(handle.isAlive()).as("the program is reaped when its Spawned closes").isFalse();
        assertThat(upper).isEqualTo("HELLO");
        assertThat(status).isZero();
    }

    @Test
    @DisplayName("logging: the spawn and the exit at TRACE, through System.Logger to java.util.logging")
    void logging() {
        List<LogRecord> seen = new ArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord r) {
                seen.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        recorder.setLevel(Level.ALL);
        Logger.getLogger("dev.jsyscall").addHandler(recorder);
        try {
            // tag::logging[]
            Logger jsyscall = Logger.getLogger("dev.jsyscall");  // System.Logger's default is java.util.logging
            jsyscall.setLevel(Level.FINER);                       // DEBUG is FINE, TRACE is FINER
            ConsoleHandler console = new ConsoleHandler();
            console.setLevel(Level.FINER);
            jsyscall.addHandler(console);
            Spawn.of(Command.of("true")).run();
            // FINER: jsyscall: spawned pid 4242: Command(true)
            // FINER: jsyscall: pid 4242 exited with status 0: Command(true)
            // end::logging[]
            jsyscall.removeHandler(console);
            assertThat(seen).extracting(LogRecord::getMessage).anySatisfy(
                    m -> assertThat(m).matches("jsyscall: spawned pid \\d+: Command\\(true\\)"));
            assertThat(seen).extracting(LogRecord::getMessage).anySatisfy(
                    m -> assertThat(m).matches("jsyscall: pid \\d+ exited with status 0: Command\\(true\\)"));
        } finally {
            Logger.getLogger("dev.jsyscall").removeHandler(recorder);
            Logger.getLogger("dev.jsyscall").setLevel(null);
        }
    }

    @Test
    @DisplayName("testing on the fake: a simulated program, run by the same code as on Linux")
    void fake() {
        // tag::fake[]
        FakeKernel fake = FakeKernel.builder()
                .seed(42)                                // the same seed, the same interleaving
                .program("/bin/greet", ctx -> {          // a program of the simulated file system
                    ctx.print(1, "hello, " + ctx.argv().get(1) + "\n");
                    return 0;
                })
                .build();
        String greeting;
        try (Kernel kernel = Kernel.open(fake)) {        // closing it closes the fake
            greeting = Spawn.of(Command.of("/bin/greet", "fake"))
                    .output(kernel.localTask())          // every call takes the kernel's task, not the shared one
                    .check()
                    .stdoutText();                       // "hello, fake\n"
        }
        // end::fake[]
        assertThat(greeting).isEqualTo("hello, fake\n");
    }

    /** Gone, or a zombie waiting for its new parent (init) to reap it: either way, not running. */
    private static boolean notRunning(long pid) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            Path stat = Path.of("/proc/" + pid + "/stat");
            try {
                String s = Files.readString(stat);
                if (s.substring(s.lastIndexOf(')') + 2).startsWith("Z")) {
                    return true;
                }
            } catch (IOException gone) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toArray(Path[]::new)) {
                Files.delete(p);
            }
        }
    }
}
