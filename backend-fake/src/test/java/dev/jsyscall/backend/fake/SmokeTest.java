package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.linux.Syscall;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void getpidAndDrivenEcho() {
        try (FakeKernel k = FakeKernel.builder().seed(1).build()) {
            Local l = new Local(k);
            assertThat(l.pid()).isEqualTo(2);
            int[] out = l.pipe(Local.O_CLOEXEC);
            Local.Driven c = l.spawn();
            assertThat(c.ok(Syscall.GETPID)).isEqualTo(c.pid);
            assertThat(c.ok(Syscall.GETPPID)).isEqualTo(2);
            assertThat(c.ok(Syscall.DUP2, out[1], 1)).isEqualTo(1);
            assertThat(c.exec("/bin/echo", List.of("echo", "hello", "world"), List.of())).isEqualTo(Local.Driven.EOF);
            c.closeChannel();
            l.ok(Syscall.CLOSE, out[1]);
            assertThat(l.readAll(out[0])).isEqualTo("hello world\n");
            Local.Info i = l.waitid(Local.P_PID, c.pid, Local.WEXITED);
            assertThat(i.ret).isZero();
            assertThat(i.code).isEqualTo(Local.CLD_EXITED);
            assertThat(i.status).isZero();
            System.out.println(k.dump());
        }
    }
}
