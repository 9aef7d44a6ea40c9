// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.tty.Tty;
import dev.jsyscall.linux.tty.WinSize;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A pseudo-terminal pair opened by the JVM: the master, which the JVM reads (what the program writes to its
 * terminal) and writes (what it types), and the slave {@code /dev/pts/N}, which a program gets as its terminal.
 * Both fds are close-on-exec. {@link dev.jsyscall.Spawn#terminal} opens one per spawn and hands the slave to the
 * child; {@link dev.jsyscall.Spawned#terminal()} gives the pair back with only the master open.
 *
 * <pre>{@code
 * try (Pty pty = Pty.open(task, new WinSize(80, 24))) {
 *     String path = pty.slavePath();            // "/dev/pts/3"
 *     pty.resize(new WinSize(120, 40));        // the slave's foreground group gets SIGWINCH
 * }
 * }</pre>
 *
 * <p>Reading the master after every slave fd was closed (the program and what it started ended) fails with EIO
 * on Linux; {@link #output()} reads that as the end of the stream.
 *
 * @since 0.2
 */
public final class Pty implements AutoCloseable {
    private final LocalTask task;
    private final FileDescriptor master;
    private final FileDescriptor slave;
    private final int number;
    /** A second fd on the master for writing: the readiness loop registers one direction per fd number. */
    private FileDescriptor writer;
    private InputStream output;
    private OutputStream input;

    private Pty(LocalTask task, FileDescriptor master, FileDescriptor slave, int number) {
        this.task = task;
        this.master = master;
        this.slave = slave;
        this.number = number;
    }

    /**
     * Opens a new pair: {@code /dev/ptmx}, {@code unlockpt} ({@code TIOCSPTLCK}), then the slave by
     * {@code TIOCGPTPEER} (by its path on kernels before 4.13), and sets the window size.
     *
     * @param task the JVM's task, not null
     * @param size the window size, or null to keep the kernel's 0x0
     * @return the pair, both ends open and close-on-exec
     * @throws ErrnoException if the kernel refuses (ENOENT: no {@code /dev/ptmx}; ENOSPC: the {@code pty.max}
     *     limit)
     */
    public static Pty open(LocalTask task, WinSize size) {
        Objects.requireNonNull(task, "task");
        int flags = Fcntl.O_RDWR | Fcntl.O_NOCTTY | Fcntl.O_CLOEXEC;
        FileDescriptor master = task.fd((int) (long) task.call(Fcntl.openat(Tty.PTMX, flags, 0)));
        FileDescriptor slave = null;
        try {
            int m = master.number(task);
            task.call(Tty.setPtyLock(m, false));
            int n = task.call(Tty.getPtyNumber(m));
            slave = task.fd(openSlave(task, m, n, flags));
            if (size != null) {
                task.call(Tty.setWindowSize(m, size));
            }
            return new Pty(task, master, slave, n);
        } catch (RuntimeException e) {
            if (slave != null) {
                slave.close();
            }
            master.close();
            throw e;
        }
    }

    private static int openSlave(LocalTask task, int master, int n, int flags) {
        try {
            return task.call(Tty.openPtyPeer(master, flags));
        } catch (ErrnoException e) {
            // kernels before 4.13 do not know the ioctl: the path is the classic route (it races a remount of
            // /dev/pts, which TIOCGPTPEER was made to avoid)
            if (e.errno() != Errno.EINVAL && e.errno() != Errno.ENOTTY) {
                throw e;
            }
            return (int) (long) task.call(Fcntl.openat("/dev/pts/" + n, flags, 0));
        }
    }

    /**
     * The master: read what the program writes, write what it reads.
     *
     * @return the fd, owned by this pair
     */
    public FileDescriptor master() {
        return master;
    }

    /**
     * The slave, which a spawned program gets as stdin, stdout, stderr and controlling terminal; closed in the JVM
     * once the program has its copies.
     *
     * @return the fd, owned by this pair
     */
    public FileDescriptor slave() {
        return slave;
    }

    /**
     * N of the slave {@code /dev/pts/N}.
     *
     * @return the number
     */
    public int number() {
        return number;
    }

    /**
     * The slave's path, as {@code tty} prints it inside the program.
     *
     * @return {@code /dev/pts/N}
     */
    public String slavePath() {
        return "/dev/pts/" + number;
    }

    /**
     * {@code TIOCSWINSZ} on the master: the new size, and SIGWINCH to the slave's foreground process group if it
     * changed.
     *
     * @param size the new size, not null
     */
    public void resize(WinSize size) {
        Objects.requireNonNull(size, "size");
        try (FileDescriptor.Use u = master.use(task)) {
            task.call(Tty.setWindowSize(u.number(), size));
        }
    }

    /**
     * {@code TIOCGWINSZ} on the master.
     *
     * @return the current size
     */
    public WinSize windowSize() {
        try (FileDescriptor.Use u = master.use(task)) {
            return task.call(Tty.getWindowSize(u.number()));
        }
    }

    /**
     * What the program writes to its terminal, with the line discipline's translation ({@code \n} arrives as
     * {@code \r\n}) and the echo of what was typed. Ends (-1) when no process holds the slave any more: Linux
     * answers EIO there, which this stream reads as the end. Reads wait as those of
     * {@link LocalTask#inputStream} do. Closing the stream closes the master.
     *
     * <p>A spawn whose terminal output goes to a {@code Redirect.lines}/{@code chunks} callback reads the master
     * there; reading this stream as well would take bytes from the callback.
     *
     * @return the stream, the same one on every call
     */
    public synchronized InputStream output() {
        if (output == null) {
            output = task.terminalInputStream(master);
        }
        return output;
    }

    /**
     * What the program reads from its terminal, as if typed: the line discipline echoes it and turns control
     * characters into signals ({@code 0x03} is SIGINT to the foreground group) and end of file ({@code 0x04} at
     * the start of a line). Closing it does not end the program's input: send {@code 0x04} for that.
     *
     * @return the stream, the same one on every call
     */
    public synchronized OutputStream input() {
        if (input == null) {
            try (FileDescriptor.Use u = master.use(task)) {
                writer = task.fd(task.call(Fcntl.dupCloexecAbove(u.number(), 0)));
            }
            input = task.outputStream(writer);
        }
        return input;
    }

    /** Closes the JVM's fds of the pair (each only once); the program keeps its own copies of the slave. */
    @Override
    public synchronized void close() {
        try {
            slave.close();
            if (input != null) {
                input.close();
            }
            if (output != null) {
                output.close();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (writer != null) {
                writer.close();
            }
            master.close();
        }
    }

    @Override
    public String toString() {
        return "Pty(" + slavePath() + ", master " + master + ")";
    }
}
