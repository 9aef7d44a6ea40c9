// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.backend.fake.FakeUnsupportedException;
import dev.jsyscall.linux.Syscall;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * AF_UNIX socket pairs (internal): SOCK_STREAM, SOCK_SEQPACKET and SOCK_DGRAM, read/write, send/recv with
 * MSG_NOSIGNAL, MSG_DONTWAIT, MSG_PEEK and MSG_WAITALL, sendmsg/recvmsg with SCM_RIGHTS, shutdown. No
 * addresses: socket(2), bind, connect and friends are not simulated.
 */
final class SocketCalls {
    static final int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_SEQPACKET = 5, SOCK_NONBLOCK = O_NONBLOCK,
            SOCK_CLOEXEC = O_CLOEXEC;
    static final int MSG_PEEK = 2, MSG_CTRUNC = 8, MSG_TRUNC = 0x20, MSG_DONTWAIT = 0x40, MSG_EOR = 0x80,
            MSG_WAITALL = 0x100, MSG_NOSIGNAL = 0x4000, MSG_CMSG_CLOEXEC = 0x40000000;
    static final int SOL_SOCKET = 1, SCM_RIGHTS = 1, SHUT_RD = 0, SHUT_WR = 1, SHUT_RDWR = 2;
    static final int S_IFSOCK = 0140000;
    /** What one end may hold unread (Linux's default wmem, 212992, ignoring per-skb overhead). */
    static final int CAPACITY = 212992;
    static final int SCM_MAX_FD = 253;
    /**
     * The payload of one skb of an AF_UNIX stream send: SKB_MAX_HEAD(0) plus UNIX_SKB_FRAGS_SZ (32 KiB) on
     * x86_64 with 4 KiB pages. unix_stream_sendmsg queues a large send in skbs of this size and wakes the reader
     * after each, so a send can end early (a signal while it waits for room) or be read in part only at a multiple
     * of it; a non-blocking send of 1 MB to an empty pair returns 219264, six of them.
     */
    static final int UNIX_SKB = 36544;

    private final Kernel k;

    SocketCalls(Kernel k) {
        this.k = k;
    }

    void register() {
        k.register(Syscall.SOCKETPAIR, this::socketpair);
        k.register(Syscall.SENDTO, c -> send(c, (int) c.a0, c.a1, c.a2, (int) c.a3, c.a4));
        k.register(Syscall.RECVFROM, c -> recv(c, (int) c.a0, c.a1, c.a2, (int) c.a3));
        k.register(Syscall.SENDMSG, this::sendmsg);
        k.register(Syscall.RECVMSG, this::recvmsg);
        k.register(Syscall.SHUTDOWN, this::shutdown);
        k.register(Syscall.SOCKET, c -> {
            throw new FakeUnsupportedException("socket(" + c.a0 + ", " + c.a1 + ", " + c.a2
                    + "): only socketpair(AF_UNIX) is simulated");
        });
    }

    /** A message (or, for streams, a segment) with the fds that travel with it. */
    static final class Segment {
        final byte[] data;
        int offset;
        List<Files.OpenFile> fds;
        /** The sender's pid: a read cannot have run before the reader's own send arrived. */
        int writer;

        Segment(byte[] data) {
            this.data = data;
        }

        int left() {
            return data.length - offset;
        }
    }

    static final class Sock extends Files.OpenFile {
        final int type;
        final Vfs.Inode inode;
        Sock peer;
        final ArrayDeque<Segment> queue = new ArrayDeque<>();
        int queued;
        boolean closed;
        boolean shutRead;
        boolean shutWrite;

        Sock(int type, long ino, int flags) {
            super(O_RDWR | flags);
            this.type = type;
            this.inode = new Vfs.FileInode(ino, 0777);
            this.inode.mode = S_IFSOCK | 0777;
        }

        @Override
        String describe() {
            return "socket:[" + inode.ino + "] (" + (type == SOCK_STREAM ? "stream" : type == SOCK_DGRAM ? "dgram"
                    : "seqpacket") + ", " + queued + " bytes queued)";
        }

        /** Whether the peer can no longer send to us: nothing more will arrive. */
        boolean noMoreData() {
            return peer.closed || peer.shutWrite || shutRead;
        }

        @Override
        long read(Kernel k, Call c, long count, Files.Sink out) {
            return SocketCalls.receive(k, c, this, count, out, 0, null);
        }

        @Override
        long write(Kernel k, Call c, byte[] data) {
            return SocketCalls.transmit(k, c, this, data, 0, null);
        }

        @Override
        int poll(Kernel k) {
            int m = 0;
            if (queued > 0 || (!queue.isEmpty())) {
                m |= POLLIN | POLLRDNORM;
            }
            if (type != SOCK_DGRAM && noMoreData()) {
                m |= POLLIN | POLLRDNORM | 0x2000 /* POLLRDHUP */;
            }
            if (peer.closed || (shutWrite && noMoreData())) {
                m |= POLLHUP;
            }
            if (!peer.closed && !shutWrite && peer.queued < CAPACITY) {
                m |= POLLOUT | POLLWRNORM;
            }
            return m;
        }

        @Override
        Vfs.Inode inode() {
            return inode;
        }

        @Override
        void released(Kernel k) {
            closed = true;
            // fds in flight to us are dropped with the queue
            for (Segment s : queue) {
                if (s.fds != null) {
                    for (Files.OpenFile f : s.fds) {
                        if (--f.refs == 0) {
                            f.released(k);
                        }
                    }
                }
            }
            queue.clear();
            queued = 0;
        }
    }

    private long socketpair(Call c) {
        Proc p = c.proc;
        int domain = (int) c.a0;
        int type = (int) c.a1 & 0xf;
        int flags = (int) c.a1 & ~0xf;
        if (domain != AF_UNIX) {
            return domain == 2 || domain == 10 ? -EOPNOTSUPP : -97 /* EAFNOSUPPORT */;
        }
        if ((flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0) {
            return -EINVAL;
        }
        if (type != SOCK_STREAM && type != SOCK_DGRAM && type != SOCK_SEQPACKET) {
            return -94; // ESOCKTNOSUPPORT
        }
        if (c.a2 != 0) {
            return -93; // EPROTONOSUPPORT
        }
        Sock a = new Sock(type, k.vfs.newIno(), flags & SOCK_NONBLOCK);
        Sock b = new Sock(type, k.vfs.newIno(), flags & SOCK_NONBLOCK);
        a.peer = b;
        b.peer = a;
        long limit = p.rlimCur[RLIMIT_NOFILE];
        int fa = p.files.lowestFree(0, limit);
        if (fa < 0) {
            return fa;
        }
        boolean cloexec = (flags & SOCK_CLOEXEC) != 0;
        p.files.install(fa, a, cloexec);
        int fb = p.files.lowestFree(0, limit);
        byte[] both = new byte[8];
        Bytes.putInt(both, 0, fa);
        Bytes.putInt(both, 4, fb);
        if (fb < 0 || !p.mm.copyOut(c.a3, both)) {
            Files.OpenFile f = p.files.remove(fa);
            if (f != null) {
                f.released(k);
            }
            return fb < 0 ? fb : -EFAULT;
        }
        p.files.install(fb, b, cloexec);
        return 0;
    }

    private static Sock sock(Proc p, int fd, long[] err) {
        Files.OpenFile f = p.files.file(fd);
        if (f == null) {
            err[0] = -EBADF;
            return null;
        }
        if (!(f instanceof Sock)) {
            err[0] = -88; // ENOTSOCK
            return null;
        }
        return (Sock) f;
    }

    /** Sends data (and fds) from {@code s} to its peer. */
    static long transmit(Kernel k, Call c, Sock s, byte[] data, int flags, List<Files.OpenFile> fds) {
        Sock to = s.peer;
        int done = c.progress;
        int end = data.length;
        if (s.type == SOCK_STREAM && c.shortTo > 0 && data.length > UNIX_SKB) {
            // a short-transfer fault: the send is interrupted after whole skbs, never inside one
            end = (int) Math.min(data.length, Math.max(UNIX_SKB, c.shortTo / UNIX_SKB * UNIX_SKB));
        }
        if (s.shutWrite || to.closed || to.shutRead) {
            if (s.type == SOCK_DGRAM && to.closed) {
                return -111; // ECONNREFUSED
            }
            if ((flags & MSG_NOSIGNAL) == 0) {
                k.signals.sendSignalToThread(c.proc, Signals.Info.user(SIGPIPE, SI_USER, c.proc.pid, c.proc.creds.uid));
            }
            return done > 0 ? done : -EPIPE;
        }
        boolean nonblock = s.nonblocking() || (flags & MSG_DONTWAIT) != 0;
        if (s.type != SOCK_STREAM) {
            if (data.length > CAPACITY) {
                return -90; // EMSGSIZE
            }
            if (to.queued + data.length > CAPACITY && to.queued > 0) {
                if (nonblock) {
                    return -EAGAIN;
                }
                c.waitingFor = "room in " + to.describe();
                return Kernel.BLOCK;
            }
            Segment seg = new Segment(data.clone());
            seg.writer = c.proc.pid;
            seg.fds = take(fds);
            to.queue.add(seg);
            to.queued += data.length;
            return data.length;
        }
        if (data.length == 0 && fds == null) {
            return 0;
        }
        // one skb at a time, each taken whole while the peer holds less than its buffer: so a non-blocking send of
        // 1 MB returns 219264 (six skbs) as on Linux, and a reader may see a large send in skb-sized parts
        boolean first = done == 0;
        while ((done < end || first && data.length == 0 && fds != null) && to.queued < CAPACITY) {
            int n = Math.min(UNIX_SKB, end - done);
            Segment seg = new Segment(java.util.Arrays.copyOfRange(data, done, done + n));
            seg.writer = c.proc.pid;
            if (first) {
                seg.fds = take(fds); // the fds travel with the first bytes
                first = false;
            }
            to.queue.add(seg);
            to.queued += n;
            done += n;
            c.progress = done;
            c.madeProgress = true;
            if (done == end) {
                return done;
            }
        }
        if (nonblock) {
            return done > 0 ? done : -EAGAIN;
        }
        c.waitingFor = "room in " + to.describe();
        return Kernel.BLOCK;
    }

    private static List<Files.OpenFile> take(List<Files.OpenFile> fds) {
        if (fds == null || fds.isEmpty()) {
            return null;
        }
        for (Files.OpenFile f : fds) {
            f.refs++; // in flight: kept alive by the message, as Linux's skb does
        }
        return new ArrayList<>(fds);
    }

    /**
     * Receives into {@code out}; fds that arrive go to {@code fdsOut} (or are closed if it is null, as when
     * plain read(2) consumes a message that carried fds).
     */
    static long receive(Kernel k, Call c, Sock s, long count, Files.Sink out, int flags,
            List<Files.OpenFile> fdsOut) {
        boolean peek = (flags & MSG_PEEK) != 0;
        boolean nonblock = s.nonblocking() || (flags & MSG_DONTWAIT) != 0;
        if (s.queue.isEmpty()) {
            if (s.type != SOCK_DGRAM && s.noMoreData()) {
                return c.progress > 0 ? c.progress : 0;
            }
            if (nonblock) {
                return c.progress > 0 ? c.progress : -EAGAIN;
            }
            if (c.progress > 0) {
                return c.progress;
            }
            c.waitingFor = "data in " + s.describe();
            return Kernel.BLOCK;
        }
        if (s.type != SOCK_STREAM) {
            Segment seg = s.queue.peek();
            int n = (int) Math.min(count, seg.data.length);
            if (!out.fits(n)) {
                return -EFAULT;
            }
            out.put(seg.data, 0, n);
            if (!peek) {
                s.queue.poll();
                s.queued -= seg.data.length;
                deliverFds(k, seg, fdsOut);
            }
            c.state = seg.data.length > n ? Integer.valueOf(MSG_TRUNC) : null;
            // MSG_TRUNC asks for the message's real length (unix_dgram_recvmsg; also for seqpacket)
            return (flags & MSG_TRUNC) != 0 ? seg.data.length : n;
        }
        long want = count - c.progress;
        if (c.shortTo > 0 && c.shortTo < want && (flags & MSG_WAITALL) == 0) {
            want = Math.min(want, shortRead(s, c.shortTo, c.proc));
        }
        int got = 0;
        java.util.Iterator<Segment> it = s.queue.iterator();
        while (it.hasNext() && got < want) {
            Segment seg = it.next();
            if (seg.fds != null && got > 0) {
                break; // a read stops where fds are attached, so they arrive with their first byte
            }
            int n = (int) Math.min(want - got, seg.left());
            if (!out.fits(n)) {
                return got > 0 ? got : -EFAULT;
            }
            out.put(seg.data, seg.offset, n);
            got += n;
            if (!peek) {
                seg.offset += n;
                s.queued -= n;
                deliverFds(k, seg, fdsOut);
                seg.fds = null;
                if (seg.left() == 0) {
                    it.remove();
                }
            } else if (n < seg.left()) {
                break;
            }
        }
        int total = c.progress + got;
        if ((flags & MSG_WAITALL) != 0 && !peek && total < count && !s.noMoreData() && !nonblock) {
            c.progress = total;
            c.madeProgress = got > 0;
            c.waitingFor = "the rest of a MSG_WAITALL receive from " + s.describe();
            return Kernel.BLOCK;
        }
        return total;
    }

    /**
     * How much a stream read may take under a short-transfer fault of {@code limit} bytes: up to the last end of a
     * segment (a send, or one skb of a large one) within {@code limit}, or the first one if it alone is longer;
     * never inside one. The fault stands for a read that ran before the later segments arrived, so the reader's
     * own sends are never cut off (but the local process's are: it has other threads).
     */
    private static long shortRead(Sock s, long limit, Proc reader) {
        List<Segment> segs = new ArrayList<>(s.queue);
        long acc = 0;
        long cut = -1;
        long first = -1;
        for (int i = 0; i < segs.size(); i++) {
            acc += segs.get(i).left();
            boolean ownLater = false;
            for (int j = i + 1; j < segs.size() && reader.kind != Proc.Kind.LOCAL; j++) {
                ownLater |= segs.get(j).writer == reader.pid;
            }
            if (ownLater) {
                continue;
            }
            if (first < 0) {
                first = acc;
            }
            if (acc <= limit) {
                cut = acc;
            }
        }
        return cut > 0 ? cut : first > 0 ? first : acc;
    }

    /** The bytes a {@code recvmsg} or {@code sendmsg} asks to move: its iovecs' total, or -1 if unreadable. */
    static long msgBytes(Proc p, long msghdr) {
        byte[] hdr = p.mm.copyIn(msghdr, 56);
        if (hdr == null) {
            return -1;
        }
        long iovlen = Bytes.getLong(hdr, 24);
        if (iovlen < 0 || iovlen > 1024) {
            return -1;
        }
        byte[] vec = p.mm.copyIn(Bytes.getLong(hdr, 16), iovlen * 16);
        if (vec == null) {
            return -1;
        }
        long total = 0;
        for (int i = 0; i < iovlen; i++) {
            long len = Bytes.getLong(vec, 16 * i + 8);
            if (len < 0) {
                return -1;
            }
            total += len;
        }
        return total;
    }

    private static void deliverFds(Kernel k, Segment seg, List<Files.OpenFile> fdsOut) {
        if (seg.fds == null) {
            return;
        }
        for (Files.OpenFile f : seg.fds) {
            if (fdsOut != null) {
                fdsOut.add(f);
            } else if (--f.refs == 0) {
                f.released(k);
            }
        }
    }

    private long send(Call c, int fd, long buf, long len, int flags, long addr) {
        Proc p = c.proc;
        long[] err = new long[1];
        Sock s = sock(p, fd, err);
        if (s == null) {
            return err[0];
        }
        if (addr != 0) {
            return -106; // EISCONN: a socketpair end is connected to its peer
        }
        if (!(c.state instanceof byte[])) {
            byte[] data = p.mm.copyIn(buf, Math.max(0, Math.min(len, 0x7ffff000L)));
            if (data == null) {
                return -EFAULT;
            }
            c.state = data;
        }
        return transmit(k, c, s, (byte[]) c.state, flags, null);
    }

    private long recv(Call c, int fd, long buf, long len, int flags) {
        Proc p = c.proc;
        long[] err = new long[1];
        Sock s = sock(p, fd, err);
        if (s == null) {
            return err[0];
        }
        long n = receive(k, c, s, Math.max(0, Math.min(len, 0x7ffff000L)), FileCalls.sinkTo(p.mm, buf), flags, null);
        if (n >= 0 && c.a4 != 0 && c.a5 != 0) {
            p.mm.writeInt(c.a5, 0); // no address for a socketpair peer
        }
        return n;
    }

    private long sendmsg(Call c) {
        Proc p = c.proc;
        long[] err = new long[1];
        Sock s = sock(p, (int) c.a0, err);
        if (s == null) {
            return err[0];
        }
        int flags = (int) c.a2;
        if (!(c.state instanceof Object[])) {
            byte[] hdr = p.mm.copyIn(c.a1, 56);
            if (hdr == null) {
                return -EFAULT;
            }
            long iov = Bytes.getLong(hdr, 16);
            long iovlen = Bytes.getLong(hdr, 24);
            long control = Bytes.getLong(hdr, 32);
            long controllen = Bytes.getLong(hdr, 40);
            if (iovlen < 0 || iovlen > 1024) {
                return -90; // EMSGSIZE
            }
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            byte[] vec = p.mm.copyIn(iov, iovlen * 16);
            if (vec == null) {
                return -EFAULT;
            }
            for (int i = 0; i < iovlen; i++) {
                byte[] seg = p.mm.copyIn(Bytes.getLong(vec, 16 * i), Bytes.getLong(vec, 16 * i + 8));
                if (seg == null) {
                    return -EFAULT;
                }
                all.write(seg, 0, seg.length);
            }
            List<Files.OpenFile> fds = new ArrayList<>();
            if (controllen > 0) {
                byte[] ctl = p.mm.copyIn(control, controllen);
                if (ctl == null) {
                    return -EFAULT;
                }
                int at = 0;
                while (at + 16 <= ctl.length) {
                    long clen = Bytes.getLong(ctl, at);
                    int level = Bytes.getInt(ctl, at + 8);
                    int type = Bytes.getInt(ctl, at + 12);
                    if (clen < 16 || at + clen > ctl.length) {
                        return -EINVAL;
                    }
                    if (level != SOL_SOCKET || type != SCM_RIGHTS) {
                        throw new FakeUnsupportedException("sendmsg control message level " + level + " type "
                                + type + ": only SCM_RIGHTS is simulated");
                    }
                    for (int o = at + 16; o + 4 <= at + clen; o += 4) {
                        Files.OpenFile f = p.files.file(Bytes.getInt(ctl, o));
                        if (f == null) {
                            return -EBADF;
                        }
                        fds.add(f);
                    }
                    at += (int) ((clen + 7) & ~7L);
                }
                if (fds.size() > SCM_MAX_FD) {
                    return -EINVAL;
                }
            }
            c.state = new Object[] {all.toByteArray(), fds.isEmpty() ? null : fds};
        }
        Object[] st = (Object[]) c.state;
        @SuppressWarnings("unchecked") // written just above, always a List<OpenFile> or null
        List<Files.OpenFile> fds = (List<Files.OpenFile>) st[1];
        return transmit(k, c, s, (byte[]) st[0], flags, fds);
    }

    private long recvmsg(Call c) {
        Proc p = c.proc;
        long[] err = new long[1];
        Sock s = sock(p, (int) c.a0, err);
        if (s == null) {
            return err[0];
        }
        int flags = (int) c.a2;
        byte[] hdr = p.mm.copyIn(c.a1, 56);
        if (hdr == null) {
            return -EFAULT;
        }
        long iov = Bytes.getLong(hdr, 16);
        long iovlen = Bytes.getLong(hdr, 24);
        long control = Bytes.getLong(hdr, 32);
        long controllen = Bytes.getLong(hdr, 40);
        if (iovlen < 0 || iovlen > 1024) {
            return -90;
        }
        byte[] vec = p.mm.copyIn(iov, iovlen * 16);
        if (vec == null) {
            return -EFAULT;
        }
        long total = 0;
        for (int i = 0; i < iovlen; i++) {
            total += Bytes.getLong(vec, 16 * i + 8);
        }
        // gather into a Java buffer, then scatter: simpler than a scattering sink and the same for the caller
        byte[][] box = new byte[1][];
        Files.Sink sink = new Files.Sink() {
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();

            @Override
            public boolean fits(long len) {
                return true;
            }

            @Override
            public void put(byte[] b, int off, int len) {
                buf.write(b, off, len);
                box[0] = buf.toByteArray();
            }
        };
        List<Files.OpenFile> fds = new ArrayList<>();
        long n = receive(k, c, s, total, sink, flags, fds);
        if (n == Kernel.BLOCK || n < 0) {
            return n;
        }
        byte[] data = box[0] == null ? new byte[0] : box[0];
        int at = 0;
        for (int i = 0; i < iovlen && at < data.length; i++) {
            int m = (int) Math.min(data.length - at, Bytes.getLong(vec, 16 * i + 8));
            if (!p.mm.copyOut(Bytes.getLong(vec, 16 * i), data, at, m)) {
                return -EFAULT;
            }
            at += m;
        }
        int msgFlags = c.state instanceof Integer ? (Integer) c.state : 0;
        long used = 0;
        if (!fds.isEmpty()) {
            int fit = controllen >= 16 ? (int) Math.min(fds.size(), (controllen - 16) / 4) : 0;
            if (fit < fds.size()) {
                msgFlags |= MSG_CTRUNC;
            }
            byte[] ctl = new byte[(int) ((16 + 4L * fit + 7) & ~7L)];
            Bytes.putLong(ctl, 0, 16 + 4L * fit);
            Bytes.putInt(ctl, 8, SOL_SOCKET);
            Bytes.putInt(ctl, 12, SCM_RIGHTS);
            for (int i = 0; i < fds.size(); i++) {
                Files.OpenFile f = fds.get(i);
                if (i < fit) {
                    int fd = p.files.lowestFree(0, p.rlimCur[RLIMIT_NOFILE]);
                    if (fd < 0) {
                        msgFlags |= MSG_CTRUNC;
                        fit = i;
                    } else {
                        p.files.install(fd, f, (flags & MSG_CMSG_CLOEXEC) != 0);
                        Bytes.putInt(ctl, 16 + 4 * i, fd);
                    }
                }
                if (--f.refs == 0) {
                    f.released(k); // the message's reference
                }
            }
            if (fit > 0) {
                Bytes.putLong(ctl, 0, 16 + 4L * fit);
                used = Math.min(controllen, 16 + 4L * fit);
                p.mm.copyOut(control, ctl, 0, (int) used);
            }
        }
        byte[] outHdr = new byte[8];
        Bytes.putLong(outHdr, 0, used);
        p.mm.copyOut(c.a1 + 40, outHdr);
        p.mm.writeInt(c.a1 + 48, msgFlags);
        p.mm.writeInt(c.a1 + 8, 0);
        return n;
    }

    private long shutdown(Call c) {
        long[] err = new long[1];
        Sock s = sock(c.proc, (int) c.a0, err);
        if (s == null) {
            return err[0];
        }
        int how = (int) c.a1;
        if (how < SHUT_RD || how > SHUT_RDWR) {
            return -EINVAL;
        }
        if (how != SHUT_WR) {
            s.shutRead = true;
        }
        if (how != SHUT_RD) {
            s.shutWrite = true;
        }
        return 0;
    }
}
