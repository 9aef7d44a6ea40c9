// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.linux.dirent.Dirent;
import dev.jsyscall.linux.epoll.Epoll;
import dev.jsyscall.linux.eventfd.EventFd;
import dev.jsyscall.linux.sched.CloneFlag;
import dev.jsyscall.linux.sched.CloneFlags;
import dev.jsyscall.linux.sched.Sched;
import dev.jsyscall.linux.wait.IdType;
import dev.jsyscall.linux.wait.Wait;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DefinitionsTest {
    private static long word(SyscallRequest<?> r, int i) {
        return ((SyscallRequest.Word) r.args().get(i)).value();
    }

    @Test
    @DisplayName("clone puts ctid and tls where each architecture's kernel expects them")
    void cloneArgumentOrder() {
        CloneFlags flags = CloneFlags.of(CloneFlag.VM);
        SyscallRequest<Long> x86 = Sched.clone(Arch.X86_64, flags, 0x1000, 0x2000, 0x3000, 0x4000);
        SyscallRequest<Long> arm = Sched.clone(Arch.AARCH64, flags, 0x1000, 0x2000, 0x3000, 0x4000);
        assertThat(List.of(word(x86, 3), word(x86, 4))).containsExactly(0x3000L, 0x4000L);
        assertThat(List.of(word(arm, 3), word(arm, 4))).containsExactly(0x4000L, 0x3000L);
        assertThat(x86.syscall()).isEqualTo(Syscall.CLONE);
        assertThat(x86.toString()).contains("stack=0x1000");
    }

    @Test
    @DisplayName("epoll_ctl lays the event out as the architecture's struct epoll_event, and DEL passes none")
    void epollEvent() {
        SyscallRequest<Void> add = Epoll.epollCtl(Arch.X86_64, 5, Epoll.EPOLL_CTL_ADD, 7, Epoll.EPOLLIN, 42);
        byte[] event = ((SyscallRequest.In) add.args().get(3)).bytes();
        assertThat(event).hasSize(12);
        ByteBuffer b = ByteBuffer.wrap(event).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0)).isEqualTo(Epoll.EPOLLIN);
        assertThat(b.getLong(4)).isEqualTo(42);
        assertThat(((SyscallRequest.In) Epoll.epollCtl(Arch.AARCH64, 5, Epoll.EPOLL_CTL_ADD, 7, 0, 1).args().get(3))
                .size()).isEqualTo(16);
        assertThat(Epoll.epollCtlDel(5, 7).usesMemory()).isFalse();
        assertThat(Epoll.epollCtlDel(5, 7)).hasToString("epoll_ctl(epfd=5, EPOLL_CTL_DEL, fd=7)");
        assertThatThrownBy(() -> Epoll.epollCtl(Arch.X86_64, 5, Epoll.EPOLL_CTL_DEL, 7, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epollCtlDel");
    }

    @Test
    @DisplayName("an errno of a request names the call and its arguments, and a success is the raw value")
    void checkNamesTheCall() {
        SyscallRequest<Void> w = Wait.waitid(IdType.P_PIDFD, 9, 0x10, 4, 0);
        assertThat(w.check(0)).isZero();
        assertThatThrownBy(() -> w.check(-Errno.ECHILD.number())).isInstanceOf(ErrnoException.class)
                .hasMessageContaining("waitid").hasMessageContaining("P_PIDFD").hasMessageContaining("id=9");
        assertThatThrownBy(() -> EventFd.eventfd2(0, 0100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flags=0100");
    }

    @Test
    @DisplayName("getdents64 records are read up to their NUL, one name per record")
    void direntNames() {
        ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(16, (short) 24).put(19, "12".getBytes(StandardCharsets.US_ASCII)).put(21, (byte) 0);
        b.putShort(24 + 16, (short) 24).put(24 + 19, (byte) '.').put(24 + 20, (byte) 0);
        assertThat(Dirent.names(b.array())).containsExactly("12", ".");
        assertThat(Dirent.getdents64(3, 64).read(48, List.of(new byte[64]))).hasSize(48);
    }

    @Test
    @DisplayName("no syscall of the api is encoded by hand outside its definition: no check of a raw call remains")
    void noHandEncodedSyscalls() throws IOException {
        Path main = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src/main/java");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String[] lines = Files.readString(f).split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    String l = lines[i];
                    boolean comment = l.trim().startsWith("*") || l.trim().startsWith("//");
                    if (!comment && (l.contains("ErrnoException.check(") && !f.endsWith("SyscallRequest.java")
                            && !f.endsWith("ErrnoException.java") || l.contains(".syscall(Syscall."))) {
                        found.add(main.relativize(f) + ":" + (i + 1) + ": " + l.trim());
                    }
                }
            }
        }
        assertThat(found).as("files under %s", main).isEmpty();
    }
}
