// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.far;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jsyscall.JsyscallException;
import dev.jsyscall.linux.Arch;
import dev.jsyscall.near.Pid;
import dev.jsyscall.spi.Memory;
import dev.jsyscall.spi.SyscallInterface;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NamespaceTest {
    private static final Memory NO_MEMORY = new Memory() {
        @Override
        public void read(long address, byte[] dst, int off, int len) {
            throw new AssertionError("not used");
        }

        @Override
        public void write(long address, byte[] src, int off, int len) {
            throw new AssertionError("not used");
        }
    };

    @Test
    @DisplayName("namespaces are equal only to themselves, even with the same name")
    void identity() {
        FdTable a = new FdTable("same");
        FdTable b = new FdTable("same");
        assertThat(a).isEqualTo(a).isNotEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(System.identityHashCode(a));
        AddressSpace x = new AddressSpace("same", NO_MEMORY);
        AddressSpace y = new AddressSpace("same", NO_MEMORY);
        assertThat(x).isNotEqualTo(y);
        assertThat(new PidNamespace("same")).isNotEqualTo(new PidNamespace("same"));
        assertThat(x.memory()).isSameAs(NO_MEMORY);
    }

    @Test
    @DisplayName("each namespace is labelled with its kind, name and a unique serial")
    void labels() {
        FdTable a = new FdTable("jvm");
        FdTable b = new FdTable("jvm");
        assertThat(a.toString()).matches("FdTable\\(jvm#\\d+\\)");
        assertThat(b.toString()).matches("FdTable\\(jvm#\\d+\\)").isNotEqualTo(a.toString());
        assertThat(new AddressSpace("a", NO_MEMORY).toString()).matches("AddressSpace\\(a#\\d+\\)");
        assertThat(new PidNamespace("p").toString()).matches("PidNamespace\\(p#\\d+\\)");
    }

    @Test
    @DisplayName("mismatch exceptions form a hierarchy under JsyscallException, apart from the JDK's argument errors")
    void exceptions() {
        assertThat(new AddressSpaceMismatchException("m")).isInstanceOf(NamespaceMismatchException.class)
                .isInstanceOf(JsyscallException.class).isNotInstanceOf(IllegalArgumentException.class).hasMessage("m");
        assertThat(new FdTableMismatchException("f")).isInstanceOf(NamespaceMismatchException.class)
                .hasMessage("f");
    }

    @Test
    @DisplayName("a task requires every part and shows its pid and syscall interface")
    void task() {
        SyscallInterface sysif = new SyscallInterface() {
            @Override
            public long syscall(int nr, long a0, long a1, long a2, long a3, long a4, long a5) {
                throw new AssertionError("not used");
            }

            @Override
            public String describe() {
                return "stub";
            }
        };
        FdTable fds = new FdTable("t");
        AddressSpace space = new AddressSpace("t", NO_MEMORY);
        PidNamespace pids = new PidNamespace("t");
        FarTask t = new FarTask(sysif, new Pid(5), fds, space, pids, Arch.X86_64);
        assertThat(t).hasToString("Task(5, stub)");
        assertThat(t.fdTable()).isSameAs(fds);
        assertThat(t.addressSpace()).isSameAs(space);
        assertThat(t.pidNamespace()).isSameAs(pids);
        assertThat(t.arch()).isSameAs(Arch.X86_64);
        assertThat(t.sysif()).isSameAs(sysif);
        assertThatThrownBy(() -> new FarTask(sysif, new Pid(5), null, space, pids, Arch.X86_64))
                .isInstanceOf(NullPointerException.class).hasMessage("fdTable");
        assertThatThrownBy(() -> new FarTask(sysif, new Pid(5), fds, null, pids, Arch.X86_64))
                .isInstanceOf(NullPointerException.class).hasMessage("addressSpace");
        assertThatThrownBy(() -> new AddressSpace("x", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("memory");
    }
}
