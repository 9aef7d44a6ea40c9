// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import dev.jsyscall.spi.FaultSites;
import java.util.Objects;

/**
 * Named fault sites, as FoundationDB's {@code BUGGIFY}: code asks whether to take a rarely-taken path (a slow
 * start, a dropped retry, an early timeout) so that a simulation explores it. Under a simulation each site is
 * switched on or off per run from the seed and then fires with a probability per call, and every firing is
 * recorded, replayable and shrinkable; on the real kernel a site never fires, so the same code runs unchanged in
 * production.
 *
 * <pre>{@code
 * if (Faults.fire(kernel, "supervisor.restart-late")) {
 *     return; // restart at the next round instead
 * }
 * }</pre>
 *
 * @since 0.2
 */
public final class Faults {
    private Faults() {}

    /**
     * Whether the named site fires at this call: always false unless the kernel's backend simulates faults.
     *
     * @param kernel the kernel the code runs on
     * @param site the site's name, not blank and without whitespace, {@code ','} or {@code '='} (it appears in
     *     replay lines)
     * @return true if the caller should take its fault path now
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code site} is blank or has whitespace, {@code ','} or {@code '='}
     */
    public static boolean fire(Kernel kernel, String site) {
        Objects.requireNonNull(kernel, "kernel");
        checkSite(site);
        return kernel.backend() instanceof FaultSites f && f.fire(site);
    }

    static void checkSite(String site) {
        Objects.requireNonNull(site, "site");
        if (site.isEmpty() || site.chars().anyMatch(c -> Character.isWhitespace(c) || c == ',' || c == '=')) {
            throw new IllegalArgumentException("site must be non-empty without whitespace, ',' or '=': \""
                    + site + "\"");
        }
    }
}
