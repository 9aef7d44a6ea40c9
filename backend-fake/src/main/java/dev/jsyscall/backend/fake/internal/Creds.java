// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

/** Process credentials (internal). Copied on clone, immutable in spirit: set*id calls replace fields. */
final class Creds {
    int uid;
    int euid;
    int suid;
    int fsuid;
    int gid;
    int egid;
    int sgid;
    int fsgid;
    int[] groups = new int[0];

    static Creds of(int uid, int gid) {
        Creds c = new Creds();
        c.uid = c.euid = c.suid = c.fsuid = uid;
        c.gid = c.egid = c.sgid = c.fsgid = gid;
        return c;
    }

    Creds copy() {
        Creds c = new Creds();
        c.uid = uid;
        c.euid = euid;
        c.suid = suid;
        c.fsuid = fsuid;
        c.gid = gid;
        c.egid = egid;
        c.sgid = sgid;
        c.fsgid = fsgid;
        c.groups = groups.clone();
        return c;
    }

    int fsuid() {
        return fsuid;
    }

    boolean inGroup(int g) {
        if (g == fsgid) {
            return true;
        }
        for (int x : groups) {
            if (x == g) {
                return true;
            }
        }
        return false;
    }

    boolean privileged() {
        return euid == 0;
    }
}
