// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.linux.Syscall;
import java.util.ArrayList;

/**
 * Exit and wait (internal): exit and exit_group, and wait4 and waitid (do_wait: which children match, what each
 * reports, reaping unless WNOWAIT), including waiting on a pidfd.
 */
final class WaitCalls {
    private final Exits exits;

    WaitCalls(Exits exits) {
        this.exits = exits;
    }

    void register(Registrar r) {
        r.register(Syscall.EXIT, this::exit);
        r.register(Syscall.EXIT_GROUP, this::exit);
        r.register(Syscall.WAIT4, this::wait4);
        r.register(Syscall.WAITID, this::waitid);
    }

    private long exit(Call c) {
        exits.exitWith(c.proc, (int) c.a0);
        return 0;
    }

    private static final int WAIT_OPTIONS = WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD
            | __WCLONE | __WALL;

    /** What do_wait found. */
    private static final class Found {
        Proc child;
        int code;
        int status;
        int waitStatus;
    }

    private long waitid(Call c) {
        Proc me = c.proc;
        int which = (int) c.a0;
        int upid = (int) c.a1;
        long infop = c.a2;
        int options = (int) c.a3;
        long ru = c.a4;
        long r = waitidCore(c, which, upid, options);
        if (r == Kernel.BLOCK) {
            return r;
        }
        Found f = c.state instanceof Found ? (Found) c.state : null;
        if (r > 0 && ru != 0 && !me.mm.copyOut(ru, new byte[144])) {
            return -EFAULT;
        }
        if (infop == 0) {
            return r > 0 ? 0 : r;
        }
        // waitid writes these six fields, even when it fails or finds nothing (then they are zeros)
        byte[] six = new byte[28];
        if (r > 0) {
            Bytes.putInt(six, 0, SIGCHLD);
            Bytes.putInt(six, 8, f.code);
            Bytes.putInt(six, 16, f.child.pid);
            Bytes.putInt(six, 20, f.child.creds.uid);
            Bytes.putInt(six, 24, f.status);
        }
        if (!me.mm.accessible(infop, 28, PROT_WRITE)) {
            return -EFAULT;
        }
        me.mm.copyOut(infop, six, 0, 12);
        me.mm.copyOut(infop + 16, six, 16, 12);
        return r > 0 ? 0 : r;
    }

    /** kernel_waitid: returns 1 when something was found (in c.state), 0 for WNOHANG-nothing, -errno, BLOCK. */
    private long waitidCore(Call c, int which, int upid, int options) {
        if ((options & ~WAIT_OPTIONS) != 0 || (options & (WEXITED | WSTOPPED | WCONTINUED)) == 0) {
            return -EINVAL;
        }
        Proc target = null;
        int pgid = 0;
        boolean pidfdNonblock = false;
        int asked = options;
        switch (which) {
            case P_ALL:
                break;
            case P_PID:
                if (upid <= 0) {
                    return -EINVAL;
                }
                break;
            case P_PGID:
                if (upid < 0) {
                    return -EINVAL;
                }
                pgid = upid == 0 ? c.proc.pgid : upid;
                break;
            case P_PIDFD: {
                if (upid < 0) {
                    return -EINVAL;
                }
                Files.OpenFile f = c.proc.files.file(upid);
                if (!(f instanceof Files.PidFd)) {
                    return -EBADF;
                }
                target = ((Files.PidFd) f).target;
                pidfdNonblock = f.nonblocking();
                if (pidfdNonblock) {
                    options |= WNOHANG;
                }
                break;
            }
            default:
                return -EINVAL;
        }
        long r = doWait(c, which, upid, pgid, target, options);
        if (r == 0 && pidfdNonblock && (asked & WNOHANG) == 0) {
            return -EAGAIN;
        }
        return r;
    }

    private long doWait(Call c, int which, int upid, int pgid, Proc pidfdTarget, int options) {
        Proc me = c.proc;
        boolean any = false;
        for (Proc ch : new ArrayList<>(me.children)) {
            if (ch.state == Proc.State.DEAD) {
                continue;
            }
            if (which == P_PID && ch.pid != upid) {
                continue;
            }
            if (which == P_PGID && ch.pgid != pgid) {
                continue;
            }
            if (which == P_PIDFD && ch != pidfdTarget) {
                continue;
            }
            // __WCLONE selects children whose exit signal is not SIGCHLD; __WALL takes both
            if (((ch.exitSignal != SIGCHLD) ^ ((options & __WCLONE) != 0)) && (options & __WALL) == 0) {
                continue;
            }
            if (ch.state == Proc.State.ZOMBIE && (options & WEXITED) == 0) {
                // as wait_consider_task: a zombie answers only WEXITED, and does not count as a child to wait for
                // (ECHILD, never a block), where a living child could still stop or continue
                continue;
            }
            any = true;
            Found f = consider(ch, options);
            if (f != null) {
                c.state = f;
                return 1;
            }
        }
        if (!any) {
            return -ECHILD;
        }
        if ((options & WNOHANG) != 0) {
            return 0;
        }
        c.waitingFor = "a child state change (" + (which == P_ALL ? "any child" : which == P_PID ? "pid " + upid
                : which == P_PGID ? "group " + pgid : "pidfd of " + pidfdTarget.pid) + ")";
        return Kernel.BLOCK;
    }

    private Found consider(Proc ch, int options) {
        boolean nowait = (options & WNOWAIT) != 0;
        if (ch.state == Proc.State.ZOMBIE) {
            if ((options & WEXITED) == 0) {
                return null;
            }
            Found f = new Found();
            f.child = ch;
            f.code = ch.cldCode;
            f.status = ch.cldStatus;
            f.waitStatus = ch.waitStatus;
            if (!nowait) {
                exits.reap(ch);
            }
            return f;
        }
        if ((options & WSTOPPED) != 0 && ch.stopped && ch.stopReportable) {
            Found f = new Found();
            f.child = ch;
            f.code = CLD_STOPPED;
            f.status = ch.stopSignal;
            f.waitStatus = (ch.stopSignal << 8) | 0x7f;
            if (!nowait) {
                ch.stopReportable = false;
            }
            return f;
        }
        if ((options & WCONTINUED) != 0 && ch.continuedReportable) {
            Found f = new Found();
            f.child = ch;
            f.code = CLD_CONTINUED;
            f.status = SIGCONT;
            f.waitStatus = 0xffff;
            if (!nowait) {
                ch.continuedReportable = false;
            }
            return f;
        }
        return null;
    }

    private long wait4(Call c) {
        Proc me = c.proc;
        int upid = (int) c.a0;
        long statusAddr = c.a1;
        int options = (int) c.a2;
        long ru = c.a3;
        if ((options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL)) != 0) {
            return -EINVAL;
        }
        options |= WEXITED;
        long r;
        if (upid == Integer.MIN_VALUE) {
            return -ESRCH;
        } else if (upid < -1) {
            r = doWait(c, P_PGID, 0, -upid, null, options);
        } else if (upid == -1) {
            r = doWait(c, P_ALL, 0, 0, null, options);
        } else if (upid == 0) {
            r = doWait(c, P_PGID, 0, me.pgid, null, options);
        } else {
            r = doWait(c, P_PID, upid, 0, null, options);
        }
        if (r != 1) {
            return r;
        }
        Found f = (Found) c.state;
        if (statusAddr != 0 && !me.mm.writeInt(statusAddr, f.waitStatus)) {
            return -EFAULT;
        }
        if (ru != 0 && !me.mm.copyOut(ru, new byte[144])) {
            return -EFAULT;
        }
        return f.child.pid;
    }
}
