/**
 * {@code <poll.h>}: {@code ppoll} and its event bits, defined once as a {@link dev.jsyscall.linux.SyscallRequest}.
 * Layer rule: depends on no jsyscall package but {@code linux}, {@code near} and {@code struct} (checked by
 * {@code LayeringTest}).
 */
package dev.jsyscall.linux.poll;
