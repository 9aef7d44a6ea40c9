// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import static dev.jsyscall.backend.fake.internal.Linux.*;

import dev.jsyscall.linux.Syscall;

/**
 * Credential syscalls (internal): user and group ids, as seen from the caller's user namespace, and supplementary
 * groups.
 */
final class CredCalls {
    void register(Registrar r) {
        r.register(Syscall.GETUID, c -> Namespaces.uid(c.proc, c.proc.creds.uid));
        r.register(Syscall.GETEUID, c -> Namespaces.uid(c.proc, c.proc.creds.euid));
        r.register(Syscall.GETGID, c -> Namespaces.gid(c.proc, c.proc.creds.gid));
        r.register(Syscall.GETEGID, c -> Namespaces.gid(c.proc, c.proc.creds.egid));
        r.register(Syscall.GETRESUID, c -> getres(c, Namespaces.uid(c.proc, c.proc.creds.uid),
                Namespaces.uid(c.proc, c.proc.creds.euid), Namespaces.uid(c.proc, c.proc.creds.suid)));
        r.register(Syscall.GETRESGID, c -> getres(c, Namespaces.gid(c.proc, c.proc.creds.gid),
                Namespaces.gid(c.proc, c.proc.creds.egid), Namespaces.gid(c.proc, c.proc.creds.sgid)));
        r.register(Syscall.GETGROUPS, this::getgroups);
        r.register(Syscall.SETRESUID, c -> setres(c, false));
        r.register(Syscall.SETRESGID, c -> setres(c, true));
        r.register(Syscall.SETGROUPS, this::setgroups);
    }

    private long getres(Call c, int r, int e, int s) {
        AddressSpace mm = c.proc.mm;
        if (!mm.writeInt(c.a0, r) || !mm.writeInt(c.a1, e) || !mm.writeInt(c.a2, s)) {
            return -EFAULT;
        }
        return 0;
    }

    /**
     * setresuid / setresgid: -1 keeps an id. Ids are the caller's user namespace's, mapped to kernel ids (an
     * unmapped one is EINVAL). Without privilege (the fake's model of CAP_SETUID / CAP_SETGID: effective uid 0 as
     * seen in the caller's namespace) each new id must be one of the current real, effective or saved ids. The
     * fs id follows the effective one, as in Linux.
     */
    private long setres(Call c, boolean gid) {
        Proc p = c.proc;
        long[] kids = new long[3];
        long[] args = {c.a0, c.a1, c.a2};
        for (int i = 0; i < 3; i++) {
            int id = (int) args[i];
            kids[i] = id == -1 ? -1 : Namespaces.outside(p.userns, id & 0xffffffffL, gid);
            if (id != -1 && kids[i] < 0) {
                return -EINVAL;
            }
        }
        Creds cr = p.creds;
        int[] now = gid ? new int[] {cr.gid, cr.egid, cr.sgid} : new int[] {cr.uid, cr.euid, cr.suid};
        if (!privilegedForIds(p)) {
            for (long k : kids) {
                if (k != -1 && k != now[0] && k != now[1] && k != now[2]) {
                    return -EPERM;
                }
            }
        }
        Creds next = cr.copy();
        if (gid) {
            next.gid = kids[0] == -1 ? cr.gid : (int) kids[0];
            next.egid = kids[1] == -1 ? cr.egid : (int) kids[1];
            next.sgid = kids[2] == -1 ? cr.sgid : (int) kids[2];
            next.fsgid = next.egid;
        } else {
            next.uid = kids[0] == -1 ? cr.uid : (int) kids[0];
            next.euid = kids[1] == -1 ? cr.euid : (int) kids[1];
            next.suid = kids[2] == -1 ? cr.suid : (int) kids[2];
            next.fsuid = next.euid;
        }
        p.creds = next;
        return 0;
    }

    /** The fake's CAP_SETUID / CAP_SETGID: effective uid 0 in the caller's user namespace. */
    private static boolean privilegedForIds(Proc p) {
        return Namespaces.uid(p, p.creds.euid) == 0;
    }

    /**
     * setgroups(size, list): needs privilege (above), is EPERM in a user namespace whose setgroups file says
     * deny, EINVAL above NGROUPS_MAX (65536) or for an unmapped gid.
     */
    private long setgroups(Call c) {
        Proc p = c.proc;
        int size = (int) c.a0;
        if (size < 0 || size > 65536) {
            return -EINVAL;
        }
        if (!privilegedForIds(p) || p.userns.setgroupsDeny) {
            return -EPERM;
        }
        int[] groups = new int[size];
        for (int i = 0; i < size; i++) {
            Integer inside = p.mm.readInt(c.a1 + 4L * i);
            if (inside == null) {
                return -EFAULT;
            }
            long g = Namespaces.outside(p.userns, inside & 0xffffffffL, true);
            if (g < 0) {
                return -EINVAL;
            }
            groups[i] = (int) g;
        }
        Creds next = p.creds.copy();
        next.groups = groups;
        p.creds = next;
        return 0;
    }

    private long getgroups(Call c) {
        int size = (int) c.a0;
        int[] g = c.proc.creds.groups;
        if (size < 0) {
            return -EINVAL;
        }
        if (size == 0) {
            return g.length;
        }
        if (size < g.length) {
            return -EINVAL;
        }
        for (int i = 0; i < g.length; i++) {
            if (!c.proc.mm.writeInt(c.a1 + 4L * i, g[i])) {
                return -EFAULT;
            }
        }
        return g.length;
    }
}
