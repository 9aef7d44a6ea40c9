// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.capability;

import java.util.Locale;

/**
 * The Linux capabilities ({@code CAP_*}), by their bit number.
 *
 * <pre>{@code
 * long mask = Cap.mask(Cap.NET_BIND_SERVICE, Cap.CHOWN);
 * }</pre>
 *
 * @since 0.2
 */
public enum Cap {
    /** {@code CAP_CHOWN} (0): change a file's owner and group. */
    CHOWN,
    /** {@code CAP_DAC_OVERRIDE} (1): bypass file read, write and execute permission checks. */
    DAC_OVERRIDE,
    /** {@code CAP_DAC_READ_SEARCH} (2): bypass file read and directory search permission checks. */
    DAC_READ_SEARCH,
    /** {@code CAP_FOWNER} (3): act as a file's owner where the owner's uid must match (chmod, utime...). */
    FOWNER,
    /** {@code CAP_FSETID} (4): keep set-user-ID and set-group-ID bits when a file is modified. */
    FSETID,
    /** {@code CAP_KILL} (5): send signals to processes of other users. */
    KILL,
    /** {@code CAP_SETGID} (6): change group ids and supplementary groups. */
    SETGID,
    /** {@code CAP_SETUID} (7): change user ids. */
    SETUID,
    /** {@code CAP_SETPCAP} (8): change the bounding set and the capabilities of its own inheritable set beyond its permitted set. */
    SETPCAP,
    /** {@code CAP_LINUX_IMMUTABLE} (9): set the immutable and append-only file attributes. */
    LINUX_IMMUTABLE,
    /** {@code CAP_NET_BIND_SERVICE} (10): bind sockets to ports below 1024. */
    NET_BIND_SERVICE,
    /** {@code CAP_NET_BROADCAST} (11): broadcast and listen to multicast (unused by the kernel). */
    NET_BROADCAST,
    /** {@code CAP_NET_ADMIN} (12): administer network interfaces, routes and firewalls. */
    NET_ADMIN,
    /** {@code CAP_NET_RAW} (13): use raw and packet sockets. */
    NET_RAW,
    /** {@code CAP_IPC_LOCK} (14): lock memory (mlock, mlockall). */
    IPC_LOCK,
    /** {@code CAP_IPC_OWNER} (15): bypass permission checks on System V IPC objects. */
    IPC_OWNER,
    /** {@code CAP_SYS_MODULE} (16): load and unload kernel modules. */
    SYS_MODULE,
    /** {@code CAP_SYS_RAWIO} (17): raw I/O (iopl, ioperm, /dev/mem). */
    SYS_RAWIO,
    /** {@code CAP_SYS_CHROOT} (18): chroot and changing mount namespaces with setns. */
    SYS_CHROOT,
    /** {@code CAP_SYS_PTRACE} (19): trace any process (ptrace, process_vm_readv). */
    SYS_PTRACE,
    /** {@code CAP_SYS_PACCT} (20): turn process accounting on and off. */
    SYS_PACCT,
    /** {@code CAP_SYS_ADMIN} (21): a wide range of administration: mount, sethostname, setns, seccomp without no_new_privs.... */
    SYS_ADMIN,
    /** {@code CAP_SYS_BOOT} (22): reboot and kexec. */
    SYS_BOOT,
    /** {@code CAP_SYS_NICE} (23): lower niceness, set real-time scheduling and other processes' priorities. */
    SYS_NICE,
    /** {@code CAP_SYS_RESOURCE} (24): raise hard resource limits and override quota limits. */
    SYS_RESOURCE,
    /** {@code CAP_SYS_TIME} (25): set the system clock. */
    SYS_TIME,
    /** {@code CAP_SYS_TTY_CONFIG} (26): vhangup and privileged terminal ioctls. */
    SYS_TTY_CONFIG,
    /** {@code CAP_MKNOD} (27): create device special files. */
    MKNOD,
    /** {@code CAP_LEASE} (28): take file leases on files it does not own. */
    LEASE,
    /** {@code CAP_AUDIT_WRITE} (29): write records to the kernel audit log. */
    AUDIT_WRITE,
    /** {@code CAP_AUDIT_CONTROL} (30): configure kernel auditing. */
    AUDIT_CONTROL,
    /** {@code CAP_SETFCAP} (31): set file capabilities. */
    SETFCAP,
    /** {@code CAP_MAC_OVERRIDE} (32): override mandatory access control (Smack). */
    MAC_OVERRIDE,
    /** {@code CAP_MAC_ADMIN} (33): configure mandatory access control. */
    MAC_ADMIN,
    /** {@code CAP_SYSLOG} (34): privileged syslog operations. */
    SYSLOG,
    /** {@code CAP_WAKE_ALARM} (35): set timers that wake the system. */
    WAKE_ALARM,
    /** {@code CAP_BLOCK_SUSPEND} (36): block system suspend. */
    BLOCK_SUSPEND,
    /** {@code CAP_AUDIT_READ} (37): read the audit log over netlink. */
    AUDIT_READ,
    /** {@code CAP_PERFMON} (38): performance monitoring (perf_event_open). */
    PERFMON,
    /** {@code CAP_BPF} (39): privileged BPF operations. */
    BPF,
    /** {@code CAP_CHECKPOINT_RESTORE} (40): checkpoint and restore operations (set_tid in clone3, ns_last_pid). */
    CHECKPOINT_RESTORE;

    /**
     * The capability's number, its bit in a set.
     *
     * @return the number, from 0
     */
    public int number() {
        return ordinal();
    }

    /**
     * Its bit in a 64-bit set.
     *
     * @return {@code 1L << number()}
     */
    public long bit() {
        return 1L << ordinal();
    }

    /**
     * The set of {@code caps} as a 64-bit mask.
     *
     * @param caps the capabilities
     * @return their bits or'ed together
     */
    public static long mask(Cap... caps) {
        long m = 0;
        for (Cap c : caps) {
            m |= c.bit();
        }
        return m;
    }

    /**
     * The capability named {@code name}: {@code net_bind_service}, {@code NET_BIND_SERVICE} or
     * {@code cap_net_bind_service}.
     *
     * @param name the name, in any case, with or without {@code cap_}
     * @return the capability
     * @throws IllegalArgumentException if there is none by that name
     */
    public static Cap of(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        try {
            return valueOf(n.startsWith("CAP_") ? n.substring(4) : n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no capability named '" + name + "' (e.g. net_bind_service, cap_chown)", e);
        }
    }

    /** {@code cap_net_bind_service}, as libcap and setpriv write it. */
    @Override
    public String toString() {
        return "cap_" + name().toLowerCase(Locale.ROOT);
    }
}
