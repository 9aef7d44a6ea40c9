// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal /proc (internal): {@code /proc/self}, and for each live or zombie process {@code /proc/<pid>/} with
 * {@code fd/} (readlink gives the same targets as Linux: {@code pipe:[ino]}, {@code anon_inode:[pidfd]}, paths),
 * {@code status}, {@code stat}, {@code comm}, {@code cmdline} and {@code exe}. Files are snapshots taken when
 * they are opened, as reading /proc is in practice.
 */
final class ProcFs {
    private ProcFs() {}

    /** A directory whose entries are computed when looked up or listed. */
    abstract static class DynamicDir extends Vfs.DirInode {
        DynamicDir(long ino, int perm) {
            super(ino, perm);
        }

        abstract Vfs.Inode child(String name);

        abstract List<String> names();

        Vfs.Inode named(Vfs.Inode n, String name) {
            n.parent = this;
            n.name = name;
            return n;
        }
    }

    /** A symlink-like entry: readlink gives {@link #target}; opening it reopens what it names. */
    static final class Link extends Vfs.Inode {
        final String target;
        final Files.OpenFile file;
        final Vfs.Inode node;

        Link(long ino, String target, Files.OpenFile file, Vfs.Inode node) {
            super(ino, S_IFLNK | 0777);
            this.target = target;
            this.file = file;
            this.node = node;
        }

        @Override
        long size() {
            return 64;
        }
    }

    static long ino(int pid, int slot) {
        return 0x40000000L + pid * 64L + slot;
    }

    static final class Root extends DynamicDir {
        private final Kernel k;

        Root(Kernel k, long ino) {
            super(ino, 0555);
            this.k = k;
        }

        @Override
        Vfs.Inode child(String name) {
            if (name.equals("self")) {
                Proc self = k.current;
                return self == null ? null : named(new PidDir(k, self), "self");
            }
            if (name.matches("[1-9][0-9]{0,9}")) {
                Proc p = k.pids.find((int) Math.min(Long.parseLong(name), Integer.MAX_VALUE));
                return p == null ? null : named(new PidDir(k, p), name);
            }
            return entries.get(name);
        }

        @Override
        List<String> names() {
            List<String> out = new ArrayList<>(entries.keySet());
            out.add("self");
            for (Integer pid : k.pids.pids()) {
                out.add(Integer.toString(pid));
            }
            return out;
        }
    }

    static final class PidDir extends DynamicDir {
        private final Kernel k;
        private final Proc p;

        PidDir(Kernel k, Proc p) {
            super(ino(p.pid, 0), 0555);
            this.k = k;
            this.p = p;
        }

        @Override
        Vfs.Inode child(String name) {
            switch (name) {
                case "fd":
                    return p.files == null ? null : named(new FdDir(p), "fd");
                case "status":
                    return named(generated(ino(p.pid, 2), status(k, p)), name);
                case "stat":
                    return named(generated(ino(p.pid, 3), stat(k, p)), name);
                case "comm":
                    return named(generated(ino(p.pid, 4), p.comm + "\n"), name);
                case "cmdline":
                    return named(generated(ino(p.pid, 5), ""), name);
                case "exe":
                    return named(new Link(ino(p.pid, 6), p.exe, null, k.vfs.lookupOrNull(p.exe)), name);
                case "uid_map":
                    return named(new Control(ino(p.pid, 9), p, Control.UID_MAP), name);
                case "gid_map":
                    return named(new Control(ino(p.pid, 10), p, Control.GID_MAP), name);
                case "setgroups":
                    return named(new Control(ino(p.pid, 11), p, Control.SETGROUPS), name);
                default:
                    return null;
            }
        }

        @Override
        List<String> names() {
            return List.of("cmdline", "comm", "exe", "fd", "gid_map", "setgroups", "stat", "status", "uid_map");
        }
    }

    static final class FdDir extends DynamicDir {
        private final Proc p;

        FdDir(Proc p) {
            super(ino(p.pid, 1), 0500);
            this.p = p;
        }

        @Override
        Vfs.Inode child(String name) {
            if (p.files == null || !name.matches("[0-9]{1,9}")) {
                return null;
            }
            Files.OpenFile f = p.files.file(Integer.parseInt(name));
            if (f == null) {
                return null;
            }
            return named(new Link(ino(p.pid, 8) + Integer.parseInt(name) * 0x10000L, target(f), f, f.inode()), name);
        }

        @Override
        List<String> names() {
            List<String> out = new ArrayList<>();
            if (p.files != null) {
                for (Integer fd : p.files.fds.keySet()) {
                    out.add(Integer.toString(fd));
                }
            }
            return out;
        }
    }

    /**
     * /proc/PID/uid_map, gid_map and setgroups: readable text, and writable once from outside, the way a parent
     * sets up a child's user namespace.
     */
    static final class Control extends Vfs.FileInode {
        static final int UID_MAP = 0, GID_MAP = 1, SETGROUPS = 2;
        final Proc target;
        final int what;

        Control(long ino, Proc target, int what) {
            super(ino, 0644);
            this.target = target;
            this.what = what;
            this.uid = target.creds.uid;
            Namespaces.UserNs ns = target.userns;
            String text = what == SETGROUPS ? (ns.setgroupsDeny ? "deny\n" : "allow\n")
                    : Namespaces.mapText(what == UID_MAP ? ns.uidMap : ns.gidMap);
            setContent(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** An open /proc control file: each write is parsed and applied at once. */
    static final class ControlFile extends Files.InodeFile {
        ControlFile(Control node, int flags) {
            super(node, flags);
        }

        @Override
        long write(Kernel k, Call c, byte[] bytes) {
            Control ctl = (Control) node;
            Namespaces.UserNs ns = ctl.target.userns;
            Proc writer = c.proc;
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (ns.isInitial()) {
                return -EPERM; // the initial namespace's maps are fixed
            }
            if (writer.userns != ns && writer.userns != ns.parent) {
                return -EPERM;
            }
            if (ctl.what == Control.SETGROUPS) {
                String v = text.trim();
                if (!v.equals("allow") && !v.equals("deny")) {
                    return -EINVAL;
                }
                if (ns.gidMap != null) {
                    return -EPERM; // too late once gid_map is written
                }
                ns.setgroupsDeny = v.equals("deny");
                return bytes.length;
            }
            boolean uidMap = ctl.what == Control.UID_MAP;
            if ((uidMap ? ns.uidMap : ns.gidMap) != null) {
                return -EPERM; // written once
            }
            List<long[]> map = Namespaces.parseMap(text);
            if (map == null) {
                return -EINVAL;
            }
            if (!writer.creds.privileged()) {
                // unprivileged: only one line mapping the writer's own id, and for gids only after setgroups deny
                int own = uidMap ? writer.creds.euid : writer.creds.egid;
                if (map.size() != 1 || map.get(0)[2] != 1 || map.get(0)[1] != own
                        || (!uidMap && !ns.setgroupsDeny)) {
                    return -EPERM;
                }
            }
            if (uidMap) {
                ns.uidMap = map;
            } else {
                ns.gidMap = map;
            }
            return bytes.length;
        }
    }

    static String target(Files.OpenFile f) {
        if (f instanceof Files.PipeEnd) {
            return "pipe:[" + ((Files.PipeEnd) f).pipe.inode.ino + "]";
        }
        if (f instanceof Files.PidFd) {
            return "anon_inode:[pidfd]";
        }
        if (f instanceof SocketCalls.Sock) {
            return "socket:[" + f.inode().ino + "]";
        }
        if (f instanceof EventCalls.EventFd) {
            return "anon_inode:[eventfd]";
        }
        if (f instanceof EventCalls.SignalFd) {
            return "anon_inode:[signalfd]";
        }
        if (f instanceof EventCalls.Epoll) {
            return "anon_inode:[eventpoll]";
        }
        if (f.inode() != null) {
            return f.inode().path();
        }
        return "anon_inode:[unknown]";
    }

    private static Vfs.FileInode generated(long ino, String content) {
        Vfs.FileInode f = new Vfs.FileInode(ino, 0444);
        f.setContent(content.getBytes(StandardCharsets.UTF_8));
        return f;
    }

    private static String hex(long mask) {
        return String.format("%016x", mask);
    }

    private static String stateWord(Proc p) {
        switch (p.stateLetter()) {
            case "Z":
                return "Z (zombie)";
            case "T":
                return "T (stopped)";
            case "R":
                return "R (running)";
            default:
                return "S (sleeping)";
        }
    }

    static String status(Kernel k, Proc p) {
        long ign = 0;
        long cgt = 0;
        if (p.sighand != null) {
            for (int s = 1; s <= NSIG; s++) {
                Signals.Action a = p.sighand.action[s];
                if (a.handler == SIG_IGN) {
                    ign |= sigbit(s);
                } else if (a.handler != SIG_DFL) {
                    cgt |= sigbit(s);
                }
            }
        }
        Creds c = p.creds;
        int ppid = p.parent == null ? 0 : p.parent.pid;
        StringBuilder sb = new StringBuilder();
        sb.append("Name:\t").append(p.comm).append('\n');
        sb.append("Umask:\t").append(String.format("%04o", p.fs == null ? 022 : p.fs.umask)).append('\n');
        sb.append("State:\t").append(stateWord(p)).append('\n');
        sb.append("Tgid:\t").append(p.pid).append('\n');
        sb.append("Ngid:\t0\n");
        sb.append("Pid:\t").append(p.pid).append('\n');
        sb.append("PPid:\t").append(ppid).append('\n');
        sb.append("TracerPid:\t0\n");
        sb.append("Uid:\t").append(c.uid).append('\t').append(c.euid).append('\t').append(c.suid).append('\t')
                .append(c.fsuid).append('\n');
        sb.append("Gid:\t").append(c.gid).append('\t').append(c.egid).append('\t').append(c.sgid).append('\t')
                .append(c.fsgid).append('\n');
        sb.append("FDSize:\t").append(p.files == null ? 0 : Math.max(64, Integer.highestOneBit(
                Math.max(1, p.files.fds.isEmpty() ? 1 : p.files.fds.lastKey() + 1)) * 2)).append('\n');
        sb.append("Groups:\t");
        for (int g : c.groups) {
            sb.append(g).append(' ');
        }
        sb.append('\n');
        sb.append("NStgid:\t").append(p.pid).append('\n');
        sb.append("NSpid:\t").append(p.pid).append('\n');
        sb.append("NSpgid:\t").append(p.pgid).append('\n');
        sb.append("NSsid:\t").append(p.sid).append('\n');
        sb.append("Threads:\t").append(p.alive() ? 1 : 0).append('\n');
        sb.append("SigQ:\t").append(p.pendingInfo.size()).append('/').append(p.rlimCur[RLIMIT_SIGPENDING])
                .append('\n');
        long shared = 0;
        for (Signals.Info i : p.pendingInfo) {
            shared |= i.threadDirected ? 0 : sigbit(i.signo);
        }
        shared &= p.pending;
        sb.append("SigPnd:\t").append(hex(p.pending & ~shared)).append('\n');
        sb.append("ShdPnd:\t").append(hex(shared)).append('\n');
        sb.append("SigBlk:\t").append(hex(p.blocked)).append('\n');
        sb.append("SigIgn:\t").append(hex(ign)).append('\n');
        sb.append("SigCgt:\t").append(hex(cgt)).append('\n');
        sb.append("NoNewPrivs:\t").append(p.noNewPrivs ? 1 : 0).append('\n');
        return sb.toString();
    }

    static String stat(Kernel k, Proc p) {
        int ppid = p.parent == null ? 0 : p.parent.pid;
        long startTicks = (p.startNs - Clock.BOOT_MONOTONIC_NS + 1000L * 1_000_000_000L) / 10_000_000L;
        long ign = 0;
        long cgt = 0;
        if (p.sighand != null) {
            for (int s = 1; s <= NSIG; s++) {
                long h = p.sighand.action[s].handler;
                ign |= h == SIG_IGN ? sigbit(s) : 0;
                cgt |= h != SIG_IGN && h != SIG_DFL ? sigbit(s) : 0;
            }
        }
        // fields 4 to 52 of proc(5), after pid, comm and state
        long[] f = new long[49];
        f[0] = ppid;
        f[1] = p.pgid;
        f[2] = p.sid;
        Ptys.Pty tty = p.alive() ? k.ptys.controlling(p) : null;
        // tty_nr and tpgid: the controlling terminal's device and foreground group, 0 and -1 without one
        f[3] = tty == null ? 0 : tty.inode.rdev();
        f[4] = tty == null ? -1 : tty.pgrp;
        f[5] = 0x400000; // PF_RANDOMIZE, what Linux shows for an ordinary user process
        f[14] = 20 + p.nice;
        f[15] = p.nice;
        f[16] = p.alive() ? 1 : 0;
        f[18] = startTicks;
        f[21] = p.rlimCur[RLIMIT_RSS];
        f[27] = p.pending;
        f[28] = p.blocked;
        f[29] = ign;
        f[30] = cgt;
        f[34] = p.exitSignal;
        f[48] = p.state == Proc.State.ALIVE ? 0 : p.waitStatus;
        StringBuilder sb = new StringBuilder();
        sb.append(p.pid).append(" (").append(p.comm).append(") ").append(p.stateLetter());
        for (int i = 0; i < f.length; i++) {
            // rsslim is unsigned; the signal masks too, though they never reach bit 63 in practice
            sb.append(' ').append(i == 21 ? Long.toUnsignedString(f[i]) : Long.toString(f[i]));
        }
        return sb.append('\n').toString();
    }
}
