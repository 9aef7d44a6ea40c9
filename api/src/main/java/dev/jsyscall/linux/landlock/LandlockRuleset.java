// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux.landlock;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A Landlock ruleset as a value: which trees a program may read, write or execute beneath, everything else of the
 * file system denied. Given to {@code Spawn.landlock}, the child probes the kernel's ABI, handles every right that
 * ABI knows, opens each path ({@code O_PATH}) and adds its rule, then enforces it after every other set-up step
 * (so redirected files are still opened) and before a seccomp filter. A right the kernel's ABI does not know is
 * neither handled nor given: the ruleset is as strict as the kernel can make it. Paths resolve in the child (after
 * its mounts and {@code chroot}).
 *
 * <pre>{@code
 * LandlockRuleset rules = LandlockRuleset.of().readOnly("/usr").readOnly("/etc").readWrite("/tmp/work");
 * Spawn.of(Command.of("/usr/bin/make")).landlock(rules).start(local);
 * }</pre>
 *
 * @since 0.2
 */
public final class LandlockRuleset {
    /**
     * One rule: {@code access} beneath {@code path}.
     *
     * @param path the directory (or file), resolved in the child
     * @param access the rights, a mask of {@code Landlock.ACCESS_FS_*}
     */
    public record Rule(String path, long access) {
        /**
         * Checks the path and rights.
         *
         * @throws IllegalArgumentException for an empty path, one with a NUL, or an empty or unknown mask
         * @throws NullPointerException for a null path
         */
        public Rule {
            Objects.requireNonNull(path, "path");
            if (path.isEmpty() || path.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("path must be non-empty and without NUL, was '" + path + "'");
            }
            Landlock.checkRights("access", access);
        }

        @Override
        public String toString() {
            String kind = access == Landlock.ACCESS_READ ? "ro" : access == ALL ? "rw"
                    : "0x" + Long.toHexString(access);
            return kind + "=" + path;
        }
    }

    private static final long ALL = Landlock.handledAccess(Integer.MAX_VALUE);
    private static final LandlockRuleset EMPTY = new LandlockRuleset(List.of());

    private final List<Rule> rules;

    private LandlockRuleset(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * A ruleset with no rules yet: enforced as is, it denies the whole file system.
     *
     * @return the empty ruleset
     */
    public static LandlockRuleset of() {
        return EMPTY;
    }

    /**
     * Adds read-only use beneath {@code path}: list directories, read and execute files.
     *
     * @param path the directory or file
     * @return a ruleset with the rule added; this one is unchanged
     * @throws IllegalArgumentException for an empty path or one with a NUL
     */
    public LandlockRuleset readOnly(String path) {
        return allow(path, Landlock.ACCESS_READ);
    }

    /**
     * Adds every right beneath {@code path}: read, write, create, remove, rename, execute.
     *
     * @param path the directory or file
     * @return a ruleset with the rule added; this one is unchanged
     * @throws IllegalArgumentException for an empty path or one with a NUL
     */
    public LandlockRuleset readWrite(String path) {
        return allow(path, ALL);
    }

    /**
     * Adds only execution beneath {@code path} (a dynamically linked program also needs its loader and libraries
     * readable).
     *
     * @param path the directory or file
     * @return a ruleset with the rule added; this one is unchanged
     * @throws IllegalArgumentException for an empty path or one with a NUL
     */
    public LandlockRuleset execute(String path) {
        return allow(path, Landlock.ACCESS_FS_EXECUTE);
    }

    /**
     * Adds {@code access} beneath {@code path}.
     *
     * @param path the directory or file
     * @param access a mask of {@code Landlock.ACCESS_FS_*}
     * @return a ruleset with the rule added; this one is unchanged
     * @throws IllegalArgumentException for an empty path, one with a NUL, or an empty or unknown mask
     */
    public LandlockRuleset allow(String path, long access) {
        List<Rule> more = new ArrayList<>(rules);
        more.add(new Rule(path, access));
        return new LandlockRuleset(more);
    }

    /**
     * The rules, in the order added.
     *
     * @return an unmodifiable list
     */
    public List<Rule> rules() {
        return rules;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LandlockRuleset && ((LandlockRuleset) o).rules.equals(rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    /** {@code landlock(ro=/usr, rw=/tmp)}. */
    @Override
    public String toString() {
        return rules.stream().map(Rule::toString).collect(Collectors.joining(", ", "landlock(", ")"));
    }
}
