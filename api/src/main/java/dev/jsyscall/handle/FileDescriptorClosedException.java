package dev.jsyscall.handle;

/**
 * A {@link FileDescriptor} was used after {@link FileDescriptor#close}. Raised before any syscall: the number may
 * already belong to another file.
 *
 * @since 0.1
 */
public final class FileDescriptorClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public FileDescriptorClosedException(String message) {
        super(message);
    }
}
