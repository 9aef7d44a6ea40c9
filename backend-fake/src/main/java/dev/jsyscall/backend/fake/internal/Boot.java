// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

/**
 * Boot (internal): the two processes every fake kernel starts with, init and the local process (the JVM, with
 * the fds, mappings, signal handlers and limits a real HotSpot has at startup).
 */
final class Boot {
    private Boot() {}

    static void boot(Kernel k) {
        k.init = new Proc(allocPidOrThrow(k));
        k.init.kind = Proc.Kind.INIT;
        k.init.comm = "init";
        k.init.exe = "/sbin/init";
        k.init.pgid = k.init.sid = k.init.pid;
        k.pids.ref(k.init.pid);
        k.pids.ref(k.init.pid);
        k.init.creds = Creds.of(0, 0);
        k.init.userns = Namespaces.UserNs.initial();
        k.init.uts = new Namespaces.UtsNs("jsyscall-fake", "(none)");
        k.init.mm = AddressSpace.forExec();
        k.init.mm.users = 1;
        k.init.files = new Files.FdTable();
        k.init.files.users = 1;
        k.init.fs = new Proc.FsState();
        k.init.fs.cwd = k.vfs.root;
        k.init.fs.users = 1;
        k.init.sighand = new Signals.Hand();
        k.init.sighand.users = 1;
        k.init.exitSignal = 0;
        k.init.execed = true;
        k.init.startNs = k.clock.monotonicNs();
        defaultLimits(k.init);
        k.pids.add(k.init);

        k.local = new Proc(allocPidOrThrow(k));
        k.local.kind = Proc.Kind.LOCAL;
        k.local.parent = k.init;
        k.init.children.add(k.local);
        k.local.comm = "java";
        k.local.exe = "/usr/bin/java";
        k.local.pgid = k.local.sid = k.local.pid;
        k.pids.ref(k.local.pid);
        k.pids.ref(k.local.pid);
        k.local.creds = Creds.of(k.config.uid, k.config.gid);
        k.local.userns = k.init.userns;
        k.local.uts = k.init.uts;
        k.local.mm = new AddressSpace();
        k.local.mm.mapBlob();
        k.local.mm.mmap(AddressSpace.STACK_TOP - AddressSpace.STACK_SIZE, AddressSpace.STACK_SIZE,
                PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, "[stack]");
        long libjvm = k.local.mm.mmap(0, 16 * PAGE_SIZE, PROT_READ | PROT_EXEC, MAP_PRIVATE, "libjvm.so");
        k.local.mm.users = 1;
        k.local.files = new Files.FdTable();
        k.local.files.users = 1;
        Vfs.Inode devnull = k.vfs.lookupOrNull("/dev/null");
        Vfs.Inode consoleDev = k.vfs.lookupOrNull("/dev/console");
        k.local.files.install(0, new Files.InodeFile(devnull, O_RDONLY | O_LARGEFILE), false);
        Files.OpenFile out = new Files.InodeFile(consoleDev, O_WRONLY | O_LARGEFILE);
        k.local.files.install(1, out, false);
        k.local.files.install(2, out, false);
        // HotSpot maps the JDK's module image at startup and keeps it open (close-on-exec) as fd 3
        Vfs.Inode modules = k.vfs.putFile("/usr/lib/jvm/java-17-openjdk-amd64/lib/modules", 0644,
                "jsyscall fake kernel: the JDK's module image\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        k.local.files.install(3, new Files.InodeFile(modules, O_RDONLY | O_LARGEFILE), true);
        k.local.fs = new Proc.FsState();
        k.local.fs.cwd = k.vfs.root;
        k.local.fs.users = 1;
        k.local.sighand = new Signals.Hand();
        k.local.sighand.users = 1;
        // The handlers HotSpot (and glibc, for 33) install, as /proc/<jvm>/status SigCgt shows on Linux: the
        // api's driven children must reset them, so the fake must have them.
        int[] jvmCaught = {SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGBUS, SIGFPE, SIGSEGV, SIGUSR2, SIGPIPE, SIGTERM,
            SIGXFSZ, 33, 62};
        for (int i = 0; i < jvmCaught.length; i++) {
            Signals.Action a = k.local.sighand.action[jvmCaught[i]];
            a.handler = libjvm + 0x100 + 0x40L * i;
            a.flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK | SA_RESTORER;
            a.restorer = libjvm + 0x80;
        }
        k.local.exitSignal = SIGCHLD;
        k.local.execed = true;
        k.local.startNs = k.clock.monotonicNs();
        defaultLimits(k.local);
        // the JVM raises its soft RLIMIT_NOFILE to the hard limit at startup
        k.local.rlimCur[RLIMIT_NOFILE] = k.local.rlimMax[RLIMIT_NOFILE];
        k.pids.add(k.local);
        k.trace.record("boot seed=" + k.config.seed + " pid_max=" + k.pids.max + " init=" + k.init.pid + " local="
                + k.local.pid);
    }

    private static int allocPidOrThrow(Kernel k) {
        int pid = k.pids.alloc();
        if (pid < 0) {
            throw new IllegalStateException("pid_max " + k.pids.max + " is too small to boot");
        }
        return pid;
    }

    private static void defaultLimits(Proc p) {
        long inf = RLIM_INFINITY;
        long[][] d = {
            {RLIMIT_CPU, inf, inf}, {RLIMIT_FSIZE, inf, inf}, {RLIMIT_DATA, inf, inf},
            {RLIMIT_STACK, 8L << 20, inf}, {RLIMIT_CORE, 0, inf}, {RLIMIT_RSS, inf, inf},
            {RLIMIT_NPROC, 63455, 63455}, {RLIMIT_NOFILE, 1024, 524288}, {RLIMIT_MEMLOCK, 8L << 20, 8L << 20},
            {RLIMIT_AS, inf, inf}, {RLIMIT_LOCKS, inf, inf}, {RLIMIT_SIGPENDING, 63455, 63455},
            {RLIMIT_MSGQUEUE, 819200, 819200}, {RLIMIT_NICE, 0, 0}, {RLIMIT_RTPRIO, 0, 0},
            {RLIMIT_RTTIME, inf, inf}};
        for (long[] l : d) {
            p.rlimCur[(int) l[0]] = l[1];
            p.rlimMax[(int) l[0]] = l[2];
        }
    }
}
