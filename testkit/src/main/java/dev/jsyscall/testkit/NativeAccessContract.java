// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.linux.Arch;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.Syscall;
import dev.jsyscall.spi.Availability;
import dev.jsyscall.spi.Capability;
import dev.jsyscall.spi.NativeAccess;
import dev.jsyscall.spi.NativeAccess.NativeFunction;
import dev.jsyscall.spi.NativeAccess.NativeFunction6;
import dev.jsyscall.spi.SyscallBackendProvider;
import dev.jsyscall.testkit.internal.OtherJvm;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real-kernel backend's {@link NativeAccess} and provider must do, checked against the running kernel.
 * A backend's tests extend it once:
 *
 * <pre>{@code
 * class JnrNativeAccessTest extends NativeAccessContract {
 *     JnrNativeAccessTest() { super("jnr", 50); }
 *     protected NativeAccess newAccess() { return new JnrNativeAccess(); }
 *     protected SyscallBackendProvider newProvider() { return new JnrProvider(); }
 *     protected long libcSymbol(String name) { return Library.getDefault().getSymbolAddress(name); }
 *     protected String reasonOnJava17() { return ""; }
 * }
 * }</pre>
 *
 * <p>Native tests must fail, not skip, when the backend is missing: every test here needs it available.
 *
 * @since 0.1
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.extension.ExtendWith(ConformanceRules.class)
public abstract class NativeAccessContract {
    // <sys/mman.h>, identical on x86_64 and aarch64
    private static final long PROT_READ_WRITE = 0x1 | 0x2;
    private static final long MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
    private static final long PAGE = 4096;

    private final String expectedId;
    private final int expectedPriority;
    private final Arch arch = Arch.current();
    private final long pid = ProcessHandle.current().pid();
    private NativeAccess access;

    /**
     * A contract for a backend whose provider must report {@code expectedId} and {@code expectedPriority}.
     *
     * @param expectedId the provider's id
     * @param expectedPriority the provider's priority
     */
    protected NativeAccessContract(String expectedId, int expectedPriority) {
        this.expectedId = expectedId;
        this.expectedPriority = expectedPriority;
    }

    /**
     * A new native access of the backend under test.
     *
     * @return the access
     */
    protected abstract NativeAccess newAccess();

    /**
     * A new instance of the backend's provider, as ServiceLoader would make it.
     *
     * @return the provider
     */
    protected abstract SyscallBackendProvider newProvider();

    /**
     * The address of a libc function, found with the backend's own symbol lookup.
     *
     * @param name the C name, e.g. {@code "getpid"}
     * @return the address
     */
    protected abstract long libcSymbol(String name);

    /**
     * Why the backend is unavailable on Java 17, or {@code ""} if it is available there.
     *
     * @return the reason, or {@code ""}
     */
    protected abstract String reasonOnJava17();

    private NativeAccess access() {
        if (access == null) {
            access = newAccess();
        }
        return access;
    }

    private long sys(Syscall call, long a0, long a1, long a2, long a3, long a4, long a5) {
        return access().libcSyscall(call.number(arch), a0, a1, a2, a3, a4, a5);
    }

    private long mapPages(int pages) {
        long addr = sys(Syscall.MMAP, 0, pages * PAGE, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0);
        assertThat(addr).as("mmap of %d anonymous pages", pages).isPositive();
        return addr;
    }

    private void unmap(long addr, int pages) {
        assertThat(sys(Syscall.MUNMAP, addr, pages * PAGE, 0, 0, 0, 0)).as("munmap").isZero();
    }

    @Nested
    @DisplayName("libcSyscall")
    class LibcSyscall {
        @Test
        @RuleId("NA1")
        @DisplayName("getpid returns this JVM's pid")
        void getpid() {
            assertThat(sys(Syscall.GETPID, 0, 0, 0, 0, 0, 0)).isEqualTo(pid);
        }

        @Test
        @RuleId("NA2")
        @DisplayName("a failing syscall returns -errno: close(-1) is -EBADF")
        void errno() {
            assertThat(sys(Syscall.CLOSE, -1, 0, 0, 0, 0, 0)).isEqualTo(-Errno.EBADF.number()).isEqualTo(-9);
        }
    }

    @Nested
    @DisplayName("bind")
    class Bind {
        @Test
        @RuleId("NA3")
        @DisplayName("a bound native function runs: libc's syscall(SYS_getpid) returns the pid")
        void callsTheFunction() {
            NativeFunction syscall = access().bind(libcSymbol("syscall"));
            assertThat(syscall.invoke(Syscall.GETPID.number(arch), 0, 0, 0, 0, 0, 0)).isEqualTo(pid);
        }

        @Test
        @RuleId("NA4")
        @DisplayName("all seven arguments arrive: mmap's offset, the seventh, decides between EINVAL and a mapping")
        void passesSevenArguments() {
            NativeFunction syscall = access().bind(libcSymbol("syscall"));
            int mmap = Syscall.MMAP.number(arch);
            // the kernel refuses an offset that is not page-aligned before anything else; libc's syscall
            // reports that as -1 (its errno is not ours to read: bound functions do not save it)
            assertThat(syscall.invoke(mmap, 0, PAGE, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 1))
                    .as("mmap with offset 1").isEqualTo(-1);
            long addr = syscall.invoke(mmap, 0, PAGE, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0);
            assertThat(addr).as("mmap with offset 0").isPositive();
            unmap(addr, 1);
        }

        @Test
        @RuleId("NA5")
        @DisplayName("all six arguments of a six-argument binding arrive: mremap to a fixed address, the sixth,"
                + " returns that address")
        void passesSixArguments() {
            NativeFunction6 syscall = access().bind6(libcSymbol("syscall"));
            assertThat(syscall.invoke(Syscall.GETPID.number(arch), 0, 0, 0, 0, 0)).isEqualTo(pid);
            long region = access().libcSyscall(Syscall.MMAP.number(arch), 0, 2 * PAGE, PROT_READ_WRITE,
                    MAP_PRIVATE_ANONYMOUS, -1, 0);
            assertThat(region).as("mmap of two pages").isPositive();
            long target = region + PAGE;
            // MREMAP_MAYMOVE | MREMAP_FIXED: the page moves to new_address, mremap's fifth argument (the sixth
            // of syscall()), or fails with EINVAL when that arrives as anything but a page-aligned address
            long moved = syscall.invoke(Syscall.MREMAP.number(arch), region, PAGE, PAGE, 1 | 2, target);
            unmap(region, 2);
            assertThat(moved).isEqualTo(target);
        }

        @Test
        @RuleId("NA6")
        @DisplayName("binding address 0 is refused before any call")
        void refusesNull() {
            assertThatThrownBy(() -> access().bind(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("address");
            assertThatThrownBy(() -> access().bind6(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("address");
        }
    }

    @Nested
    @DisplayName("memory")
    class Memory {
        @Test
        @RuleId("NA7")
        @DisplayName("bytes written are what the kernel reads, and bytes the kernel writes are what read returns")
        void roundTripThroughTheKernel() {
            long page = mapPages(1);
            try {
                // pipe2 makes the kernel write two ints into our memory; read must see them
                assertThat(sys(Syscall.PIPE2, page, 0, 0, 0, 0, 0)).as("pipe2").isZero();
                byte[] fdBytes = new byte[8];
                access().read(page, fdBytes, 0, 8);
                ByteBuffer fds = ByteBuffer.wrap(fdBytes).order(ByteOrder.nativeOrder());
                int readFd = fds.getInt();
                int writeFd = fds.getInt();
                try {
                    assertThat(readFd).isGreaterThanOrEqualTo(0);
                    assertThat(writeFd).isGreaterThanOrEqualTo(0).isNotEqualTo(readFd);

                    byte[] pattern = new byte[300];
                    for (int i = 0; i < pattern.length; i++) {
                        pattern[i] = (byte) (i * 7 + 1);
                    }
                    // offsets into the arrays, so that off is honoured and not just len
                    access().write(page + 16, pattern, 10, 200);
                    assertThat(sys(Syscall.WRITE, writeFd, page + 16, 200, 0, 0, 0)).isEqualTo(200);
                    assertThat(sys(Syscall.READ, readFd, page + 2048, 200, 0, 0, 0)).isEqualTo(200);
                    byte[] back = new byte[210];
                    access().read(page + 2048, back, 5, 200);
                    assertThat(back).startsWith(new byte[5]);
                    for (int i = 0; i < 200; i++) {
                        assertThat(back[5 + i]).as("byte %d", i).isEqualTo(pattern[10 + i]);
                    }
                } finally {
                    sys(Syscall.CLOSE, readFd, 0, 0, 0, 0, 0);
                    sys(Syscall.CLOSE, writeFd, 0, 0, 0, 0, 0);
                }
            } finally {
                unmap(page, 1);
            }
        }

        @Test
        @RuleId("NA8")
        @DisplayName("a range outside the array is refused before memory is touched")
        void refusesBadRanges() {
            long page = mapPages(1);
            try {
                assertThatThrownBy(() -> access().write(page, new byte[] {1, 2, 3, 4}, 2, 4))
                        .isInstanceOf(IndexOutOfBoundsException.class);
                assertThatThrownBy(() -> access().write(page, new byte[] {1, 2, 3, 4}, -1, 2))
                        .isInstanceOf(IndexOutOfBoundsException.class);
                assertThatThrownBy(() -> access().read(page, new byte[4], 0, 5))
                        .isInstanceOf(IndexOutOfBoundsException.class);
                assertThatThrownBy(() -> access().read(page, null, 0, 1))
                        .isInstanceOf(NullPointerException.class)
                        .hasMessageContaining("dst");
                assertThatThrownBy(() -> access().write(page, null, 0, 1))
                        .isInstanceOf(NullPointerException.class)
                        .hasMessageContaining("src");
                byte[] untouched = new byte[8];
                access().read(page, untouched, 0, 8);
                assertThat(untouched).as("the refused writes wrote nothing").containsOnly(0);
            } finally {
                unmap(page, 1);
            }
        }
    }

    @Nested
    @DisplayName("provider")
    class Provider {
        @Test
        @RuleId("NA9")
        @DisplayName("has the expected id and priority")
        void identity() {
            SyscallBackendProvider provider = newProvider();
            assertThat(provider.id()).isEqualTo(expectedId);
            assertThat(provider.priority()).isEqualTo(expectedPriority);
            assertThat(provider.selectableByDefault()).isTrue();
        }

        @Test
        @RuleId("NA10")
        @DisplayName("is available on this machine")
        void available() {
            Availability availability = newProvider().availability();
            assertThat(availability.isAvailable()).as("%s", availability).isTrue();
            assertThat(availability.reason()).isEmpty();
        }

        @Test
        @RuleId("NA11")
        @DisplayName("probes once: every call and every instance answers with the same availability object")
        void probedOnce() {
            SyscallBackendProvider provider = newProvider();
            Availability first = provider.availability();
            assertThat(provider.availability()).isSameAs(first);
            assertThat(newProvider().availability()).isSameAs(first);
            assertThat(newProvider().capabilities()).isSameAs(provider.capabilities());
        }

        @Test
        @RuleId("NA12")
        @DisplayName("offers the real-kernel capabilities, and PIDFD exactly when this kernel has pidfd_open")
        void capabilities() {
            long pidfd = sys(Syscall.PIDFD_OPEN, pid, 0, 0, 0, 0, 0);
            boolean kernelHasPidfd = pidfd >= 0;
            if (kernelHasPidfd) {
                sys(Syscall.CLOSE, pidfd, 0, 0, 0, 0, 0);
            }
            assertThat(newProvider().capabilities())
                    .contains(Capability.REAL_KERNEL, Capability.DRIVEN_CHILDREN, Capability.EXEC_REAL_PROGRAMS)
                    .doesNotContain(Capability.PRIVILEGED_NAMESPACES)
                    .matches(caps -> caps.contains(Capability.PIDFD) == kernelHasPidfd,
                            "contains PIDFD iff pidfd_open(getpid()) works (it returned " + pidfd + ")");
        }

        @Test
        @RuleId("NA13")
        @DisplayName("is discovered by ServiceLoader")
        void discovered() {
            List<SyscallBackendProvider> found = ServiceLoader.load(SyscallBackendProvider.class).stream()
                    .map(ServiceLoader.Provider::get)
                    .filter(p -> p.id().equals(expectedId))
                    .collect(Collectors.toList());
            assertThat(found).hasSize(1);
            assertThat(found.get(0)).hasSameClassAs(newProvider());
        }
    }

    @Nested
    @DisplayName("provider in another JVM")
    class OtherJvms {
        @TempDir
        Path dir;

        @Test
        @RuleId("NA14")
        @DisplayName("on Java 17 discovery loads the provider, and it says whether it works there")
        void onJava17() throws Exception {
            Path java17 = OtherJvm.requireJdk(feature -> feature == 17, "JDK 17");
            OtherJvm.Listing run = OtherJvm.listProviders(java17, OtherJvm.testClassPath(), dir);
            assertThat(run.exitStatus()).as("%s", run).isZero();
            String reason = reasonOnJava17();
            assertThat(run.lines()).contains(expectedId + "|" + reason.isEmpty() + "|" + reason);
        }

        @Test
        @RuleId("NA15")
        @DisplayName("with native access denied the provider is unavailable and names the flag that fixes it")
        void nativeAccessDenied() throws Exception {
            // --illegal-native-access exists since JDK 24 (JEP 472)
            Path java = OtherJvm.requireJdk(feature -> feature >= 24, "JDK 24+");
            OtherJvm.Listing run = OtherJvm.listProviders(java, OtherJvm.testClassPath(), dir,
                    "--illegal-native-access=deny");
            assertThat(run.exitStatus()).as("%s", run).isZero();
            assertThat(run.lines()).filteredOn(line -> line.startsWith(expectedId + "|")).singleElement()
                    .asString()
                    .startsWith(expectedId + "|false|native access is denied to ")
                    .endsWith("run java with --enable-native-access=ALL-UNNAMED");
        }
    }
}
