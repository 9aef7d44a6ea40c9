// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package org.example.hardened;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Backends;
import dev.jsyscall.Kernel;
import dev.jsyscall.backend.jnr.JnrProvider;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.linux.mount.Mount;
import dev.jsyscall.spi.SyscallBackendProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The refusal itself, which the kit cannot know about: what is refused, what is not, and how it is found. */
class HardenedBackendTest {

    @Test
    @DisplayName("mount in the JVM's own process fails with EPERM before the kernel sees it")
    void mountRefused() {
        try (Kernel kernel = Kernel.open(new HardenedProvider().open())) {
            // a target that does not exist: the kernel would answer ENOENT, so EPERM can only be the backend's
            assertThatThrownBy(() -> kernel.localTask().mount(null, "/nonexistent-" + System.nanoTime(), null,
                    Mount.MS_REC | Mount.MS_PRIVATE, null))
                    .isInstanceOfSatisfying(ErrnoException.class, e -> {
                        assertThat(e.errno()).isEqualTo(Errno.EPERM);
                        assertThat(e.syscall()).isEqualTo("mount");
                    });
            assertThatThrownBy(() -> kernel.localTask().umount2("/nonexistent-" + System.nanoTime(), 0))
                    .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EPERM));
        }
    }

    @Test
    @DisplayName("every syscall of the mount family is refused, and the others reach the kernel")
    void onlyTheMountFamily() {
        try (HardenedBackend backend = new HardenedBackend(new JnrProvider().open())) {
            for (Syscall s : HardenedBackend.REFUSED) {
                if (s.existsOn(backend.arch())) {
                    assertThat(backend.localSyscalls().syscall(s.number(backend.arch()), 0, 0, 0, 0, 0, 0))
                            .as(s.cName()).isEqualTo(-Errno.EPERM.number());
                }
            }
            assertThat(backend.localSyscalls().syscall(Syscall.GETPID.number(backend.arch()), 0, 0, 0, 0, 0, 0))
                    .isEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    @DisplayName("the provider is found through META-INF/services, by its id only, never as the default")
    void discovered() {
        Backends.Discovery discovery = Backends.discover();
        assertThat(discovery.providers().stream().map(SyscallBackendProvider::id).collect(Collectors.toList()))
                .contains(HardenedProvider.ID, "jnr");
        assertThat(Backends.select(HardenedProvider.ID, discovery).id()).isEqualTo(HardenedProvider.ID);
        assertThat(Backends.select(null, discovery).id()).isEqualTo("jnr");
        try (Kernel kernel = Kernel.open(HardenedProvider.ID)) {
            assertThat(kernel.backendId()).isEqualTo(HardenedProvider.ID);
        }
    }
}
