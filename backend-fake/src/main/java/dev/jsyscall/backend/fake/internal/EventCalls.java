// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;
import static dev.jsyscall.linux.epoll.Epoll.*;

import dev.jsyscall.linux.Syscall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** eventfd, signalfd and epoll (internal). */
final class EventCalls {
    static final int EFD_SEMAPHORE = 1;
    static final long MAX_COUNT = 0xfffffffffffffffeL;

    private final Kernel k;

    EventCalls(Kernel k) {
        this.k = k;
    }

    void register() {
        k.register(Syscall.EVENTFD, c -> eventfd(c, c.a0, 0));
        k.register(Syscall.EVENTFD2, c -> eventfd(c, c.a0, (int) c.a1));
        k.register(Syscall.SIGNALFD, c -> signalfd(c, (int) c.a0, c.a1, c.a2, 0));
        k.register(Syscall.SIGNALFD4, c -> signalfd(c, (int) c.a0, c.a1, c.a2, (int) c.a3));
        k.register(Syscall.EPOLL_CREATE, c -> c.a0 <= 0 ? -EINVAL : epollCreate(c, 0));
        k.register(Syscall.EPOLL_CREATE1, c -> epollCreate(c, (int) c.a0));
        k.register(Syscall.EPOLL_CTL, this::epollCtl);
        k.register(Syscall.EPOLL_WAIT, c -> epollWait(c, c.a3 < 0 ? -1 : c.a3 * 1_000_000L, 0, 0));
        k.register(Syscall.EPOLL_PWAIT, c -> epollWait(c, c.a3 < 0 ? -1 : c.a3 * 1_000_000L, c.a4, c.a5));
        k.register(Syscall.EPOLL_PWAIT2, this::epollPwait2);
    }

    // ------------------------------------------------------------------ eventfd

    static final class EventFd extends Files.OpenFile {
        final Vfs.Inode inode;
        final boolean semaphore;
        long count;

        EventFd(long ino, long init, int flags, boolean semaphore) {
            super(O_RDWR | flags);
            this.inode = new Vfs.FileInode(ino, 0600);
            this.count = init;
            this.semaphore = semaphore;
        }

        @Override
        String describe() {
            return "anon_inode:[eventfd] (count " + Long.toUnsignedString(count) + ")";
        }

        @Override
        long read(Kernel k, Call c, long n, Files.Sink out) {
            if (n < 8) {
                return -EINVAL;
            }
            if (count == 0) {
                if (nonblocking()) {
                    return -EAGAIN;
                }
                c.waitingFor = "a write to the eventfd";
                return Kernel.BLOCK;
            }
            if (!out.fits(8)) {
                return -EFAULT;
            }
            long v = semaphore ? 1 : count;
            count -= v;
            byte[] b = new byte[8];
            Bytes.putLong(b, 0, v);
            out.put(b, 0, 8);
            return 8;
        }

        @Override
        long write(Kernel k, Call c, byte[] data) {
            if (data.length < 8) {
                return -EINVAL;
            }
            long v = Bytes.getLong(data, 0);
            if (v == -1L) {
                return -EINVAL;
            }
            if (Long.compareUnsigned(v, MAX_COUNT - count) > 0) {
                if (nonblocking()) {
                    return -EAGAIN;
                }
                c.waitingFor = "a read of the eventfd";
                return Kernel.BLOCK;
            }
            count += v;
            return 8;
        }

        @Override
        int poll(Kernel k) {
            int m = 0;
            if (count != 0) {
                m |= POLLIN | POLLRDNORM;
            }
            if (Long.compareUnsigned(count, MAX_COUNT) < 0) {
                m |= POLLOUT | POLLWRNORM;
            }
            return m;
        }

        @Override
        Vfs.Inode inode() {
            return inode;
        }
    }

    private long eventfd(Call c, long init, int flags) {
        if ((flags & ~(O_CLOEXEC | O_NONBLOCK | EFD_SEMAPHORE)) != 0) {
            return -EINVAL;
        }
        EventFd f = new EventFd(k.vfs.newIno(), init & 0xffffffffL, flags & O_NONBLOCK, (flags & EFD_SEMAPHORE) != 0);
        return install(c.proc, f, (flags & O_CLOEXEC) != 0);
    }

    private long install(Proc p, Files.OpenFile f, boolean cloexec) {
        int fd = p.files.lowestFree(0, p.rlimCur[RLIMIT_NOFILE]);
        if (fd < 0) {
            return fd;
        }
        p.files.install(fd, f, cloexec);
        return fd;
    }

    // ------------------------------------------------------------------ signalfd

    static final class SignalFd extends Files.OpenFile {
        final Vfs.Inode inode;
        long mask;

        SignalFd(long ino, long mask, int flags) {
            super(O_RDWR | flags);
            this.inode = new Vfs.FileInode(ino, 0600);
            this.mask = mask;
        }

        @Override
        String describe() {
            return "anon_inode:[signalfd] " + Signals.maskToString(mask);
        }

        /** A signalfd reads the signals pending for whoever reads it. */
        @Override
        long read(Kernel k, Call c, long n, Files.Sink out) {
            if (n < 128) {
                return -EINVAL;
            }
            Proc p = c.proc;
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            while (all.size() + 128 <= n) {
                long ready = p.pending & mask;
                if (ready == 0) {
                    break;
                }
                if (!out.fits(all.size() + 128L)) {
                    return all.size() > 0 ? flush(all, out) : -EFAULT;
                }
                int sig = Long.numberOfTrailingZeros(ready) + 1;
                Signals.Info i = k.signals.dequeue(p, sig);
                byte[] b = new byte[128];
                Bytes.putInt(b, 0, i.signo);
                Bytes.putInt(b, 4, i.errno);
                Bytes.putInt(b, 8, i.code);
                Bytes.putInt(b, 12, i.pid);
                Bytes.putInt(b, 16, i.uid);
                Bytes.putInt(b, 40, i.status);
                Bytes.putLong(b, 48, i.value);
                Bytes.putLong(b, 56, i.utime);
                Bytes.putLong(b, 64, i.stime);
                all.write(b, 0, 128);
            }
            if (all.size() > 0) {
                return flush(all, out);
            }
            if (nonblocking()) {
                return -EAGAIN;
            }
            c.waitingFor = "a signal in " + Signals.maskToString(mask) + " (signalfd)";
            return Kernel.BLOCK;
        }

        private static long flush(java.io.ByteArrayOutputStream all, Files.Sink out) {
            byte[] b = all.toByteArray();
            out.put(b, 0, b.length);
            return b.length;
        }

        @Override
        int poll(Kernel k) {
            Proc p = k.current;
            return p != null && (p.pending & mask) != 0 ? POLLIN | POLLRDNORM : 0;
        }

        @Override
        Vfs.Inode inode() {
            return inode;
        }
    }

    private long signalfd(Call c, int fd, long maskAddr, long size, int flags) {
        Proc p = c.proc;
        if ((flags & ~(O_CLOEXEC | O_NONBLOCK)) != 0 || size != 8) {
            return -EINVAL;
        }
        Long mask = p.mm.readLong(maskAddr);
        if (mask == null) {
            return -EFAULT;
        }
        long m = mask & ~UNBLOCKABLE;
        if (fd != -1) {
            Files.OpenFile f = p.files.file(fd);
            if (f == null) {
                return -EBADF;
            }
            if (!(f instanceof SignalFd)) {
                return -EINVAL;
            }
            ((SignalFd) f).mask = m;
            return fd;
        }
        return install(p, new SignalFd(k.vfs.newIno(), m, flags & O_NONBLOCK), (flags & O_CLOEXEC) != 0);
    }

    // ------------------------------------------------------------------ epoll

    static final class Interest {
        final int fd;
        final Files.OpenFile file;
        long events;
        long data;
        boolean disarmed;
        int lastReported;

        Interest(int fd, Files.OpenFile file) {
            this.fd = fd;
            this.file = file;
        }
    }

    static final class Epoll extends Files.OpenFile {
        final Vfs.Inode inode;
        /** Keyed like Linux's epitems: by (file, fd), in insertion order. */
        final Map<List<Object>, Interest> interests = new LinkedHashMap<>();

        Epoll(long ino, int flags) {
            super(O_RDWR | flags);
            this.inode = new Vfs.FileInode(ino, 0600);
        }

        @Override
        String describe() {
            return "anon_inode:[eventpoll] (" + interests.size() + " fds)";
        }

        @Override
        boolean hasReadOp() {
            return false;
        }

        @Override
        boolean hasWriteOp() {
            return false;
        }

        @Override
        boolean noopSeek() {
            return true;
        }

        int readyMask(Kernel k, Interest i) {
            if (i.disarmed || i.file.refs == 0) {
                return 0;
            }
            int want = (int) (i.events & 0xffff) | POLLERR | POLLHUP;
            return i.file.poll(k) & want;
        }

        @Override
        int poll(Kernel k) {
            for (Interest i : interests.values()) {
                if (readyMask(k, i) != 0) {
                    return POLLIN | POLLRDNORM;
                }
            }
            return 0;
        }

        @Override
        Vfs.Inode inode() {
            return inode;
        }
    }

    private long epollCreate(Call c, int flags) {
        if ((flags & ~O_CLOEXEC) != 0) {
            return -EINVAL;
        }
        return install(c.proc, new Epoll(k.vfs.newIno(), 0), (flags & O_CLOEXEC) != 0);
    }

    /**
     * EPOLLEXCLUSIVE_OK_BITS: the in/out bits (with RDNORM 0x40, RDBAND 0x80, WRNORM 0x100, WRBAND 0x200), ERR,
     * HUP, WAKEUP, ET and EXCLUSIVE itself.
     */
    private static final long EXCLUSIVE_OK_BITS = EPOLLIN | EPOLLOUT | 0x40 | 0x80 | 0x100 | 0x200 | EPOLLERR
            | EPOLLHUP | EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE;

    private long epollCtl(Call c) {
        Proc p = c.proc;
        int epfd = (int) c.a0;
        int op = (int) c.a1;
        int fd = (int) c.a2;
        long eventAddr = c.a3;
        byte[] ev = null;
        if (op != EPOLL_CTL_DEL) {
            ev = p.mm.copyIn(eventAddr, eventSize(k.arch));
            if (ev == null) {
                return -EFAULT;
            }
        }
        Files.OpenFile ef = p.files.file(epfd);
        Files.OpenFile tf = p.files.file(fd);
        // fdget does not see O_PATH fds: EBADF, before the EPERM and EINVAL of the file types
        if (ef == null || tf == null || ef.isPath() || tf.isPath()) {
            return -EBADF;
        }
        if (!(tf instanceof Files.PipeEnd || tf instanceof Files.PidFd || tf instanceof EventFd
                || tf instanceof SocketCalls.Sock || tf instanceof Ptys.Master || tf instanceof Ptys.Slave
                || tf instanceof SignalFd || tf instanceof Epoll)) {
            return -EPERM; // regular files, directories and devices do not support epoll
        }
        if (!(ef instanceof Epoll) || ef == tf) {
            return -EINVAL;
        }
        Epoll ep = (Epoll) ef;
        List<Object> key = List.of(tf, fd);
        Interest cur = ep.interests.get(key);
        long events = ev == null ? 0 : Bytes.getInt(ev, EVENTS_OFFSET) & 0xffffffffL;
        // do_epoll_ctl checks EPOLLEXCLUSIVE before it looks the fd up: never with MOD, and with ADD only on a
        // file that is not an epoll fd and with no bits beyond EPOLLEXCLUSIVE_OK_BITS
        if (ev != null && (events & EPOLLEXCLUSIVE) != 0 && (op == EPOLL_CTL_MOD || op == EPOLL_CTL_ADD
                && (tf instanceof Epoll || (events & ~EXCLUSIVE_OK_BITS) != 0))) {
            return -EINVAL;
        }
        long data = ev == null ? 0 : Bytes.getLong(ev, dataOffset(k.arch));
        switch (op) {
            case EPOLL_CTL_ADD: {
                if (cur != null) {
                    return -EEXIST;
                }
                Interest i = new Interest(fd, tf);
                i.events = events;
                i.data = data;
                ep.interests.put(key, i);
                return 0;
            }
            case EPOLL_CTL_MOD:
                if (cur == null) {
                    return -ENOENT;
                }
                if ((events & EPOLLEXCLUSIVE) != 0) {
                    return -EINVAL;
                }
                cur.events = events;
                cur.data = data;
                cur.disarmed = false;
                cur.lastReported = 0;
                return 0;
            case EPOLL_CTL_DEL:
                return ep.interests.remove(key) == null ? -ENOENT : 0;
            default:
                return -EINVAL;
        }
    }

    private long epollPwait2(Call c) {
        long timeout = -1;
        if (c.a3 != 0) {
            timeout = Timespecs.readNs(c.proc, c.a3);
            if (timeout < 0) {
                return timeout;
            }
        }
        return epollWait(c, timeout, c.a4, c.a5);
    }

    private long epollWait(Call c, long timeoutNs, long sigmask, long sigsetsize) {
        Proc p = c.proc;
        c.restartable = false; // epoll_wait returns EINTR after a handler whatever SA_RESTART says
        int maxevents = (int) c.a2;
        int size = eventSize(k.arch);
        // fs/eventpoll.c do_epoll_wait as Linux 6.18 orders it (checked there): the fd (EBADF, O_PATH included),
        // maxevents (EINVAL), access_ok on the range only (EFAULT), the file type (EINVAL); an unmapped buffer
        // faults only when an event is copied out
        Files.OpenFile f = p.files.file((int) c.a0);
        if (f == null || f.isPath()) {
            return -EBADF;
        }
        if (maxevents <= 0 || maxevents > Integer.MAX_VALUE / size) {
            return -EINVAL;
        }
        if (!AddressSpace.accessOk(c.a1, (long) size * maxevents)) {
            return -EFAULT;
        }
        if (!(f instanceof Epoll)) {
            return -EINVAL;
        }
        if (sigmask != 0 && !c.maskSwapped && !c.blockedOnce) {
            SignalCalls.swapInMask(c, sigmask, sigsetsize);
        }
        if (c.deadline == Call.NO_DEADLINE && timeoutNs >= 0 && !c.blockedOnce) {
            c.deadline = k.clock.monotonicNs() + timeoutNs + c.lateNs;
        }
        Epoll ep = (Epoll) f;
        List<byte[]> out = new ArrayList<>();
        for (Interest i : new ArrayList<>(ep.interests.values())) {
            if (out.size() == maxevents) {
                break;
            }
            int ready = ep.readyMask(k, i);
            if ((i.events & EPOLLET) != 0) {
                // edge-triggered, approximated: report readiness bits that were not set at the last report
                int fresh = ready & ~i.lastReported;
                i.lastReported = ready;
                ready = fresh;
            }
            if (ready == 0) {
                continue;
            }
            byte[] e = new byte[size];
            Bytes.putInt(e, EVENTS_OFFSET, ready);
            Bytes.putLong(e, dataOffset(k.arch), i.data);
            out.add(e);
            if ((i.events & EPOLLONESHOT) != 0) {
                i.disarmed = true;
            }
        }
        if (out.isEmpty()) {
            boolean expired = timeoutNs == 0 || (c.deadline != Call.NO_DEADLINE
                    && k.clock.monotonicNs() >= c.deadline);
            if (!expired) {
                c.waitingFor = "events on epoll fd " + c.a0;
                return Kernel.BLOCK;
            }
            return 0;
        }
        for (int n = 0; n < out.size(); n++) {
            if (!p.mm.copyOut(c.a1 + (long) size * n, out.get(n))) {
                // ep_send_events: a fault ends the copy; EFAULT only when nothing was copied
                return n == 0 ? -EFAULT : n;
            }
        }
        return out.size();
    }
}
