// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.backend.fake.FakeUnsupportedException;
import dev.jsyscall.linux.Syscall;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Memory, time, futex and system-information syscalls (internal). */
final class MiscCalls {
    private final PidTable pids;
    /** The virtual clock ({@code clock} is the clock id the calls name). */
    private final Clock time;
    private final Futexes futexes;
    private final SplittableRandom rng;

    MiscCalls(PidTable pids, Clock time, Futexes futexes, SplittableRandom rng) {
        this.pids = pids;
        this.time = time;
        this.futexes = futexes;
        this.rng = rng;
    }

    void register(Registrar r) {
        r.register(Syscall.MMAP, this::mmap);
        r.register(Syscall.MUNMAP, c -> c.proc.mm.munmap(c.a0, c.a1));
        r.register(Syscall.MPROTECT, c -> c.proc.mm.mprotect(c.a0, c.a1, (int) c.a2));
        r.register(Syscall.MADVISE, this::madvise);
        r.register(Syscall.BRK, c -> 0x555555559000L); // a fixed break: growing it "fails", as brk reports
        r.register(Syscall.CLOCK_GETTIME, this::clockGettime);
        r.register(Syscall.CLOCK_GETRES, this::clockGetres);
        r.register(Syscall.GETTIMEOFDAY, this::gettimeofday);
        r.register(Syscall.TIME, c -> {
            long t = time.realtimeNs() / 1_000_000_000L;
            if (c.a0 != 0 && !c.proc.mm.writeLong(c.a0, t)) {
                return -EFAULT;
            }
            return t;
        });
        r.register(Syscall.NANOSLEEP, c -> sleep(c, CLOCK_MONOTONIC, 0, c.a0, c.a1));
        r.register(Syscall.CLOCK_NANOSLEEP, c -> sleep(c, (int) c.a0, (int) c.a1, c.a2, c.a3));
        r.register(Syscall.UNAME, this::uname);
        r.register(Syscall.GETRANDOM, this::getrandom);
        r.register(Syscall.SCHED_YIELD, c -> 0);
        r.register(Syscall.TIMES, c -> {
            // no CPU time is charged; the return value is clock ticks (USER_HZ 100) since boot
            if (c.a0 != 0 && !c.proc.mm.copyOut(c.a0, new byte[32])) {
                return -EFAULT;
            }
            return time.monotonicNs() / 10_000_000L;
        });
        r.register(Syscall.SYSINFO, this::sysinfo);
        r.register(Syscall.FUTEX, this::futex);
        r.register(Syscall.ARCH_PRCTL, c -> 0);
        r.register(Syscall.SET_ROBUST_LIST, c -> c.a1 == 24 ? 0 : -EINVAL);
        r.register(Syscall.GETCPU, c -> {
            if (c.a0 != 0 && !c.proc.mm.writeInt(c.a0, 0)) {
                return -EFAULT;
            }
            if (c.a1 != 0 && !c.proc.mm.writeInt(c.a1, 0)) {
                return -EFAULT;
            }
            return 0;
        });
    }

    private long mmap(Call c) {
        long addr = c.a0;
        long len = c.a1;
        int prot = (int) c.a2;
        int flags = (int) c.a3;
        long off = c.a5;
        int type = flags & MAP_TYPE;
        if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE) {
            return -EINVAL;
        }
        if ((off & (PAGE_SIZE - 1)) != 0 || len == 0) {
            return -EINVAL;
        }
        if ((flags & MAP_HUGETLB) != 0) {
            throw new FakeUnsupportedException("mmap(MAP_HUGETLB) is not simulated");
        }
        if ((flags & MAP_ANONYMOUS) != 0) {
            return c.proc.mm.mmap(addr, len, prot, flags, type == MAP_PRIVATE ? "[anon]" : "[anon:shared]");
        }
        Files.OpenFile f = c.proc.files.file((int) c.a4);
        if (f == null) {
            return -EBADF;
        }
        if (!(f instanceof Files.InodeFile) || !(f.inode() instanceof Vfs.FileInode)) {
            return -ENODEV;
        }
        if (!f.readable() || (type != MAP_PRIVATE && (prot & PROT_WRITE) != 0 && !f.writable())) {
            return -EACCES;
        }
        if (type != MAP_PRIVATE) {
            throw new FakeUnsupportedException("mmap(MAP_SHARED) of a file is not simulated");
        }
        // a private file mapping: a snapshot of the file's bytes
        Vfs.FileInode node = (Vfs.FileInode) f.inode();
        long at = c.proc.mm.mmap(addr, len, prot | PROT_WRITE, flags, node.path());
        if (at < 0 && at >= -4095) {
            return at;
        }
        if (off < node.length) {
            // only the written pages: holes are already zeros in fresh anonymous memory
            long n = Math.min(len, node.length - off);
            for (java.util.Map.Entry<Long, byte[]> e : node.writtenPages(off, n).entrySet()) {
                long from = Math.max(e.getKey(), off);
                long to = Math.min(e.getKey() + PAGE_SIZE, off + n);
                c.proc.mm.copyOut(at + (from - off), e.getValue(), (int) (from - e.getKey()), (int) (to - from));
            }
        }
        if ((prot & PROT_WRITE) == 0) {
            c.proc.mm.mprotect(at, len, prot);
        }
        return at;
    }

    private long madvise(Call c) {
        int advice = (int) c.a2;
        if (advice == 4 /* MADV_DONTNEED */) {
            return c.proc.mm.dontneed(c.a0, c.a1);
        }
        if ((c.a0 & (PAGE_SIZE - 1)) != 0) {
            return -EINVAL;
        }
        return 0;
    }

    private long clockNs(int clock, Proc p) {
        switch (clock) {
            case CLOCK_REALTIME:
            case CLOCK_REALTIME_COARSE:
            case CLOCK_TAI:
            case CLOCK_REALTIME_ALARM:
                return time.realtimeNs();
            case CLOCK_MONOTONIC:
            case CLOCK_MONOTONIC_RAW:
            case CLOCK_MONOTONIC_COARSE:
            case CLOCK_BOOTTIME:
            case CLOCK_BOOTTIME_ALARM:
                return time.monotonicNs();
            case CLOCK_PROCESS_CPUTIME_ID:
            case CLOCK_THREAD_CPUTIME_ID:
                return 0; // the fake charges no CPU time
            default:
                return -1;
        }
    }

    private static byte[] timespec(long ns) {
        byte[] b = new byte[16];
        Bytes.putLong(b, 0, Math.floorDiv(ns, 1_000_000_000L));
        Bytes.putLong(b, 8, Math.floorMod(ns, 1_000_000_000L));
        return b;
    }

    private long clockGettime(Call c) {
        long ns = clockNs((int) c.a0, c.proc);
        if (ns < 0) {
            return -EINVAL;
        }
        return c.proc.mm.copyOut(c.a1, timespec(ns)) ? 0 : -EFAULT;
    }

    private long clockGetres(Call c) {
        if (clockNs((int) c.a0, c.proc) < 0) {
            return -EINVAL;
        }
        if (c.a1 == 0) {
            return 0;
        }
        return c.proc.mm.copyOut(c.a1, timespec(1)) ? 0 : -EFAULT;
    }

    private long gettimeofday(Call c) {
        if (c.a0 != 0) {
            long ns = time.realtimeNs();
            byte[] b = new byte[16];
            Bytes.putLong(b, 0, ns / 1_000_000_000L);
            Bytes.putLong(b, 8, (ns % 1_000_000_000L) / 1000);
            if (!c.proc.mm.copyOut(c.a0, b)) {
                return -EFAULT;
            }
        }
        if (c.a1 != 0 && !c.proc.mm.copyOut(c.a1, new byte[8])) {
            return -EFAULT;
        }
        return 0;
    }

    /** nanosleep and clock_nanosleep on the virtual clock; a handled signal ends them with EINTR and rem. */
    private long sleep(Call c, int clock, int flags, long reqAddr, long remAddr) {
        Proc p = c.proc;
        c.restartable = false;
        if (c.deadline == Call.NO_DEADLINE && !c.blockedOnce) {
            if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME
                    && clock != CLOCK_TAI) {
                return clock == CLOCK_THREAD_CPUTIME_ID ? -EINVAL : clockNs(clock, p) < 0 ? -EINVAL : -EOPNOTSUPP;
            }
            long ns = Timespecs.readNs(p, reqAddr);
            if (ns < 0) {
                return ns;
            }
            if ((flags & TIMER_ABSTIME) != 0) {
                long now = clockNs(clock, p);
                c.deadline = time.monotonicNs() + Math.max(0, ns - now) + c.lateNs;
            } else {
                c.deadline = time.monotonicNs() + ns + c.lateNs;
            }
            boolean relative = (flags & TIMER_ABSTIME) == 0;
            c.onInterrupt = () -> {
                if (relative && remAddr != 0) {
                    // the jitter is the kernel's lateness, not time the caller asked for
                    long left = Math.max(0, c.deadline - c.lateNs - time.monotonicNs());
                    if (!p.mm.copyOut(remAddr, timespec(left))) {
                        return -EFAULT;
                    }
                }
                return -EINTR;
            };
        }
        if (time.monotonicNs() >= c.deadline) {
            return 0;
        }
        c.waitingFor = "the virtual clock to reach " + c.deadline + " ns";
        return Kernel.BLOCK;
    }

    private long sysinfo(Call c) {
        byte[] b = new byte[112];
        Bytes.putLong(b, 0, time.monotonicNs() / 1_000_000_000L); // uptime
        Bytes.putLong(b, 32, 8L << 30); // totalram
        Bytes.putLong(b, 40, 4L << 30); // freeram
        Bytes.putShort(b, 80, pids.count()); // procs
        Bytes.putInt(b, 104, 1); // mem_unit
        return c.proc.mm.copyOut(c.a0, b) ? 0 : -EFAULT;
    }

    private long uname(Call c) {
        byte[] b = new byte[65 * 6];
        String[] fields = {"Linux", c.proc.uts.hostname, "6.18.0-jsyscall-fake", "#1 SMP PREEMPT_DYNAMIC",
            "x86_64", c.proc.uts.domainname};
        for (int i = 0; i < fields.length; i++) {
            byte[] f = fields[i].getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(f, 0, b, 65 * i, f.length);
        }
        return c.proc.mm.copyOut(c.a0, b) ? 0 : -EFAULT;
    }

    /**
     * drivers/char/random.c getrandom: the flags (EINVAL), then import_ubuf clamps the count to MAX_RW_COUNT and
     * checks access_ok (EFAULT); the bytes are copied until the first fault, EFAULT only if there were none.
     */
    private long getrandom(Call c) {
        long flags = c.a2;
        if ((flags & ~7L) != 0 || (flags & 6) == 6) { // GRND_RANDOM and GRND_INSECURE together
            return -EINVAL;
        }
        long count = Long.compareUnsigned(c.a1, MAX_RW_COUNT) > 0 ? MAX_RW_COUNT : c.a1;
        if (!AddressSpace.accessOk(c.a0, count)) {
            return -EFAULT;
        }
        long n = c.proc.mm.accessiblePrefix(c.a0, count, PROT_WRITE);
        if (n == 0 && count != 0) {
            return -EFAULT;
        }
        // a block at a time: the cost is what is written, whatever count was asked for
        byte[] b = new byte[(int) Math.min(n, 65536)];
        for (long done = 0; done < n; done += b.length) {
            int m = (int) Math.min(b.length, n - done);
            for (int i = 0; i < m; i++) {
                b[i] = (byte) rng.nextInt(256);
            }
            c.proc.mm.copyOut(c.a0 + done, b, 0, m);
        }
        return n;
    }

    private long futex(Call c) {
        Proc p = c.proc;
        int op = (int) c.a1 & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
        long uaddr = c.a0;
        switch (op) {
            case FUTEX_WAIT:
            case FUTEX_WAIT_BITSET: {
                if ((uaddr & 3) != 0) {
                    return -EINVAL;
                }
                if (c.state == null) {
                    Integer v = p.mm.readInt(uaddr);
                    if (v == null) {
                        return -EFAULT;
                    }
                    if (v != (int) c.a2) {
                        return -EAGAIN;
                    }
                    if (c.a3 != 0) {
                        byte[] ts = p.mm.copyIn(c.a3, 16);
                        if (ts == null) {
                            return -EFAULT;
                        }
                        long ns = Bytes.getLong(ts, 0) * 1_000_000_000L + Bytes.getLong(ts, 8);
                        // FUTEX_WAIT takes a relative timeout, FUTEX_WAIT_BITSET an absolute one
                        c.deadline = op == FUTEX_WAIT ? time.monotonicNs() + ns
                                : time.monotonicNs() + Math.max(0, ns - clockNs(
                                        ((int) c.a1 & FUTEX_CLOCK_REALTIME) != 0 ? CLOCK_REALTIME : CLOCK_MONOTONIC, p));
                    }
                    c.state = futexes.enqueue(p.mm, uaddr);
                    c.madeProgress = true;
                }
                Futexes.Waiter w = (Futexes.Waiter) c.state;
                if (w.woken) {
                    return 0;
                }
                if (time.monotonicNs() >= c.deadline) {
                    futexes.cancel(w);
                    return -ETIMEDOUT;
                }
                c.waitingFor = "futex 0x" + Long.toHexString(uaddr);
                c.onInterrupt = () -> {
                    futexes.cancel(w);
                    return -EINTR;
                };
                return Kernel.BLOCK;
            }
            case FUTEX_WAKE:
            case FUTEX_WAKE_BITSET:
                if ((uaddr & 3) != 0) {
                    return -EINVAL;
                }
                return futexes.wake(p.mm, uaddr, (int) c.a2);
            default:
                throw new FakeUnsupportedException("futex op " + op + " is not simulated");
        }
    }
}
