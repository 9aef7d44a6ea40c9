// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.MisuseException;
import dev.jsyscall.Redirect;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.Pipe;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.wait.ChildState;
import dev.jsyscall.spi.Capability;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Streaming: line and chunk callbacks fed while the program runs from the kernel's one readiness loop, pipes at
 * any fd, and a thousand streaming children on a fixed number of threads. Composed into a backend's suite with one
 * nested class, as {@link EverydayContract} is. (Reads from virtual threads without pinning are
 * {@link ThreadsContract}'s.)
 *
 * @since 0.2
 */
public interface StreamingContract {
    /**
     * The kernel under test.
     *
     * @return the kernel, opened by the backend's test
     */
    Kernel kernel();

    private LocalTask local() {
        return kernel().localTask();
    }

    private boolean real() {
        return kernel().capabilities().contains(Capability.REAL_KERNEL);
    }

    private static Spawn sh(String script) {
        return Spawn.of(Command.of("/bin/sh", "-c", script));
    }

    /** Runs cat with {@code input} on stdin and {@code out} as its stdout, to the end of the stream. */
    private ChildState cat(byte[] input, Redirect out) throws IOException {
        try (Spawned s = Spawn.of(Command.of("/bin/cat")).stdin(Redirect.pipe()).stdout(out).start(local())) {
            try (OutputStream in = s.stdin()) {
                in.write(input);
            }
            s.waitForStreams();
            return s.waitForExit();
        }
    }

    @Test
    @RuleId("ST1")
    @DisplayName("lines arrive while the program runs, in order, off the readiness loop, with a last partial line")
    default void linesWhileRunning() {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Spawned> started = new CompletableFuture<>();
        // the program waits for an answer to its first line: it only comes if that line is delivered while it runs
        Spawn spawn = sh("echo ready; read x; echo \"got $x\"; echo -n tail").stdin(Redirect.pipe())
                .stdout(Redirect.lines(line -> {
                    lines.add(line);
                    threads.add(Thread.currentThread().getName());
                    if (line.equals("ready")) {
                        try (OutputStream in = started.join().stdin()) {
                            in.write("go\n".getBytes(StandardCharsets.UTF_8));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }));
        try (Spawned s = spawn.start(local())) {
            started.complete(s);
            s.waitForStreams();
            assertThat(lines).containsExactly("ready", "got go", "tail");
            s.waitForStreams();   // the end was signalled once: nothing more comes
            assertThat(lines).hasSize(3);
            assertThat(s.waitForExit().isCleanExit()).isTrue();
        }
        assertThat(threads).doesNotContain("jsyscall-poller");
        if (!real()) {
            assertThat(threads).as("a simulated kernel runs callbacks on the waiting thread")
                    .containsOnly(Thread.currentThread().getName());
        }
    }

    @Test
    @RuleId("ST2")
    @DisplayName("lines end at \\n, \\r or \\r\\n, are decoded in the charset asked, and an empty line is kept")
    default void lineEndsAndCharset() throws IOException {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        cat("a\r\nb\rc\n\nd\n".getBytes(StandardCharsets.US_ASCII), Redirect.lines(lines::add));
        assertThat(lines).containsExactly("a", "b", "c", "", "d");
        List<String> latin = Collections.synchronizedList(new ArrayList<>());
        cat(new byte[] {(byte) 0xe9, 't', (byte) 0xe9, '\n'},
                Redirect.lines(latin::add).charset(StandardCharsets.ISO_8859_1));
        assertThat(latin).containsExactly("été");
        List<String> utf8 = Collections.synchronizedList(new ArrayList<>());
        cat("été\n".getBytes(StandardCharsets.UTF_8), Redirect.lines(utf8::add));
        assertThat(utf8).containsExactly("été");
    }

    @Test
    @RuleId("ST3")
    @DisplayName("a line longer than the limit is delivered in pieces of the limit, losing nothing")
    default void longLineInPieces() throws IOException {
        byte[] x = new byte[5000];
        Arrays.fill(x, (byte) 'x');
        List<String> pieces = Collections.synchronizedList(new ArrayList<>());
        cat(x, Redirect.lines(pieces::add).maxLineLength(1000));
        assertThat(pieces).hasSize(5).allSatisfy(p -> assertThat(p).hasSize(1000));
        assertThat(String.join("", pieces)).isEqualTo(new String(x, StandardCharsets.US_ASCII));
    }

    @Test
    @RuleId("ST4")
    @DisplayName("128 MiB without a newline streams through the default limit in bounded pieces")
    default void hugeLineDoesNotExhaustMemory() {
        assumeTrue(real(), "the simulated kernel copies every byte through simulated programs: 128 MiB would take"
                + " minutes, and the limit is the same code, tested by the pieces test");
        AtomicLong chars = new AtomicLong();
        AtomicInteger longest = new AtomicInteger();
        ChildState st = sh("head -c 134217728 /dev/zero").stdout(Redirect.lines(l -> {
            chars.addAndGet(l.length());
            longest.accumulateAndGet(l.length(), Math::max);
        })).run(local());
        assertThat(st.isCleanExit()).isTrue();
        assertThat(chars.get()).isEqualTo(134217728L);
        assertThat(longest.get()).isEqualTo(1 << 20);
    }

    @Test
    @RuleId("ST5")
    @DisplayName("chunks deliver every byte in order through a read-only buffer")
    default void chunksInOrder() throws IOException {
        // under one pipe's capacity: on a simulated kernel the test thread writes it all before it reads (pumps)
        byte[] data = new byte[60_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + (i >>> 12));
        }
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        AtomicInteger writable = new AtomicInteger();
        ChildState st = cat(data, Redirect.chunks(b -> {
            if (!b.isReadOnly()) {
                writable.incrementAndGet();
            }
            byte[] copy = new byte[b.remaining()];
            b.get(copy);
            synchronized (got) {
                got.write(copy, 0, copy.length);
            }
        }));
        assertThat(st.isCleanExit()).isTrue();
        assertThat(writable.get()).isZero();
        assertThat(Arrays.equals(got.toByteArray(), data)).as("the 60,000 bytes, in order").isTrue();
    }

    @Test
    @RuleId("ST6")
    @DisplayName("run() streams stdout and stderr to callbacks and returns after both ended")
    default void runStreamsBoth() {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        List<String> err = Collections.synchronizedList(new ArrayList<>());
        ChildState st = sh("echo o1; echo e1 >&2; echo o2; echo e2 >&2; exit 4")
                .stdout(Redirect.lines(out::add)).stderr(Redirect.lines(err::add)).run(local());
        assertThat(st.exitStatus()).isEqualTo(4);
        assertThat(out).containsExactly("o1", "o2");
        assertThat(err).containsExactly("e1", "e2");
    }

    @Test
    @RuleId("ST7")
    @DisplayName("a callback that throws gets no more lines; the rest is drained and the error surfaces")
    default void throwingCallback() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        IllegalStateException boom = new IllegalStateException("boom");
        try (Spawned s = sh("echo a; echo b; echo c").stdout(Redirect.lines(l -> {
            seen.add(l);
            throw boom;
        })).start(local())) {
            assertThatThrownBy(s::waitForStreams).isSameAs(boom);
            assertThat(s.waitForExit().isCleanExit()).as("the program was not blocked or killed").isTrue();
        }
        assertThat(seen).containsExactly("a");
    }

    @Test
    @RuleId("ST8")
    @DisplayName("an executor given runs the callbacks (a simulated kernel runs them on the waiting thread)")
    default void executorGiven() {
        ExecutorService mine = Executors.newSingleThreadExecutor(r -> new Thread(r, "streaming-executor"));
        List<String> where = Collections.synchronizedList(new ArrayList<>());
        try {
            ChildState st = sh("echo one; echo two").stdout(Redirect.lines(l -> where.add(
                    Thread.currentThread().getName())).executor(mine)).run(local());
            assertThat(st.isCleanExit()).isTrue();
            assertThat(where).hasSize(2).containsOnly(real() ? "streaming-executor"
                    : Thread.currentThread().getName());
        } finally {
            mine.shutdown();
        }
    }

    @Test
    @RuleId("ST9")
    @DisplayName("pipe() works at any fd: fd 3 written by the program, an input pipe read at fd 4")
    default void pipeAtAnyFd() throws IOException {
        try (Spawned s = sh("echo three >&3; read x <&4; echo \"four $x\"").fd(3, Redirect.pipe())
                .fd(4, Redirect.inputPipe()).stdout(Redirect.pipe()).start(local())) {
            try (OutputStream four = s.inputPipe(4)) {
                four.write("in\n".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(new String(s.pipe(3).readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("three\n");
            assertThat(new String(s.stdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("four in\n");
            assertThat(s.waitForExit().isCleanExit()).isTrue();
            assertThat(s.pipe(1)).isSameAs(s.stdout());
        }
    }

    @Test
    @RuleId("ST10")
    @DisplayName("misuse is refused naming the argument: a stream at fd 0, a zero limit, a pipe never asked for")
    default void misuse() {
        assertThatThrownBy(() -> Spawn.of(Command.of("/bin/cat")).stdin(Redirect.lines(l -> { })))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fd 0");
        assertThatThrownBy(() -> Redirect.lines(l -> { }).maxLineLength(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLineLength");
        assertThatThrownBy(() -> Redirect.chunks(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("onChunk");
        try (Spawned s = Spawn.of(Command.of("/bin/true")).fd(3, Redirect.pipe()).start(local())) {
            assertThatThrownBy(() -> s.pipe(5)).isInstanceOf(MisuseException.class).hasMessageContaining("fd 5");
            assertThatThrownBy(() -> s.inputPipe(3)).isInstanceOf(MisuseException.class)
                    .hasMessageContaining("fd 3");
            s.waitForExit();
        }
    }

    @Test
    @RuleId("ST11")
    @DisplayName("many children streaming at once use a fixed number of threads")
    default void manyChildrenFixedThreads() throws Exception {
        // the simulated kernel runs each simulated process on a JVM thread of its own (they stand for the
        // children, which are processes on Linux, and are left out of the count), one at a time: 1,000 would take
        // minutes there, so it streams 50
        int n = real() ? 1000 : 50;
        int baseline = apiThreads();
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        CountDownLatch allStreaming = new CountDownLatch(n);
        List<Spawned> spawned = new ArrayList<>();
        // every child waits on one shared stdin until the test closes it: all of them stream at the same time
        Pipe gate = local().pipe2(Fcntl.O_CLOEXEC);
        try {
            for (int i = 0; i < n; i++) {
                spawned.add(sh("echo first; read x; echo second").stdin(Redirect.fd(gate.read()))
                        .stdout(Redirect.lines(l -> {
                            if (l.equals("first")) {
                                first.incrementAndGet();
                                allStreaming.countDown();
                            } else {
                                second.incrementAndGet();
                            }
                        })).start(local()));
            }
            if (real()) {
                assertThat(allStreaming.await(30, TimeUnit.SECONDS)).as("every child's first line arrived").isTrue();
            }
            int peak = apiThreads();
            gate.read().close();
            gate.write().close();
            for (Spawned s : spawned) {
                s.waitForStreams();
                assertThat(s.waitForExit().isCleanExit()).isTrue();
            }
            assertThat(first.get()).isEqualTo(n);
            assertThat(second.get()).isEqualTo(n);
            assertThat(peak).as("threads with %d children streaming, from %d before", n, baseline)
                    .isLessThanOrEqualTo(baseline + 8);
            assertThat(apiThreads()).isLessThanOrEqualTo(baseline + 8);
        } finally {
            spawned.forEach(Spawned::close);
            if (gate.read().isOpen()) {
                gate.read().close();
            }
            if (gate.write().isOpen()) {
                gate.write().close();
            }
        }
    }

    /** Live platform threads, less the simulated kernel's process threads (see the test above). */
    private static int apiThreads() {
        int count = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.getName().startsWith("fake-")) {
                count++;
            }
        }
        return count;
    }
}
