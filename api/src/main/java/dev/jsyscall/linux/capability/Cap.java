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
    CHOWN, DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER, FSETID, KILL, SETGID, SETUID, SETPCAP, LINUX_IMMUTABLE,
    NET_BIND_SERVICE, NET_BROADCAST, NET_ADMIN, NET_RAW, IPC_LOCK, IPC_OWNER, SYS_MODULE, SYS_RAWIO, SYS_CHROOT,
    SYS_PTRACE, SYS_PACCT, SYS_ADMIN, SYS_BOOT, SYS_NICE, SYS_RESOURCE, SYS_TIME, SYS_TTY_CONFIG, MKNOD, LEASE,
    AUDIT_WRITE, AUDIT_CONTROL, SETFCAP, MAC_OVERRIDE, MAC_ADMIN, SYSLOG, WAKE_ALARM, BLOCK_SUSPEND, AUDIT_READ,
    PERFMON, BPF, CHECKPOINT_RESTORE;

    /** The capability's number, its bit in a set. */
    public int number() {
        return ordinal();
    }

    /** Its bit in a 64-bit set. */
    public long bit() {
        return 1L << ordinal();
    }

    /** The set of {@code caps} as a 64-bit mask. */
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
     * @throws IllegalArgumentException if there is none by that name
     */
    public static Cap of(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        try {
            return valueOf(n.startsWith("CAP_") ? n.substring(4) : n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no such capability", e);
        }
    }

    /** {@code cap_net_bind_service}, as libcap and setpriv write it. */
    @Override
    public String toString() {
        return "cap_" + name().toLowerCase(Locale.ROOT);
    }
}
