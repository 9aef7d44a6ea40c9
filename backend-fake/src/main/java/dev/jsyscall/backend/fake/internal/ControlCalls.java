// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.backend.fake.FakeUnsupportedException;
import dev.jsyscall.linux.Syscall;

/**
 * fcntl and ioctl (internal): fd and file-status flags, F_DUPFD, pipe sizes, and the device requests that reach
 * terminals.
 */
final class ControlCalls {
    private final Ptys ptys;

    ControlCalls(Ptys ptys) {
        this.ptys = ptys;
    }

    void register(Registrar r) {
        r.register(Syscall.FCNTL, this::fcntl);
        r.register(Syscall.IOCTL, this::ioctl);
    }

    private long fcntl(Call c) {
        Proc p = c.proc;
        int fd = (int) c.a0;
        int cmd = (int) c.a1;
        long arg = c.a2;
        Files.Entry e = p.files.get(fd);
        if (e == null) {
            return -EBADF;
        }
        // fs/fcntl.c: fdget_raw sees O_PATH fds, but check_fcntl_cmd lets only these commands through
        if (e.file.isPath() && cmd != F_DUPFD && cmd != F_DUPFD_CLOEXEC && cmd != F_GETFD && cmd != F_SETFD
                && cmd != F_GETFL) {
            return -EBADF;
        }
        switch (cmd) {
            case F_DUPFD:
            case F_DUPFD_CLOEXEC: {
                if (arg < 0 || arg >= p.rlimCur[RLIMIT_NOFILE]) {
                    return -EINVAL;
                }
                int nfd = p.files.lowestFree((int) arg, p.rlimCur[RLIMIT_NOFILE]);
                if (nfd < 0) {
                    return nfd;
                }
                p.files.install(nfd, e.file, cmd == F_DUPFD_CLOEXEC);
                return nfd;
            }
            case F_GETFD:
                return e.cloexec ? FD_CLOEXEC : 0;
            case F_SETFD:
                e.cloexec = (arg & FD_CLOEXEC) != 0;
                return 0;
            case F_GETFL:
                return e.file.flags;
            case F_GETOWN:
            case F_GETSIG:
                return 0; // the fake has no F_SETOWN or F_SETSIG: no fd has an owner, SIGIO is the signal
            case F_SETFL: {
                // setfl: O_DIRECT needs FMODE_CAN_ODIRECT, which none of the fake's files has (tmpfs, /dev);
                // on a pipe it is packet mode, which is not simulated
                if ((arg & O_DIRECT) != 0) {
                    if (e.file instanceof Files.PipeEnd) {
                        throw new FakeUnsupportedException("fcntl(F_SETFL, O_DIRECT): packet-mode pipes are not"
                                + " simulated");
                    }
                    return -EINVAL;
                }
                int settable = O_APPEND | O_ASYNC | O_DIRECT | O_NOATIME | O_NONBLOCK;
                e.file.flags = (e.file.flags & ~settable) | ((int) arg & settable);
                return 0;
            }
            case F_GETPIPE_SZ:
                return e.file instanceof Files.PipeEnd ? ((Files.PipeEnd) e.file).pipe.capacity : -EBADF;
            case F_SETPIPE_SZ: {
                if (!(e.file instanceof Files.PipeEnd)) {
                    return -EBADF;
                }
                Files.Pipe pipe = ((Files.PipeEnd) e.file).pipe;
                long size = Math.max(arg, PAGE_SIZE);
                if (arg < 0 || size > (1L << 31)) {
                    return -EINVAL;
                }
                long rounded = Long.highestOneBit(size - 1) << 1;
                if (rounded < PAGE_SIZE) {
                    rounded = PAGE_SIZE;
                }
                if (rounded > 1048576 && !Namespaces.capableInInitial(p)) {
                    return -EPERM;
                }
                if (pipe.size > rounded) {
                    return -EBUSY;
                }
                pipe.capacity = (int) rounded;
                return rounded;
            }
            default:
                return -EINVAL;
        }
    }

    private long ioctl(Call c) {
        Proc p = c.proc;
        Files.Entry e = p.files.get((int) c.a0);
        if (e == null) {
            return -EBADF;
        }
        int req = (int) c.a1;
        switch (req) {
            case FIOCLEX:
                e.cloexec = true;
                return 0;
            case FIONCLEX:
                e.cloexec = false;
                return 0;
            case FIONBIO: {
                Integer v = p.mm.readInt(c.a2);
                if (v == null) {
                    return -EFAULT;
                }
                e.file.flags = v != 0 ? e.file.flags | O_NONBLOCK : e.file.flags & ~O_NONBLOCK;
                return 0;
            }
            case FIONREAD:
                if (e.file instanceof Files.PipeEnd) {
                    return p.mm.writeInt(c.a2, ((Files.PipeEnd) e.file).pipe.size) ? 0 : -EFAULT;
                }
                if (e.file.inode() instanceof Vfs.FileInode && !(e.file instanceof Files.PidFd)) {
                    long left = Math.max(0, e.file.inode().size() - e.file.offset);
                    return p.mm.writeInt(c.a2, (int) left) ? 0 : -EFAULT;
                }
                return -ENOTTY;
            default:
                return ptys.ioctl(c, e, req);
        }
    }
}
