// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Backends that wear another backend: {@link dev.jsyscall.spi.decorator.TracingBackend} (strace-like lines),
 * {@link dev.jsyscall.spi.decorator.LatencyBackend} (a delay per syscall) and
 * {@link dev.jsyscall.spi.decorator.FaultInjectingBackend} (an errno Linux can return, at chosen syscalls).
 * Each forwards everything but the local process's syscalls unchanged, so any backend (a third party's too) can
 * wear any of them, and they stack.
 *
 * <p>They see the syscalls the JVM's own process makes through the backend, {@code clone} of driven children
 * included; a driven child's own syscalls travel its channel instead (trace those with
 * {@link dev.jsyscall.handle.LocalTask#trace}). May use {@code spi}, {@code linux} and the tracer interface of
 * {@code handle}.
 *
 * <pre>{@code
 * Kernel k = Kernel.open(TracingBackend.to(System.err::println, new JnrProvider().open()));
 * }</pre>
 *
 * @since 0.2
 */
package dev.jsyscall.spi.decorator;
