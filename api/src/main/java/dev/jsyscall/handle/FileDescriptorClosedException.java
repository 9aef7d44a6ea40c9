// Copyright 2026 the jsyscall authors
// SPDX-License-Identifier: Apache-2.0
package dev.jsyscall.handle;

import dev.jsyscall.JsyscallException;

/**
 * A {@link FileDescriptor} was used after {@link FileDescriptor#close}. Raised before any syscall: the number may
 * already belong to another file.
 *
 * <p>A misuse of the handle, what the JDK would report as an {@code IllegalStateException}; it is not one, so that
 * a {@code catch (IllegalStateException e)} meant for other code does not catch it by accident.
 *
 * @since 0.1
 */
public final class FileDescriptorClosedException extends JsyscallException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with {@code message}.
     *
     * @param message which fd, and what was tried
     */
    public FileDescriptorClosedException(String message) {
        super(message);
    }
}
