// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.Command;
import dev.jsyscall.linux.sched.FutexNode;
import dev.jsyscall.linux.sched.Stack;
import dev.jsyscall.near.Pid;

/**
 * A child we created with {@link ProcessTask#clone}, owning the memory it runs on: its stack, the optional
 * {@code ctid} futex node and the optional TLS block. Each is freed exactly once, as soon as the child stops
 * using it: when it dies or execs (exec gives it a fresh address space, so our memory is no longer its stack).
 *
 * @since 0.1
 */
public class ThreadProcess extends ChildProcess {
    private final Pointer<?> usedStack;
    private final Stack stackData;
    private final Pointer<FutexNode> ctid;
    private final Pointer<?> tls;
    /** Run once when the child stops sharing our memory; see {@link SharedMm}. */
    private Runnable unshared;

    ThreadProcess(Task task, Pid pid, Pointer<?> usedStack, Stack stackData, Pointer<FutexNode> ctid,
                         Pointer<?> tls) {
        super(task, pid);
        this.usedStack = usedStack;
        this.stackData = stackData;
        this.ctid = ctid;
        this.tls = tls;
    }

    /**
     * The stack memory (allocation plus data), until freed.
     *
     * @return the stack memory
     */
    public Pointer<?> usedStack() {
        return usedStack;
    }

    /**
     * What was written at the top of the stack when the child started.
     *
     * @return the stack data
     */
    public Stack stackData() {
        return stackData;
    }

    /**
     * The {@code ctid} the child was cloned with, for {@code CLONE_CHILD_CLEARTID}.
     *
     * @return the pointer, or null
     */
    public Pointer<FutexNode> ctid() {
        return ctid;
    }

    /**
     * The thread-local storage the child was cloned with ({@code CLONE_SETTLS}).
     *
     * @return the pointer, or null
     */
    public Pointer<?> tls() {
        return tls;
    }

    /** Frees the stack, ctid and tls if still valid; safe to call more than once. */
    public synchronized void freeEverything() {
        freeIfValid(usedStack);
        freeIfValid(ctid);
        freeIfValid(tls);
    }

    private static void freeIfValid(Pointer<?> p) {
        if (p != null && p.valid()) {
            p.free();
        }
    }

    /**
     * Runs {@code action} once the child has exec'd or died, or now if it already has: from then on it no longer
     * shares our mm.
     */
    synchronized void whenUnshared(Runnable action) {
        if (command().isPresent() || deathState().isPresent()) {
            action.run();
        } else {
            unshared = action;
        }
    }

    private void runUnshared() {
        Runnable action = unshared;
        unshared = null;
        if (action != null) {
            action.run();
        }
    }

    /** Once dead the child no longer runs on our memory. */
    @Override
    void released() {
        try {
            freeEverything();
        } finally {
            runUnshared();
        }
    }

    @Override
    synchronized ChildProcess didExec(Command command) {
        try {
            freeEverything();
        } finally {
            runUnshared();
        }
        return super.didExec(command);
    }

    /** Once exec'd or dead the child no longer runs on our memory, so it shows as a plain ChildProcess. */
    @Override
    protected synchronized String displayName() {
        return command().isPresent() || deathState().isPresent() ? "ChildProcess" : "ThreadProcess";
    }
}
