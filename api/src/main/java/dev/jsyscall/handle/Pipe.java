// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

/**
 * The two ends of a pipe from {@link Task#pipe2}.
 *
 * @param read  the read end
 * @param write the write end
 * @since 0.1
 */
public record Pipe(FileDescriptor read, FileDescriptor write) implements AutoCloseable {
    /** Closes both ends (each only if still open). */
    @Override
    public void close() {
        try {
            read.close();
        } finally {
            write.close();
        }
    }
}
