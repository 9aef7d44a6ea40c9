// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import dev.jsyscall.handle.FileDescriptor;
import dev.jsyscall.internal.LinuxPaths;
import dev.jsyscall.linux.fcntl.Fcntl;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Where one of a spawned child's fds comes from.
 *
 * <pre>{@code
 * Spawn.of(cmd).stdin(Redirect.devNull()).stdout(Redirect.pipe()).stderr(Redirect.file("/tmp/err", Redirect.Mode.APPEND));
 * }</pre>
 *
 * @since 0.1
 */
public abstract class Redirect {
    /** How a file is opened. */
    public enum Mode {
        /** {@code O_RDONLY}: the file must exist. */
        READ(Fcntl.O_RDONLY),
        /** {@code O_WRONLY|O_CREAT|O_TRUNC}: created if missing, emptied if not (the shell's {@code >}). */
        WRITE(Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_TRUNC),
        /** {@code O_WRONLY|O_CREAT|O_APPEND}: created if missing, every write at its end (the shell's {@code >>}). */
        APPEND(Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_APPEND),
        /**
         * {@code O_WRONLY|O_CREAT|O_EXCL}: a new file, and the spawn fails with {@code EEXIST} if one is there
         * (the shell's {@code set -C; >}), so a log never overwrites another run's.
         *
         * @since 0.2
         */
        CREATE_NEW(Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_EXCL);

        private final int flags;

        Mode(int flags) {
            this.flags = flags;
        }

        /**
         * The {@code O_*} flags the file is opened with.
         *
         * @return the flags
         */
        public int flags() {
            return flags;
        }
    }

    private Redirect() {
    }

    /**
     * Keep what the child inherited from the JVM (the default for stdin, stdout and stderr).
     *
     * @return the redirect
     */
    public static Redirect inherit() {
        return Inherit.INSTANCE;
    }

    /**
     * {@code /dev/null}, opened in the child for reading and writing.
     *
     * @return the redirect
     */
    public static Redirect devNull() {
        return new File("/dev/null", null, DEFAULT_PERMISSIONS);
    }

    /** The permissions of a file a redirect creates unless told otherwise, as the shell's {@code >} gives. */
    static final int DEFAULT_PERMISSIONS = 0644;

    /**
     * A file opened in the child (after the steps before it, so a relative path follows its cwd); one it creates
     * gets the permissions 0644, less the child's umask.
     *
     * @param path the path, relative to the child's cwd or absolute
     * @param mode how the file is opened, not null
     * @return the redirect
     * @throws IllegalArgumentException if {@code path} is empty or holds a NUL character
     */
    public static Redirect file(String path, Mode mode) {
        return file(path, mode, DEFAULT_PERMISSIONS);
    }

    /**
     * A file opened in the child, as {@link #file(String, Mode)}; one it creates gets {@code permissions}, less the
     * child's umask ({@code open(2)}'s mode).
     *
     * <pre>{@code
     * Spawn.of(cmd).stdout(Redirect.file("secret.log", Redirect.Mode.CREATE_NEW, 0600));
     * }</pre>
     *
     * @param path the path, relative to the child's cwd or absolute
     * @param mode how the file is opened, not null
     * @param permissions the permission bits, 0 to 07777
     * @return the redirect
     * @throws IllegalArgumentException if {@code path} is empty or holds a NUL character, or {@code permissions}
     *     has bits outside 07777
     * @since 0.2
     */
    public static Redirect file(String path, Mode mode, int permissions) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(mode, "mode");
        if ((permissions & ~07777) != 0) {
            throw new IllegalArgumentException("permissions must be within 07777 (open(2)'s mode), was 0"
                    + Integer.toOctalString(permissions));
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("redirect path must not be empty");
        }
        if (path.indexOf('\0') >= 0) {
            // open(2) would see the path cut at the NUL: a different file
            throw new IllegalArgumentException("redirect path must not contain a NUL character: "
                    + path.replace("\0", "\\0"));
        }
        return new File(path, mode, permissions);
    }

    /**
     * A file opened in the child, as {@link #file(String, Mode)}; {@code path} must be of the default file system.
     *
     * <pre>{@code
     * Spawn.of(cmd).stderr(Redirect.file(Path.of("logs", "err.txt"), Redirect.Mode.APPEND));
     * }</pre>
     *
     * @param path the path, not null
     * @param mode how the file is opened, not null
     * @return the redirect
     * @throws IllegalArgumentException if {@code path} is empty or of another file system (a zip file's paths
     *     name nothing the child could open)
     * @since 0.2
     */
    public static Redirect file(Path path, Mode mode) {
        return file(path, mode, DEFAULT_PERMISSIONS);
    }

    /**
     * A file opened in the child, as {@link #file(String, Mode, int)}.
     *
     * <pre>{@code
     * Spawn.of(cmd).stdout(Redirect.file(dir.resolve("out"), Redirect.Mode.WRITE, 0600));
     * }</pre>
     *
     * @param path the path, not null
     * @param mode how the file is opened, not null
     * @param permissions the permission bits, 0 to 07777
     * @return the redirect
     * @throws IllegalArgumentException if {@code path} is empty or of another file system, or {@code permissions}
     *     has bits outside 07777
     * @since 0.2
     */
    public static Redirect file(Path path, Mode mode, int permissions) {
        return file(LinuxPaths.of(path, "path"), mode, permissions);
    }

    /**
     * A new pipe: the JVM gets the other end as a stream ({@link Spawned#stdin()}, {@code stdout()},
     * {@link Spawned#pipe(int)}...). At fd 0 the program reads it; at any other fd the program writes it (for a
     * pipe the program reads at another fd, see {@link #inputPipe()}).
     *
     * @return the redirect
     */
    public static Redirect pipe() {
        return new PipeTo(false);
    }

    /**
     * A new pipe the program reads at any fd; the JVM writes it through {@link Spawned#inputPipe(int)}.
     *
     * <pre>{@code
     * Spawned s = Spawn.of(cmd).fd(3, Redirect.inputPipe()).start();
     * s.inputPipe(3).write(config);
     * }</pre>
     *
     * @return the redirect
     * @since 0.2
     */
    public static Redirect inputPipe() {
        return new PipeTo(true);
    }

    /**
     * Each line the program writes to this fd, handed to {@code onLine} while the program runs, without the line
     * terminator ({@code \n}, {@code \r} or {@code \r\n}, as {@link java.io.BufferedReader#readLine()} has
     * them); a last line without a terminator is delivered too. See {@link Stream} for the threads, the order and
     * the limits.
     *
     * <pre>{@code
     * Spawn.of(Command.of("make")).stdout(Redirect.lines(log::info)).stderr(Redirect.lines(log::warn)).run();
     * }</pre>
     *
     * @param onLine called with each line, on the stream's executor
     * @return the redirect
     * @since 0.2
     */
    public static Stream lines(Consumer<String> onLine) {
        return new Stream(Objects.requireNonNull(onLine, "onLine"), null, StandardCharsets.UTF_8,
                Stream.DEFAULT_MAX_LINE, null);
    }

    /**
     * Each chunk of bytes the program writes to this fd, as read, handed to {@code onChunk} while the program
     * runs. The buffer is read-only and valid only during the call: it is reused for the next read, so copy what
     * you keep. See {@link Stream} for the threads and the order.
     *
     * <pre>{@code
     * Spawn.of(Command.of("tar", "cf", "-", "dir")).stdout(Redirect.chunks(b -> channel.write(b))).run();
     * }</pre>
     *
     * @param onChunk called with each chunk, on the stream's executor
     * @return the redirect
     * @since 0.2
     */
    public static Stream chunks(Consumer<ByteBuffer> onChunk) {
        return new Stream(null, Objects.requireNonNull(onChunk, "onChunk"), StandardCharsets.UTF_8,
                Stream.DEFAULT_MAX_LINE, null);
    }

    /**
     * An fd the JVM already has (it must be open when the child is cloned).
     *
     * @param fd the fd, not null
     * @return the redirect
     */
    public static Redirect fd(FileDescriptor fd) {
        return new Fd(Objects.requireNonNull(fd, "fd"));
    }

    static final class Inherit extends Redirect {
        static final Inherit INSTANCE = new Inherit();

        @Override
        public String toString() {
            return "inherit";
        }
    }

    static final class File extends Redirect {
        final String path;
        final Mode mode;   // null: O_RDWR (for /dev/null)
        final int permissions;

        File(String path, Mode mode, int permissions) {
            this.path = path;
            this.mode = mode;
            this.permissions = permissions;
        }

        int flags() {
            return mode == null ? Fcntl.O_RDWR : mode.flags();
        }

        @Override
        public String toString() {
            return "file " + path + (mode == null ? "" : " (" + mode
                    + (permissions == DEFAULT_PERMISSIONS ? "" : ", 0" + Integer.toOctalString(permissions)) + ")");
        }
    }

    static final class PipeTo extends Redirect {
        /** The program reads it whatever its fd; false: it reads it only at fd 0. */
        final boolean input;

        PipeTo(boolean input) {
            this.input = input;
        }

        /** Whether the program reads this pipe when it is at fd {@code target}. */
        boolean programReads(int target) {
            return input || target == 0;
        }

        @Override
        public String toString() {
            return input ? "input pipe" : "pipe";
        }
    }

    /**
     * What the program writes to an fd, streamed to a callback while it runs: {@link #lines} or {@link #chunks}.
     * Immutable: every method returns a new {@code Stream}.
     *
     * <p><b>Threads.</b> No thread is made per stream or per program. On a real kernel the JVM's end of the pipe
     * is {@code O_NONBLOCK} and registered with the kernel's one readiness loop (the epoll thread that also
     * watches children's pidfds); when it is readable, a task is submitted to the stream's executor that reads
     * until the pipe is empty, calls the callback, and registers the pipe again. The default executor is a small
     * pool of daemon threads shared by every stream of the JVM, so a callback that blocks holds one of them:
     * give blocking callbacks an {@link #executor} of their own (a virtual-thread executor does). The callbacks
     * never run on the readiness loop. On a simulated kernel, whose every call must run on the caller's thread,
     * the pipe is read and the callbacks run on the thread that calls {@link Spawned#waitForStreams()} (or
     * {@link Spawn#run()}).
     *
     * <p><b>Order.</b> Calls for one stream never overlap and come in the order written; until the callback
     * returns nothing more is read from that pipe, so a slow callback slows the program (its writes block on a
     * full pipe) instead of filling the JVM's memory. The end of the stream (the program and whatever inherited
     * the fd closed it) is signalled once, after the last call: {@link Spawned#waitForStreams()} returns. A
     * callback that throws gets no more calls; the rest of the stream is read and dropped (so the program does
     * not block or die of SIGPIPE), and {@code waitForStreams} throws what it threw.
     *
     * @since 0.2
     */
    public static final class Stream extends Redirect {
        /** Characters in a line before it is delivered in pieces: 1 Mi, 2 MiB of chars. */
        static final int DEFAULT_MAX_LINE = 1 << 20;

        final Consumer<String> onLine;
        final Consumer<ByteBuffer> onChunk;
        final Charset charset;
        final int maxLineLength;
        /** Null: the shared pool. */
        final Executor executor;

        Stream(Consumer<String> onLine, Consumer<ByteBuffer> onChunk, Charset charset, int maxLineLength,
               Executor executor) {
            this.onLine = onLine;
            this.onChunk = onChunk;
            this.charset = charset;
            this.maxLineLength = maxLineLength;
            this.executor = executor;
        }

        /**
         * The charset lines are decoded with (UTF-8 unless told); malformed input becomes U+FFFD, as
         * {@code new String(bytes, charset)} does.
         *
         * @param charset the charset, not null
         * @return a stream redirect with that charset
         */
        public Stream charset(Charset charset) {
            return new Stream(onLine, onChunk, Objects.requireNonNull(charset, "charset"), maxLineLength, executor);
        }

        /**
         * The longest line kept whole, in chars (1,048,576 unless told): a longer line is delivered in pieces of
         * {@code chars}, so that a program that writes a gigabyte without a newline cannot exhaust the JVM's
         * memory.
         *
         * <pre>{@code
         * Redirect.lines(parts::add).maxLineLength(80);
         * }</pre>
         *
         * @param chars the length, positive
         * @return a stream redirect with that length
         * @throws IllegalArgumentException if {@code chars} is below 1
         */
        public Stream maxLineLength(int chars) {
            if (chars < 1) {
                throw new IllegalArgumentException("maxLineLength must be >= 1 char, was " + chars);
            }
            return new Stream(onLine, onChunk, charset, chars, executor);
        }

        /**
         * Runs the reads and the callbacks on {@code executor}, one task at a time for this stream (any executor
         * keeps the order). It must run tasks on threads of its own: they are submitted from the readiness loop,
         * which serves every child of the kernel.
         *
         * <pre>{@code
         * Redirect.lines(db::insert).executor(Executors.newVirtualThreadPerTaskExecutor());
         * }</pre>
         *
         * @param executor the executor, not null
         * @return a stream redirect with that executor
         */
        public Stream executor(Executor executor) {
            return new Stream(onLine, onChunk, charset, maxLineLength, Objects.requireNonNull(executor, "executor"));
        }

        @Override
        public String toString() {
            return (onLine != null ? "lines (" + charset + ")" : "chunks") + (executor == null ? "" : " on "
                    + executor);
        }
    }

    /** A pseudo-terminal's slave, opened per spawn by {@link Spawn#terminal}; its output read from the master. */
    static final class Terminal extends Redirect {
        final dev.jsyscall.linux.tty.WinSize size;
        /** Null: the master is read through {@code Spawned.terminal().output()}. */
        final Stream output;

        Terminal(dev.jsyscall.linux.tty.WinSize size, Stream output) {
            this.size = size;
            this.output = output;
        }

        @Override
        public String toString() {
            return "terminal " + size + (output == null ? "" : " to " + output);
        }
    }

    static final class Fd extends Redirect {
        final FileDescriptor fd;

        Fd(FileDescriptor fd) {
            this.fd = fd;
        }

        @Override
        public String toString() {
            return "fd " + fd.near().number();
        }
    }
}
