// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.linux.Arch;
import dev.jsyscall.spi.Capability;
import dev.jsyscall.spi.SyscallBackend;
import dev.jsyscall.spi.SyscallBackendProvider;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProviderTest {

    @Test
    @DisplayName("the provider is found by ServiceLoader, always available, and never chosen by default")
    void provider() {
        SyscallBackendProvider p = ServiceLoader.load(SyscallBackendProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(x -> x.id().equals("fake")).findFirst().orElseThrow();
        assertThat(p).isInstanceOf(FakeProvider.class);
        assertThat(p.priority()).isZero();
        assertThat(p.selectableByDefault()).isFalse();
        assertThat(p.availability().isAvailable()).isTrue();
        assertThat(p.availability()).isSameAs(p.availability());
        assertThat(p.capabilities()).containsExactlyInAnyOrder(Capability.DRIVEN_CHILDREN, Capability.PIDFD);
    }

    @Test
    @DisplayName("open gives a fake kernel whose local process is pid 2, a child of init")
    void open() {
        try (SyscallBackend b = new FakeProvider().open()) {
            assertThat(b).isInstanceOf(FakeKernel.class);
            assertThat(b.id()).isEqualTo("fake");
            assertThat(b.arch()).isEqualTo(Arch.X86_64);
            assertThat(b.capabilities()).doesNotContain(Capability.REAL_KERNEL, Capability.EXEC_REAL_PROGRAMS,
                    Capability.PRIVILEGED_NAMESPACES);
            Local l = new Local((FakeKernel) b);
            assertThat(l.pid()).isEqualTo(2);
            assertThat(l.ok(dev.jsyscall.linux.Syscall.GETPPID)).isEqualTo(1);
            assertThat(b.serverEntryPoint()).isBetween(0x7f0000000000L, 0x7fffffffffffL);
            assertThat(b.localSyscalls().describe()).contains("fake", "pid 2");
        }
    }

    @Test
    @DisplayName("the seed of open() comes from -Djsyscall.fake.seed, else JSYSCALL_FAKE_SEED, else 0")
    void seedProperty() {
        assertThat(FakeProvider.seed(null, null)).isZero();
        assertThat(FakeProvider.seed(null, "12")).isEqualTo(12);
        assertThat(FakeProvider.seed("7", "12")).isEqualTo(7);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FakeProvider.seed("x", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-Djsyscall.fake.seed=x");
        String old = System.getProperty(FakeProvider.SEED_PROPERTY);
        System.setProperty(FakeProvider.SEED_PROPERTY, "99");
        try (FakeKernel k = (FakeKernel) new FakeProvider().open()) {
            assertThat(k.seed()).isEqualTo(99);
        } finally {
            if (old == null) {
                System.clearProperty(FakeProvider.SEED_PROPERTY);
            } else {
                System.setProperty(FakeProvider.SEED_PROPERTY, old);
            }
        }
    }

    @Test
    @DisplayName("every provider id is unique among those on the class path")
    void uniqueIds() {
        var ids = ServiceLoader.load(SyscallBackendProvider.class).stream().map(x -> x.get().id())
                .collect(Collectors.toList());
        assertThat(ids).doesNotHaveDuplicates().contains("fake");
    }
}
