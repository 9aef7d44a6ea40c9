// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * Unix98 pseudo-terminals (internal): {@code /dev/ptmx}, the slaves under {@code /dev/pts}, their ioctls, the
 * controlling terminal of a session and a small line discipline. Behaviour checked against Linux 6.x: a fresh master
 * reads nothing until the slave writes, a slave opened while locked is EIO, the master reads what is buffered and
 * then EIO once no slave fd is left (poll says POLLHUP meanwhile), a hung-up slave reads 0 and writes EIO, and the
 * slave's {@code /dev/pts/N} goes away with the master. The line discipline does ICRNL on input, ONLCR on output,
 * echo and canonical lines ending at NL or VEOF; it has no line editing (VERASE, VKILL), no ISIG characters, no job
 * control signals (SIGTTIN, SIGTTOU) and no flow control.
 */
final class Ptys {
    static final int TCGETS = 0x5401;
    static final int TCSETS = 0x5402;
    static final int TCSETSW = 0x5403;
    static final int TCSETSF = 0x5404;
    static final int TIOCSCTTY = 0x540E;
    static final int TIOCGPGRP = 0x540F;
    static final int TIOCSPGRP = 0x5410;
    static final int TIOCGWINSZ = 0x5413;
    static final int TIOCSWINSZ = 0x5414;
    static final int TIOCNOTTY = 0x5422;
    static final int TIOCGSID = 0x5429;
    static final int TIOCGPTN = 0x80045430;
    static final int TIOCSPTLCK = 0x40045431;
    static final int TIOCGPTPEER = 0x5441;

    private static final int ICRNL = 0400;
    private static final int OPOST = 01;
    private static final int ONLCR = 04;
    private static final int ICANON = 02;
    private static final int ECHO = 010;
    private static final int ECHONL = 0100;
    private static final int VEOF = 4;
    /** struct termios as TCGETS copies it out: four flag words, c_line, 19 control characters. */
    private static final int TERMIOS_SIZE = 36;
    /** The output a slave may have buffered before its writes wait for the master to read. */
    private static final int OUTPUT_ROOM = 65536;
    private static final int UNIX98_PTY_SLAVE_MAJOR = 136;

    private final Kernel k;
    private final TreeMap<Integer, Pty> byIndex = new TreeMap<>();
    private Vfs.DirInode pts;

    Ptys(Kernel k) {
        this.k = k;
    }

    /** The /dev/pts directory, made with the first pair (devpts is mounted there from boot on Linux). */
    private Vfs.DirInode pts() {
        if (pts == null) {
            Vfs.DirInode dev = (Vfs.DirInode) k.vfs.lookupOrNull("/dev");
            Vfs.Inode existing = dev.entries.get("pts");
            pts = existing instanceof Vfs.DirInode ? (Vfs.DirInode) existing : k.vfs.mkdirs("/dev/pts", 0755);
        }
        return pts;
    }

    /** One pair: the slave's termios and window size, the two queues and who holds each side. */
    static final class Pty {
        final int index;
        final SlaveInode inode;
        /** tty_std_termios, what Linux gives a new slave (and reports for its master). */
        final byte[] termios = new byte[TERMIOS_SIZE];
        final byte[] winsize = new byte[8];
        /** What the master wrote, after input processing: the slave's reads take it. */
        final ByteArrayOutputStream input = new ByteArrayOutputStream();
        /** What the slave wrote (and the echo), after output processing: the master's reads take it. */
        final ArrayDeque<Byte> output = new ArrayDeque<>();
        boolean locked = true;
        int masters;
        int slaves;
        boolean masterGone;
        boolean everOpened;
        /** tty->session and tty->pgrp: 0 until a session leader makes this its controlling terminal. */
        int session;
        int pgrp;

        Pty(int index, SlaveInode inode) {
            this.index = index;
            this.inode = inode;
            Bytes.putInt(termios, 0, ICRNL | 02000);                 // ICRNL | IXON
            Bytes.putInt(termios, 4, OPOST | ONLCR);
            Bytes.putInt(termios, 8, 0277);                          // B38400 | CS8 | CREAD
            Bytes.putInt(termios, 12, 0105073);                      // ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN
            byte[] cc = {3, 034, 0177, 025, 4, 0, 1, 0, 021, 023, 032, 0, 022, 017, 027, 026, 0};
            System.arraycopy(cc, 0, termios, 17, cc.length);
        }

        int flag(int word) {
            return Bytes.getInt(termios, word * 4);
        }

        String path() {
            return "/dev/pts/" + index;
        }

        /** n_tty's receive path: ICRNL, then the byte is queued and echoed. */
        void receive(byte[] data) {
            int iflag = flag(0);
            int lflag = flag(3);
            for (byte b : data) {
                if (b == '\r' && (iflag & ICRNL) != 0) {
                    b = '\n';
                }
                input.write(b);
                if ((lflag & ECHO) != 0 || (b == '\n' && (lflag & (ICANON | ECHONL)) == (ICANON | ECHONL))) {
                    emit(new byte[] {b});
                }
            }
        }

        /** The output path of a slave's write and of the echo: OPOST with ONLCR makes NL a CR NL. */
        void emit(byte[] data) {
            boolean onlcr = (flag(1) & (OPOST | ONLCR)) == (OPOST | ONLCR);
            for (byte b : data) {
                if (b == '\n' && onlcr) {
                    output.add((byte) '\r');
                }
                output.add(b);
            }
        }

        /** The bytes a slave's read may take now: a whole line (or up to VEOF) in canonical mode, else any. */
        int readable() {
            byte[] in = input.toByteArray();
            if ((flag(3) & ICANON) == 0) {
                return in.length;
            }
            byte eof = termios[17 + VEOF];
            for (int i = 0; i < in.length; i++) {
                if (in[i] == '\n' || in[i] == eof) {
                    return i + 1;
                }
            }
            return -1;
        }
    }

    /** /dev/pts/N: a character device (136, N) owned by whoever opened the master. */
    static final class SlaveInode extends Vfs.Inode {
        Pty pty;

        SlaveInode(long ino) {
            super(ino, S_IFCHR | 0620);
        }

        long rdev() {
            return ((long) UNIX98_PTY_SLAVE_MAJOR << 8) | pty.index;
        }
    }

    /** ptmx_open: a new pair with the lowest free index, its slave locked. */
    Files.OpenFile openMaster(Proc p, int flags) {
        int index = 0;
        while (byIndex.containsKey(index)) {
            index++;
        }
        SlaveInode node = new SlaveInode(k.vfs.newIno());
        node.uid = p.creds.fsuid;
        node.gid = p.creds.fsgid;
        Pty pty = new Pty(index, node);
        node.pty = pty;
        byIndex.put(index, pty);
        k.vfs.link(pts(), Integer.toString(index), node);
        return new Master(this, pty, flags);
    }

    /** tty_open of a slave: EIO while locked or once its master is gone; without O_NOCTTY it may become the ctty. */
    long openSlave(Proc p, Pty pty, int flags, Files.FdTable into, boolean cloexec) {
        if (pty.locked || pty.masterGone) {
            return -EIO;
        }
        int fd = into.lowestFree(0, p.rlimCur[RLIMIT_NOFILE]);
        if (fd < 0) {
            return fd;
        }
        into.install(fd, new Slave(this, pty, flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC)
                | O_LARGEFILE), cloexec);
        if ((flags & O_NOCTTY) == 0 && p.sid == p.pid && controlling(p) == null && pty.session == 0) {
            pty.session = p.sid;
            pty.pgrp = p.pgid;
        }
        return fd;
    }

    /** The controlling terminal of p's session, if it has one that is not hung up. */
    Pty controlling(Proc p) {
        for (Pty t : byIndex.values()) {
            if (t.session == p.sid && t.session != 0 && !t.masterGone) {
                return t;
            }
        }
        return null;
    }

    /** /dev/tty: the caller's controlling terminal, a new description of its slave; ENXIO without one. */
    long openControlling(Proc p, int flags, boolean cloexec) {
        Pty t = controlling(p);
        if (t == null) {
            return -ENXIO;
        }
        long fd = openSlave(p, t, flags | O_NOCTTY, p.files, cloexec);
        if (fd >= 0) {
            // the description is the terminal's, but its path and fstat are /dev/tty's
            ((Slave) p.files.file((int) fd)).shown = k.vfs.lookupOrNull("/dev/tty");
        }
        return fd;
    }

    private void released(Pty pty) {
        if (pty.masters == 0 && !pty.masterGone) {
            // pty_close of the master hangs the slave up and removes /dev/pts/N
            pty.masterGone = true;
            pts().entries.remove(Integer.toString(pty.index));
            pty.inode.nlink = 0;
        }
        if (pty.masterGone && pty.slaves == 0) {
            byIndex.remove(pty.index);
        }
    }

    /**
     * disassociate_ctty(1) of an exiting session leader: its terminal's foreground group gets SIGHUP (no SIGCONT,
     * and a pty is not hung up), and the terminal belongs to no session any more.
     */
    void leaderExited(Proc p) {
        if (p.sid != p.pid) {
            return;
        }
        Pty t = controlling(p);
        if (t != null) {
            killPgrp(t.pgrp, SIGHUP);
            t.session = 0;
            t.pgrp = 0;
        }
    }

    private void killPgrp(int pgrp, int sig) {
        if (pgrp <= 0) {
            return;
        }
        for (Proc q : k.pids.all()) {
            if (q.pgid == pgrp && q.alive()) {
                k.signals.sendSignal(q, Signals.Info.kernel(sig));
            }
        }
    }

    /** The ioctls of both ends; {@code -ENOTTY} for a file that is no terminal. */
    long ioctl(Call c, Files.Entry e, int req) {
        Proc p = c.proc;
        boolean master = e.file instanceof Master;
        if (!master && !(e.file instanceof Slave)) {
            return -ENOTTY;
        }
        Pty pty = master ? ((Master) e.file).pty : ((Slave) e.file).pty;
        if (!master && pty.masterGone) {
            // hung_up_tty_ioctl
            return req == TIOCSPGRP ? -ENOTTY : -EIO;
        }
        AddressSpace mm = p.mm;
        switch (req) {
            case TIOCSPTLCK: {
                if (!master) {
                    return -ENOTTY;
                }
                Integer v = mm.readInt(c.a2);
                if (v == null) {
                    return -EFAULT;
                }
                pty.locked = v != 0;
                return 0;
            }
            case TIOCGPTN:
                if (!master) {
                    return -ENOTTY;
                }
                return mm.writeInt(c.a2, pty.index) ? 0 : -EFAULT;
            case TIOCGPTPEER:
                if (!master) {
                    return -ENOTTY;
                }
                // ptm_open_peer: the flags are open(2)'s, O_CLOEXEC among them
                return openSlave(p, pty, (int) c.a2 | O_NOCTTY, p.files, (c.a2 & O_CLOEXEC) != 0);
            case TCGETS:
                return mm.copyOut(c.a2, pty.termios) ? 0 : -EFAULT;
            case TCSETS:
            case TCSETSW:
            case TCSETSF: {
                byte[] t = mm.copyIn(c.a2, TERMIOS_SIZE);
                if (t == null) {
                    return -EFAULT;
                }
                System.arraycopy(t, 0, pty.termios, 0, TERMIOS_SIZE);
                if (req == TCSETSF) {
                    pty.input.reset();
                }
                return 0;
            }
            case TIOCGWINSZ:
                return mm.copyOut(c.a2, pty.winsize) ? 0 : -EFAULT;
            case TIOCSWINSZ: {
                byte[] w = mm.copyIn(c.a2, 8);
                if (w == null) {
                    return -EFAULT;
                }
                // tty_do_resize: SIGWINCH to the foreground group only when the size changed
                if (!Arrays.equals(w, pty.winsize)) {
                    System.arraycopy(w, 0, pty.winsize, 0, 8);
                    killPgrp(pty.pgrp, SIGWINCH);
                }
                return 0;
            }
            case TIOCSCTTY: {
                // tiocsctty: a session leader without a controlling terminal, on a terminal of no other session
                // (arg 1 steals it with CAP_SYS_ADMIN), opened for reading
                if (p.sid == p.pid && pty.session == p.sid) {
                    return 0;
                }
                if (p.sid != p.pid || controlling(p) != null) {
                    return -EPERM;
                }
                if (pty.session != 0 && !(c.a2 == 1 && p.creds.euid == 0)) {
                    return -EPERM;
                }
                if (!e.file.readable() && p.creds.euid != 0) {
                    return -EPERM;
                }
                pty.session = p.sid;
                pty.pgrp = p.pgid;
                return 0;
            }
            case TIOCGPGRP:
            case TIOCGSID: {
                Pty real = pty;
                if (!master && controlling(p) != real) {
                    return -ENOTTY;
                }
                if (req == TIOCGSID && real.session == 0) {
                    return -ENOTTY;
                }
                return mm.writeInt(c.a2, req == TIOCGPGRP ? real.pgrp : real.session) ? 0 : -EFAULT;
            }
            case TIOCSPGRP: {
                if (controlling(p) != pty || master) {
                    return -ENOTTY;
                }
                Integer pg = mm.readInt(c.a2);
                if (pg == null) {
                    return -EFAULT;
                }
                if (pg < 0) {
                    return -EINVAL;
                }
                for (Proc q : k.pids.all()) {
                    if (q.pgid == pg && q.alive()) {
                        if (q.sid != p.sid) {
                            return -EPERM;
                        }
                        pty.pgrp = pg;
                        return 0;
                    }
                }
                return -ESRCH;
            }
            case TIOCNOTTY:
                if (master || controlling(p) != pty) {
                    return -ENOTTY;
                }
                if (p.sid == p.pid) {
                    // disassociate_ctty: the leader's session loses the terminal, its foreground gets SIGHUP
                    killPgrp(pty.pgrp, SIGHUP);
                    killPgrp(pty.pgrp, SIGCONT);
                    pty.session = 0;
                    pty.pgrp = 0;
                }
                return 0;
            default:
                return -ENOTTY;
        }
    }

    /** The master's fd: its reads are the slave's output, its writes the slave's input. */
    static final class Master extends Files.OpenFile {
        final Ptys ptys;
        final Pty pty;

        Master(Ptys ptys, Pty pty, int flags) {
            super(flags);
            this.ptys = ptys;
            this.pty = pty;
            pty.masters++;
        }

        @Override
        String describe() {
            return "/dev/ptmx (master of " + pty.path() + ", " + pty.output.size() + " bytes to read)";
        }

        @Override
        long read(Kernel k, Call c, long count, Files.Sink out) {
            if (count == 0) {
                return 0;
            }
            if (!pty.output.isEmpty()) {
                int n = (int) Math.min(count, pty.output.size());
                if (!out.fits(n)) {
                    return -EFAULT;
                }
                byte[] b = new byte[n];
                for (int i = 0; i < n; i++) {
                    b[i] = pty.output.poll();
                }
                out.put(b, 0, n);
                return n;
            }
            // TTY_OTHER_CLOSED: set when the last slave fd closes, not before the slave was ever opened
            if (pty.slaves == 0 && pty.everOpened) {
                return -EIO;
            }
            if (nonblocking()) {
                return -EAGAIN;
            }
            c.waitingFor = "output of " + pty.path();
            return Kernel.BLOCK;
        }

        @Override
        long write(Kernel k, Call c, byte[] data) {
            byte[] taken = shortened(c, data);
            pty.receive(taken);
            return taken.length;
        }

        @Override
        int poll(Kernel k) {
            int m = POLLOUT | POLLWRNORM;
            if (!pty.output.isEmpty()) {
                m |= POLLIN | POLLRDNORM;
            }
            if (pty.slaves == 0 && pty.everOpened) {
                m |= POLLIN | POLLRDNORM | POLLHUP;
            }
            return m;
        }

        @Override
        Vfs.Inode inode() {
            return ptys.ptmx();
        }

        @Override
        void released(Kernel k) {
            pty.masters--;
            ptys.released(pty);
        }
    }

    /** A slave's fd. */
    static final class Slave extends Files.OpenFile {
        final Ptys ptys;
        final Pty pty;
        /** The inode the fd was opened by: the slave's, or /dev/tty's. */
        Vfs.Inode shown;

        Slave(Ptys ptys, Pty pty, int flags) {
            super(flags);
            this.ptys = ptys;
            this.pty = pty;
            pty.slaves++;
            pty.everOpened = true;
        }

        @Override
        String describe() {
            return pty.path() + (pty.masterGone ? " (hung up)" : "");
        }

        @Override
        long read(Kernel k, Call c, long count, Files.Sink out) {
            if (pty.masterGone) {
                return 0; // hung_up_tty_read
            }
            if (count == 0) {
                return 0;
            }
            int avail = pty.readable();
            if (avail > 0) {
                byte[] in = pty.input.toByteArray();
                int n = (int) Math.min(count, avail);
                boolean eofChar = (pty.flag(3) & ICANON) != 0 && in[avail - 1] == pty.termios[17 + VEOF];
                // canonical mode: VEOF ends the line but is not part of it (alone it reads as 0, the end)
                int give = eofChar && n == avail ? n - 1 : n;
                if (!out.fits(give)) {
                    return -EFAULT;
                }
                out.put(in, 0, give);
                pty.input.reset();
                pty.input.write(in, n, in.length - n);
                return give;
            }
            if (nonblocking()) {
                return -EAGAIN;
            }
            c.waitingFor = "input on " + pty.path();
            return Kernel.BLOCK;
        }

        @Override
        long write(Kernel k, Call c, byte[] data) {
            if (pty.masterGone) {
                return -EIO;
            }
            if (data.length > 0 && pty.output.size() >= OUTPUT_ROOM) {
                if (nonblocking()) {
                    return -EAGAIN;
                }
                c.waitingFor = "room in " + pty.path();
                return Kernel.BLOCK;
            }
            byte[] taken = shortened(c, data);
            pty.emit(taken);
            return taken.length;
        }

        @Override
        int poll(Kernel k) {
            if (pty.masterGone) {
                return POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM | POLLHUP | POLLERR;
            }
            int m = pty.output.size() < OUTPUT_ROOM ? POLLOUT | POLLWRNORM : 0;
            if (pty.readable() > 0) {
                m |= POLLIN | POLLRDNORM;
            }
            return m;
        }

        @Override
        Vfs.Inode inode() {
            return shown != null ? shown : pty.inode;
        }

        @Override
        void released(Kernel k) {
            pty.slaves--;
            ptys.released(pty);
        }
    }

    /**
     * The part of a terminal write that goes in under a short-transfer fault. Nothing makes a tty write atomic
     * (PIPE_BUF is for pipes): n_tty_write hands the driver what fits, waits for room, and a signal then ends it
     * with the count written; tty_write also checks for a signal between its 2048-byte chunks.
     */
    private static byte[] shortened(Call c, byte[] data) {
        return c.shortTo > 0 && c.shortTo < data.length ? Arrays.copyOf(data, (int) c.shortTo) : data;
    }

    private Vfs.Inode ptmx() {
        return k.vfs.lookupOrNull("/dev/ptmx");
    }
}
