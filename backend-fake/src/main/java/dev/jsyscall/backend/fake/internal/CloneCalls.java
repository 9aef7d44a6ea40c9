// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.backend.fake.FakeUnsupportedException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.sched.CloneArgs;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.spi.DrivenProtocol;

/**
 * clone and clone3 (internal): a new process that shares with its parent what the flags say and runs the driven
 * child's server; fork and vfork are refused.
 */
final class CloneCalls {
    /** Only handed to {@code Servers.start}, whose server loop runs the child's syscalls through the kernel. */
    private final Kernel k;
    private final PidTable pids;
    private final Vfs vfs;
    private final Clock clock;
    private final Trace trace;
    private final Exits exits;

    CloneCalls(Kernel k, PidTable pids, Vfs vfs, Clock clock, Trace trace, Exits exits) {
        this.k = k;
        this.pids = pids;
        this.vfs = vfs;
        this.clock = clock;
        this.trace = trace;
        this.exits = exits;
    }

    void register(Registrar r) {
        r.register(Syscall.CLONE, this::clone);
        r.register(Syscall.CLONE3, this::clone3);
        r.register(Syscall.FORK, c -> {
            throw new FakeUnsupportedException("fork: the child would run a copy of the caller's machine code,"
                    + " which the fake cannot simulate; clone a driven child (stack starting with the server entry)");
        });
        r.register(Syscall.VFORK, c -> {
            throw new FakeUnsupportedException("vfork: the child would run the caller's machine code, which the"
                    + " fake cannot simulate; clone a driven child instead");
        });
    }

    private long clone(Call c) {
        if (c.state instanceof Proc) {
            return vforkWait(c); // the clone is done; this attempt re-checks the vfork wait
        }
        // legacy clone reads the low 32 bits of its flags: CLONE_CLEAR_SIGHAND and later are clone3's alone
        return clone(c, c.a0 & 0xffff_ffffL, c.a1, c.a2, c.a3, c.a2);
    }

    /** Bytes of {@code struct clone_args} version 0 (up to {@code tls}): the least clone3 accepts. */
    private static final int CLONE_ARGS_SIZE_VER0 = 64;

    /** The flags this clone3 knows: the legacy ones, {@code CLONE_CLEAR_SIGHAND} and {@code CLONE_INTO_CGROUP}. */
    private static final long CLONE3_KNOWN = 0xffff_ff00L | CloneFlag.CLEAR_SIGHAND.bit() | CloneFlag.INTO_CGROUP.bit();

    private long clone3(Call c) {
        if (c.state instanceof Proc) {
            return vforkWait(c);
        }
        long size = c.a1;
        if (size < CLONE_ARGS_SIZE_VER0 || size > 4096) {
            return size > 4096 ? -E2BIG : -EINVAL;
        }
        byte[] raw = c.proc.mm.copyIn(c.a0, size);
        if (raw == null) {
            return -EFAULT;
        }
        // a bigger struct than the kernel knows is accepted only if the part it does not know is zero
        for (int i = CloneArgs.SIZE; i < raw.length; i++) {
            if (raw[i] != 0) {
                return -E2BIG;
            }
        }
        byte[] args = java.util.Arrays.copyOf(raw, Math.max(raw.length, CloneArgs.SIZE));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(args).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long flags = b.getLong(0);
        long pidfd = b.getLong(8);
        long childTid = b.getLong(16);
        long parentTid = b.getLong(24);
        long exitSignal = b.getLong(32);
        long stack = b.getLong(40);
        long stackSize = b.getLong(48);
        long tls = b.getLong(56);
        long setTidSize = b.getLong(72);
        if ((flags & ~CLONE3_KNOWN) != 0 || (flags & CSIGNAL) != 0 || exitSignal > NSIG
                || (stack == 0) != (stackSize == 0)) {
            return -EINVAL; // clone3 takes the exit signal in its own field, never among the flags
        }
        if ((flags & CloneFlag.CLEAR_SIGHAND.bit()) != 0 && (flags & CLONE_SIGHAND) != 0) {
            return -EINVAL; // a shared table cannot be cleared for the child alone
        }
        if (setTidSize != 0 || tls != 0) {
            throw new FakeUnsupportedException("clone3 with set_tid or tls: the fake simulates driven children only");
        }
        if ((flags & CloneFlag.INTO_CGROUP.bit()) != 0) {
            throw new FakeUnsupportedException("clone3(CLONE_INTO_CGROUP): the fake simulates no cgroup hierarchy");
        }
        // the stack grows down from stack + stack_size, where the driven child's start data is
        return clone(c, flags | exitSignal, stack == 0 ? 0 : stack + stackSize, parentTid, childTid, pidfd);
    }

    private long clone(Call c, long flags, long stack, long ptid, long ctid, long pidfdAt) {
        Proc p = c.proc;
        if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS)
                || (flags & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS)) {
            return -EINVAL;
        }
        if ((flags & CLONE_THREAD) != 0 && (flags & CLONE_SIGHAND) == 0) {
            return -EINVAL;
        }
        if ((flags & CLONE_SIGHAND) != 0 && (flags & CLONE_VM) == 0) {
            return -EINVAL;
        }
        if ((flags & CLONE_PARENT) != 0 && p.kind == Proc.Kind.INIT) {
            return -EINVAL;
        }
        if ((flags & CLONE_PIDFD) != 0
                && ((flags & CLONE_THREAD) != 0 || (flags & CLONE_PARENT_SETTID) != 0)) {
            return -EINVAL; // legacy clone returns the pidfd through parent_tid
        }
        if ((flags & CLONE_THREAD) != 0) {
            throw new FakeUnsupportedException("clone(CLONE_THREAD): the fake simulates single-threaded processes");
        }
        long unsupportedNs = flags & (CLONE_NAMESPACES | CLONE_NEWTIME) & ~(CLONE_NEWUSER | CLONE_NEWUTS);
        if (unsupportedNs != 0) {
            throw new FakeUnsupportedException("clone with namespace flags 0x" + Long.toHexString(unsupportedNs)
                    + ": only user and UTS namespaces are simulated");
        }
        if ((flags & CLONE_NEWUTS) != 0 && (flags & CLONE_NEWUSER) == 0 && !Namespaces.capable(p)) {
            return -EPERM;
        }
        int exitSignal = (int) (flags & CSIGNAL);
        if (exitSignal > NSIG) {
            return -EINVAL;
        }
        if (stack == 0) {
            throw new FakeUnsupportedException("clone without a stack (fork-like, flags 0x" + Long.toHexString(flags)
                    + "): the child would return into the caller's machine code, which the fake cannot run. Give it"
                    + " a stack whose first word is the server entry point 0x"
                    + Long.toHexString(AddressSpace.SERVER_ENTRY));
        }
        AddressSpace childMm = (flags & CLONE_VM) != 0 ? p.mm : p.mm.fork();
        byte[] words = childMm.copyIn(stack, DrivenProtocol.START_DATA_SIZE);
        boolean crashes = words == null;
        if (!crashes && DrivenProtocol.startWord(words, DrivenProtocol.START_ENTRY) != AddressSpace.SERVER_ENTRY) {
            throw new FakeUnsupportedException(String.format("clone: the child's stack at 0x%x starts with 0x%x, not"
                    + " the server entry point 0x%x; the fake can only run driven children (stack = {entry,"
                    + " request fd, response fd, fd to close, fd to close, 0}) and simulated programs", stack,
                    DrivenProtocol.startWord(words, DrivenProtocol.START_ENTRY),
                    AddressSpace.SERVER_ENTRY));
        }
        int pid = pids.alloc();
        if (pid < 0) {
            return -EAGAIN;
        }
        int pidfd = -1;
        Files.PidFd pidfdFile = null;
        Proc child = new Proc(pid);
        if ((flags & CLONE_PIDFD) != 0) {
            pidfd = p.files.lowestFree(0, p.rlimCur[RLIMIT_NOFILE]);
            if (pidfd < 0) {
                return pidfd;
            }
            if (!p.mm.writeInt(pidfdAt, pidfd)) {
                return -EFAULT;
            }
            pidfdFile = new Files.PidFd(child, 0, vfs.newIno());
        }
        pids.ref(pid);
        child.comm = p.comm;
        child.exe = p.exe;
        child.creds = p.creds.copy();
        child.userns = (flags & CLONE_NEWUSER) != 0 ? new Namespaces.UserNs(p.userns, p.creds.euid) : p.userns;
        child.uts = (flags & CLONE_NEWUTS) != 0 ? p.uts.copy() : p.uts;
        child.nice = p.nice;
        child.noNewPrivs = p.noNewPrivs;
        System.arraycopy(p.rlimCur, 0, child.rlimCur, 0, RLIM_NLIMITS);
        System.arraycopy(p.rlimMax, 0, child.rlimMax, 0, RLIM_NLIMITS);
        // The local process stands for the JVM, whose clone goes through the api's clone stub: it blocks every
        // signal around the raw clone, so the child starts with all of them blocked whatever our mask is.
        child.blocked = p.kind == Proc.Kind.LOCAL ? ~UNBLOCKABLE : p.blocked;
        child.mm = childMm;
        childMm.users++;
        if ((flags & CLONE_FILES) != 0) {
            child.files = p.files;
        } else {
            child.files = p.files.copy();
        }
        child.files.users++;
        if ((flags & CLONE_FS) != 0) {
            child.fs = p.fs;
        } else {
            child.fs = p.fs.copy();
        }
        child.fs.users++;
        if ((flags & CLONE_SIGHAND) != 0) {
            child.sighand = p.sighand;
        } else {
            child.sighand = p.sighand.copy();
        }
        child.sighand.users++;
        if ((flags & CloneFlag.CLEAR_SIGHAND.bit()) != 0) {
            child.sighand.resetCaught(); // the kernel's part of CLONE_CLEAR_SIGHAND: ignored ones stay ignored
        }
        child.pgid = p.pgid;
        child.sid = p.sid;
        pids.ref(child.pgid);
        pids.ref(child.sid);
        Proc parent = p;
        child.exitSignal = exitSignal;
        if ((flags & CLONE_PARENT) != 0) {
            parent = p.parent;
            child.exitSignal = p.exitSignal;
        }
        child.parent = parent;
        parent.children.add(child);
        child.startNs = clock.monotonicNs();
        child.kind = Proc.Kind.SERVER;
        pids.add(child);
        if (pidfdFile != null) {
            p.files.install(pidfd, pidfdFile, true);
        }
        if ((flags & CLONE_PARENT_SETTID) != 0) {
            p.mm.writeInt(ptid, pid);
        }
        if ((flags & CLONE_CHILD_SETTID) != 0) {
            childMm.writeInt(ctid, pid);
        }
        if ((flags & CLONE_CHILD_CLEARTID) != 0) {
            child.clearChildTid = ctid;
        }
        trace.record(p.pid + " cloned " + pid + " flags=0x" + Long.toHexString(flags) + " stack=0x"
                + Long.toHexString(stack));
        if (crashes) {
            // the child's first instruction pops its return address from an unmapped stack
            child.run = Proc.Run.USER;
            exits.dieBySignal(child, SIGSEGV);
        } else {
            Servers.start(k, child, stack, (int) DrivenProtocol.startWord(words, DrivenProtocol.START_REQUEST_FD),
                    (int) DrivenProtocol.startWord(words, DrivenProtocol.START_RESPONSE_FD),
                    DrivenProtocol.startWord(words, DrivenProtocol.START_CLOSE_FIRST),
                    DrivenProtocol.startWord(words, DrivenProtocol.START_CLOSE_SECOND),
                    (DrivenProtocol.startWord(words, DrivenProtocol.START_FLAGS)
                            & DrivenProtocol.START_HANDLERS_RESET) != 0);
        }
        if ((flags & CLONE_VFORK) != 0 && child.alive()) {
            child.vforkPending = true;
            c.state = child;
            c.killableOnly = true;
            c.madeProgress = true; // the child exists even though the parent now waits
            return vforkWait(c);
        }
        return pid;
    }

    private long vforkWait(Call c) {
        Proc child = (Proc) c.state;
        if (child.vforkPending && child.alive()) {
            c.waitingFor = "vfork child " + child.pid + " to exec or exit";
            return Kernel.BLOCK;
        }
        return child.pid;
    }
}
