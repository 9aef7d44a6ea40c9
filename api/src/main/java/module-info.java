// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
/**
 * jsyscall: Linux system calls in any process you control.
 *
 * <p>Layers: {@code near} (raw values), {@code far} (namespace identities), {@code handle} (owning handles that
 * carry their task), and the high-level {@code dev.jsyscall} package. Linux types live where a C programmer
 * looks for them ({@code linux.signal}, {@code linux.wait}, {@code linux.sched}...). Backends plug in through
 * {@code spi}; {@code internal} is not exported.
 */
module dev.jsyscall {
    exports dev.jsyscall;
    exports dev.jsyscall.near;
    exports dev.jsyscall.far;
    exports dev.jsyscall.handle;
    exports dev.jsyscall.struct;
    exports dev.jsyscall.linux;
    exports dev.jsyscall.linux.signal;
    exports dev.jsyscall.linux.wait;
    exports dev.jsyscall.linux.sched;
    exports dev.jsyscall.linux.resource;
    exports dev.jsyscall.linux.time;
    exports dev.jsyscall.linux.mman;
    exports dev.jsyscall.linux.fcntl;
    exports dev.jsyscall.linux.prctl;
    exports dev.jsyscall.linux.mount;
    exports dev.jsyscall.linux.epoll;
    exports dev.jsyscall.linux.stat;
    exports dev.jsyscall.linux.unistd;
    exports dev.jsyscall.linux.eventfd;
    exports dev.jsyscall.linux.poll;
    exports dev.jsyscall.linux.dirent;
    exports dev.jsyscall.linux.cgroup;
    exports dev.jsyscall.linux.seccomp;
    exports dev.jsyscall.linux.capability;
    exports dev.jsyscall.linux.tty;
    exports dev.jsyscall.linux.landlock;
    exports dev.jsyscall.spi;
    exports dev.jsyscall.spi.decorator;

    uses dev.jsyscall.spi.SyscallBackendProvider;
}
