// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jsyscall.far.NamespaceMismatchException;
import dev.jsyscall.handle.ChildDiedException;
import dev.jsyscall.handle.ChildProcessException;
import dev.jsyscall.handle.FileDescriptorClosedException;
import dev.jsyscall.handle.NotDrivenException;
import dev.jsyscall.handle.PointerStateException;
import dev.jsyscall.linux.Errno;
import dev.jsyscall.linux.ErrnoException;
import dev.jsyscall.linux.Syscall;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsyscallExceptionTest {
    @Test
    @DisplayName("every throwable type the api defines is a JsyscallException")
    void everyApiExceptionIsUnderTheRoot() throws Exception {
        List<Class<?>> throwables = throwablesIn(JsyscallException.class);
        // a scan that found nothing would pass vacuously: pin a few that must be there
        assertThat(throwables).contains(ErrnoException.class, SpawnFailedException.class,
                ChildProcessException.NotAlive.class, NamespaceMismatchException.class);
        assertThat(throwables).allSatisfy(t -> assertThat(t).isAssignableTo(JsyscallException.class));
    }

    @Test
    @DisplayName("handle misuse is neither an IllegalStateException nor an IllegalArgumentException, so a catch of"
            + " those meant for bad input does not take it")
    void misuseIsNotAJdkArgumentOrStateException() {
        for (Class<?> t : List.of(ChildProcessException.class, NotDrivenException.class, PointerStateException.class,
                FileDescriptorClosedException.class, ChildDiedException.class, NamespaceMismatchException.class)) {
            assertThat(t).isAssignableTo(JsyscallException.class);
            assertThat(IllegalStateException.class.isAssignableFrom(t)).as(t + " is an IllegalStateException").isFalse();
            assertThat(IllegalArgumentException.class.isAssignableFrom(t)).as(t + " is an IllegalArgumentException")
                    .isFalse();
        }
    }

    @Test
    @DisplayName("an errno under the root still carries the errno, the syscall and the arguments")
    void errnoKeepsItsParts() {
        RuntimeException e = ErrnoException.of(3, Syscall.KILL.cName(), "pid=4242", "SIGTERM");
        assertThat(e).isInstanceOf(JsyscallException.class).isInstanceOfSatisfying(ErrnoException.class, x -> {
            assertThat(x.errno()).isEqualTo(Errno.ESRCH);
            assertThat(x.syscall()).isEqualTo("kill");
            assertThat(x.arguments()).isEqualTo("pid=4242, SIGTERM");
        });
        assertThat(e).hasMessage("ESRCH (No such process) from kill(pid=4242, SIGTERM)");
    }

    /**
     * Every {@link Throwable} class compiled into the same output directory as {@code anchor}. Reads the directory
     * rather than a fixed list, so that an exception added later cannot escape the check.
     */
    static List<Class<?>> throwablesIn(Class<?> anchor) throws IOException, URISyntaxException {
        Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(root).as("the api's classes are scanned from the build's output directory").isDirectory();
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String rel = root.relativize(f).toString();
                if (!rel.endsWith(".class") || rel.equals("module-info.class")) {
                    continue;
                }
                String name = rel.substring(0, rel.length() - ".class".length()).replace(f.getFileSystem()
                        .getSeparator(), ".");
                Class<?> c;
                try {
                    c = Class.forName(name, false, anchor.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new AssertionError("cannot load " + name + " found in " + root, e);
                }
                if (Throwable.class.isAssignableFrom(c)) {
                    found.add(c);
                }
            }
        }
        return found;
    }
}
