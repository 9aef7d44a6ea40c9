// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * jsyscall's fake backend: a deterministic simulated Linux kernel that runs the raw syscalls of the SPI over
 * simulated memory, so that code written against jsyscall can be tested without touching the real kernel.
 *
 * <p>Chosen only when asked for by id ({@code -Djsyscall.backend=fake}) or built directly with
 * {@link dev.jsyscall.backend.fake.FakeKernel#builder()}.
 */
module dev.jsyscall.backend.fake {
    requires transitive dev.jsyscall;
    // which Java locks a thread holds, so that the turn of SimulatedThreads is not handed on while it holds one
    requires java.management;

    exports dev.jsyscall.backend.fake;

    provides dev.jsyscall.spi.SyscallBackendProvider with dev.jsyscall.backend.fake.FakeProvider;
}
