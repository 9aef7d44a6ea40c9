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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
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
 * <p><b>Lifecycle.</b> The kernel is opened lazily, on first injection, once per injector. The module owns what
 * it opened: {@link #close()} closes every kernel its injectors opened, so the code that created the injector
 * closes the module when the application (or the injector's scope) ends, and nothing else closes the kernel. After
 * that, injecting a kernel fails instead of opening a new one:
 *
 * <pre>{@code
 * try (SyscallModule syscalls = SyscallModule.selected()) {
 *     Injector injector = Guice.createInjector(syscalls, new AppModule());
 *     injector.getInstance(App.class).run();
 * }   // the kernel, its local task and the backend are closed here
 * }</pre>
 *
 * <p>On the module path, {@code dev.jsyscall.guice} opens its package to {@code com.google.guice} alone, which calls
 * the module's package-private {@code @Provides} methods.
 *
 * <p>The kernel's {@code KernelTime}, {@code Clock} and one {@code ScheduledExecutorService} are bound too; the
 * executor shuts down when its kernel closes.
 *
 * <p><b>Application threads.</b> An unqualified {@link ThreadFactory} and one {@link ExecutorService} (singleton)
 * are bound for the application's own threads and tasks: on a real backend a factory of plain platform threads and
 * a cached pool of them; on the fake, {@code FakeKernel.threads()} and an executor of those threads, whose
 * {@code Future.get} and {@code awaitTermination} are points of the fake's turn, so that a run of several
 * application threads replays from its seed (docs/dst.md, section 11). The executor is shut down by {@link
 * #close()}. {@code ExecutorService} and {@code ScheduledExecutorService} are distinct keys: the scheduled one is
 * on the kernel's clock, this one is not.
 *
 * <pre>{@code
 * class Workers {
 *     @Inject Workers(ExecutorService pool, LocalTask task) { ... }   // the fake's turn under simulation
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class SyscallModule extends AbstractModule implements AutoCloseable {
    private final Supplier<Kernel> opener;
    private final String description;
    private final List<Kernel> opened = new ArrayList<>();   // guarded by this
    private final List<ExecutorService> executors = new ArrayList<>();   // guarded by this
    private boolean closed;                                  // guarded by this

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
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException(this + " is closed, and closed the kernels it opened; create the"
                        + " injector with a new SyscallModule");
            }
            Kernel kernel = opener.get();
            opened.add(kernel);
            return kernel;
        }
    }

    /**
     * Shuts down the application executors it bound, then closes every kernel this module's injectors opened, the
     * latest first, and refuses to open more; a second call does nothing. A kernel no injector asked for was never opened, and is not opened now.
     *
     * <pre>{@code
     * SyscallModule syscalls = SyscallModule.forBackend("ffm");
     * Runtime.getRuntime().addShutdownHook(new Thread(syscalls::close));
     * }</pre>
     *
     * @since 0.2
     */
    @Override
    public void close() {
        List<Kernel> toClose;
        List<ExecutorService> toShutDown;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(opened);
            opened.clear();
            toShutDown = new ArrayList<>(executors);
            executors.clear();
        }
        // running tasks finish (or meet the closed kernel); nothing new starts on a kernel that is going away
        toShutDown.forEach(ExecutorService::shutdown);
        RuntimeException failure = null;
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (RuntimeException e) {
                // the others are still closed; the first failure is thrown, later ones ride along
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
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

    @Provides
    ThreadFactory applicationThreads(Kernel kernel) {
        return kernel.backend().applicationThreads();
    }

    @Provides
    @Singleton
    ExecutorService applicationExecutor(Kernel kernel) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException(this + " is closed; create the injector with a new SyscallModule");
            }
            ExecutorService e = kernel.backend().newApplicationExecutor();
            executors.add(e);
            return e;
        }
    }

    @Override
    public String toString() {
        return "SyscallModule(" + description + ")";
    }
}
