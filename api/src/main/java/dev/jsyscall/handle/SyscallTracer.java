// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.linux.Syscall;
import java.util.Optional;

/**
 * Sees every syscall a driven child runs for us, with its result and how long the round trip took.
 * Install with {@link LocalTask#trace(SyscallTracer)}; called on the thread that made the syscall.
 *
 * <pre>{@code
 * local.trace((pid, call, args, result, nanos) ->
 *         System.err.println(pid + " " + call.map(Syscall::cName).orElse("?") + " = " + result));
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface SyscallTracer {

    /**
     * Called after each syscall a traced child served, on the thread that made it.
     *
     * @param pid    the child's pid
     * @param call   the syscall, if the number is known
     * @param args   the six raw arguments
     * @param result the raw result ({@code -errno} on failure), or empty when the child's channel closed instead
     *               of answering (a successful execve, an exit, a death)
     * @param nanos  the round trip's duration
     */
    void traced(int pid, Optional<Syscall> call, long[] args, java.util.OptionalLong result, long nanos);

    /**
     * Renders one call strace-style: {@code chdir(0x7f.., ...) = 0 <12 us>}, with errno names.
     *
     * @param pid the child's pid
     * @param call the syscall, if known
     * @param args the six raw arguments
     * @param result the raw result, or empty
     * @param nanos the round trip's duration
     * @return the line
     */
    static String format(int pid, Optional<Syscall> call, long[] args, java.util.OptionalLong result, long nanos) {
        StringBuilder sb = new StringBuilder();
        sb.append('[').append(pid).append("] ").append(call.map(Syscall::cName).orElse("syscall")).append('(');
        int n = args.length;
        while (n > 0 && args[n - 1] == 0) {
            n--;
        }
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            long a = args[i];
            sb.append(a > 0xffff || a < -4096 ? "0x" + Long.toHexString(a) : Long.toString(a));
        }
        sb.append(") = ");
        if (result.isEmpty()) {
            sb.append("? (channel closed)");
        } else {
            long r = result.getAsLong();
            if (r < 0 && r >= -4095 && dev.jsyscall.linux.Errno.isDefined((int) -r)) {
                dev.jsyscall.linux.Errno e = dev.jsyscall.linux.Errno.of((int) -r);
                sb.append("-1 ").append(e.name()).append(" (").append(e.message()).append(')');
            } else {
                sb.append(r > 0xffff ? "0x" + Long.toHexString(r) : Long.toString(r));
            }
        }
        return sb.append(" <").append(nanos / 1000).append(" us>").toString();
    }
}
