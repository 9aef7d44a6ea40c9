// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import dev.jsyscall.Command;
import dev.jsyscall.Kernel;
import dev.jsyscall.KernelTime;
import dev.jsyscall.Spawn;
import dev.jsyscall.Spawned;
import dev.jsyscall.backend.fake.FakeKernel;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.Task;
import dev.jsyscall.spi.BackendUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SyscallModuleTest {

    @Test
    @DisplayName("the selected backend's kernel and local task are bound as singletons, Task to LocalTask")
    void selected() {
        Injector injector = Guice.createInjector(SyscallModule.selected());
        Kernel kernel = injector.getInstance(Kernel.class);
        assertThat(kernel.backendId()).isEqualTo("stub");
        assertThat(injector.getInstance(Kernel.class)).isSameAs(kernel);
        LocalTask task = injector.getInstance(LocalTask.class);
        assertThat(task).isSameAs(kernel.localTask());
        assertThat(task.pid().id()).isEqualTo(4242);
        assertThat(injector.getInstance(Task.class)).isSameAs(task);
        kernel.close();
    }

    @Test
    @DisplayName("an explicit backend id is opened whatever the property says")
    void explicitId() {
        Injector injector = Guice.createInjector(SyscallModule.forBackend("stub"));
        assertThat(injector.getInstance(LocalTask.class).pid().id()).isEqualTo(4242);
        injector.getInstance(Kernel.class).close();
    }

    @Test
    @DisplayName("an unknown backend id fails on injection with the resolution message")
    void unknownId() {
        Injector injector = Guice.createInjector(SyscallModule.forBackend("nope"));
        assertThatThrownBy(() -> injector.getInstance(Kernel.class))
                .isInstanceOf(ProvisionException.class)
                .hasRootCauseInstanceOf(BackendUnavailableException.class)
                .rootCause().hasMessageStartingWith("No jsyscall backend with id 'nope'")
                .hasMessageContaining("'stub' is available");
    }

    @Test
    @DisplayName("an opened backend instance is bound as it is")
    void instance() {
        StubProvider.StubBackend backend = new StubProvider.StubBackend();
        Injector injector = Guice.createInjector(SyscallModule.forBackend(backend));
        Kernel kernel = injector.getInstance(Kernel.class);
        assertThat(kernel.backend()).isSameAs(backend);
        kernel.close();
        assertThat(backend.closed).isTrue();
        assertThat(SyscallModule.forBackend(backend).toString()).isEqualTo("SyscallModule(backend 'stub')");
    }

    @Test
    @DisplayName("closing the module closes the kernel its injector opened, once, and refuses to open another")
    void closeClosesWhatItOpened() {
        StubProvider.StubBackend backend = new StubProvider.StubBackend();
        SyscallModule module = SyscallModule.forBackend(backend);
        Injector injector = Guice.createInjector(module);
        assertThat(injector.getInstance(LocalTask.class).pid().id()).isEqualTo(4242);
        assertThat(backend.closed).isFalse();
        module.close();
        assertThat(backend.closed).isTrue();
        module.close();   // a second close does nothing (the backend would refuse a second close)
        Injector late = Guice.createInjector(module);
        assertThatThrownBy(() -> late.getInstance(Kernel.class))
                .isInstanceOf(ProvisionException.class)
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause().hasMessageContaining("SyscallModule(backend 'stub') is closed");
    }

    @Test
    @DisplayName("each injector of one module gets its own kernel, and closing the module closes them all")
    void closeClosesEveryInjectorsKernel() {
        SyscallModule module = SyscallModule.forBackend("stub");
        Kernel first = Guice.createInjector(module).getInstance(Kernel.class);
        Kernel second = Guice.createInjector(module).getInstance(Kernel.class);
        assertThat(second).isNotSameAs(first);
        module.close();
        assertThat(((StubProvider.StubBackend) first.backend()).closed).isTrue();
        assertThat(((StubProvider.StubBackend) second.backend()).closed).isTrue();
    }

    @Test
    @DisplayName("closing a module whose kernel no one injected opens nothing")
    void closeWithoutInjection() {
        SyscallModule module = SyscallModule.forBackend("nope");   // opening it would fail
        Guice.createInjector(module);
        module.close();
    }

    @Test
    @DisplayName("the kernel's clock, time and scheduled executor are bound, on the fake's virtual time, and closed"
            + " with the kernel")
    void time() throws Exception {
        SyscallModule module = SyscallModule.forBackend(FakeKernel.builder().build());
        Injector injector = Guice.createInjector(module);
        Kernel kernel = injector.getInstance(Kernel.class);
        KernelTime time = injector.getInstance(KernelTime.class);
        assertThat(time).isSameAs(kernel.time());
        Clock clock = injector.getInstance(Clock.class);
        ScheduledExecutorService ses = injector.getInstance(ScheduledExecutorService.class);
        assertThat(injector.getInstance(ScheduledExecutorService.class)).isSameAs(ses);
        Instant before = clock.instant();
        long wall = System.nanoTime();
        ScheduledFuture<Instant> later = ses.schedule(clock::instant, 10, TimeUnit.MINUTES);
        Instant ran = later.get(30, TimeUnit.SECONDS);
        assertThat(Duration.between(before, ran)).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(Duration.ofNanos(System.nanoTime() - wall)).isLessThan(Duration.ofSeconds(10));
        module.close();
        assertThat(ses.isTerminated()).as("the bound executor ends with the module's kernel").isTrue();
    }

    @Test
    @DisplayName("on the fake, the bound thread factory is its threads() and the bound executor runs spawning tasks"
            + " on its turn, with nothing left to chance, and is shut down with the module")
    void applicationThreadsOnTheFake() throws Exception {
        FakeKernel fake = FakeKernel.builder().seed(3).build();
        SyscallModule module = SyscallModule.forBackend(fake);
        Injector injector = Guice.createInjector(module);
        LocalTask task = injector.getInstance(LocalTask.class);
        assertThat(injector.getInstance(ThreadFactory.class)).isSameAs(fake.threads());
        ExecutorService pool = injector.getInstance(ExecutorService.class);
        assertThat(injector.getInstance(ExecutorService.class)).isSameAs(pool);
        Future<Integer> a = pool.submit(() -> exitStatus(task, 3));
        Future<Integer> b = pool.submit(() -> exitStatus(task, 4));
        assertThat(a.get() + b.get()).isEqualTo(7);
        assertThat(fake.nondeterminism()).as("what the seed did not decide").isEmpty();
        module.close();
        assertThat(pool.isShutdown()).as("the bound executor is shut down with the module").isTrue();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @DisplayName("on a real backend, the bound thread factory makes plain threads and the bound executor is a pool of"
            + " them, shut down with the module")
    void applicationThreadsOnARealBackend() throws Exception {
        SyscallModule module = SyscallModule.selected();
        Injector injector = Guice.createInjector(module);
        Kernel kernel = injector.getInstance(Kernel.class);
        assertThat(kernel.backendId()).isEqualTo("stub");
        Thread t = injector.getInstance(ThreadFactory.class).newThread(() -> { });
        assertThat(t.getState()).isEqualTo(Thread.State.NEW);
        assertThat(t.isDaemon()).as("a plain thread, as Executors.defaultThreadFactory makes").isFalse();
        ExecutorService pool = injector.getInstance(ExecutorService.class);
        assertThat(pool.submit(() -> Thread.currentThread()).get()).isNotSameAs(Thread.currentThread());
        module.close();
        assertThat(pool.isShutdown()).isTrue();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).as("its threads end").isTrue();
    }

    private static int exitStatus(LocalTask task, int status) {
        try (Spawned s = Spawn.of(Command.of("/bin/sh", "-c", "exit " + status)).start(task)) {
            return s.process().onExit().join().exitStatus();
        }
    }
}
