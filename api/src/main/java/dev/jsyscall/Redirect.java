package dev.jsyscall;

import dev.jsyscall.handle.FileDescriptor;
import dev.jsyscall.linux.fcntl.Fcntl;
import java.util.Objects;

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
        READ(Fcntl.O_RDONLY),
        WRITE(Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_TRUNC),
        APPEND(Fcntl.O_WRONLY | Fcntl.O_CREAT | Fcntl.O_APPEND);

        private final int flags;

        Mode(int flags) {
            this.flags = flags;
        }

        public int flags() {
            return flags;
        }
    }

    private Redirect() {
    }

    /** Keep what the child inherited from the JVM (the default for stdin, stdout and stderr). */
    public static Redirect inherit() {
        return Inherit.INSTANCE;
    }

    /** {@code /dev/null}, opened in the child for reading and writing. */
    public static Redirect devNull() {
        return new File("/dev/null", null);
    }

    /**
     * A file opened in the child (after the steps before it, so a relative path follows its cwd), mode 0644.
     *
     * @throws IllegalArgumentException if {@code path} is empty or holds a NUL character
     */
    public static Redirect file(String path, Mode mode) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(mode, "mode");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("redirect path must not be empty");
        }
        if (path.indexOf('\0') >= 0) {
            // open(2) would see the path cut at the NUL: a different file
            throw new IllegalArgumentException("redirect path must not contain a NUL character: "
                    + path.replace("\0", "\\0"));
        }
        return new File(path, mode);
    }

    /** A new pipe: the JVM gets the other end as a stream ({@link Spawned#stdin()}, {@code stdout()}...). */
    public static Redirect pipe() {
        return new PipeTo();
    }

    /** An fd the JVM already has (it must be open when the child is cloned). */
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

        File(String path, Mode mode) {
            this.path = path;
            this.mode = mode;
        }

        int flags() {
            return mode == null ? Fcntl.O_RDWR : mode.flags();
        }

        @Override
        public String toString() {
            return "file " + path + (mode == null ? "" : " (" + mode + ")");
        }
    }

    static final class PipeTo extends Redirect {
        @Override
        public String toString() {
            return "pipe";
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
