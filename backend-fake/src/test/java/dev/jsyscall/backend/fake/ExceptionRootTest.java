// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.backend.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.JsyscallException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExceptionRootTest {
    /**
     * Internal control flow that never reaches a caller, by design: each is caught inside the fake, and
     * ProgramUnwind is an Error so that a simulated program's {@code catch (JsyscallException e)} cannot stop it.
     */
    private static final Set<String> INTERNAL = Set.of(
            "dev.jsyscall.backend.fake.internal.SyscallError",
            "dev.jsyscall.backend.fake.internal.ShellLexer$SyntaxError",
            "dev.jsyscall.backend.fake.internal.ProgramThreads$ProgramUnwind");

    @Test
    @DisplayName("every throwable type the fake defines is a JsyscallException, but for internal control flow")
    void everyFakeExceptionIsUnderTheRoot() throws Exception {
        Path root = Path.of(FakeKernel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(root).as("the fake's classes are scanned from the build's output directory").isDirectory();
        List<Class<?>> throwables = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String rel = root.relativize(f).toString();
                if (rel.endsWith(".class") && !rel.equals("module-info.class")) {
                    Class<?> c = Class.forName(rel.substring(0, rel.length() - ".class".length())
                            .replace(f.getFileSystem().getSeparator(), "."), false, FakeKernel.class.getClassLoader());
                    if (Throwable.class.isAssignableFrom(c)) {
                        throwables.add(c);
                    }
                }
            }
        }
        // the internal types are listed by name: if one is renamed or gone, the list must be revisited
        assertThat(throwables).extracting(Class::getName).containsAll(INTERNAL);
        assertThat(throwables).contains(FakeDeadlockException.class, FakeUnsupportedException.class,
                FakeMemoryAccessException.class, FakeProcessDiedException.class);
        assertThat(throwables).filteredOn(c -> !INTERNAL.contains(c.getName()))
                .allSatisfy(c -> assertThat(c).isAssignableTo(JsyscallException.class));
    }

    @Test
    @DisplayName("an operation the fake does not simulate is not an UnsupportedOperationException that code may"
            + " catch to take another path")
    void unsupportedIsNotTheJdkType() {
        assertThat(UnsupportedOperationException.class.isAssignableFrom(FakeUnsupportedException.class)).isFalse();
    }
}
