// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The two namespaces the fake simulates (internal): user namespaces (id maps, how ids look from inside) and UTS
 * namespaces (host and domain name). Mount, pid, network, IPC, cgroup and time namespaces are not simulated.
 */
final class Namespaces {
    private Namespaces() {}

    static final int OVERFLOW_ID = 65534;

    static final class UserNs {
        final UserNs parent;
        final int ownerUid;
        /** Lines of uid_map / gid_map: {inside, outside, count}; null until written (the initial ns: identity). */
        List<long[]> uidMap;
        List<long[]> gidMap;
        boolean setgroupsDeny;

        UserNs(UserNs parent, int ownerUid) {
            this.parent = parent;
            this.ownerUid = ownerUid;
        }

        static UserNs initial() {
            UserNs ns = new UserNs(null, 0);
            ns.uidMap = new ArrayList<>(List.of(new long[] {0, 0, 4294967295L}));
            ns.gidMap = new ArrayList<>(List.of(new long[] {0, 0, 4294967295L}));
            return ns;
        }

        boolean isInitial() {
            return parent == null;
        }
    }

    static final class UtsNs {
        String hostname;
        String domainname;

        UtsNs(String hostname, String domainname) {
            this.hostname = hostname;
            this.domainname = domainname;
        }

        UtsNs copy() {
            return new UtsNs(hostname, domainname);
        }
    }

    /** How the kernel id {@code kid} looks inside {@code ns}: mapped through every level, or the overflow id. */
    static int inside(UserNs ns, long kid, boolean gid) {
        if (ns.isInitial()) {
            return (int) kid;
        }
        long parentId = inside(ns.parent, kid, gid);
        List<long[]> map = gid ? ns.gidMap : ns.uidMap;
        if (map != null && parentId != OVERFLOW_ID) {
            for (long[] m : map) {
                if (parentId >= m[1] && parentId < m[1] + m[2]) {
                    return (int) (m[0] + parentId - m[1]);
                }
            }
        }
        return OVERFLOW_ID;
    }

    /** kuid_has_mapping: whether the kernel id {@code kid} has an id inside {@code ns} (every level maps it). */
    static boolean mapped(UserNs ns, long kid, boolean gid) {
        if (ns.isInitial()) {
            return true;
        }
        if (!mapped(ns.parent, kid, gid)) {
            return false;
        }
        long parentId = inside(ns.parent, kid, gid) & 0xffffffffL;
        List<long[]> map = gid ? ns.gidMap : ns.uidMap;
        if (map != null) {
            for (long[] m : map) {
                if (parentId >= m[1] && parentId < m[1] + m[2]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The kernel id that {@code id}, seen inside {@code ns}, stands for; -1 if some level does not map it. */
    static long outside(UserNs ns, long id, boolean gid) {
        if (ns.isInitial()) {
            return id;
        }
        List<long[]> map = gid ? ns.gidMap : ns.uidMap;
        if (map != null) {
            for (long[] m : map) {
                if (id >= m[0] && id < m[0] + m[2]) {
                    return outside(ns.parent, m[1] + id - m[0], gid);
                }
            }
        }
        return -1;
    }

    static int uid(Proc p, int kuid) {
        return inside(p.userns, kuid & 0xffffffffL, false);
    }

    static int gid(Proc p, int kgid) {
        return inside(p.userns, kgid & 0xffffffffL, true);
    }

    /** Whether p has CAP_SYS_ADMIN-like power over namespaces it owns: root, or inside a user namespace. */
    static boolean capable(Proc p) {
        return p.creds.euid == 0 || !p.userns.isInitial();
    }

    /**
     * ns_capable(target, cap): a capability holds only in the caller's own user namespace and those below it. A
     * process that unshared a user namespace has every capability there and none in the initial one, so its
     * kernel uid 0 no longer lets it lower its nice value or raise a hard limit (capable() is the initial ns).
     */
    static boolean capableIn(Proc p, UserNs target) {
        for (UserNs ns = target; ns != null; ns = ns.parent) {
            if (ns == p.userns) {
                return p.creds.privileged() || !p.userns.isInitial();
            }
        }
        return false;
    }

    /** capable(cap): a capability in the initial user namespace. */
    static boolean capableInInitial(Proc p) {
        return p.creds.privileged() && p.userns.isInitial();
    }

    static String mapText(List<long[]> map) {
        StringBuilder sb = new StringBuilder();
        if (map != null) {
            for (long[] m : map) {
                sb.append(String.format("%10d %10d %10d%n", m[0], m[1], m[2]));
            }
        }
        return sb.toString();
    }

    /** Parses "inside outside count" lines; null if malformed. */
    static List<long[]> parseMap(String text) {
        List<long[]> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (f.length != 3) {
                return null;
            }
            try {
                long[] m = {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])};
                if (m[0] < 0 || m[1] < 0 || m[2] <= 0 || m[0] + m[2] > 4294967296L || m[1] + m[2] > 4294967296L) {
                    return null;
                }
                out.add(m);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out.isEmpty() || out.size() > 340 ? null : out;
    }
}
