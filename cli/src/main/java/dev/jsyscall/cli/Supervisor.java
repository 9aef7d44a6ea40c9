// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.cli;

import dev.jsyscall.handle.ChildProcess;
import dev.jsyscall.handle.ChildProcessException;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.wait.ChildState;
import java.io.PrintWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps {@code jsyscall run} from stranding its program, as coreutils timeout(1) does: TERM, INT and HUP sent to
 * jsyscall are passed on to the program, and {@code --timeout} counts from before the clone. A child still in
 * set-up when either comes is killed with SIGKILL: until its execve it blocks every other signal, and it runs
 * none of the user's code yet. Like timeout(1), it reports the signals it sends only when asked (--verbose).
 * Once the program runs, the main thread only waits for it; the JVM's signal handler
 * threads and one timer thread do the signalling, one at a time under this object's lock.
 */
final class Supervisor implements AutoCloseable {
    /**
     * What is passed on. timeout(1) passes on QUIT too, but HotSpot keeps QUIT for its thread dumps and refuses to
     * hand it over ("Signal already used by VM or OS: SIGQUIT"), so QUIT still makes the JVM print one.
     */
    static final List<Signal> FORWARDED = List.of(Signal.SIGTERM, Signal.SIGINT, Signal.SIGHUP);

    private final String program;
    private final PrintWriter err;
    /** --verbose: report each signal sent; failures are reported either way. */
    private final boolean verbose;
    /** Whether signals go to the program's process group rather than to the program alone. */
    private final boolean toGroup;
    /** Null without --timeout; then so is everything below that belongs to it. */
    private final Duration timeout;
    private final String timeoutText;
    private final Signal killSignal;
    private final Duration grace;
    private final String graceText;

    /** The JVM's handlers, given back by {@link #close()}. */
    private final Map<Signal, Object> previous = new LinkedHashMap<>();
    private ScheduledExecutorService timer;

    // guarded by this
    private ChildProcess child;
    private boolean execd;
    private boolean done;
    /** The first signal received before the program ran: the child was (or is to be) killed for it. */
    private Signal setupSignal;
    /** --timeout expired before the program ran: the child was (or is to be) killed. */
    private boolean setupTimedOut;
    private boolean setupKillSent;
    /** How long a signal received during set-up may take to end the child before it is killed with SIGKILL. */
    private static final long SETUP_KILL_DELAY_MS = 200;
    /** --timeout expired while the program ran. */
    private boolean timedOut;

    Supervisor(String program, PrintWriter err, boolean verbose, boolean toGroup, Duration timeout, String timeoutText,
               Signal killSignal, Duration grace, String graceText) {
        this.program = program;
        this.err = err;
        this.verbose = verbose;
        this.toGroup = toGroup;
        this.timeout = timeout;
        this.timeoutText = timeoutText;
        this.killSignal = killSignal;
        this.grace = grace;
        this.graceText = graceText;
    }

    /** Installs the signal handlers and starts the timeout: call it before the clone. */
    void start() {
        for (Signal sig : FORWARDED) {
            // under nohup(1) the JVM leaves HUP ignored and returns SIG_IGN here: the program inherits the ignore
            previous.put(sig, JvmSignals.handle(sig, JvmSignals.handler(() -> received(sig))));
        }
        if (timeout != null) {
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
                Thread th = new Thread(r, "jsyscall-timeout");
                th.setDaemon(true);
                return th;
            });
            t.setRemoveOnCancelPolicy(true);
            timer = t;
            t.schedule(() -> reporting(this::expire), timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** The {@code Spawn.whenCloned} observer: from now on the child can be killed. */
    void cloned(ChildProcess c) {
        synchronized (this) {
            child = c;
            if (setupSignal != null) {
                killInSetup("received " + setupSignal + " before its set-up");
            } else if (setupTimedOut) {
                killInSetup("timed out after " + timeoutText + " before its set-up");
            }
        }
    }

    /** The program was exec'd: signals are passed on from now on. */
    synchronized void running() {
        execd = true;
    }

    /** Whether the child was killed (or is being killed) before its program ran. */
    synchronized boolean killedInSetup() {
        return setupKillSent;
    }

    /** For --json: null without --timeout. */
    synchronized Boolean timedOut() {
        return timeout == null ? null : setupTimedOut || timedOut;
    }

    /**
     * The exit status, as timeout(1) computes it: 128+N for signal N received before the program ran, 124 when
     * the time ran out (128+9 if SIGKILL ended the program then), else the program's own.
     */
    synchronized int exitStatus(ChildState state) {
        if (setupSignal != null && setupKillSent) {
            return 128 + setupSignal.number();
        }
        if (setupTimedOut) {
            return RunCommand.TIMED_OUT;
        }
        if (timedOut && state.killedBy().equals(java.util.Optional.of(Signal.SIGKILL))) {
            return 128 + Signal.SIGKILL.number();
        }
        return timedOut ? RunCommand.TIMED_OUT : state.shellStatus();
    }

    /** A forwarded signal arrived (package-private for tests, which cannot raise one at a chosen moment). */
    void received(Signal sig) {
        synchronized (this) {
            if (done) {
                return;
            }
            if (!execd) {
                if (setupSignal == null && !setupTimedOut) {
                    setupSignal = sig;
                }
                if (child != null) {
                    // the child may have exec'd a moment ago (we learn it when its channel reaches EOF): send the
                    // signal itself, which the child blocks while in set-up, and SIGKILL only a child still in
                    // set-up a moment later (it may be stuck in a syscall, where a blocked signal cannot reach it).
                    // A program that has exec'd may have started others in its group already: the group gets it
                    // too (ESRCH while the child leads no group yet; the unreaped child's pid names no other group)
                    report(who() + ": received " + sig + ", sending it on" + (toGroup ? " to its process group" : ""));
                    signal(sig, false);
                    if (toGroup) {
                        signal(sig, true);
                    }
                    CompletableFuture.delayedExecutor(SETUP_KILL_DELAY_MS, TimeUnit.MILLISECONDS)
                            .execute(() -> reporting(() -> killIfStillInSetup(sig)));
                }
                return;
            }
            report(who() + ": received " + sig + ", sending it on" + (toGroup ? " to its process group" : ""));
            // timeout(1) passes INT on as well: a program in our process group that got it from the terminal
            // gets it twice then, and sees two only if it handled the first before the second came (pending
            // standard signals merge). A `kill -INT` aimed at jsyscall alone must reach the program.
            send(sig);
        }
    }

    private void expire() {
        synchronized (this) {
            if (done) {
                return;
            }
            if (!execd) {
                if (setupSignal == null) {
                    setupTimedOut = true;
                }
                if (child != null) {
                    killInSetup("timed out after " + timeoutText + " during its set-up");
                }
                return;
            }
            timedOut = true;
            report(who() + " timed out after " + timeoutText + ": sending " + killSignal
                    + (toGroup ? " to its process group" : ""));
            send(killSignal);
            if (killSignal != Signal.SIGKILL) {
                timer.schedule(() -> reporting(this::graceOver), grace.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    private synchronized void graceOver() {
        if (done) {
            return;
        }
        report(who() + " still running " + graceText + " after " + killSignal + ": sending SIGKILL");
        send(Signal.SIGKILL);
    }

    private synchronized void killIfStillInSetup(Signal sig) {
        if (!execd && !done) {
            killInSetup("still in set-up " + SETUP_KILL_DELAY_MS + " ms after " + sig);
        }
    }

    /** The child runs no program yet, and nothing else runs in its group: SIGKILL the child alone. */
    private void killInSetup(String why) {
        if (setupKillSent) {
            return;
        }
        setupKillSent = true;
        report(who() + " " + why + ": sending SIGKILL");
        signal(Signal.SIGKILL, false);
    }

    /**
     * Sends {@code sig} as timeout(1) does: to the group, followed by SIGCONT, or to the program alone. A program
     * in a process group of its own is not in the terminal's foreground group, and one that read from the
     * terminal is stopped (SIGTTIN): only SIGKILL ends a stopped process, other signals wait for a SIGCONT.
     */
    private void send(Signal sig) {
        signal(sig, toGroup);
        if (toGroup && sig != Signal.SIGKILL && sig != Signal.SIGCONT) {
            signal(Signal.SIGCONT, true);
        }
    }

    private void signal(Signal sig, boolean group) {
        try {
            if (group) {
                child.killpg(sig);
            } else {
                child.kill(sig);
            }
        } catch (ChildProcessException.NotAlive e) {
            // reaped meanwhile: its state says how it ended
        } catch (ErrnoException e) {
            if (e.errno() != Errno.ESRCH) {   // ESRCH: dead already, not yet reaped
                say(who() + ": " + sig + " not sent: " + e.getMessage());
            }
        }
    }

    /** Runs a timer task; an executor would keep an exception to itself. */
    private void reporting(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            say("jsyscall: --timeout failed: " + e);
        }
    }

    private String who() {
        return "jsyscall: " + program + " (pid " + child.near().id() + ")";
    }

    /** A routine report, as timeout(1) makes them: only with --verbose. */
    private void report(String line) {
        if (verbose) {
            say(line);
        }
    }

    private void say(String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }

    /** Stops the timer and gives the signals back to the JVM: the program's state is known. */
    @Override
    public void close() {
        synchronized (this) {
            done = true;
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        previous.forEach(JvmSignals::handle);
    }

    /**
     * {@code sun.misc.Signal} (module jdk.unsupported) through method handles: javac warns at every mention of it
     * ("internal proprietary API") with no way to suppress that warning, and the build turns warnings into errors.
     */
    private static final class JvmSignals {
        private static final Class<?> HANDLER;
        private static final MethodHandle NEW_SIGNAL;
        private static final MethodHandle HANDLE;
        private static final MethodHandle RUN;

        static {
            try {
                Class<?> signal = Class.forName("sun.misc.Signal");
                HANDLER = Class.forName("sun.misc.SignalHandler");
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                NEW_SIGNAL = lookup.findConstructor(signal, MethodType.methodType(void.class, String.class));
                HANDLE = lookup.findStatic(signal, "handle", MethodType.methodType(HANDLER, signal, HANDLER));
                RUN = MethodHandles.dropArguments(lookup.findVirtual(Runnable.class, "run",
                        MethodType.methodType(void.class)), 1, signal);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private JvmSignals() {
        }

        /** A {@code SignalHandler} that runs {@code action} (on a thread the JVM starts for each signal). */
        static Object handler(Runnable action) {
            return MethodHandleProxies.asInterfaceInstance(HANDLER, RUN.bindTo(action));
        }

        /**
         * {@code Signal.handle}: installs {@code handler} for {@code sig} and returns the one it replaces.
         *
         * @throws IllegalArgumentException if the JVM keeps {@code sig} for itself (QUIT; all of them under -Xrs)
         */
        static Object handle(Signal sig, Object handler) {
            try {
                return (Object) HANDLE.invoke(NEW_SIGNAL.invoke(sig.name().substring("SIG".length())), handler);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("sun.misc.Signal.handle(" + sig + ") failed", e);
            }
        }
    }
}
