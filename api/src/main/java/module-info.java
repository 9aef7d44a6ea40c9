/**
 * jsyscall: Linux system calls in any process you control.
 *
 * <p>Layers: {@code near} (raw values), {@code far} (namespace identities), {@code handle} (owning handles that
 * carry their task), and the high-level {@code dev.jsyscall} package. Backends plug in through {@code spi}.
 */
module dev.jsyscall {
    exports dev.jsyscall;
    exports dev.jsyscall.near;
    exports dev.jsyscall.far;
    exports dev.jsyscall.handle;
    exports dev.jsyscall.linux;
    exports dev.jsyscall.spi;

    uses dev.jsyscall.spi.SyscallBackendProvider;
}
