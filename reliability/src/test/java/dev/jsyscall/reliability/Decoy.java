// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.reliability;

import dev.jsyscall.handle.FileDescriptor;
import dev.jsyscall.handle.LocalTask;
import dev.jsyscall.linux.fcntl.Fcntl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * An application file put on an fd number that a closed handle used to hold: after the handle is misused, the file
 * must be unchanged, still open on that number, and its offset still 0 (a read through the stale number would move
 * it).
 */
final class Decoy implements AutoCloseable {
    private final Path file;
    private final FileDescriptor fd;
    private final String content;
    final int number;

    private Decoy(Path file, FileDescriptor fd, String content, int number) {
        this.file = file;
        this.fd = fd;
        this.content = content;
        this.number = number;
    }

    /** Puts a fresh file on fd {@code n}, which must be free. */
    static Decoy on(LocalTask local, int n) {
        if (Census.fdTarget(n).isPresent()) {
            throw new IllegalStateException("fd " + n + " is not free for a decoy: " + Census.fdTarget(n).get());
        }
        try {
            Path f = Files.createTempFile("jsyscall-decoy-" + n + "-", ".txt");
            String content = "application data on fd " + n + "\n";
            Files.writeString(f, content);
            // the JVM may open the file on n itself (n is the lowest free number): then open it once more
            // elsewhere, so that the decoy on n is an fd of ours rather than one a FileChannel's cleaner may close
            FileChannel first = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileChannel second = null;
            try {
                int m = numberOf(f, -1);
                if (m == n) {
                    second = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    m = numberOf(f, n);
                    first.close();
                }
                FileDescriptor placed = local.fd(m).dup3(n, Fcntl.O_CLOEXEC);
                return new Decoy(f, placed, content, n);
            } finally {
                first.close();
                if (second != null) {
                    second.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int numberOf(Path f, int except) throws IOException {
        try (var ds = Files.newDirectoryStream(Paths.get("/proc/self/fd"))) {
            for (Path p : ds) {
                try {
                    int k = Integer.parseInt(p.getFileName().toString());
                    if (k != except && Files.readSymbolicLink(p).equals(f)) {
                        return k;
                    }
                } catch (IOException e) {
                    // the stream's own fd
                }
            }
        }
        throw new IllegalStateException("the decoy " + f + " is open but not in /proc/self/fd");
    }

    /** What is wrong with the decoy, or null if it is untouched. */
    String damage() {
        try {
            // ISO-8859-1: a stray 56-byte syscall request is binary
            String now = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            if (!now.equals(content)) {
                return "the file on fd " + number + " was changed: " + now.length() + " bytes instead of "
                        + content.length() + " (starts " + printable(now.substring(0, Math.min(64, now.length()))) + ")";
            }
            if (!Census.fdTarget(number).map(t -> t.equals(file.toString())).orElse(false)) {
                return "fd " + number + " no longer holds the application's file: " + Census.fdTarget(number);
            }
            List<String> info = Files.readAllLines(Paths.get("/proc/self/fdinfo/" + number));
            String pos = info.stream().filter(l -> l.startsWith("pos:")).findFirst().orElse("pos: ?");
            if (!pos.replace("\t", " ").trim().equals("pos: 0")) {
                return "the file on fd " + number + " was read or written through the stale number (" + pos + ")";
            }
            return null;
        } catch (IOException e) {
            return "cannot check the file on fd " + number + ": " + e;
        }
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return sb.toString();
    }

    @Override
    public void close() {
        try {
            if (Census.fdTarget(number).map(t -> t.equals(file.toString())).orElse(false)) {
                fd.close();
            } else {
                fd.invalidate(); // a misuse closed or replaced it: the number is no longer ours to close
            }
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
