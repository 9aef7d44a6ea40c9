// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.landlock;

import static dev.jsyscall.linux.SyscallRequest.in;
import static dev.jsyscall.linux.SyscallRequest.word;

import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.SyscallRequest;
import java.util.List;

/**
 * The Landlock syscalls ({@code landlock_create_ruleset}, {@code landlock_add_rule}, {@code landlock_restrict_self},
 * Linux 5.13+) and the file-system access rights of each ABI version. A ruleset handles some rights (denies them
 * everywhere) and its rules give some of them back beneath chosen directories; once enforced it binds the caller
 * and everything it execs, for good, and stacks with rulesets enforced later (access must pass all). Most callers
 * want {@link LandlockRuleset} with {@code Spawn.landlock}, which does all of this in the child before its exec.
 *
 * <pre>{@code
 * int abi = local.call(Landlock.abiVersion());   // ENOSYS or EOPNOTSUPP: no Landlock here
 * }</pre>
 *
 * @since 0.2
 */
public final class Landlock {
    /** {@code landlock_create_ruleset} flag: return the highest ABI version the kernel supports. */
    public static final int LANDLOCK_CREATE_RULESET_VERSION = 1;
    /** {@code landlock_add_rule} rule type: access beneath a directory (or to one file). */
    public static final int LANDLOCK_RULE_PATH_BENEATH = 1;

    /** Execute a file. */
    public static final long ACCESS_FS_EXECUTE = 1L;
    /** Open a file for writing. */
    public static final long ACCESS_FS_WRITE_FILE = 1L << 1;
    /** Open a file for reading. */
    public static final long ACCESS_FS_READ_FILE = 1L << 2;
    /** Open a directory or list its content. */
    public static final long ACCESS_FS_READ_DIR = 1L << 3;
    /** Remove an empty directory or rename one. */
    public static final long ACCESS_FS_REMOVE_DIR = 1L << 4;
    /** Unlink or rename a file. */
    public static final long ACCESS_FS_REMOVE_FILE = 1L << 5;
    /** Create a character device. */
    public static final long ACCESS_FS_MAKE_CHAR = 1L << 6;
    /** Create a directory. */
    public static final long ACCESS_FS_MAKE_DIR = 1L << 7;
    /** Create a regular file. */
    public static final long ACCESS_FS_MAKE_REG = 1L << 8;
    /** Create a UNIX socket. */
    public static final long ACCESS_FS_MAKE_SOCK = 1L << 9;
    /** Create a named pipe. */
    public static final long ACCESS_FS_MAKE_FIFO = 1L << 10;
    /** Create a block device. */
    public static final long ACCESS_FS_MAKE_BLOCK = 1L << 11;
    /** Create a symbolic link. */
    public static final long ACCESS_FS_MAKE_SYM = 1L << 12;
    /** Link or rename a file into another directory (ABI 2+). */
    public static final long ACCESS_FS_REFER = 1L << 13;
    /** Truncate a file (ABI 3+). */
    public static final long ACCESS_FS_TRUNCATE = 1L << 14;
    /** ioctl on a character or block device (ABI 5+). */
    public static final long ACCESS_FS_IOCTL_DEV = 1L << 15;

    /** The rights that apply to a file itself, the only ones a rule on a non-directory may give. */
    public static final long ACCESS_FILE = ACCESS_FS_EXECUTE | ACCESS_FS_WRITE_FILE | ACCESS_FS_READ_FILE
            | ACCESS_FS_TRUNCATE | ACCESS_FS_IOCTL_DEV;
    /** Read-only use of a tree: list directories, read and execute files. */
    public static final long ACCESS_READ = ACCESS_FS_EXECUTE | ACCESS_FS_READ_FILE | ACCESS_FS_READ_DIR;

    private Landlock() {
    }

    /**
     * Every file-system right ABI version {@code abi} knows: what a ruleset should handle so that nothing the
     * kernel can check is left allowed by omission.
     *
     * @param abi the version {@link #abiVersion()} returned, 1 or more
     * @return the rights, as a mask of {@code ACCESS_FS_*}
     * @throws IllegalArgumentException if {@code abi} is below 1
     */
    public static long handledAccess(int abi) {
        if (abi < 1) {
            throw new IllegalArgumentException("abi must be >= 1 (Landlock's first version), was " + abi);
        }
        long rights = (1L << 13) - 1;
        if (abi >= 2) {
            rights |= ACCESS_FS_REFER;
        }
        if (abi >= 3) {
            rights |= ACCESS_FS_TRUNCATE;
        }
        if (abi >= 5) {
            rights |= ACCESS_FS_IOCTL_DEV;
        }
        return rights;
    }

    /**
     * {@code landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION)}: the highest ABI version the kernel
     * supports. ENOSYS: built without Landlock; EOPNOTSUPP: built with it but not enabled at boot ({@code lsm=}).
     *
     * @return the request: run it with {@code Task.call}
     * @since 0.2
     */
    public static SyscallRequest<Integer> abiVersion() {
        return SyscallRequest.of(Syscall.LANDLOCK_CREATE_RULESET, List.of(word(0), word(0),
                word(LANDLOCK_CREATE_RULESET_VERSION)), (r, o) -> (int) r, "LANDLOCK_CREATE_RULESET_VERSION");
    }

    /**
     * {@code landlock_create_ruleset(&attr, sizeof attr, 0)}: a ruleset fd (close-on-exec) that handles
     * {@code handledAccessFs}. EINVAL names a right this kernel's ABI does not know.
     *
     * @param handledAccessFs the rights the ruleset denies unless a rule gives them, a mask of {@code ACCESS_FS_*}
     * @return the request; its result is the ruleset's fd
     * @throws IllegalArgumentException if the mask is empty or has bits no ABI defines
     * @since 0.2
     */
    public static SyscallRequest<Integer> createRuleset(long handledAccessFs) {
        checkRights("handledAccessFs", handledAccessFs);
        // struct landlock_ruleset_attr: only handled_access_fs, which every ABI accepts as the whole struct
        return SyscallRequest.of(Syscall.LANDLOCK_CREATE_RULESET, List.of(in(le(handledAccessFs, 8)), word(8),
                word(0)), (r, o) -> (int) r, "handled_access_fs=0x" + Long.toHexString(handledAccessFs));
    }

    /**
     * {@code landlock_add_rule(rulesetFd, LANDLOCK_RULE_PATH_BENEATH, &attr, 0)}: gives {@code allowedAccess}
     * beneath the directory (or on the file) open as {@code parentFd}, best with {@code O_PATH}. A rule on a file
     * may only give {@link #ACCESS_FILE} rights (else EINVAL).
     *
     * @param rulesetFd the ruleset, from {@link #createRuleset}
     * @param allowedAccess the rights given, a subset of those the ruleset handles
     * @param parentFd the directory or file
     * @return the request
     * @throws IllegalArgumentException for a negative fd, or an empty or unknown mask
     * @since 0.2
     */
    public static SyscallRequest<Void> addPathBeneath(int rulesetFd, long allowedAccess, int parentFd) {
        checkFd("rulesetFd", rulesetFd);
        checkFd("parentFd", parentFd);
        checkRights("allowedAccess", allowedAccess);
        // struct landlock_path_beneath_attr is packed: u64 allowed_access, then s32 parent_fd, 12 bytes
        byte[] attr = new byte[12];
        System.arraycopy(le(allowedAccess, 8), 0, attr, 0, 8);
        System.arraycopy(le(parentFd, 4), 0, attr, 8, 4);
        return SyscallRequest.of(Syscall.LANDLOCK_ADD_RULE, List.of(word(rulesetFd), word(LANDLOCK_RULE_PATH_BENEATH),
                in(attr), word(0)), (r, o) -> null, "ruleset=" + rulesetFd, "LANDLOCK_RULE_PATH_BENEATH",
                "allowed_access=0x" + Long.toHexString(allowedAccess), "parent_fd=" + parentFd);
    }

    /**
     * {@code landlock_restrict_self(rulesetFd, 0)}: enforces the ruleset on the caller, for good. EPERM: the caller
     * has neither no_new_privs nor CAP_SYS_ADMIN in its user namespace.
     *
     * @param rulesetFd the ruleset
     * @return the request
     * @throws IllegalArgumentException for a negative fd
     * @since 0.2
     */
    public static SyscallRequest<Void> restrictSelf(int rulesetFd) {
        checkFd("rulesetFd", rulesetFd);
        return SyscallRequest.of(Syscall.LANDLOCK_RESTRICT_SELF, List.of(word(rulesetFd), word(0)), (r, o) -> null,
                "ruleset=" + rulesetFd, "(it needs no_new_privs or CAP_SYS_ADMIN)");
    }

    private static void checkFd(String name, int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + fd);
        }
    }

    static void checkRights(String name, long mask) {
        if (mask == 0 || (mask & ~handledAccess(Integer.MAX_VALUE)) != 0) {
            throw new IllegalArgumentException(name + " must be a non-empty mask of ACCESS_FS_* rights, was 0x"
                    + Long.toHexString(mask));
        }
    }

    private static byte[] le(long v, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }
}
