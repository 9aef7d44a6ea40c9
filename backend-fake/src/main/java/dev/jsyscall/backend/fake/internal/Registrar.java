// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake.internal;

import dev.jsyscall.linux.Syscall;

/**
 * Where a handler unit puts its syscalls (internal): the kernel's dispatch table, seen by the unit as this one
 * method so that registering does not hand the unit the whole kernel.
 */
@FunctionalInterface
interface Registrar {
    void register(Syscall s, Kernel.Handler h);
}
