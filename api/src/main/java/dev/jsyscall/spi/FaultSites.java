// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.spi;

/**
 * Implemented by a {@link SyscallBackend} that simulates faults (the fake kernel under a simulation): it answers
 * whether a named fault site fires at this call. Backends on the real kernel do not implement it, so on them no
 * site ever fires. Application code asks through {@link dev.jsyscall.Faults#fire}, not through this interface.
 *
 * <pre>{@code
 * final class MyBackend implements SyscallBackend, FaultSites {
 *     public boolean fire(String site) { return plan.fires(site); }
 * }
 * }</pre>
 *
 * @since 0.2
 */
public interface FaultSites {

    /**
     * Whether the site fires at this call: activated per run from the seed and firing with a probability per
     * call, or forced by a replayed list of firings.
     *
     * @param site the site's name, not blank
     * @return true if the caller should take its fault path now
     */
    boolean fire(String site);
}
