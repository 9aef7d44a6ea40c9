// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.jsyscall.Backends;
import dev.jsyscall.Kernel;
import dev.jsyscall.KernelTime;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.handle.Task;
import dev.jsyscall.spi.SyscallBackend;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Binds a jsyscall {@link Kernel} (singleton) and its {@link LocalTask}, also as {@link Task}; and the kernel's time
 * ({@link KernelTime}): a {@link Clock}, and one {@link ScheduledExecutorService} (singleton), so that application
 * code that takes them runs on the real clock in production and on the virtual clock with the fake.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(SyscallModule.selected());      // -Djsyscall.backend or the best
 * Injector fake = Guice.createInjector(SyscallModule.forBackend("fake"));  // an explicit backend
 * LocalTask task = injector.getInstance(LocalTask.class);
 * Clock clock = fake.getInstance(Clock.class);                              // the fake's virtual clock
 * }</pre>
 *
 * <p>The kernel is opened lazily, on first injection; close it yourself ({@code injector.getInstance(
 * Kernel.class).close()}) when the application stops; that also shuts down the bound executor.
 *
 * @since 0.1
 */
public final class SyscallModule extends AbstractModule {
    private final Supplier<Kernel> opener;
    private final String description;

    private SyscallModule(Supplier<Kernel> opener, String description) {
        this.opener = opener;
        this.description = description;
    }

    /**
     * The backend {@link Backends#select()} resolves: {@code jsyscall.backend}, else the best available one.
     *
     * @return the module
     */
    public static SyscallModule selected() {
        return new SyscallModule(Kernel::open, "selected backend");
    }

    /**
     * The backend with this id, whatever the property says.
     *
     * @param id the backend's id, e.g. {@code "ffm"}
     * @return the module
     */
    public static SyscallModule forBackend(String id) {
        Objects.requireNonNull(id, "id");
        return new SyscallModule(() -> Kernel.open(id), "backend '" + id + "'");
    }

    /**
     * An already opened backend (a configured fake kernel, for example).
     *
     * @param backend the opened backend; closing the injected kernel closes it
     * @return the module
     */
    public static SyscallModule forBackend(SyscallBackend backend) {
        Objects.requireNonNull(backend, "backend");
        return new SyscallModule(() -> Kernel.open(backend), "backend '" + backend.id() + "'");
    }

    @Override
    protected void configure() {
        bind(Task.class).to(LocalTask.class);
    }

    @Provides
    @Singleton
    Kernel kernel() {
        return opener.get();
    }

    @Provides
    @Singleton
    LocalTask localTask(Kernel kernel) {
        return kernel.localTask();
    }

    @Provides
    KernelTime time(Kernel kernel) {
        return kernel.time();
    }

    @Provides
    Clock clock(KernelTime time) {
        return time.clock();
    }

    @Provides
    @Singleton
    ScheduledExecutorService scheduledExecutor(KernelTime time) {
        return time.newScheduledExecutor();
    }

    @Override
    public String toString() {
        return "SyscallModule(" + description + ")";
    }
}
