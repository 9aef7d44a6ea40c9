// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProcFsTest {
    static final int AT_FDCWD = -100;

    static String slurp(Local l, String path) {
        long fd = l.raw(Syscall.OPENAT, AT_FDCWD, l.cstr(path), 0, 0);
        assertThat(fd).as("open %s", path).isNotNegative();
        String s = l.readAll((int) fd);
        l.ok(Syscall.CLOSE, fd);
        return s;
    }

    static List<String> list(Local l, String path) {
        int dir = (int) l.ok(Syscall.OPENAT, AT_FDCWD, l.cstr(path), 0200000, 0);
        long buf = l.alloc(8192);
        List<String> names = new ArrayList<>();
        long n;
        while ((n = l.ok(Syscall.GETDENTS64, dir, buf, 8192)) > 0) {
            for (long at = buf; at < buf + n;) {
                int reclen = l.getInt(at + 16) & 0xffff;
                byte[] raw = l.bytes(at + 19, reclen - 19);
                int end = 0;
                while (raw[end] != 0) {
                    end++;
                }
                names.add(new String(raw, 0, end, StandardCharsets.UTF_8));
                at += reclen;
            }
        }
        l.ok(Syscall.CLOSE, dir);
        return names;
    }

    static String readlink(Local l, String path) {
        long buf = l.alloc(256);
        long n = l.ok(Syscall.READLINK, l.cstr(path), buf, 256);
        return new String(l.bytes(buf, (int) n), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("/proc/self/fd lists our fds, and readlink names pipes as Linux does")
    void selfFd() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            int[] p = l.pipe(0);
            List<String> fds = list(l, "/proc/self/fd");
            // the directory we opened to list them is there too, as on Linux
            assertThat(fds).containsExactly(".", "..", "0", "1", "2", "3", "4", "5", "6");
            assertThat(readlink(l, "/proc/self/fd/" + p[0])).matches("pipe:\\[\\d+]");
            assertThat(readlink(l, "/proc/self/fd/0")).isEqualTo("/dev/null");
            assertThat(readlink(l, "/proc/2/exe")).isEqualTo("/usr/bin/java");
            assertThat(l.err(Syscall.READLINK, l.cstr("/proc/self/status"), l.alloc(8), 8)).isEqualTo(Errno.EINVAL);
            assertThat(l.err(Syscall.READLINK, l.cstr("/proc/self/fd/99"), l.alloc(8), 8)).isEqualTo(Errno.ENOENT);
            int w = (int) l.ok(Syscall.OPENAT, AT_FDCWD, l.cstr("/proc/self/fd/" + p[1]), 1, 0);
            l.write(w, "via proc");
            assertThat(l.read(p[0], 20)).isEqualTo("via proc");
        }
    }

    @Test
    @DisplayName("/proc/<pid>/status shows state, parent, and the signal masks")
    void status() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            Local.Driven c = l.spawn();
            String st = slurp(l, "/proc/" + c.pid + "/status");
            // R until the scheduler has run its next read and found it must wait, then S
            assertThat(st).containsPattern("State:\t[RS] \\((running|sleeping)\\)\n");
            assertThat(st).contains("Name:\tjava\n", "Pid:\t" + c.pid + "\n",
                    "PPid:\t2\n", "SigBlk:\tfffffffffffbfeff\n", "SigCgt:\t0000000000000000\n");
            assertThat(slurp(l, "/proc/self/status")).contains("SigCgt:\t2000000101005ccf\n", "SigBlk:\t0000000000000000");
            l.ok(Syscall.KILL, c.pid, Local.SIGUSR1);
            l.ok(Syscall.TGKILL, c.pid, c.pid, Local.SIGUSR2);
            // process-directed signals are shared-pending, thread-directed ones private, as on Linux
            assertThat(slurp(l, "/proc/" + c.pid + "/status")).contains("SigPnd:\t0000000000000800\n",
                    "ShdPnd:\t0000000000000200\n");
            l.ok(Syscall.KILL, c.pid, Local.SIGSTOP);
            // as on Linux, the stop takes effect when the child next runs: wait for it
            l.waitid(Local.P_PID, c.pid, Local.WSTOPPED | Local.WNOWAIT);
            assertThat(slurp(l, "/proc/" + c.pid + "/status")).contains("State:\tT (stopped)");
            l.ok(Syscall.KILL, c.pid, Local.SIGKILL);
            l.waitid(Local.P_PID, c.pid, Local.WEXITED | Local.WNOWAIT);
            assertThat(slurp(l, "/proc/" + c.pid + "/status")).contains("State:\tZ (zombie)");
            assertThat(slurp(l, "/proc/" + c.pid + "/stat")).startsWith(c.pid + " (java) Z 2 2 2 0 -1 ");
            l.waitid(Local.P_PID, c.pid, Local.WEXITED);
            assertThat(l.err(Syscall.OPENAT, AT_FDCWD, l.cstr("/proc/" + c.pid + "/status"), 0, 0))
                    .isEqualTo(Errno.ENOENT);
            assertThat(list(l, "/proc")).contains("self", "1", "2");
        }
    }

    @Test
    @DisplayName("/proc is not writable: creating is ENOENT, unlinking EPERM")
    void readOnly() {
        try (FakeKernel k = FakeKernel.builder().build()) {
            Local l = new Local(k);
            assertThat(l.err(Syscall.OPENAT, AT_FDCWD, l.cstr("/proc/x"), 0101, 0644)).isEqualTo(Errno.ENOENT);
            assertThat(l.err(Syscall.MKDIRAT, AT_FDCWD, l.cstr("/proc/self/x"), 0755)).isEqualTo(Errno.ENOENT);
            assertThat(l.err(Syscall.UNLINKAT, AT_FDCWD, l.cstr("/proc/self/status"), 0)).isEqualTo(Errno.EPERM);
            long st = l.alloc(144);
            l.ok(Syscall.NEWFSTATAT, AT_FDCWD, l.cstr("/proc/self/fd/0"), st, 0x100);
            assertThat(l.getInt(st + 24) & 0170000).isEqualTo(0120000);
            l.ok(Syscall.NEWFSTATAT, AT_FDCWD, l.cstr("/proc/self/fd/0"), st, 0);
            assertThat(l.getInt(st + 24) & 0170000).isEqualTo(0020000);
        }
    }
}
