package dev.jsyscall;

import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.FileDescriptor;
import dev.jsyscall.linux.wait.ChildState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

/**
 * A program started by {@link Spawn#start}: its process and the JVM's ends of the pipes asked for. Closing it
 * closes the streams and, if the program still runs, kills it (SIGKILL) and reaps it.
 *
 * <pre>{@code
 * try (Spawned s = Spawn.of(Command.of("/bin/cat")).stdin(Redirect.pipe()).stdout(Redirect.pipe()).start(task)) {
 *     s.stdin().write("hi".getBytes());
 *     s.stdin().close();
 *     String out = new String(s.stdout().readAllBytes());
 *     ChildState state = s.process().check();
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class Spawned implements AutoCloseable {
    private final ChildProcess process;
    private final FdOutputStream stdin;
    private final FdInputStream stdout;
    private final FdInputStream stderr;

    Spawned(ChildProcess process, FileDescriptor stdin, FileDescriptor stdout, FileDescriptor stderr) {
        this.process = Objects.requireNonNull(process, "process");
        this.stdin = stdin == null ? null : new FdOutputStream(stdin);
        this.stdout = stdout == null ? null : new FdInputStream(stdout);
        this.stderr = stderr == null ? null : new FdInputStream(stderr);
    }

    public ChildProcess process() {
        return process;
    }

    /**
     * The write end of the child's stdin pipe.
     *
     * @throws IllegalStateException unless stdin was {@link Redirect#pipe()}
     */
    public OutputStream stdin() {
        return require(stdin, "stdin");
    }

    /** The read end of the child's stdout pipe. */
    public InputStream stdout() {
        return require(stdout, "stdout");
    }

    /** The read end of the child's stderr pipe. */
    public InputStream stderr() {
        return require(stderr, "stderr");
    }

    private static <T> T require(T stream, String name) {
        if (stream == null) {
            throw new IllegalStateException(name + " was not redirected to a pipe (use Redirect.pipe())");
        }
        return stream;
    }

    /** Waits for the program to end. */
    public ChildState waitForExit() {
        return process.waitForExit();
    }

    /** How the program ended, once it has been reaped. */
    public Optional<ChildState> state() {
        return process.deathState();
    }

    @Override
    public void close() {
        try {
            for (java.io.Closeable c : new java.io.Closeable[] {stdin, stdout, stderr}) {
                if (c != null) {
                    c.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            process.close();
        }
    }

    /** Reads an fd of the JVM with blocking {@code read} syscalls on the calling thread. */
    static final class FdInputStream extends InputStream {
        private final FileDescriptor fd;

        FdInputStream(FileDescriptor fd) {
            this.fd = fd;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            byte[] got;
            try {
                got = fd.read(Math.min(len, 64 * 1024));
            } catch (RuntimeException e) {
                throw new IOException("reading " + fd + " failed", e);
            }
            if (got.length == 0) {
                return -1;
            }
            System.arraycopy(got, 0, b, off, got.length);
            return got.length;
        }

        @Override
        public void close() {
            fd.close();
        }
    }

    /** Writes to an fd of the JVM with {@code write} syscalls. */
    static final class FdOutputStream extends OutputStream {
        private final FileDescriptor fd;

        FdOutputStream(FileDescriptor fd) {
            this.fd = fd;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            byte[] part = new byte[len];
            System.arraycopy(b, off, part, 0, len);
            try {
                fd.write(part);
            } catch (RuntimeException e) {
                // EPIPE once the program closed its end: the JVM ignores SIGPIPE, so it arrives as an errno
                throw new IOException("writing " + fd + " failed", e);
            }
        }

        @Override
        public void close() {
            fd.close();
        }
    }
}
