// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.Command;
import dev.jsyscall.Spawn;
import dev.jsyscall.linux.fcntl.Fcntl;
import dev.jsyscall.linux.mount.Mount;
import dev.jsyscall.linux.resource.Resource;
import dev.jsyscall.linux.resource.Resources;
import dev.jsyscall.linux.resource.Rlimit;
import dev.jsyscall.linux.signal.Signal;
import dev.jsyscall.linux.signal.Signals;
import dev.jsyscall.linux.stat.Stat;
import dev.jsyscall.linux.unistd.Unistd;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SyscallRequestTest {
    @Test
    @DisplayName("a request prints as its syscall and the arguments that matter, and equals one made alike")
    void printsAndCompares() {
        assertThat(Unistd.chdir("/tmp")).hasToString("chdir(path=/tmp)").isEqualTo(Unistd.chdir("/tmp"))
                .isNotEqualTo(Unistd.chdir("/var"));
        assertThat(Stat.umask(027)).hasToString("umask(027)");
        assertThat(Resources.prlimit(Resource.RLIMIT_NOFILE, new Rlimit(64, 64)))
                .isEqualTo(Resources.prlimit(Resource.RLIMIT_NOFILE, new Rlimit(64, 64)))
                .isNotEqualTo(Resources.prlimit(Resource.RLIMIT_NOFILE, new Rlimit(64, 128)));
        assertThat(Unistd.chdir("/tmp").hashCode()).isEqualTo(Unistd.chdir("/tmp").hashCode());
    }

    @Test
    @DisplayName("arguments described lazily print as name=value and compare by value, in traces and errors alike")
    void lazyDescriptions() {
        assertThat(Unistd.close(7)).hasToString("close(fd=7)").isEqualTo(Unistd.close(7))
                .isNotEqualTo(Unistd.close(8));
        assertThat(Unistd.close(7).hashCode()).isEqualTo(Unistd.close(7).hashCode());
        assertThat(dev.jsyscall.linux.wait.Wait.waitid(dev.jsyscall.linux.wait.IdType.P_PIDFD, 5, 0, 0x5, 0))
                .hasToString("waitid(P_PIDFD, id=5, options=0x5)");
        assertThat(Unistd.closeRange(3, -1, 0)).hasToString("close_range(first=3, last=4294967295, flags=0)");
        assertThat(dev.jsyscall.linux.poll.Poll.ppoll(new int[] {4, 9}, new int[] {1, 4}, -1))
                .hasToString("ppoll(fds=[4, 9], events=[0x1, 0x4], timeout=NULL)")
                .isEqualTo(dev.jsyscall.linux.poll.Poll.ppoll(new int[] {4, 9}, new int[] {1, 4}, -1))
                .isNotEqualTo(dev.jsyscall.linux.poll.Poll.ppoll(new int[] {4, 9}, new int[] {1, 1}, -1));
        assertThat(dev.jsyscall.linux.poll.Poll.ppoll(new int[] {4}, new int[] {1}, 1500))
                .hasToString("ppoll(fds=[4], events=[0x1], timeout=1500ns)");
        assertThatThrownBy(() -> Unistd.close(7).check(-Errno.EBADF.number()))
                .isInstanceOf(ErrnoException.class).hasMessageContaining("close(fd=7)");
        assertThatThrownBy(() -> SyscallRequest.named(null, 1)).isInstanceOf(NullPointerException.class)
                .hasMessage("name");
    }

    @Test
    @DisplayName("memory arguments are described by their bytes, and a request never shares them with its caller")
    void memoryArguments() {
        SyscallRequest<Void> cd = Unistd.chdir("/a");
        assertThat(cd.usesMemory()).isTrue();
        SyscallRequest.In path = (SyscallRequest.In) cd.args().get(0);
        byte[] bytes = path.bytes();
        assertThat(bytes).containsExactly('/', 'a', 0);
        bytes[0] = 'X';
        assertThat(path.bytes()[0]).isEqualTo((byte) '/');
        assertThat(Unistd.setpgid(0, 0).usesMemory()).isFalse();
    }

    @Test
    @DisplayName("a request knows its argument words and the layout of its memory arguments, so runners need not"
            + " work them out per call")
    void wordsAndLayout() {
        SyscallRequest<Void> pgid = Unistd.setpgid(12, 34);
        assertThat(new long[] {pgid.wordArg(0), pgid.wordArg(1), pgid.wordArg(2), pgid.wordArg(5)})
                .containsExactly(12, 34, 0, 0);
        assertThat(pgid.memorySize()).isZero();
        assertThat(pgid.memoryOffset(0)).isEqualTo(-1);
        assertThatThrownBy(() -> pgid.wordArg(6)).isInstanceOf(IndexOutOfBoundsException.class);
        // a word, 3 bytes in, a word, 5 bytes out: each memory argument 8-byte aligned in one allocation
        SyscallRequest<Long> mixed = SyscallRequest.of(Syscall.READ, List.of(SyscallRequest.word(7),
                SyscallRequest.in(new byte[] {1, 2, 3}), SyscallRequest.word(9), SyscallRequest.out(5)),
                SyscallRequest.rawResult());
        assertThat(new int[] {mixed.memoryOffset(0), mixed.memoryOffset(1), mixed.memoryOffset(2),
                mixed.memoryOffset(3)}).containsExactly(-1, 0, -1, 8);
        assertThat(mixed.memorySize()).isEqualTo(13);
        assertThatThrownBy(() -> mixed.wordArg(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("memory arguments");
        assertThatThrownBy(() -> mixed.memoryOffset(4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    @DisplayName("bad arguments are refused when the request is made, before any syscall, naming the argument")
    void refusesBadArguments() {
        assertThatThrownBy(() -> Stat.umask(01000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("umask");
        assertThatThrownBy(() -> Unistd.closeRange(5, 3, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("first=5");
        assertThatThrownBy(() -> Unistd.chdir("a\0b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("path must not contain a NUL");
        assertThatThrownBy(() -> Mount.mount(null, "", null, 0, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target");
        assertThatThrownBy(() -> Signals.ignore(Signal.SIGKILL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SIGKILL");
        assertThatThrownBy(() -> Fcntl.setFdFlags(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fd must be >= 0");
        assertThatThrownBy(() -> SyscallRequest.out(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a Spawn's steps are values: printable, comparable, made of the same requests")
    void spawnStepsAreValues() {
        Spawn a = Spawn.of(Command.of("/bin/true")).cwd("/tmp").umask(027).step(Unistd.setpgid(0, 0));
        Spawn b = Spawn.of(Command.of("/bin/true")).cwd("/tmp").umask(027).step(Unistd.setpgid(0, 0));
        assertThat(a.steps()).isEqualTo(b.steps());
        assertThat(a.steps().get(0).calls()).containsExactly(Unistd.chdir("/tmp"));
        assertThat(a.steps()).extracting(Object::toString)
                .containsExactly("chdir(path=/tmp)", "umask(027)", "setpgid(pid=0, pgid=0)");
        assertThat(a.toString()).contains("[chdir(path=/tmp), umask(027), setpgid(pid=0, pgid=0)]");
        Spawn then = Spawn.of(Command.of("/bin/true")).then("mine", c -> { });
        assertThat(then.steps().get(0).isAction()).isTrue();
        assertThat(then.steps().get(0).calls()).isEmpty();
        assertThatThrownBy(() -> a.step(SyscallRequest.words(Syscall.EXIT_GROUP, new long[] {0})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exit_group");
        assertThat(List.of(a.steps().get(0))).isNotEqualTo(then.steps());
    }
}
