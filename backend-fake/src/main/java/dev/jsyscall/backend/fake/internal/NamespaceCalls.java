// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.backend.fake.FakeUnsupportedException;
import dev.jsyscall.linux.Syscall;
import java.nio.charset.StandardCharsets;

/**
 * What a process shares or keeps to itself (internal): unshare of namespaces and of the files and fs state a
 * process may share with others, the UTS names it may set, and its umask (part of the fs state, which
 * CLONE_FS shares).
 */
final class NamespaceCalls {

    void register(Registrar r) {
        r.register(Syscall.UNSHARE, this::unshare);
        r.register(Syscall.SETHOSTNAME, c -> setUtsName(c, true));
        r.register(Syscall.SETDOMAINNAME, c -> setUtsName(c, false));
        r.register(Syscall.UMASK, c -> c.proc.fs.swapUmask((int) c.a0));
    }

    private long unshare(Call c) {
        Proc p = c.proc;
        long flags = c.a0;
        long known = CLONE_FILES | CLONE_FS | CLONE_SYSVSEM | CLONE_VM | CLONE_SIGHAND | CLONE_THREAD
                | CLONE_NAMESPACES | CLONE_NEWTIME;
        if ((flags & ~known) != 0) {
            return -EINVAL;
        }
        long unsupportedNs = flags & (CLONE_NAMESPACES | CLONE_NEWTIME) & ~(CLONE_NEWUSER | CLONE_NEWUTS);
        if (unsupportedNs != 0) {
            throw new FakeUnsupportedException("unshare of namespaces (0x" + Long.toHexString(unsupportedNs)
                    + "): only user and UTS namespaces are simulated");
        }
        if ((flags & CLONE_NEWUSER) != 0 && p.fs.users > 1) {
            return -EINVAL; // a new user namespace implies an unshared fs_struct
        }
        if ((flags & CLONE_VM) != 0 && p.mm.users > 1) {
            return -EINVAL;
        }
        if ((flags & CLONE_SIGHAND) != 0 && p.sighand.users > 1) {
            return -EINVAL;
        }
        if ((flags & CLONE_NEWUTS) != 0 && (flags & CLONE_NEWUSER) == 0 && !Namespaces.capable(p)) {
            return -EPERM;
        }
        // kernel/user_namespace.c create_user_ns: the owner's euid and egid must be mapped in the current namespace
        // (after an unshare with no uid_map written yet, they are not)
        if ((flags & CLONE_NEWUSER) != 0 && (!Namespaces.mapped(p.userns, p.creds.euid & 0xffffffffL, false)
                || !Namespaces.mapped(p.userns, p.creds.egid & 0xffffffffL, true))) {
            return -EPERM;
        }
        // Every check above comes before any change below: Linux's unshare either does all of it or nothing.
        if ((flags & CLONE_NEWUSER) != 0) {
            p.userns = new Namespaces.UserNs(p.userns, p.creds.euid);
        }
        if ((flags & CLONE_NEWUTS) != 0) {
            p.uts = p.uts.copy();
        }
        if ((flags & CLONE_FILES) != 0 && p.files.users > 1) {
            Files.FdTable mine = p.files.copy();
            p.files.users--;
            p.files = mine;
            mine.users = 1;
        }
        if ((flags & CLONE_FS) != 0 && p.fs.users > 1) {
            Proc.FsState mine = p.fs.copy();
            p.fs.users--;
            p.fs = mine;
            mine.users = 1;
        }
        return 0;
    }

    private long setUtsName(Call c, boolean host) {
        Proc p = c.proc;
        if (c.a1 < 0 || c.a1 > 64) {
            return -EINVAL;
        }
        if (!Namespaces.capable(p)) {
            return -EPERM;
        }
        byte[] name = p.mm.copyIn(c.a0, c.a1);
        if (name == null) {
            return -EFAULT;
        }
        String v = new String(name, StandardCharsets.UTF_8);
        if (host) {
            p.uts.hostname = v;
        } else {
            p.uts.domainname = v;
        }
        return 0;
    }
}
