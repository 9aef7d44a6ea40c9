package dev.jsyscall;

import dev.jsyscall.handle.FileDescriptor;
import dev.jsyscall.internal.LinuxPaths;
import dev.jsyscall.linux.fcntl.Fcntl;
import java.nio.file.Path;
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
        return new File("/dev/null", null, DEFAULT_PERMISSIONS);
    }

    /** The permissions of a file a redirect creates unless told otherwise, as the shell's {@code >} gives. */
    static final int DEFAULT_PERMISSIONS = 0644;

    /**
     * A file opened in the child (after the steps before it, so a relative path follows its cwd); one it creates
     * gets the permissions 0644, less the child's umask.
     *
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
     * @throws IllegalArgumentException if {@code path} is empty or of another file system, or {@code permissions}
     *     has bits outside 07777
     * @since 0.2
     */
    public static Redirect file(Path path, Mode mode, int permissions) {
        return file(LinuxPaths.of(path, "path"), mode, permissions);
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
