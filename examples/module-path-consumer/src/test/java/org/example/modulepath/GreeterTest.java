// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package org.example.modulepath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import dev.jsyscall.Backends;
import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.guice.SyscallModule;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GreeterTest {

    @Test
    @DisplayName("on the module path, Guice injects the ffm kernel's task and a program runs through it")
    void spawnsOnTheModulePath() {
        try (SyscallModule syscalls = SyscallModule.forBackend("ffm")) {
            Injector injector = Guice.createInjector(syscalls);
            assertThat(injector.getInstance(Greeter.class).greet("module path")).isEqualTo("hello module path");
            Kernel kernel = injector.getInstance(Kernel.class);
            // every part in a named module: the class path would make these "unnamed module"
            assertThat(Greeter.class.getModule().getName()).isEqualTo("org.example.modulepath");
            assertThat(SyscallModule.class.getModule().getName()).isEqualTo("dev.jsyscall.guice");
            assertThat(Kernel.class.getModule().getName()).isEqualTo("dev.jsyscall");
            assertThat(kernel.backendId()).isEqualTo("ffm");
            assertThat(Backends.discover().providers()).filteredOn(p -> p.id().equals("ffm"))
                    .singleElement().extracting(p -> p.getClass().getModule().getName())
                    .isEqualTo("dev.jsyscall.backend.ffm");
            assertThat(Injector.class.getModule().getName()).isEqualTo("com.google.guice");
        }
    }

    @Test
    @DisplayName("closing the Guice module closes the kernel: its threads end and no kernel is opened again")
    void closingTheModuleClosesTheKernel() throws InterruptedException {
        SyscallModule syscalls = SyscallModule.forBackend("ffm");
        Injector injector = Guice.createInjector(syscalls);
        assertThat(injector.getInstance(Greeter.class).greet("again")).isEqualTo("hello again");
        // an onExit future is completed by the kernel's readiness loop, which is running from then on (a platform
        // thread's own wait, as greet's, polls the child's pidfd itself and starts no loop)
        Kernel kernel = injector.getInstance(Kernel.class);
        try (Spawned s = Spawn.of(Command.of("/bin/true")).start(kernel.localTask())) {
            assertThat(s.process().onExit().join().exitStatus()).isZero();
        }
        assertThat(jsyscallThreads()).contains("jsyscall-poller");
        syscalls.close();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (jsyscallThreads().contains("jsyscall-poller") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(jsyscallThreads()).doesNotContain("jsyscall-poller");
        assertThatThrownBy(() -> Guice.createInjector(syscalls).getInstance(Kernel.class))
                .isInstanceOf(ProvisionException.class)
                .hasRootCauseInstanceOf(IllegalStateException.class);
    }

    private static Set<String> jsyscallThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("jsyscall-")).collect(Collectors.toSet());
    }
}
